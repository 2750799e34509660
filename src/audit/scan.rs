//! Parses one file with oxc and extracts the Socket.IO facts the rules judge: emits, client
//! listeners and namespaces. Rules never see the syntax tree, only these facts.
//!
//! Telling a Socket.IO receiver apart from any other `.emit`/`.on` (Node's `EventEmitter`,
//! `process`, streams, an event bus) is the heart of the false-positive budget. A call counts only
//! when its receiver chain starts at something that is a Socket.IO object in this file:
//! - a server: `getIO()`, an identifier bound to it, to `new Server(...)`/`new SocketIO(...)` or to
//!   `require("socket.io")(...)`, the conventional name `io`, or a member named `io` (`this.io`);
//! - a namespace: `<server>.of(...)`, or an identifier or `this.<field>` bound to one (by a
//!   declaration, an assignment or a class field);
//! - a socket: the parameter of a `connection` handler on a server or namespace (server side),
//!   the result of a client factory (`io(...)`/default import from `socket.io-client`,
//!   `socketConnection(...)`, `openSocket(...)`, `socketManager.getSocket(...)`), or a name that
//!   says socket (`socket`, `*Socket`, `socketRef.current`); which side such a name is on comes
//!   from the file (imports of `socket.io` vs `socket.io-client`/React, `.jsx`/`.tsx`).
//!
//! A binding to anything else (`new EventEmitter()`, `new WebSocket(...)`) overrides the name.
//! A backend file that connects to *another* Socket.IO server with `socket.io-client` (no React
//! or JSX, and it emits as our server, calls `getIO` or imports Node-only modules) is a peer: its
//! listeners follow that server's event names and are not collected.
//! Client→server emits (`socket.emit("joinChatBox", id)` on a `socket.io-client` socket) are not
//! broadcasts: they are collected apart, as client emits, and so are the server's handlers of them
//! (`socket.on("joinChatBox", …)` on a connection's socket), which are not client listeners.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use indexmap::IndexMap;
use oxc_allocator::Allocator;
use oxc_ast::ast::*;
use oxc_ast_visit::{walk, Visit};
use oxc_parser::Parser;
use oxc_span::{GetSpan, SourceType, Span};
use oxc_syntax::operator::{AssignmentOperator, BinaryOperator, LogicalOperator, UnaryOperator};
use oxc_syntax::scope::ScopeFlags;

use serde::{Deserialize, Serialize};

use super::auth::OpenHandler;
pub use super::auth::{Exposure, HandlerAuth};
use super::depth;
use super::shape::{self, Param, Shape};
use super::value::{clip, Dyn, Part, Str, MAX_TEXT};
use crate::catalog::model::Wrapper;

/// Everything the rules need to know about one file.
#[derive(Debug, Clone, Default)]
pub struct FileFacts {
    pub emits: Vec<Emit>,
    pub listeners: Vec<Listener>,
    /// What the clients send: `socket.emit("joinChatBox", id)` on a client socket.
    pub client_emits: Vec<ClientEmit>,
    /// What the server handles: `socket.on("joinChatBox", …)` on a server socket.
    pub handlers: Vec<Handler>,
    /// `socket.join(room)` on a server socket.
    pub joins: Vec<Join>,
    pub namespaces: Vec<NamespaceSite>,
    /// `connection` handlers that verify the handshake's token themselves.
    pub handler_auths: Vec<HandlerAuth>,
    /// The file starts with chatia-socket's generated header: it *is* the generated setup.
    pub generated: bool,
    /// Comments mentioning `chatia-socket-ignore`, with their spans.
    pub suppressions: Vec<(Span, String)>,
    /// The file could not be parsed (or read): where and why.
    pub parse_error: Option<(Span, String)>,
    /// Functions defined here that emit for their caller (`emitToCompany(companyId, event,
    /// payload)`) or return a broadcast operator (`audienceFor(io, companyId, ticket)`).
    pub helpers_found: Vec<Helper>,
    /// Names imported from the project's own modules (a relative path).
    pub imports: Vec<String>,
    /// The namespaces client code connects to: the path of each `io(url)` (`/` for a bare host).
    pub connections: Vec<Str>,
}

/// A function that emits for its caller or returns a broadcast operator, with what it does in
/// terms of its parameters: a call to it stands for that, with the call's arguments put in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Helper {
    pub name: String,
    /// Another file imports it: its callers are where its emits are judged.
    pub imported: bool,
    params: Vec<String>,
    body: HelperBody,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
enum HelperBody {
    /// `const audienceFor = (io, companyId, ticket) => io.to(…).to(…)`.
    Operator(Chain),
    /// `const emitToCompany = (companyId, event, payload) => getIO().to(…).emit(…)`, and the
    /// parameter the payload is, when it passes one on.
    Emit { emit: Box<Emit>, payload_param: Option<usize> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EmitMethod {
    Emit,
    EmitWithAck,
    ServerSideEmit,
    /// A call to a declared wrapper.
    Wrapper,
}

/// Which clients an emit reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reach {
    /// `io.emit`, `getIO().emit`, `io.sockets.emit`, `io.local.emit`, `io.of("/").emit`.
    DefaultNamespace,
    /// `io.to(room).emit`: rooms of the default namespace, which every company shares.
    DefaultNamespaceRooms,
    /// `socket.broadcast.emit` or `socket.to(room).emit` from a socket of the default namespace.
    DefaultNamespaceBroadcast,
    /// A named namespace: `io.of(ns)`, a namespace binding, a socket of a namespace.
    Namespace,
    /// The parent of dynamic namespaces, `io.of(/^\/workspace-\d+$/)` or `io.of(fn)` itself:
    /// socket.io sends its emits to every child namespace.
    ParentNamespace,
    /// A server-side socket broadcast whose namespace this file does not show.
    UnknownNamespace,
    /// `socket.emit` on the server: the one connection of that socket.
    SingleClient,
    /// `serverSideEmit`: the other Socket.IO servers of the cluster, not clients.
    OtherServers,
    /// A declared wrapper, which emits on the company's namespace.
    Wrapper,
}

/// A server-side emit.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Emit {
    /// The whole call expression.
    #[serde(with = "super::remembered::span")]
    pub span: Span,
    /// The callee as it reads, with arguments elided: `io.of(…).to(…).emit`.
    pub callee: String,
    pub method: EmitMethod,
    pub reach: Reach,
    /// The namespace, when the chain, a binding or the socket's connection handler shows it.
    pub namespace: Option<NamespaceArg>,
    /// `None` when the call has no event argument.
    pub event: Option<Str>,
    pub payload: Option<Payload>,
    /// A wrapper's company argument, or the company of a wrapper returning an operator.
    pub company_arg: Option<Str>,
    /// The emit is inside the definition of a declared wrapper (its call sites are checked instead).
    pub in_wrapper_definition: bool,
    /// The rooms the chain sends to (`to`/`in`), in order.
    pub rooms: Vec<RoomKey>,
    /// The call of a helper that emits for its caller: the helper's emit with the call's
    /// arguments put in, its own local values left as the helper spells them.
    pub through_helper: bool,
}

impl Emit {
    /// The rooms of a broadcast to rooms of the default namespace `/`, which every company
    /// shares: `io.to(room)`, `socket.to(room)` from a socket of `/`.
    pub fn shared_rooms(&self) -> Option<&[RoomKey]> {
        let shared = matches!(self.reach, Reach::DefaultNamespaceRooms | Reach::DefaultNamespaceBroadcast);
        (shared && !self.rooms.is_empty()).then_some(self.rooms.as_slice())
    }
}

