//! Checks of `clientEvents`, the events clients send to the server. Besides what the user should
//! hear about, they are what the resolved model relies on: every argument and ack type names a
//! known type, an event binds at most one room, and every parameter of that room comes from an
//! argument of the parameter's type that is always present.

use heck::{ToLowerCamelCase, ToSnakeCase};

use super::{check_collisions_by, check_type_expr, list, suggest, Problem, RESERVED_EVENTS};
use crate::catalog::load::escape_pointer;
use crate::catalog::model::{is_identifier, Arg, Catalog, ClientEvent, Room, RoomBinding, TypeExpr};

/// Client events the generated setup answers itself, for joinable rooms.
pub const BUILT_IN_CLIENT_EVENTS: [&str; 2] = ["room:join", "room:leave"];

pub(super) fn check_client_events(catalog: &Catalog, problems: &mut Vec<Problem>) {
    // TypeScript handler keys are lowerCamelCase, Rust methods snake_case.
    let conversions: [&dyn Fn(&str) -> String; 2] = [&|n| n.to_lower_camel_case(), &|n| n.to_snake_case()];
    check_collisions_by(
        catalog.client_events.keys(),
        "/clientEvents",
        "client event",
        &conversions,
        problems,
    );
    for (name, event) in &catalog.client_events {
        let pointer = format!("/clientEvents/{}", escape_pointer(name));
        check_event_name(name, &pointer, problems);
        check_args(catalog, &event.args, &pointer, problems);
        if let Some(ty) = event.ack.as_ref().and_then(|ack| ack.ty.as_ref()) {
            check_type_expr(catalog, ty, &format!("{pointer}/ack/type"), problems);
        }
        check_bindings(catalog, name, event, &pointer, problems);
    }
}

/// Letters, digits, `_`, `-`, `:` and `.`, from a letter to a letter or digit: any such name
/// is a plain Socket.IO event name and still converts to an identifier of its own.
fn is_event_name(name: &str) -> bool {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ':' | '.');
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.ends_with(|c: char| c.is_ascii_alphanumeric())
        && name.chars().all(allowed)
}

fn check_event_name(name: &str, pointer: &str, problems: &mut Vec<Problem>) {
    if !is_event_name(name) {
        problems.push(
            Problem::at(
                pointer,
                "invalid-identifier",
                format!("`{name}` is not a valid client event name"),
                "a client event name is letters, digits, `_`, `-`, `:` and `.`, from a letter to a letter or digit, e.g. `joinChatBox`",
            )
            .on_key(),
        );
    }
    if RESERVED_EVENTS.contains(&name) {
        problems.push(
            Problem::at(
                pointer,
                "reserved-event",
                format!("`{name}` is reserved by Socket.IO"),
                "rename the event; Socket.IO uses this name for its own events",
            )
            .on_key(),
        );
    }
    if BUILT_IN_CLIENT_EVENTS.contains(&name) {
        problems.push(
            Problem::at(
                pointer,
                "reserved-event",
                format!("`{name}` is served by the generated setup"),
                "it answers `room:join` and `room:leave` for joinable rooms; to join a room with an event of your own, name it otherwise and give it `joins:`",
            )
            .on_key(),
        );
    }
}

fn check_args(catalog: &Catalog, args: &[Arg], pointer: &str, problems: &mut Vec<Problem>) {
    for (i, arg) in args.iter().enumerate() {
        let arg_pointer = format!("{pointer}/args/{i}");
        if !is_identifier(&arg.name) {
            problems.push(Problem::at(
                format!("{arg_pointer}/name"),
                "invalid-identifier",
                format!("`{}` is not a valid argument name", arg.name),
                "an argument name is letters, digits and `_`, starting with a letter (camelCase)",
            ));
        }
        check_type_expr(catalog, &arg.ty, &format!("{arg_pointer}/type"), problems);
    }
    check_arg_collisions(args, pointer, problems);
    check_optional_order(args, pointer, problems);
}

/// Arguments become Rust parameters in snake_case, so `ticketId` and `ticket_id` are one name.
fn check_arg_collisions(args: &[Arg], pointer: &str, problems: &mut Vec<Problem>) {
    for (i, arg) in args.iter().enumerate() {
        let converted = arg.name.to_snake_case();
        let Some(first) = args[..i].iter().position(|a| a.name.to_snake_case() == converted) else {
            continue;
        };
        let earlier = &args[first].name;
        let (message, hint) = if *earlier == arg.name {
            (
                format!("argument `{}` is repeated", arg.name),
                format!("argument {} has the same name; rename or remove one", first + 1),
            )
        } else {
            (
                format!("argument `{}` collides with `{earlier}`", arg.name),
                format!(
                    "`{earlier}` and `{}` both become `{converted}` in generated code; rename one",
                    arg.name
                ),
            )
        };
        problems.push(Problem::at(
            format!("{pointer}/args/{i}/name"),
            "name-collision",
            message,
            hint,
        ));
    }
}

