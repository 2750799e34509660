//! The validation parity corpus of a catalog's client events: valid and invalid argument lists,
//! each with the code the contract (`{ ok: true }` or `error.code`) says a server answers.
//!
//!   cargo run --example client_corpus -- CATALOG OUT.json [SEED]
//!
//! Deterministic: the same catalog and seed give the same bytes. Cases are built, not guessed:
//! each starts from arguments generated valid from the resolved protocol, and each mutation is one
//! the contract refuses (a wrong type, a missing field, an unknown key, an oversize payload, …),
//! so the expected code follows from how the case was made, in the contract's order: size, then
//! shape and the required callback (`invalid-payload`), then ownership (`forbidden`, by the
//! harness rule below), then `ok`. Bursts exercise the per-socket rate limit.
//!
//! The harness servers' ownership rule (TypeScript and Rust alike): an event the catalog marks
//! `authorize` is refused when an argument named `id` or `…Id` is an integer of 1000 or more, or
//! when any object inside an argument (at any depth, inside arrays too) has such a key with such a
//! value; everything else is allowed. `harness/corpus/README.md` says how a server is driven.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use chatia_socket::catalog::load;
use chatia_socket::catalog::model::TypeExpr;
use chatia_socket::protocol::{resolve, ClientEvent, FieldDecl, ParamType, Protocol, RoomActionKind, RoomDecl, TypeKind};
use serde::Serialize;
use serde_json::{json, Map, Value};

const DEFAULT_SEED: u64 = 20_240_501;
/// Rounds over the events go on until there are this many cases.
const TARGET_CASES: usize = 1200;
/// Each round gives every event with arguments a valid starting point and this many mutations.
const MUTATIONS_PER_BASE: usize = 5;
/// Events without arguments have little to vary.
const ROUNDS_WITHOUT_ARGS: usize = 3;
/// `Number.MAX_SAFE_INTEGER`: the largest integer the contract accepts.
const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;
/// Values nested deeper than this get no optional fields and empty arrays and maps.
const MAX_DEPTH: usize = 3;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("client_corpus: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<()> {
    let (catalog, out, seed) = match args {
        [catalog, out] => (catalog, out, DEFAULT_SEED),
        [catalog, out, seed] => (catalog, out, seed.parse().context("SEED is a number")?),
        _ => bail!("usage: client_corpus CATALOG OUT.json [SEED]"),
    };
    let loaded = load(Path::new(catalog))?;
    let protocol = resolve(&loaded)?;
    if protocol.client_events.is_empty() {
        bail!("{catalog} declares no client events");
    }
    let corpus = Builder::new(&protocol, seed).build();
    let text = serde_json::to_string_pretty(&corpus)? + "\n";
    std::fs::write(out, text).with_context(|| format!("cannot write {out}"))?;
    let sends: usize = corpus.bursts.iter().map(|b| b.sends.len()).sum();
    println!(
        "{out}: {} cases and {} bursts ({sends} sends) for {} client events",
        corpus.cases.len(),
        corpus.bursts.len(),
        corpus.events.len()
    );
    Ok(())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Corpus {
    about: String,
    catalog: String,
    seed: u64,
    authorize_rule: &'static str,
    /// What a runner needs to know of each event: its argument names (for the ownership rule),
    /// its limits (to keep ordinary cases under them) and its acknowledgement.
    events: Map<String, Value>,
    /// Independent cases: a runner may send them on any socket, as long as no socket sends more
    /// arrivals of one event than its rate limit allows in one window.
    cases: Vec<Case>,
    /// Each burst on a fresh socket, its sends in order and at once.
    bursts: Vec<Burst>,
}

#[derive(Serialize, Clone)]
struct Case {
    id: usize,
    event: String,
    args: Vec<Value>,
    /// Whether the client passes an acknowledgement callback.
    callback: bool,
    /// What the contract says: `ok` or the refusal's code.
    expect: &'static str,
    /// What the client observes: `ok` or a code through its callback, or no reply at all (`null`):
    /// without a callback, and for a success of an event whose catalog declares no ack.
    reply: Option<&'static str>,
    why: String,
}

#[derive(Serialize)]
struct Burst {
    id: usize,
    event: String,
    why: String,
    sends: Vec<Case>,
}

const AUTHORIZE_RULE: &str = "For an event with `authorize: true`: refused when an argument named `id` or ending in `Id` is an integer >= 1000, or when any object inside an argument (at any depth, arrays included) has a key `id` or ending in `Id` whose value is an integer >= 1000; otherwise allowed. Events without `authorize` never ask.";

/// splitmix64: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Where a value sits and what the catalog allows there.
#[derive(Clone)]
struct Slot {
    ty: TypeExpr,
    nullable: bool,
    /// A DTO field or an argument of this name: the ownership rule looks at names.
    name: Option<String>,
}

impl Slot {
    fn of(field: &FieldDecl) -> Self {
        Slot {
            ty: field.ty.clone(),
            nullable: field.nullable,
            name: Some(field.name.clone()),
        }
    }

    fn item(ty: &TypeExpr) -> Self {
        Slot {
            ty: ty.clone(),
            nullable: false,
            name: None,
        }
    }
}

#[derive(Clone, Debug)]
enum Step {
    Index(usize),
    Key(String),
}

/// A value of the arguments that a mutation may replace, and a DTO object it may reshape.
struct Site {
    path: Vec<Step>,
    slot: Slot,
    /// The DTO's fields when the value is a DTO object.
    dto: Option<Vec<FieldDecl>>,
}

struct Builder<'p> {
    protocol: &'p Protocol,
    rng: Rng,
    seed: u64,
    next_id: usize,
    cases: Vec<Case>,
}

