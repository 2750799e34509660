//! How deeply a file nests, bounded before anything recurses over it. oxc parses by recursive
//! descent and our scanner walks the tree recursively, so a file nested thousands of levels deep
//! (generated or hostile) would overflow the stack and abort the whole run. A file nested deeper
//! than [`MAX_NESTING`] is not checked: it becomes a `parse-error` finding and the run goes on.
//!
//! Two checks, one on each side of the parser:
//! - [`lexical`], before parsing, bounds what costs the parser the most stack per byte of source:
//!   brackets (`(`, `[`, `{`, `${`), runs of prefix operators (`!!!!x`, `- - -x`, `new new X`)
//!   and, where the file may hold JSX, elements. It skips comments, strings, template text and
//!   regular expressions, and reads an ambiguous `/` as a division, so that brackets are over-
//!   rather than under-counted. JSX tags and text are read as JSX, never as code: a quote, a
//!   backtick or `/*` in JSX text (`<p>it's</p>`) starts nothing there, so it cannot hide the
//!   code after the element; brackets inside tags and text still count. Where only the parser
//!   can tell an element from type parameters (`<T>(x: T) => T`), the file is read both ways.
//! - [`syntactic`], after parsing, bounds the depth of the tree itself, which also catches what
//!   the parser nests without brackets (`a ? b : c ? …`, `() => () => …`, `else if` chains) and
//!   the left-deep chains it builds without recursing (`a + b + …`, `a.b.c…`).
//!
//! What the lexical check lets through costs the parser at most a few hundred bytes of stack per
//! byte of source; the worker threads' stack (`super::WORKER_STACK`) is sized for that at the
//! largest file the audit reads.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};

use oxc_ast::ast::Program;
use oxc_ast::AstKind;
use oxc_ast_visit::Visit;
use oxc_span::{GetSpan, Span};

/// Stack the parser may take per byte of source, at most: about 1.1 KB per level of brackets,
/// the costliest shape, where each level takes at least a byte; doubled for a margin.
const STACK_PER_BYTE: usize = 2 * 1024;

thread_local! {
    /// The stack this thread was started with; 0 where it is not known.
    static STACK: Cell<usize> = const { Cell::new(0) };
}

/// Records the size of the stack the current thread was started with, for [`lexical_needed`].
pub fn set_stack(bytes: usize) {
    STACK.with(|stack| stack.set(bytes));
}

/// Whether a file of `len` bytes needs the [`lexical`] check before it is parsed: where half the
/// thread's stack could not hold the parser's recursion over every byte of it. A file it can
/// hold is parsed as it is (most files, on the audit's workers), and [`syntactic`] then bounds
/// the nesting the scanner follows.
pub fn lexical_needed(len: usize) -> bool {
    STACK.with(|stack| len.saturating_mul(STACK_PER_BYTE) > stack.get() / 2)
}

/// Nesting levels the audit follows; real code stays far below (a few dozen, a few hundred in a
/// minified bundle).
pub const MAX_NESTING: usize = 1_000;

/// Why a file nested too deeply is not checked, for its `parse-error` finding.
pub fn too_deep_message() -> String {
    format!("the code nests more than {MAX_NESTING} levels deep here, deeper than the audit follows")
}

/// The offset at which `text` first nests deeper than [`MAX_NESTING`] brackets, prefix operators
/// or (when `jsx`, as the file's type allows) JSX elements, if it does.
pub fn lexical(text: &str, jsx: bool) -> Option<usize> {
    if !jsx {
        return Lexer::new(text.as_bytes(), Jsx::Never).run();
    }
    // `<T>(x: T) => T` is a generic function type or an element `T` whose text starts with `(`;
    // only the parser knows which. Each reading is tried, so that code read as JSX text, or JSX
    // text read as code, cannot hide what the other reading counts.
    let bytes = text.as_bytes();
    [Jsx::ElementFirst, Jsx::TypeFirst]
        .into_iter()
        .filter_map(|jsx| Lexer::new(bytes, jsx).run())
        .min()
}