/// A room an emit is sent to: its key, and which of the values in it a test on the way has
/// shown to be set (`if (ticket.queueId) io.to(`queue-${ticket.queueId}`)`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomKey {
    pub key: Str,
    /// [`Dyn::value_key`]s of the key's values that are neither `null` nor `undefined` here.
    pub narrowed: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Payload {
    #[serde(with = "super::remembered::span")]
    pub span: Span,
    /// Set when the payload is an object literal (or a `const` holding one), shared by the
    /// emits that send the same `const`.
    pub object: Option<Arc<ObjectPayload>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ObjectPayload {
    pub keys: Vec<String>,
    /// The shape of each key's value, in the order of `keys`.
    pub values: Vec<Shape>,
    /// A spread (`...base`) may supply any key, so missing keys cannot be told.
    pub has_spread: bool,
    pub company: Option<Str>,
    pub action: Option<Str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListenerKind {
    On,
    Once,
    Off { with_handler: bool },
}

/// A server socket joining a room: what decides the room's name, and whether it was checked.
#[derive(Debug, Clone)]
pub struct Join {
    pub span: Span,
    /// The namespace of the socket, when its connection handler is in this file.
    pub namespace: SocketNamespace,
    pub room: Str,
    /// A part of the name is what the client sent: an argument of the event handler the join is in.
    pub from_client: bool,
    /// A part of the name is an id the server holds (`user.companyId`, the `queue.id` of the
    /// user's own queues), so the room is within what that id scopes whatever the client sent.
    pub server_scoped: bool,
    /// On the way to the join the handler compares or looks up a company id, or holds the
    /// client's value to a fixed set: an enclosing `if` whose test does, an earlier guard clause
    /// (`if (…companyId…) return`), or an earlier call given both the client's value and a company id.
    pub checked: bool,
}

/// A client-side `socket.on/once/off`.
#[derive(Debug, Clone)]
pub struct Listener {
    pub span: Span,
    pub kind: ListenerKind,
    pub event: Option<Str>,
    /// `Some(has_cleanup)` when registered inside a `useEffect` callback.
    pub effect_cleanup: Option<bool>,
}

/// A client→server emit: `socket.emit("joinChatBox", id)`, `socket.emitWithAck("markAsRead", id)`.
#[derive(Debug, Clone)]
pub struct ClientEmit {
    pub span: Span,
    /// `None` when the call has no event argument.
    pub event: Option<Str>,
    /// The shapes of the arguments after the event name, without an acknowledgement callback.
    pub args: Vec<Shape>,
    /// It waits for the server's reply: a callback last, or `emitWithAck`.
    pub ack: bool,
}

/// A server-side `socket.on(name, …)` / `socket.once(name, …)`: the server handling what a
/// client sends.
#[derive(Debug, Clone)]
pub struct Handler {
    pub span: Span,
    pub event: Option<Str>,
    /// The parameters of its callback, when it is a function written there.
    pub params: Option<Vec<Param>>,
    /// The namespace of the socket, when its connection handler is in this file.
    pub namespace: SocketNamespace,
}

/// Where a server-side socket is connected, as far as the file shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SocketNamespace {
    /// `io.on("connection", …)`: the default namespace `/`.
    Default,
    /// `io.of(arg).on("connection", …)`, or the namespace `setupCompanyNamespaces` returns.
    Of(NamespaceArg),
    /// A socket named like one whose connection handler is not in this file.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum NamespaceArg {
    Name(Str),
    /// `io.of(/^\/workspace-\d+$/)`: a dynamic namespace, with the regex source.
    Regex(String),
    /// `io.of((name, auth, next) => …)`: a dynamic namespace.
    Function,
    /// The parent namespace `setupCompanyNamespaces(io, options)` returns: the company namespaces
    /// the generated setup serves, authenticated by its own middleware.
    Generated,
}

/// An `io.of(...)` call.
#[derive(Debug, Clone)]
pub struct NamespaceSite {
    /// The `io.of(...)` call expression.
    pub span: Span,
    pub arg: NamespaceArg,
    /// A `connection` handler is registered on it: this is where the namespace is set up.
    pub setup: bool,
    /// `.use(...)` middleware is registered on it (in its chain or through a binding).
    pub guarded: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Server,
    Client,
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
enum SocketNs {
    Default,
    Named(Option<NamespaceArg>),
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
enum Root {
    Server,
    ServerSocket(SocketNs),
    ClientSocket,
    /// Named like a socket in a file whose side is unknown.
    AnySocket,
    /// A declared wrapper that returns a broadcast operator.
    WrapperOperator(Option<Str>),
}

/// A receiver chain resolved from its root: `getIO().of(ns).to(room)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Chain {
    root: Root,
    /// Key (span start) of the `.of()` site and its argument.
    of: Option<(u32, NamespaceArg)>,
    rooms: bool,
    /// The keys of `to`/`in` links, which name the rooms an emit goes to (`except` only narrows).
    room_keys: Vec<RoomKey>,
    broadcast: bool,
    /// `.sockets` / `.local` on the server: the default namespace.
    default_ns: bool,
    text: String,
}

#[derive(Debug, Clone)]
enum Binding {
    Socket(Chain),
    NotSocket,
}

#[derive(Debug, Clone)]
enum ConstVal {
    Str(Str),
    /// Shared by every alias (`const B = A`) and scope that holds it.
    Object(Arc<Vec<(String, ConstVal)>>),
}

#[derive(Debug, Default)]
struct Scope {
    consts: HashMap<String, ConstVal>,
    bindings: HashMap<String, Binding>,
    tainted: HashSet<String>,
    /// Every name declared here, so an inner trusted declaration hides an outer tainted one.
    declared: HashSet<String>,
    /// `const payload = { … }`: the payload an identifier stands for.
    objects: HashMap<String, Arc<ObjectPayload>>,
    /// `const { companyId } = whatsapp`, `const id = ticket.companyId`: the expression a name was
    /// read from, so two spellings of one value compare equal.
    aliases: HashMap<String, String>,
    /// Parameters of a server socket's event handler: what the client sent.
    client_input: HashSet<String>,
}

#[derive(Debug, Default)]
struct Frame<'s> {
    name: Option<String>,
    effect: Option<usize>,
    /// A company id was compared or looked up earlier in this function (see [`Join::checked`]).
    company_checked: bool,
    /// `if` statements being visited whose test names a company id or holds the client's value to a
    /// fixed set, whose consequent this is.
    company_ifs: usize,
    /// Reads a guard clause earlier in the function showed to be set (`if (!x) return;`), as
    /// written.
    narrowed: Vec<&'s str>,
    /// The function's parameters by position; empty for a destructured one.
    params: Vec<String>,
}

/// Parses `text` and extracts its facts. `wrappers` are the declared emit helpers.
pub fn scan(path: &Path, text: &str, wrappers: &[Wrapper]) -> FileFacts {
    let allocator = Allocator::default();
    scan_with(&allocator, path, text, wrappers, &[])
}

pub fn scan_with(allocator: &Allocator, path: &Path, text: &str, wrappers: &[Wrapper], helpers: &[Helper]) -> FileFacts {
    if depth::lexical_needed(text.len()) {
        if let Some(offset) = depth::lexical(text, source_type(path).is_jsx()) {
            return FileFacts::unchecked(Span::new(offset as u32, offset as u32 + 1), depth::too_deep_message());
        }
    }
    let parsed = Parser::new(allocator, text, source_type(path)).parse();
    if parsed.panicked || !parsed.errors.is_empty() {
        let (span, message) = parsed
            .errors
            .first()
            .map(|err| {
                let span = err
                    .labels
                    .as_ref()
                    .and_then(|labels| labels.first())
                    .map(|label| Span::new(label.offset() as u32, (label.offset() + label.len()) as u32))
                    .unwrap_or_default();
                (span, err.message.to_string())
            })
            .unwrap_or_else(|| (Span::default(), "the parser gave up".to_owned()));
        return FileFacts::unchecked(span, message);
    }
    // The scanner's walk and its value tracing recurse as deep as the tree.
    if let Some(span) = depth::syntactic(&parsed.program) {
        return FileFacts::unchecked(span, depth::too_deep_message());
    }
    let suppressions = parsed
        .program
        .comments
        .iter()
        .filter_map(|comment| {
            let body = &text[comment.content_span().start as usize..comment.content_span().end as usize];
            body.contains("chatia-socket-ignore").then(|| (comment.span, body.to_owned()))
        })
        .collect();
    let mut scanner = Scanner::new(text, path, wrappers, helpers, &parsed.program);
    scanner.visit_program(&parsed.program);
    scanner.finish(suppressions)
}

impl FileFacts {
    /// A file that could not be checked: where and why.
    fn unchecked(span: Span, message: String) -> FileFacts {
        FileFacts {
            parse_error: Some((span, message)),
            ..FileFacts::default()
        }
    }
}

fn source_type(path: &Path) -> SourceType {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("js");
    match ext {
        "ts" | "mts" | "cts" => SourceType::ts(),
        "tsx" => SourceType::tsx(),
        "mjs" => SourceType::mjs().with_jsx(true),
        "cjs" => SourceType::cjs().with_jsx(true),
        // Create React App lets `.js` hold JSX.
        _ => SourceType::jsx(),
    }
}

/// Links a receiver chain may have (`getIO().of(ns).to(room).compress(true)` has four): each
/// `.use()`/`.of()` call on a longer one would walk it again.
const MAX_CHAIN_LINKS: usize = 32;
/// Segments a callee named by a wrapper or a hook may have (`this.service.emitToCompany` has three).
const MAX_CALLEE_SEGMENTS: usize = 16;
/// Member and call names that move along a receiver chain without changing what it is.
const PASS_THROUGH_CALLS: [&str; 2] = ["compress", "timeout"];
const ROOM_CALLS: [&str; 3] = ["to", "in", "except"];
const SERVER_CLASSES: [&str; 5] = ["Server", "SocketIO", "SocketIOServer", "SocketServer", "IOServer"];
const CLIENT_FACTORIES: [&str; 3] = ["socketConnection", "openSocket", "connectSocket"];
/// Members of a request object that hold what the client sent: `req.body`, `ctx.request.query`.
const REQUEST_INPUT: [&str; 4] = ["body", "query", "params", "headers"];
/// Members of a socket's handshake that the client sent: `socket.handshake.query`. `auth` too:
/// only the token in it is verified, and `verify(token)` is a value looked up, not input.
const HANDSHAKE_INPUT: [&str; 3] = ["query", "headers", "auth"];
/// Request methods that read a header: `req.header("x-company")`, `req.get("x-company")`.
const REQUEST_READERS: [&str; 2] = ["header", "get"];
/// Events Socket.IO itself fires on a server-side socket; handling them is always fine.
pub const SOCKET_RESERVED: [&str; 7] = [
    "connect",
    "connect_error",
    "disconnect",
    "disconnecting",
    "error",
    "newListener",
    "removeListener",
];
/// Imports only a Node process has (browser bundles polyfill `events`, `util`, `buffer`, not these).
const NODE_ONLY_IMPORTS: [&str; 16] = [
    "fs",
    "path",
    "http",
    "https",
    "net",
    "os",
    "child_process",
    "socket.io",
    "express",
    "sequelize",
    "sequelize-typescript",
    "bull",
    "bullmq",
    "@whiskeysockets/baileys",
    "whatsapp-web.js",
    "ioredis",
];

struct Scanner<'s> {
    text: &'s str,
    wrappers: &'s [Wrapper],
    helpers: &'s [Helper],
    helpers_found: Vec<Helper>,
    imports: Vec<String>,
    connections: Vec<Str>,
    side: Side,
    /// The file connects with `socket.io-client` but has no React, JSX or browser signal, and
    /// imports Node-only modules: a backend talking to another Socket.IO server (a peer), unless
    /// we learn otherwise; also set when the file turns out to emit as our server.
    node_client: bool,
    /// The file imports React or is `.jsx`/`.tsx`.
    browser: bool,
    /// Local names bound to `socket.io-client`'s factory.
    client_factories: HashSet<String>,
    scopes: Vec<Scope>,
    /// What `this.<name>` holds, from class fields and `this.<name> = …` assignments.
    members: HashMap<String, Binding>,
    frames: Vec<Frame<'s>>,
    /// Function span start → binding for its first parameter (connection handlers).
    pending_params: HashMap<u32, Binding>,
    /// Function span start → the name it is assigned to.
    pending_names: HashMap<u32, String>,
    /// Function span starts of `useEffect` callbacks.
    pending_effects: HashSet<u32>,
    /// Function span starts of server socket event handlers, whose parameters the client sent.
    pending_client_handlers: HashSet<u32>,
    /// Function span start of a `connection` handler → its namespace site (`None` for `/`) and
    /// the `.on("connection", …)` call.
    pending_connections: HashMap<u32, (Option<u32>, Span)>,
    /// `connection` handlers being visited, innermost last.
    open_handlers: Vec<OpenHandler>,
    closed_handlers: Vec<OpenHandler>,
    /// `io.use(...)`: middleware guards the default namespace.
    default_guarded: bool,
    effects: Vec<bool>,
    emits: Vec<Emit>,
    listeners: Vec<(Listener, Option<usize>)>,
    client_emits: Vec<ClientEmit>,
    handlers: Vec<Handler>,
    joins: Vec<Join>,
    namespaces: IndexMap<u32, NamespaceSite>,
    /// Links of the receiver chain being resolved.
    resolving: usize,
    /// Reads the tests of the enclosing `if`s, `?:`s and `&&`s show to be set, as written.
    narrowed: Vec<&'s str>,
}

impl<'s> Scanner<'s> {
    fn new(text: &'s str, path: &Path, wrappers: &'s [Wrapper], helpers: &'s [Helper], program: &Program<'_>) -> Self {
        let mut scanner = Scanner {
            text,
            wrappers,
            helpers,
            helpers_found: Vec::new(),
            imports: Vec::new(),
            connections: Vec::new(),
            side: Side::Unknown,
            node_client: false,
            browser: false,
            client_factories: HashSet::new(),
            scopes: vec![Scope::default()],
            members: HashMap::new(),
            frames: vec![Frame::default()],
            pending_params: HashMap::new(),
            pending_names: HashMap::new(),
            pending_effects: HashSet::new(),
            pending_client_handlers: HashSet::new(),
            pending_connections: HashMap::new(),
            open_handlers: Vec::new(),
            closed_handlers: Vec::new(),
            default_guarded: false,
            effects: Vec::new(),
            emits: Vec::new(),
            listeners: Vec::new(),
            client_emits: Vec::new(),
            handlers: Vec::new(),
            joins: Vec::new(),
            namespaces: IndexMap::new(),
            resolving: 0,
            narrowed: Vec::new(),
        };
        scanner.side = scanner.detect_side(path, program);
        scanner.hoist_module_consts(program);
        scanner
    }

    fn finish(mut self, suppressions: Vec<(Span, String)>) -> FileFacts {
        // A backend that emits as our server and also connects as a client relays another
        // server's events: its listeners and client emits use that server's names, not the catalog's.
        let peer = self.node_client || (self.side == Side::Client && !self.browser && !self.emits.is_empty());
        if peer {
            self.listeners.clear();
            self.client_emits.clear();
            self.connections.clear();
        }
        let listeners = self
            .listeners
            .drain(..)
            .map(|(mut listener, effect)| {
                listener.effect_cleanup = effect.map(|i| self.effects[i]);
                listener
            })
            .collect();
        let handler_auths = self.handler_auths();
        FileFacts {
            emits: self.emits,
            listeners,
            client_emits: self.client_emits,
            handlers: self.handlers,
            joins: self.joins,
            namespaces: self.namespaces.into_values().collect(),
            handler_auths,
            generated: crate::gen::output::has_header(self.text),
            suppressions,
            parse_error: None,
            helpers_found: self.helpers_found,
            imports: self.imports,
            connections: self.connections,
        }
    }

    /// The handlers that verify a token, each with its namespace's guard as the whole file shows
    /// it: a `.use(...)` may come after the handler.
    fn handler_auths(&mut self) -> Vec<HandlerAuth> {
        let closed = std::mem::take(&mut self.closed_handlers);
        closed
            .into_iter()
            .filter_map(|handler| {
                let (span, guarded) = match handler.site.map(|key| self.namespaces.get(&key)) {
                    None => (handler.call, self.default_guarded),
                    Some(Some(site)) => (site.span, site.guarded),
                    // The generated setup's namespace is no site, and has its own middleware.
                    Some(None) => (handler.call, true),
                };
                handler.finish(span, guarded)
            })
            .collect()
    }