impl<'p> Builder<'p> {
    fn new(protocol: &'p Protocol, seed: u64) -> Self {
        Builder {
            protocol,
            rng: Rng(seed),
            seed,
            next_id: 0,
            cases: Vec::new(),
        }
    }

    fn build(mut self) -> Corpus {
        let protocol = self.protocol;
        let events = &protocol.client_events;
        for event in events {
            self.arity_cases(event);
            self.size_cases(event);
        }
        self.unknown_cases();
        self.room_cases();
        for round in 0..ROUNDS_WITHOUT_ARGS {
            for event in events.iter().filter(|e| e.args.is_empty()) {
                self.round(event, round);
            }
        }
        let mut round = 0;
        while self.cases.len() < TARGET_CASES && events.iter().any(|e| !e.args.is_empty()) {
            for event in events.iter().filter(|e| !e.args.is_empty()) {
                self.round(event, round);
            }
            round += 1;
        }
        let bursts = protocol.client_events.iter().map(|event| self.burst(event)).collect();
        Corpus {
            about: "Generated by `cargo run --example client_corpus`; see harness/corpus/README.md. Do not edit.".to_owned(),
            catalog: protocol.catalog_name.clone(),
            seed: self.seed,
            authorize_rule: AUTHORIZE_RULE,
            events: protocol
                .client_events
                .iter()
                .map(|e| (e.name.clone(), event_info(e)))
                .collect(),
            cases: self.cases,
            bursts,
        }
    }

    /// A valid starting point and mutations of it; every few rounds, ids the rule refuses and a
    /// send without a callback.
    fn round(&mut self, event: &ClientEvent, round: usize) {
        let args = self.valid_args(event);
        self.push(event, args.clone(), true, true, "valid".to_owned());
        for _ in 0..MUTATIONS_PER_BASE {
            if let Some((mutated, why)) = self.mutate(event, &args) {
                self.push(event, mutated, false, true, why);
            }
        }
        if round.is_multiple_of(3) {
            self.ownership_cases(event, &args);
        }
        if round.is_multiple_of(6) {
            self.push(event, args, true, false, "valid, sent without a callback".to_owned());
        }
    }

    /// Records a case; its expected code follows the contract's order.
    fn push(&mut self, event: &ClientEvent, args: Vec<Value>, shape_valid: bool, callback: bool, why: String) {
        let expect = expected(event, &args, shape_valid, callback);
        let case = self.case(event, args, callback, expect, why);
        self.cases.push(case);
    }

    fn case(&mut self, event: &ClientEvent, args: Vec<Value>, callback: bool, expect: &'static str, why: String) -> Case {
        let id = self.next_id;
        self.next_id += 1;
        Case {
            id,
            event: event.name.clone(),
            args,
            callback,
            expect,
            reply: observed(event.ack.is_some(), expect, callback),
            why,
        }
    }

    fn valid_args(&mut self, event: &ClientEvent) -> Vec<Value> {
        let required = event.args.iter().take_while(|a| !a.optional).count();
        let sent = required + self.rng.below(event.args.len() - required + 1);
        event.args[..sent]
            .iter()
            .map(|arg| {
                if arg.nullable && self.rng.chance(25) {
                    Value::Null
                } else {
                    self.valid(&Slot::of(arg), 0)
                }
            })
            .collect()
    }

