//! The catalog as an AsyncAPI 3.0 document, from the server application's point of view.
//!
//! - The company namespace is the one channel, its address the namespace pattern with the
//!   `companyId` parameter.
//! - Every server event, client event and acknowledgement is a message of that channel. A server
//!   event's payload is a `oneOf` over its actions told apart by the `action` const; a client
//!   event's payload is the array of its positional arguments.
//! - A server event is a `send` operation, a client event a `receive` operation whose `reply` is
//!   its acknowledgement.
//! - Catalog types are `components.schemas`, referenced with `$ref`; rooms, rate limits and the
//!   critical and volatile marks are `x-chatia-…` extensions.
//!
//! Message keys carry a prefix (`server.`, `client.`, `ack.`): a server event and a client event
//! may share a name (`typing`), and no client event name can end in another's key.

use serde_json::{json, Map, Value};

use crate::catalog::model::TypeExpr;
use crate::protocol::{
    AckDecl, ActionDecl, ClientEvent, FieldDecl, Limit, ParamType, Pattern, Protocol, RoomAction, RoomActionKind, Segment,
    ServerEvent, TypeDecl, TypeKind, ACK_ERROR_CODES,
};

const ASYNCAPI_VERSION: &str = "3.0.0";
const CHANNEL: &str = "companyNamespace";
/// The schema of a refusal's `error`. The dot keeps it apart from every catalog type, whose names
/// are identifiers.
const ACK_ERROR: &str = "chatia.AckError";
/// The one key JavaScript's objects cannot hold as they are built by assignment.
const PROTO: &str = "__proto__";

/// The API version the document states: the catalog's `info.version`, else `1.0.0` (AsyncAPI
/// requires one).
pub fn document_version(protocol: &Protocol) -> String {
    protocol
        .info
        .version
        .as_ref()
        .map_or_else(|| "1.0.0".to_owned(), ToString::to_string)
}

/// The whole AsyncAPI document of the protocol.
pub fn document(protocol: &Protocol) -> Value {
    let mut document = json!({
        "asyncapi": ASYNCAPI_VERSION,
        // Near the top, so that `--output` knows an earlier export from a file it did not write.
        "x-chatia-generated": format!(
            "{} from {}; regenerate with: chatia-socket export asyncapi --catalog {}",
            crate::gen::GENERATED_MARK,
            protocol.catalog_name,
            protocol.catalog_name
        ),
        "info": {
            "title": protocol.info.title.as_deref().unwrap_or(&protocol.catalog_name),
            "version": document_version(protocol),
            "description": description(protocol),
        },
        "defaultContentType": "application/json",
        "channels": { CHANNEL: channel(protocol) },
        "operations": operations(protocol),
        "components": { "schemas": schemas(protocol) },
    });
    if let Some(adapters) = adapters(protocol) {
        document["x-chatia-adapters"] = adapters;
    }
    document
}

fn description(protocol: &Protocol) -> String {
    let own = protocol
        .info
        .description
        .as_deref()
        .map(|text| format!("{text}\n\n"))
        .unwrap_or_default();
    own + &format!(
        "The Socket.IO API of one company namespace, as the event catalog {} declares it.\n\n\
         The document describes the server application: a `send` operation is an event the server \
         emits to the clients of a company (server to client), a `receive` operation is a client \
         event the server receives (client to server), and its `reply` is what the server passes to \
         the client's acknowledgement callback.\n\n\
         A server event's payload is one object: `action` tells which of the event's actions it is \
         (a `oneOf` branch each), and every action carries `companyId`, `userId` and `timestamp` \
         besides its own fields. A client event's payload is the array of its positional \
         arguments, without the callback. Besides the client events listed here, a client joins a \
         joinable room with `room:join` and leaves it with `room:leave`.\n\n\
         Extensions: `x-chatia-rooms` (on the channel, the namespace's rooms; on a `send` \
         operation, the rooms the event may target), `x-chatia-broadcast` (the event may go to the \
         whole namespace), `x-chatia-rate-limit` (per company on the channel and on an event with a \
         budget of its own, per socket on a client event), `x-chatia-max-bytes` (the largest \
         accepted JSON arguments of a client event), `x-chatia-authorize` (the application's \
         ownership check runs before the client event is served), `x-chatia-room` (the room a \
         client event joins or leaves), `x-chatia-critical` and `x-chatia-volatile` (on an action: \
         never dropped by a rate limit; sent volatile, so a busy client may miss it).",
        protocol.catalog_name
    )
}

