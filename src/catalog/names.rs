//! Identifiers for generated code, computed before rendering: case conversion and escaping
//! of each target language's reserved words. Templates only print what these return.

use std::collections::HashSet;

use heck::{ToLowerCamelCase, ToSnakeCase, ToUpperCamelCase};

/// Hands out names unique within one scope: a name already taken, or reserved, gets `_`
/// appended until it is free. Every generated name that must not meet another in its scope (a
/// Rust field, a TypeScript parameter, an example's variable) is claimed through one.
#[derive(Debug, Default, Clone)]
pub struct Namer {
    taken: HashSet<String>,
}

impl Namer {
    /// A scope where `reserved` are taken already.
    pub fn with_reserved<'a>(reserved: impl IntoIterator<Item = &'a str>) -> Self {
        Namer {
            taken: reserved.into_iter().map(str::to_owned).collect(),
        }
    }

    /// `wanted`, or `wanted_`, `wanted__`, … whichever is free first; it is taken from then on.
    pub fn claim(&mut self, wanted: String) -> String {
        let mut name = wanted;
        while !self.taken.insert(name.clone()) {
            name.push('_');
        }
        name
    }
}

const RUST_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn", "else", "enum", "extern",
    "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override",
    "priv", "pub", "ref", "return", "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot even be raw identifiers.
const RUST_UNRAWABLE: &[&str] = &["self", "Self", "super", "crate", "_"];

