//! WEBSOCKET.md: generated sections spliced between markers, hand-written text kept.

use anyhow::{bail, Result};

use crate::catalog::Loaded;

/// The new text of the document, given its current text (`None` when it does not exist yet).
pub fn refresh(_loaded: &Loaded, _existing: Option<&str>) -> Result<String> {
    bail!("the docs target is not built yet")
}
