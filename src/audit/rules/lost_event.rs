use super::{declare_rule, Context, Hit, Rule, RuleMeta};
use crate::audit::scan::{Emit, FileFacts, Listener, ListenerKind, Reach};
use crate::audit::value::Str;

/// Events socket.io-client itself fires on a socket and its manager.
const CLIENT_RESERVED: [&str; 9] = [
    "connect",
    "connect_error",
    "disconnect",
    "reconnect",
    "reconnect_attempt",
    "reconnect_error",
    "reconnect_failed",
    "error",
    "ping",
];

declare_rule! {
    /// ### What it does
    /// Matches the events the server emits against the events the client code listens to,
    /// across every file of the project, and reports a
    /// server emit whose event no client listener can receive — `company-${id}-quickmessage`
    /// where the panel listens to `company-${id}-quickMessage`, `quickAnswer` where it listens to
    /// `quickAnswers` — and a client listener of an event the server never emits. Names are
    /// compared as the code spells them, a value standing for any text and an id for an id. A
    /// project with no client listener, or no server emit, is not judged (the other side is not
    /// in the audited tree), and a name that cannot be read at all (`io.emit(eventName, …)`)
    /// matches everything. Where another rule already reports the site for its name
    /// (`event-name` for `company${id}-file`, `listener-name`, `unknown-event`), that finding
    /// carries the `lost` impact instead. Events in `allowGlobal` are not judged.
    ///
    /// The same holds for namespaces: an emit on a namespace no client connects to (`io.of("/5")`
    /// when every panel opens `/workspace-5`), or on the default namespace `/` when every client
    /// connects to a named one, reaches nobody; `namespace-name` and `global-emit` findings on
    /// such emits carry `lost`.
    ///
    /// ### Why is this bad
    /// Socket.IO delivers an event whether or not anybody handles it: a misspelt name fails
    /// silently. The panel shows a deleted quick message until the page is reloaded, and nobody
    /// learns why.
    ///
    /// ### Impact
    /// `lost`: no client can handle the event.
    ///
    /// ### Example
    /// Bad:
    /// ```ts
    /// io.of(ns).emit(`company-${companyId}-quickmessage`, payload);   // server
    /// socket.on(`company-${companyId}-quickMessage`, handler);          // client
    /// ```
    /// Good:
    /// ```ts
    /// io.of(ns).emit(`company-${companyId}-quickMessage`, payload);
    /// socket.on(`company-${companyId}-quickMessage`, handler);
    /// ```
    LostEvent, "lost-event", Error, catalog: false, impacts: [Lost], summary: "event no client listens to, or listener of an event the server never emits"
}

impl Rule for LostEvent {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Every emit and listener with a readable name; the project model keeps those the other
    /// side never names.
    fn check(&self, cx: &Context<'_>, facts: &FileFacts, out: &mut Vec<Hit>) {
        // An event in `allowGlobal` is one the team says is deliberate, whoever handles it.
        let judged = |event: &&Str| !cx.is_allowed_global(event);
        for emit in &facts.emits {
            let Some(event) = judged_emit(emit).filter(judged) else {
                continue;
            };
            out.push(Self::hit(
                emit.span,
                format!("no client listens to `{event}`: no `socket.on` of the project's client code can receive it"),
                "compare the name with the client's listener (a letter's case, a missing hyphen, a plural), or remove the emit",
            ));
        }
        for listener in &facts.listeners {
            if let Some(event) = judged_listener(listener).filter(judged) {
                out.push(Self::hit(
                    listener.span,
                    format!("the server never emits `{event}`: this listener never runs"),
                    "compare the name with the server's emit (a letter's case, a missing hyphen, a plural), or remove the listener",
                ));
            }
        }
    }
}

/// The event of a server emit that goes to clients, when its name can be read.
pub fn judged_emit(emit: &Emit) -> Option<&Str> {
    let to_clients = !matches!(emit.reach, Reach::OtherServers | Reach::Wrapper);
    emit.event.as_ref().filter(|event| to_clients && !event.is_opaque())
}

/// The event of a client listener (`on`/`once`), unless socket.io-client fires it itself.
pub fn judged_listener(listener: &Listener) -> Option<&Str> {
    let listens = matches!(listener.kind, ListenerKind::On | ListenerKind::Once);
    let reserved = |event: &Str| {
        event
            .as_literal()
            .is_some_and(|name| CLIENT_RESERVED.contains(&name.as_str()))
    };
    listener
        .event
        .as_ref()
        .filter(|event| listens && !event.is_opaque() && !reserved(event))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::rules::testing::lines;

    #[test]
    fn readable_emits_and_listeners_are_candidates() {
        let server = "const io = getIO();\nio.emit(\"quickAnswer\", {});\nio.emit(eventName, {});\nio.serverSideEmit(\"sync\");";
        assert_eq!(lines(&LostEvent, server), vec![2]);
        let client = "import openSocket from \"socket.io-client\";\nconst socket = openSocket(url);\nsocket.on(\"connect\", () => {});\nsocket.on(\"quickAnswers\", handler);\nsocket.off(\"quickAnswers\", handler);";
        assert_eq!(lines(&LostEvent, client), vec![4]);
    }
}