const TS_RESERVED: &[&str] = &[
    "any",
    "arguments",
    "as",
    "async",
    "await",
    "boolean",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "constructor",
    "continue",
    "debugger",
    "declare",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "eval",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "from",
    "function",
    "get",
    "if",
    "implements",
    "import",
    "in",
    "infer",
    "instanceof",
    "interface",
    "is",
    "keyof",
    "let",
    "module",
    "namespace",
    "never",
    "new",
    "null",
    "number",
    "object",
    "of",
    "package",
    "private",
    "protected",
    "public",
    "readonly",
    "require",
    "return",
    "set",
    "static",
    "string",
    "super",
    "switch",
    "symbol",
    "this",
    "throw",
    "true",
    "try",
    "type",
    "typeof",
    "undefined",
    "unique",
    "unknown",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

/// Global names a generated type must not shadow.
const TS_GLOBAL_TYPES: &[&str] = &[
    "Array",
    "Boolean",
    "Date",
    "Error",
    "Function",
    "Map",
    "Number",
    "Object",
    "Partial",
    "Pick",
    "Omit",
    "Promise",
    "Readonly",
    "Record",
    "Required",
    "Set",
    "String",
    "Symbol",
    "Exclude",
    "Extract",
    "NonNullable",
    "ReturnType",
    "Parameters",
    "Uppercase",
    "Lowercase",
    "Capitalize",
    "Uncapitalize",
    "Awaited",
    "Socket",
    "Server",
    "Namespace",
];

const RUST_PRELUDE_TYPES: &[&str] = &[
    "Option", "Result", "Some", "None", "Ok", "Err", "String", "Vec", "Box", "Self", "Default", "Clone", "Copy",
];

/// A Rust field, variable or function name: `snake_case`, `r#type`, `self_`.
pub fn rust_snake(name: &str) -> String {
    escape_rust(name.to_snake_case())
}

/// A Rust type or variant name: `UpperCamelCase`, never a prelude name.
pub fn rust_type(name: &str) -> String {
    let converted = name.to_upper_camel_case();
    if RUST_PRELUDE_TYPES.contains(&converted.as_str()) || RUST_UNRAWABLE.contains(&converted.as_str()) {
        format!("{converted}_")
    } else {
        converted
    }
}

fn escape_rust(ident: String) -> String {
    if RUST_UNRAWABLE.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if RUST_KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// A Rust enum variant: `UpperCamelCase`. Variants live in their enum, so prelude names are
/// fine; `Self` becomes `Self_`, a character that is neither an ASCII letter or digit nor a
/// letter of another script (`²`, `١`) becomes `U00B2`, and a variant that cannot start an
/// identifier (`1st`) gets a `V` in front.
pub fn rust_variant(name: &str) -> String {
    let converted = name.to_upper_camel_case();
    if converted == "Self" {
        return "Self_".to_owned();
    }
    let mut ident = String::with_capacity(converted.len());
    for c in converted.chars() {
        if c.is_ascii_alphanumeric() || c == '_' || (c.is_alphabetic() && unicode_ident::is_xid_continue(c)) {
            ident.push(c);
        } else {
            ident.push_str(&format!("U{:04X}", u32::from(c)));
        }
    }
    if ident.starts_with(|c: char| !unicode_ident::is_xid_start(c) && c != '_') {
        ident.insert(0, 'V');
    }
    ident
}

/// A TypeScript variable, parameter or function name: `camelCase`, reserved words suffixed.
pub fn ts_value(name: &str) -> String {
    let converted = name.to_lower_camel_case();
    if TS_RESERVED.contains(&converted.as_str()) {
        format!("{converted}_")
    } else {
        converted
    }
}

/// A TypeScript type name: `UpperCamelCase`, never shadowing a global type.
pub fn ts_type(name: &str) -> String {
    let converted = name.to_upper_camel_case();
    if TS_GLOBAL_TYPES.contains(&converted.as_str()) {
        format!("{converted}_")
    } else {
        converted
    }
}

/// The stem of a compound TypeScript type name (`Ticket` in `TicketPayload`): UpperCamelCase,
/// unescaped, since the suffix already keeps the whole name off the global names.
pub fn ts_stem(name: &str) -> String {
    name.to_upper_camel_case()
}

/// Members every object has through `Object.prototype`, or that classes and interfaces treat
/// specially: a generated method or handler key with one of these names would be inherited,
/// refused or read as a constructor.
const TS_SPECIAL_MEMBERS: &[&str] = &[
    "constructor",
    // `new(…)` in an interface declares a constructor, not a method.
    "new",
    "prototype",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toLocaleString",
    "toString",
    "valueOf",
];

/// A TypeScript member name (method, object key, handler key): `lowerCamelCase`. Reserved words
/// are fine after a dot; `Object.prototype` member names are suffixed so a lookup of a member
/// the caller did not supply cannot find an inherited one.
pub fn ts_member(name: &str) -> String {
    let converted = name.to_lower_camel_case();
    if TS_SPECIAL_MEMBERS.contains(&converted.as_str()) {
        format!("{converted}_")
    } else {
        converted
    }
}

/// Type names the TypeScript outputs export whatever the catalog holds (payload types file,
/// server emitters, React hooks). A catalog type with one of these names would clash.
pub const TS_FIXED_EXPORTS: &[&str] = &[
    // payload types
    "PayloadBase",
    "CompanyNamespace",
    "RoomTarget",
    "RoomRequest",
    "RoomResult",
    "Ack",
    "AckError",
    "AckErrorCode",
    "ClientEventName",
    "ClientEventArgs",
    "ServerToClientEvents",
    "ClientToServerEvents",
    "SocketData",
    // server emitters
    "EmitData",
    "EmitOutcome",
    "EmitLogContext",
    "SocketLogger",
    "RateLimitedEmit",
    "CompanyRateLimiter",
    "CompanyRateLimiterOptions",
    "SocketEmitter",
    "SocketEmitterOptions",
    "VerifiedUser",
    "CompanyServerSocket",
    "CompanyParentNamespace",
    "CompanyNamespacesOptions",
    // React hooks
    "CompanyClientSocket",
    "UseCompanySocketOptions",
    "ConnectionRefusal",
    "CompanyConnection",
    "RoomMembership",
    "ClientEventOptions",
    "NoReplyError",
];

/// The TypeScript names of one event resource: the types the outputs export, its members and
/// functions, and the internal names of the generated code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TsEventNames {
    /// `Ticket`: the stem of its type names.
    pub stem: String,
    /// `TicketPayload`: the union of the action payloads.
    pub payload: String,
    /// `TicketAction`.
    pub action: String,
    /// `TicketEventName`: the event name as a template literal type.
    pub event_name: String,
    /// `TicketEmitter`: the server emitter of this event.
    pub emitter: String,
    /// `TicketRoomTarget`: the rooms an emit of this event may target.
    pub room_target: String,
    /// `TicketHandlers`: what the React hook of this event takes.
    pub handlers: String,
    /// `TicketCreatePayload`, … : one per action, in catalog order.
    pub variants: Vec<String>,
    /// `ticket`: the key of the event in `eventNames` and in the emitter.
    pub member: String,
    /// `statusChange`, … : the emitter method and handler key of each action.
    pub methods: Vec<String>,
    /// `useTicketEvents`.
    pub hook: String,
    /// `applyTicketEvent`.
    pub apply: String,
    /// `__ChatiaTicketEmitter`, the class behind the emitter.
    pub class: String,
    /// `__chatiaTicketRoom`, which checks a target at run time and names its room.
    pub room_fn: String,
    /// `__chatiaDispatchTicket`, which calls the React handlers.
    pub dispatch: String,
}

impl TsEventNames {
    pub fn new<'a>(resource: &str, actions: impl IntoIterator<Item = &'a str> + Clone) -> Self {
        let stem = ts_stem(resource);
        TsEventNames {
            payload: format!("{stem}Payload"),
            action: format!("{stem}Action"),
            event_name: format!("{stem}EventName"),
            emitter: format!("{stem}Emitter"),
            room_target: format!("{stem}RoomTarget"),
            handlers: format!("{stem}Handlers"),
            variants: actions
                .clone()
                .into_iter()
                .map(|action| format!("{stem}{}Payload", ts_stem(action)))
                .collect(),
            member: ts_member(resource),
            methods: actions.into_iter().map(ts_member).collect(),
            hook: format!("use{stem}Events"),
            apply: format!("apply{stem}Event"),
            class: format!("__Chatia{stem}Emitter"),
            room_fn: format!("__chatia{stem}Room"),
            dispatch: format!("__chatiaDispatch{stem}"),
            stem,
        }
    }

    /// The exported type names for the whole event, without the per-action ones.
    pub fn event_level(&self) -> [&str; 6] {
        [
            &self.payload,
            &self.action,
            &self.event_name,
            &self.emitter,
            &self.room_target,
            &self.handlers,
        ]
    }
}

