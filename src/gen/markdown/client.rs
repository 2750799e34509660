//! The client events of WEBSOCKET.md: one row each in the index, and one section each saying
//! what the event takes, how it is answered, who may send it, why it is refused and, as a
//! sequence diagram, the checks it goes through — in the order both servers run them, so the
//! refusal a client gets is the one the document names first.

use askama::Template;

use crate::catalog::model::TypeExpr;
use crate::catalog::names::js_string;
use crate::protocol::{AckDecl, ClientEvent, FieldDecl, Limit, Protocol, RoomAction, RoomActionKind};

use super::escape::{cell_code, cell_or_dash, code_span, mermaid_text, one_line, prose, DASH};
use super::{github_anchor, plural};

/// The heading of a client event's section.
fn heading(event: &ClientEvent) -> String {
    format!("Client event {}", code_span(&event.name))
}

/// The anchor of its heading, for links from the index.
fn anchor(event: &ClientEvent) -> String {
    github_anchor(&format!("Client event {}", one_line(&event.name)))
}

pub(super) struct IndexRow {
    pub(super) link: String,
    pub(super) args: String,
    pub(super) ack: String,
    pub(super) serves: String,
}

pub(super) fn index_rows(protocol: &Protocol) -> Vec<IndexRow> {
    protocol
        .client_events
        .iter()
        .map(|event| IndexRow {
            link: format!("[{}](#{})", cell_code(&event.name), anchor(event)),
            args: signature(event),
            ack: ack_cell(event.ack.as_ref()),
            serves: serves(protocol, event),
        })
        .collect()
}

/// `ticketId: integer, note?: string | null`, as table-cell text.
fn signature(event: &ClientEvent) -> String {
    let args: Vec<String> = event
        .args
        .iter()
        .map(|arg| {
            let optional = if arg.optional { "?" } else { "" };
            let nullable = if arg.nullable { " | null" } else { "" };
            cell_code(&format!("{}{optional}: {}{nullable}", arg.name, arg.ty))
        })
        .collect();
    if args.is_empty() {
        DASH.to_owned()
    } else {
        args.join(", ")
    }
}

/// What a successful reply looks like, as a code span.
fn success(ack: &AckDecl) -> String {
    code_span(if ack.ty.is_some() {
        "{ ok: true, data }"
    } else {
        "{ ok: true }"
    })
}

/// `{ ok: true, data }` of type `ReadReceipt`, callback required — as table-cell text.
fn ack_cell(ack: Option<&AckDecl>) -> String {
    let Some(ack) = ack else {
        return "none: no reply on success".to_owned();
    };
    let data = ack
        .ty
        .as_ref()
        .map(|ty| format!(" with `data` of type {}", cell_code(&ty.to_string())))
        .unwrap_or_default();
    let callback = if ack.required { "required" } else { "optional" };
    format!("{}{data}; callback {callback}", success(ack))
}

/// `joins room `ticket-{ticketId}``, or who else serves the event, as table-cell text.
fn serves(protocol: &Protocol, event: &ClientEvent) -> String {
    match &event.room {
        Some(action) => format!("{} room {}", verb(action), cell_code(&room_pattern(protocol, action))),
        None => "handled by the application".to_owned(),
    }
}

fn verb(action: &RoomAction) -> &'static str {
    match action.kind {
        RoomActionKind::Join => "joins",
        RoomActionKind::Leave => "leaves",
    }
}

fn room_pattern(protocol: &Protocol, action: &RoomAction) -> String {
    protocol
        .room(&action.room)
        .map_or_else(|| action.room.clone(), |room| room.pattern.text.clone())
}

// ---------------------------------------------------------------------------------------------
// One client event.

#[derive(Template)]
#[template(path = "markdown/client_event.md", escape = "none")]
pub(super) struct ClientEventView {
    heading: String,
    purpose: String,
    /// Table cells.
    name: String,
    namespace: String,
    call: String,
    serves: String,
    ack_cell: String,
    /// Prose.
    namespace_text: String,
    rate: String,
    max_bytes: u64,
    authorize: bool,
    args: Vec<ArgRow>,
    /// Some argument may be left out.
    optional_args: bool,
    ack: Option<AckView>,
    /// How the event is served once accepted, as prose.
    serving: String,
    refusals: Vec<Refusal>,
    flow: Flow,
}

