//! What the audit knows of the whole project, beyond any one file: facts gathered from every
//! file, then used to weigh each finding's impact. Rules judge one file; this judges their hits
//! against the application they are part of.

use memchr::memmem;

use super::finding::Finding;
use super::impact::Impact;

/// Spellings of a tenant's id in code. A codebase where none occurs serves one company.
pub const TENANT_NAMES: [&str; 7] = [
    "companyId",
    "company_id",
    "CompanyId",
    "tenantId",
    "tenant_id",
    "TenantId",
    "workspaceId",
];

/// The file names a tenant's id somewhere.
pub fn names_a_tenant(text: &str) -> bool {
    TENANT_NAMES
        .iter()
        .any(|name| memmem::find(text.as_bytes(), name.as_bytes()).is_some())
}

/// The project as a whole.
#[derive(Debug, Clone, Copy)]
pub struct Project {
    /// Several companies share the server: a catalog says so, or some file names a tenant
    /// ([`names_a_tenant`]).
    pub multi_tenant: bool,
}

impl Project {
    /// A finding's impact in this project: with one company there is no other company to leak
    /// to, so an emit to every socket, or a join of any room, only breaks the house rule.
    /// A namespace that lets unauthenticated sockets in (`unauthenticated-namespace`, `late-auth`)
    /// stays `unguarded`: they are anyone's, and they receive the one company's data.
    pub fn judge(&self, finding: &mut Finding) {
        let harms_others = matches!(
            (finding.rule, finding.impact),
            ("global-emit", Impact::Leak) | ("client-room-join", Impact::Unguarded)
        );
        if !self.multi_tenant && harms_others {
            finding.impact = Impact::Convention;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_naming_no_tenant_id_does_not_make_the_project_multi_tenant() {
        assert!(!names_a_tenant("io.emit(\"ticket\", { action: \"update\", ticket });"));
        assert!(names_a_tenant("const { companyId } = req.user;"));
        assert!(names_a_tenant("where: { tenant_id: id }"));
    }
}
