//! The client-event part of the server file: typed handlers, the ownership check's request, and
//! the validators generated from the catalog's types. Validators are plain functions, one per
//! type expression the arguments reach; their names are handed out here, before rendering, so
//! every reference agrees and none meets another.

use std::collections::{BTreeSet, HashMap};

use crate::catalog::model::TypeExpr;
use crate::catalog::names::{doc_lines, js_string, ts_object_key, Namer};
use crate::protocol::{ClientEvent, FieldDecl, Protocol, RoomActionKind, TypeKind};

/// What `ts/client_events.ts` renders.
pub(super) struct ClientEventsView {
    pub events: Vec<EventView>,
    /// The events with a handler of the application, in catalog order.
    pub handlers: Vec<HandlerView>,
    /// The events whose ownership check runs: the variants of `AuthorizeRequest`.
    pub authorized: Vec<AuthorizedView>,
    pub checkers: Vec<CheckerView>,
    pub uses: Uses,
    /// Catalog types the file names (handler parameters, replies, validators).
    pub type_names: BTreeSet<String>,
}

pub(super) struct EventView {
    /// Position in the spec table; each socket keeps its rate-limit windows by it.
    pub index: usize,
    /// The event name as a string literal.
    pub literal: String,
    /// The event as a key of the objects keyed by event (`clientRateLimits`).
    pub key: String,
    pub params: Vec<ParamView>,
    /// Arguments a client must send; the rest are optional.
    pub required: usize,
    /// `"none"`, `"optional"` or `"required"`: the catalog's acknowledgement.
    pub ack: &'static str,
    /// A successful reply carries the handler's result as `data`.
    pub reply_data: bool,
    pub max_bytes: u64,
    pub rate_events: u64,
    pub rate_window: u64,
    pub authorize: bool,
    /// The parameters of `serve`: `client, args`, or `client` when the arguments are not used.
    pub serve_params: &'static str,
    /// What serving a valid, allowed event does, as an expression of `client` and `args`.
    pub serve: String,
}

pub(super) struct ParamView {
    pub name: String,
    /// The catalog's type expression, for refusal details.
    pub type_text: String,
    pub nullable: bool,
    pub check: String,
}

pub(super) struct HandlerView {
    pub member: String,
    pub doc: Vec<String>,
    /// `ctx: ClientEventContext, ticketId: number`.
    pub params: String,
    /// `ReadReceipt | Promise<ReadReceipt>`.
    pub returns: String,
}

pub(super) struct AuthorizedView {
    pub literal: String,
    /// `[ticketId: number]`.
    pub args: String,
}

pub(super) struct CheckerView {
    pub name: String,
    /// The TypeScript type the function proves: `Typing`, `number[]`.
    pub ty: String,
    /// The catalog's spelling, for its doc comment.
    pub type_text: String,
    pub body: CheckerBody,
}

pub(super) enum CheckerBody {
    /// String literals of the enum's values.
    Enum(Vec<String>),
    /// The set of keys (its constant's name and the keys as literals) and one check per field.
    Dto {
        keys_const: String,
        keys: Vec<String>,
        fields: Vec<String>,
    },
    /// The element's checker.
    Array(String),
    /// The value's checker.
    Map(String),
}

/// Which shared helpers the file needs: under `noUnusedLocals` an unused one fails to compile.
#[derive(Default)]
pub(super) struct Uses {
    pub integer: bool,
    pub number: bool,
    pub string: bool,
    pub boolean: bool,
    pub datetime: bool,
    pub object: bool,
    pub array: bool,
    pub map: bool,
    pub optional: bool,
    pub nullable: bool,
    pub optional_nullable: bool,
    pub own: bool,
}

impl Uses {
    /// Objects and maps both start with the plain-object check.
    pub fn plain_object(&self) -> bool {
        self.object || self.map
    }
}

pub(super) fn view(protocol: &Protocol) -> ClientEventsView {
    let mut checkers = Checkers::new(protocol);
    let events = protocol
        .client_events
        .iter()
        .enumerate()
        .map(|(index, event)| event_view(protocol, &mut checkers, index, event))
        .collect();
    let handlers = protocol
        .client_events
        .iter()
        .filter(|e| e.has_handler())
        .map(|event| handler_view(protocol, event))
        .collect();
    let authorized = protocol
        .client_events
        .iter()
        .filter(|e| e.authorize)
        .map(|event| AuthorizedView {
            literal: js_string(&event.name),
            args: format!("[{}]", protocol.ts_client_params(event).join(", ")),
        })
        .collect();
    let mut type_names = checkers.named.clone();
    for event in &protocol.client_events {
        let in_signature = event
            .args
            .iter()
            .map(|a| &a.ty)
            .chain(event.ack.iter().filter_map(|a| a.ty.as_ref()));
        type_names.extend(
            in_signature
                .filter_map(|ty| ty.named())
                .filter_map(|name| protocol.type_decl(name))
                .map(|d| d.ts_name.clone()),
        );
    }
    ClientEventsView {
        events,
        handlers,
        authorized,
        checkers: checkers.views,
        uses: checkers.uses,
        type_names,
    }
}