    fn valid(&mut self, slot: &Slot, depth: usize) -> Value {
        let is_id = slot.name.as_deref().is_some_and(is_id_name);
        match &slot.ty {
            TypeExpr::Integer if is_id => json!(self.rng.below(1000)),
            TypeExpr::Integer => self.rng.pick(&valid_integers()).clone(),
            TypeExpr::Number => self.rng.pick(&valid_numbers()).clone(),
            TypeExpr::String => json!(self.rng.pick(STRINGS)),
            TypeExpr::Boolean => json!(self.rng.chance(50)),
            TypeExpr::DateTime => json!(self.rng.pick(VALID_DATETIMES)),
            TypeExpr::Array(inner) => {
                let count = if depth >= MAX_DEPTH { 0 } else { self.rng.below(4) };
                Value::Array((0..count).map(|_| self.valid(&Slot::item(inner), depth + 1)).collect())
            }
            TypeExpr::Map(inner) => {
                let count = if depth >= MAX_DEPTH { 0 } else { self.rng.below(3) };
                let mut map = Map::new();
                for _ in 0..count {
                    let key = *self.rng.pick(MAP_KEYS);
                    let value = self.valid(&Slot::item(inner), depth + 1);
                    map.insert(key.to_owned(), value);
                }
                Value::Object(map)
            }
            TypeExpr::Named(name) => self.valid_named(name, depth),
        }
    }

    fn valid_named(&mut self, name: &str, depth: usize) -> Value {
        let protocol = self.protocol;
        match protocol.type_decl(name).map(|d| &d.kind) {
            Some(TypeKind::Enum(values)) => json!(self.rng.pick(values)),
            Some(TypeKind::Dto(fields)) => {
                let mut object = Map::new();
                for field in fields {
                    if field.optional && (depth >= MAX_DEPTH || self.rng.chance(40)) {
                        continue;
                    }
                    let value = if field.nullable && self.rng.chance(25) {
                        Value::Null
                    } else {
                        self.valid(&Slot::of(field), depth + 1)
                    };
                    object.insert(field.name.clone(), value);
                }
                Value::Object(object)
            }
            None => Value::Null,
        }
    }

    /// One mutation the contract refuses, chosen at random among those the arguments allow.
    fn mutate(&mut self, event: &ClientEvent, args: &[Value]) -> Option<(Vec<Value>, String)> {
        let sites = self.sites(event, args);
        if sites.is_empty() {
            return None;
        }
        let mut mutated = args.to_vec();
        match self.rng.below(4) {
            0 | 1 => {
                let site = self.rng.pick(&sites);
                let (wrong, what) = self.wrong_value(&site.slot)?;
                set(&mut mutated, &site.path, wrong.clone());
                Some((mutated, format!("{what} at {}", describe(&site.path))))
            }
            2 => {
                let dtos: Vec<&Site> = sites.iter().filter(|s| s.dto.is_some()).collect();
                if dtos.is_empty() {
                    return None;
                }
                let site = *self.rng.pick(&dtos);
                let fields = site.dto.as_ref()?;
                let present: Vec<&FieldDecl> = fields.iter().filter(|f| !f.optional).collect();
                if !present.is_empty() && self.rng.chance(50) {
                    let field = *self.rng.pick(&present);
                    remove_key(&mut mutated, &site.path, &field.name);
                    return Some((
                        mutated,
                        format!("required field `{}` missing at {}", field.name, describe(&site.path)),
                    ));
                }
                let key = self.unknown_key(fields);
                insert_key(&mut mutated, &site.path, &key, json!(1));
                Some((mutated, format!("unknown key {key:?} at {}", describe(&site.path))))
            }
            _ => {
                let site = self.rng.pick(&sites);
                if site.slot.nullable || matches!(get(&mutated, &site.path), Some(Value::Null)) {
                    return None;
                }
                set(&mut mutated, &site.path, Value::Null);
                Some((mutated, format!("null where not nullable at {}", describe(&site.path))))
            }
        }
    }

    /// Every value of the arguments with its slot, depth first.
    fn sites(&self, event: &ClientEvent, args: &[Value]) -> Vec<Site> {
        let mut sites = Vec::new();
        for (index, (arg, value)) in event.args.iter().zip(args).enumerate() {
            self.walk(value, &Slot::of(arg), vec![Step::Index(index)], &mut sites);
        }
        sites
    }

