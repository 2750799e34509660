//! Calls the generated emitters' typed methods from a JSON command: the inputs of a wire case
//! (`harness/tests/wire-cases.json`) or of a Node test. One arm per event and action, written as
//! an application would call them.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::{awkward, chatia};

/// Emit one event: `rooms` absent means the whole company, present means those rooms.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmitCommand {
    pub company_id: i64,
    pub user_id: i64,
    pub event: String,
    pub action: String,
    #[serde(default)]
    pub rooms: Option<Vec<Value>>,
    #[serde(default)]
    pub inputs: Map<String, Value>,
}

/// Why an emit failed, for the Node side: a short kind and the error's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub kind: &'static str,
    pub message: String,
}

/// A required input, as the parameter type of the method.
fn arg<T: DeserializeOwned>(inputs: &Map<String, Value>, key: &str) -> Result<T, String> {
    let value = inputs.get(key).ok_or_else(|| format!("input `{key}` is missing"))?;
    serde_json::from_value(value.clone()).map_err(|e| format!("input `{key}`: {e}"))
}

/// An input the payload may omit.
fn optional_arg<T: DeserializeOwned>(inputs: &Map<String, Value>, key: &str) -> Result<Option<T>, String> {
    inputs.get(key).map(|_| arg(inputs, key)).transpose()
}

fn rooms<T: DeserializeOwned>(rooms: &[Value]) -> Result<Vec<T>, String> {
    rooms
        .iter()
        .map(|room| serde_json::from_value(room.clone()).map_err(|e| format!("room {room}: {e}")))
        .collect()
}

/// `emit!(cmd, all_method, to_method, [args])` calls the whole-company method or the rooms one.
macro_rules! emit {
    ($cmd:expr, $emitter:expr, $all:ident, $to:ident, [$($arg:expr),*]) => {
        match &$cmd.rooms {
            None => $emitter.$all($($arg),*).await,
            Some(list) => $emitter.$to(&rooms(list)?, $($arg),*).await,
        }
    };
    ($cmd:expr, $emitter:expr, all: $all:ident, [$($arg:expr),*]) => {{
        if $cmd.rooms.is_some() {
            return Err(format!("{} has no rooms", $cmd.event));
        }
        $emitter.$all($($arg),*).await
    }};
    ($cmd:expr, $emitter:expr, to: $to:ident, [$($arg:expr),*]) => {{
        let list = $cmd.rooms.as_deref().ok_or_else(|| format!("{} goes to rooms only", $cmd.event))?;
        $emitter.$to(&rooms(list)?, $($arg),*).await
    }};
}

macro_rules! failure {
    ($catalog:ident, $error:expr) => {
        match $error {
            $catalog::EmitError::RateLimited { .. } => Failure {
                kind: "rate-limited",
                message: $error.to_string(),
            },
            $catalog::EmitError::NoRooms { .. } => Failure {
                kind: "no-rooms",
                message: $error.to_string(),
            },
            $catalog::EmitError::Forward { .. } => Failure {
                kind: "forward",
                message: $error.to_string(),
            },
            $catalog::EmitError::Broadcast { .. } => Failure {
                kind: "broadcast",
                message: $error.to_string(),
            },
        }
    };
}

