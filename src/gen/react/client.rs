//! The client → server side of the React target: one emit helper per client event, and one room
//! hook per room a client can be kept in (joinable, or joined by a `joins` event). Every
//! expression a template prints is built here.

use std::collections::BTreeSet;

use crate::catalog::names::{doc_lines, doc_text, js_string, ts_object_key, ts_stem, ts_value};
use crate::protocol::{ClientEvent, ParamType, Protocol, RoomActionKind, RoomDecl};

/// A typed emit function for one client event.
pub(super) struct HelperView {
    /// `joinChatBox`.
    pub function: String,
    /// `"joinChatBox"`.
    pub literal: String,
    /// The event's name as a doc comment shows it.
    pub name: String,
    pub doc: Vec<String>,
    /// `ticketId: number`: the parameters after `socket`.
    pub params: Vec<String>,
    /// `ticketId`: the arguments in order.
    pub args: Vec<String>,
    /// `Ack<ReadReceipt>`, when the catalog gives the event an ack.
    pub reply: Option<String>,
}

/// A hook that keeps a socket in one room.
pub(super) struct RoomHookView {
    /// `useTicketRoom`.
    pub hook: String,
    /// `__chatiaTicketRoom`, which builds the room's join and leave.
    pub builder: String,
    pub doc: Vec<String>,
    /// `ticketId: number`.
    pub params: Vec<String>,
    /// The parameter names, for the hook's null check and the builder's call.
    pub vars: Vec<String>,
    /// `ticketId: number`: the builder's parameters, never null.
    pub builder_params: Vec<String>,
    /// `` `ticket-${ticketId}` ``: the room's name on the server.
    pub name: String,
    /// `joinChatBox(socket, ticketId)`: a `Promise` of the reply.
    pub join: String,
    /// `__chatiaSend(socket, "leaveChatBox", [ticketId], false)`, when the room can be left.
    pub leave: Option<String>,
}

pub(super) fn helpers(protocol: &Protocol) -> Vec<HelperView> {
    protocol
        .client_events
        .iter()
        .map(|event| helper_view(protocol, event))
        .collect()
}

fn helper_view(protocol: &Protocol, event: &ClientEvent) -> HelperView {
    let params = protocol.ts_client_params(event);
    HelperView {
        function: event.ts.function.clone(),
        literal: js_string(&event.name),
        name: doc_text(&event.name).replace('\n', " "),
        doc: doc_lines(event.description.as_deref()),
        params,
        args: event.ts.args.clone(),
        reply: event.ack.as_ref().map(|ack| protocol.ts_ack_type(ack)),
    }
}

/// The catalog types the helpers and hooks name: argument, reply and room parameter types.
pub(super) fn type_imports(protocol: &Protocol) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for event in &protocol.client_events {
        let acks = event.ack.iter().filter_map(|ack| ack.ty.as_ref());
        for ty in event.args.iter().map(|arg| &arg.ty).chain(acks) {
            if let Some(name) = ty.named() {
                names.insert(
                    protocol
                        .type_decl(name)
                        .map_or_else(|| name.to_owned(), |t| t.ts_name.clone()),
                );
            }
        }
    }
    for room in room_hook_rooms(protocol) {
        for param in &room.params {
            if let ParamType::Enum(_) = param.ty {
                names.insert(protocol.ts_param_type(&param.ty));
            }
        }
    }
    names
}

/// Rooms a client can be kept in: joinable ones, and those a `joins` event joins.
fn room_hook_rooms(protocol: &Protocol) -> impl Iterator<Item = &RoomDecl> {
    protocol
        .rooms
        .iter()
        .filter(|room| room.joinable || room_event(protocol, room, RoomActionKind::Join).is_some())
}

pub(super) fn room_hooks(protocol: &Protocol) -> Vec<RoomHookView> {
    room_hook_rooms(protocol)
        .filter_map(|room| room_hook(protocol, room))
        .collect()
}

