//! What TypeScript writes for the protocol's types: the type of an expression, of a room
//! parameter and of a declared field, a field's doc lines, and a name pattern as a template
//! literal. Every block of TypeScript that declares or uses these types prints them from here,
//! so the WEBSOCKET.md examples and payload blocks say what the generated files say.

use super::{FieldDecl, ParamType, Pattern, Protocol, Segment};
use crate::catalog::model::TypeExpr;
use crate::catalog::names::{doc_lines, ts_template_text, ts_type};

impl Protocol {
    /// The TypeScript type of a type expression.
    pub fn ts_type(&self, expr: &TypeExpr) -> String {
        match expr {
            TypeExpr::Integer | TypeExpr::Number => "number".to_owned(),
            TypeExpr::String | TypeExpr::DateTime => "string".to_owned(),
            TypeExpr::Boolean => "boolean".to_owned(),
            TypeExpr::Named(name) => self.ts_type_name(name),
            TypeExpr::Array(inner) => format!("{}[]", self.ts_type(inner)),
            TypeExpr::Map(inner) => format!("Record<string, {}>", self.ts_type(inner)),
        }
    }

    /// The type of a field as declared: with `| null` when it is nullable (optional is `?`).
    pub fn ts_field_type(&self, field: &FieldDecl) -> String {
        let ty = self.ts_type(&field.ty);
        if field.nullable {
            format!("{ty} | null")
        } else {
            ty
        }
    }

    pub fn ts_param_type(&self, ty: &ParamType) -> String {
        match ty {
            ParamType::Integer => "number".to_owned(),
            ParamType::String => "string".to_owned(),
            ParamType::Enum(name) => self.ts_type_name(name),
        }
    }

    /// The TypeScript name of a catalog type.
    pub fn ts_type_name(&self, name: &str) -> String {
        self.type_decl(name)
            .map_or_else(|| ts_type(name), |decl| decl.ts_name.clone())
    }
}

/// The doc-comment lines of a declared field: its description, and for a date the format that
/// its TypeScript type, `string`, does not say.
pub fn ts_field_doc(field: &FieldDecl) -> Vec<String> {
    let mut doc = doc_lines(field.description.as_deref());
    if mentions_datetime(&field.ty) {
        doc.push("ISO 8601 date and time.".to_owned());
    }
    doc
}

fn mentions_datetime(expr: &TypeExpr) -> bool {
    match expr {
        TypeExpr::DateTime => true,
        TypeExpr::Array(inner) | TypeExpr::Map(inner) => mentions_datetime(inner),
        _ => false,
    }
}

impl Pattern {
    /// The pattern as a template literal (type or value); `fill` gives the text for each
    /// placeholder: a substitution such as `${number}` or `${companyId}`, or escaped literal text.
    pub fn ts_template(&self, fill: impl Fn(&str) -> Option<String>) -> String {
        let mut out = String::from("`");
        for segment in &self.segments {
            match segment {
                Segment::Text(text) => out.push_str(&ts_template_text(text)),
                Segment::Param(name) => out.push_str(&fill(name).unwrap_or_else(|| "${string}".to_owned())),
            }
        }
        out.push('`');
        out
    }
}
