//! `init --from`: a first catalog drafted from existing code, through the audit's scanner.
//!
//! Every guess keeps where it was seen, so the rendered catalog can say `# guessed from
//! path:line` next to it; what could not be guessed is kept too, and listed at the end of the
//! file instead of being dropped without a word.

mod conventions;
mod events;
mod rooms;
mod types;
pub mod yaml;

use indexmap::IndexMap;

use crate::audit::finding::LineIndex;
use crate::audit::pattern::Pattern;
use crate::audit::scan::FileFacts;
use crate::audit::ScannedFile;
pub use types::Guess;

/// Where a guess was made: a file relative to the scanned root, and a line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct At {
    pub path: String,
    pub line: usize,
}

impl std::fmt::Display for At {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.path, self.line)
    }
}

/// A drafted catalog: what the code shows of its real-time protocol.
#[derive(Debug, Default)]
pub struct Draft {
    pub namespace: Convention,
    pub event: Convention,
    /// DTOs named by imports, without their fields.
    pub types: IndexMap<String, At>,
    pub rooms: IndexMap<String, RoomDraft>,
    pub events: IndexMap<String, EventDraft>,
    pub client_events: IndexMap<String, ClientEventDraft>,
    /// What was seen but not drafted, and why.
    pub left_out: Vec<(At, String)>,
    pub files: usize,
}

/// A namespace or event pattern, and what it was guessed from.
#[derive(Debug, Default)]
pub struct Convention {
    pub pattern: String,
    pub default: &'static str,
    /// How many sites follow it, and the first of them.
    pub sites: usize,
    pub at: Option<At>,
    pub note: Option<String>,
}

#[derive(Debug)]
pub struct RoomDraft {
    pub pattern: String,
    pub params: Vec<(String, &'static str)>,
    pub at: At,
    /// Joins and emits that name it.
    pub sites: usize,
}

#[derive(Debug)]
pub struct EventDraft {
    pub entity: Option<String>,
    /// Set when the entity travels in a field not named like the resource (`message` of `appMessage`).
    pub entity_field: Option<String>,
    /// Set when `<resource>Id` is a fixed payload field (`userId` of `user` events).
    pub id_field: Option<String>,
    /// The name the code sends it by, when that does not follow the event pattern.
    pub spelt: Option<String>,
    pub actions: IndexMap<String, ActionDraft>,
    pub fields: IndexMap<String, FieldDraft>,
    pub rooms: Vec<String>,
    pub at: At,
    pub emits: usize,
    pub listeners: usize,
    /// Emits whose payload shows no `action`.
    pub without_action: Vec<At>,
}

#[derive(Debug)]
pub struct ActionDraft {
    pub carries: Vec<String>,
    pub at: At,
    /// No emit shows it: a placeholder for an event only listened to, or sent without `action`.
    pub placeholder: bool,
    /// Emits with a readable payload object, for telling optional fields.
    pub objects: usize,
}

#[derive(Debug)]
pub struct FieldDraft {
    pub guess: Guess,
    pub optional: bool,
    pub at: At,
    /// Emits that carried it, per action.
    pub seen: IndexMap<String, usize>,
}

#[derive(Debug)]
pub struct ClientEventDraft {
    pub args: Vec<ArgDraft>,
    pub ack: bool,
    pub at: At,
    pub handled: bool,
    pub sent: bool,
}

#[derive(Debug, Clone)]
pub struct ArgDraft {
    pub name: String,
    pub guess: Guess,
    /// Some client sends the event without it.
    pub optional: bool,
}

/// The placeholder DTO of every value whose type the code does not show.
pub const UNKNOWN: &str = "Unknown";

/// One scanned file, with its line index, as the drafting steps read it.
pub(crate) struct Source<'f> {
    pub relative: &'f str,
    pub facts: &'f FileFacts,
    lines: LineIndex<'f>,
}

impl Source<'_> {
    pub fn at(&self, offset: u32) -> At {
        At {
            path: self.relative.to_owned(),
            line: self.lines.line(offset as usize),
        }
    }
}

/// Drafts a catalog from the files the audit's scanner read.
pub fn draft(files: &[ScannedFile]) -> Draft {
    let sources: Vec<Source<'_>> = files
        .iter()
        .map(|file| Source {
            relative: &file.relative,
            facts: &file.facts,
            lines: LineIndex::new(&file.text),
        })
        .collect();
    let mut draft = Draft {
        namespace: conventions::namespace(&sources),
        event: conventions::event(&sources),
        files: files.len(),
        ..Draft::default()
    };
    let pattern = Pattern::new(&draft.event.pattern);
    draft.rooms = rooms::draft(&sources, &mut draft.left_out);
    events::server_events(&sources, &pattern, &mut draft);
    events::client_events(&sources, &pattern, &mut draft);
    draft.left_out.sort();
    draft.left_out.dedup();
    draft
}

