//! The event catalog: its model, loading with positions, validation and identifier naming.

mod diagnostic;
pub mod load;
pub mod model;
pub mod names;
pub mod validate;

pub use diagnostic::{Diagnostic, Diagnostics, Location, Severity};
pub use load::{load, load_bytes, read, Loaded};
pub use model::Catalog;

/// The catalog's JSON Schema (draft 2020-12), pretty-printed with a final newline.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(Catalog);
    let mut text = serde_json::to_string_pretty(&schema).expect("a derived schema serialises");
    text.push('\n');
    text
}