fn channel(protocol: &Protocol) -> Value {
    json!({
        "address": protocol.namespace.text,
        "title": "Company namespace",
        "description": "One Socket.IO namespace per company. A client connects to its own company's namespace with its token in the handshake's `auth` payload, and every event travels inside it.",
        "parameters": parameters(&protocol.namespace),
        "messages": messages(protocol),
        "x-chatia-event-pattern": protocol.event_pattern.text,
        "x-chatia-rate-limit": {
            "per": "company",
            "events": protocol.rate_limit.events,
            "windowSeconds": protocol.rate_limit.window_seconds,
            "scope": protocol.rate_scope,
        },
        "x-chatia-rooms": rooms(protocol),
    })
}

/// Every placeholder of the namespace pattern; validation allows `companyId` only.
fn parameters(namespace: &Pattern) -> Map<String, Value> {
    namespace
        .segments
        .iter()
        .filter_map(|segment| match segment {
            Segment::Param(name) => Some((
                name.clone(),
                json!({ "description": "The company's id; every payload's `companyId` is the same." }),
            )),
            Segment::Text(_) => None,
        })
        .collect()
}

fn rooms(protocol: &Protocol) -> Map<String, Value> {
    protocol
        .rooms
        .iter()
        .map(|room| {
            // A list, not a map keyed by name: a parameter may be called `__proto__` (see `properties_of`).
            let params: Vec<Value> = room
                .params
                .iter()
                .map(|p| json!({ "name": p.name, "schema": param_schema(&p.ty) }))
                .collect();
            let mut value = json!({ "pattern": room.pattern.text, "params": params, "joinable": room.joinable });
            insert_description(&mut value, room.description.as_deref());
            (room.name.clone(), value)
        })
        .collect()
}

fn param_schema(ty: &ParamType) -> Value {
    match ty {
        ParamType::Integer => json!({ "type": "integer" }),
        ParamType::String => json!({ "type": "string" }),
        ParamType::Enum(name) => schema_ref(name),
    }
}

fn adapters(protocol: &Protocol) -> Option<Value> {
    let adapters = &protocol.adapters;
    if adapters.typescript.is_none() && adapters.rust.is_none() {
        return None;
    }
    let mut value = Map::new();
    if let Some((kind, channel)) = &adapters.typescript {
        value.insert("typescript".to_owned(), json!({ "kind": kind, "channel": channel }));
    }
    if let Some(channel) = &adapters.rust {
        value.insert("rust".to_owned(), json!({ "kind": "redis", "channel": channel }));
    }
    Some(Value::Object(value))
}

fn server_key(event: &ServerEvent) -> String {
    format!("server.{}", event.resource)
}

fn client_key(event: &ClientEvent) -> String {
    format!("client.{}", event.name)
}

fn ack_key(event: &ClientEvent) -> String {
    format!("ack.{}", event.name)
}

fn channel_ref() -> Value {
    json!({ "$ref": format!("#/channels/{CHANNEL}") })
}

fn message_ref(key: &str) -> Value {
    json!({ "$ref": format!("#/channels/{CHANNEL}/messages/{}", pointer_token(key)) })
}

fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{}", pointer_token(&schema_key(name))) })
}

/// A type's key in `components.schemas`: its name, but for `__proto__`, which JavaScript readers
/// cannot keep as a key (see [`properties_of`]). The dot keeps it apart from every type name.
fn schema_key(name: &str) -> String {
    if name == PROTO {
        format!("chatia.{name}")
    } else {
        name.to_owned()
    }
}

