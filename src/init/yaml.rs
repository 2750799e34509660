//! The drafted catalog as YAML, each guess under a `# guessed from path:line` comment.
//!
//! Names come from the code being read, so every scalar that is not a plain word is written
//! as a double-quoted string and every comment is cut to one line: no name can end a comment
//! or a string early.

use std::fmt::Write;

use super::{ActionDraft, ArgDraft, At, ClientEventDraft, Convention, Draft, EventDraft, FieldDraft, RoomDraft, UNKNOWN};
use crate::catalog::model::FIXED_FIELDS;
use crate::catalog::names::line_comment_text;

/// The catalog text of `draft`; `from` names what was read, for the header.
pub fn render(draft: &Draft, from: &str) -> String {
    let mut out = String::new();
    header(&mut out, draft, from);
    out.push_str("version: 1\n\n");
    conventions(&mut out, draft);
    types(&mut out, draft);
    rooms(&mut out, draft);
    events(&mut out, draft);
    client_events(&mut out, draft);
    left_out(&mut out, draft);
    out
}

fn header(out: &mut String, draft: &Draft, from: &str) {
    comment(
        out,
        0,
        &format!(
            "Drafted by `chatia-socket init` from {} of {from}.",
            plural(draft.files, "file")
        ),
    );
    comment(
        out,
        0,
        "Every guess says where it was seen. Review them, give the DTOs their fields, replace",
    );
    comment(
        out,
        0,
        &format!("`{UNKNOWN}` where it is used, then run `chatia-socket check` and `chatia-socket audit --catalog`."),
    );
    out.push('\n');
}

fn conventions(out: &mut String, draft: &Draft) {
    out.push_str("conventions:\n");
    convention(out, "namespace", &draft.namespace);
    convention(out, "event", &draft.event);
    out.push('\n');
}

fn convention(out: &mut String, key: &str, convention: &Convention) {
    let said = match (&convention.at, &convention.note) {
        (Some(at), _) => {
            let sites = plural(convention.sites, "site");
            let default = if convention.pattern == convention.default {
                "the default".to_owned()
            } else {
                format!("the default is {}", convention.default)
            };
            format!("guessed from {at} ({sites} follow it); {default}")
        }
        (None, Some(note)) => format!("the default: {note}"),
        (None, None) => "the default".to_owned(),
    };
    comment(out, 2, &said);
    let _ = writeln!(out, "  {key}: {}", scalar(&convention.pattern));
}

fn types(out: &mut String, draft: &Draft) {
    let unknown = uses_unknown(draft);
    if draft.types.is_empty() && !unknown {
        return;
    }
    out.push_str("types:\n");
    if unknown {
        comment(
            out,
            2,
            "A placeholder for each value whose type the code does not show: replace it where it is used.",
        );
        let _ = writeln!(
            out,
            "  {UNKNOWN}:\n    description: A value whose type the code does not show.\n    fields: {{}}"
        );
    }
    for (name, at) in &draft.types {
        comment(
            out,
            2,
            &format!("guessed from {at}, where it is imported: give it its fields"),
        );
        let _ = writeln!(out, "  {}:\n    fields: {{}}", scalar(name));
    }
    out.push('\n');
}

fn uses_unknown(draft: &Draft) -> bool {
    let unknown = |ty: &str| ty.trim_end_matches("[]") == UNKNOWN;
    draft
        .events
        .values()
        .flat_map(|e| e.fields.values())
        .any(|f| unknown(&f.guess.ty))
        || draft
            .client_events
            .values()
            .flat_map(|c| &c.args)
            .any(|a| unknown(&a.guess.ty))
}

fn rooms(out: &mut String, draft: &Draft) {
    if draft.rooms.is_empty() {
        return;
    }
    out.push_str("rooms:\n");
    for (name, room) in &draft.rooms {
        room_entry(out, name, room);
    }
    out.push('\n');
}

fn room_entry(out: &mut String, name: &str, room: &RoomDraft) {
    comment(out, 2, &format!("guessed from {}", room.at));
    let _ = writeln!(out, "  {}:\n    pattern: {}", scalar(name), scalar(&room.pattern));
    if !room.params.is_empty() {
        let params: Vec<String> = room
            .params
            .iter()
            .map(|(name, ty)| format!("{}: {ty}", scalar(name)))
            .collect();
        let _ = writeln!(out, "    params: {{ {} }}", params.join(", "));
    }
}

fn events(out: &mut String, draft: &Draft) {
    out.push_str("events:");
    if draft.events.is_empty() {
        out.push_str(" {}\n\n");
        return;
    }
    out.push('\n');
    for (resource, event) in &draft.events {
        event_entry(out, resource, event, &draft.event.pattern);
    }
    out.push('\n');
}