    fn walk(&self, value: &Value, slot: &Slot, path: Vec<Step>, sites: &mut Vec<Site>) {
        let dto = match (&slot.ty, value) {
            (TypeExpr::Named(name), Value::Object(_)) => self.protocol.dto_fields(name).map(<[FieldDecl]>::to_vec),
            _ => None,
        };
        match (&slot.ty, value) {
            (TypeExpr::Array(inner), Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    self.walk(item, &Slot::item(inner), extend(&path, Step::Index(i)), sites);
                }
            }
            (TypeExpr::Map(inner), Value::Object(map)) => {
                for (key, item) in map {
                    self.walk(item, &Slot::item(inner), extend(&path, Step::Key(key.clone())), sites);
                }
            }
            (TypeExpr::Named(_), Value::Object(object)) => {
                for field in dto.iter().flatten() {
                    if let Some(item) = object.get(&field.name) {
                        self.walk(item, &Slot::of(field), extend(&path, Step::Key(field.name.clone())), sites);
                    }
                }
            }
            _ => {}
        }
        sites.push(Site {
            path,
            slot: slot.clone(),
            dto,
        });
    }

    /// A value the slot's type refuses, and what it is; never `null` (a mutation of its own).
    fn wrong_value(&mut self, slot: &Slot) -> Option<(Value, String)> {
        let candidates: Vec<(Value, &str)> = match &slot.ty {
            TypeExpr::Integer => vec![
                (json!("5"), "an integer as text"),
                (json!(1.5), "a fraction for an integer"),
                (json!(9_007_199_254_740_992_u64), "2^53 for an integer"),
                (json!(-9_007_199_254_740_992_i64), "-2^53 for an integer"),
                (json!(true), "a boolean for an integer"),
                (json!([]), "an array for an integer"),
            ],
            TypeExpr::Number => vec![
                (json!("1.5"), "a number as text"),
                (json!(false), "a boolean for a number"),
                (json!({}), "an object for a number"),
            ],
            TypeExpr::String => vec![
                (json!(5), "a number for a string"),
                (json!(true), "a boolean for a string"),
                (json!(["a"]), "an array for a string"),
                (json!({}), "an object for a string"),
            ],
            TypeExpr::Boolean => vec![
                (json!(0), "0 for a boolean"),
                (json!(1), "1 for a boolean"),
                (json!("true"), "a boolean as text"),
            ],
            TypeExpr::DateTime => {
                let text = *self.rng.pick(INVALID_DATETIMES);
                vec![
                    (json!(text), "an invalid date-time"),
                    (json!(1_714_564_800), "a number for a date-time"),
                ]
            }
            TypeExpr::Array(inner) => {
                let item = self.wrong_value(&Slot::item(inner)).map(|(v, _)| v);
                let mut list = vec![(json!({}), "an object for an array"), (json!("[]"), "text for an array")];
                if let Some(item) = item {
                    list.push((json!([item]), "an array with an invalid item"));
                }
                list
            }
            TypeExpr::Map(inner) => {
                let item = self.wrong_value(&Slot::item(inner)).map(|(v, _)| v);
                let mut list = vec![(json!([]), "an array for a map"), (json!("{}"), "text for a map")];
                if let Some(item) = item {
                    list.push((json!({ "k": item }), "a map with an invalid value"));
                }
                list
            }
            TypeExpr::Named(name) => match self.protocol.enum_values(name) {
                Some(values) => wrong_enum_values(values)
                    .into_iter()
                    .map(|v| (json!(v), "a value outside the enum"))
                    .collect(),
                None => vec![
                    (json!([]), "an array for an object"),
                    (json!("{}"), "text for an object"),
                    (json!(7), "a number for an object"),
                ],
            },
        };
        let (value, what) = self.rng.pick(&candidates).clone();
        Some((value, what.to_owned()))
    }

    fn unknown_key(&mut self, fields: &[FieldDecl]) -> String {
        let mut keys: Vec<String> = ["extra", "__proto__", "constructor", "toString"]
            .iter()
            .map(|k| (*k).to_owned())
            .collect();
        // A field's name in another case is another key: keys are case-sensitive.
        keys.extend(
            fields
                .iter()
                .map(|f| f.name.to_uppercase())
                .filter(|k| fields.iter().all(|f| &f.name != k)),
        );
        self.rng.pick(&keys).clone()
    }

    /// Ids at or above 1000: `forbidden` where the event authorizes, `ok` elsewhere; and the same
    /// with an invalid value too, which shape refuses before ownership is asked.
    fn ownership_cases(&mut self, event: &ClientEvent, args: &[Value]) {
        let sites = self.sites(event, args);
        let ids: Vec<&Site> = sites
            .iter()
            .filter(|s| s.slot.ty == TypeExpr::Integer && s.slot.name.as_deref().is_some_and(is_id_name))
            .collect();
        let Some(site) = ids.first() else { return };
        let big = *self.rng.pick(&[1000_u64, 4242, 999_999, 9_007_199_254_740_991]);
        let mut owned = args.to_vec();
        set(&mut owned, &site.path, json!(big));
        let why = format!(
            "{} = {big}: the harness rule refuses it where the event authorizes",
            describe(&site.path)
        );
        self.push(event, owned.clone(), true, true, why);
        if let Some((invalid, what)) = self.mutate(event, &owned) {
            self.push(
                event,
                invalid,
                false,
                true,
                format!("{what}, with an id the rule refuses: shape comes first"),
            );
        }
    }

    fn arity_cases(&mut self, event: &ClientEvent) {
        let required = event.args.iter().take_while(|a| !a.optional).count();
        let args = self.valid_args(event);
        if required > 0 {
            self.push(
                event,
                args[..required - 1].to_vec(),
                false,
                true,
                "one required argument missing".to_owned(),
            );
            self.push(event, Vec::new(), false, true, "no arguments".to_owned());
        }
        let mut all: Vec<Value> = event.args.iter().map(|arg| self.valid(&Slot::of(arg), 0)).collect();
        self.push(event, all.clone(), true, true, "every argument, optional ones too".to_owned());
        all.push(json!("one too many"));
        self.push(event, all.clone(), false, true, "one argument too many".to_owned());
        all.push(json!(null));
        self.push(event, all, false, true, "two arguments too many".to_owned());
    }

    /// Payloads exactly at `maxBytes` and one byte over, padded with 1- to 4-byte characters so
    /// the count is of UTF-8 bytes, not of characters; and one far over.
    fn size_cases(&mut self, event: &ClientEvent) {
        let max = event.max_bytes as usize;
        for attempt in 0..8 {
            let args = self.valid_args(event);
            let sites = self.sites(event, &args);
            let text = sites
                .iter()
                .find(|s| s.slot.ty == TypeExpr::String && !matches!(get(&args, &s.path), Some(Value::Null)));
            let map = sites
                .iter()
                .find(|s| matches!(s.slot.ty, TypeExpr::Map(_)) && matches!(get(&args, &s.path), Some(Value::Object(_))));
            let mut padded = |target: usize| -> Option<Vec<Value>> {
                if let Some(site) = text {
                    return pad(&args, target, |args, content| set(args, &site.path, json!(content)));
                }
                let site = map?;
                let filler = self.valid_map_item(site);
                pad(&args, target, |args, content| {
                    insert_key(args, &site.path, &format!("pad:{content}"), filler.clone())
                })
            };
            let (Some(at), Some(over)) = (padded(max), padded(max + 1)) else {
                if attempt < 7 {
                    continue;
                }
                break;
            };
            self.push(event, at, true, true, format!("exactly {max} bytes of JSON"));
            self.push(
                event,
                over.clone(),
                true,
                true,
                format!("{} bytes of JSON, one over the limit", max + 1),
            );
            return;
        }
        let mut far = self.valid_args(event);
        far.push(json!("x".repeat(max)));
        self.push(
            event,
            far,
            false,
            true,
            "an extra argument far over the size limit".to_owned(),
        );
    }

    fn valid_map_item(&mut self, site: &Site) -> Value {
        match &site.slot.ty {
            TypeExpr::Map(inner) => self.valid(&Slot::item(inner), MAX_DEPTH),
            _ => Value::Null,
        }
    }

    fn unknown_cases(&mut self) {
        let taken: Vec<&str> = self.protocol.client_events.iter().map(|e| e.name.as_str()).collect();
        let long = "x".repeat(300);
        let mut names: Vec<String> = UNKNOWN_EVENTS.iter().map(|n| (*n).to_owned()).collect();
        names.push(long);
        for event in &self.protocol.client_events {
            names.push(event.name.to_uppercase());
            names.push(format!("{} ", event.name));
        }
        names.retain(|n| !taken.contains(&n.as_str()));
        names.dedup();
        for (i, name) in names.iter().enumerate() {
            let args = match i % 3 {
                0 => vec![],
                1 => vec![json!(5)],
                _ => vec![json!({ "ticketId": 5 }), json!("x")],
            };
            let callback = i % 5 != 4;
            let id = self.next_id;
            self.next_id += 1;
            self.cases.push(Case {
                id,
                event: name.clone(),
                args,
                callback,
                expect: "not-found",
                reply: callback.then_some("not-found"),
                why: "not a client event of the catalog".to_owned(),
            });
        }
    }

    /// `room:join` and `room:leave` requests for each joinable room: valid ones (ids under the
    /// harness rule's 1000, so the ownership check allows them), and each way a request is not one
    /// (`invalid-payload`, before the ownership check): a key too many, a parameter missing or of
    /// the wrong type, a number that is not a safe integer, a room that is not joinable.
    fn room_cases(&mut self) {
        let protocol = self.protocol;
        let mut requests: Vec<(Value, &'static str, String)> = Vec::new();
        for room in protocol.joinable_rooms() {
            let valid = self.room_request(room);
            requests.push((valid.clone(), "ok", format!("a valid request for {}", room.name)));
            let mut extra = valid.clone();
            extra["extra"] = json!(1);
            requests.push((
                extra,
                "invalid-payload",
                "a key that is not a parameter of the room".to_owned(),
            ));
            for param in &room.params {
                let mut missing = valid.clone();
                missing.as_object_mut().expect("a request is an object").remove(&param.name);
                requests.push((missing, "invalid-payload", format!("{} left out", param.name)));
                for wrong in wrong_room_values(&param.ty) {
                    let mut changed = valid.clone();
                    changed[&param.name] = wrong;
                    requests.push((changed, "invalid-payload", format!("{} of the wrong type", param.name)));
                }
            }
        }
        for room in protocol.rooms.iter().filter(|r| !r.joinable) {
            let request = self.room_request(room);
            requests.push((request, "invalid-payload", format!("{} is not joinable", room.name)));
        }
        for not_a_request in [
            json!(null),
            json!("ticket"),
            json!([]),
            json!({}),
            json!({ "room": "no-such-room" }),
        ] {
            requests.push((not_a_request, "invalid-payload", "not a room request".to_owned()));
        }
        for (i, (request, expect, why)) in requests.into_iter().enumerate() {
            for event in ["room:join", "room:leave"] {
                let callback = i % 4 != 3;
                let id = self.next_id;
                self.next_id += 1;
                self.cases.push(Case {
                    id,
                    event: event.to_owned(),
                    args: vec![request.clone()],
                    callback,
                    expect,
                    reply: callback.then_some(expect),
                    why: why.clone(),
                });
            }
        }
    }

    /// `{ room: "<name>", <param>: <valid value>, … }`.
    fn room_request(&mut self, room: &RoomDecl) -> Value {
        let mut request = Map::new();
        request.insert("room".to_owned(), json!(room.name));
        for param in &room.params {
            let value = match &param.ty {
                ParamType::Integer => json!(1 + self.rng.below(998)),
                ParamType::String => json!(format!("s{}", self.rng.below(100))),
                ParamType::Enum(name) => json!(self.rng.pick(self.protocol.enum_values(name).unwrap_or_default())),
            };
            request.insert(param.name.clone(), value);
        }
        Value::Object(request)
    }

    /// The limit's worth of arrivals, valid and not, then three more: all `rate-limited`, since
    /// every arrival counts and the limit comes before every other check.
    fn burst(&mut self, event: &ClientEvent) -> Burst {
        let limit = event.rate_limit.events as usize;
        let mut sends = Vec::new();
        for i in 0..limit + 3 {
            let args = self.valid_args(event);
            let (args, valid, why) = match self.mutate(event, &args) {
                Some((mutated, what)) if i % 3 == 1 => (mutated, false, what),
                _ => (args, true, "valid".to_owned()),
            };
            let expect = if i < limit {
                expected(event, &args, valid, true)
            } else {
                "rate-limited"
            };
            let why = if i < limit { why } else { format!("{why}, beyond the limit") };
            sends.push(self.case(event, args, true, expect, why));
        }
        let id = self.next_id;
        self.next_id += 1;
        Burst {
            id,
            event: event.name.clone(),
            why: format!(
                "{} arrivals at once where {} per {} s pass",
                limit + 3,
                limit,
                event.rate_limit.window_seconds
            ),
            sends,
        }
    }
}

