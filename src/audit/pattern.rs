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
        let mut search = Search::new(self, value, false)?;
        let mut found = Match::default();
        search.step(0, 0, &mut found).then_some(found)
    }

    /// Whether the value could match once its expressions that are not ids are known: such an
    /// expression (`${prefix}-ticket`) may stand for any part of the pattern.
    pub fn could_match(&self, value: &Str) -> bool {
        Search::new(self, value, true).is_some_and(|mut search| search.step(0, 0, &mut Match::default()))
    }
}

/// A value longer than this never matches: no event or namespace name is that long, and the
/// search recurses once per character.
const MAX_VALUES: usize = 512;

/// One match attempt. Each `(token, value)` position is tried at most once: whether the rest
/// matches from there does not depend on how it was reached, so a failure is remembered, and a
/// value with many expressions costs tokens × values steps instead of exponentially many.
struct Search<'p, 'v> {
    tokens: &'p [Token],
    values: Vec<Value<'v>>,
    wild: bool,
    failed: Vec<bool>,
}

impl<'p, 'v> Search<'p, 'v> {
    fn new(pattern: &'p Pattern, value: &'v Str, wild: bool) -> Option<Self> {
        let values = flatten(value);
        if values.len() > MAX_VALUES {
            return None;
        }
        let failed = vec![false; (pattern.tokens.len() + 1) * (values.len() + 1)];
        Some(Search {
            tokens: &pattern.tokens,
            values,
            wild,
            failed,
        })
    }

    fn step(&mut self, t: usize, v: usize, found: &mut Match) -> bool {
        let key = t * (self.values.len() + 1) + v;
        if self.failed[key] {
            return false;
        }
        let matched = self.try_step(t, v, found);
        self.failed[key] = !matched;
        matched
    }

    fn try_step(&mut self, t: usize, v: usize, found: &mut Match) -> bool {
        if self.wild {
            if let Some(Value::Dyn(d)) = self.values.get(v) {
                if !d.id_like {
                    return (t..=self.tokens.len()).any(|next| self.step(next, v + 1, found));
                }
            }
        }
        let Some(token) = self.tokens.get(t) else {
            return v == self.values.len();
        };
        match token {
            Token::Char(c) => matches!(self.values.get(v), Some(Value::Char(x)) if x == c) && self.step(t + 1, v + 1, found),
            Token::Company | Token::Word => self.placeholder(t, v, *token == Token::Company, found),
        }
    }

    fn placeholder(&mut self, t: usize, v: usize, company: bool, found: &mut Match) -> bool {
        if let Some(Value::Dyn(d)) = self.values.get(v).copied() {
            let matched = self.step(t + 1, v + 1, found);
            if matched {
                set(found, company, Capture::Dyn(d.clone()));
            }
            return matched;
        }
        let run = self.run_at(v, company);
        if !company && run > 0 && matches!(self.values[v], Value::Char(c) if c.is_ascii_digit() || c == '-') {
            return false;
        }
        for len in (1..=run).rev() {
            // A catalog name ends with a letter, digit or `_`; a `-` after it is the pattern's.
            if matches!(self.values[v + len - 1], Value::Char('-')) {
                continue;
            }
            if self.step(t + 1, v + len, found) {
                let text: String = self.values[v..v + len]
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

    /// How many values from `v` on a placeholder may take: digits for `{companyId}`, the
    /// characters of a catalog name (`import-status`) for any other.
    fn run_at(&self, v: usize, company: bool) -> usize {
        self.values[v..]
            .iter()
            .take_while(|value| match value {
                Value::Char(c) if company => c.is_ascii_digit(),
                Value::Char(c) => c.is_ascii_alphanumeric() || *c == '_' || *c == '$' || *c == '-',
                Value::Dyn(_) => false,
            })
            .count()
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

    use crate::audit::value::spelt as str_of;

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
    fn a_hyphenated_resource_is_one_resource() {
        let pattern = Pattern::new("company-{companyId}-{resource}");
        let found = pattern
            .matches(&str_of(&["company-", "$id", "-import-status"]))
            .expect("matches");
        assert_eq!(found.resource, Some(Capture::Lit("import-status".into())));
        assert!(pattern.matches(&str_of(&["company-", "$id", "-import-"])).is_none());
        assert!(pattern.matches(&str_of(&["company-", "$id", "--status"])).is_none());
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
    fn many_expressions_cost_steps_not_an_exponential_search() {
        let pattern = Pattern::new("company-{companyId}-{resource}-{a}-{b}-{c}-{d}");
        let parts: Vec<String> = (0..60).map(|i| format!("$prefix{i}")).collect();
        let mut parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        parts.push("-x");
        let value = str_of(&parts);
        assert!(pattern.could_match(&value));
        assert!(pattern.matches(&value).is_none());
    }

    #[test]
    fn an_over_long_value_never_matches() {
        let pattern = Pattern::new("company-{companyId}-{resource}");
        let long = Str {
            parts: vec![Part::Lit(format!("company-1-{}", "a".repeat(MAX_VALUES)))],
        };
        assert!(pattern.matches(&long).is_none() && !pattern.could_match(&long));
    }

    #[test]
    fn namespace_pattern_comes_from_the_catalog() {
        let pattern = Pattern::new("/tenant/{companyId}");
        assert!(pattern.matches(&str_of(&["/tenant/", "$companyId"])).is_some());
        assert!(pattern.matches(&str_of(&["/workspace-", "$companyId"])).is_none());
    }
}