fn event_view(protocol: &Protocol, checkers: &mut Checkers, index: usize, event: &ClientEvent) -> EventView {
    let params = event
        .args
        .iter()
        .map(|arg| ParamView {
            name: js_string(&arg.name),
            type_text: js_string(&arg.ty.to_string()),
            nullable: arg.nullable,
            check: checkers.check(&arg.ty),
        })
        .collect();
    let serve = serve_expression(protocol, event);
    let uses_args = event.room.as_ref().is_none_or(|action| !action.params.is_empty());
    let ack = match &event.ack {
        None => "none",
        Some(ack) if ack.required => "required",
        Some(_) => "optional",
    };
    EventView {
        index,
        literal: js_string(&event.name),
        key: event.ts.key.clone(),
        params,
        required: event.args.iter().take_while(|a| !a.optional).count(),
        ack,
        reply_data: event.ack.as_ref().is_some_and(|a| a.ty.is_some()),
        max_bytes: event.max_bytes,
        rate_events: event.rate_limit.events,
        rate_window: event.rate_limit.window_seconds,
        authorize: event.authorize,
        serve_params: if uses_args { "client, args" } else { "client" },
        serve,
    }
}

/// `client.join(roomName({ room: "ticket", ticketId: args[0] }))`, or the handler's call.
fn serve_expression(protocol: &Protocol, event: &ClientEvent) -> String {
    let Some(action) = &event.room else {
        return format!("client.handlers.{}(client.context, ...args)", event.ts.member);
    };
    let mut target = vec![format!("room: {}", js_string(&action.room))];
    target.extend(
        action
            .params
            .iter()
            .map(|(param, index)| format!("{}: args[{index}]", ts_object_key(param))),
    );
    let method = match action.kind {
        RoomActionKind::Join => "join",
        RoomActionKind::Leave => "leave",
    };
    debug_assert!(protocol.room(&action.room).is_some(), "resolved rooms exist");
    format!("client.{method}(roomName({{ {} }}))", target.join(", "))
}

fn handler_view(protocol: &Protocol, event: &ClientEvent) -> HandlerView {
    let mut params = vec!["ctx: ClientEventContext".to_owned()];
    params.extend(protocol.ts_client_params(event));
    // What the handler returns is the reply's data.
    let data = event.ack.as_ref().and_then(|ack| ack.ty.as_ref());
    let data = data.map_or_else(|| "void".to_owned(), |ty| protocol.ts_type(ty));
    let mut doc = doc_lines(event.description.as_deref());
    if event.ts.member != event.name {
        if !doc.is_empty() {
            doc.push(String::new());
        }
        doc.push(format!("Serves `{}`.", event.name.replace('`', "'")));
    }
    HandlerView {
        member: event.ts.member.clone(),
        doc,
        params: params.join(", "),
        returns: format!("{data} | Promise<{data}>"),
    }
}

/// The helpers of the template, which no generated name may take.
const HELPERS: &[&str] = &[
    "__chatiaIsInteger",
    "__chatiaIsNumber",
    "__chatiaIsString",
    "__chatiaIsBoolean",
    "__chatiaIsDateTime",
    "__chatiaIsPlainObject",
    "__chatiaIsObjectWithOnly",
    "__chatiaIsArrayOf",
    "__chatiaIsMapOf",
    "__chatiaOptional",
    "__chatiaNullable",
    "__chatiaOptionalNullable",
    "__chatiaOwn",
    "__chatiaIsOneOf",
    "__chatiaIsMap",
    "__chatiaIsPromiseLike",
];

/// Properties every plain object inherits: reading one of them from a client's object needs an
/// own-property check, or an absent field would read as the inherited value.
const INHERITED: &[&str] = &[
    "__defineGetter__",
    "__defineSetter__",
    "__lookupGetter__",
    "__lookupSetter__",
    "__proto__",
    "constructor",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toLocaleString",
    "toString",
    "valueOf",
];

/// Hands out one validator per type expression, in the order the events reach them.
struct Checkers<'p> {
    protocol: &'p Protocol,
    /// Type expression (as the catalog writes it) → its validator's name.
    names: HashMap<String, String>,
    /// The names of the file's validators and their key sets, clear of its shared helpers.
    namer: Namer,
    views: Vec<CheckerView>,
    uses: Uses,
    /// TypeScript names of the catalog types that have a validator.
    named: BTreeSet<String>,
}

impl<'p> Checkers<'p> {
    fn new(protocol: &'p Protocol) -> Self {
        Checkers {
            protocol,
            names: HashMap::new(),
            namer: Namer::with_reserved(HELPERS.iter().copied()),
            views: Vec::new(),
            uses: Uses::default(),
            named: BTreeSet::new(),
        }
    }

