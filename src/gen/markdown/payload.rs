//! The payload block of an event's section: the TypeScript declarations of its payload types,
//! preceded by `PayloadBase` and the enums and DTOs they use, so that the block compiles on its
//! own. The payload types file's macros (`templates/ts/macros.ts`) lay it out and the protocol
//! gives every declaration (`protocol::ts_types`), so the block declares exactly what that file
//! declares.

use anyhow::Result;
use askama::Template;

use crate::protocol::{Protocol, ServerEvent, TsDto, TsEnum, TsPayloads};

#[derive(Template)]
#[template(path = "markdown/payload.ts", escape = "none")]
struct PayloadView {
    enums: Vec<TsEnum>,
    dtos: Vec<TsDto>,
    event: TsPayloads,
}

pub(super) fn render(protocol: &Protocol, event: &ServerEvent) -> Result<String> {
    let used = protocol.types_reached(event.carried_types());
    let used_decls = || protocol.types.iter().filter(|decl| used.contains(&decl.name));
    let view = PayloadView {
        enums: used_decls().filter_map(|decl| protocol.ts_enum(decl)).collect(),
        dtos: used_decls().filter_map(|decl| protocol.ts_dto(decl)).collect(),
        event: protocol.ts_payloads(event),
    };
    Ok(view.render()?.trim().to_owned())
}