    fn src(&self, span: Span) -> &'s str {
        &self.text[span.start as usize..span.end as usize]
    }

    fn detect_side(&mut self, path: &Path, program: &Program<'_>) -> Side {
        let (mut server, mut client, mut react, mut node) = (false, false, false, false);
        for statement in &program.body {
            if let Statement::ImportDeclaration(import) = statement {
                let source = import.source.value.as_str();
                node |= source.starts_with("node:") || NODE_ONLY_IMPORTS.contains(&source);
                if source.starts_with('.') {
                    self.imports
                        .extend(import.specifiers.iter().flatten().map(|s| s.local().name.to_string()));
                }
                match source {
                    "socket.io-client" => {
                        client = true;
                        for specifier in import.specifiers.iter().flatten() {
                            let local = match specifier {
                                ImportDeclarationSpecifier::ImportSpecifier(s) => &s.local,
                                ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => &s.local,
                                ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => &s.local,
                            };
                            self.client_factories.insert(local.name.to_string());
                        }
                    }
                    "socket.io" => server = true,
                    "react" | "react-dom" | "react-native" => react = true,
                    _ => {}
                }
            }
        }
        // CommonJS: `const io = require("socket.io-client")`.
        if self.text.contains("require(\"socket.io-client\")") || self.text.contains("require('socket.io-client')") {
            client = true;
        } else if self.text.contains("require(\"socket.io\")") || self.text.contains("require('socket.io')") {
            server = true;
        }
        let jsx_file = matches!(path.extension().and_then(|e| e.to_str()), Some("jsx" | "tsx"));
        self.browser = react || jsx_file;
        self.node_client = client && !self.browser && (node || server || self.text.contains("getIO"));
        if client {
            Side::Client
        } else if server {
            Side::Server
        } else if react || jsx_file {
            Side::Client
        } else if self.text.contains("getIO") {
            Side::Server
        } else {
            Side::Unknown
        }
    }

    /// Module-level `const`s are visible in functions declared above them.
    fn hoist_module_consts(&mut self, program: &Program<'_>) {
        for statement in &program.body {
            let declaration = match statement {
                Statement::VariableDeclaration(d) => Some(&**d),
                Statement::ExportNamedDeclaration(export) => match &export.declaration {
                    Some(Declaration::VariableDeclaration(d)) => Some(&**d),
                    _ => None,
                },
                _ => None,
            };
            let Some(declaration) = declaration else { continue };
            if declaration.kind != VariableDeclarationKind::Const {
                continue;
            }
            for declarator in &declaration.declarations {
                if let (BindingPatternKind::BindingIdentifier(id), Some(init)) = (&declarator.id.kind, &declarator.init) {
                    if let Some(value) = self.const_value(init) {
                        self.scopes[0].consts.insert(id.name.to_string(), value);
                    }
                }
            }
        }
    }

    // ---- lookups -------------------------------------------------------------------------

    fn lookup_const(&self, name: &str) -> Option<&ConstVal> {
        self.scopes.iter().rev().find_map(|scope| scope.consts.get(name))
    }

    fn lookup_binding(&self, name: &str) -> Option<&Binding> {
        self.scopes.iter().rev().find_map(|scope| scope.bindings.get(name))
    }

    fn is_tainted(&self, name: &str) -> bool {
        self.scopes
            .iter()
            .rev()
            .find(|scope| scope.tainted.contains(name) || scope.declared.contains(name))
            .is_some_and(|scope| scope.tainted.contains(name))
    }

    /// Whether the value of `expr` is request input or derived from it: the input itself, a member
    /// of it, a method called on it (`authHeader.split(" ")`), a conversion (`Number(x)`), or an
    /// operator combining it. A value a function *looks up* with it as an argument
    /// (`Ticket.findByPk(req.params.id)`) is the entity's own data, not input, and is trusted.
    fn tainted(&self, expr: &Expression<'_>) -> bool {
        match expr {
            Expression::Identifier(id) => self.is_tainted(&id.name),
            Expression::StaticMemberExpression(m) => is_request_input(m) || self.tainted(&m.object),
            Expression::ComputedMemberExpression(m) => self.tainted(&m.object),
            Expression::ChainExpression(c) => match &c.expression {
                ChainElement::StaticMemberExpression(m) => is_request_input(m) || self.tainted(&m.object),
                ChainElement::ComputedMemberExpression(m) => self.tainted(&m.object),
                ChainElement::CallExpression(call) => self.tainted_call(call),
                _ => false,
            },
            Expression::CallExpression(call) => self.tainted_call(call),
            Expression::TemplateLiteral(t) => t.expressions.iter().any(|e| self.tainted(e)),
            Expression::BinaryExpression(b) => self.tainted(&b.left) || self.tainted(&b.right),
            Expression::LogicalExpression(l) => self.tainted(&l.left) || self.tainted(&l.right),
            Expression::ConditionalExpression(c) => self.tainted(&c.consequent) || self.tainted(&c.alternate),
            Expression::UnaryExpression(u) => self.tainted(&u.argument),
            Expression::ParenthesizedExpression(p) => self.tainted(&p.expression),
            Expression::TSAsExpression(e) => self.tainted(&e.expression),
            Expression::TSSatisfiesExpression(e) => self.tainted(&e.expression),
            Expression::TSNonNullExpression(e) => self.tainted(&e.expression),
            Expression::TSTypeAssertion(e) => self.tainted(&e.expression),
            Expression::AwaitExpression(e) => self.tainted(&e.argument),
            Expression::ObjectExpression(object) => object.properties.iter().any(|property| match property {
                ObjectPropertyKind::ObjectProperty(p) => self.tainted(&p.value),
                ObjectPropertyKind::SpreadProperty(s) => self.tainted(&s.argument),
            }),
            Expression::ArrayExpression(array) => array
                .elements
                .iter()
                .filter_map(ArrayExpressionElement::as_expression)
                .any(|e| self.tainted(e)),
            _ => false,
        }
    }

    fn tainted_call(&self, call: &CallExpression<'_>) -> bool {
        if let Some((object, method)) = member_callee(&call.callee) {
            return (REQUEST_READERS.contains(&method) && is_request_object(object)) || self.tainted(object);
        }
        match &call.callee {
            Expression::Identifier(id)
                if matches!(id.name.as_str(), "String" | "Number" | "parseInt" | "parseFloat" | "BigInt") =>
            {
                call.arguments
                    .first()
                    .and_then(Argument::as_expression)
                    .is_some_and(|arg| self.tainted(arg))
            }
            _ => false,
        }
    }

    fn dyn_of(&self, expr: &Expression<'_>) -> Dyn {
        let mut value = Dyn::new(self.src(expr.span()), self.tainted(expr));
        value.same_as = self.alias(&value.text).map(str::to_owned);
        value
    }

    /// The expression the `const` named `name` was read from, as the nearest declaration of the
    /// name says.
    fn alias(&self, name: &str) -> Option<&str> {
        self.scopes
            .iter()
            .rev()
            .find(|scope| scope.aliases.contains_key(name) || scope.declared.contains(name))
            .and_then(|scope| scope.aliases.get(name))
            .map(String::as_str)
    }

    /// A read with no effect that a `const` can stand for: a name or a chain of members, with the
    /// name's own alias put in.
    fn path_text(&self, expr: &Expression<'_>) -> Option<String> {
        match unwrap(expr) {
            Expression::Identifier(id) => Some(self.alias(&id.name).map_or_else(|| id.name.to_string(), str::to_owned)),
            Expression::StaticMemberExpression(member) => {
                Some(format!("{}.{}", self.path_text(&member.object)?, member.property.name))
            }
            Expression::ChainExpression(chain) => match &chain.expression {
                ChainElement::StaticMemberExpression(member) => {
                    Some(format!("{}.{}", self.path_text(&member.object)?, member.property.name))
                }
                _ => None,
            },
            Expression::TSNonNullExpression(e) => self.path_text(&e.expression),
            _ => None,
        }
    }

    /// What each name of a `const` declaration was read from: `{ a, b: c } = x` reads `x.a` and
    /// `x.b`, `c = x.y` reads `x.y`. A default (`{ a = 1 }`) may replace the value, so it is none.
    fn aliases_of(&self, pattern: &BindingPatternKind<'_>, init: &Expression<'_>) -> Vec<(String, String)> {
        let Some(path) = self.path_text(init) else { return Vec::new() };
        match pattern {
            BindingPatternKind::BindingIdentifier(id)
                if matches!(
                    unwrap(init),
                    Expression::StaticMemberExpression(_) | Expression::ChainExpression(_) | Expression::Identifier(_)
                ) =>
            {
                vec![(id.name.to_string(), path)]
            }
            BindingPatternKind::ObjectPattern(object) => object
                .properties
                .iter()
                .filter(|property| !property.computed)
                .filter_map(|property| {
                    let key = property.key.static_name()?;
                    match &property.value.kind {
                        BindingPatternKind::BindingIdentifier(id) => Some((id.name.to_string(), format!("{path}.{key}"))),
                        _ => None,
                    }
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    // ---- values --------------------------------------------------------------------------

    /// The string an expression evaluates to, as far as this file shows.
    fn str_of(&self, expr: &Expression<'_>) -> Str {
        match expr {
            Expression::StringLiteral(s) => Str::lit(s.value.as_str()),
            Expression::NumericLiteral(n) => Str::lit(n.raw.map_or_else(|| n.value.to_string(), |raw| raw.to_string())),
            Expression::TemplateLiteral(t) => {
                let mut value = Str::default();
                for (i, quasi) in t.quasis.iter().enumerate() {
                    value.push_lit(quasi.value.cooked.as_ref().unwrap_or(&quasi.value.raw).as_str());
                    if let Some(inner) = t.expressions.get(i) {
                        value.append(self.str_of(inner));
                    }
                }
                value
            }
            Expression::BinaryExpression(b) if b.operator == BinaryOperator::Addition => {
                let mut value = self.str_of(&b.left);
                value.append(self.str_of(&b.right));
                value
            }
            Expression::ParenthesizedExpression(p) => self.str_of(&p.expression),
            Expression::TSAsExpression(e) => self.str_of(&e.expression),
            Expression::TSNonNullExpression(e) => self.str_of(&e.expression),
            Expression::TSSatisfiesExpression(e) => self.str_of(&e.expression),
            Expression::Identifier(id) => match self.lookup_const(&id.name) {
                Some(ConstVal::Str(value)) => value.clone(),
                _ => Str::dynamic(self.dyn_of(expr)),
            },
            Expression::StaticMemberExpression(m) => match self.const_member(m) {
                Some(ConstVal::Str(value)) => value.clone(),
                _ => Str::dynamic(self.dyn_of(expr)),
            },
            Expression::CallExpression(call) => match same_value_argument(call) {
                Some(inner) => self.str_of(inner),
                None => Str::dynamic(self.dyn_of(expr)),
            },
            // `+companyId` is `Number(companyId)`.
            Expression::UnaryExpression(u) if u.operator == UnaryOperator::UnaryPlus => self.str_of(&u.argument),
            _ => Str::dynamic(self.dyn_of(expr)),
        }
    }

    /// `EVENTS.TICKET` where `const EVENTS = { TICKET: "…" }`.
    fn const_member(&self, member: &StaticMemberExpression<'_>) -> Option<&ConstVal> {
        let object = match &member.object {
            Expression::Identifier(id) => self.lookup_const(&id.name)?,
            Expression::StaticMemberExpression(inner) => self.const_member(inner)?,
            _ => return None,
        };
        match object {
            ConstVal::Object(fields) => fields
                .iter()
                .find(|(key, _)| key == member.property.name.as_str())
                .map(|(_, value)| value),
            ConstVal::Str(_) => None,
        }
    }

    fn const_value(&self, expr: &Expression<'_>) -> Option<ConstVal> {
        match expr {
            Expression::StringLiteral(_) | Expression::TemplateLiteral(_) | Expression::BinaryExpression(_) => {
                let value = self.str_of(expr);
                value.has_literal_text().then_some(ConstVal::Str(value))
            }
            // `const PLATFORM_COMPANY_ID = 1`: a company id spelt once, then used by name.
            Expression::NumericLiteral(_) => Some(ConstVal::Str(self.str_of(expr))),
            Expression::Identifier(id) => self.lookup_const(&id.name).cloned(),
            Expression::ObjectExpression(object) => {
                let mut fields = Vec::new();
                for property in &object.properties {
                    if let ObjectPropertyKind::ObjectProperty(p) = property {
                        if let (Some(key), Some(value)) = (p.key.static_name(), self.const_value(&p.value)) {
                            fields.push((key.to_string(), value));
                        }
                    }
                }
                Some(ConstVal::Object(Arc::new(fields)))
            }
            Expression::TSAsExpression(e) => self.const_value(&e.expression),
            Expression::TSSatisfiesExpression(e) => self.const_value(&e.expression),
            _ => None,
        }
    }

    fn payload_of(&self, expr: &Expression<'_>) -> Payload {
        let object = match expr {
            Expression::ObjectExpression(object) => Some(Arc::new(self.object_payload(object))),
            Expression::Identifier(id) => self
                .scopes
                .iter()
                .rev()
                .find_map(|scope| scope.objects.get(id.name.as_str()))
                .cloned(),
            _ => None,
        };
        Payload {
            span: expr.span(),
            object,
        }
    }

    fn object_payload(&self, object: &ObjectExpression<'_>) -> ObjectPayload {
        let mut payload = ObjectPayload::default();
        for property in &object.properties {
            match property {
                ObjectPropertyKind::SpreadProperty(_) => payload.has_spread = true,
                ObjectPropertyKind::ObjectProperty(p) => {
                    let Some(key) = p.key.static_name() else {
                        // A computed key may be any of the required ones.
                        payload.has_spread = true;
                        continue;
                    };
                    match key.as_ref() {
                        "companyId" => payload.company = Some(self.str_of(&p.value)),
                        "action" => payload.action = Some(self.str_of(&p.value)),
                        _ => {}
                    }
                    payload.keys.push(key.to_string());
                    payload.values.push(shape::of(&p.value));
                }
            }
        }
        payload
    }

    // ---- receivers -----------------------------------------------------------------------

    fn socket_by_name(&self) -> Root {
        match self.side {
            Side::Server => Root::ServerSocket(SocketNs::Unknown),
            Side::Client => Root::ClientSocket,
            Side::Unknown => Root::AnySocket,
        }
    }

    fn chain(root: Root, text: impl Into<String>) -> Chain {
        Chain {
            root,
            of: None,
            rooms: false,
            room_keys: Vec::new(),
            broadcast: false,
            default_ns: false,
            text: text.into(),
        }
    }

    /// Resolves a receiver expression to a Socket.IO chain, or `None` when it is not one, nor
    /// one within [`MAX_CHAIN_LINKS`] links of its root.
    fn resolve(&mut self, expr: &Expression<'_>) -> Option<Chain> {
        if self.resolving == MAX_CHAIN_LINKS {
            return None;
        }
        self.resolving += 1;
        let chain = self.resolve_link(expr);
        self.resolving -= 1;
        chain
    }

    fn resolve_link(&mut self, expr: &Expression<'_>) -> Option<Chain> {
        match expr {
            Expression::ParenthesizedExpression(p) => self.resolve(&p.expression),
            Expression::TSAsExpression(e) => self.resolve(&e.expression),
            Expression::TSNonNullExpression(e) => self.resolve(&e.expression),
            Expression::TSSatisfiesExpression(e) => self.resolve(&e.expression),
            Expression::AwaitExpression(e) => self.resolve(&e.argument),
            Expression::ChainExpression(c) => match &c.expression {
                ChainElement::CallExpression(call) => self.resolve_call(call),
                ChainElement::StaticMemberExpression(m) => self.resolve_member(m),
                _ => None,
            },
            Expression::Identifier(id) => self.resolve_name(&id.name),
            Expression::ThisExpression(_) => None,
            Expression::StaticMemberExpression(m) => self.resolve_member(m),
            Expression::CallExpression(call) => self.resolve_call(call),
            Expression::NewExpression(new) => match &new.callee {
                Expression::Identifier(id) if SERVER_CLASSES.contains(&id.name.as_str()) => {
                    Some(Self::chain(Root::Server, id.name.as_str()))
                }
                _ => None,
            },
            _ => None,
        }
    }

    fn resolve_name(&self, name: &str) -> Option<Chain> {
        match self.lookup_binding(name) {
            Some(Binding::Socket(chain)) => {
                let mut chain = chain.clone();
                chain.text = name.to_owned();
                return Some(chain);
            }
            Some(Binding::NotSocket) => return None,
            None => {}
        }
        if name == "io" && !self.client_factories.contains("io") {
            return Some(Self::chain(Root::Server, name));
        }
        is_socket_name(name).then(|| Self::chain(self.socket_by_name(), name))
    }

    fn resolve_member(&mut self, member: &StaticMemberExpression<'_>) -> Option<Chain> {
        let property = member.property.name.as_str();
        if matches!(member.object, Expression::ThisExpression(_)) {
            match self.members.get(property) {
                Some(Binding::Socket(chain)) => {
                    let mut chain = chain.clone();
                    chain.text = format!("this.{property}");
                    return Some(chain);
                }
                Some(Binding::NotSocket) => return None,
                None => {}
            }
        }
        match property {
            "volatile" | "broadcast" | "local" | "sockets" => {
                let mut chain = self.resolve(&member.object)?;
                match property {
                    "broadcast" => chain.broadcast = true,
                    "local" | "sockets" if chain.root == Root::Server && chain.of.is_none() => chain.default_ns = true,
                    "sockets" => return None,
                    _ => {}
                }
                chain.text.push('.');
                chain.text.push_str(property);
                Some(chain)
            }
            // `this.io`, `global.io`, `app.io` — but `socket.io` on a client socket is its Manager.
            "io" => match self.resolve(&member.object) {
                Some(_) => None,
                None => Some(Self::chain(Root::Server, clip(self.src(member.span), MAX_TEXT))),
            },
            "socket" | "current" => {
                let owner_is_socket = match &member.object {
                    Expression::Identifier(id) => property == "socket" || is_socket_name(&id.name),
                    Expression::ThisExpression(_) => property == "socket",
                    _ => false,
                };
                owner_is_socket.then(|| Self::chain(self.socket_by_name(), clip(self.src(member.span), MAX_TEXT)))
            }
            _ => None,
        }
    }

    fn resolve_call(&mut self, call: &CallExpression<'_>) -> Option<Chain> {
        if callee_path(&call.callee).is_some_and(|name| is_generated_setup(&name)) {
            let mut chain = Self::chain(Root::Server, "setupCompanyNamespaces(…)");
            chain.of = Some((call.span.start, NamespaceArg::Generated));
            return Some(chain);
        }
        let Some((object, method)) = member_callee(&call.callee) else {
            let name = callee_path(&call.callee)?;
            if name == "getIO" || name == "getIo" {
                return Some(Self::chain(Root::Server, "getIO()"));
            }
            if self.client_factories.contains(&name) || CLIENT_FACTORIES.contains(&name.as_str()) {
                return Some(Self::chain(Root::ClientSocket, format!("{name}()")));
            }
            if name == "require" {
                return None;
            }
            return self.helper_chain(call, &name).or_else(|| self.wrapper_operator(call, &name));
        };
        if method == "getSocket" || method == "GetSocket" {
            return Some(Self::chain(
                Root::ClientSocket,
                format!("{}()", clip(self.src(call.callee.span()), MAX_TEXT)),
            ));
        }
        if let Some(name) = callee_path(&call.callee) {
            if let Some(chain) = self.helper_chain(call, &name).or_else(|| self.wrapper_operator(call, &name)) {
                return Some(chain);
            }
        }
        let mut chain = self.resolve(object)?;
        match method {
            m if ROOM_CALLS.contains(&m) => {
                chain.rooms = true;
                if m != "except" {
                    self.room_keys(call, &mut chain.room_keys);
                }
            }
            m if PASS_THROUGH_CALLS.contains(&m) => {}
            "use" => match &chain.of {
                Some((key, _)) => {
                    if let Some(site) = self.namespaces.get_mut(key) {
                        site.guarded = true;
                    }
                }
                None if chain.root == Root::Server => self.default_guarded = true,
                None => {}
            },
            "of" if chain.root == Root::Server && chain.of.is_none() && !chain.default_ns => {
                let arg = match call.arguments.first().and_then(Argument::as_expression) {
                    Some(Expression::RegExpLiteral(r)) => NamespaceArg::Regex(clip(self.src(r.span), MAX_TEXT)),
                    Some(Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_)) => NamespaceArg::Function,
                    Some(expr) => NamespaceArg::Name(self.str_of(expr)),
                    None => return None,
                };
                let key = call.span.start;
                self.namespaces.entry(key).or_insert_with(|| NamespaceSite {
                    span: call.span,
                    arg: arg.clone(),
                    setup: false,
                    guarded: false,
                });
                chain.of = Some((key, arg));
            }
            _ => return None,
        }
        chain.text = format!("{}.{method}(…)", chain.text);
        Some(chain)
    }

    fn wrapper_operator(&self, call: &CallExpression<'_>, name: &str) -> Option<Chain> {
        let wrapper = self.wrapper_named(name).filter(|w| w.returns_operator)?;
        let company = wrapper
            .company_arg
            .and_then(|i| call.arguments.get(i))
            .and_then(Argument::as_expression);
        Some(Self::chain(
            Root::WrapperOperator(company.map(|c| self.str_of(c))),
            format!("{name}(…)"),
        ))
    }

    /// A call of a function returning a broadcast operator: the chain it builds, with the call's
    /// arguments put in for its parameters (`audienceFor(getIO(), companyId, ticket)`).
    fn helper_chain(&self, call: &CallExpression<'_>, name: &str) -> Option<Chain> {
        let helper = self.helper_named(name)?;
        let HelperBody::Operator(chain) = &helper.body else {
            return None;
        };
        let args = arguments(call);
        let mut chain = chain.clone();
        chain.room_keys = self.put_in_rooms(&chain.room_keys, &helper.params, &args);
        if let Some((key, NamespaceArg::Name(namespace))) = &chain.of {
            chain.of = Some((*key, NamespaceArg::Name(self.put_arguments(namespace, &helper.params, &args))));
        }
        chain.text = format!("{name}(…)");
        Some(chain)
    }

    /// A call of a function that emits for its caller: the emit it makes, with the call's
    /// arguments put in, at the call (`emitToCompany(req.body.companyId, "ticket", payload)`).
    fn helper_emit(&mut self, call: &CallExpression<'_>, name: &str) -> bool {
        let Some(helper) = self.helper_named(name) else { return false };
        let HelperBody::Emit {
            emit: template,
            payload_param,
        } = &helper.body
        else {
            return false;
        };
        let args = arguments(call);
        let put = |value: &Str| self.put_arguments(value, &helper.params, &args);
        let payload = match payload_param {
            Some(i) => args.get(*i).copied().flatten().map(|arg| self.payload_of(arg)),
            None => template.payload.clone(),
        };
        let emit = Emit {
            span: call.span,
            callee: format!("{name}(…)"),
            namespace: match &template.namespace {
                Some(NamespaceArg::Name(namespace)) => Some(NamespaceArg::Name(put(namespace))),
                other => other.clone(),
            },
            event: template.event.as_ref().map(put),
            payload,
            rooms: self.put_in_rooms(&template.rooms, &helper.params, &args),
            in_wrapper_definition: self.in_wrapper_definition(),
            through_helper: true,
            ..(**template).clone()
        };
        self.emits.push(emit);
        true
    }

    /// A helper called by its own name (a method of the same name on another object is not it).
    fn helper_named(&self, name: &str) -> Option<&Helper> {
        self.helpers.iter().chain(&self.helpers_found).find(|h| h.name == name)
    }

    fn put_in_rooms(&self, rooms: &[RoomKey], params: &[String], args: &[Option<&Expression<'_>>]) -> Vec<RoomKey> {
        rooms
            .iter()
            .map(|room| {
                let key = self.put_arguments(&room.key, params, args);
                let narrowed = key.dyns().map(Dyn::value_key).filter(|k| self.is_narrowed(k)).collect();
                RoomKey { key, narrowed }
            })
            .collect()
    }

    /// `value` with each value read from a parameter read from the argument in its place.
    fn put_arguments(&self, value: &Str, params: &[String], args: &[Option<&Expression<'_>>]) -> Str {
        let mut put = Str::default();
        for part in &value.parts {
            match part {
                Part::Lit(text) => put.push_lit(text),
                Part::Dyn(d) => {
                    let param = root_name(&d.text);
                    let arg = params
                        .iter()
                        .position(|p| !p.is_empty() && p == param)
                        .and_then(|i| args.get(i).copied().flatten());
                    match arg {
                        Some(arg) if d.text == param => put.append(self.str_of(arg)),
                        Some(arg) => {
                            let text = format!("{}{}", self.src(arg.span()), &d.text[param.len()..]);
                            let mut read = Dyn::new(&text, self.tainted(arg));
                            read.same_as = self.alias(&read.text).map(str::to_owned);
                            put.append(Str::dynamic(read));
                        }
                        None => put.append(Str::dynamic(d.clone())),
                    }
                }
            }
        }
        put
    }

    /// A named function that returns a broadcast operator of the server is a helper its callers
    /// emit through: `const audienceFor = (io, companyId, ticket) => io.to(…).to(…)`.
    fn note_helper(&mut self, returned: &Expression<'_>) {
        let frame = self.frames.last().expect("the module frame is never popped");
        let (Some(name), false) = (frame.name.clone(), frame.params.iter().all(String::is_empty)) else {
            return;
        };
        let params = frame.params.clone();
        let Some(chain) = self.resolve(returned) else { return };
        if chain.root == Root::Server && (chain.rooms || chain.of.is_some()) && !self.helpers_found.iter().any(|h| h.name == name)
        {
            self.helpers_found.push(Helper {
                name,
                imported: false,
                params,
                body: HelperBody::Operator(chain),
            });
        }
    }

    /// An emit inside a named function that passes on the function's event or payload parameter
    /// makes it a helper its callers emit through (`emitToCompany(companyId, event, payload)`).
    fn note_emit_helper(&mut self) {
        let (Some(frame), Some(emit)) = (self.frames.last(), self.emits.last()) else {
            return;
        };
        let Some(name) = frame.name.clone().filter(|_| self.frames.len() > 1) else {
            return;
        };
        if matches!(emit.reach, Reach::SingleClient | Reach::OtherServers | Reach::Wrapper)
            || self.wrapper_named(&name).is_some()
            || self.helpers_found.iter().any(|h| h.name == name)
        {
            return;
        }
        let param = |text: &str| frame.params.iter().position(|p| !p.is_empty() && p == text);
        let passes_event = emit
            .event
            .iter()
            .flat_map(Str::dyns)
            .any(|d| param(root_name(&d.text)).is_some());
        let payload_param = emit.payload.as_ref().and_then(|payload| param(self.src(payload.span).trim()));
        if !passes_event && payload_param.is_none() {
            return;
        }
        self.helpers_found.push(Helper {
            name,
            imported: false,
            params: frame.params.clone(),
            body: HelperBody::Emit {
                emit: Box::new(emit.clone()),
                payload_param,
            },
        });
    }

    /// A wrapper declared by its bare name is the same function when called through an object:
    /// `this.emitToCompany(…)`, `SocketEmitter.emitToCompany(…)` after `import * as SocketEmitter`.
    fn wrapper_named(&self, name: &str) -> Option<&'s Wrapper> {
        let last = name.rsplit('.').next().unwrap_or(name);
        self.wrappers
            .iter()
            .find(|w| w.name == name || (!w.name.contains('.') && w.name == last))
    }

    fn in_wrapper_definition(&self) -> bool {
        self.frames.iter().filter_map(|f| f.name.as_deref()).any(|name| {
            self.wrappers
                .iter()
                .any(|w| w.name == name || w.name.rsplit('.').next() == Some(name))
                || self.helpers.iter().any(|h| h.imported && h.name == name)
        })
    }

    // ---- call sites ----------------------------------------------------------------------

    fn on_call(&mut self, call: &CallExpression<'_>) {
        self.note_company_lookup(call);
        self.note_connection(call);
        self.note_token_call(call);
        if let Some(name) = callee_path(&call.callee) {
            if matches!(
                name.as_str(),
                "useEffect" | "useLayoutEffect" | "React.useEffect" | "React.useLayoutEffect"
            ) {
                if let Some(Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_)) =
                    call.arguments.first().and_then(Argument::as_expression)
                {
                    self.pending_effects.insert(call.arguments[0].span().start);
                }
                return;
            }
            if let Some(wrapper) = self.wrapper_named(&name).filter(|w| !w.returns_operator) {
                self.wrapper_call(call, wrapper, &name);
                return;
            }
            if self.helper_emit(call, &name) {
                return;
            }
        }
        let Some((object, method)) = member_callee(&call.callee) else {
            return;
        };
        match method {
            "join" => self.join_call(call, object),
            "emit" | "emitWithAck" | "serverSideEmit" => self.emit_call(call, object, method),
            "on" | "once" | "off" | "removeListener" => self.listener_call(call, object, method),
            "of" | "use" => {
                // Registers the namespace site and `.use` guards, even when nothing emits on it.
                self.resolve_call(call);
            }
            _ => {}
        }
    }

    /// `io(url)` of `socket.io-client` in client code: the namespace the client connects to.
    fn note_connection(&mut self, call: &CallExpression<'_>) {
        if self.side != Side::Client {
            return;
        }
        let Some(name) = callee_path(&call.callee) else { return };
        let factory = self.client_factories.contains(&name) || CLIENT_FACTORIES.contains(&name.as_str());
        if let (true, Some(url)) = (factory, call.arguments.first().and_then(Argument::as_expression)) {
            let namespace = url_path(&self.str_of(url));
            if !self.connections.contains(&namespace) {
                self.connections.push(namespace);
            }
        }
    }

    /// `socket.join(room)` on a server socket.
    fn join_call(&mut self, call: &CallExpression<'_>, object: &Expression<'_>) {
        let Some(chain) = self.resolve(object) else { return };
        let Root::ServerSocket(ns) = &chain.root else { return };
        if chain.rooms || chain.broadcast {
            return;
        }
        let namespace = ns.public();
        let Some(arg) = call.arguments.first().and_then(Argument::as_expression) else {
            return;
        };
        let room = self.str_of(arg);
        // The handshake's query and headers are the client's too: `company-${query.companyId}-…`
        // is the company the client claims.
        let from_client = room.dyns().any(|d| d.untrusted || self.is_client_input(root_name(&d.text)));
        let server_scoped = room
            .dyns()
            .any(|d| d.id_like && !d.untrusted && !self.is_client_input(root_name(&d.text)));
        let frame = self.frames.last().expect("the module frame is never popped");
        self.joins.push(Join {
            span: call.span,
            namespace,
            room,
            from_client,
            server_scoped,
            checked: frame.company_checked || frame.company_ifs > 0,
        });
        self.note_socket_act(call.span, Some(Exposure::Join));
    }

    // ---- a connection handler's own token check ------------------------------------------

    /// Inside a `connection` handler: the token verified or read unverified, or the socket
    /// disconnected.
    fn note_token_call(&mut self, call: &CallExpression<'_>) {
        if self.open_handlers.is_empty() {
            return;
        }
        if let Some((object, "disconnect")) = member_callee(&call.callee) {
            if matches!(
                self.resolve(object),
                Some(Chain {
                    root: Root::ServerSocket(_),
                    ..
                })
            ) {
                self.open_handler().disconnect();
            }
        } else if self.is_verification(call) {
            self.open_handler().verify();
        } else if self.is_token_decode(call) {
            self.open_handler().decode();
        }
    }

    /// `verify(token, secret)`, `jwt.verify(…)`, `verifyToken(…)` given what the client sent.
    fn is_verification(&self, call: &CallExpression<'_>) -> bool {
        called_name(&call.callee).is_some_and(|name| contains_ignoring_case(name, "verify")) && self.given_input(call)
    }

    /// `decode(token)`, `jwt.decode(…)`, `jwtDecode(…)`: the token's claims, unverified.
    fn is_token_decode(&self, call: &CallExpression<'_>) -> bool {
        // Not `decodeURIComponent`.
        let decodes = called_name(&call.callee)
            .is_some_and(|name| contains_ignoring_case(name, "decode") && !contains_ignoring_case(name, "uri"));
        decodes && self.given_input(call)
    }

    fn given_input(&self, call: &CallExpression<'_>) -> bool {
        call.arguments
            .iter()
            .filter_map(Argument::as_expression)
            .any(|arg| self.tainted(arg))
    }

    /// An `await` directly in a `connection` handler, of anything but the verification itself.
    fn note_await(&mut self, argument: &Expression<'_>) {
        let depth = self.frames.len();
        if self.open_handlers.last().is_none_or(|handler| handler.depth != depth) {
            return;
        }
        if !matches!(unwrap(argument), Expression::CallExpression(call) if self.is_verification(call)) {
            self.open_handler().expose(Exposure::Await);
        }
    }

    /// A join, emit or handler registration on a server socket, in a `connection` handler.
    fn note_socket_act(&mut self, span: Span, exposure: Option<Exposure>) {
        if let Some(handler) = self.open_handlers.last_mut() {
            if let Some(exposure) = exposure {
                handler.expose(exposure);
            }
            handler.act(span);
        }
    }

    /// `socket.data.user = …` in a `connection` handler.
    fn note_socket_data(&mut self, target: &AssignmentTarget<'_>, span: Span) {
        if self.open_handlers.is_empty() {
            return;
        }
        let AssignmentTarget::StaticMemberExpression(member) = target else {
            return;
        };
        let Expression::StaticMemberExpression(data) = &member.object else {
            return;
        };
        if data.property.name == "data"
            && matches!(
                self.resolve(&data.object),
                Some(Chain {
                    root: Root::ServerSocket(_),
                    ..
                })
            )
        {
            self.open_handler().set_data(span);
        }
    }

    /// Visits what may be a branch taken when the token did not verify (`error`); `ends` when it
    /// cannot fall through.
    fn visit_token_branch(&mut self, error: bool, ends: bool, visit: impl FnOnce(&mut Self)) {
        if error {
            self.open_handler().enter_branch();
        }
        visit(self);
        if error {
            self.open_handler().leave_branch(ends);
        }
    }

    fn in_token_error_branch(&self) -> bool {
        self.open_handlers.last().is_some_and(OpenHandler::in_error_branch)
    }

    /// `claims.companyId !== companyId`, through `!`, `&&` and `||`.
    fn compares_company(&self, test: &Expression<'_>) -> bool {
        match unwrap(test) {
            Expression::UnaryExpression(e) if e.operator == UnaryOperator::LogicalNot => self.compares_company(&e.argument),
            Expression::LogicalExpression(e) => self.compares_company(&e.left) || self.compares_company(&e.right),
            Expression::BinaryExpression(e) if e.operator.is_equality() => {
                names_company(self.src(e.left.span())) || names_company(self.src(e.right.span()))
            }
            _ => false,
        }
    }

    fn open_handler(&mut self) -> &mut OpenHandler {
        self.open_handlers
            .last_mut()
            .expect("only called inside a connection handler")
    }

    /// A call given both what the client sent and a company id looks the value up for that
    /// company (`ShowTicketService(ticketId, companyId)`): what follows in the function is checked.
    fn note_company_lookup(&mut self, call: &CallExpression<'_>) {
        // Socket.IO's own calls (`socket.join(`company-${id}-${status}`)`) check nothing.
        let socket_io_call = member_callee(&call.callee).is_some_and(|(_, method)| {
            matches!(
                method,
                "join" | "leave" | "to" | "in" | "except" | "emit" | "on" | "once" | "off"
            )
        });
        // Only inside a server socket's event handler is there anything the client sent.
        if socket_io_call || self.scopes.iter().all(|scope| scope.client_input.is_empty()) {
            return;
        }
        let args: Vec<&str> = call
            .arguments
            .iter()
            .filter_map(Argument::as_expression)
            .map(|arg| self.src(arg.span()))
            .collect();
        let client = args.iter().any(|text| self.mentions_client_input(text));
        if client && args.iter().any(|text| names_company(text)) {
            self.frame().company_checked = true;
        }
    }

    /// Whether, when `test` comes out `holds`, what the client sent is one of a fixed set:
    /// `STATUSES.includes(status)` or `status === "open"` when true, `status !== "open"` when
    /// false, through `!`, `&&` and `||`.
    fn restricts_client_input(&self, test: &Expression<'_>, holds: bool) -> bool {
        match unwrap(test) {
            Expression::UnaryExpression(e) if e.operator == UnaryOperator::LogicalNot => {
                self.restricts_client_input(&e.argument, !holds)
            }
            Expression::LogicalExpression(e) => {
                let (left, right) = (
                    self.restricts_client_input(&e.left, holds),
                    self.restricts_client_input(&e.right, holds),
                );
                // `a && b` true, or `a || b` false, holds both sides; otherwise either may.
                match (e.operator == LogicalOperator::And, holds) {
                    (true, true) | (false, false) => left || right,
                    _ => left && right,
                }
            }
            Expression::CallExpression(call) => {
                let includes = member_callee(&call.callee).is_some_and(|(_, method)| method == "includes");
                let arg = call.arguments.first().and_then(Argument::as_expression);
                holds && includes && arg.is_some_and(|arg| self.is_client_input(root_name(self.src(arg.span()))))
            }
            Expression::BinaryExpression(e) => {
                let equal = match e.operator {
                    BinaryOperator::StrictEquality | BinaryOperator::Equality => true,
                    BinaryOperator::StrictInequality | BinaryOperator::Inequality => false,
                    _ => return false,
                };
                let literal =
                    |x: &Expression<'_>| matches!(unwrap(x), Expression::StringLiteral(_) | Expression::NumericLiteral(_));
                // The value itself (`status`, `data.status`), not something computed from it.
                let client = |x: &Expression<'_>| {
                    matches!(unwrap(x), Expression::Identifier(_) | Expression::StaticMemberExpression(_))
                        && self.is_client_input(root_name(self.src(x.span())))
                };
                equal == holds && ((literal(&e.left) && client(&e.right)) || (client(&e.left) && literal(&e.right)))
            }
            _ => false,
        }
    }

    fn is_client_input(&self, name: &str) -> bool {
        self.scopes
            .iter()
            .rev()
            .find(|scope| scope.client_input.contains(name) || scope.declared.contains(name))
            .is_some_and(|scope| scope.client_input.contains(name))
    }

    /// Some identifier of `text` is what the client sent.
    fn mentions_client_input(&self, text: &str) -> bool {
        text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
            .any(|word| !word.is_empty() && self.is_client_input(word))
    }

    fn wrapper_call(&mut self, call: &CallExpression<'_>, wrapper: &Wrapper, name: &str) {
        let arg = |i: Option<usize>| i.and_then(|i| call.arguments.get(i)).and_then(Argument::as_expression);
        self.emits.push(Emit {
            span: call.span,
            callee: name.to_owned(),
            method: EmitMethod::Wrapper,
            reach: Reach::Wrapper,
            namespace: None,
            event: arg(wrapper.event_arg).map(|e| self.str_of(e)),
            payload: arg(wrapper.payload_arg).map(|e| self.payload_of(e)),
            company_arg: arg(wrapper.company_arg).map(|e| self.str_of(e)),
            in_wrapper_definition: self.in_wrapper_definition(),
            rooms: Vec::new(),
            through_helper: false,
        });
    }

    fn emit_call(&mut self, call: &CallExpression<'_>, object: &Expression<'_>, method: &str) {
        let Some(chain) = self.resolve(object) else { return };
        // The generated setup's namespace is known only for its sockets' handlers; its emits were
        // never judged and are left so.
        if matches!(chain.of, Some((_, NamespaceArg::Generated))) {
            return;
        }
        let method = match method {
            "emitWithAck" => EmitMethod::EmitWithAck,
            "serverSideEmit" => EmitMethod::ServerSideEmit,
            _ => EmitMethod::Emit,
        };
        let mut company_arg = None;
        let (reach, namespace) = match &chain.root {
            _ if method == EmitMethod::ServerSideEmit => (Reach::OtherServers, chain.of.as_ref().map(|(_, a)| a.clone())),
            Root::Server => match &chain.of {
                Some((_, NamespaceArg::Name(name))) if name.as_literal().as_deref() == Some("/") => {
                    (default_reach(chain.rooms), None)
                }
                Some((_, arg @ (NamespaceArg::Regex(_) | NamespaceArg::Function))) => (Reach::ParentNamespace, Some(arg.clone())),
                Some((_, arg)) => (Reach::Namespace, Some(arg.clone())),
                None => (default_reach(chain.rooms), None),
            },
            Root::ServerSocket(_) | Root::AnySocket if chain.broadcast || chain.rooms => match ns_of(&chain.root) {
                SocketNs::Default => (Reach::DefaultNamespaceBroadcast, None),
                SocketNs::Named(arg) => (Reach::Namespace, arg),
                SocketNs::Unknown => (Reach::UnknownNamespace, None),
            },
            Root::ServerSocket(SocketNs::Named(arg)) => (Reach::SingleClient, arg.clone()),
            Root::ServerSocket(_) => (Reach::SingleClient, None),
            Root::WrapperOperator(company) => {
                company_arg = company.clone();
                (Reach::Wrapper, None)
            }
            // A client talking to the server, not a broadcast.
            Root::ClientSocket => {
                let mut args: Vec<&Expression<'_>> = call.arguments.iter().filter_map(Argument::as_expression).collect();
                let event = (!args.is_empty()).then(|| self.str_of(args.remove(0)));
                let callback = args.last().is_some_and(|last| shape::params(last, self.text).is_some());
                if callback {
                    args.pop();
                }
                self.client_emits.push(ClientEmit {
                    span: call.span,
                    event,
                    args: args.into_iter().map(shape::of).collect(),
                    ack: callback || method == EmitMethod::EmitWithAck,
                });
                return;
            }
            // Which side it is on is not known: neither a broadcast nor, surely, a client's request.
            Root::AnySocket => return,
        };
        if matches!(chain.root, Root::ServerSocket(_)) {
            self.note_socket_act(call.span, None);
        }
        let mut args = call.arguments.iter().filter_map(Argument::as_expression);
        let event = args.next().map(|e| self.str_of(e));
        let payload = args.next().map(|e| self.payload_of(e));
        self.emits.push(Emit {
            span: call.span,
            callee: format!("{}.{}", chain.text, method_name(method)),
            method,
            reach,
            namespace,
            event,
            payload,
            company_arg,
            in_wrapper_definition: self.in_wrapper_definition(),
            rooms: chain.room_keys,
            through_helper: false,
        });
        self.note_emit_helper();
    }

    /// The rooms of `to(room)` or `to([a, b])`.
    fn room_keys(&self, call: &CallExpression<'_>, out: &mut Vec<RoomKey>) {
        let Some(arg) = call.arguments.first().and_then(Argument::as_expression) else {
            return;
        };
        let mut push = |expr: &Expression<'_>| {
            let key = self.str_of(expr);
            let narrowed = key.dyns().map(Dyn::value_key).filter(|k| self.is_narrowed(k)).collect();
            out.push(RoomKey { key, narrowed });
        };
        match unwrap(arg) {
            Expression::ArrayExpression(array) => array
                .elements
                .iter()
                .filter_map(ArrayExpressionElement::as_expression)
                .for_each(push),
            _ => push(arg),
        }
    }

    /// A test on the way here has shown the value of `key` to be set.
    /// Tests keep their reads as written, and only a room key (rare) compares them as values.
    fn is_narrowed(&self, key: &str) -> bool {
        let same = |read: &&str| {
            let mut value = Dyn::new(read, false);
            value.same_as = self.alias(&value.text).map(str::to_owned);
            value.value_key() == key
        };
        self.narrowed.iter().any(same) || self.frames.iter().any(|f| f.narrowed.iter().any(same))
    }

    /// The values that are set (neither `null`, `undefined` nor otherwise falsy) when `test`
    /// comes out `holds`: `x`, `x && y`, `x != null` when true, `!x`, `x == null`, `x || y`
    /// when false.
    fn set_when(&self, test: &Expression<'_>, holds: bool, out: &mut Vec<&'s str>) {
        match unwrap(test) {
            Expression::UnaryExpression(e) if e.operator == UnaryOperator::LogicalNot => self.set_when(&e.argument, !holds, out),
            Expression::LogicalExpression(e)
                if (e.operator == LogicalOperator::And && holds) || (e.operator == LogicalOperator::Or && !holds) =>
            {
                self.set_when(&e.left, holds, out);
                self.set_when(&e.right, holds, out);
            }
            Expression::BinaryExpression(e) => {
                let null_test = match e.operator {
                    BinaryOperator::Inequality | BinaryOperator::StrictInequality => holds,
                    BinaryOperator::Equality | BinaryOperator::StrictEquality => !holds,
                    _ => return,
                };
                let (value, other) = if is_nullish(&e.right) {
                    (&e.left, &e.right)
                } else {
                    (&e.right, &e.left)
                };
                if null_test && is_nullish(other) {
                    out.extend(self.value_key(value));
                }
            }
            expr if holds => out.extend(self.value_key(expr)),
            _ => {}
        }
    }

    /// A read such as `ticket.queueId`, as written.
    fn value_key(&self, expr: &Expression<'_>) -> Option<&'s str> {
        match unwrap(expr) {
            read @ (Expression::Identifier(_) | Expression::StaticMemberExpression(_) | Expression::ChainExpression(_)) => {
                Some(self.src(read.span()))
            }
            _ => None,
        }
    }

    fn listener_call(&mut self, call: &CallExpression<'_>, object: &Expression<'_>, method: &str) {
        let Some(chain) = self.resolve(object) else { return };
        let first = call.arguments.first().and_then(Argument::as_expression);
        let is_connection = first
            .map(|e| self.str_of(e))
            .and_then(|s| s.as_literal())
            .is_some_and(|name| name == "connection" || name == "connect");
        let server_receiver = chain.root == Root::Server && !chain.rooms && !chain.broadcast;
        if server_receiver && is_connection && matches!(method, "on" | "once") {
            let ns = match &chain.of {
                Some((key, arg)) => {
                    if let Some(site) = self.namespaces.get_mut(key) {
                        site.setup = true;
                    }
                    SocketNs::Named(Some(arg.clone()))
                }
                None => SocketNs::Default,
            };
            if let Some(handler) = call.arguments.get(1).and_then(Argument::as_expression) {
                let socket = Self::chain(Root::ServerSocket(ns), "socket");
                self.pending_params.insert(handler.span().start, Binding::Socket(socket));
                let site = chain.of.as_ref().map(|(key, _)| *key);
                self.pending_connections.insert(handler.span().start, (site, call.span));
            }
            return;
        }
        if chain.rooms || chain.broadcast {
            return;
        }
        if let Root::ServerSocket(ns) = &chain.root {
            if matches!(method, "on" | "once") {
                let event = first.map(|e| self.str_of(e));
                // `socket.on("disconnect", …)` gives the client nothing to call.
                let reserved = event
                    .as_ref()
                    .and_then(Str::as_literal)
                    .is_some_and(|name| SOCKET_RESERVED.contains(&name.as_str()));
                let callback = call.arguments.get(1).and_then(Argument::as_expression);
                self.handlers.push(Handler {
                    span: call.span,
                    event,
                    params: callback.and_then(|f| shape::params(f, self.text)),
                    namespace: ns.public(),
                });
                if let Some(handler) = call.arguments.get(1).and_then(Argument::as_expression) {
                    self.pending_client_handlers.insert(handler.span().start);
                }
                if !reserved {
                    self.note_socket_act(call.span, Some(Exposure::Handler));
                }
            }
            return;
        }
        if chain.root != Root::ClientSocket {
            return;
        }
        let kind = match method {
            "on" => ListenerKind::On,
            "once" => ListenerKind::Once,
            _ => ListenerKind::Off {
                with_handler: call.arguments.len() >= 2,
            },
        };
        let effect = self.frames.iter().rev().find_map(|f| f.effect);
        self.listeners.push((
            Listener {
                span: call.span,
                kind,
                event: first.map(|e| self.str_of(e)),
                effect_cleanup: None,
            },
            effect,
        ));
    }

    // ---- declarations --------------------------------------------------------------------

    fn declare(&mut self, declarator: &VariableDeclarator<'_>) {
        let mut names = Vec::new();
        binding_names(&declarator.id.kind, &mut names);
        // Declared even without a value (`let io;`): a later assignment binds it here, and it hides
        // an outer name of the same spelling.
        let Some(init) = &declarator.init else {
            self.scopes
                .last_mut()
                .expect("the module scope is never popped")
                .declared
                .extend(names);
            return;
        };
        let untrusted = self.tainted(init);
        let aliases = if declarator.kind == VariableDeclarationKind::Const {
            self.aliases_of(&declarator.id.kind, init)
        } else {
            Vec::new()
        };
        let scope = self.scopes.last_mut().expect("the module scope is never popped");
        if untrusted {
            scope.tainted.extend(names.iter().cloned());
        }
        scope.declared.extend(names);
        scope.aliases.extend(aliases);
        let BindingPatternKind::BindingIdentifier(id) = &declarator.id.kind else {
            return;
        };
        let name = id.name.to_string();
        if declarator.kind == VariableDeclarationKind::Const {
            if let Expression::ObjectExpression(object) = unwrap(init) {
                let payload = self.object_payload(object);
                self.scopes
                    .last_mut()
                    .expect("scope")
                    .objects
                    .insert(name.clone(), Arc::new(payload));
            }
            if let Some(value) = self.const_value(init) {
                self.scopes.last_mut().expect("scope").consts.insert(name.clone(), value);
            }
        }
        if let Some(binding) = self.binding_for(&name, init) {
            self.scopes.last_mut().expect("scope").bindings.insert(name, binding);
        }
    }

    /// What a name given `value` is bound to: a Socket.IO chain, certainly not one, or unknown.
    fn binding_for(&mut self, name: &str, value: &Expression<'_>) -> Option<Binding> {
        match self.resolve(value) {
            Some(chain) => Some(Binding::Socket(chain)),
            None if matches!(unwrap(value), Expression::NewExpression(_)) => Some(Binding::NotSocket),
            None if is_socket_name(name) || name == "io" => {
                // A client factory call we do not know by name, e.g. `io(url)` via require.
                match unwrap(value) {
                    Expression::CallExpression(call) if is_client_factory_call(call, &self.client_factories) => {
                        Some(Binding::Socket(Self::chain(Root::ClientSocket, name)))
                    }
                    // `const io = getClientSocket()` outside a server file: whatever the call
                    // returns, it is this side's socket, not the server the free name `io` means.
                    Expression::CallExpression(_) if name == "io" && self.side != Side::Server => {
                        Some(Binding::Socket(Self::chain(self.socket_by_name(), name)))
                    }
                    _ => None,
                }
            }
            None => None,
        }
    }

    /// `ns = io.of(re)` after `let ns;`, `this.ns = io.of(re)`: the same binding a declaration makes.
    fn assign(&mut self, target: &AssignmentTarget<'_>, value: &Expression<'_>) {
        match target {
            AssignmentTarget::AssignmentTargetIdentifier(id) => {
                let name = id.name.to_string();
                let untrusted = self.tainted(value);
                let binding = self.binding_for(&name, value);
                let scope = match self.scopes.iter().rposition(|scope| scope.declared.contains(&name)) {
                    Some(i) => &mut self.scopes[i],
                    None => self.scopes.last_mut().expect("the module scope is never popped"),
                };
                if untrusted {
                    scope.tainted.insert(name.clone());
                }
                if let Some(binding) = binding {
                    scope.bindings.insert(name, binding);
                }
            }
            AssignmentTarget::StaticMemberExpression(member) if matches!(member.object, Expression::ThisExpression(_)) => {
                let name = member.property.name.to_string();
                if let Some(binding) = self.binding_for(&name, value) {
                    self.members.insert(name, binding);
                }
            }
            _ => {}
        }
    }

    fn enter_function(&mut self, span: Span, own_name: Option<String>) {
        self.scopes.push(Scope::default());
        let name = self.pending_names.remove(&span.start).or(own_name);
        let effect = self.pending_effects.remove(&span.start).then(|| {
            self.effects.push(false);
            self.effects.len() - 1
        });
        self.frames.push(Frame {
            name,
            effect,
            ..Frame::default()
        });
        if let Some((site, call)) = self.pending_connections.remove(&span.start) {
            self.open_handlers.push(OpenHandler::new(self.frames.len(), site, call));
        }
    }

    fn bind_first_param(&mut self, span: Span, params: &FormalParameters<'_>) {
        self.frame().params = params
            .items
            .iter()
            .map(|p| match &p.pattern.kind {
                BindingPatternKind::BindingIdentifier(id) => id.name.to_string(),
                _ => String::new(),
            })
            .collect();
        if self.pending_client_handlers.remove(&span.start) {
            let mut names = Vec::new();
            for param in &params.items {
                binding_names(&param.pattern.kind, &mut names);
            }
            self.scopes.last_mut().expect("scope").client_input.extend(names);
        }
        if let Some(binding) = self.pending_params.remove(&span.start) {
            if let Some(BindingPatternKind::BindingIdentifier(id)) = params.items.first().map(|p| &p.pattern.kind) {
                self.scopes
                    .last_mut()
                    .expect("scope")
                    .bindings
                    .insert(id.name.to_string(), binding);
            }
        }
    }

    fn leave_function(&mut self) {
        if self
            .open_handlers
            .last()
            .is_some_and(|handler| handler.depth == self.frames.len())
        {
            let handler = self.open_handlers.pop().expect("just seen");
            self.closed_handlers.push(handler);
        }
        self.scopes.pop();
        self.frames.pop();
    }

    /// Visits with `set` known to be set, then forgets it.
    fn with_narrowed(&mut self, set: Vec<&'s str>, visit: impl FnOnce(&mut Self)) {
        let depth = self.narrowed.len();
        self.narrowed.extend(set);
        visit(self);
        self.narrowed.truncate(depth);
    }

    fn frame(&mut self) -> &mut Frame<'s> {
        self.frames.last_mut().expect("the module frame is never popped")
    }

    fn current_effect(&self) -> Option<usize> {
        self.frames.last().and_then(|f| f.effect)
    }
}