struct ArgRow {
    name: String,
    ty: String,
    optional: &'static str,
    nullable: &'static str,
    purpose: String,
}

struct AckView {
    required: bool,
    success: String,
    /// The type of `data`, as a code span.
    data: Option<String>,
}

struct Refusal {
    code: &'static str,
    when: String,
}

/// The values of the Mermaid sequence diagram, escaped for Mermaid.
struct Flow {
    namespace: String,
    call: String,
    rate: String,
    name: String,
    /// What each refusal sends back, followed by its code.
    refusal: String,
    handler: bool,
    authorize: bool,
    /// The accepted event's last step: the handler, the join or the leave.
    serve: String,
    /// What the handler gives back on success.
    result: String,
    /// The reply on success; none when the catalog declares no acknowledgement.
    success: Option<String>,
    max_bytes: u64,
}

pub(super) fn view(protocol: &Protocol, event: &ClientEvent) -> ClientEventView {
    let rate = times(event.rate_limit);
    ClientEventView {
        heading: heading(event),
        purpose: prose(event.description.as_deref().unwrap_or("No description in the catalog.")),
        name: cell_code(&event.name),
        namespace: cell_code(&protocol.namespace.text),
        call: cell_code(&call(event)),
        serves: serves(protocol, event),
        ack_cell: ack_cell(event.ack.as_ref()),
        namespace_text: code_span(&protocol.namespace.text),
        max_bytes: event.max_bytes,
        authorize: event.authorize,
        args: event.args.iter().map(arg_row).collect(),
        optional_args: event.args.iter().any(|a| a.optional),
        ack: event.ack.as_ref().map(|ack| AckView {
            required: ack.required,
            success: success(ack),
            data: ack.ty.as_ref().map(|ty| code_span(&ty.to_string())),
        }),
        serving: serving(protocol, event),
        refusals: refusals(event),
        flow: flow(protocol, event, &rate),
        rate,
    }
}

/// `socket.emit("markAsRead", ticketId, ack)`: the arguments by the names the TypeScript types
/// give them.
fn call(event: &ClientEvent) -> String {
    let mut args = vec![js_string(&event.name)];
    args.extend(event.ts.args.iter().cloned());
    if event.ack.is_some() {
        args.push("ack".to_owned());
    }
    format!("socket.emit({})", args.join(", "))
}

fn arg_row(arg: &FieldDecl) -> ArgRow {
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    ArgRow {
        name: cell_code(&arg.name),
        ty: cell_code(&arg.ty.to_string()),
        optional: yes_no(arg.optional),
        nullable: yes_no(arg.nullable),
        purpose: cell_or_dash(arg.description.as_deref()),
    }
}

/// How an accepted event is served, as prose.
fn serving(protocol: &Protocol, event: &ClientEvent) -> String {
    let Some(action) = &event.room else {
        return "the application's handler for it runs with the validated arguments and the socket's user".to_owned();
    };
    let sources: Vec<String> = action
        .params
        .iter()
        .filter_map(|(param, index)| {
            let arg = event.args.get(*index)?;
            Some(format!(
                "{} from the argument {}",
                code_span(&format!("{{{param}}}")),
                code_span(&arg.name)
            ))
        })
        .collect();
    let room = code_span(&room_pattern(protocol, action));
    let what = match action.kind {
        RoomActionKind::Join => format!("the server joins the socket to the room {room}"),
        RoomActionKind::Leave => format!("the server removes the socket from the room {room}"),
    };
    if sources.is_empty() {
        what
    } else {
        format!("{what}, {}", sources.join(", "))
    }
}

/// `20 times per second`, `once per 10 seconds`.
fn times(limit: Limit) -> String {
    let count = match limit.events {
        1 => "once".to_owned(),
        n => format!("{n} times"),
    };
    match limit.window_seconds {
        1 => format!("{count} per second"),
        n => format!("{count} per {n} seconds"),
    }
}