    /// The validator of `ty`, generating it (and those it calls) the first time.
    fn check(&mut self, ty: &TypeExpr) -> String {
        if let Some(primitive) = self.primitive(ty) {
            return primitive.to_owned();
        }
        let text = ty.to_string();
        if let Some(name) = self.names.get(&text) {
            return name.clone();
        }
        let name = self.namer.claim(format!("__chatiaIs{}", base_name(self.protocol, ty)));
        // Registered before its body is built: a DTO may reach itself (`Record.lookup: map<Record[]>`).
        self.names.insert(text.clone(), name.clone());
        let slot = self.views.len();
        self.views.push(CheckerView {
            name: name.clone(),
            ty: self.protocol.ts_type(ty),
            type_text: text,
            body: CheckerBody::Array(String::new()),
        });
        let body = self.body(ty, &name);
        self.views[slot].body = body;
        name
    }

    fn primitive(&mut self, ty: &TypeExpr) -> Option<&'static str> {
        let (flag, name) = match ty {
            TypeExpr::Integer => (&mut self.uses.integer, "__chatiaIsInteger"),
            TypeExpr::Number => (&mut self.uses.number, "__chatiaIsNumber"),
            TypeExpr::String => (&mut self.uses.string, "__chatiaIsString"),
            TypeExpr::Boolean => (&mut self.uses.boolean, "__chatiaIsBoolean"),
            TypeExpr::DateTime => (&mut self.uses.datetime, "__chatiaIsDateTime"),
            TypeExpr::Named(_) | TypeExpr::Array(_) | TypeExpr::Map(_) => return None,
        };
        *flag = true;
        Some(name)
    }

    fn body(&mut self, ty: &TypeExpr, name: &str) -> CheckerBody {
        match ty {
            TypeExpr::Array(inner) => {
                self.uses.array = true;
                CheckerBody::Array(self.check(inner))
            }
            TypeExpr::Map(inner) => {
                self.uses.map = true;
                CheckerBody::Map(self.check(inner))
            }
            TypeExpr::Named(type_name) => self.named_body(type_name, name),
            _ => unreachable!("primitives have shared validators"),
        }
    }

    fn named_body(&mut self, type_name: &str, checker: &str) -> CheckerBody {
        let protocol = self.protocol;
        let Some(decl) = protocol.type_decl(type_name) else {
            // Validation refuses unknown types; a generated file that reaches one refuses every value.
            return CheckerBody::Enum(Vec::new());
        };
        self.named.insert(decl.ts_name.clone());
        match &decl.kind {
            TypeKind::Enum(values) => CheckerBody::Enum(values.iter().map(|v| js_string(v)).collect()),
            TypeKind::Dto(fields) => {
                self.uses.object = true;
                let keys_const = self
                    .namer
                    .claim(format!("{}Keys", checker.replacen("__chatiaIs", "__chatia", 1)));
                CheckerBody::Dto {
                    keys_const,
                    keys: fields.iter().map(|f| js_string(&f.name)).collect(),
                    fields: fields.iter().map(|f| self.field_check(f)).collect(),
                }
            }
        }
    }

    /// One field's check: `__chatiaIsInteger(value["ticketId"])`, with the optional and
    /// nullable rules around it.
    fn field_check(&mut self, field: &FieldDecl) -> String {
        let read = if INHERITED.contains(&field.name.as_str()) {
            self.uses.own = true;
            format!("__chatiaOwn(value, {})", js_string(&field.name))
        } else {
            format!("value[{}]", js_string(&field.name))
        };
        let check = self.check(&field.ty);
        match (field.optional, field.nullable) {
            (false, false) => format!("{check}({read})"),
            (true, false) => {
                self.uses.optional = true;
                format!("__chatiaOptional({read}, {check})")
            }
            (false, true) => {
                self.uses.nullable = true;
                format!("__chatiaNullable({read}, {check})")
            }
            (true, true) => {
                self.uses.optional_nullable = true;
                format!("__chatiaOptionalNullable({read}, {check})")
            }
        }
    }
}

/// `Typing`, `IntegerArray`, `Record_ArrayMap`: the part of a validator's name after `__chatiaIs`.
fn base_name(protocol: &Protocol, ty: &TypeExpr) -> String {
    match ty {
        TypeExpr::Integer => "Integer".to_owned(),
        TypeExpr::Number => "Number".to_owned(),
        TypeExpr::String => "String".to_owned(),
        TypeExpr::Boolean => "Boolean".to_owned(),
        TypeExpr::DateTime => "DateTime".to_owned(),
        TypeExpr::Named(name) => protocol.ts_type_name(name),
        TypeExpr::Array(inner) => format!("{}Array", base_name(protocol, inner)),
        TypeExpr::Map(inner) => format!("{}Map", base_name(protocol, inner)),
    }
}