/// The catalog text drafted from `files`, checked the way `check` checks a catalog: what it
/// finds wrong is taken out of the draft and listed at the end, until nothing is wrong.
pub fn catalog(files: &[ScannedFile], from: &str) -> anyhow::Result<(String, Draft)> {
    let mut draft = draft(files);
    // Each round takes out one element: problems that name two elements (rooms whose names
    // overlap) are then reported again only while both are still there.
    loop {
        if draft.events.is_empty() {
            anyhow::bail!("{}", nothing_drafted(&draft));
        }
        let text = yaml::render(&draft, from);
        let problems = problems_of(&text)?;
        if problems.is_empty() {
            return Ok((text, draft));
        }
        if !problems
            .iter()
            .any(|problem| take_out(&mut draft, &problem.pointer, &problem.message))
        {
            let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
            anyhow::bail!("the drafted catalog is not valid: {}", messages.join("; "));
        }
        draft.left_out.sort();
        draft.left_out.dedup();
    }
}

/// Why no catalog could be drafted: no event, and what was seen instead.
fn nothing_drafted(draft: &Draft) -> String {
    let mut text = format!(
        "no Socket.IO event that a catalog can name was found in {}",
        yaml::plural(draft.files, "file")
    );
    for (at, why) in draft.left_out.iter().take(10) {
        text.push_str(&format!("\n  {at}: {why}"));
    }
    text.push_str("\n  hint: point `--from` at the code that emits and listens; declare emitting helpers with `--config`");
    text
}

fn problems_of(text: &str) -> anyhow::Result<Vec<crate::catalog::validate::Problem>> {
    let path = std::path::Path::new("socket-events.yaml");
    let parsed = crate::catalog::load::parse::<crate::catalog::model::Catalog>(path, text.as_bytes())
        .map_err(|diagnostics| anyhow::anyhow!("the drafted catalog does not parse: {diagnostics}"))?;
    let mut problems = parsed.problems;
    if let Some(catalog) = &parsed.value {
        problems.extend(crate::catalog::validate::validate(catalog));
    }
    Ok(problems)
}

/// Takes the element a problem's pointer is in out of the draft, and says why in `left_out`;
/// false when the pointer names no element of the draft.
fn take_out(draft: &mut Draft, pointer: &str, message: &str) -> bool {
    let segments: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    let (Some(section), Some(name)) = (segments.first(), segments.get(1)) else {
        return false;
    };
    let at = match section.as_str() {
        "events" => take_out_of_event(draft, name, &segments[2..]),
        "clientEvents" => draft
            .client_events
            .shift_remove(name)
            .map(|c| (c.at, format!("client event `{name}`"))),
        "types" => draft.types.shift_remove(name).map(|at| (at, format!("type `{name}`"))),
        "rooms" => {
            let room = draft.rooms.shift_remove(name);
            for event in draft.events.values_mut() {
                event.rooms.retain(|r| r != name);
            }
            room.map(|r| (r.at, format!("room `{name}`")))
        }
        "conventions" => {
            let convention = match name.as_str() {
                "namespace" => &mut draft.namespace,
                "event" => &mut draft.event,
                _ => return false,
            };
            let at = convention.at.take();
            convention.pattern = convention.default.to_owned();
            at.map(|at| (at, format!("the {name} pattern")))
        }
        _ => None,
    };
    match at {
        Some((at, what)) => {
            draft.left_out.push((at, format!("{what}: {message}")));
            true
        }
        None => false,
    }
}

/// Takes an action, a field or a room out of an event when the problem is in one, else the
/// whole event.
fn take_out_of_event(draft: &mut Draft, resource: &str, rest: &[String]) -> Option<(At, String)> {
    let event = draft.events.get_mut(resource)?;
    let what = |kind: &str, name: &str| format!("{kind} `{name}` of event `{resource}`");
    match rest {
        [section, name, ..] if section == "actions" && event.actions.len() > 1 => {
            let action = event.actions.shift_remove(name)?;
            Some((action.at, what("action", name)))
        }
        [section, name, ..] if section == "fields" => {
            let field = event.fields.shift_remove(name)?;
            for action in event.actions.values_mut() {
                action.carries.retain(|carried| carried != name);
            }
            Some((field.at, what("field", name)))
        }
        [section, index, ..] if section == "rooms" => {
            let index: usize = index.parse().ok().filter(|i| *i < event.rooms.len())?;
            let room = event.rooms.remove(index);
            Some((event.at.clone(), what("room", &room)))
        }
        _ => {
            let event = draft.events.shift_remove(resource)?;
            Some((event.at, format!("event `{resource}`")))
        }
    }
}

/// `["ticket-", "$ticket.id"]` as a string value: text, and `$`-marked expressions.
#[cfg(test)]
fn str_of(parts: &[&str]) -> crate::audit::value::Str {
    use crate::audit::value::{Dyn, Str};
    let mut value = Str::default();
    for part in parts {
        match part.strip_prefix('$') {
            Some(text) => value.append(Str::dynamic(Dyn::new(text, false))),
            None => value.push_lit(part),
        }
    }
    value
}