/// Runs `cmd` on the chatia catalog's emitter. `Err` is a bad command; `Ok(Err)` an emit error.
pub async fn chatia<A: chatia::CompanyAdapter>(
    namespaces: &chatia::CompanyNamespaces<A>,
    limiter: &chatia::RateLimiter,
    cmd: &EmitCommand,
) -> Result<Result<(), Failure>, String> {
    let e = chatia::CompanyEmitter::new(namespaces, limiter, cmd.company_id, cmd.user_id);
    let i = &cmd.inputs;
    let sent = match (cmd.event.as_str(), cmd.action.as_str()) {
        ("ticket", "create") => emit!(cmd, e, ticket_create, ticket_create_to, [&arg(i, "ticket")?]),
        ("ticket", "update") => emit!(cmd, e, ticket_update, ticket_update_to, [&arg(i, "ticket")?]),
        ("ticket", "delete") => emit!(cmd, e, ticket_delete, ticket_delete_to, [arg(i, "ticketId")?]),
        ("ticket", "status-change") => emit!(
            cmd,
            e,
            ticket_status_change,
            ticket_status_change_to,
            [&arg(i, "ticket")?, arg(i, "oldStatus")?]
        ),
        ("ticket", "removeFromList") => emit!(
            cmd,
            e,
            ticket_remove_from_list,
            ticket_remove_from_list_to,
            [arg(i, "ticketId")?]
        ),
        ("appMessage", "create") => emit!(
            cmd,
            e,
            app_message_create,
            app_message_create_to,
            [&arg(i, "message")?, &arg(i, "ticket")?, &arg(i, "contact")?]
        ),
        ("appMessage", "update") => emit!(cmd, e, app_message_update, app_message_update_to, [&arg(i, "message")?]),
        ("appMessage", "delete") => emit!(cmd, e, app_message_delete, app_message_delete_to, [arg(i, "messageId")?]),
        ("contact", "create") => emit!(cmd, e, all: contact_create, [&arg(i, "contact")?]),
        ("contact", "update") => emit!(cmd, e, all: contact_update, [&arg(i, "contact")?]),
        ("contact", "delete") => emit!(cmd, e, all: contact_delete, [arg(i, "contactId")?]),
        ("whatsappSession", "update") => emit!(cmd, e, all: whatsapp_session_update, [&arg(i, "whatsappSession")?]),
        ("whatsappSession", "delete") => emit!(cmd, e, all: whatsapp_session_delete, [arg(i, "whatsappSessionId")?]),
        ("whatsappSession", "qrcode") => emit!(cmd, e, all: whatsapp_session_qrcode, [&arg(i, "whatsappSession")?]),
        ("campaign", "create") => emit!(cmd, e, all: campaign_create, [&arg(i, "campaign")?]),
        ("campaign", "update") => emit!(cmd, e, all: campaign_update, [&arg(i, "campaign")?]),
        ("campaign", "delete") => emit!(cmd, e, all: campaign_delete, [arg(i, "campaignId")?]),
        ("campaign", "status-change") => emit!(cmd, e, all: campaign_status_change, [&arg(i, "campaign")?]),
        ("campaign", "progress") => emit!(
            cmd,
            e,
            all: campaign_progress,
            [arg(i, "campaignId")?, arg(i, "sent")?, arg(i, "total")?]
        ),
        ("automationRule", "create") => emit!(
            cmd,
            e,
            automation_rule_create,
            automation_rule_create_to,
            [&arg(i, "automationRule")?]
        ),
        ("automationRule", "update") => emit!(
            cmd,
            e,
            automation_rule_update,
            automation_rule_update_to,
            [&arg(i, "automationRule")?]
        ),
        ("automationRule", "delete") => emit!(
            cmd,
            e,
            automation_rule_delete,
            automation_rule_delete_to,
            [arg(i, "automationRuleId")?]
        ),
        ("automationRule", "executed") => emit!(
            cmd,
            e,
            automation_rule_executed,
            automation_rule_executed_to,
            [arg(i, "automationRuleId")?, arg(i, "ticketId")?, arg(i, "success")?]
        ),
        (event, action) => return Err(format!("the chatia catalog has no {event}/{action}")),
    };
    Ok(sent.map_err(|error| failure!(chatia, error)))
}

/// Runs `cmd` on the awkward catalog's emitter.
pub async fn awkward<A: awkward::CompanyAdapter>(
    namespaces: &awkward::CompanyNamespaces<A>,
    limiter: &awkward::RateLimiter,
    cmd: &EmitCommand,
) -> Result<Result<(), Failure>, String> {
    let e = awkward::CompanyEmitter::new(namespaces, limiter, cmd.company_id, cmd.user_id);
    let i = &cmd.inputs;
    let sent = match (cmd.event.as_str(), cmd.action.as_str()) {
        ("app-event", "create") => emit!(cmd, e, app_event_create, app_event_create_to, [&arg(i, "appEvent")?]),
        ("app-event", "update") => emit!(cmd, e, app_event_update, app_event_update_to, [&arg(i, "appEvent")?]),
        ("app-event", "delete") => emit!(cmd, e, app_event_delete, app_event_delete_to, [arg(i, "appEventId")?]),
        ("app-event", "status-change") => emit!(
            cmd,
            e,
            app_event_status_change,
            app_event_status_change_to,
            [&arg(i, "appEvent")?, arg(i, "previous")?]
        ),
        ("app-event", "re-open") => {
            let reason: Option<String> = optional_arg(i, "reason")?;
            emit!(
                cmd,
                e,
                app_event_re_open,
                app_event_re_open_to,
                [arg(i, "appEventId")?, reason.as_deref()]
            )
        }
        ("app-event", "typeof") => {
            let proto: String = arg(i, "__proto__")?;
            emit!(
                cmd,
                e,
                app_event_typeof,
                app_event_typeof_to,
                [arg(i, "appEventId")?, &proto]
            )
        }
        ("quickMessage", "delete") => emit!(cmd, e, to: quick_message_delete_to, [arg(i, "quickMessageId")?]),
        ("quickMessage", "custom-thing") => emit!(
            cmd,
            e,
            to: quick_message_custom_thing_to,
            [arg(i, "quickMessageId")?, &arg(i, "payload")?]
        ),
        ("option", "update") => emit!(cmd, e, all: option_update, [&arg(i, "option")?]),
        (event, action) => return Err(format!("the awkward catalog has no {event}/{action}")),
    };
    Ok(sent.map_err(|error| failure!(awkward, error)))
}