/// The TypeScript names of one client event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TsClientNames {
    /// The event as a property key of `ClientToServerEvents`: bare or quoted.
    pub key: String,
    /// `markAsRead`: the key of its handler and of its entry in generated objects.
    pub member: String,
    /// `markAsRead`: the client function that emits it.
    pub function: String,
    /// `MarkAsRead`: the stem of its type names.
    pub stem: String,
    /// The parameter name of each argument, clear of the names generated functions take besides
    /// them (`socket`, `ctx`, `ack`, …).
    pub args: Vec<String>,
}

/// Parameters that generated client-event functions and handlers take besides the arguments.
const TS_CLIENT_PARAMS: &[&str] = &["socket", "ctx", "ack", "reply", "options", "timeout"];

impl TsClientNames {
    pub fn new<'a>(name: &str, args: impl IntoIterator<Item = &'a str>) -> Self {
        let mut params = Namer::with_reserved(TS_CLIENT_PARAMS.iter().copied());
        let args = args.into_iter().map(|arg| params.claim(ts_value(arg))).collect();
        TsClientNames {
            key: ts_property(name),
            member: ts_member(name),
            function: ts_value(name),
            stem: ts_stem(name),
            args,
        }
    }
}

/// `TicketRoom`: a room's name as a template literal type.
pub fn ts_room_type(room: &str) -> String {
    format!("{}Room", ts_stem(room))
}

/// A TypeScript property key as written in an interface or object literal: bare when it is an
/// identifier, quoted otherwise. Reserved words are fine as property names.
pub fn ts_property(name: &str) -> String {
    if super::model::is_identifier(name) || (name.starts_with('$') && super::model::is_identifier(&name[1..])) {
        name.to_owned()
    } else {
        js_string(name)
    }
}

/// A key of an object literal built from a catalog name: as [`ts_property`], except that
/// `__proto__`, which as a plain or quoted key sets the object's prototype instead of a property,
/// is computed (`["__proto__"]: x`) so the object gets it as an own property like any other key.
pub fn ts_object_key(name: &str) -> String {
    if name == "__proto__" {
        format!("[{}]", js_string(name))
    } else {
        ts_property(name)
    }
}

