//! Payload shapes, compared the way the wire sees them: a field's type, whether it may be
//! absent or `null`, and inside named types. A type's name is not on the wire, so `Tag` renamed
//! `Label` with the same fields is no change; two named types met at the same place are compared
//! field by field (or value by value), once per pair and direction, and their changes are
//! reported on the new type.

use std::collections::BTreeSet;

use super::{found, pointer, Cx, Direction, In, Rule};
use crate::catalog::model::TypeExpr;
use crate::protocol::{FieldDecl, TypeKind};

/// Where a compared value sits, in words and in both catalogs.
pub(super) struct Place {
    /// `events.ticket.actions.create.payload.ticket`.
    pub subject: String,
    /// "payload field `ticket` of `ticket` `create` events".
    pub what: String,
    pub old: String,
    pub new: String,
}

/// Named types to compare, and those already compared.
#[derive(Default)]
pub(super) struct Pairs {
    pending: Vec<Pair>,
    seen: BTreeSet<Pair>,
}

/// An old type, the new type met at the same place, and the direction it travels in.
type Pair = (String, String, Direction);

/// How the new type's values relate to the old one's.
enum Shape {
    Same,
    /// Every old value and more.
    Wider,
    /// Only some old values.
    Narrower,
    Other,
}

impl Cx<'_> {
    /// Compares a field that is in both catalogs at `place`.
    pub(super) fn field_pair(&mut self, direction: Direction, old: &FieldDecl, new: &FieldDecl, place: &Place) {
        self.type_pair(direction, &old.ty, &new.ty, place);
        let flags = [
            (
                old.optional,
                new.optional,
                Rule::FieldMadeOptional,
                Rule::FieldMadeRequired,
                "optional",
                "required",
            ),
            (
                old.nullable,
                new.nullable,
                Rule::FieldMadeNullable,
                Rule::FieldMadeNonNullable,
                "nullable",
                "non-nullable",
            ),
        ];
        for (was, is, made, unmade, yes, no) in flags {
            if was != is {
                let (rule, now) = if is { (made, yes) } else { (unmade, no) };
                let message = format!("{} is now {now}", place.what);
                self.push(found(
                    rule,
                    direction,
                    place.subject.clone(),
                    message,
                    In::New,
                    place.new.clone(),
                ));
            }
        }
    }

    /// Compares the types found at `place` in both catalogs.
    pub(super) fn type_pair(&mut self, direction: Direction, old: &TypeExpr, new: &TypeExpr, place: &Place) {
        let rule = match self.shape(direction, old, new) {
            Shape::Same => return,
            Shape::Wider => Rule::FieldTypeWidened,
            Shape::Narrower => Rule::FieldTypeNarrowed,
            Shape::Other => Rule::FieldRetyped,
        };
        let message = format!("{} changed type from `{old}` to `{new}`", place.what);
        self.push(found(
            rule,
            direction,
            place.subject.clone(),
            message,
            In::New,
            place.new.clone(),
        ));
    }

    /// A field of the old catalog that the new one does not have at `place`.
    pub(super) fn field_removed(&mut self, direction: Direction, place: &Place) {
        let message = format!("{} was removed", place.what);
        let hint = match direction {
            Direction::ClientToServer => "deployed clients still send it and the generated server refuses what it does not know; keep it, optional, until no client sends it",
            _ => "deployed clients still read it; keep it until no client does, or release the change as a new major version",
        };
        self.push(
            found(
                Rule::FieldRemoved,
                direction,
                place.subject.clone(),
                message,
                In::Old,
                place.old.clone(),
            )
            .hint(hint),
        );
    }

    /// A field of the new catalog that the old one does not have at `place`.
    pub(super) fn field_added(&mut self, direction: Direction, field: &FieldDecl, place: &Place) {
        let required = direction == Direction::ClientToServer && !field.optional;
        let subject = place.subject.clone();
        let pointer = place.new.clone();
        let change = if required {
            let message = format!("required {} was added", place.what);
            found(Rule::RequiredFieldAdded, direction, subject, message, In::New, pointer)
                .hint("deployed clients do not send it; make it `optional: true`")
        } else {
            found(
                Rule::FieldAdded,
                direction,
                subject,
                format!("{} was added", place.what),
                In::New,
                pointer,
            )
        };
        self.push(change);
    }

    fn shape(&mut self, direction: Direction, old: &TypeExpr, new: &TypeExpr) -> Shape {
        use TypeExpr::{Array, DateTime, Integer, Map, Named, Number, String};
        match (old, new) {
            (Named(a), Named(b)) => self.named_pair(direction, a, b),
            (Named(a), String) if self.old.is_enum(a) => Shape::Wider,
            (String, Named(b)) if self.new.is_enum(b) => Shape::Narrower,
            (Array(a), Array(b)) | (Map(a), Map(b)) => self.shape(direction, a, b),
            (Integer, Number) | (DateTime, String) => Shape::Wider,
            (Number, Integer) | (String, DateTime) => Shape::Narrower,
            (a, b) if a == b => Shape::Same,
            _ => Shape::Other,
        }
    }

    /// Two DTOs or two enums are compared inside, later; anything else is another type.
    fn named_pair(&mut self, direction: Direction, old: &str, new: &str) -> Shape {
        let kinds = (
            self.old.type_decl(old).map(|t| &t.kind),
            self.new.type_decl(new).map(|t| &t.kind),
        );
        match kinds {
            (Some(TypeKind::Dto(_)), Some(TypeKind::Dto(_))) | (Some(TypeKind::Enum(_)), Some(TypeKind::Enum(_))) => {
                self.pairs.pending.push((old.to_owned(), new.to_owned(), direction));
                Shape::Same
            }
            _ => Shape::Other,
        }
    }
}

