//! Builds the [`Protocol`] from a validated catalog. Every default of the catalog format is
//! applied here and nowhere else.

use anyhow::{Context, Result};

use super::{
    AckDecl, ActionDecl, Carried, ClientEvent, FieldDecl, KeyType, Limit, ListEffect, ParamType, Pattern, Protocol, Role,
    RoomAction, RoomActionKind, RoomDecl, RoomParam, Segment, ServerEvent, TypeDecl, TypeKind,
};
use crate::catalog::model::{self, Catalog, Field, TypeExpr};
use crate::catalog::names::{ts_room_type, ts_stem, ts_type, TsClientNames, TsEventNames};
use crate::catalog::validate::placeholders;
use crate::catalog::Loaded;

/// The protocol of a catalog that passed validation.
pub fn resolve(loaded: &Loaded) -> Result<Protocol> {
    let catalog = &loaded.catalog;
    let conventions = &catalog.conventions;
    let types = catalog
        .types
        .iter()
        .map(|(name, def)| type_decl(name, def))
        .collect::<Result<Vec<_>>>()?;
    let rooms = catalog
        .rooms
        .iter()
        .map(|(name, room)| room_decl(name, room))
        .collect::<Result<Vec<_>>>()?;
    let events = catalog
        .events
        .iter()
        .map(|(resource, event)| server_event(catalog, resource, event))
        .collect::<Result<Vec<_>>>()?;
    let client_events = catalog
        .client_events
        .iter()
        .map(|(name, event)| client_event(catalog, &rooms, name, event))
        .collect::<Result<Vec<_>>>()?;
    let mut protocol = Protocol {
        catalog_name: catalog_name(loaded),
        info: info(catalog.info.as_ref())?,
        outputs: catalog.outputs.clone(),
        namespace: pattern(&conventions.namespace)?,
        event_pattern: pattern(&conventions.event)?,
        rate_limit: limit(conventions.rate_limit.events, conventions.rate_limit.window_seconds),
        rate_scope: conventions.rate_limit.scope,
        adapters: adapters(&conventions.adapters),
        types,
        rooms,
        events,
        client_events,
        rust: Default::default(),
    };
    protocol.rust = super::rust_names::names(&protocol);
    Ok(protocol)
}

fn info(info: Option<&model::Info>) -> Result<super::Info> {
    let Some(info) = info else { return Ok(Default::default()) };
    let version = info.version.as_deref().map(semver::Version::parse).transpose();
    Ok(super::Info {
        title: info.title.clone(),
        version: version.context("`info.version`")?,
        description: info.description.clone(),
    })
}

/// The catalog's file name, as headers mention it.
fn catalog_name(loaded: &Loaded) -> String {
    loaded
        .path
        .file_name()
        .map_or_else(|| "socket-events.yaml".to_owned(), |n| n.to_string_lossy().into_owned())
}

/// Splits a pattern at its placeholders.
pub fn pattern(text: &str) -> Result<Pattern> {
    let mut segments = Vec::new();
    let mut rest = text;
    for name in placeholders(text).map_err(anyhow::Error::msg)? {
        let token = format!("{{{name}}}");
        let (before, after) = rest.split_once(&token).unwrap_or((rest, ""));
        if !before.is_empty() {
            segments.push(Segment::Text(before.to_owned()));
        }
        segments.push(Segment::Param(name));
        rest = after;
    }
    if !rest.is_empty() {
        segments.push(Segment::Text(rest.to_owned()));
    }
    Ok(Pattern {
        text: text.to_owned(),
        segments,
    })
}

/// The schema keeps limits at 1 or more; the clamp only keeps the conversion total.
/// The adapters with their channels' defaults applied.
fn adapters(adapters: &model::Adapters) -> super::Adapters {
    let channel = |c: &Option<String>| c.clone().unwrap_or_else(|| model::DEFAULT_ADAPTER_CHANNEL.to_owned());
    super::Adapters {
        typescript: adapters.typescript.as_ref().map(|a| (a.kind, channel(&a.channel))),
        rust: adapters.rust.as_ref().map(|a| channel(&a.channel)),
    }
}

fn limit(events: i64, window_seconds: i64) -> Limit {
    let positive = |n: i64| u64::try_from(n).unwrap_or(1).max(1);
    Limit {
        events: positive(events),
        window_seconds: positive(window_seconds),
    }
}

