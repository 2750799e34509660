//! Statically known parts of a string: an event name or a namespace as far as the scanner could
//! resolve it. Literal text stays text; whatever depends on run-time values stays an opaque
//! expression, so rules can tell `company-${companyId}-ticket` from `company-announcement`.
//!
//! Values are bounded: a file's constants are copied into every emit that uses them and its
//! expressions' text into every finding about them, so an unbounded value would make memory and
//! output grow with the file's size times its uses. A text keeps at most [`MAX_TEXT`] characters
//! and a string at most [`MAX_PARTS`] parts; what is cut becomes one opaque part shown as `…`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The characters a literal part or an expression's text keeps.
pub const MAX_TEXT: usize = 200;
/// The parts a string keeps, the cut mark included.
pub const MAX_PARTS: usize = 32;
/// The text of the part that stands for whatever was cut.
const CUT: &str = "…";

/// One piece of a string value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part {
    Lit(String),
    Dyn(Dyn),
}

/// An expression whose value is only known at run time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dyn {
    /// Source text without whitespace and without conversions that keep the value
    /// (`String(x)`, `x.toString()`, `Number(x)` are all `x`), so two spellings compare equal.
    pub text: String,
    /// Reads like an id (`id`, `companyId`, `ticket.companyId`, `user_id`): it stands for one value,
    /// never for a whole prefix such as `company-1`.
    pub id_like: bool,
    /// Derived from request input (`req.body`, `req.query`, `req.params`, headers, handshake query).
    pub untrusted: bool,
    /// The expression a `const` name was read from (`whatsapp.companyId` for the `companyId` of
    /// `const { companyId } = whatsapp`): the value it holds, spelt another way.
    pub same_as: Option<String>,
}

impl Dyn {
    /// `text` is the expression's source; whitespace is dropped and a long text cut.
    pub fn new(text: &str, untrusted: bool) -> Dyn {
        let last = text.rsplit(['.', '?']).next().unwrap_or(text);
        let id_like = last.len() <= MAX_TEXT && is_id_like(&squeeze(last, MAX_TEXT));
        Dyn {
            text: squeeze(text, MAX_TEXT),
            id_like,
            untrusted,
            same_as: None,
        }
    }

    /// Stands for the rest of a string that was too long to keep.
    fn cut() -> Dyn {
        Dyn {
            text: CUT.to_owned(),
            id_like: false,
            untrusted: false,
            same_as: None,
        }
    }

    fn is_cut(&self) -> bool {
        self.text == CUT
    }
}

/// `text` without whitespace, cut to `max` characters (the last one then `…`).
fn squeeze(text: &str, max: usize) -> String {
    let mut kept: String = text.chars().filter(|c| !c.is_whitespace()).take(max + 1).collect();
    if kept.chars().count() > max {
        kept = kept.chars().take(max - 1).collect();
        kept.push_str(CUT);
    }
    kept
}

/// `text` cut to at most `max` characters for display (the last one then `…`), whitespace kept.
pub fn clip(text: &str, max: usize) -> String {
    if text.char_indices().nth(max).is_none() {
        return text.to_owned();
    }
    let (end, _) = text.char_indices().nth(max - 1).expect("longer than max");
    format!("{}{CUT}", &text[..end])
}

impl Dyn {
    /// The text with the TypeScript and optional-chaining marks that keep the value removed:
    /// `ticket!.companyId`, `ticket?.companyId` and `ticket.companyId` are one value whenever the
    /// expression yields one, so they name the same company.
    pub fn value_key(&self) -> String {
        self.same_as
            .as_deref()
            .unwrap_or(&self.text)
            .replace("?.[", "[")
            .replace("?.(", "(")
            .replace("?.", ".")
            .replace("!.", ".")
            .replace("![", "[")
    }
}

/// `id`, `companyId`, `ticket.companyId`, `user_id`, `req.params.id`.
fn is_id_like(text: &str) -> bool {
    let last = text.rsplit(['.', '?']).next().unwrap_or(text);
    let last = last.trim_end_matches("()");
    if !last.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$') {
        return false;
    }
    last.eq_ignore_ascii_case("id") || last.ends_with("Id") || last.ends_with("ID") || last.ends_with("_id")
}

/// A string value: literal text and opaque expressions in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Str {
    pub parts: Vec<Part>,
}

impl Str {
    pub fn lit(text: impl Into<String>) -> Str {
        let mut value = Str::default();
        value.push_lit(&text.into());
        value
    }

    pub fn dynamic(d: Dyn) -> Str {
        Str {
            parts: vec![Part::Dyn(d)],
        }
    }

    pub fn push_lit(&mut self, text: &str) {
        if text.is_empty() || self.is_cut() {
            return;
        }
        if !matches!(self.parts.last(), Some(Part::Lit(_))) {
            if self.parts.len() + 1 >= MAX_PARTS {
                return self.cut();
            }
            self.parts.push(Part::Lit(String::new()));
        }
        let Some(Part::Lit(last)) = self.parts.last_mut() else {
            unreachable!("a literal part was just made sure of")
        };
        let room = MAX_TEXT.saturating_sub(last.chars().count());
        match text.char_indices().nth(room) {
            None => last.push_str(text),
            Some((end, _)) => {
                last.push_str(&text[..end]);
                self.cut();
            }
        }
    }

