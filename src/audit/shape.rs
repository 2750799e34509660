//! What the code shows of a value's type: a payload field's value, an event handler's
//! parameters. The audit's rules do not need it; `init` drafts the catalog's types from it.

use oxc_ast::ast::*;
use oxc_span::GetSpan;
use serde::{Deserialize, Serialize};

/// The type a value's expression shows, as far as it shows one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shape {
    String,
    Integer,
    Number,
    Boolean,
    Null,
    /// `new Date()`, `date.toISOString()`: an ISO 8601 text on the wire.
    DateTime,
    /// An identifier or a property read: its last name (`ticket`, `ticket.id` → `id`).
    Named(String),
    /// An array literal, with the shape of its first element.
    Array(Box<Shape>),
    Object,
    Unknown,
}

/// The shape of `expr`.
pub fn of(expr: &Expression<'_>) -> Shape {
    match expr {
        Expression::StringLiteral(_) | Expression::TemplateLiteral(_) => Shape::String,
        Expression::NumericLiteral(n) if n.value.fract() == 0.0 => Shape::Integer,
        Expression::NumericLiteral(_) => Shape::Number,
        Expression::BooleanLiteral(_) => Shape::Boolean,
        Expression::NullLiteral(_) => Shape::Null,
        Expression::Identifier(id) => Shape::Named(id.name.to_string()),
        Expression::StaticMemberExpression(member) if member.property.name == "length" => Shape::Integer,
        Expression::StaticMemberExpression(member) => Shape::Named(member.property.name.to_string()),
        Expression::UnaryExpression(unary) => match unary.operator {
            UnaryOperator::LogicalNot => Shape::Boolean,
            UnaryOperator::UnaryPlus | UnaryOperator::UnaryNegation => Shape::Number,
            UnaryOperator::Typeof => Shape::String,
            _ => Shape::Unknown,
        },
        Expression::CallExpression(call) => call_shape(call),
        Expression::NewExpression(new) if callee_name(&new.callee) == Some("Date") => Shape::DateTime,
        Expression::ArrayExpression(array) => {
            let first = array.elements.first().and_then(ArrayExpressionElement::as_expression);
            Shape::Array(Box::new(first.map_or(Shape::Unknown, of)))
        }
        Expression::ObjectExpression(_) => Shape::Object,
        Expression::TSAsExpression(e) => of(&e.expression),
        Expression::TSSatisfiesExpression(e) => of(&e.expression),
        Expression::TSNonNullExpression(e) => of(&e.expression),
        Expression::ParenthesizedExpression(e) => of(&e.expression),
        Expression::AwaitExpression(e) => of(&e.argument),
        Expression::BinaryExpression(binary) if binary.operator.is_equality() || binary.operator.is_compare() => Shape::Boolean,
        Expression::ConditionalExpression(e) => same_or_unknown(of(&e.consequent), of(&e.alternate)),
        Expression::LogicalExpression(e) => same_or_unknown(of(&e.left), of(&e.right)),
        _ => Shape::Unknown,
    }
}

fn call_shape(call: &CallExpression<'_>) -> Shape {
    match &call.callee {
        Expression::Identifier(id) => match id.name.as_str() {
            "Number" | "parseFloat" => Shape::Number,
            "parseInt" => Shape::Integer,
            "String" => Shape::String,
            "Boolean" => Shape::Boolean,
            _ => Shape::Unknown,
        },
        Expression::StaticMemberExpression(member) => match member.property.name.as_str() {
            "toISOString" | "toJSON" => Shape::DateTime,
            "toString" | "toFixed" | "join" | "trim" | "toLowerCase" | "toUpperCase" => Shape::String,
            "includes" | "startsWith" | "endsWith" | "some" | "every" => Shape::Boolean,
            "now" if callee_name(&member.object) == Some("Date") => Shape::Integer,
            _ => Shape::Unknown,
        },
        _ => Shape::Unknown,
    }
}

fn callee_name<'e>(callee: &'e Expression<'_>) -> Option<&'e str> {
    match callee {
        Expression::Identifier(id) => Some(id.name.as_str()),
        _ => None,
    }
}

fn same_or_unknown(a: Shape, b: Shape) -> Shape {
    match (a, b) {
        (a, b) if a == b => a,
        (Shape::Null, other) | (other, Shape::Null) => other,
        _ => Shape::Unknown,
    }
}

/// One parameter of an event handler: its name when it is a plain one, and its TypeScript
/// annotation as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    pub name: Option<String>,
    pub annotation: Option<String>,
}

/// The parameters of a function expression, or `None` for anything else.
pub fn params(expr: &Expression<'_>, text: &str) -> Option<Vec<Param>> {
    let params = match expr {
        Expression::ArrowFunctionExpression(f) => &f.params,
        Expression::FunctionExpression(f) => &f.params,
        _ => return None,
    };
    let param = |pattern: &BindingPattern<'_>| Param {
        name: match &pattern.kind {
            BindingPatternKind::BindingIdentifier(id) => Some(id.name.to_string()),
            BindingPatternKind::AssignmentPattern(assign) => match &assign.left.kind {
                BindingPatternKind::BindingIdentifier(id) => Some(id.name.to_string()),
                _ => None,
            },
            _ => None,
        },
        annotation: pattern.type_annotation.as_ref().and_then(|annotation| {
            let span = annotation.type_annotation.span();
            text.get(span.start as usize..span.end as usize).map(str::to_owned)
        }),
    };
    Some(params.items.iter().map(|item| param(&item.pattern)).collect())
}