fn type_expr(text: &str) -> Result<TypeExpr> {
    TypeExpr::parse(text).map_err(anyhow::Error::msg)
}

fn field_decl(name: &str, field: &Field) -> Result<FieldDecl> {
    Ok(FieldDecl {
        name: name.to_owned(),
        ty: type_expr(&field.ty).with_context(|| format!("field `{name}`"))?,
        optional: field.optional,
        nullable: field.nullable,
        description: field.description.clone(),
    })
}

fn type_decl(name: &str, def: &model::TypeDef) -> Result<TypeDecl> {
    let kind = match (&def.fields, &def.variants) {
        (Some(fields), _) => TypeKind::Dto(fields.iter().map(|(n, f)| field_decl(n, f)).collect::<Result<_>>()?),
        (None, Some(values)) => TypeKind::Enum(values.clone()),
        (None, None) => anyhow::bail!("type `{name}` has neither fields nor values"),
    };
    Ok(TypeDecl {
        name: name.to_owned(),
        ts_name: ts_type(name),
        description: def.description.clone(),
        kind,
    })
}

fn room_decl(name: &str, room: &model::Room) -> Result<RoomDecl> {
    let params = room
        .params
        .iter()
        .map(|(param, ty)| RoomParam {
            name: param.clone(),
            ty: match ty.as_str() {
                "integer" => ParamType::Integer,
                "string" => ParamType::String,
                enum_name => ParamType::Enum(enum_name.to_owned()),
            },
        })
        .collect();
    Ok(RoomDecl {
        name: name.to_owned(),
        ts_type: ts_room_type(name),
        ts_hook: format!("use{}Room", ts_stem(name)),
        pattern: pattern(&room.pattern)?,
        params,
        joinable: room.joinable,
        description: room.description.clone(),
    })
}