/// Compares every pair of named types met so far, and those they lead to.
pub(super) fn drain(cx: &mut Cx<'_>) {
    while let Some(pair) = cx.pairs.pending.pop() {
        if !cx.pairs.seen.insert(pair.clone()) {
            continue;
        }
        let (old, new, direction) = pair;
        let kinds = (
            cx.old.type_decl(&old).map(|t| &t.kind),
            cx.new.type_decl(&new).map(|t| &t.kind),
        );
        match kinds {
            (Some(TypeKind::Dto(a)), Some(TypeKind::Dto(b))) => dto_pair(cx, direction, (&old, a), (&new, b)),
            (Some(TypeKind::Enum(a)), Some(TypeKind::Enum(b))) => enum_pair(cx, direction, (&old, a), (&new, b)),
            _ => {}
        }
    }
}

fn dto_pair(cx: &mut Cx<'_>, direction: Direction, old: (&str, &[FieldDecl]), new: (&str, &[FieldDecl])) {
    let place = |name: &str| Place {
        subject: format!("types.{}.fields.{name}", new.0),
        what: format!("field `{name}` of `{}`", new.0),
        old: pointer(&["types", old.0, "fields", name]),
        new: pointer(&["types", new.0, "fields", name]),
    };
    let (both, removed, added) = super::split(old.1, new.1, |f| &f.name);
    for (o, n) in both {
        cx.field_pair(direction, o, n, &place(&o.name));
    }
    for field in removed {
        cx.field_removed(direction, &place(&field.name));
    }
    for field in added {
        cx.field_added(direction, field, &place(&field.name));
    }
}

fn enum_pair(cx: &mut Cx<'_>, direction: Direction, old: (&str, &[String]), new: (&str, &[String])) {
    let subject = |value: &str| format!("types.{}.enum.{value}", new.0);
    for (i, value) in old.1.iter().enumerate().filter(|(_, v)| !new.1.contains(v)) {
        let message = format!("value `{value}` of enum `{}` was removed", new.0);
        let at = pointer(&["types", old.0, "enum", &i.to_string()]);
        let change = found(Rule::EnumValueRemoved, direction, subject(value), message, In::Old, at);
        cx.push(change.hint(match direction {
            Direction::ClientToServer => "deployed clients may still send it; keep it until none does",
            _ => "servers not yet upgraded still send it; upgrade every server before shipping clients without it",
        }));
    }
    for (i, value) in new.1.iter().enumerate().filter(|(_, v)| !old.1.contains(v)) {
        let message = format!("value `{value}` was added to enum `{}`", new.0);
        let at = pointer(&["types", new.0, "enum", &i.to_string()]);
        let change = found(Rule::EnumValueAdded, direction, subject(value), message, In::New, at);
        cx.push(change.hint(match direction {
            Direction::ServerToClient => "clients built from the old catalog do not know it; ship clients that accept it first",
            _ => "servers not yet upgraded refuse it; upgrade every server before shipping clients that send it",
        }));
    }
}
