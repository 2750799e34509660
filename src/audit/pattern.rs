//! The catalog's naming conventions (`company-{companyId}-{resource}`, `/workspace-{companyId}`)
//! as matchers over partly known strings. Placeholders come from the catalog, never hard-coded.

use super::value::{Dyn, Part, Str};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Char(char),
    /// `{companyId}`: digits, or one run-time expression.
    Company,
    /// `{resource}` or any other placeholder: an identifier, or one run-time expression.
    Word,
}

/// A convention pattern such as `company-{companyId}-{resource}`.
#[derive(Debug, Clone)]
pub struct Pattern {
    source: String,
    tokens: Vec<Token>,
}

/// What a placeholder stood for in a matched value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Capture {
    Lit(String),
    Dyn(Dyn),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Match {
    pub company: Option<Capture>,
    pub resource: Option<Capture>,
}

#[derive(Debug, Clone, Copy)]
enum Value<'v> {
    Char(char),
    Dyn(&'v Dyn),
}

impl Pattern {
    pub fn new(pattern: &str) -> Pattern {
        let mut tokens = Vec::new();
        let mut rest = pattern;
        while let Some(c) = rest.chars().next() {
            if c == '{' {
                if let Some(end) = rest.find('}') {
                    let name = &rest[1..end];
                    tokens.push(if name == "companyId" { Token::Company } else { Token::Word });
                    rest = &rest[end + 1..];
                    continue;
                }
            }
            tokens.push(Token::Char(c));
            rest = &rest[c.len_utf8()..];
        }
        Pattern {
            source: pattern.to_owned(),
            tokens,
        }
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    /// The pattern with `{companyId}` filled in, e.g. `` company-${companyId}-ticket ``.
    pub fn example(&self, company: &str, resource: &str) -> String {
        self.source.replace("{companyId}", company).replace("{resource}", resource)
    }

    /// Each expression fills exactly one placeholder.
    pub fn matches(&self, value: &Str) -> Option<Match> {
        let values = flatten(value);
        let mut found = Match::default();
        self.step(0, &values, 0, false, &mut found).then_some(found)
    }

    /// Whether the value could match once its expressions that are not ids are known: such an
    /// expression (`${prefix}-ticket`) may stand for any part of the pattern.
    pub fn could_match(&self, value: &Str) -> bool {
        let values = flatten(value);
        self.step(0, &values, 0, true, &mut Match::default())
    }

    fn step(&self, t: usize, values: &[Value<'_>], v: usize, wild: bool, found: &mut Match) -> bool {
        if wild {
            if let Some(Value::Dyn(d)) = values.get(v) {
                if !d.id_like {
                    return (t..=self.tokens.len()).any(|next| self.step(next, values, v + 1, wild, found));
                }
            }
        }
        let Some(token) = self.tokens.get(t) else {
            return v == values.len();
        };
        match token {
            Token::Char(c) => {
                matches!(values.get(v), Some(Value::Char(x)) if x == c) && self.step(t + 1, values, v + 1, wild, found)
            }
            Token::Company | Token::Word => {
                let company = *token == Token::Company;
                if let Some(Value::Dyn(d)) = values.get(v) {
                    if self.step(t + 1, values, v + 1, wild, found) {
                        set(found, company, Capture::Dyn((*d).clone()));
                        return true;
                    }
                    return false;
                }
                let run = values[v..]
                    .iter()
                    .take_while(|value| match value {
                        Value::Char(c) if company => c.is_ascii_digit(),
                        Value::Char(c) => c.is_ascii_alphanumeric() || *c == '_' || *c == '$',
                        Value::Dyn(_) => false,
                    })
                    .count();
                if !company && run > 0 && matches!(values[v], Value::Char(c) if c.is_ascii_digit()) {
                    return false;
                }
                for len in (1..=run).rev() {
                    if self.step(t + 1, values, v + len, wild, found) {
                        let text: String = values[v..v + len]
                            .iter()
                            .map(|value| match value {
                                Value::Char(c) => *c,
                                Value::Dyn(_) => unreachable!("runs hold characters only"),
                            })
                            .collect();
                        set(found, company, Capture::Lit(text));
                        return true;
                    }
                }
                false
            }
        }
    }
}

fn set(found: &mut Match, company: bool, capture: Capture) {
    if company {
        found.company = Some(capture);
    } else {
        found.resource = Some(capture);
    }
}

fn flatten(value: &Str) -> Vec<Value<'_>> {
    let mut values = Vec::new();
    for part in &value.parts {
        match part {
            Part::Lit(text) => values.extend(text.chars().map(Value::Char)),
            Part::Dyn(d) => values.push(Value::Dyn(d)),
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    fn str_of(parts: &[&str]) -> Str {
        let mut value = Str::default();
        for part in parts {
            match part.strip_prefix('$') {
                Some(expr) => value.append(Str::dynamic(Dyn::new(expr, false))),
                None => value.push_lit(part),
            }
        }
        value
    }

    #[test]
    fn company_event_with_expression_matches() {
        let pattern = Pattern::new("company-{companyId}-{resource}");
        let found = pattern.matches(&str_of(&["company-", "$companyId", "-ticket"])).unwrap();
        assert_eq!(found.company, Some(Capture::Dyn(Dyn::new("companyId", false))));
        assert_eq!(found.resource, Some(Capture::Lit("ticket".into())));
    }

    #[test]
    fn literal_company_id_is_captured_as_text() {
        let pattern = Pattern::new("company-{companyId}-{resource}");
        let found = pattern.matches(&Str::lit("company-42-appMessage")).unwrap();
        assert_eq!(found.company, Some(Capture::Lit("42".into())));
    }

    #[test]
    fn missing_hyphen_and_missing_id_do_not_match() {
        let pattern = Pattern::new("company-{companyId}-{resource}");
        assert!(pattern.matches(&str_of(&["company", "$id", "-file"])).is_none());
        assert!(!pattern.could_match(&str_of(&["company", "$id", "-file"])));
        assert!(pattern.matches(&Str::lit("company-announcement")).is_none());
        assert!(pattern.matches(&Str::lit("ticket")).is_none());
    }

    #[test]
    fn per_user_suffix_is_not_a_resource() {
        let pattern = Pattern::new("company-{companyId}-{resource}");
        let value = str_of(&["company-", "$id", "-chat-user-", "$userId"]);
        assert!(pattern.matches(&value).is_none());
        assert!(!pattern.could_match(&value));
    }

    #[test]
    fn unknown_prefix_could_still_match() {
        let pattern = Pattern::new("company-{companyId}-{resource}");
        assert!(pattern.could_match(&str_of(&["$prefix", "-ticket"])));
    }

    #[test]
    fn namespace_pattern_comes_from_the_catalog() {
        let pattern = Pattern::new("/tenant/{companyId}");
        assert!(pattern.matches(&str_of(&["/tenant/", "$companyId"])).is_some());
        assert!(pattern.matches(&str_of(&["/workspace-", "$companyId"])).is_none());
    }
}