fn event_info(event: &ClientEvent) -> Value {
    let ack = match &event.ack {
        None => "none",
        Some(ack) if ack.required => "required",
        Some(_) => "optional",
    };
    let serves = match event.room.as_ref().map(|r| r.kind) {
        None => "handler",
        Some(RoomActionKind::Join) => "join",
        Some(RoomActionKind::Leave) => "leave",
    };
    json!({
        "args": event.args.iter().map(|a| a.name.clone()).collect::<Vec<_>>(),
        "serves": serves,
        "ack": ack,
        "replyData": event.ack.as_ref().is_some_and(|a| a.ty.is_some()),
        "authorize": event.authorize,
        "rateLimit": { "events": event.rate_limit.events, "windowSeconds": event.rate_limit.window_seconds },
        "maxBytes": event.max_bytes,
    })
}

/// The contract's code for arguments of known shape: size, shape and callback, ownership, ok.
fn expected(event: &ClientEvent, args: &[Value], shape_valid: bool, callback: bool) -> &'static str {
    let required_ack = event.ack.as_ref().is_some_and(|a| a.required);
    if json_bytes(args) > event.max_bytes as usize || !shape_valid || (required_ack && !callback) {
        "invalid-payload"
    } else if event.authorize && denied(event, args) {
        "forbidden"
    } else {
        "ok"
    }
}