/// A JSON Pointer reference token (RFC 6901).
fn pointer_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn messages(protocol: &Protocol) -> Map<String, Value> {
    let mut messages = Map::new();
    for event in &protocol.events {
        messages.insert(server_key(event), server_message(protocol, event));
    }
    for event in &protocol.client_events {
        messages.insert(client_key(event), client_message(event));
        if let Some(ack) = &event.ack {
            messages.insert(ack_key(event), ack_message(event, ack));
        }
    }
    messages
}

/// The event's name on the wire: the event pattern with its resource filled in.
fn event_name(protocol: &Protocol, event: &ServerEvent) -> String {
    protocol
        .event_pattern
        .segments
        .iter()
        .map(|segment| match segment {
            Segment::Text(text) => text.clone(),
            Segment::Param(name) if name == "resource" => event.resource.clone(),
            Segment::Param(name) => format!("{{{name}}}"),
        })
        .collect()
}

fn server_message(protocol: &Protocol, event: &ServerEvent) -> Value {
    let actions: Vec<&str> = event.actions.iter().map(|a| a.name.as_str()).collect();
    let mut message = json!({
        "name": event_name(protocol, event),
        "title": event.resource,
        "payload": {
            "type": "object",
            "discriminator": "action",
            "required": ["action"],
            "properties": { "action": { "type": "string", "enum": actions } },
            "oneOf": event.actions.iter().map(|a| action_schema(event, a)).collect::<Vec<_>>(),
        },
    });
    insert_description(&mut message, event.description.as_deref());
    message
}

/// One action's payload: `action`, its carried fields, then the fields every payload has.
fn action_schema(event: &ServerEvent, action: &ActionDecl) -> Value {
    let mut properties = vec![("action".to_owned(), json!({ "type": "string", "const": action.name }))];
    let mut required = vec!["action".to_owned()];
    for carried in &action.carried {
        let field = &carried.field;
        properties.push((field.name.clone(), field_schema(field)));
        if !field.optional {
            required.push(field.name.clone());
        }
    }
    for (name, schema) in common_fields() {
        properties.push((name.to_owned(), schema));
        required.push(name.to_owned());
    }
    let mut schema = json!({
        "title": format!("{} {}", event.resource, action.name),
        "type": "object",
        "required": required,
    });
    schema.as_object_mut().expect("an object").extend(properties_of(properties));
    schema["x-chatia-critical"] = json!(action.critical);
    schema["x-chatia-volatile"] = json!(action.volatile);
    insert_description(&mut schema, action.description.as_deref());
    schema
}