fn room_hook(protocol: &Protocol, room: &RoomDecl) -> Option<RoomHookView> {
    let vars: Vec<String> = room.params.iter().map(|p| hook_param(&p.name)).collect();
    let builder_params: Vec<String> = room
        .params
        .iter()
        .zip(&vars)
        .map(|(p, var)| format!("{var}: {}", protocol.ts_param_type(&p.ty)))
        .collect();
    let join = match room_event(protocol, room, RoomActionKind::Join) {
        Some(event) => format!("{}({})", event.ts.function, call_args(event, room, &vars).join(", ")),
        None if room.joinable => format!("__chatiaJoinRoom(socket, {})", request(room, &vars)),
        None => return None,
    };
    let leave = match room_event(protocol, room, RoomActionKind::Leave) {
        Some(event) => Some(format!(
            "__chatiaSend(socket, {}, [{}], {})",
            js_string(&event.name),
            call_args(event, room, &vars)[1..].join(", "),
            event.ack.as_ref().is_some_and(|ack| ack.required)
        )),
        None if room.joinable => Some(format!("socket.emit(\"room:leave\", {})", request(room, &vars))),
        None => None,
    };
    Some(RoomHookView {
        hook: room.ts_hook.clone(),
        builder: format!("__chatia{}Room", ts_stem(&room.name)),
        doc: room_doc(protocol, room, leave.is_some()),
        params: builder_params.iter().map(|p| format!("{p} | null | undefined")).collect(),
        builder_params,
        name: room.pattern.ts_template(|p| {
            let index = room.params.iter().position(|param| param.name == p)?;
            Some(format!("${{{}}}", vars[index]))
        }),
        vars,
        join,
        leave,
    })
}

/// A room parameter as a hook parameter, clear of the hook's `socket`.
fn hook_param(name: &str) -> String {
    let param = ts_value(name);
    if param == "socket" {
        "socket_".to_owned()
    } else {
        param
    }
}

/// The client event that joins (or leaves) `room` and that a hook can call with the room's
/// parameters alone: each of its required arguments is one of them. A join needs an ack, the
/// only way a hook learns whether it was let in.
fn room_event<'a>(protocol: &'a Protocol, room: &RoomDecl, kind: RoomActionKind) -> Option<&'a ClientEvent> {
    protocol.client_events.iter().find(|event| {
        let Some(action) = event.room.as_ref().filter(|a| a.kind == kind && a.room == room.name) else {
            return false;
        };
        if kind == RoomActionKind::Join && event.ack.is_none() {
            return false;
        }
        event
            .args
            .iter()
            .enumerate()
            .all(|(index, arg)| arg.optional || action.params.iter().any(|(_, i)| *i == index))
    })
}

/// `socket, ticketId`: the event's arguments from the room's parameters (`undefined` for an
/// optional argument no parameter gives).
fn call_args(event: &ClientEvent, room: &RoomDecl, vars: &[String]) -> Vec<String> {
    let params = event.room.as_ref().map(|a| a.params.as_slice()).unwrap_or_default();
    let mut args = vec!["socket".to_owned()];
    for index in 0..event.args.len() {
        let var = params.iter().find(|(_, i)| *i == index).and_then(|(name, _)| {
            let position = room.params.iter().position(|p| p.name == *name)?;
            Some(vars[position].clone())
        });
        args.push(var.unwrap_or_else(|| "undefined".to_owned()));
    }
    while args.len() > 1 && args.last().is_some_and(|a| a == "undefined") {
        args.pop();
    }
    args
}

/// `{ room: "ticket", ticketId }`: the `RoomRequest` of `room:join` and `room:leave`.
fn request(room: &RoomDecl, vars: &[String]) -> String {
    let mut entries = vec![format!("room: {}", js_string(&room.name))];
    for (param, var) in room.params.iter().zip(vars) {
        let key = ts_object_key(&param.name);
        entries.push(if key == *var { key } else { format!("{key}: {var}") });
    }
    format!("{{ {} }}", entries.join(", "))
}

fn room_doc(protocol: &Protocol, room: &RoomDecl, leaves: bool) -> Vec<String> {
    let mut doc = doc_lines(room.description.as_deref());
    if !doc.is_empty() {
        doc.push(String::new());
    }
    let join = room_event(protocol, room, RoomActionKind::Join).map_or("`room:join`".to_owned(), |e| format!("`{}`", e.name));
    doc.push(format!(
        "Keeps `socket` in the room `{}` while mounted: asks with {join} once connected, and again",
        doc_text(&room.pattern.text).replace('\n', " ")
    ));
    doc.push("after every new connection (not after one that `socket.recovered`).".to_owned());
    if leaves {
        let leave =
            room_event(protocol, room, RoomActionKind::Leave).map_or("`room:leave`".to_owned(), |e| format!("`{}`", e.name));
        doc.push(format!(
            "Leaves with {leave} when the last hook for the room unmounts or changes its arguments."
        ));
    } else {
        doc.push("The catalog gives no way to leave it: the socket stays in until it disconnects.".to_owned());
    }
    if !room.params.is_empty() {
        doc.push("A `null` or `undefined` parameter keeps the hook `idle`.".to_owned());
    }
    doc
}