/// Values a room parameter of this type does not take.
fn wrong_room_values(ty: &ParamType) -> Vec<Value> {
    match ty {
        ParamType::Integer => vec![json!("7"), json!(1.5), json!(MAX_SAFE_INTEGER + 1), json!(null)],
        ParamType::String => vec![json!(7), json!(null), json!(["s"])],
        ParamType::Enum(_) => vec![json!("not-a-value"), json!(1)],
    }
}

fn observed(has_ack: bool, expect: &'static str, callback: bool) -> Option<&'static str> {
    let unanswered = !callback || (expect == "ok" && !has_ack);
    (!unanswered).then_some(expect)
}

/// The size the contract measures: `JSON.stringify(args)` in UTF-8 bytes. serde_json writes the
/// same text as `JSON.stringify` for the values built here (no floats it spells differently).
fn json_bytes(args: &[Value]) -> usize {
    serde_json::to_string(args).expect("values serialise").len()
}

fn is_id_name(name: &str) -> bool {
    name == "id" || name.ends_with("Id")
}

/// The harness's ownership rule; see `AUTHORIZE_RULE`.
fn denied(event: &ClientEvent, args: &[Value]) -> bool {
    let big = |v: &Value| v.as_i64().is_some_and(|n| (1000..=MAX_SAFE_INTEGER).contains(&n));
    let by_name = event
        .args
        .iter()
        .zip(args)
        .any(|(arg, value)| is_id_name(&arg.name) && big(value));
    by_name || args.iter().any(|value| deep_denied(value, &big))
}

fn deep_denied(value: &Value, big: &impl Fn(&Value) -> bool) -> bool {
    match value {
        Value::Object(map) => map
            .iter()
            .any(|(key, item)| (is_id_name(key) && big(item)) || deep_denied(item, big)),
        Value::Array(items) => items.iter().any(|item| deep_denied(item, big)),
        _ => false,
    }
}

/// The arguments with a pad string whose content makes their JSON exactly `target` bytes.
fn pad(args: &[Value], target: usize, place: impl Fn(&mut Vec<Value>, &str)) -> Option<Vec<Value>> {
    let mut trial = args.to_vec();
    place(&mut trial, "");
    let base = json_bytes(&trial);
    let content = fill(target.checked_sub(base)?);
    let mut padded = args.to_vec();
    place(&mut padded, &content);
    (json_bytes(&padded) == target).then_some(padded)
}

/// Text of exactly `bytes` UTF-8 bytes that JSON writes as is: 2-, 3- and 4-byte characters,
/// then ASCII to make up the count.
fn fill(bytes: usize) -> String {
    let mut text = String::new();
    for c in ['é', '€', '😀'].iter().cycle() {
        if bytes - text.len() < c.len_utf8() + 4 {
            break;
        }
        text.push(*c);
    }
    while text.len() < bytes {
        text.push('a');
    }
    text
}

fn extend(path: &[Step], step: Step) -> Vec<Step> {
    let mut path = path.to_vec();
    path.push(step);
    path
}

fn get<'a>(args: &'a [Value], path: &[Step]) -> Option<&'a Value> {
    let (Step::Index(first), rest) = path.split_first()? else {
        return None;
    };
    let mut value = args.get(*first)?;
    for step in rest {
        value = match step {
            Step::Index(i) => value.get(*i)?,
            Step::Key(k) => value.get(k)?,
        };
    }
    Some(value)
}