/// Socket.IO passes arguments by position, so a left-out argument can only be a last one.
fn check_optional_order(args: &[Arg], pointer: &str, problems: &mut Vec<Problem>) {
    let Some(last_required) = args.iter().rposition(|arg| !arg.optional) else {
        return;
    };
    let required = &args[last_required].name;
    for (i, arg) in args[..last_required].iter().enumerate().filter(|(_, arg)| arg.optional) {
        problems.push(Problem::at(
            format!("{pointer}/args/{i}/optional"),
            "misplaced-optional",
            format!("argument `{}` is optional, but `{required}` after it is not", arg.name),
            format!(
                "arguments are positional, so only the last ones may be left out; move `{}` after `{required}` or make it required",
                arg.name
            ),
        ));
    }
}

/// A `joins`/`leaves` event has no handler: the room is the whole behaviour, so its
/// arguments are exactly the room's parameters and nothing can fill an ack's `data`.
fn check_bindings(catalog: &Catalog, name: &str, event: &ClientEvent, pointer: &str, problems: &mut Vec<Problem>) {
    let bindings: Vec<(&str, &RoomBinding)> = [("joins", &event.joins), ("leaves", &event.leaves)]
        .into_iter()
        .filter_map(|(key, binding)| binding.as_ref().map(|b| (key, b)))
        .collect();
    let Some(&(key, _)) = bindings.first() else { return };
    if bindings.len() > 1 {
        problems.push(
            Problem::at(
                format!("{pointer}/leaves"),
                "conflicting-keys",
                format!("client event `{name}` both joins and leaves a room"),
                "an event does one or the other; split it into a `joins` event and a `leaves` event",
            )
            .on_key(),
        );
    }
    if event.ack.as_ref().is_some_and(|ack| ack.ty.is_some()) {
        problems.push(Problem::at(
            format!("{pointer}/ack/type"),
            "unused-ack-type",
            format!("client event `{name}` {key} a room without a handler, so nothing provides the ack's `data`"),
            format!("remove `type:` (the reply is then `{{ ok: true }}`), or drop `{key}:` and handle the event yourself"),
        ));
    }
    let mut used: Vec<&str> = Vec::new();
    let mut resolved = true;
    for (key, binding) in &bindings {
        match check_binding(catalog, event, binding, pointer, key, problems) {
            Some(args) => used.extend(args),
            None => resolved = false,
        }
    }
    // While a parameter has no argument, the argument meant for it would be reported as unused.
    if resolved {
        check_unused_args(event, &used, bindings[0], pointer, problems);
    }
}

/// A room parameter, named in messages.
struct Param<'a> {
    room: &'a str,
    name: &'a str,
    ty: &'a str,
}

/// Checks the `joins` or `leaves` (`key`) binding and returns the arguments it uses, or `None`
/// when the room is unknown or a parameter has no argument.
fn check_binding<'a>(
    catalog: &Catalog,
    event: &'a ClientEvent,
    binding: &RoomBinding,
    event_pointer: &str,
    key: &str,
    problems: &mut Vec<Problem>,
) -> Option<Vec<&'a str>> {
    let pointer = format!("{event_pointer}/{key}");
    let Some(room) = catalog.rooms.get(&binding.room) else {
        let hint = suggest(&binding.room, catalog.rooms.keys()).unwrap_or_else(|| "define it under `rooms:`".to_owned());
        problems.push(Problem::at(
            format!("{pointer}/room"),
            "unknown-room",
            format!("unknown room `{}`", binding.room),
            hint,
        ));
        return None;
    };
    check_binding_params(binding, room, &pointer, problems);
    let mut used = Some(Vec::new());
    for (name, ty) in &room.params {
        let param = Param {
            room: &binding.room,
            name,
            ty,
        };
        let explicit = binding.params.get(name);
        let arg_name = explicit.unwrap_or(name);
        match event.args.iter().position(|arg| arg.name == *arg_name) {
            Some(i) => {
                if let Some(used) = &mut used {
                    used.push(event.args[i].name.as_str());
                }
                let arg_pointer = format!("{event_pointer}/args/{i}");
                check_bound_arg(catalog, &param, &event.args[i], &arg_pointer, problems);
            }
            None => {
                used = None;
                problems.push(match explicit {
                    Some(_) => unknown_argument(event, name, arg_name, &pointer),
                    None => unbound_parameter(&param, &pointer),
                });
            }
        }
    }
    used
}

/// `params:` may only name parameters the room has.
fn check_binding_params(binding: &RoomBinding, room: &Room, pointer: &str, problems: &mut Vec<Problem>) {
    for param in binding.params.keys().filter(|param| !room.params.contains_key(*param)) {
        let hint = match suggest(param, room.params.keys()) {
            Some(hint) => hint,
            None if room.params.is_empty() => format!("room `{}` has no parameters; remove `params:`", binding.room),
            None => format!(
                "room `{}` has the parameters {}",
                binding.room,
                list(&room.params.keys().collect::<Vec<_>>())
            ),
        };
        problems.push(
            Problem::at(
                format!("{pointer}/params/{}", escape_pointer(param)),
                "unknown-parameter",
                format!("room `{}` has no parameter `{param}`", binding.room),
                hint,
            )
            .on_key(),
        );
    }
}