impl<'a> Visit<'a> for Scanner<'_> {
    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        self.on_call(it);
        walk::walk_call_expression(self, it);
    }

    /// Tracks company checks on the way to a join: the consequent of an `if` whose test names a
    /// company id is checked, and so is what follows a guard clause (`if (…) return;`) of that kind.
    fn visit_if_statement(&mut self, it: &IfStatement<'a>) {
        let company_test = names_company(self.src(it.test.span()));
        let inside = company_test || self.restricts_client_input(&it.test, true);
        let after = ends_flow(&it.consequent) && (company_test || self.restricts_client_input(&it.test, false));
        let token_error = self.in_token_error_branch();
        self.visit_expression(&it.test);
        if token_error && self.compares_company(&it.test) {
            self.open_handler().compare_company();
        }
        if inside {
            self.frame().company_ifs += 1;
        }
        let (mut set, mut unset) = (Vec::new(), Vec::new());
        self.set_when(&it.test, true, &mut set);
        self.set_when(&it.test, false, &mut unset);
        self.with_narrowed(set, |scanner| {
            scanner.visit_token_branch(token_error, ends_flow(&it.consequent), |s| s.visit_statement(&it.consequent))
        });
        if inside {
            self.frame().company_ifs -= 1;
        }
        self.frame().company_checked |= after;
        if ends_flow(&it.consequent) {
            self.frame().narrowed.extend(unset.iter().cloned());
        }
        if let Some(alternate) = &it.alternate {
            self.with_narrowed(unset, |scanner| {
                scanner.visit_token_branch(token_error, ends_flow(alternate), |s| s.visit_statement(alternate))
            });
        }
    }

    fn visit_conditional_expression(&mut self, it: &ConditionalExpression<'a>) {
        self.visit_expression(&it.test);
        let (mut set, mut unset) = (Vec::new(), Vec::new());
        self.set_when(&it.test, true, &mut set);
        self.set_when(&it.test, false, &mut unset);
        self.with_narrowed(set, |scanner| scanner.visit_expression(&it.consequent));
        self.with_narrowed(unset, |scanner| scanner.visit_expression(&it.alternate));
    }

    /// `x && io.to(`queue-${x}`)…`: the right side runs only when the left holds.
    fn visit_logical_expression(&mut self, it: &LogicalExpression<'a>) {
        self.visit_expression(&it.left);
        let mut set = Vec::new();
        self.set_when(&it.left, it.operator != LogicalOperator::Or, &mut set);
        if it.operator == LogicalOperator::Coalesce {
            set.clear();
        }
        self.with_narrowed(set, |scanner| scanner.visit_expression(&it.right));
    }

    /// A `catch` of a `try` that verified the token is a branch taken when it did not verify.
    fn visit_try_statement(&mut self, it: &TryStatement<'a>) {
        let before = self.open_handlers.last().map(OpenHandler::verifications);
        self.visit_block_statement(&it.block);
        let verifies = before.is_some_and(|n| self.open_handlers.last().is_some_and(|h| h.verifications() > n));
        if let Some(handler) = &it.handler {
            let ends = handler.body.body.last().is_some_and(ends_flow);
            self.visit_token_branch(verifies, ends, |s| s.visit_catch_clause(handler));
        }
        if let Some(finalizer) = &it.finalizer {
            self.visit_block_statement(finalizer);
        }
    }

    fn visit_await_expression(&mut self, it: &AwaitExpression<'a>) {
        self.note_await(&it.argument);
        walk::walk_await_expression(self, it);
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        if let (BindingPatternKind::BindingIdentifier(id), Some(init)) = (&it.id.kind, &it.init) {
            if matches!(
                init,
                Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_)
            ) {
                self.pending_names.insert(init.span().start, id.name.to_string());
            }
        }
        // The initializer first: `const ns = io.of(x)` registers the site before the binding.
        walk::walk_variable_declarator(self, it);
        self.declare(it);
    }

    fn visit_assignment_expression(&mut self, it: &AssignmentExpression<'a>) {
        self.note_socket_data(&it.left, it.span);
        walk::walk_assignment_expression(self, it);
        if it.operator == AssignmentOperator::Assign {
            self.assign(&it.left, &it.right);
        }
    }

    /// `private workspaces = this.io.of(re);`
    fn visit_property_definition(&mut self, it: &PropertyDefinition<'a>) {
        walk::walk_property_definition(self, it);
        if let (false, Some(name), Some(value)) = (it.r#static, it.key.static_name(), &it.value) {
            if let Some(binding) = self.binding_for(&name, value) {
                self.members.insert(name.to_string(), binding);
            }
        }
    }

    fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
        self.enter_function(it.span, it.id.as_ref().map(|id| id.name.to_string()));
        self.bind_first_param(it.span, &it.params);
        walk::walk_function(self, it, flags);
        self.leave_function();
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        self.enter_function(it.span, None);
        self.bind_first_param(it.span, &it.params);
        if let Some(effect) = self.current_effect() {
            if it.expression {
                let returns_function = matches!(
                    it.body.statements.first(),
                    Some(Statement::ExpressionStatement(s))
                        if matches!(s.expression, Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_))
                );
                self.effects[effect] |= returns_function;
            }
        }
        walk::walk_arrow_function_expression(self, it);
        if let (true, Some(Statement::ExpressionStatement(body))) = (it.expression, it.body.statements.first()) {
            self.note_helper(&body.expression);
        }
        self.leave_function();
    }

    fn visit_method_definition(&mut self, it: &MethodDefinition<'a>) {
        if let Some(name) = it.key.static_name() {
            self.pending_names.insert(it.value.span.start, name.to_string());
        }
        walk::walk_method_definition(self, it);
    }

    fn visit_object_property(&mut self, it: &ObjectProperty<'a>) {
        if let (Some(name), Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_)) =
            (it.key.static_name(), &it.value)
        {
            self.pending_names.insert(it.value.span().start, name.to_string());
        }
        walk::walk_object_property(self, it);
    }

    fn visit_return_statement(&mut self, it: &ReturnStatement<'a>) {
        if let (Some(effect), Some(_)) = (self.current_effect(), &it.argument) {
            self.effects[effect] = true;
        }
        walk::walk_return_statement(self, it);
        if let Some(returned) = &it.argument {
            self.note_helper(returned);
        }
    }
}

