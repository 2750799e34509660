//! What TypeScript writes for the protocol's types: the type of an expression, of a room
//! parameter, of a declared field, of a client event's arguments and acknowledgement, a field's
//! doc lines, a name pattern as a template literal, and the declarations of the enums, DTOs and
//! payload types, ready to print. Every block of TypeScript that declares or uses these types
//! prints them from here, so the WEBSOCKET.md examples and payload blocks say what the generated
//! files say.

use super::{AckDecl, ClientEvent, FieldDecl, ParamType, Pattern, Protocol, Segment, ServerEvent, TypeDecl, TypeKind};
use crate::catalog::model::TypeExpr;
use crate::catalog::names::{doc_lines, js_string, ts_property, ts_template_text, ts_type};

/// A string enum as TypeScript declares it: `export type Name = "a" | "b";`.
pub struct TsEnum {
    pub name: String,
    pub doc: Vec<String>,
    /// As string literals.
    pub values: Vec<String>,
}

/// A DTO as TypeScript declares it: `export interface Name { … }`.
pub struct TsDto {
    pub name: String,
    pub doc: Vec<String>,
    pub props: Vec<TsProp>,
}

/// One property of an interface, ready to print: `key?: type;` with its doc lines.
pub struct TsProp {
    pub key: String,
    pub optional: bool,
    pub ty: String,
    pub doc: Vec<String>,
}

/// The payload types of a server event: one interface per action, their union, the action type
/// and the event name type.
pub struct TsPayloads {
    /// `TicketPayload`, `TicketAction`, `TicketEventName`.
    pub payload: String,
    pub action_type: String,
    pub event_name: String,
    /// `` `company-${number}-ticket` ``.
    pub name_type: String,
    pub doc: Vec<String>,
    pub variants: Vec<TsVariant>,
}

/// The payload interface of one action.
pub struct TsVariant {
    pub interface: String,
    pub doc: Vec<String>,
    /// The `action` discriminant, then the carried fields; the fixed fields come from
    /// `PayloadBase`.
    pub props: Vec<TsProp>,
}

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

    /// Each argument of a client event as a parameter: `ticketId: number`, `note?: string | null`.
    pub fn ts_client_params(&self, event: &ClientEvent) -> Vec<String> {
        event
            .args
            .iter()
            .zip(&event.ts.args)
            .map(|(arg, param)| format!("{param}{}: {}", if arg.optional { "?" } else { "" }, self.ts_field_type(arg)))
            .collect()
    }

    /// `Ack`, or `Ack<ReadReceipt>` when a successful reply carries data.
    pub fn ts_ack_type(&self, ack: &AckDecl) -> String {
        match &ack.ty {
            Some(ty) => format!("Ack<{}>", self.ts_type(ty)),
            None => "Ack".to_owned(),
        }
    }

    /// A declared field as an interface property.
    pub fn ts_prop(&self, field: &FieldDecl) -> TsProp {
        TsProp {
            key: ts_property(&field.name),
            optional: field.optional,
            ty: self.ts_field_type(field),
            doc: ts_field_doc(field),
        }
    }

    /// The declaration of a catalog type, when it is an enum.
    pub fn ts_enum(&self, decl: &TypeDecl) -> Option<TsEnum> {
        let TypeKind::Enum(values) = &decl.kind else { return None };
        Some(TsEnum {
            name: decl.ts_name.clone(),
            doc: doc_lines(decl.description.as_deref()),
            values: values.iter().map(|v| js_string(v)).collect(),
        })
    }

    /// The declaration of a catalog type, when it is a DTO.
    pub fn ts_dto(&self, decl: &TypeDecl) -> Option<TsDto> {
        let TypeKind::Dto(fields) = &decl.kind else { return None };
        Some(TsDto {
            name: decl.ts_name.clone(),
            doc: doc_lines(decl.description.as_deref()),
            props: fields.iter().map(|field| self.ts_prop(field)).collect(),
        })
    }

    /// An event's name for any company as a template literal type: `` `company-${number}-ticket` ``.
    pub fn ts_event_name_type(&self, event: &ServerEvent) -> String {
        self.ts_event_name(event, "${number}")
    }

    /// An event's name as a template literal whose company id is `company`, a substitution
    /// (`${number}` in a type, `${companyId}` in a value).
    pub fn ts_event_name(&self, event: &ServerEvent, company: &str) -> String {
        self.event_pattern.ts_template(|p| match p {
            "resource" => Some(ts_template_text(&event.resource)),
            _ => Some(company.to_owned()),
        })
    }

    /// The payload types of a server event.
    pub fn ts_payloads(&self, event: &ServerEvent) -> TsPayloads {
        let names = &event.ts;
        let variants = event
            .actions
            .iter()
            .zip(&names.variants)
            .map(|(action, interface)| {
                let discriminant = TsProp {
                    key: "action".to_owned(),
                    optional: false,
                    ty: js_string(&action.name),
                    doc: vec![],
                };
                let carried = action.carried.iter().map(|c| self.ts_prop(&c.field));
                TsVariant {
                    interface: interface.clone(),
                    doc: doc_lines(action.description.as_deref()),
                    props: std::iter::once(discriminant).chain(carried).collect(),
                }
            })
            .collect();
        TsPayloads {
            payload: names.payload.clone(),
            action_type: names.action.clone(),
            event_name: names.event_name.clone(),
            name_type: self.ts_event_name_type(event),
            doc: doc_lines(event.description.as_deref()),
            variants,
        }
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
