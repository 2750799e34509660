//! React target: hooks for socket.io-client 4.7.

use anyhow::{bail, Result};

use crate::catalog::Loaded;

pub fn render(_loaded: &Loaded) -> Result<String> {
    bail!("the react target is not built yet")
}