fn default_reach(rooms: bool) -> Reach {
    if rooms {
        Reach::DefaultNamespaceRooms
    } else {
        Reach::DefaultNamespace
    }
}

impl SocketNs {
    fn public(&self) -> SocketNamespace {
        match self {
            SocketNs::Default => SocketNamespace::Default,
            SocketNs::Named(Some(arg)) => SocketNamespace::Of(arg.clone()),
            SocketNs::Named(None) | SocketNs::Unknown => SocketNamespace::Unknown,
        }
    }
}

fn ns_of(root: &Root) -> SocketNs {
    match root {
        Root::ServerSocket(ns) => ns.clone(),
        _ => SocketNs::Unknown,
    }
}

fn method_name(method: EmitMethod) -> &'static str {
    match method {
        EmitMethod::Emit | EmitMethod::Wrapper => "emit",
        EmitMethod::EmitWithAck => "emitWithAck",
        EmitMethod::ServerSideEmit => "serverSideEmit",
    }
}

/// `req.body`, `request.query`, `ctx.request.params`, `socket.handshake.query`.
fn is_request_input(member: &StaticMemberExpression<'_>) -> bool {
    let property = member.property.name.as_str();
    let handshake = matches!(&member.object, Expression::StaticMemberExpression(owner) if owner.property.name == "handshake");
    (REQUEST_INPUT.contains(&property) && is_request_object(&member.object)) || (HANDSHAKE_INPUT.contains(&property) && handshake)
}