/// Whether and how a `<` starts a JSX element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Jsx {
    /// The file cannot hold JSX.
    Never,
    /// `<T>(` starts an element.
    ElementFirst,
    /// `<T>(` starts type parameters.
    TypeFirst,
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
    /// The `(` of `if (…)`, `while (…)`, `for (…)`, `with (…)`: after its `)` a statement starts.
    Header,
    /// `${` in a template literal: its `}` goes back to the template's text.
    Substitution,
    /// The tag of a JSX element, `<a b="x"`, up to its `>` (then [`Open::JsxText`]) or `/>`.
    JsxTag,
    /// The children of a JSX element, up to its closing tag.
    JsxText,
    /// `(` or `[` inside a JSX tag or text: text to the parser, counted all the same.
    JsxBracket,
    /// `{` inside a JSX tag or text: code up to its `}`, then JSX again.
    JsxBrace,
}

/// What the previous token lets a `/` be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Before {
    /// An operand ended (`x`, `1`, `)`, `]`, `}`, `"s"`): a `/` divides.
    Operand,
    /// An operator, punctuation or keyword: a `/` starts a regular expression.
    Operator,
    /// A `}`: the end of an object (a `/` divides) or of a block, after which a statement, and so
    /// a JSX element, may start. Both readings count more than the other would miss.
    Brace,
}

struct Lexer<'t> {
    bytes: &'t [u8],
    at: usize,
    open: Vec<Open>,
    /// Prefix operators in a row.
    run: usize,
    before: Before,
    jsx: Jsx,
    /// The last word was `if`, `while`, `for` or `with`, so a `(` now opens an [`Open::Header`].
    header_keyword: bool,
}

