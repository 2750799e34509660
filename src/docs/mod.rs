//! WEBSOCKET.md: generated sections spliced between markers, hand-written text kept.
//!
//! The sections, in their canonical order, are `index`, `rooms`, `connection`, one
//! `events/<resource>` per event and one `client-events/<name>` per client event, in catalog
//! order; `gen::markdown` renders them and `splice` puts them in place.

pub mod splice;

use anyhow::Result;

use crate::protocol::Protocol;

pub use splice::{MarkerProblem, MarkerProblems};

/// The prefix of every event section's name; such a section whose event is gone is removed.
pub const EVENT_SECTION_PREFIX: &str = "events/";

/// The prefix of every client event section's name; removed like an event's when its event is gone.
pub const CLIENT_EVENT_SECTION_PREFIX: &str = "client-events/";

/// The new text of the document, given its current text (`None` when it does not exist yet).
/// Marker problems in `existing` come back as a [`MarkerProblems`] error.
pub fn refresh(protocol: &Protocol, existing: Option<&str>) -> Result<String> {
    let document = crate::gen::markdown::render(protocol)?;
    match existing {
        // Only a file that does not exist yet is the tool's to create; any existing file, even
        // an empty one, is the user's and needs markers to say where the generated text goes.
        Some(text) => Ok(splice::splice(text, &document.sections, |name| {
            name.starts_with(EVENT_SECTION_PREFIX) || name.starts_with(CLIENT_EVENT_SECTION_PREFIX)
        })?),
        None => Ok(splice::create(&document.intro, &document.sections)),
    }
}
