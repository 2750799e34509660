//! Exports: the catalog described in another project's format, for tools that read that format.
//! Each export reads the resolved [`Protocol`](crate::protocol::Protocol) only and builds a plain
//! document value; rendering it as JSON or YAML, and writing it, are shared.

pub mod asyncapi;
mod yaml;

use std::path::Path;

use anyhow::{bail, Result};
use serde_json::Value;

use crate::gen::output::{has_header, read_existing, same_file};

/// How an exported document is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
}

/// The document as text, with a final newline.
pub fn render(document: &Value, format: Format) -> String {
    match format {
        // AsyncAPI tools read JSON with a YAML parser, which refuses some characters JSON allows.
        Format::Json => {
            let mut text = yaml::escape_unprintable(&serde_json::to_string_pretty(document).expect("a JSON value serialises"));
            text.push('\n');
            text
        }
        Format::Yaml => yaml::to_string(document),
    }
}

/// Writes `contents` to `path` whole (a temporary file beside it, renamed into place). Only a new
/// file or an earlier export is replaced: the catalog, a file without the generated mark near its
/// top, a folder, a symbolic link or a FIFO is refused.
pub fn write(path: &Path, contents: &str, catalog: &Path) -> Result<()> {
    if same_file(path, catalog) {
        bail!("--output {} is the catalog itself; choose another --output", path.display());
    }
    if let Some(existing) = read_existing(path)? {
        if !has_header(&existing) {
            bail!(
                "refusing to overwrite {}: chatia-socket did not write it (no `{}` near its top); move it away or choose another --output",
                path.display(),
                crate::gen::GENERATED_MARK
            );
        }
    }
    crate::gen::commit::write_all(vec![(path, contents)])
}