fn server_event(catalog: &Catalog, resource: &str, event: &model::Event) -> Result<ServerEvent> {
    let entity_field = event.entity_field_name(resource);
    let id_field = event.id_field_name(resource);
    let entity_key = entity_key(catalog, event);
    let actions = event
        .actions
        .iter()
        .map(|(action, spec)| {
            let carried = event
                .carried(resource, action)
                .iter()
                .map(|name| carried(resource, event, &entity_field, name))
                .collect::<Result<Vec<_>>>()?;
            Ok(ActionDecl {
                name: action.clone(),
                description: spec.description.clone(),
                critical: is_critical(event, action, spec),
                volatile: event.volatile || spec.volatile,
                list_effect: entity_key.and(list_effect(action, &carried)),
                carried,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(ServerEvent {
        resource: resource.to_owned(),
        description: event.description.clone(),
        entity: event.entity.clone(),
        entity_field,
        id_field,
        entity_key,
        actions,
        rooms: event.rooms.clone(),
        broadcast: event.broadcast,
        budget: event.rate_limit.as_ref().map(|l| limit(l.events, l.window_seconds)),
        ts: TsEventNames::new(resource, event.actions.keys().map(String::as_str)),
    })
}

/// No rate limit drops a critical action. Unless the catalog says, only `delete` is: a lost
/// delete leaves a stale entity on every client, with nothing to tell it to resync. A volatile
/// action may be missed anyway, so it is not critical by default.
fn is_critical(event: &model::Event, action: &str, spec: &model::Action) -> bool {
    let volatile = event.volatile || spec.volatile;
    spec.critical.or(event.critical).unwrap_or(action == "delete" && !volatile)
}

/// A carried name as a payload field: an extra field, the entity, or the numeric id.
fn carried(resource: &str, event: &model::Event, entity_field: &str, name: &str) -> Result<Carried> {
    if let Some(field) = event.fields.get(name) {
        return Ok(Carried {
            role: Role::Extra,
            field: field_decl(name, field)?,
        });
    }
    let (role, ty, description) = match &event.entity {
        Some(entity) if name == entity_field => (
            Role::Entity,
            TypeExpr::Named(entity.clone()),
            format!("The {name} as it is now."),
        ),
        // An id field is a number whatever the entity's `id` is.
        _ => (Role::Id, TypeExpr::Integer, format!("Id of the {resource}.")),
    };
    Ok(Carried {
        role,
        field: FieldDecl {
            name: name.to_owned(),
            ty,
            optional: false,
            nullable: false,
            description: Some(description),
        },
    })
}

/// The entity's `id`, when it is always present and a number or text.
fn entity_key(catalog: &Catalog, event: &model::Event) -> Option<KeyType> {
    let entity = catalog.types.get(event.entity.as_ref()?)?;
    let id = entity.fields.as_ref()?.get("id").filter(|f| !f.optional && !f.nullable)?;
    match TypeExpr::parse(&id.ty) {
        Ok(TypeExpr::Integer | TypeExpr::Number) => Some(KeyType::Number),
        Ok(TypeExpr::String) => Some(KeyType::Text),
        _ => None,
    }
}

fn list_effect(action: &str, carried: &[Carried]) -> Option<ListEffect> {
    let carries = |role: Role| carried.iter().any(|c| c.role == role);
    match action {
        "create" if carries(Role::Entity) => Some(ListEffect::Upsert),
        "delete" if carries(Role::Id) => Some(ListEffect::RemoveById),
        "delete" if carries(Role::Entity) => Some(ListEffect::RemoveByEntity),
        "delete" => None,
        _ if carries(Role::Entity) => Some(ListEffect::Replace),
        _ => None,
    }
}

fn client_event(catalog: &Catalog, rooms: &[RoomDecl], name: &str, event: &model::ClientEvent) -> Result<ClientEvent> {
    let args = event
        .args
        .iter()
        .map(|arg| {
            let field = Field {
                ty: arg.ty.clone(),
                optional: arg.optional,
                nullable: arg.nullable,
                description: arg.description.clone(),
            };
            field_decl(&arg.name, &field)
        })
        .collect::<Result<Vec<_>>>()?;
    let room = match (&event.joins, &event.leaves) {
        (Some(binding), _) => Some(room_action(rooms, RoomActionKind::Join, binding, &args)?),
        (None, Some(binding)) => Some(room_action(rooms, RoomActionKind::Leave, binding, &args)?),
        (None, None) => None,
    };
    let carries_id = args.iter().any(|arg| is_id(&arg.name) || dto_has_id(catalog, &arg.ty));
    let only_leaves = room.as_ref().is_some_and(|r| r.kind == RoomActionKind::Leave);
    let conventions = &catalog.conventions;
    let rate = event.rate_limit.as_ref().map_or(
        (
            conventions.client_rate_limit.events,
            conventions.client_rate_limit.window_seconds,
        ),
        |r| (r.events, r.window_seconds),
    );
    Ok(ClientEvent {
        name: name.to_owned(),
        description: event.description.clone(),
        ack: event
            .ack
            .as_ref()
            .map(|ack| {
                Ok::<_, anyhow::Error>(AckDecl {
                    ty: ack.ty.as_deref().map(type_expr).transpose()?,
                    required: ack.required,
                })
            })
            .transpose()?,
        room,
        authorize: event.authorize.unwrap_or(carries_id && !only_leaves),
        rate_limit: limit(rate.0, rate.1),
        max_bytes: event.max_bytes.unwrap_or(conventions.max_payload_bytes).max(1),
        ts: TsClientNames::new(name, args.iter().map(|a| a.name.as_str())),
        args,
    })
}

/// `id`, `ticketId`, `queue_id`: a name that identifies a record the company may not own.
fn is_id(name: &str) -> bool {
    name == "id" || name.ends_with("Id") || name.ends_with("_id")
}

/// A DTO argument with an id among its own fields (`{ ticketId, typing }`).
fn dto_has_id(catalog: &Catalog, ty: &TypeExpr) -> bool {
    let TypeExpr::Named(name) = ty else { return false };
    let fields = catalog.types.get(name).and_then(|def| def.fields.as_ref());
    fields.is_some_and(|fields| fields.keys().any(|key| is_id(key)))
}

fn room_action(rooms: &[RoomDecl], kind: RoomActionKind, binding: &model::RoomBinding, args: &[FieldDecl]) -> Result<RoomAction> {
    let room = rooms
        .iter()
        .find(|r| r.name == binding.room)
        .with_context(|| format!("unknown room `{}`", binding.room))?;
    let params = room
        .params
        .iter()
        .map(|param| {
            let arg = binding.params.get(&param.name).unwrap_or(&param.name);
            let index = args
                .iter()
                .position(|a| a.name == *arg)
                .with_context(|| format!("room parameter `{}` takes no argument", param.name))?;
            Ok((param.name.clone(), index))
        })
        .collect::<Result<_>>()?;
    Ok(RoomAction {
        kind,
        room: room.name.clone(),
        params,
    })
}
