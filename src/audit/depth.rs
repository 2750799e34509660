//! How deeply a file nests, bounded before anything recurses over it. oxc parses by recursive
//! descent and our scanner walks the tree recursively, so a file nested thousands of levels deep
//! (generated or hostile) would overflow the stack and abort the whole run. A file nested deeper
//! than [`MAX_NESTING`] is not checked: it becomes a `parse-error` finding and the run goes on.
//!
//! Two checks, one on each side of the parser:
//! - [`lexical`], before parsing, bounds what costs the parser the most stack per byte of source:
//!   brackets (`(`, `[`, `{`, `${`) and runs of prefix operators (`!!!!x`, `- - -x`, `new new X`).
//!   It skips comments, strings, template text and regular expressions, and reads an ambiguous
//!   `/` as a division, so that brackets are over- rather than under-counted.
//! - [`syntactic`], after parsing, bounds the depth of the tree itself, which also catches what
//!   the parser nests without brackets (`a ? b : c ? …`, `() => () => …`, `else if` chains) and
//!   the left-deep chains it builds without recursing (`a + b + …`, `a.b.c…`).
//!
//! What the lexical check lets through costs the parser at most a few hundred bytes of stack per
//! byte of source; the worker threads' stack (`super::WORKER_STACK`) is sized for that at the
//! largest file the audit reads.

use std::panic::{self, AssertUnwindSafe};

use oxc_ast::ast::Program;
use oxc_ast::AstKind;
use oxc_ast_visit::Visit;
use oxc_span::{GetSpan, Span};

/// Nesting levels the audit follows; real code stays far below (a few dozen, a few hundred in a
/// minified bundle).
pub const MAX_NESTING: usize = 1_000;

/// Why a file nested too deeply is not checked, for its `parse-error` finding.
pub fn too_deep_message() -> String {
    format!("the code nests more than {MAX_NESTING} levels deep here, deeper than the audit follows")
}

/// The offset at which `text` first nests deeper than [`MAX_NESTING`] brackets or prefix
/// operators, if it does.
pub fn lexical(text: &str) -> Option<usize> {
    Lexer::new(text.as_bytes()).run()
}

/// The node at which the tree first nests deeper than [`MAX_NESTING`], if it does.
pub fn syntactic(program: &Program<'_>) -> Option<Span> {
    let mut meter = Meter { depth: 0 };
    // Leaving a walk half-way needs an unwind: `Visit` cannot stop descending from `enter_node`,
    // and overriding every recursive `visit_*` would miss one some day. `resume_unwind` skips
    // the panic hook, so nothing is printed.
    match panic::catch_unwind(AssertUnwindSafe(|| meter.visit_program(program))) {
        Ok(()) => None,
        Err(payload) => match payload.downcast::<TooDeep>() {
            Ok(too_deep) => Some(too_deep.0),
            Err(other) => panic::resume_unwind(other),
        },
    }
}

struct TooDeep(Span);

struct Meter {
    depth: usize,
}

impl<'a> Visit<'a> for Meter {
    fn enter_node(&mut self, kind: AstKind<'a>) {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            panic::resume_unwind(Box::new(TooDeep(kind.span())));
        }
    }

    fn leave_node(&mut self, _kind: AstKind<'a>) {
        self.depth -= 1;
    }
}

/// What an open bracket is closed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Bracket,
    /// `${` in a template literal: its `}` goes back to the template's text.
    Substitution,
}

/// What the previous token lets a `/` be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Before {
    /// An operand ended (`x`, `1`, `)`, `]`, `}`, `"s"`): a `/` divides.
    Operand,
    /// An operator, punctuation or keyword: a `/` starts a regular expression.
    Operator,
}

struct Lexer<'t> {
    bytes: &'t [u8],
    at: usize,
    open: Vec<Open>,
    /// Prefix operators in a row.
    run: usize,
    before: Before,
}

/// Keywords after which an expression starts, so `/` begins a regular expression.
const EXPRESSION_KEYWORDS: [&[u8]; 14] = [
    b"return",
    b"typeof",
    b"instanceof",
    b"in",
    b"of",
    b"new",
    b"delete",
    b"void",
    b"throw",
    b"case",
    b"do",
    b"else",
    b"yield",
    b"await",
];

