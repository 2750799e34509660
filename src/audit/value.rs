//! Statically known parts of a string: an event name or a namespace as far as the scanner could
//! resolve it. Literal text stays text; whatever depends on run-time values stays an opaque
//! expression, so rules can tell `company-${companyId}-ticket` from `company-announcement`.

use std::fmt;

/// One piece of a string value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Lit(String),
    Dyn(Dyn),
}

/// An expression whose value is only known at run time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dyn {
    /// Source text without whitespace and without conversions that keep the value
    /// (`String(x)`, `x.toString()`, `Number(x)` are all `x`), so two spellings compare equal.
    pub text: String,
    /// Reads like an id (`id`, `companyId`, `ticket.companyId`, `user_id`): it stands for one value,
    /// never for a whole prefix such as `company-1`.
    pub id_like: bool,
    /// Derived from request input (`req.body`, `req.query`, `req.params`, headers, handshake query).
    pub untrusted: bool,
}

impl Dyn {
    pub fn new(text: &str, untrusted: bool) -> Dyn {
        let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let id_like = is_id_like(&text);
        Dyn {
            text,
            id_like,
            untrusted,
        }
    }
}

impl Dyn {
    /// The text with the TypeScript and optional-chaining marks that keep the value removed:
    /// `ticket!.companyId`, `ticket?.companyId` and `ticket.companyId` are one value whenever the
    /// expression yields one, so they name the same company.
    pub fn value_key(&self) -> String {
        self.text
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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
        if text.is_empty() {
            return;
        }
        if let Some(Part::Lit(last)) = self.parts.last_mut() {
            last.push_str(text);
        } else {
            self.parts.push(Part::Lit(text.to_owned()));
        }
    }

    pub fn append(&mut self, other: Str) {
        for part in other.parts {
            match part {
                Part::Lit(text) => self.push_lit(&text),
                Part::Dyn(d) => self.parts.push(Part::Dyn(d)),
            }
        }
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
                Part::Dyn(d) => write!(f, "${{{}}}", d.text)?,
            }
        }
        Ok(())
    }
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
