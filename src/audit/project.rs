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

/// What one file tells about the project.
#[derive(Debug, Clone, Copy, Default)]
pub struct FileSummary {
    /// The file names a tenant's id somewhere.
    pub names_a_tenant: bool,
}

impl FileSummary {
    pub fn of(text: &str) -> Self {
        let bytes = text.as_bytes();
        FileSummary {
            names_a_tenant: TENANT_NAMES.iter().any(|name| memmem::find(bytes, name.as_bytes()).is_some()),
        }
    }
}

/// The project as a whole.
#[derive(Debug, Clone, Copy)]
pub struct Project {
    /// Several companies share the server: a catalog says so, or some file names a tenant.
    pub multi_tenant: bool,
}

impl Project {
    pub fn new(has_catalog: bool, files: impl IntoIterator<Item = FileSummary>) -> Self {
        Project {
            multi_tenant: has_catalog || files.into_iter().any(|file| file.names_a_tenant),
        }
    }

    /// A finding's impact in this project: with one company there is no other company to leak
    /// to, so an emit to every socket, or a join of any room, only breaks the house rule.
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
    fn a_project_naming_no_tenant_serves_one_company() {
        let single = [FileSummary::of("io.emit(\"ticket\", { action: \"update\", ticket });")];
        assert!(!Project::new(false, single).multi_tenant);
        assert!(Project::new(true, single).multi_tenant, "a catalog describes companies");
        let multi = [single[0], FileSummary::of("const { companyId } = req.user;")];
        assert!(Project::new(false, multi).multi_tenant);
    }
}
