//! How one generated TypeScript file imports another: the payload types, from the server
//! emitters and the React hooks. Shared by those targets, so that neither calls the other.

use std::path::{Component, Path};

use anyhow::{Context, Result};

use super::Target;
use crate::catalog::model::Outputs;
use crate::catalog::names::js_string;

/// The module specifier, as a string literal, by which the output of `from` imports the payload
/// types: relative, without the `.ts` extension (`"../../shared/socket/events"`).
pub(crate) fn types_import(outputs: &Outputs, from: Target) -> Result<String> {
    let importer = from.output_path(outputs).context("the importing output has no path")?;
    let types = Target::TypescriptTypes
        .output_path(outputs)
        .context("the catalog names no `typescriptTypes` output to import the payload types from")?;
    Ok(js_string(&relative_module(Path::new(importer), Path::new(types))))
}

fn relative_module(from_file: &Path, to_file: &Path) -> String {
    let normal = |path: &Path| -> Vec<String> {
        let mut parts: Vec<String> = Vec::new();
        for component in path.components() {
            match component {
                Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
                Component::ParentDir if parts.last().is_some_and(|p| p != "..") => {
                    parts.pop();
                }
                Component::ParentDir => parts.push("..".to_owned()),
                _ => {}
            }
        }
        parts
    };
    let from = normal(from_file.parent().unwrap_or(Path::new("")));
    let mut to = normal(to_file);
    if let Some(last) = to.last_mut() {
        for extension in [".tsx", ".ts"] {
            if let Some(stem) = last.strip_suffix(extension) {
                *last = stem.to_owned();
                break;
            }
        }
    }
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - common];
    if parts.is_empty() {
        parts.push(".".to_owned());
    }
    parts.extend(to.drain(common..));
    parts.join("/")
}
