//! The payload block of an event's section: the TypeScript declarations of its payload types,
//! preceded by `PayloadBase` and the enums and DTOs they use, so that the block compiles on its
//! own. The payload types file's macros (`templates/ts/macros.ts`) lay it out and the protocol
//! gives every type, so the block declares exactly what that file declares.

use anyhow::Result;
use askama::Template;

use crate::catalog::names::{doc_lines, js_string, ts_property, ts_template_text};
use crate::protocol::{ts_field_doc, FieldDecl, Protocol, ServerEvent, TypeDecl, TypeKind};

#[derive(Template)]
#[template(path = "markdown/payload.ts", escape = "none")]
struct PayloadView {
    enums: Vec<EnumView>,
    dtos: Vec<DtoView>,
    event: EventView,
}

struct EnumView {
    name: String,
    doc: Vec<String>,
    /// As string literals.
    values: Vec<String>,
}

struct DtoView {
    name: String,
    doc: Vec<String>,
    props: Vec<PropView>,
}

/// `key?: type;` with its doc lines.
struct PropView {
    key: String,
    optional: bool,
    ty: String,
    doc: Vec<String>,
}

struct EventView {
    /// `TicketPayload`, `TicketAction`, `TicketEventName`.
    payload: String,
    action_type: String,
    event_name: String,
    /// `` `company-${number}-ticket` ``.
    name_type: String,
    doc: Vec<String>,
    variants: Vec<VariantView>,
}

struct VariantView {
    interface: String,
    doc: Vec<String>,
    props: Vec<PropView>,
}

pub(super) fn render(protocol: &Protocol, event: &ServerEvent) -> Result<String> {
    let used = protocol.types_reached(event.carried_types());
    let used_decls = || protocol.types.iter().filter(|decl| used.contains(&decl.name));
    let view = PayloadView {
        enums: used_decls().filter_map(enum_view).collect(),
        dtos: used_decls().filter_map(|decl| dto_view(protocol, decl)).collect(),
        event: event_view(protocol, event),
    };
    Ok(view.render()?.trim().to_owned())
}

fn enum_view(decl: &TypeDecl) -> Option<EnumView> {
    let TypeKind::Enum(values) = &decl.kind else { return None };
    Some(EnumView {
        name: decl.ts_name.clone(),
        doc: doc_lines(decl.description.as_deref()),
        values: values.iter().map(|v| js_string(v)).collect(),
    })
}

fn dto_view(protocol: &Protocol, decl: &TypeDecl) -> Option<DtoView> {
    let TypeKind::Dto(fields) = &decl.kind else { return None };
    Some(DtoView {
        name: decl.ts_name.clone(),
        doc: doc_lines(decl.description.as_deref()),
        props: fields.iter().map(|field| prop(protocol, field)).collect(),
    })
}

fn prop(protocol: &Protocol, field: &FieldDecl) -> PropView {
    PropView {
        key: ts_property(&field.name),
        optional: field.optional,
        ty: protocol.ts_field_type(field),
        doc: ts_field_doc(field),
    }
}

fn event_view(protocol: &Protocol, event: &ServerEvent) -> EventView {
    let names = &event.ts;
    let name_type = protocol.event_pattern.ts_template(|p| match p {
        "resource" => Some(ts_template_text(&event.resource)),
        _ => Some("${number}".to_owned()),
    });
    let variants = event
        .actions
        .iter()
        .zip(&names.variants)
        .map(|(action, interface)| {
            // The discriminant; `companyId`, `userId` and `timestamp` come from `PayloadBase`.
            let discriminant = PropView {
                key: "action".to_owned(),
                optional: false,
                ty: js_string(&action.name),
                doc: vec![],
            };
            let carried = action.carried.iter().map(|c| prop(protocol, &c.field));
            VariantView {
                interface: interface.clone(),
                doc: doc_lines(action.description.as_deref()),
                props: std::iter::once(discriminant).chain(carried).collect(),
            }
        })
        .collect();
    EventView {
        payload: names.payload.clone(),
        action_type: names.action.clone(),
        event_name: names.event_name.clone(),
        name_type,
        doc: doc_lines(event.description.as_deref()),
        variants,
    }
}
