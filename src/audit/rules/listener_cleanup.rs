use super::{declare_rule, Context, Hit, Rule, RuleMeta};
use crate::audit::scan::{FileFacts, ListenerKind};

declare_rule! {
    /// ### What it does
    /// Reports two client-side listener leaks: `socket.off(event)` without the handler, which
    /// removes every listener of that event — other components' too; and `socket.on(...)`
    /// registered inside a `useEffect` callback that returns no cleanup function.
    ///
    /// ### Why is this bad
    /// React runs effects again on every dependency change and in development twice. Without a
    /// cleanup, each run adds one more listener: events are handled two, three, n times (duplicate
    /// messages, counters jumping). Removing without the handler fixes one component by breaking
    /// every other component listening to the same event.
    ///
    /// ### Impact
    /// `convention`: listeners pile up and handlers run twice; that costs memory and correctness
    /// within one company, never another company's data.
    ///
    /// ### Example
    /// Bad:
    /// ```js
    /// useEffect(() => {
    ///   socket.on(`company-${companyId}-ticket`, onTicket);
    /// }, [companyId]);
    /// ```
    /// Good:
    /// ```js
    /// useEffect(() => {
    ///   socket.on(`company-${companyId}-ticket`, onTicket);
    ///   return () => socket.off(`company-${companyId}-ticket`, onTicket);
    /// }, [companyId]);
    /// ```
    ListenerCleanup, "listener-cleanup", Warning, catalog: false, impacts: [Convention], summary: "`socket.off` without the handler, or `socket.on` in `useEffect` without cleanup"
}

impl Rule for ListenerCleanup {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _cx: &Context<'_>, facts: &FileFacts, out: &mut Vec<Hit>) {
        for listener in &facts.listeners {
            let name = listener.event.as_ref().map(|e| e.to_string()).unwrap_or_default();
            match (listener.kind, listener.effect_cleanup) {
                (ListenerKind::Off { with_handler: false }, _) => out.push(Self::hit(
                    listener.span,
                    format!("`off(\"{name}\")` without the handler removes every listener of that event"),
                    "pass the handler you registered: `socket.off(name, handler)`",
                )),
                (ListenerKind::On | ListenerKind::Once, Some(false)) => out.push(Self::hit(
                    listener.span,
                    format!("listener `{name}` is registered in a `useEffect` that returns no cleanup"),
                    "return a cleanup from the effect: `return () => socket.off(name, handler)`",
                )),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::rules::testing::Run;

    fn lines(source: &str) -> Vec<usize> {
        let run = Run {
            file: "Component.jsx",
            ..Run::default()
        };
        run.hits(&ListenerCleanup, source).into_iter().map(|(l, _)| l).collect()
    }

    #[test]
    fn effects_with_cleanup_and_off_with_handler_pass() {
        let source = "useEffect(() => {\n  const socket = socketManager.getSocket(companyId);\n  socket.on(`company-${companyId}-ticket`, onTicket);\n  return () => {\n    socket.off(`company-${companyId}-ticket`, onTicket);\n  };\n}, [companyId]);\nuseEffect(() => {\n  socket.on(\"x\", h);\n  return () => socket.disconnect();\n}, []);";
        assert!(lines(source).is_empty());
    }

    #[test]
    fn off_without_handler_and_effects_without_cleanup_fail() {
        let source = "useEffect(() => {\n  socket.on(`company-${companyId}-ticket`, onTicket);\n}, [companyId]);\nsocket.off(`company-${companyId}-ticket`);\nReact.useEffect(() => {\n  if (!socket) return;\n  socket.on(\"a\", h);\n});";
        // `return;` without a value is not a cleanup.
        assert_eq!(lines(source), vec![2, 4, 7]);
    }

    #[test]
    fn listeners_outside_effects_are_not_judged() {
        assert!(lines("socket.on(\"a\", h);\nfunction f() { socket.on(\"b\", h); }").is_empty());
    }
}