/// `req`, `request`, `ctx.req`, `this.request`.
fn is_request_object(expr: &Expression<'_>) -> bool {
    let name = match expr {
        Expression::Identifier(id) => id.name.as_str(),
        Expression::StaticMemberExpression(m) => m.property.name.as_str(),
        _ => return false,
    };
    matches!(name, "req" | "request")
}

/// `setupCompanyNamespaces(io, options)`, also through a namespace import (`Socket.setupCompanyNamespaces`).
fn is_generated_setup(callee: &str) -> bool {
    callee.rsplit('.').next() == Some("setupCompanyNamespaces")
}

/// `socket`, `clientSocket`, `companySocket`, `socketRef`.
fn is_socket_name(name: &str) -> bool {
    name == "socket" || name.ends_with("Socket") || name == "socketRef" || name == "sock"
}

fn is_client_factory_call(call: &CallExpression<'_>, factories: &HashSet<String>) -> bool {
    matches!(&call.callee, Expression::Identifier(id) if factories.contains(id.name.as_str()) || CLIENT_FACTORIES.contains(&id.name.as_str()))
}

fn unwrap<'e, 'a>(expr: &'e Expression<'a>) -> &'e Expression<'a> {
    match expr {
        Expression::ParenthesizedExpression(p) => unwrap(&p.expression),
        Expression::TSAsExpression(e) => unwrap(&e.expression),
        Expression::TSNonNullExpression(e) => unwrap(&e.expression),
        Expression::AwaitExpression(e) => unwrap(&e.argument),
        _ => expr,
    }
}

