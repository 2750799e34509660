//! Rate limits and payload sizes: what the server drops or refuses.

use super::{found, pointer, Cx, Direction, In, Rule};
use crate::catalog::model::RateScope;
use crate::protocol::Limit;

pub(super) fn check(cx: &mut Cx<'_>) {
    company(cx);
    event_budgets(cx);
    client_events(cx);
}

/// Lower when it allows a smaller burst (`events`) or a smaller rate (`events` per second).
fn trend(old: Limit, new: Limit) -> Option<Rule> {
    if old == new {
        return None;
    }
    let rate = |l: Limit, other: Limit| u128::from(l.events) * u128::from(other.window_seconds);
    let lower = new.events < old.events || rate(new, old) < rate(old, new);
    Some(if lower {
        Rule::RateLimitLowered
    } else {
        Rule::RateLimitRaised
    })
}

fn text(limit: Limit) -> String {
    format!("{} per {} s", limit.events, limit.window_seconds)
}

fn company(cx: &mut Cx<'_>) {
    let (old, new) = (cx.old.rate_limit, cx.new.rate_limit);
    let subject = || "conventions.rateLimit".to_owned();
    let at = || pointer(&["conventions", "rateLimit"]);
    if let Some(rule) = trend(old, new) {
        let message = format!("the company rate limit went from {} to {}", text(old), text(new));
        cx.push(found(rule, Direction::ServerToClient, subject(), message, In::New, at()));
    }
    if cx.old.rate_scope != cx.new.rate_scope {
        let (rule, message) = match cx.new.rate_scope {
            RateScope::Cluster => (
                Rule::RateLimitLowered,
                "the company rate limit is now shared by every server (`scope: cluster`)",
            ),
            RateScope::Process => (
                Rule::RateLimitRaised,
                "the company rate limit is now counted by each server on its own (`scope: process`)",
            ),
        };
        cx.push(found(
            rule,
            Direction::ServerToClient,
            subject(),
            message.to_owned(),
            In::New,
            at(),
        ));
    }
}

/// An event's own budget, counted before the company's: none means only the company's.
fn event_budgets(cx: &mut Cx<'_>) {
    let pairs: Vec<_> = cx
        .old
        .events
        .iter()
        .filter_map(|o| cx.new.event(&o.resource).map(|n| (n.resource.clone(), o.budget, n.budget)))
        .collect();
    for (resource, old, new) in pairs {
        let (rule, message) = match (old, new) {
            (Some(o), Some(n)) => match trend(o, n) {
                Some(rule) => (
                    rule,
                    format!("the budget of event `{resource}` went from {} to {}", text(o), text(n)),
                ),
                None => continue,
            },
            (None, Some(n)) => (
                Rule::RateLimitLowered,
                format!("event `{resource}` now has a budget of its own, {}", text(n)),
            ),
            (Some(o), None) => (
                Rule::RateLimitRaised,
                format!("event `{resource}` no longer has a budget of its own ({} before)", text(o)),
            ),
            (None, None) => continue,
        };
        let at = pointer(&["events", &resource, "rateLimit"]);
        cx.push(found(
            rule,
            Direction::ServerToClient,
            format!("events.{resource}.rateLimit"),
            message,
            In::New,
            at,
        ));
    }
}

/// Each client event's limits as resolved: a changed default counts for every event that uses it.
fn client_events(cx: &mut Cx<'_>) {
    let pairs: Vec<_> = cx
        .old
        .client_events
        .iter()
        .filter_map(|o| cx.new.client_events.iter().find(|n| n.name == o.name).map(|n| (o, n)))
        .map(|(o, n)| (n.name.clone(), (o.rate_limit, n.rate_limit), (o.max_bytes, n.max_bytes)))
        .collect();
    for (name, (old_rate, new_rate), (old_bytes, new_bytes)) in pairs {
        if let Some(rule) = trend(old_rate, new_rate) {
            let message = format!(
                "the rate limit of client event `{name}` went from {} to {}",
                text(old_rate),
                text(new_rate)
            );
            let at = pointer(&["clientEvents", &name, "rateLimit"]);
            cx.push(found(
                rule,
                Direction::ClientToServer,
                format!("clientEvents.{name}.rateLimit"),
                message,
                In::New,
                at,
            ));
        }
        if old_bytes != new_bytes {
            let rule = if new_bytes < old_bytes {
                Rule::MaxBytesLowered
            } else {
                Rule::MaxBytesRaised
            };
            let message = format!("the size limit of client event `{name}` went from {old_bytes} to {new_bytes} bytes");
            let at = pointer(&["clientEvents", &name, "maxBytes"]);
            cx.push(found(
                rule,
                Direction::ClientToServer,
                format!("clientEvents.{name}.maxBytes"),
                message,
                In::New,
                at,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limit(events: u64, window_seconds: u64) -> Limit {
        Limit { events, window_seconds }
    }

    #[test]
    fn a_limit_is_lower_when_its_burst_or_its_rate_is() {
        assert_eq!(trend(limit(20, 1), limit(20, 1)), None);
        assert_eq!(trend(limit(20, 1), limit(10, 1)), Some(Rule::RateLimitLowered));
        assert_eq!(
            trend(limit(20, 1), limit(20, 2)),
            Some(Rule::RateLimitLowered),
            "same burst, half the rate"
        );
        assert_eq!(
            trend(limit(20, 1), limit(30, 2)),
            Some(Rule::RateLimitLowered),
            "larger burst, lower rate"
        );
        assert_eq!(
            trend(limit(20, 1), limit(40, 2)),
            Some(Rule::RateLimitRaised),
            "same rate, larger burst"
        );
        assert_eq!(trend(limit(20, 2), limit(20, 1)), Some(Rule::RateLimitRaised));
        assert_eq!(
            trend(limit(1000, 60), limit(100, 5)),
            Some(Rule::RateLimitLowered),
            "higher rate, smaller burst"
        );
    }
}