fn unknown_argument(event: &ClientEvent, param: &str, arg_name: &str, pointer: &str) -> Problem {
    let names: Vec<&str> = event.args.iter().map(|arg| arg.name.as_str()).collect();
    let hint = suggest(arg_name, &names).unwrap_or_else(|| {
        if names.is_empty() {
            format!("add an argument `{arg_name}` under `args:`")
        } else {
            format!("the event's arguments are {}", list(&names))
        }
    });
    Problem::at(
        format!("{pointer}/params/{}", escape_pointer(param)),
        "unknown-argument",
        format!("room parameter `{param}` is mapped to `{arg_name}`, which is not an argument of the event"),
        hint,
    )
}

fn unbound_parameter(param: &Param, pointer: &str) -> Problem {
    let Param { room, name, ty } = param;
    Problem::at(
        format!("{pointer}/room"),
        "unbound-parameter",
        format!("room `{room}` needs parameter `{name}`, and no argument is called `{name}`"),
        format!("add `- {{ name: {name}, type: {ty} }}` under `args:`, or map it with `params: {{ {name}: <argument> }}`"),
    )
}

/// The argument fills a room parameter, so it must have the parameter's type and always a value.
fn check_bound_arg(catalog: &Catalog, param: &Param, arg: &Arg, arg_pointer: &str, problems: &mut Vec<Problem>) {
    let Param { room, name, ty } = param;
    let (Some(expected), Ok(found)) = (param_type(catalog, ty), TypeExpr::parse(&arg.ty)) else {
        return; // a type that does not parse is reported where it is written
    };
    if found != expected {
        problems.push(Problem::at(
            format!("{arg_pointer}/type"),
            "type-mismatch",
            format!(
                "argument `{}` is `{}`, but it fills parameter `{name}` of room `{room}`, which is `{ty}`",
                arg.name, arg.ty
            ),
            format!("give the argument `type: {ty}`, or map the parameter to another argument"),
        ));
    }
    for (key, set) in [("optional", arg.optional), ("nullable", arg.nullable)] {
        if set {
            problems.push(Problem::at(
                format!("{arg_pointer}/{key}"),
                "type-mismatch",
                format!(
                    "argument `{}` is {key}, but it fills parameter `{name}` of room `{room}`",
                    arg.name
                ),
                format!("a room name needs every parameter; remove `{key}: true`"),
            ));
        }
    }
}

/// A room parameter's type as an argument type; `None` for a type `check_rooms` refuses.
fn param_type(catalog: &Catalog, ty: &str) -> Option<TypeExpr> {
    match ty {
        "integer" => Some(TypeExpr::Integer),
        "string" => Some(TypeExpr::String),
        name if catalog.types.get(name).is_some_and(|t| t.variants.is_some()) => Some(TypeExpr::Named(name.to_owned())),
        _ => None,
    }
}

/// Without a handler nothing reads an argument the room does not use.
fn check_unused_args(
    event: &ClientEvent,
    used: &[&str],
    (key, binding): (&str, &RoomBinding),
    pointer: &str,
    problems: &mut Vec<Problem>,
) {
    for (i, arg) in event
        .args
        .iter()
        .enumerate()
        .filter(|(_, arg)| !used.contains(&arg.name.as_str()))
    {
        problems.push(Problem::at(
            format!("{pointer}/args/{i}/name"),
            "unused-argument",
            format!(
                "argument `{}` fills no parameter of room `{}`, and a `{key}` event has no handler to read it",
                arg.name, binding.room
            ),
            format!("remove it, or give the event a handler by dropping `{key}:`"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_event_names_are_plain_socket_io_names() {
        for good in ["joinChatBox", "ticket:typing", "mark-as-read", "v2.ping", "snake_case", "x"] {
            assert!(is_event_name(good), "{good}");
        }
        for bad in ["", "join chat", "2fast", "-x", "_x", "x:", "x-", "tab\t", "caf\u{e9}", "a/b"] {
            assert!(!is_event_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn a_name_meeting_an_earlier_one_in_both_conversions_is_reported_once() {
        let names = ["mark-as-read".to_owned(), "markAsRead".to_owned(), "mark_as_read".to_owned()];
        let conversions: [&dyn Fn(&str) -> String; 2] = [&|n| n.to_lower_camel_case(), &|n| n.to_snake_case()];
        let mut problems = Vec::new();
        check_collisions_by(names.iter(), "/clientEvents", "client event", &conversions, &mut problems);
        let pointers: Vec<&str> = problems.iter().map(|p| p.pointer.as_str()).collect();
        assert_eq!(pointers, ["/clientEvents/markAsRead", "/clientEvents/mark_as_read"]);
        assert!(problems.iter().all(|p| p.message.ends_with("collides with `mark-as-read`")));
    }
}