fn get_mut<'a>(args: &'a mut [Value], path: &[Step]) -> Option<&'a mut Value> {
    let (Step::Index(first), rest) = path.split_first()? else {
        return None;
    };
    let mut value = args.get_mut(*first)?;
    for step in rest {
        value = match step {
            Step::Index(i) => value.get_mut(*i)?,
            Step::Key(k) => value.get_mut(k)?,
        };
    }
    Some(value)
}

fn set(args: &mut [Value], path: &[Step], new: Value) {
    if let Some(slot) = get_mut(args, path) {
        *slot = new;
    }
}

fn insert_key(args: &mut [Value], path: &[Step], key: &str, value: Value) {
    if let Some(Value::Object(object)) = get_mut(args, path) {
        object.insert(key.to_owned(), value);
    }
}

fn remove_key(args: &mut [Value], path: &[Step], key: &str) {
    if let Some(Value::Object(object)) = get_mut(args, path) {
        object.shift_remove(key);
    }
}

/// `argument 1 .ticket.tags[0]`.
fn describe(path: &[Step]) -> String {
    let mut text = String::new();
    for (i, step) in path.iter().enumerate() {
        match (i, step) {
            (0, Step::Index(index)) => {
                let _ = write!(text, "argument {}", index + 1);
            }
            (_, Step::Index(index)) => {
                let _ = write!(text, "[{index}]");
            }
            (_, Step::Key(key)) => {
                let _ = write!(text, ".{key}");
            }
        }
    }
    text
}