fn event_entry(out: &mut String, resource: &str, event: &EventDraft, pattern: &str) {
    let seen = format!("{}, {}", plural(event.emits, "emit"), plural(event.listeners, "listener"));
    comment(out, 2, &format!("guessed from {} ({seen})", event.at));
    if let Some(spelt) = &event.spelt {
        comment(
            out,
            2,
            &format!(
                "the code names it `{spelt}`, outside the pattern {pattern}: move its emits and listeners to the pattern's name"
            ),
        );
    }
    if event.emits == 0 {
        comment(
            out,
            2,
            "no emit of it was found: check that the server still sends it, or remove it",
        );
    }
    let _ = writeln!(out, "  {}:", scalar(resource));
    if let Some(entity) = &event.entity {
        let _ = writeln!(out, "    entity: {}", scalar(entity));
    }
    if let Some(entity_field) = &event.entity_field {
        let _ = writeln!(out, "    entityField: {}", scalar(entity_field));
    }
    if let Some(id_field) = &event.id_field {
        let default = format!("{}Id", heck::AsLowerCamelCase(resource));
        if FIXED_FIELDS.contains(&default.as_str()) {
            comment(
                out,
                4,
                &format!("`{default}` is a fixed payload field: this event's own id needs another name"),
            );
        }
        let _ = writeln!(out, "    idField: {}", scalar(id_field));
    }
    if !event.without_action.is_empty() {
        let first = &event.without_action[0];
        comment(
            out,
            4,
            &format!(
                "{} without an `action`, the first at {first}: give them one",
                plural(event.without_action.len(), "emit")
            ),
        );
    }
    out.push_str("    actions:\n");
    for (name, action) in &event.actions {
        action_entry(out, name, action);
    }
    if !event.fields.is_empty() {
        out.push_str("    fields:\n");
        for (name, field) in &event.fields {
            field_entry(out, name, field);
        }
    }
    if !event.rooms.is_empty() {
        let rooms: Vec<String> = event.rooms.iter().map(|room| scalar(room)).collect();
        let _ = writeln!(out, "    rooms: [{}]", rooms.join(", "));
    }
}

fn action_entry(out: &mut String, name: &str, action: &ActionDraft) {
    if action.placeholder {
        comment(out, 6, "no emit shows an `action`: a placeholder, name the real ones");
    } else {
        comment(out, 6, &format!("guessed from {}", action.at));
    }
    let carries: Vec<String> = action.carries.iter().map(|field| scalar(field)).collect();
    let _ = writeln!(out, "      {}: {{ carries: [{}] }}", scalar(name), carries.join(", "));
}

fn field_entry(out: &mut String, name: &str, field: &FieldDraft) {
    guessed(out, 6, &field.at, field.guess.review.as_deref());
    let mut flags = String::new();
    if field.optional {
        flags.push_str(", optional: true");
    }
    if field.guess.nullable {
        flags.push_str(", nullable: true");
    }
    let _ = writeln!(out, "      {}: {{ type: {}{flags} }}", scalar(name), scalar(&field.guess.ty));
}

fn client_events(out: &mut String, draft: &Draft) {
    if draft.client_events.is_empty() {
        return;
    }
    out.push_str("clientEvents:\n");
    for (name, event) in &draft.client_events {
        client_event_entry(out, name, event);
    }
    out.push('\n');
}

fn client_event_entry(out: &mut String, name: &str, event: &ClientEventDraft) {
    let how = match (event.handled, event.sent) {
        (true, true) => "handled by the server, sent by the clients",
        (true, false) => "handled by the server; no client was seen sending it",
        _ => "sent by the clients; no server handler was seen",
    };
    comment(out, 2, &format!("guessed from {} ({how})", event.at));
    if event.args.is_empty() && !event.ack {
        let _ = writeln!(out, "  {}: {{}}", scalar(name));
        return;
    }
    let _ = writeln!(out, "  {}:", scalar(name));
    if !event.args.is_empty() {
        out.push_str("    args:\n");
        for arg in &event.args {
            arg_entry(out, arg);
        }
    }
    if event.ack {
        out.push_str("    ack: {}\n");
    }
}

fn arg_entry(out: &mut String, arg: &ArgDraft) {
    if let Some(review) = &arg.guess.review {
        comment(out, 6, &format!("review: {review}"));
    }
    let mut flags = String::new();
    if arg.optional {
        flags.push_str(", optional: true");
    }
    if arg.guess.nullable {
        flags.push_str(", nullable: true");
    }
    let _ = writeln!(
        out,
        "      - {{ name: {}, type: {}{flags} }}",
        scalar(&arg.name),
        scalar(&arg.guess.ty)
    );
}

fn left_out(out: &mut String, draft: &Draft) {
    if draft.left_out.is_empty() {
        return;
    }
    comment(out, 0, "Seen in the code but not drafted:");
    for (at, why) in &draft.left_out {
        comment(out, 0, &format!("  {at}: {why}"));
    }
}

fn guessed(out: &mut String, indent: usize, at: &At, review: Option<&str>) {
    match review {
        Some(review) => comment(out, indent, &format!("guessed from {at}; review: {review}")),
        None => comment(out, indent, &format!("guessed from {at}")),
    }
}

fn comment(out: &mut String, indent: usize, text: &str) {
    let _ = writeln!(out, "{:indent$}# {}", "", line_comment_text(text));
}

pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A plain scalar when `text` is a word YAML reads as that same string, else a double-quoted one.
pub fn scalar(text: &str) -> String {
    let plain = text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '_')
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/'))
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
        );
    if plain {
        return text.to_owned();
    }
    let mut quoted = String::from('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_ascii_graphic() || c == ' ' => quoted.push(c),
            c => {
                for unit in c.encode_utf16(&mut [0u16; 2]) {
                    let _ = write!(quoted, "\\u{unit:04x}");
                }
            }
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_that_are_not_plain_words_are_quoted() {
        assert_eq!(scalar("ticket"), "ticket");
        assert_eq!(scalar("/workspace-x"), "/workspace-x");
        assert_eq!(scalar("ticket-{ticketId}"), "\"ticket-{ticketId}\"");
        assert_eq!(scalar("on"), "\"on\"");
        assert_eq!(scalar("a\"b\n\u{2028}"), "\"a\\\"b\\u000a\\u2028\"");
    }

    #[test]
    fn comments_stay_on_one_line() {
        let mut out = String::new();
        comment(&mut out, 2, "a\nb\r\u{2028}c");
        assert_eq!(out.lines().count(), 1);
        assert!(out.starts_with("  # a b"));
    }
}