/// Whether `obj.<name> = value` would call `Object.prototype`'s `__proto__` setter rather than
/// set a property: such a key is read and written as an own property only.
pub fn ts_inherited_accessor(name: &str) -> bool {
    name == "__proto__"
}

// Text policy. Catalog text reaches generated code only through the functions below, each made
// for one place: a string literal, template literal text, a comment, or text a document shows
// (for WEBSOCKET.md, through `shown_text` and then the helpers of `gen::markdown`). In every place:
// - characters that end a line in some language — CR, VT, FF, NEL, U+2028, U+2029 (JavaScript
//   ends a `//` comment at each) — and other control characters cannot end a comment or a
//   literal: strings escape them, comments show them as `\u{…}`; LF ends a comment line and the
//   next line is a comment line again;
// - bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), which can make
//   code read differently than it runs (Trojan Source) and which rustc refuses in comments, are
//   escaped the same way.
// Identifiers never carry user text raw: they come from the case conversions above.

/// Characters shown escaped wherever catalog text lands in generated code: controls other than
/// LF and TAB, line and paragraph separators, and bidirectional controls.
pub fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{FEFF}')
}

/// `text` with every [`is_unsafe_char`] written as `\u{XXXX}`, for comments.
fn escape_unsafe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_unsafe_char(c) {
            out.push_str(&format!("\\u{{{:04X}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Catalog text for a document that shows it to a reader (WEBSOCKET.md's prose, table cells, code
/// spans and diagrams): a CRLF line break read as LF, and every other [`is_unsafe_char`] shown as
/// `\u{…}`, as comments show it, so no text can turn the direction of what follows it or end a
/// line where the reader does not see one. The places' own escaping comes after this.
pub fn shown_text(text: &str) -> String {
    escape_unsafe(&text.replace("\r\n", "\n"))
}

/// Text for a `//` comment line: no character in it can end the line or turn its direction.
pub fn line_comment_text(text: &str) -> String {
    escape_unsafe(&text.replace('\n', " "))
}

/// A double-quoted JavaScript/TypeScript string literal; safe for any input.
pub fn js_string(text: &str) -> String {
    let json = serde_json::to_string(text).expect("strings serialise");
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_unsafe_char(c) {
            for unit in c.encode_utf16(&mut [0u16; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A Rust string literal; safe for any input (`Debug` escapes every unsafe character).
pub fn rust_string(text: &str) -> String {
    format!("{text:?}")
}

/// Literal text inside a TypeScript template literal (type or value): escapes what would end it
/// or start a substitution, and every unsafe character (a raw CR would be read as LF).
pub fn ts_template_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '`' => out.push_str("\\`"),
            '\n' => out.push_str("\\n"),
            c if is_unsafe_char(c) => {
                for unit in c.encode_utf16(&mut [0u16; 2]) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.replace("${", "\\${")
}

/// Text for a `/** … */` or `///` doc comment: a `*/` cannot close the comment early, and no
/// unsafe character gets in raw. Lines stay lines.
pub fn doc_text(text: &str) -> String {
    escape_unsafe(&text.replace("*/", "*\u{2215}").replace("\r\n", "\n"))
}

/// A description as doc-comment lines that cannot close the comment, trailing blanks trimmed.
pub fn doc_lines(text: Option<&str>) -> Vec<String> {
    text.map(|t| doc_text(t).lines().map(|l| l.trim_end().to_owned()).collect())
        .unwrap_or_default()
}

/// One line of a `///` comment, from a line of [`doc_text`]. Leading blanks are dropped (four
/// would open an indented code block, which rustdoc compiles as a doctest) and a leading code
/// fence is escaped, so catalog text can neither end the comment nor run as code.
pub fn rust_doc_line(line: &str) -> String {
    let line = line.trim();
    if line.starts_with("```") || line.starts_with("~~~") {
        format!("\\{line}")
    } else {
        line.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_names_escape_keywords() {
        assert_eq!(rust_snake("type"), "r#type");
        assert_eq!(rust_snake("self"), "self_");
        assert_eq!(rust_snake("ticketId"), "ticket_id");
        assert_eq!(rust_type("status-change"), "StatusChange");
        assert_eq!(rust_type("option"), "Option_");
    }

    #[test]
    fn ts_names_escape_reserved_words() {
        assert_eq!(ts_value("delete"), "delete_");
        assert_eq!(ts_value("app-message"), "appMessage");
        assert_eq!(ts_type("date"), "Date_");
        assert_eq!(ts_property("delete"), "delete");
        assert_eq!(ts_property("x-y"), "\"x-y\"");
        assert_eq!(ts_member("status-change"), "statusChange");
        assert_eq!(ts_member("delete"), "delete");
        assert_eq!(ts_member("constructor"), "constructor_");
        assert_eq!(ts_member("new"), "new_");
    }

    #[test]
    fn a_proto_object_key_is_computed_so_it_stays_an_own_property() {
        assert_eq!(ts_object_key("__proto__"), "[\"__proto__\"]");
        assert_eq!(ts_object_key("ticketId"), "ticketId");
        assert_eq!(ts_object_key("x-y"), "\"x-y\"");
    }

    #[test]
    fn ts_event_names_use_the_unescaped_stem() {
        let names = TsEventNames::new("record", ["re-open"]);
        assert_eq!(names.payload, "RecordPayload");
        assert_eq!(names.variants, ["RecordReOpenPayload"]);
        assert_eq!(ts_room_type("in-queue"), "InQueueRoom");
    }

    #[test]
    fn a_namer_suffixes_what_is_reserved_or_claimed() {
        let mut namer = Namer::with_reserved(["ctx"]);
        assert_eq!(namer.claim("ctx".to_owned()), "ctx_");
        assert_eq!(namer.claim("ctx".to_owned()), "ctx__");
        assert_eq!(namer.claim("id".to_owned()), "id");
        assert_eq!(
            TsClientNames::new("e", ["socket", "socket_", "ack"]).args,
            ["socket_", "socket__", "ack_"]
        );
    }

    #[test]
    fn template_text_cannot_end_the_literal() {
        assert_eq!(ts_template_text("a`b${c}\\"), "a\\`b\\${c}\\\\");
    }

    #[test]
    fn rust_variants_are_identifiers() {
        assert_eq!(rust_variant("status-change"), "StatusChange");
        assert_eq!(rust_variant("Self"), "Self_");
        assert_eq!(rust_variant("1st"), "V1st");
        assert_eq!(rust_variant("default"), "Default");
        assert_eq!(rust_variant("١st"), "U0661st");
        assert_eq!(rust_variant("²"), "U00B2");
        assert_eq!(rust_variant("Ünïcödé"), "Ünïcödé");
    }

    #[test]
    fn rust_doc_lines_open_no_code_block() {
        assert_eq!(rust_doc_line("```rust"), "\\```rust");
        assert_eq!(rust_doc_line("~~~"), "\\~~~");
        assert_eq!(rust_doc_line("    let x = 1;"), "let x = 1;");
    }

    #[test]
    fn doc_text_cannot_close_a_comment() {
        assert!(!doc_text("a */ b").contains("*/"));
    }

    #[test]
    fn no_unsafe_character_reaches_a_comment_or_literal_raw() {
        let hostile = "a\rb\u{2028}c\u{2029}d\u{202E}e\u{2066}f\u{85}g\u{0B}h";
        for out in [
            doc_text(hostile),
            line_comment_text(hostile),
            js_string(hostile),
            rust_string(hostile),
            ts_template_text(hostile),
            shown_text(hostile),
        ] {
            assert!(!out.chars().any(is_unsafe_char), "{out:?}");
        }
        assert!(!line_comment_text("a\nb").contains('\n'));
        assert_eq!(js_string("\u{202E}"), "\"\\u202e\"");
        assert_eq!(ts_template_text("a\rb"), "a\\u000db");
        assert_eq!(shown_text("a\r\nb\rc\u{2028}d"), "a\nb\\u{000D}c\\u{2028}d");
    }

    #[test]
    fn string_literals_escape_quotes_and_newlines() {
        assert_eq!(js_string("a\"b\n`${x}`"), "\"a\\\"b\\n`${x}`\"");
        assert_eq!(rust_string("a\"b"), "\"a\\\"b\"");
    }
}
