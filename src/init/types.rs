//! Catalog types from what the code shows of a value: its literal, its conversion, the DTO an
//! import names, an id's name. Anything else is the placeholder DTO, with a note to review it.

use std::collections::HashSet;

use heck::ToUpperCamelCase;

use super::UNKNOWN;
use crate::audit::shape::Shape;

/// A drafted type: the catalog's type text, whether `null` was seen, and why it needs a look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guess {
    pub ty: String,
    pub nullable: bool,
    pub review: Option<String>,
    /// Read from the value's name only, not from the value.
    pub by_name: bool,
}

impl Guess {
    fn sure(ty: &str) -> Guess {
        Guess {
            ty: ty.to_owned(),
            nullable: false,
            review: None,
            by_name: false,
        }
    }

    fn unknown(why: String) -> Guess {
        Guess {
            review: Some(why),
            ..Guess::sure(UNKNOWN)
        }
    }

    /// How much of the type the code shows: nothing, the value's name, the value.
    pub fn rank(&self) -> u8 {
        match (&self.review, self.by_name) {
            (Some(_), _) => 0,
            (None, true) => 1,
            (None, false) => 2,
        }
    }
}

/// The DTO names the project imports from its own modules: PascalCase names.
pub fn dto_names<'a>(imports: impl Iterator<Item = &'a String>) -> HashSet<String> {
    imports
        .filter(|name| name.starts_with(|c: char| c.is_ascii_uppercase()) && name.chars().any(|c| c.is_ascii_lowercase()))
        .filter(|name| name.chars().all(|c| c.is_ascii_alphanumeric()))
        .cloned()
        .collect()
}

/// The type of a value named `name` (a field or an argument) whose expression shows `shape`.
pub fn guess(name: &str, shape: &Shape, dtos: &HashSet<String>) -> Guess {
    match shape {
        Shape::String => Guess::sure("string"),
        Shape::Integer => Guess::sure("integer"),
        Shape::Number if is_id(name) => Guess::sure("integer"),
        Shape::Number => Guess::sure("number"),
        Shape::Boolean => Guess::sure("boolean"),
        Shape::DateTime => Guess::sure("datetime"),
        Shape::Null => Guess {
            nullable: true,
            ..by_name(name, dtos)
        },
        Shape::Named(value) => {
            let by_value = by_name(value, dtos);
            if by_value.review.is_none() {
                by_value
            } else {
                by_name(name, dtos)
            }
        }
        Shape::Array(item) => {
            let item = guess(singular(name), item, dtos);
            Guess {
                ty: format!("{}[]", item.ty),
                nullable: false,
                ..item
            }
        }
        Shape::Object => Guess::unknown("an object literal: declare a DTO for it".to_owned()),
        Shape::Unknown => by_name(name, dtos),
    }
}

/// What a name alone says: an id is an integer, a name like an imported DTO is that DTO.
fn by_name(name: &str, dtos: &HashSet<String>) -> Guess {
    let named = |ty: &str| Guess {
        by_name: true,
        ..Guess::sure(ty)
    };
    if is_id(name) {
        return named("integer");
    }
    let dto = name.to_upper_camel_case();
    if dtos.contains(&dto) {
        return named(&dto);
    }
    Guess::unknown(format!("the code does not show the type of `{name}`"))
}

/// `id`, `ticketId`, `queue_id`: names of a row's integer id.
fn is_id(name: &str) -> bool {
    name == "id" || name.ends_with("Id") || name.ends_with("_id")
}

fn singular(name: &str) -> &str {
    name.strip_suffix('s').filter(|s| !s.is_empty()).unwrap_or(name)
}

/// A TypeScript annotation read as a catalog type, when it is one the catalog has.
pub fn annotation(text: &str, dtos: &HashSet<String>) -> Option<Guess> {
    let text = text.trim();
    if let Some(item) = text.strip_suffix("[]") {
        let item = annotation(item, dtos)?;
        return Some(Guess {
            ty: format!("{}[]", item.ty),
            ..item
        });
    }
    let (text, nullable) = match text.strip_suffix("| null").or_else(|| text.strip_suffix("|null")) {
        Some(rest) => (rest.trim(), true),
        None => (text, false),
    };
    let ty = match text {
        "string" => "string",
        "number" => "number",
        "boolean" => "boolean",
        "Date" => "datetime",
        dto if dtos.contains(dto) => dto,
        _ => return None,
    };
    Some(Guess {
        nullable,
        ..Guess::sure(ty)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dtos() -> HashSet<String> {
        ["Ticket".to_owned(), "Message".to_owned()].into_iter().collect()
    }

    #[test]
    fn values_give_their_types() {
        let cases = [
            ("body", Shape::String, "string", false),
            ("count", Shape::Integer, "integer", false),
            ("queueId", Shape::Number, "integer", false),
            ("ticket", Shape::Named("ticket".into()), "Ticket", false),
            ("message", Shape::Named("newMessage".into()), "Message", false),
            ("ticketId", Shape::Named("id".into()), "integer", false),
            ("userId", Shape::Null, "integer", true),
            ("tickets", Shape::Array(Box::new(Shape::Named("t".into()))), "Ticket[]", false),
            ("at", Shape::DateTime, "datetime", false),
        ];
        for (name, shape, ty, nullable) in cases {
            let guess = guess(name, &shape, &dtos());
            assert_eq!((guess.ty.as_str(), guess.nullable), (ty, nullable), "{name}");
            assert_eq!(guess.review, None, "{name}");
        }
    }

    #[test]
    fn what_the_code_does_not_show_is_marked_for_review() {
        let guess = guess("extra", &Shape::Named("thing".into()), &dtos());
        assert_eq!(guess.ty, UNKNOWN);
        assert!(guess.review.is_some());
        assert!(super::guess("meta", &Shape::Object, &dtos()).review.is_some());
    }

    #[test]
    fn annotations_give_catalog_types() {
        assert_eq!(annotation("number", &dtos()).unwrap().ty, "number");
        assert_eq!(annotation("Ticket[]", &dtos()).unwrap().ty, "Ticket[]");
        assert!(annotation("string | null", &dtos()).unwrap().nullable);
        assert_eq!(annotation("Record<string, unknown>", &dtos()), None);
    }
}