/// Keywords that recurse like a prefix operator.
const PREFIX_KEYWORDS: [&[u8]; 6] = [b"typeof", b"void", b"delete", b"await", b"new", b"yield"];

impl<'t> Lexer<'t> {
    fn new(bytes: &'t [u8]) -> Self {
        Lexer {
            bytes,
            at: 0,
            open: Vec::new(),
            run: 0,
            before: Before::Operator,
        }
    }

    fn run(mut self) -> Option<usize> {
        if self.bytes.starts_with(b"#!") {
            self.skip_line();
        }
        while let Some(&byte) = self.bytes.get(self.at) {
            let start = self.at;
            if self.step(byte) {
                return Some(start);
            }
        }
        None
    }

    /// Reads one token; `true` when it nests too deeply.
    fn step(&mut self, byte: u8) -> bool {
        match byte {
            b' ' | b'\t' | b'\n' | b'\r' => self.at += 1,
            b'/' if self.peek(1) == Some(b'/') => self.skip_line(),
            b'/' if self.peek(1) == Some(b'*') => self.skip_block_comment(),
            b'/' if self.before == Before::Operator => self.skip_regex(),
            b'\'' | b'"' => self.skip_string(byte),
            b'`' => return self.template(),
            b'(' | b'[' | b'{' => return self.push(Open::Bracket, 1),
            b')' | b']' | b'}' => return self.close(byte),
            b'!' | b'~' => return self.prefix(1),
            b'+' | b'-' if self.peek(1) == Some(byte) => return self.increment(),
            b'+' | b'-' => return self.prefix(1),
            b'.' if self.bytes[self.at..].starts_with(b"...") => return self.prefix(3),
            b'.' if self.peek(1).is_some_and(|b| b.is_ascii_digit()) => {
                self.at += 1;
                return self.operand_word();
            }
            b if is_word_byte(b) => return self.operand_word(),
            _ => self.punctuation(),
        }
        false
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.at + ahead).copied()
    }

    fn push(&mut self, open: Open, len: usize) -> bool {
        self.at += len;
        self.open.push(open);
        self.run = 0;
        self.before = Before::Operator;
        self.open.len() > MAX_NESTING
    }

    /// A stray closer is ignored: counting too deep is safe, too shallow is not.
    fn close(&mut self, byte: u8) -> bool {
        self.at += 1;
        self.run = 0;
        self.before = Before::Operand;
        match (byte, self.open.last()) {
            (b'}', Some(Open::Substitution)) => {
                self.open.pop();
                return self.template_text();
            }
            (_, Some(Open::Bracket)) => {
                self.open.pop();
            }
            _ => {}
        }
        false
    }

    fn prefix(&mut self, len: usize) -> bool {
        self.at += len;
        self.run += 1;
        self.before = Before::Operator;
        self.run > MAX_NESTING
    }

    /// `++`/`--` may be postfix, ending an operand: a `/` after it is read as a division.
    fn increment(&mut self) -> bool {
        let deep = self.prefix(2);
        self.before = Before::Operand;
        deep
    }

    fn punctuation(&mut self) {
        self.at += 1;
        self.run = 0;
        self.before = Before::Operator;
    }

    /// An identifier, keyword or number. A keyword read as a member name (`a.return`) is a name.
    fn operand_word(&mut self) -> bool {
        let start = self.at;
        while self.bytes.get(self.at).is_some_and(|b| is_word_byte(*b)) {
            self.at += 1;
        }
        let word = &self.bytes[start..self.at];
        let member = start > 0 && self.bytes[..start].trim_ascii_end().ends_with(b".");
        if !member && PREFIX_KEYWORDS.contains(&word) {
            return self.prefix(0);
        }
        self.run = 0;
        self.before = if !member && EXPRESSION_KEYWORDS.contains(&word) {
            Before::Operator
        } else {
            Before::Operand
        };
        false
    }

    fn skip_line(&mut self) {
        self.at = memchr::memchr(b'\n', &self.bytes[self.at..]).map_or(self.bytes.len(), |i| self.at + i);
    }

    fn skip_block_comment(&mut self) {
        self.at = memchr::memmem::find(&self.bytes[self.at + 2..], b"*/").map_or(self.bytes.len(), |i| self.at + 2 + i + 2);
    }

    /// A string ends at its quote, or where the line does (an unterminated string).
    fn skip_string(&mut self, quote: u8) {
        self.at += 1;
        while let Some(&byte) = self.bytes.get(self.at) {
            self.at += 1;
            match byte {
                b'\\' => self.at += 1,
                b'\n' => break,
                _ if byte == quote => break,
                _ => {}
            }
        }
        self.run = 0;
        self.before = Before::Operand;
    }

    fn skip_regex(&mut self) {
        self.at += 1;
        let mut class = false;
        while let Some(&byte) = self.bytes.get(self.at) {
            self.at += 1;
            match byte {
                b'\\' => self.at += 1,
                b'\n' => break,
                b'[' => class = true,
                b']' => class = false,
                b'/' if !class => break,
                _ => {}
            }
        }
        while self.bytes.get(self.at).is_some_and(|b| b.is_ascii_alphabetic()) {
            self.at += 1;
        }
        self.run = 0;
        self.before = Before::Operand;
    }

    fn template(&mut self) -> bool {
        self.at += 1;
        self.template_text()
    }

    /// Template text up to its closing backtick, or into a `${` substitution.
    fn template_text(&mut self) -> bool {
        while let Some(&byte) = self.bytes.get(self.at) {
            match byte {
                b'\\' => self.at += 2,
                b'`' => {
                    self.at += 1;
                    self.run = 0;
                    self.before = Before::Operand;
                    return false;
                }
                b'$' if self.peek(1) == Some(b'{') => return self.push(Open::Substitution, 2),
                _ => self.at += 1,
            }
        }
        false
    }
}