/// Spellings close to an enum's values that are none of them: another case, a space, the
/// decomposed form of an accented letter (another string of code points), nothing at all.
fn wrong_enum_values(values: &[String]) -> Vec<String> {
    let mut wrong = vec![String::new(), "unknown-value".to_owned()];
    for value in values {
        wrong.push(value.to_uppercase());
        wrong.push(value.to_lowercase());
        wrong.push(format!("{value} "));
        let decomposed: String = value
            .chars()
            .flat_map(|c| match c {
                'Ü' => vec!['U', '\u{308}'],
                'ï' => vec!['i', '\u{308}'],
                'ö' => vec!['o', '\u{308}'],
                'é' => vec!['e', '\u{301}'],
                other => vec![other],
            })
            .collect();
        wrong.push(decomposed);
    }
    wrong.retain(|w| !values.contains(w));
    wrong.dedup();
    wrong
}

fn valid_integers() -> Vec<Value> {
    vec![
        json!(0),
        json!(1),
        json!(-1),
        json!(42),
        json!(1000),
        json!(123_456),
        json!(9_007_199_254_740_991_i64),
        json!(-9_007_199_254_740_991_i64),
    ]
}

/// Numbers JSON.stringify and serde_json spell alike: integers, and short fractions.
fn valid_numbers() -> Vec<Value> {
    vec![
        json!(0),
        json!(3),
        json!(-7),
        json!(1.5),
        json!(-2.25),
        json!(9.99),
        json!(1234.5),
    ]
}

const STRINGS: &[&str] = &[
    "",
    "a",
    "Olá, tudo bem?",
    "quote \" and backslash \\",
    "emoji 🎉 and 日本語",
    "line\nbreak\ttab",
    "</script><!--",
    "\u{2028}\u{2029}",
    "null",
    "0",
];

/// No key named like an id: the ownership rule reads keys too.
const MAP_KEYS: &[&str] = &["a", "b", "key with space", "ü", "__proto__", "constructor", "0"];

const VALID_DATETIMES: &[&str] = &[
    "2024-05-01T12:00:00Z",
    "2024-05-01T12:34:56.789Z",
    "2024-02-29T23:59:59.123456789+05:30",
    "2000-02-29T00:00:00-03:00",
    "1999-12-31T23:59:59.5Z",
    "0001-01-01T00:00:00+00:00",
    "2023-11-30T08:15:00-00:00",
];

/// Each breaks one rule of the contract's `datetime`; offsets stay within ±23:59, which the
/// contract does not spell out.
const INVALID_DATETIMES: &[&str] = &[
    "2024-02-30T00:00:00Z",
    "2023-02-29T00:00:00Z",
    "1900-02-29T00:00:00Z",
    "2024-13-01T00:00:00Z",
    "2024-00-10T00:00:00Z",
    "2024-04-31T00:00:00Z",
    "2024-01-01T24:00:00Z",
    "2024-01-01T00:60:00Z",
    "2024-01-01T00:00:60Z",
    "2024-01-01 00:00:00Z",
    "2024-01-01T00:00:00",
    "2024-01-01t00:00:00z",
    "2024-01-01T00:00:00.Z",
    "2024-01-01T00:00:00.1234567890Z",
    "2024-1-01T00:00:00Z",
    "24-01-01T00:00:00Z",
    "2024-01-01T00:00:00+0530",
    "2024-01-01T00:00:00+05",
    "2024-01-01",
    "",
];

/// Names no catalog here uses; socket.io-client refuses to emit its reserved names, so none of those.
const UNKNOWN_EVENTS: &[&str] = &[
    "joinchatbox",
    "room:joins",
    "room:join ",
    "__proto__",
    "toString",
    "hasOwnProperty",
    "valueOf",
    "",
    "🎉",
    "company-1-ticket",
    "ping",
    "a\u{0}b",
    "quote\"d",
    "back\\slash",
    "line\nbreak",
];