    pub fn append(&mut self, other: Str) {
        for part in other.parts {
            match part {
                Part::Lit(text) => self.push_lit(&text),
                Part::Dyn(d) => self.push_dyn(d),
            }
        }
    }

    fn push_dyn(&mut self, d: Dyn) {
        if self.is_cut() {
            return;
        }
        if d.is_cut() || self.parts.len() + 1 >= MAX_PARTS {
            return self.cut();
        }
        self.parts.push(Part::Dyn(d));
    }

    /// Ends the string with the mark of what could not be kept; nothing more is added after it.
    fn cut(&mut self) {
        self.parts.push(Part::Dyn(Dyn::cut()));
    }

    fn is_cut(&self) -> bool {
        matches!(self.parts.last(), Some(Part::Dyn(d)) if d.is_cut())
    }

    /// The namespace socket.io serves for this name: `io.of(name)` puts a `/` before a name that
    /// does not start with one, so `io.of(String(id))` is `/${id}`.
    pub fn as_namespace(&self) -> Str {
        if matches!(self.parts.first(), Some(Part::Lit(text)) if text.starts_with('/')) {
            return self.clone();
        }
        let mut name = Str::lit("/");
        name.append(self.clone());
        name
    }

    /// The whole text, when nothing is dynamic.
    pub fn as_literal(&self) -> Option<String> {
        let mut text = String::new();
        for part in &self.parts {
            match part {
                Part::Lit(lit) => text.push_str(lit),
                Part::Dyn(_) => return None,
            }
        }
        Some(text)
    }

    /// Only one expression and no text at all: nothing can be checked.
    pub fn is_opaque(&self) -> bool {
        matches!(self.parts.as_slice(), [Part::Dyn(_)])
    }

    pub fn has_literal_text(&self) -> bool {
        self.parts.iter().any(|p| matches!(p, Part::Lit(_)))
    }

    pub fn dyns(&self) -> impl Iterator<Item = &Dyn> {
        self.parts.iter().filter_map(|p| match p {
            Part::Dyn(d) => Some(d),
            Part::Lit(_) => None,
        })
    }
}

/// Rendered the way a template literal would spell it: `company-${companyId}-ticket`.
impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for part in &self.parts {
            match part {
                Part::Lit(text) => f.write_str(text)?,
                Part::Dyn(d) if d.is_cut() => f.write_str(CUT)?,
                Part::Dyn(d) => write!(f, "${{{}}}", d.text)?,
            }
        }
        Ok(())
    }
}

/// A string from parts, `$` before a value's text: `spelt(&["company-", "$companyId"])`.
#[cfg(test)]
pub(crate) fn spelt(parts: &[&str]) -> Str {
    let mut value = Str::default();
    for part in parts {
        match part.strip_prefix('$') {
            Some(expr) => value.append(Str::dynamic(Dyn::new(expr, false))),
            None => value.push_lit(part),
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjacent_literals_merge() {
        let mut value = Str::lit("company-");
        value.append(Str::dynamic(Dyn::new("companyId", false)));
        value.append(Str::lit("-"));
        value.append(Str::lit("ticket"));
        assert_eq!(value.parts.len(), 3);
        assert_eq!(value.to_string(), "company-${companyId}-ticket");
    }

    #[test]
    fn ids_are_recognised_by_their_last_segment() {
        assert!(Dyn::new("ticket.companyId", false).id_like);
        assert!(Dyn::new("id", false).id_like);
        assert!(Dyn::new("user_id", false).id_like);
        assert!(!Dyn::new("prefix", false).id_like);
        assert!(!Dyn::new("eventName", false).id_like);
    }

    #[test]
    fn long_texts_and_strings_are_cut_and_stay_cut() {
        let long = "x".repeat(10 * MAX_TEXT);
        let d = Dyn::new(&format!("{long}.companyId"), false);
        assert_eq!(d.text.chars().count(), MAX_TEXT);
        assert!(d.id_like, "the last segment still tells");
        let mut value = Str::lit(long.clone());
        value.append(Str::lit("-ticket"));
        assert_eq!(value.to_string(), format!("{}…", &long[..MAX_TEXT]));
        let mut many = Str::default();
        for _ in 0..10 * MAX_PARTS {
            many.append(Str::lit("a"));
            many.append(Str::dynamic(Dyn::new("b", false)));
        }
        assert_eq!(many.parts.len(), MAX_PARTS);
        assert!(many.to_string().ends_with('…'));
    }

    #[test]
    fn non_null_and_optional_spellings_share_a_value_key() {
        let key = |text: &str| Dyn::new(text, false).value_key();
        assert_eq!(key("ticket!.companyId"), key("ticket.companyId"));
        assert_eq!(key("ticket?.companyId"), key("ticket .companyId"));
        assert_eq!(key("tickets?.[0]!.companyId"), key("tickets[0].companyId"));
        assert_ne!(key("ticket.companyId"), key("contact.companyId"));
        assert_eq!(
            Dyn::new("ticket?.companyId", false).text,
            "ticket?.companyId",
            "messages keep the spelling"
        );
    }
}