/// Identifier and number characters; any byte of a non-ASCII character counts as one.
fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$' || byte >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nests_too_deeply(text: &str) -> bool {
        lexical(text).is_some()
    }

    #[test]
    fn brackets_of_every_kind_and_template_substitutions_count() {
        let n = MAX_NESTING + 1;
        for (open, close) in [("(", ")"), ("[", "]"), ("{a:", "}"), ("`${", "}`"), ("f(", ")")] {
            let deep = format!("x = {}1{};", open.repeat(n), close.repeat(n));
            assert!(nests_too_deeply(&deep), "{open}");
            let fine = format!("x = {}1{};", open.repeat(n - 1), close.repeat(n - 1));
            assert!(!nests_too_deeply(&fine), "{open}");
        }
    }

    #[test]
    fn runs_of_prefix_operators_count() {
        assert!(nests_too_deeply(&format!("x = {}a;", "!".repeat(MAX_NESTING + 1))));
        assert!(nests_too_deeply(&format!("x = {}A;", "new ".repeat(MAX_NESTING + 1))));
        assert!(!nests_too_deeply(&"x = !!a + -b - +c;\n".repeat(5 * MAX_NESTING)));
    }

    #[test]
    fn brackets_in_comments_strings_templates_and_regexes_do_not() {
        let hidden = "(".repeat(2 * MAX_NESTING);
        for text in [
            format!("// {hidden}\n"),
            format!("/* {hidden} */"),
            format!("s = '{hidden}';"),
            format!("s = \"{hidden}\";"),
            format!("s = `{hidden}`;"),
            format!("r = /{hidden}/;"),
            format!("if (x) return /[/]{hidden}/.test(s);"),
        ] {
            assert!(!nests_too_deeply(&text), "{text:.40}");
        }
    }

    #[test]
    fn an_ambiguous_slash_divides_so_brackets_after_it_still_count() {
        let deep = "(".repeat(MAX_NESTING + 1);
        assert!(nests_too_deeply(&format!("x = {{}} / {deep}")));
        assert!(nests_too_deeply(&format!("x = a.return / {deep}")));
    }

    #[test]
    fn many_shallow_brackets_in_sequence_are_fine() {
        assert!(!nests_too_deeply(&"f(a[0], { b: `${c}` });\n".repeat(10 * MAX_NESTING)));
    }
}