fn common_fields() -> [(&'static str, Value); 3] {
    [
        (
            "companyId",
            json!({ "type": "integer", "description": "The company whose namespace carries the event." }),
        ),
        (
            "userId",
            json!({ "type": "integer", "description": "The user whose request caused the event." }),
        ),
        (
            "timestamp",
            json!({ "type": "string", "format": "date-time", "description": "When it happened: ISO 8601, as `Date.prototype.toISOString()` writes it." }),
        ),
    ]
}

fn client_message(event: &ClientEvent) -> Value {
    let required = event.args.iter().filter(|a| !a.optional).count();
    let mut payload = json!({
        "type": "array",
        "description": "The positional arguments, in order; the acknowledgement callback is not one of them.",
        "minItems": required,
        "maxItems": event.args.len(),
    });
    if !event.args.is_empty() {
        let items: Vec<Value> = event.args.iter().map(arg_schema).collect();
        payload["items"] = Value::Array(items);
    }
    let mut message = json!({ "name": event.name, "title": event.name, "payload": payload });
    insert_description(&mut message, event.description.as_deref());
    message
}

/// An argument has no key to carry its name, so its schema's title does.
fn arg_schema(arg: &FieldDecl) -> Value {
    let schema = nullable(type_schema(&arg.ty), arg.nullable);
    annotate(schema, Some(&arg.name), arg.description.as_deref())
}

fn ack_message(event: &ClientEvent, ack: &AckDecl) -> Value {
    let mut success = json!({
        "type": "object",
        "required": ["ok"],
        "properties": { "ok": { "type": "boolean", "const": true } },
    });
    if let Some(ty) = &ack.ty {
        success["required"] = json!(["ok", "data"]);
        success["properties"]["data"] = type_schema(ty);
    }
    let refusal = json!({
        "type": "object",
        "required": ["ok", "error"],
        "properties": { "ok": { "type": "boolean", "const": false }, "error": schema_ref(ACK_ERROR) },
    });
    json!({
        "title": format!("Acknowledgement of {}", event.name),
        "description": "What the server passes to the client's callback, exactly once: success, or a refusal with its code.",
        "payload": { "oneOf": [success, refusal] },
    })
}

fn operations(protocol: &Protocol) -> Map<String, Value> {
    let mut operations = Map::new();
    for event in &protocol.events {
        operations.insert(format!("send.{}", event.resource), send_operation(event));
    }
    for event in &protocol.client_events {
        operations.insert(format!("receive.{}", event.name), receive_operation(event));
    }
    operations
}

fn send_operation(event: &ServerEvent) -> Value {
    let mut operation = json!({
        "action": "send",
        "channel": channel_ref(),
        "title": format!("Send {}", event.resource),
        "messages": [message_ref(&server_key(event))],
        "x-chatia-rooms": event.rooms,
        "x-chatia-broadcast": event.broadcast,
    });
    insert_description(&mut operation, event.description.as_deref());
    if let Some(budget) = event.budget {
        operation["x-chatia-rate-limit"] = limit("company", budget);
    }
    operation
}

fn receive_operation(event: &ClientEvent) -> Value {
    let mut operation = json!({
        "action": "receive",
        "channel": channel_ref(),
        "title": format!("Receive {}", event.name),
        "messages": [message_ref(&client_key(event))],
        "x-chatia-rate-limit": limit("socket", event.rate_limit),
        "x-chatia-max-bytes": event.max_bytes,
        "x-chatia-authorize": event.authorize,
    });
    insert_description(&mut operation, event.description.as_deref());
    if let Some(ack) = &event.ack {
        operation["reply"] = json!({
            "channel": channel_ref(),
            "messages": [message_ref(&ack_key(event))],
            "x-chatia-required": ack.required,
        });
    }
    if let Some(room) = &event.room {
        operation["x-chatia-room"] = room_action(event, room);
    }
    operation
}

fn limit(per: &str, limit: Limit) -> Value {
    json!({ "per": per, "events": limit.events, "windowSeconds": limit.window_seconds })
}

/// The room a client event joins or leaves, and the argument each room parameter takes, listed as
/// the channel's rooms list theirs.
fn room_action(event: &ClientEvent, room: &RoomAction) -> Value {
    let params: Vec<Value> = room
        .params
        .iter()
        .map(|(param, index)| json!({ "name": param, "argument": event.args[*index].name }))
        .collect();
    let action = match room.kind {
        RoomActionKind::Join => "join",
        RoomActionKind::Leave => "leave",
    };
    json!({ "action": action, "room": room.room, "params": params })
}

fn schemas(protocol: &Protocol) -> Map<String, Value> {
    let mut schemas: Map<String, Value> = protocol.types.iter().map(|t| (schema_key(&t.name), type_decl(t))).collect();
    if protocol.client_events.iter().any(|e| e.ack.is_some()) {
        schemas.insert(ACK_ERROR.to_owned(), ack_error());
    }
    schemas
}

fn type_decl(decl: &TypeDecl) -> Value {
    let mut schema = match &decl.kind {
        TypeKind::Enum(values) => json!({ "type": "string", "enum": values }),
        TypeKind::Dto(fields) => {
            let properties = fields.iter().map(|f| (f.name.clone(), field_schema(f))).collect();
            let required: Vec<&str> = fields.iter().filter(|f| !f.optional).map(|f| f.name.as_str()).collect();
            let mut schema = json!({ "type": "object" });
            schema.as_object_mut().expect("an object").extend(properties_of(properties));
            if !required.is_empty() {
                schema["required"] = json!(required);
            }
            schema
        }
    };
    // The name, which a schema's key may not be (see `schema_key`).
    let map = schema.as_object_mut().expect("an object");
    map.shift_insert(0, "title".to_owned(), json!(decl.name));
    insert_description(&mut schema, decl.description.as_deref());
    schema
}

/// An object schema's `properties`, with a field called `__proto__` under `patternProperties`
/// instead, which means the same. JavaScript readers such as @asyncapi/parser build objects by
/// assignment, and a `__proto__` key assigned so replaces the object's prototype: its schema would
/// be lost and its keywords read as properties.
fn properties_of(fields: Vec<(String, Value)>) -> Map<String, Value> {
    let (proto, plain): (Vec<_>, Vec<_>) = fields.into_iter().partition(|(name, _)| name == PROTO);
    let mut keywords = Map::new();
    keywords.insert("properties".to_owned(), Value::Object(plain.into_iter().collect()));
    if let Some((_, schema)) = proto.into_iter().next() {
        keywords.insert("patternProperties".to_owned(), json!({ format!("^{PROTO}$"): schema }));
    }
    keywords
}

fn ack_error() -> Value {
    json!({
        "type": "object",
        "description": "Why the server refused a client event.",
        "required": ["code", "message"],
        "properties": {
            "code": { "type": "string", "enum": ACK_ERROR_CODES },
            "message": { "type": "string", "description": "Text for people; compare `code`, not this text." },
        },
    })
}

/// A field's schema: its type, `null` too when nullable, and its description. Whether the key may
/// be absent is the enclosing object's `required`.
fn field_schema(field: &FieldDecl) -> Value {
    annotate(
        nullable(type_schema(&field.ty), field.nullable),
        None,
        field.description.as_deref(),
    )
}

fn type_schema(ty: &TypeExpr) -> Value {
    match ty {
        TypeExpr::Integer => json!({ "type": "integer" }),
        TypeExpr::Number => json!({ "type": "number" }),
        TypeExpr::String => json!({ "type": "string" }),
        TypeExpr::Boolean => json!({ "type": "boolean" }),
        TypeExpr::DateTime => json!({ "type": "string", "format": "date-time" }),
        TypeExpr::Named(name) => schema_ref(name),
        TypeExpr::Array(inner) => json!({ "type": "array", "items": type_schema(inner) }),
        TypeExpr::Map(inner) => json!({ "type": "object", "additionalProperties": type_schema(inner) }),
    }
}

/// Adds `null` to a schema: to its `type` when it has one, else (a `$ref`) as a `oneOf` branch.
fn nullable(mut schema: Value, nullable: bool) -> Value {
    if !nullable {
        return schema;
    }
    match schema.get("type").cloned() {
        Some(Value::String(ty)) => {
            schema["type"] = json!([ty, "null"]);
            schema
        }
        _ => json!({ "oneOf": [schema, { "type": "null" }] }),
    }
}

/// Adds a title and a description. A `$ref`'s siblings are ignored by JSON Schema draft 7, so a
/// reference is wrapped in an `allOf` to keep them.
fn annotate(schema: Value, title: Option<&str>, description: Option<&str>) -> Value {
    if title.is_none() && description.is_none() {
        return schema;
    }
    let mut schema = if schema.get("$ref").is_some() {
        json!({ "allOf": [schema] })
    } else {
        schema
    };
    if let (Some(title), Value::Object(map)) = (title, &mut schema) {
        map.shift_insert(0, "title".to_owned(), json!(title));
    }
    insert_description(&mut schema, description);
    schema
}

/// Adds a description right after the title (or first), where a reader looks for it.
fn insert_description(value: &mut Value, description: Option<&str>) {
    let (Some(description), Value::Object(map)) = (description, value) else {
        return;
    };
    let at = map.keys().position(|key| key == "title").map_or(0, |i| i + 1);
    map.shift_insert(at, "description".to_owned(), json!(description));
}
