//! Rust target: payload types and emitters for socketioxide.

use anyhow::{bail, Result};

use crate::catalog::Catalog;

pub fn render(_catalog: &Catalog) -> Result<String> {
    bail!("the rust target is not built yet")
}
