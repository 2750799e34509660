//! TypeScript targets: payload interfaces with typed event maps, and server emitters for Node
//! socket.io 4.7 (`server`). Literals and type expressions are computed here from the protocol,
//! which holds every name; templates only lay them out.

mod server;

use anyhow::Result;
use askama::Template;

use crate::catalog::names::{doc_lines, js_string, ts_property};
use crate::protocol::{ClientEvent, Protocol, RoomDecl, TsDto, TsEnum, TsPayloads, TsProp};

pub use server::render_server;

#[derive(Template)]
#[template(path = "ts/types.ts", escape = "none")]
struct TypesView {
    /// The namespace pattern, for the file's opening comment.
    namespace_pattern: String,
    /// `` `/workspace-${number}` ``.
    namespace_type: String,
    /// `` `/workspace-${companyId}` ``, in a function of `companyId`.
    namespace_value: String,
    enums: Vec<TsEnum>,
    dtos: Vec<TsDto>,
    events: Vec<EventView>,
    rooms: Vec<RoomView>,
    /// Whether any room is joinable: otherwise `RoomRequest` is `never`.
    any_joinable: bool,
    client_events: Vec<ClientEventView>,
}

/// A client event as `ClientToServerEvents` and `ClientEventArgs` declare it.
struct ClientEventView {
    /// The property key: `joinChatBox`, or quoted.
    key: String,
    /// The event name as a string literal, for `clientEventNames`.
    literal: String,
    doc: Vec<String>,
    /// `ticketId: number, ack?: (reply: Ack) => void`.
    params: String,
    /// `[ticketId: number]`: the validated arguments as a labelled tuple.
    args: String,
}

struct EventView {
    /// `ticket`: the key of this event in `eventNames` and in the emitter.
    member: String,
    /// `` `company-${companyId}-ticket` ``, in a function of `companyId`.
    name_value: String,
    /// Its payload types, as the protocol declares them.
    payloads: TsPayloads,
}

struct RoomView {
    /// `TicketRoom`, the room name as a template literal type.
    name: String,
    name_type: String,
    /// The room as an emit targets it and a client asks to join it: `{ room: "ticket"; ticketId: number }`.
    request: Vec<TsProp>,
    /// Clients may ask to join it.
    joinable: bool,
    doc: Vec<String>,
}

pub fn render_types(protocol: &Protocol) -> Result<String> {
    let namespace = &protocol.namespace;
    let view = TypesView {
        namespace_pattern: namespace.text.replace(['\r', '\n'], " "),
        namespace_type: namespace.ts_template(|_| Some("${number}".to_owned())),
        namespace_value: namespace.ts_template(|_| Some("${companyId}".to_owned())),
        enums: protocol.types.iter().filter_map(|decl| protocol.ts_enum(decl)).collect(),
        dtos: protocol.types.iter().filter_map(|decl| protocol.ts_dto(decl)).collect(),
        events: protocol
            .events
            .iter()
            .map(|event| EventView {
                member: event.ts.member.clone(),
                name_value: protocol.ts_event_name(event, "${companyId}"),
                payloads: protocol.ts_payloads(event),
            })
            .collect(),
        rooms: protocol.rooms.iter().map(|room| room_view(protocol, room)).collect(),
        any_joinable: protocol.joinable_rooms().next().is_some(),
        client_events: protocol
            .client_events
            .iter()
            .map(|event| client_event_view(protocol, event))
            .collect(),
    };
    Ok(view.render()?)
}

fn client_event_view(protocol: &Protocol, event: &ClientEvent) -> ClientEventView {
    let args = protocol.ts_client_params(event);
    ClientEventView {
        key: event.ts.key.clone(),
        literal: js_string(&event.name),
        doc: doc_lines(event.description.as_deref()),
        params: client_params(protocol, event, &args),
        args: format!("[{}]", args.join(", ")),
    }
}

/// The parameters of a client event in `ClientToServerEvents`: its arguments, then the ack.
/// socket.io takes the last function as the ack wherever it falls, so after optional arguments
/// the ack cannot be one more parameter (`note?: string, ack: …` is not even valid TypeScript):
/// the parameters are then a union of tuples, one per number of arguments sent.
fn client_params(protocol: &Protocol, event: &ClientEvent, args: &[String]) -> String {
    let Some(ack) = &event.ack else {
        return args.join(", ");
    };
    let callback = format!("(reply: {}) => void", protocol.ts_ack_type(ack));
    let required = event.args.iter().take_while(|a| !a.optional).count();
    if required == event.args.len() {
        let ack = format!("ack{}: {callback}", if ack.required { "" } else { "?" });
        return args.iter().cloned().chain([ack]).collect::<Vec<_>>().join(", ");
    }
    let sent = |count: usize| -> Vec<String> {
        let sent = event.args[..count]
            .iter()
            .zip(&event.ts.args)
            .map(|(arg, param)| format!("{param}: {}", protocol.ts_field_type(arg)));
        sent.collect()
    };
    let mut tuples = Vec::new();
    for count in required..=event.args.len() {
        let with_ack = sent(count)
            .into_iter()
            .chain([format!("ack: {callback}")])
            .collect::<Vec<_>>();
        tuples.push(format!("[{}]", with_ack.join(", ")));
        if !ack.required {
            tuples.push(format!("[{}]", sent(count).join(", ")));
        }
    }
    format!("...args: {}", tuples.join(" | "))
}

fn room_view(protocol: &Protocol, room: &RoomDecl) -> RoomView {
    let name_type = room.pattern.ts_template(|p| {
        let param = room.params.iter().find(|param| param.name == p)?;
        Some(format!("${{{}}}", protocol.ts_param_type(&param.ty)))
    });
    let mut request = vec![TsProp {
        key: "room".to_owned(),
        optional: false,
        ty: js_string(&room.name),
        doc: vec![],
    }];
    request.extend(room.params.iter().map(|param| TsProp {
        key: ts_property(&param.name),
        optional: false,
        ty: protocol.ts_param_type(&param.ty),
        doc: vec![],
    }));
    RoomView {
        name: room.ts_type.clone(),
        name_type,
        request,
        joinable: room.joinable,
        doc: doc_lines(room.description.as_deref()),
    }
}