/// Keywords after which an expression starts, so `/` begins a regular expression.
const EXPRESSION_KEYWORDS: [&[u8]; 15] = [
    b"default",
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

/// Keywords whose `(…)` is followed by a statement, which may start with `/` or a JSX element.
const HEADER_KEYWORDS: [&[u8]; 4] = [b"if", b"while", b"for", b"with"];

/// Keywords that recurse like a prefix operator.
const PREFIX_KEYWORDS: [&[u8]; 6] = [b"typeof", b"void", b"delete", b"await", b"new", b"yield"];

impl<'t> Lexer<'t> {
    fn new(bytes: &'t [u8], jsx: Jsx) -> Self {
        Lexer {
            bytes,
            at: 0,
            open: Vec::new(),
            run: 0,
            before: Before::Operator,
            jsx,
            header_keyword: false,
        }
    }

    fn run(mut self) -> Option<usize> {
        if self.bytes.starts_with(b"#!") {
            self.skip_line();
        }
        while let Some(&byte) = self.bytes.get(self.at) {
            let start = self.at;
            let deep = match self.open.last() {
                Some(Open::JsxTag | Open::JsxText | Open::JsxBracket) => self.jsx_step(byte),
                _ => self.step(byte),
            };
            if deep {
                return Some(start);
            }
        }
        None
    }

    /// Reads one token of code; `true` when it nests too deeply.
    fn step(&mut self, byte: u8) -> bool {
        let header = if matches!(byte, b' ' | b'\t' | b'\n' | b'\r') {
            self.header_keyword
        } else {
            std::mem::take(&mut self.header_keyword)
        };
        match byte {
            b' ' | b'\t' | b'\n' | b'\r' => self.at += 1,
            b'/' if self.peek(1) == Some(b'/') => self.skip_line(),
            b'/' if self.peek(1) == Some(b'*') => self.skip_block_comment(),
            b'/' if self.before == Before::Operator => self.skip_regex(),
            b'\'' | b'"' => self.skip_string(byte),
            b'`' => return self.template(),
            b'<' if self.jsx_starts() => return self.push(Open::JsxTag, 1),
            b'(' if header => return self.push(Open::Header, 1),
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
            (b'}', Some(Open::JsxBrace)) => {
                self.open.pop();
            }
            (b'}', Some(Open::Bracket)) => {
                self.open.pop();
                self.before = Before::Brace;
            }
            (b')', Some(Open::Header)) => {
                self.open.pop();
                self.before = Before::Operator;
            }
            (_, Some(Open::Bracket | Open::Header)) => {
                self.open.pop();
            }
            _ => {}
        }
        false
    }

    /// Whether the `<` here starts a JSX element: where the file may hold JSX, an expression or
    /// statement may start, and a name or `>` follows — unless the name is followed by `,`, `=`
    /// or `extends`, which make it a type parameter list (`<T,>(x: T) => x`), as TypeScript
    /// reads it, or the reading takes `<T>(` for one.
    fn jsx_starts(&self) -> bool {
        if self.jsx == Jsx::Never || self.before == Before::Operand {
            return false;
        }
        let rest = &self.bytes[self.at + 1..];
        match rest.first() {
            Some(b'>') => true,
            Some(&b) if is_name_start(b) => {
                let name = rest.iter().take_while(|&&b| is_jsx_name_byte(b)).count();
                let plain = rest[..name].iter().all(|&b| is_word_byte(b));
                let after = rest[name..].trim_ascii_start();
                let extends = after.starts_with(b"extends") && !after.get(7).is_some_and(|&b| is_word_byte(b));
                let call = after
                    .strip_prefix(b">")
                    .is_some_and(|a| a.trim_ascii_start().starts_with(b"("));
                let type_first = self.jsx == Jsx::TypeFirst && plain && call;
                !(after.starts_with(b",") || after.starts_with(b"=") || extends || type_first)
            }
            _ => false,
        }
    }

    /// Reads one token of a JSX tag or text. Nothing here starts a string, comment, template or
    /// regular expression: to the parser it is text, and skipping from a quote or `/*` in it
    /// would hide the code that follows the element.
    fn jsx_step(&mut self, byte: u8) -> bool {
        let top = self.open.last().copied();
        match byte {
            b'{' => return self.push(Open::JsxBrace, 1),
            b'(' | b'[' => return self.push(Open::JsxBracket, 1),
            b')' | b']' => {
                if top == Some(Open::JsxBracket) {
                    self.open.pop();
                }
                self.at += 1;
            }
            // An attribute's string: no escapes, and it may span lines.
            b'"' | b'\'' if top == Some(Open::JsxTag) => {
                let rest = &self.bytes[self.at + 1..];
                self.at = memchr::memchr(byte, rest).map_or(self.bytes.len(), |i| self.at + 1 + i + 1);
            }
            b'>' if top == Some(Open::JsxTag) => {
                self.at += 1;
                *self.open.last_mut().expect("a tag is open") = Open::JsxText;
            }
            b'/' if top == Some(Open::JsxTag) && self.peek(1) == Some(b'>') => {
                self.at += 2;
                self.open.pop();
                self.after_element();
            }
            b'<' if top == Some(Open::JsxText) && self.peek(1) == Some(b'/') => self.closing_tag(),
            b'<' if self.peek(1).is_some_and(|b| b == b'>' || is_name_start(b)) => return self.push(Open::JsxTag, 1),
            _ => self.at += 1,
        }
        false
    }

    /// `</a.b>`, `</>`: ends the element whose text is open. Only its name and blanks are read
    /// as the tag; anything else after `</` is read on as text.
    fn closing_tag(&mut self) {
        self.at += 2;
        let rest = &self.bytes[self.at..];
        let name = rest
            .iter()
            .take_while(|&&b| is_jsx_name_byte(b) || b.is_ascii_whitespace())
            .count();
        if rest.get(name) == Some(&b'>') {
            self.at += name + 1;
            self.open.pop();
            self.after_element();
        }
    }

    /// An element ended: in code, it was an operand.
    fn after_element(&mut self) {
        self.run = 0;
        self.before = Before::Operand;
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
        self.header_keyword = !member && HEADER_KEYWORDS.contains(&word);
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

/// What a JSX tag name may start with: an identifier's first character.
fn is_name_start(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || byte == b'_' || byte == b'$' || byte >= 0x80
}

/// What a JSX tag name holds: `a-b`, `a.b`, `a:b`.
fn is_jsx_name_byte(byte: u8) -> bool {
    is_word_byte(byte) || matches!(byte, b'-' | b'.' | b':')
}

/// Identifier and number characters; any byte of a non-ASCII character counts as one.
fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$' || byte >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lexical_check_is_skipped_only_where_the_stack_holds_a_level_per_byte() {
        let on_a_thread = |stack: Option<usize>, len: usize| {
            std::thread::spawn(move || {
                if let Some(stack) = stack {
                    set_stack(stack);
                }
                lexical_needed(len)
            })
            .join()
            .unwrap()
        };
        // A thread whose stack is not known (the main thread, `init`) always checks.
        assert!(on_a_thread(None, 1));
        assert!(!on_a_thread(Some(super::super::WORKER_STACK), 256 * 1024));
        assert!(on_a_thread(Some(super::super::WORKER_STACK), 256 * 1024 + 1));
        assert!(on_a_thread(Some(64 << 20), 64 * 1024));
    }

    fn nests_too_deeply(text: &str) -> bool {
        let jsx = [Jsx::Never, Jsx::ElementFirst, Jsx::TypeFirst];
        jsx.into_iter().any(|jsx| Lexer::new(text.as_bytes(), jsx).run().is_some())
    }

    fn jsx_nests_too_deeply(text: &str) -> bool {
        lexical(text, true).is_some()
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
    fn jsx_text_and_attributes_hide_nothing_after_the_element() {
        let deep = format!("{}1{}", "(".repeat(MAX_NESTING + 1), ")".repeat(MAX_NESTING + 1));
        for text in [
            format!("const a = <p>/*</p>;\nx = {deep};\n// */\n"),
            format!("const a = <p>it's</p>; x = {deep}; // '"),
            format!("const a = <p>say \"hi</p>; x = {deep}; // \""),
            format!("const a = <p>`</p>; x = {deep}; // `"),
            format!("const a = <p>//</p>; x = {deep};"),
            format!("const a = <p>a / b</p>; x = {deep}; // /"),
            format!("const a = <a b=\"\\\" />; x = {deep}; // \""),
            format!("const a = <a b='/>' c={{{deep}}} />;"),
            format!("const a = <><i>'</i></>; x = {deep}; // '"),
            format!("if (ok) {{}}\n<p>/*</p>;\nx = {deep};\n// */\n"),
            format!("export default <p>/*</p>;\nx = {deep};\n// */\n"),
            format!("if (ok) <p>/*</p>;\nx = {deep};\n// */\n"),
            format!("const a = <b>(it's</b>; x = {deep}; // '"),
        ] {
            assert!(jsx_nests_too_deeply(&text), "{text:.60}");
        }
    }

    #[test]
    fn jsx_elements_count_as_nesting() {
        let n = MAX_NESTING + 1;
        assert!(jsx_nests_too_deeply(&format!("x = {}{};", "<a>".repeat(n), "</a>".repeat(n))));
        assert!(jsx_nests_too_deeply(&format!(
            "x = {}{};",
            "<a b={".repeat(n),
            "} />".repeat(n)
        )));
        assert!(!jsx_nests_too_deeply(&format!(
            "x = {}{};",
            "<a>".repeat(n - 1),
            "</a>".repeat(n - 1)
        )));
    }

    #[test]
    fn real_jsx_and_type_parameters_stay_within_the_bound() {
        let component = "const A = <T,>(x: T) => x;\nconst B = <T extends object>(x: T) => x;\n\
            export function C({ items }: { items: string[] }) {\n  for (let i = 0; i < items.length; i++) {}\n  \
            if (items) <hr />;\n  return (\n    <ul className=\"a(b\" data-x='{'>\n      \
            {items.map((item) => <li key={item}>it's {item} (see /docs/) &gt; {\"}\"}</li>)}\n      <br />\n    </ul>\n  );\n}\n";
        assert!(!jsx_nests_too_deeply(&component.repeat(2 * MAX_NESTING)));
        assert!(!nests_too_deeply("a = b <c; d = e > f;\n"));
    }

    #[test]
    fn a_generic_function_type_is_read_both_ways() {
        // A generic function type reads like an element `<T>` whose text never closes; the
        // reading that takes it for type parameters sees the string and counts what follows.
        let misread = "type F = <T>(x: T) => T;\n";
        let deep = format!("{}1{}", "(".repeat(MAX_NESTING + 1), ")".repeat(MAX_NESTING + 1));
        assert!(jsx_nests_too_deeply(&format!("{misread}x = '{{'; y = {deep};")));
        let normal = "const s = \"a(b)\"; f(g[0], { h: `${i}` });\n";
        assert!(!jsx_nests_too_deeply(&format!(
            "{misread}{}",
            normal.repeat(10 * MAX_NESTING)
        )));
    }

    #[test]
    fn many_shallow_brackets_in_sequence_are_fine() {
        assert!(!nests_too_deeply(&"f(a[0], { b: `${c}` });\n".repeat(10 * MAX_NESTING)));
    }
}