/// The refusals the event can get, in the order the servers check for them.
fn refusals(event: &ClientEvent) -> Vec<Refusal> {
    let Limit { events, window_seconds } = event.rate_limit;
    let mut shape = "the arguments do not match the table above: a required one missing or one too many, a value \
                     of another type, `null` where it is not nullable, a DTO field missing or a key it does not have"
        .to_owned();
    if event.ack.as_ref().is_some_and(|ack| ack.required) {
        shape.push_str("; or the callback is missing (then only logged: there is nothing to answer)");
    }
    let mut refusals = vec![
        Refusal {
            code: "rate-limited",
            when: format!(
                "the socket already sent it {events} time{} in the current window of {window_seconds} second{}",
                plural(events),
                plural(window_seconds)
            ),
        },
        Refusal {
            code: "invalid-payload",
            when: format!("its arguments take more than {} bytes as JSON", event.max_bytes),
        },
        Refusal {
            code: "invalid-payload",
            when: shape,
        },
    ];
    if event.authorize {
        refusals.push(Refusal {
            code: "forbidden",
            when: "the application's ownership check says no, or fails".to_owned(),
        });
    }
    if event.has_handler() {
        refusals.push(Refusal {
            code: "not-found",
            when: "the handler refuses it on purpose: this code for a record that does not exist, or any other \
                   it chooses"
                .to_owned(),
        });
        refusals.push(Refusal {
            code: "internal",
            when: "the handler fails in any other way".to_owned(),
        });
    }
    refusals
}

fn flow(protocol: &Protocol, event: &ClientEvent, rate: &str) -> Flow {
    let mut call = event.name.clone();
    if !event.args.is_empty() {
        let names: Vec<&str> = event.args.iter().map(|a| a.name.as_str()).collect();
        call.push_str(&format!(" with {}", names.join(", ")));
    }
    if event.ack.is_some() {
        call.push_str(", and a callback");
    }
    let serve = match &event.room {
        Some(action) if action.kind == RoomActionKind::Join => {
            format!("join the socket to room {}", room_pattern(protocol, action))
        }
        Some(action) => format!("remove the socket from room {}", room_pattern(protocol, action)),
        None => format!("run the handler of {}", event.name),
    };
    let data = event.ack.as_ref().and_then(|ack| ack.ty.as_ref()).map(TypeExpr::to_string);
    Flow {
        namespace: mermaid_text(&protocol.namespace.text),
        call: mermaid_text(&call),
        rate: mermaid_text(rate),
        name: mermaid_text(&event.name),
        refusal: if event.ack.is_some() {
            "ack ok false, code".to_owned()
        } else {
            "to a callback if passed: ack ok false, code".to_owned()
        },
        handler: event.has_handler(),
        authorize: event.authorize,
        serve: mermaid_text(&serve),
        result: mermaid_text(&data.as_ref().map_or_else(|| "done".to_owned(), |d| format!("a {d}"))),
        success: event
            .ack
            .as_ref()
            .map(|_| mermaid_text(&data.map_or_else(|| "ack ok true".to_owned(), |d| format!("ack ok true, with data a {d}")))),
        max_bytes: event.max_bytes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_read_as_prose() {
        let limit = |events, window_seconds| Limit { events, window_seconds };
        assert_eq!(times(limit(20, 1)), "20 times per second");
        assert_eq!(times(limit(1, 10)), "once per 10 seconds");
    }

    #[test]
    fn every_refusal_code_is_one_of_the_protocol() {
        let loaded = crate::catalog::load(std::path::Path::new("fixtures/chatia/socket-events.yaml")).unwrap();
        let protocol = crate::protocol::resolve(&loaded).unwrap();
        for event in &protocol.client_events {
            for refusal in refusals(event) {
                assert!(crate::protocol::ACK_ERROR_CODES.contains(&refusal.code), "{}", refusal.code);
            }
        }
    }
}