/// `receiver.method(...)`, `receiver?.method(...)`.
fn member_callee<'e, 'a>(callee: &'e Expression<'a>) -> Option<(&'e Expression<'a>, &'e str)> {
    match callee {
        Expression::StaticMemberExpression(m) => Some((&m.object, m.property.name.as_str())),
        Expression::ParenthesizedExpression(p) => member_callee(&p.expression),
        _ => None,
    }
}

/// The name a call's callee ends with: `verify` of `jwt.verify`.
fn called_name<'e>(callee: &'e Expression<'_>) -> Option<&'e str> {
    match callee {
        Expression::Identifier(id) => Some(id.name.as_str()),
        _ => member_callee(callee).map(|(_, name)| name),
    }
}

fn contains_ignoring_case(text: &str, needle: &str) -> bool {
    text.as_bytes()
        .windows(needle.len())
        .any(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

/// `name`, `a.b.name`, `this.name` — callees made of at most [`MAX_CALLEE_SEGMENTS`] identifiers.
fn callee_path(callee: &Expression<'_>) -> Option<String> {
    let mut segments = Vec::new();
    let mut at = callee;
    while segments.len() < MAX_CALLEE_SEGMENTS {
        match at {
            Expression::Identifier(id) => segments.push(id.name.as_str()),
            Expression::ThisExpression(_) => segments.push("this"),
            Expression::StaticMemberExpression(m) => {
                segments.push(m.property.name.as_str());
                at = &m.object;
                continue;
            }
            _ => return None,
        }
        segments.reverse();
        return Some(segments.join("."));
    }
    None
}

/// `String(x)`, `x.toString()`, `Number(x)`: the same value for naming purposes.
fn same_value_argument<'e, 'a>(call: &'e CallExpression<'a>) -> Option<&'e Expression<'a>> {
    match &call.callee {
        Expression::Identifier(id) if matches!(id.name.as_str(), "String" | "Number" | "parseInt") => {
            call.arguments.first().and_then(Argument::as_expression)
        }
        Expression::StaticMemberExpression(m) if m.property.name == "toString" && call.arguments.is_empty() => Some(&m.object),
        _ => None,
    }
}

/// The name an expression's text starts from: `ticket` of `ticket.id`, `data` of `data?.x`.
fn root_name(text: &str) -> &str {
    text.split(['.', '?', '[', '!', '(']).next().unwrap_or(text)
}

/// The text names a company or tenant id.
fn names_company(text: &str) -> bool {
    crate::audit::project::TENANT_NAMES.iter().any(|name| text.contains(name))
}

/// The statement cannot fall through: it returns or throws (last, in a block).
/// The path of a URL, which socket.io-client takes for the namespace: `/workspace-${companyId}`
/// of `` `${process.env.REACT_APP_BACKEND_URL}/workspace-${companyId}` `` or of
/// `"http://localhost:8080/workspace-1"`, `/` of a bare host.
fn url_path(url: &Str) -> Str {
    let mut path = Str::default();
    let mut started = false;
    // A value before any text stands for the scheme and host.
    let mut host_seen = false;
    for part in &url.parts {
        match part {
            _ if started => path.append(Str {
                parts: vec![part.clone()],
            }),
            Part::Dyn(_) => host_seen = true,
            Part::Lit(text) => {
                let (offset, rest) = match text.find("://") {
                    Some(at) if !host_seen => (at + 3, &text[at + 3..]),
                    _ => (0, text.as_str()),
                };
                let written_host = offset > 0;
                let slash = match (host_seen || written_host, rest.find('/')) {
                    (true, Some(at)) => Some(offset + at),
                    (false, Some(0)) => Some(0),
                    _ => None,
                };
                host_seen = true;
                if let Some(at) = slash {
                    path.push_lit(text[at..].split(['?', '#']).next().unwrap_or_default());
                    started = true;
                }
            }
        }
    }
    if started {
        path
    } else {
        Str::lit("/")
    }
}

/// A call's arguments, `None` for a spread.
fn arguments<'e, 'a>(call: &'e CallExpression<'a>) -> Vec<Option<&'e Expression<'a>>> {
    call.arguments.iter().map(Argument::as_expression).collect()
}

/// `null` or `undefined`.
fn is_nullish(expr: &Expression<'_>) -> bool {
    match unwrap(expr) {
        Expression::NullLiteral(_) => true,
        Expression::Identifier(id) => id.name == "undefined",
        _ => false,
    }
}

fn ends_flow(statement: &Statement<'_>) -> bool {
    match statement {
        Statement::ReturnStatement(_) | Statement::ThrowStatement(_) => true,
        Statement::BlockStatement(block) => block.body.last().is_some_and(ends_flow),
        _ => false,
    }
}

fn binding_names(kind: &BindingPatternKind<'_>, names: &mut Vec<String>) {
    match kind {
        BindingPatternKind::BindingIdentifier(id) => names.push(id.name.to_string()),
        BindingPatternKind::ObjectPattern(object) => {
            for property in &object.properties {
                binding_names(&property.value.kind, names);
            }
            if let Some(rest) = &object.rest {
                binding_names(&rest.argument.kind, names);
            }
        }
        BindingPatternKind::ArrayPattern(array) => {
            for element in array.elements.iter().flatten() {
                binding_names(&element.kind, names);
            }
        }
        BindingPatternKind::AssignmentPattern(assign) => binding_names(&assign.left.kind, names),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_connects_to_its_urls_path() {
        let connections = |source: &str| scan(Path::new("x.js"), source, &[]).connections;
        let text = |list: Vec<Str>| list.iter().map(ToString::to_string).collect::<Vec<_>>();
        let client = "import openSocket from \"socket.io-client\";\n";
        assert_eq!(
            text(connections(&format!(
                "{client}openSocket(`${{process.env.URL}}/workspace-${{companyId}}`);"
            ))),
            ["/workspace-${companyId}"]
        );
        assert_eq!(
            text(connections(&format!(
                "{client}openSocket(\"http://localhost:8080/workspace-1?x=1\");"
            ))),
            ["/workspace-1"]
        );
        assert_eq!(
            text(connections(&format!("{client}openSocket(getBackendUrl(), {{}});"))),
            ["/"]
        );
        assert_eq!(text(connections(&format!("{client}openSocket(\"/5\");"))), ["/5"]);
        assert!(connections("import { Server } from \"socket.io\";\nnew Server().of(\"/x\");").is_empty());
    }

    fn facts(source: &str) -> FileFacts {
        scan(Path::new("x.ts"), source, &[])
    }

    fn events(source: &str) -> Vec<(String, Reach)> {
        facts(source)
            .emits
            .iter()
            .map(|e| (e.event.as_ref().map(|s| s.to_string()).unwrap_or_default(), e.reach))
            .collect()
    }

    #[test]
    fn follows_a_chain_split_over_lines_with_commented_out_links() {
        let source = "const io = getIO();\nio.of(`/workspace-${companyId}`)\n  // .to(\"old\")\n  .to(room)\n  /* .volatile */\n  .emit(`company-${companyId}-ticket`, {});";
        assert_eq!(
            events(source),
            vec![("company-${companyId}-ticket".to_owned(), Reach::Namespace)]
        );
    }

    #[test]
    fn event_emitters_are_not_sockets() {
        let source = "const emitter = new EventEmitter();\nemitter.emit(\"ticket\", {});\nthis.emit(\"x\");\nprocess.emit(\"y\");\nconst io = new EventEmitter();\nio.emit(\"z\");";
        assert!(facts(source).emits.is_empty());
    }

    #[test]
    fn client_emits_are_collected_apart_from_broadcasts() {
        let source = "import openSocket from \"socket.io-client\";\nconst socket = openSocket(url);\nsocket.emit(\"joinChatBox\", ticketId);";
        let found = facts(source);
        assert!(found.emits.is_empty());
        let sent: Vec<String> = found
            .client_emits
            .iter()
            .map(|e| e.event.as_ref().unwrap().to_string())
            .collect();
        assert_eq!(sent, ["joinChatBox"]);
    }

    #[test]
    fn a_socket_of_unknown_side_sends_nothing_we_judge() {
        assert!(facts("socket.emit(\"joinChatBox\", ticketId);").client_emits.is_empty());
    }

    #[test]
    fn server_handlers_know_their_socket_s_namespace() {
        let source = "io.on(\"connection\", s => s.on(\"a\", h));\nio.of(/^\\/workspace-\\d+$/).on(\"connection\", s => s.once(\"b\", h));\nsetupCompanyNamespaces(io, o).on(\"connection\", s => s.on(\"c\", h));\nio.on(\"connection\", s => s.off(\"d\", h));";
        let namespaces: Vec<(String, SocketNamespace)> = facts(source)
            .handlers
            .into_iter()
            .map(|h| (h.event.unwrap().to_string(), h.namespace))
            .collect();
        assert_eq!(
            namespaces,
            [
                ("a".to_owned(), SocketNamespace::Default),
                (
                    "b".to_owned(),
                    SocketNamespace::Of(NamespaceArg::Regex("/^\\/workspace-\\d+$/".to_owned()))
                ),
                ("c".to_owned(), SocketNamespace::Of(NamespaceArg::Generated)),
            ]
        );
    }

    #[test]
    fn the_generated_setup_s_namespace_is_no_site_and_its_emits_are_left_alone() {
        let found = facts("const parent = setupCompanyNamespaces(io, o);\nparent.emit(\"x\");\nparent.to(room).emit(\"y\");");
        assert!(found.emits.is_empty() && found.namespaces.is_empty());
    }

    #[test]
    fn a_generated_header_marks_the_file() {
        assert!(facts("// @generated by chatia-socket from a.yaml. Do not edit by hand.\nio.emit(\"x\");").generated);
        assert!(!facts("io.emit(\"x\");").generated);
    }

    #[test]
    fn const_names_resolve_within_the_file() {
        let source = "const EVENTS = { TICKET: \"company-1-ticket\" };\nfunction f() { getIO().emit(EVENTS.TICKET, {}); }";
        assert_eq!(events(source), vec![("company-1-ticket".to_owned(), Reach::DefaultNamespace)]);
    }

    #[test]
    fn connection_handler_socket_knows_its_namespace() {
        let source =
            "io.on(\"connection\", (socket) => { socket.broadcast.emit(\"x\"); socket.on(\"joinChatBox\", () => {}); });";
        let found = facts(source);
        assert_eq!(found.emits[0].reach, Reach::DefaultNamespaceBroadcast);
        assert!(found.listeners.is_empty());
        assert_eq!(found.handlers[0].namespace, SocketNamespace::Default);
    }

    #[test]
    fn namespace_use_through_a_binding_guards_it() {
        let source =
            "const workspaces = io.of(/^\\/workspace-\\d+$/);\nworkspaces.use(auth);\nworkspaces.on(\"connection\", s => {});";
        let found = facts(source);
        assert_eq!(found.namespaces.len(), 1);
        assert!(found.namespaces[0].setup && found.namespaces[0].guarded);
    }

    #[test]
    fn request_input_taints_the_company() {
        let source = "function h(req) { const { companyId } = req.body; getIO().of(`/workspace-${companyId}`).emit(\"e\"); }";
        let emit = &facts(source).emits[0];
        let Some(NamespaceArg::Name(ns)) = &emit.namespace else {
            panic!("namespace")
        };
        assert!(ns.dyns().all(|d| d.untrusted));
    }

    #[test]
    fn a_trusted_inner_declaration_hides_a_tainted_outer_one() {
        let source = "const { companyId } = req.body;\nfunction h(req) { const { companyId } = req.user; getIO().of(`/workspace-${companyId}`).emit(\"e\"); }";
        let emit = &facts(source).emits[0];
        let Some(NamespaceArg::Name(ns)) = &emit.namespace else {
            panic!("namespace")
        };
        assert!(ns.dyns().all(|d| !d.untrusted));
    }

    #[test]
    fn connection_handlers_that_verify_the_token_record_when_and_what_their_error_branches_keep() {
        let source = "io.of(/^\\/\\d+$/).on(\"connection\", async (socket) => {\n  await Company.findByPk(1);\n  const { token } = socket.handshake.query;\n  try { verify(String(token), secret); } catch (err) {\n    if (err instanceof TokenExpiredError) { const stale = decode(String(token)); socket.join(\"notification\"); return; }\n    socket.disconnect(true);\n  }\n});\nio.on(\"connection\", (socket) => { verify(socket.handshake.auth.token, secret); socket.join(\"x\"); });\nio.use(auth);\nio.of(/^\\/w-\\d+$/).on(\"connection\", async (socket) => { await load(socket.handshake.query.userId); });";
        let found = facts(source);
        let auths: Vec<(usize, Option<Exposure>, bool, usize)> = found
            .handler_auths
            .iter()
            .map(|auth| {
                let line = source[..auth.span.start as usize].matches('\n').count() + 1;
                (line, auth.late, auth.guarded, auth.unverified_acts.len())
            })
            .collect();
        assert_eq!(auths, [(1, Some(Exposure::Await), false, 1), (9, None, true, 0)]);
    }

    #[test]
    fn syntax_errors_become_data() {
        assert!(facts("io.emit(").parse_error.is_some());
    }
}
