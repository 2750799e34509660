use super::{declare_rule, Context, Hit, Rule, RuleMeta};
use crate::audit::scan::{FileFacts, NamespaceArg};
use crate::audit::value::Part;

declare_rule! {
    /// ### What it does
    /// Checks every `io.of(name)` against the catalog's namespace convention,
    /// `/workspace-{companyId}` by default. A name with literal text that does not match
    /// (`` `/${id}` ``, `"/company"`), a bare id (`io.of(id)`, `io.of(String(id))`,
    /// `io.of(id.toString())`) or a number (`io.of(1)`) is reported. A name that is only an
    /// expression other than an id (`io.of(namespaceFor(companyId))`) cannot be judged and is left
    /// alone; regex and function namespaces are judged by `unauthenticated-namespace`.
    ///
    /// ### Why is this bad
    /// Clients connect to `/workspace-{companyId}`; a namespace spelt differently is one no
    /// client listens on, or one whose name (`/1`) says nothing about what it is, so the
    /// middleware and the generated clients no longer line up.
    ///
    /// ### Impact
    /// `convention`: the emit reaches the clients of the namespace it names. `lost` when the
    /// project's client code connects elsewhere (`io.of(String(id))` is `/5`, and every panel opens
    /// `/workspace-5`): no client receives it.
    ///
    /// ### Example
    /// Bad:
    /// ```ts
    /// io.of(String(companyId)).emit(`company-${companyId}-ticket`, payload);
    /// ```
    /// Good:
    /// ```ts
    /// io.of(`/workspace-${companyId}`).emit(`company-${companyId}-ticket`, payload);
    /// ```
    NamespaceName, "namespace-name", Error, catalog: false, impacts: [Convention, Lost], summary: "namespace not `/workspace-{companyId}`"
}

impl Rule for NamespaceName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, facts: &FileFacts, out: &mut Vec<Hit>) {
        for site in &facts.namespaces {
            let NamespaceArg::Name(name) = &site.arg else { continue };
            if cx.namespace.matches(&name.as_namespace()).is_some() || name.as_literal().as_deref() == Some("/") {
                continue;
            }
            let judged = match name.parts.as_slice() {
                [Part::Dyn(d)] => d.id_like,
                _ => true,
            };
            if judged {
                out.push(Self::hit(
                    site.span,
                    format!("namespace `{name}` does not follow `{}`", cx.namespace.source()),
                    format!("use io.of(`{}`)", cx.namespace.example("${companyId}", "")),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::rules::testing::lines;

    #[test]
    fn workspace_namespaces_pass() {
        let source = "const io = getIO();\nio.of(`/workspace-${companyId}`).emit(e);\nio.of(\"/workspace-\" + ticket.companyId).emit(e);\nconst NS = `/workspace-${id}`;\nio.of(NS).emit(e);\nio.of(namespaceFor(companyId)).emit(e);\nio.of(/^\\/workspace-\\d+$/).use(auth);";
        assert!(lines(&NamespaceName, source).is_empty());
    }

    #[test]
    fn a_bare_id_is_the_namespace_socket_io_serves_under_a_slash_convention() {
        let run = crate::audit::rules::testing::Run {
            namespace: "/{companyId}",
            ..Default::default()
        };
        let source = "const io = getIO();\nio.of(String(companyId)).emit(e);\nio.of(companyId).emit(e);\nio.of(`/${companyId}`).emit(e);\nio.of(`/workspace-${companyId}`).emit(e);";
        let found: Vec<usize> = run.hits(&NamespaceName, source).into_iter().map(|(line, _)| line).collect();
        assert_eq!(found, vec![5]);
    }

    #[test]
    fn ids_numbers_and_other_names_fail() {
        let source = "const io = getIO();\nio.of(String(companyId)).emit(e);\nio.of(companyId).emit(e);\nio.of(`/${companyId}`).emit(e);\nio.of(1).emit(e);\nio.of(ticket.companyId.toString()).emit(e);\nconst ns = io.of(\"/company\");";
        assert_eq!(lines(&NamespaceName, source), vec![2, 3, 4, 5, 6, 7]);
    }

    #[test]
    fn of_on_non_socket_objects_is_ignored() {
        assert!(lines(&NamespaceName, "Array.of(1);\nrxjs.of(companyId);\nof(String(id));").is_empty());
    }
}
