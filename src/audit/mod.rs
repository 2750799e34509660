//! `chatia-socket audit`: parses a JS/TS codebase and reports every Socket.IO call that breaks the
//! naming rule or tenant isolation. The walk finds files, `scan` turns each into facts, the rules
//! turn facts into findings, suppressions and the baseline filter them, and a reporter prints them.

pub mod auth;
pub mod baseline;
pub mod config;
pub mod depth;
pub mod finding;
pub mod impact;
pub mod pattern;
pub mod prefilter;
pub mod project;
pub mod remembered;
pub mod report;
pub mod room_key;
pub mod rules;
pub mod scan;
pub mod shape;
pub mod suppress;
pub mod value;
pub mod walk;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::sync::{mpsc, Mutex};
use std::thread::{Builder, Scope};

use anyhow::Context as _;
use indexmap::IndexMap;
use oxc_allocator::Allocator;
use oxc_span::Span;
use serde::{Deserialize, Serialize};

use self::config::Compiled;
use self::finding::{Finding, LineIndex};
use self::impact::{Impact, ImpactCounts};
use self::pattern::Pattern;
use self::prefilter::Prefilter;
use self::project::{EventSite, FileSummary, JoinedRoom, Project, RoomEmit};
use self::remembered::Memory;
use self::rules::{Context, Hit};
use self::scan::Helper;
use self::value::{Dyn, Str};
use crate::cache::{self, Cache};
use crate::catalog::model::{Catalog, Severity, Wrapper};

/// What to audit and how; built from the command line by `commands::audit`.
#[derive(Debug, Clone)]
pub struct Settings {
    pub paths: Vec<PathBuf>,
    pub catalog: Option<Catalog>,
    pub config: Compiled,
    /// Where audits of unchanged files are remembered ([`remembered`]); `None` audits every file.
    pub cache: Option<Cache>,
}

impl Settings {
    /// The namespace and event patterns: the catalog's, else the settings', else the defaults.
    pub fn conventions(&self) -> (String, String) {
        if let Some(catalog) = &self.catalog {
            return (catalog.conventions.namespace.clone(), catalog.conventions.event.clone());
        }
        let defaults = crate::catalog::model::Conventions::default();
        let own = self.config.conventions.clone().unwrap_or_default();
        (
            own.namespace.unwrap_or(defaults.namespace),
            own.event.unwrap_or(defaults.event),
        )
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    /// Findings' paths are relative to it.
    pub root: PathBuf,
    /// Sorted by path, line, column, rule.
    pub findings: Vec<Finding>,
    pub summary: Summary,
    /// Rules that need `--catalog` and were skipped without one.
    pub skipped: Vec<&'static str>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub emits: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Findings by what they do to tenants.
    pub impacts: ImpactCounts,
}

/// Which findings make the run exit 1: at least `severity`, and of one of `impacts`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailOn {
    pub severity: Severity,
    pub impacts: Vec<Impact>,
}

impl Default for FailOn {
    /// Errors that leak, let the wrong clients in, or lose events; not conventions.
    fn default() -> Self {
        FailOn {
            severity: Severity::Error,
            impacts: Impact::FAILING.to_vec(),
        }
    }
}

impl FailOn {
    pub fn fails(&self, finding: &Finding) -> bool {
        finding.severity >= self.severity && finding.severity != Severity::Off && self.impacts.contains(&finding.impact)
    }
}

impl Report {
    /// Recounts errors, warnings and impacts, e.g. after the baseline removed some findings.
    /// Keeps the findings in `files` (relative to `cwd`), for a run that reads a whole tree to
    /// judge some of its files.
    pub fn keep_only(&mut self, files: &[PathBuf], cwd: &Path) {
        let wanted: HashSet<String> = files
            .iter()
            .filter_map(|file| relative_to(&self.root, &cwd.join(file)))
            .collect();
        self.findings.retain(|finding| wanted.contains(&finding.path));
        self.recount();
    }

    pub fn recount(&mut self) {
        self.summary.errors = self.findings.iter().filter(|f| f.severity == Severity::Error).count();
        self.summary.warnings = self.findings.iter().filter(|f| f.severity == Severity::Warning).count();
        self.summary.impacts = ImpactCounts::of(self.findings.iter().map(|f| f.impact));
    }

    /// Whether any finding makes the run fail.
    pub fn fails(&self, fail_on: &FailOn) -> bool {
        self.findings.iter().any(|f| fail_on.fails(f))
    }
}

/// The stack of each worker thread. oxc's parser needs up to about 1.1 KB of it per level of
/// brackets, which `depth::lexical` bounds in files too large for half the stack to hold a
/// level per byte (`depth::lexical_needed`), and at most about 250 bytes per byte of source for
/// what it nests otherwise (`a ? b : c ? …`, `() => () => …`), up to 4 MiB files: 1 GiB covers
/// that. It is address space, reserved; only what a file really nests is ever touched.
pub const WORKER_STACK: usize = 1 << 30;
/// Smaller stacks to fall back on where the system refuses to reserve the first.
const FALLBACK_STACKS: [usize; 2] = [256 << 20, 64 << 20];

/// Audits the files under `settings.paths` (relative paths are taken from `cwd`): each file
/// ([`audit_each_file`]), then the project as a whole ([`judge_project`]).
pub fn run(settings: &Settings, cwd: &Path) -> anyhow::Result<Report> {
    let engine = Engine::new(settings);
    let audited = audit_each_file(&engine, cwd)?;
    Ok(judge_project(&engine, audited))
}

/// What the files of a tree gave, each audited on its own: the project model's input.
#[derive(Debug, Clone)]
pub struct Audited {
    /// The folder findings are relative to.
    pub root: PathBuf,
    /// How many source files the walk found.
    pub files: usize,
    /// The audits of the files the scanner may find something in (and of those that could not
    /// be read), sorted by path.
    pub audits: Vec<(walk::SourcePath, FileAudit)>,
    /// Some file names a tenant.
    pub tenant_named: bool,
}

/// Scans every file and judges it by the rules, in two passes: every file; then, once the
/// functions found to emit for their callers are known (wrappers and operator-returning
/// helpers, [`Known`]), the files that import them again.
pub fn audit_each_file(engine: &Engine<'_>, cwd: &Path) -> anyhow::Result<Audited> {
    let settings = engine.settings;
    let root = walk::root_of(&settings.paths, cwd);
    let declared = Known {
        wrappers: settings.config.wrappers.clone(),
        helpers: Vec::new(),
    };
    let memory = Memory::open(settings, &root);
    let mut audited = first_pass(engine, root, cwd, &declared, &memory)?;
    let known = Known::found(
        &declared,
        audited
            .audits
            .iter()
            .map(|(_, audit)| (audit.summary.helpers.as_slice(), audit.summary.imports.as_slice())),
    );
    memory.know(&known.helpers);
    let replaced = second_pass(engine, &known, &memory, &mut audited.audits)?;
    remember(&memory, &audited.audits, &replaced);
    Ok(audited)
}

/// Judges what depends on all files (the rooms of `/`, lost events, single-tenant codebases)
/// and gives the report.
pub fn judge_project(engine: &Engine<'_>, audited: Audited) -> Report {
    let settings = engine.settings;
    let mut project = Project {
        multi_tenant: settings.catalog.is_some() || audited.tenant_named,
        ..Project::default()
    };
    let mut findings = Vec::new();
    let mut room_emits = Vec::new();
    let mut sites = Vec::new();
    let mut emits = 0;
    let mut generated = false;
    let mut sources = Vec::with_capacity(audited.audits.len());
    for (source, audit) in audited.audits {
        sources.push(source);
        generated |= audit.summary.generated;
        emits += audit.emits;
        findings.extend(audit.findings);
        project.open_joins.extend(audit.summary.open_joins);
        project.connections.extend(audit.summary.connections);
        room_emits.extend(audit.summary.room_emits);
        sites.extend(audit.summary.events);
    }
    findings.extend(room_emits.into_iter().filter_map(|emit| project.judge_room_emit(emit)));
    if generated {
        project.generated_events = catalog_events(settings);
    } else {
        findings.retain(|finding| !project::SETUP_RULES.contains(&finding.rule));
    }
    let lost = project.judge_lost(sites, &mut findings);
    findings.extend(engine.findings_in_files(&sources, lost));
    findings.iter_mut().for_each(|finding| project.judge(finding));
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    baseline::fingerprint(&mut findings);
    let mut report = Report {
        root: audited.root,
        findings,
        summary: Summary {
            files: audited.files,
            emits,
            ..Summary::default()
        },
        skipped: engine.skipped(),
    };
    report.recount();
    report
}

/// Audits again, knowing `known`, the files that use its helpers; gives back the first pass's
/// audits of them, by index.
fn second_pass(
    engine: &Engine<'_>,
    known: &Known,
    memory: &Memory,
    audits: &mut [(walk::SourcePath, FileAudit)],
) -> anyhow::Result<Vec<(usize, FileAudit)>> {
    let again = known.users(audits);
    if again.is_empty() {
        return Ok(Vec::new());
    }
    let sources: Vec<&walk::SourcePath> = again.iter().map(|&i| &audits[i].0).collect();
    let redone = audit_files(engine, &sources, known, memory)?;
    Ok(redone
        .into_iter()
        .map(|(k, audit)| (again[k], std::mem::replace(&mut audits[again[k]].1, audit)))
        .collect())
}

/// Hands `memory` the first pass's audit of every file and the second's of those it redid.
fn remember(memory: &Memory, audits: &[(walk::SourcePath, FileAudit)], replaced: &[(usize, FileAudit)]) {
    let first: HashMap<usize, &FileAudit> = replaced.iter().map(|(i, audit)| (*i, audit)).collect();
    let alone = audits
        .iter()
        .enumerate()
        .map(|(i, (source, audit))| (source.relative.as_str(), first.get(&i).copied().unwrap_or(audit)));
    let knowing = replaced.iter().map(|(i, _)| (audits[*i].0.relative.as_str(), &audits[*i].1));
    memory.keep(alone, knowing);
}

/// The names chatia-socket's generated code sends and listens to: the catalog's server events
/// as patterns (`company-${companyId}-ticket`).
fn catalog_events(settings: &Settings) -> Vec<Str> {
    // Without the catalog, what the generated code sends is not known: any name.
    let Some(catalog) = &settings.catalog else {
        return vec![Str::dynamic(Dyn::new("event", false))];
    };
    let (_, event) = settings.conventions();
    let company = Str::dynamic(Dyn::new("companyId", false));
    let name = |resource: &String| {
        let mut name = Str::default();
        for (i, piece) in event.replace("{resource}", resource).split("{companyId}").enumerate() {
            if i > 0 {
                name.append(company.clone());
            }
            name.push_lit(piece);
        }
        name
    };
    catalog.events.keys().map(name).collect()
}

/// The functions callers emit through: the declared wrappers, and after the first pass the
/// helpers the files define (emitting for their caller, or returning an operator).
#[derive(Debug, Default)]
pub struct Known {
    pub wrappers: Vec<Wrapper>,
    pub helpers: Vec<Helper>,
}

impl Known {
    /// The helpers the files define, once each; none named like a declared wrapper. Each file
    /// gives the helpers it defines and the names it imports.
    fn found<'a>(declared: &Known, files: impl Iterator<Item = (&'a [Helper], &'a [String])>) -> Known {
        let files: Vec<(&[Helper], &[String])> = files.collect();
        let imported: HashSet<&str> = files
            .iter()
            .flat_map(|(_, imports)| imports.iter().map(String::as_str))
            .collect();
        let mut seen = HashSet::new();
        let mut helpers = Vec::new();
        for helper in files.iter().flat_map(|(helpers, _)| helpers.iter()) {
            let declared_too = declared.wrappers.iter().any(|w| w.name == helper.name);
            if !declared_too && seen.insert(helper.name.as_str()) {
                let mut helper = helper.clone();
                helper.imported = imported.contains(helper.name.as_str());
                helpers.push(helper);
            }
        }
        Known {
            wrappers: declared.wrappers.clone(),
            helpers,
        }
    }

    /// Whether a file that defines `helpers` and imports `imports` uses a helper.
    fn used_by(&self, helpers: &[Helper], imports: &[String]) -> bool {
        let names: HashSet<&str> = self.helpers.iter().map(|h| h.name.as_str()).collect();
        imports.iter().any(|name| names.contains(name.as_str())) || helpers.iter().any(|h| names.contains(h.name.as_str()))
    }

    /// The audits (by index) of files that import or define a helper.
    fn users(&self, audits: &[(walk::SourcePath, FileAudit)]) -> Vec<usize> {
        (0..audits.len())
            .filter(|&i| self.used_by(&audits[i].1.summary.helpers, &audits[i].1.summary.imports))
            .collect()
    }
}

/// `path` relative to `root`, `/`-separated, with `.` and `..` resolved as text; `None` outside it.
fn relative_to(root: &Path, path: &Path) -> Option<String> {
    let normal = |path: &Path| {
        let mut parts: Vec<String> = Vec::new();
        for component in path.components() {
            match component {
                std::path::Component::CurDir => {}
                std::path::Component::ParentDir => {
                    parts.pop();
                }
                other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
            }
        }
        parts
    };
    let (root, path) = (normal(root), normal(path));
    path.strip_prefix(root.as_slice()).map(|rest| rest.join("/"))
}

/// One source file and what the scanner found in it.
pub struct ScannedFile {
    /// Relative to the scanned root, `/`-separated.
    pub relative: String,
    pub text: String,
    pub facts: scan::FileFacts,
}

/// Every readable source file under `settings.paths` with its facts, the helpers the project
/// defines followed into the files that use them, as the audit follows them: what `init`
/// drafts a catalog from. Unreadable files are left out.
pub fn scan_project(settings: &Settings, cwd: &Path) -> anyhow::Result<(PathBuf, Vec<ScannedFile>)> {
    let root = walk::root_of(&settings.paths, cwd);
    let sources = walk::sources(&settings.paths, &root, cwd, &settings.config)?;
    let declared = Known {
        wrappers: settings.config.wrappers.clone(),
        helpers: Vec::new(),
    };
    let mut allocator = Allocator::default();
    let mut scan_file = |path: &Path, text: &str, known: &Known| {
        allocator.reset();
        scan::scan_with(&allocator, path, text, &known.wrappers, &known.helpers)
    };
    let mut files = Vec::new();
    for source in &sources {
        if let Ok(text) = walk::read(&source.path) {
            let facts = scan_file(&source.path, &text, &declared);
            files.push((
                source,
                ScannedFile {
                    relative: source.relative.clone(),
                    text,
                    facts,
                },
            ));
        }
    }
    let known = Known::found(
        &declared,
        files
            .iter()
            .map(|(_, f)| (f.facts.helpers_found.as_slice(), f.facts.imports.as_slice())),
    );
    for (source, file) in &mut files {
        if known.used_by(&file.facts.helpers_found, &file.facts.imports) {
            file.facts = scan_file(&source.path, &file.text, &known);
        }
    }
    Ok((root, files.into_iter().map(|(_, file)| file).collect()))
}

/// Files read but not yet audited that may wait for a worker; beyond it the walk waits, so
/// that memory stays bounded however fast it reads.
const QUEUED_FILES: usize = 256;

/// Walks, reads and audits in one pipeline: the walk's threads read each file and keep only
/// those [`prefilter::Prefilter`] wants, which the workers (with their large stacks) audit while
/// the walk goes on. One file naming a tenant settles it, so the files after it are not searched
/// for one.
fn first_pass(engine: &Engine<'_>, root: PathBuf, cwd: &Path, known: &Known, memory: &Memory) -> anyhow::Result<Audited> {
    let settings = engine.settings;
    let files = Mutex::new(Vec::new());
    let audits = Mutex::new(Vec::new());
    let texts = Mutex::new(Vec::new());
    let tenant_named = AtomicBool::new(false);
    let (send, receive) = mpsc::sync_channel::<(walk::SourcePath, String)>(QUEUED_FILES);
    let receive = Mutex::new(receive);
    let work = || {
        let mut allocator = Allocator::default();
        let mut audited = Share::new(&audits);
        loop {
            // Its own statement, so that the lock is not held while the file is audited.
            let next = receive.lock().expect("no panics while locked").recv();
            let Ok((source, text)) = next else { break };
            let audit = memory.made(|| engine.audit_text(&mut allocator, &source.relative, &source.path, &text, known));
            audited.push((source, audit));
        }
    };
    let unreadable = |source: walk::SourcePath, reason: String| {
        let findings = engine.unreadable(&source.relative, reason);
        let audit = FileAudit {
            findings,
            ..FileAudit::default()
        };
        (source, audit)
    };
    let visitor = |send: &mpsc::SyncSender<(walk::SourcePath, String)>| {
        let (tenant_named, unreadable) = (&tenant_named, &unreadable);
        let (mut walked, mut audited, mut digests) = (Share::new(&files), Share::new(&audits), Share::new(&texts));
        let send = send.clone();
        let mut buffer = Vec::new();
        move |source: walk::SourcePath| {
            // Counted by the digest of its path: paths given twice walk some files twice.
            walked.push(cache::digest(source.relative.as_bytes()));
            if let Err(reason) = walk::read_into(&source.path, &mut buffer) {
                return audited.push(unreadable(source, reason));
            }
            if !tenant_named.load(Ordering::Relaxed) && engine.prefilter.names_a_tenant(&buffer) {
                tenant_named.store(true, Ordering::Relaxed);
            }
            if !engine.prefilter.wanted(&buffer) {
                return;
            }
            let text = match walk::text(&buffer) {
                Ok(text) => text,
                Err(reason) => return audited.push(unreadable(source, reason)),
            };
            let (digest, remembered) = memory.alone(&source.relative, text);
            digests.push((source.relative.clone(), digest));
            match remembered {
                // Remembered: no worker needed.
                Some(audit) => audited.push((source, audit)),
                // A worker that stopped has nothing to give back: the run ends as it ends.
                None => drop(send.send((source, text.to_owned()))),
            }
        }
    };
    std::thread::scope(|scope| {
        scope.spawn(|| memory.preload());
        let spawned = (0..worker_count()).try_for_each(|_| spawn_worker(scope, work));
        let walked = spawned.and_then(|()| walk::each_source(&settings.paths, &root, cwd, &settings.config, || visitor(&send)));
        // The workers stop once the walk has handed over its last file.
        drop(send);
        walked
    })?;
    memory.saw(texts.into_inner().expect("no panics while locked"));
    let mut files = files.into_inner().expect("no panics while locked");
    files.sort_unstable();
    files.dedup();
    let mut audits = audits.into_inner().expect("no panics while locked");
    audits.sort_by(|a, b| a.0.cmp(&b.0));
    audits.dedup_by(|a, b| a.0 == b.0);
    Ok(Audited {
        root,
        files: files.len(),
        audits,
        tenant_named: tenant_named.into_inner(),
    })
}

/// A thread's part of a list the threads fill together, handed over when the thread is done, so
/// that they do not take turns at the list's lock for every item.
struct Share<'a, T> {
    items: Vec<T>,
    into: &'a Mutex<Vec<T>>,
}

impl<'a, T> Share<'a, T> {
    fn new(into: &'a Mutex<Vec<T>>) -> Self {
        Share { items: Vec::new(), into }
    }

    fn push(&mut self, item: T) {
        self.items.push(item);
    }
}

impl<T> Drop for Share<'_, T> {
    fn drop(&mut self) {
        // A poisoned list belongs to a run that is failing anyway.
        if let Ok(mut into) = self.into.lock() {
            into.append(&mut self.items);
        }
    }
}

fn worker_count() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Audits `sources` again on every core, knowing `known`, unless `memory` remembers a file's
/// audit with the same helpers; each audit with its source's index.
fn audit_files(
    engine: &Engine<'_>,
    sources: &[&walk::SourcePath],
    known: &Known,
    memory: &Memory,
) -> anyhow::Result<Vec<(usize, FileAudit)>> {
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(sources.len()));
    let work = || {
        let mut allocator = Allocator::default();
        let mut local = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(&file) = sources.get(i) else { break };
            let fresh = || match walk::read(&file.path) {
                Ok(text) => engine.audit_text(&mut allocator, &file.relative, &file.path, &text, known),
                Err(reason) => FileAudit {
                    findings: engine.unreadable(&file.relative, reason),
                    ..FileAudit::default()
                },
            };
            let audit = memory.recall_knowing(&file.relative).unwrap_or_else(|| memory.made(fresh));
            local.push((i, audit));
        }
        results.lock().expect("no panics while locked").extend(local);
    };
    let threads = worker_count().min(sources.len().max(1));
    std::thread::scope(|scope| (0..threads).try_for_each(|_| spawn_worker(scope, work)))?;
    Ok(results.into_inner().expect("no panics while locked"))
}

/// Starts `work` on a thread with a [`WORKER_STACK`], or the largest fallback the system grants.
fn spawn_worker<'scope>(scope: &'scope Scope<'scope, '_>, work: impl FnOnce() + Send + Copy + 'scope) -> anyhow::Result<()> {
    let mut refused = None;
    for size in std::iter::once(WORKER_STACK).chain(FALLBACK_STACKS) {
        match Builder::new()
            .name("audit".to_owned())
            .stack_size(size)
            .spawn_scoped(scope, move || {
                depth::set_stack(size);
                work()
            }) {
            Ok(_) => return Ok(()),
            Err(err) => refused = Some(err),
        }
    }
    Err(refused.expect("at least one size was tried")).context("cannot start an audit thread")
}

const LOST_EVENT: &str = "lost-event";

/// What auditing one file gives.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FileAudit {
    pub findings: Vec<Finding>,
    /// The emits in it, for the summary line.
    pub emits: usize,
    pub summary: FileSummary,
}

/// The rules with their settings, shared by the worker threads.
pub struct Engine<'s> {
    settings: &'s Settings,
    context: Context<'s>,
    prefilter: Prefilter,
}

impl<'s> Engine<'s> {
    pub fn new(settings: &'s Settings) -> Self {
        let (namespace, event) = settings.conventions();
        let context = Context {
            catalog: settings.catalog.as_ref(),
            event: Pattern::new(&event),
            namespace: Pattern::new(&namespace),
            allow_global: &settings.config.allow_global,
        };
        let prefilter = Prefilter::new(settings.config.wrappers.iter().map(|w| w.name.as_str()));
        Engine {
            settings,
            context,
            prefilter,
        }
    }

    /// Whether a rule runs: not `off`, and its catalog is there if it needs one.
    fn active(&self, id: &str) -> bool {
        let Some(meta) = rules::meta(id) else { return false };
        self.settings.config.severity(id) != Severity::Off && (!meta.needs_catalog || self.settings.catalog.is_some())
    }

    fn skipped(&self) -> Vec<&'static str> {
        if self.settings.catalog.is_some() {
            return Vec::new();
        }
        rules::all()
            .iter()
            .map(|r| r.meta())
            .filter(|m| m.needs_catalog && self.settings.config.severity(m.id) != Severity::Off)
            .map(|m| m.id)
            .collect()
    }

    /// Findings of one file's text, the number of emits in it and what it tells the project.
    pub fn audit_text(&self, allocator: &mut Allocator, relative: &str, path: &Path, text: &str, known: &Known) -> FileAudit {
        allocator.reset();
        let facts = scan::scan_with(allocator, path, text, &known.wrappers, &known.helpers);
        let mut hits = Vec::new();
        for rule in rules::all() {
            if self.active(rule.meta().id) {
                rule.check(&self.context, &facts, &mut hits);
            }
        }
        let index = LineIndex::new(text);
        let suppressions = suppress::parse(&facts.suppressions, &index);
        let hits = suppress::apply(hits, &suppressions, &index, |id| self.active(id));
        let room_emits: HashSet<u32> = facts
            .emits
            .iter()
            .filter(|emit| emit.shared_rooms().is_some())
            .map(|emit| emit.span.start)
            .collect();
        let (deferred, hits): (Vec<Hit>, Vec<Hit>) = hits.into_iter().partition(|hit| {
            (project::ROOM_RULES.contains(&hit.rule) && room_emits.contains(&hit.span.start)) || hit.rule == LOST_EVENT
        });
        let findings = hits
            .into_iter()
            .filter_map(|hit| self.finding(&index, relative, hit))
            .collect();
        let emits = facts.emits.iter().filter(|e| !e.through_helper).count();
        let summary = self.summary(facts, deferred, &index, relative);
        FileAudit {
            findings,
            emits,
            summary,
        }
    }

    /// The file's joins of open rooms of `/`, and its broadcasts to rooms of `/` with the
    /// candidate findings of the room rules, which the project judges.
    fn summary(&self, facts: scan::FileFacts, deferred: Vec<Hit>, index: &LineIndex<'_>, relative: &str) -> FileSummary {
        let open_joins = facts
            .joins
            .iter()
            .filter(|join| join.namespace == scan::SocketNamespace::Default && room_key::open(&join.room))
            .map(|join| JoinedRoom {
                key: join.room.clone(),
                any: join.from_client && !join.checked && !join.server_scoped,
                at: format!("{relative}:{}", index.line(join.span.start as usize)),
            })
            .collect();
        let mut deferred: Vec<Option<Hit>> = deferred.into_iter().map(Some).collect();
        let events = self.event_sites(&facts, &mut deferred, index, relative);
        let mut room_emits = Vec::new();
        for emit in &facts.emits {
            let Some(rooms) = emit.shared_rooms() else { continue };
            let findings: Vec<Finding> = deferred
                .iter_mut()
                .filter(|hit| hit.as_ref().is_some_and(|hit| hit.span == emit.span))
                .filter_map(|hit| self.finding(index, relative, hit.take().expect("just tested")))
                .collect();
            if findings.is_empty() {
                continue;
            }
            room_emits.push(RoomEmit {
                findings,
                open_keys: rooms
                    .iter()
                    .filter(|r| room_key::open(&r.key))
                    .map(|r| r.key.clone())
                    .collect(),
                null_keys: rooms
                    .iter()
                    .flat_map(|r| {
                        room_key::nullable_values(r)
                            .into_iter()
                            .map(|v| room_key::with_null(&r.key, v))
                    })
                    .collect(),
            });
        }
        FileSummary {
            open_joins,
            room_emits,
            helpers: facts.helpers_found,
            imports: facts.imports,
            connections: facts.connections,
            generated: facts.generated,
            events,
        }
    }

    /// The file's server emits and client listeners, each with its `lost-event` candidate.
    fn event_sites(
        &self,
        facts: &scan::FileFacts,
        deferred: &mut [Option<Hit>],
        index: &LineIndex<'_>,
        relative: &str,
    ) -> Vec<EventSite> {
        let path: Arc<str> = Arc::from(relative);
        let mut candidate = |span: Span| {
            deferred
                .iter_mut()
                .find(|hit| hit.as_ref().is_some_and(|hit| hit.rule == LOST_EVENT && hit.span == span))?
                .take()
        };
        let mut sites = Vec::new();
        // A helper's own emit is judged at its calls, which name what it sends.
        for emit in facts
            .emits
            .iter()
            .filter(|e| e.reach != scan::Reach::OtherServers && !e.in_wrapper_definition)
        {
            let namespace = match (&emit.reach, &emit.namespace) {
                (scan::Reach::Namespace, Some(scan::NamespaceArg::Name(name))) => Some(name.as_namespace()),
                (
                    scan::Reach::DefaultNamespace | scan::Reach::DefaultNamespaceRooms | scan::Reach::DefaultNamespaceBroadcast,
                    _,
                ) => Some(Str::lit("/")),
                _ => None,
            };
            // A declared wrapper's call names its event, or none the audit can read.
            let event = match emit.reach {
                scan::Reach::Wrapper => emit.event.clone().filter(|e| !e.is_opaque()),
                _ => rules::judged_emit(emit).cloned(),
            };
            sites.push(EventSite {
                server: true,
                event,
                namespace,
                path: path.clone(),
                line: index.line(emit.span.start as usize),
                candidate: candidate(emit.span),
            });
        }
        for listener in &facts.listeners {
            let listens = matches!(listener.kind, scan::ListenerKind::On | scan::ListenerKind::Once);
            let judged = rules::judged_listener(listener);
            // A reserved event (`connect`) is no event of the server's.
            if !listens || (judged.is_none() && listener.event.as_ref().is_some_and(|e| !e.is_opaque())) {
                continue;
            }
            sites.push(EventSite {
                server: false,
                event: judged.cloned(),
                namespace: None,
                path: path.clone(),
                line: index.line(listener.span.start as usize),
                candidate: candidate(listener.span),
            });
        }
        sites
    }

    fn finding(&self, index: &LineIndex<'_>, relative: &str, hit: Hit) -> Option<Finding> {
        let configured = self.settings.config.severity(hit.rule);
        if configured == Severity::Off {
            return None;
        }
        // A setting wins; otherwise a hit may carry its own severity (tenant-mismatch).
        let severity = match hit.severity {
            Some(own) if !self.settings.config.explicit.contains(&hit.rule) => own,
            _ => configured,
        };
        // A hit may carry its own impact (what the project model knows); the rule's first otherwise.
        let impact = hit.impact.or_else(|| rules::meta(hit.rule).map(|m| m.impacts[0]));
        let judged = (severity, impact.unwrap_or(Impact::Convention));
        Some(index.finding(relative, hit.rule, judged, hit.span, hit.message, hit.hint))
    }

    /// Findings of hits the project model kept, reading their files again for the code frames
    /// (only the files that have one, `sources` being the audited files), on every core.
    fn findings_in_files(&self, sources: &[walk::SourcePath], hits: Vec<(Arc<str>, Hit)>) -> Vec<Finding> {
        let mut by_file: IndexMap<Arc<str>, Vec<Hit>> = IndexMap::new();
        for (path, hit) in hits {
            by_file.entry(path).or_default().push(hit);
        }
        let paths: HashMap<&str, &Path> = sources
            .iter()
            .filter(|f| by_file.contains_key(f.relative.as_str()))
            .map(|f| (f.relative.as_str(), f.path.as_path()))
            .collect();
        let in_files = |files: Vec<(Arc<str>, Vec<Hit>)>| {
            let mut findings = Vec::new();
            for (relative, hits) in files {
                let Some(path) = paths.get(&*relative) else { continue };
                let Ok(text) = walk::read(path) else { continue };
                let index = LineIndex::new(&text);
                findings.extend(hits.into_iter().filter_map(|hit| self.finding(&index, &relative, hit)));
            }
            findings
        };
        let share = by_file.len().div_ceil(worker_count()).max(1);
        let mut files = by_file.into_iter();
        let parts = std::iter::from_fn(|| Some(files.by_ref().take(share).collect::<Vec<_>>()).filter(|part| !part.is_empty()));
        std::thread::scope(|scope| {
            let parts: Vec<_> = parts.map(|part| scope.spawn(move || in_files(part))).collect();
            // In the files' order, whichever thread finishes first.
            parts
                .into_iter()
                .flat_map(|part| part.join().expect("reading findings does not panic"))
                .collect()
        })
    }

    fn unreadable(&self, relative: &str, reason: String) -> Vec<Finding> {
        if !self.active(rules::ParseError::META.id) {
            return Vec::new();
        }
        let hit = rules::ParseError::hit(
            Span::default(),
            format!("not checked: {reason}"),
            "add the file to `exclude` if it is not source",
        );
        self.finding(&LineIndex::new(""), relative, hit).into_iter().collect()
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// Audits one snippet as `x.ts` with default settings and no catalog, on a worker's stack.
    pub fn audit_snippet(source: &str) -> Vec<Finding> {
        let settings = Settings {
            paths: Vec::new(),
            catalog: None,
            config: config::compile(&Default::default(), "").unwrap(),
            cache: None,
        };
        let engine = Engine::new(&settings);
        let found = Mutex::new(Vec::new());
        let work = || {
            let audit = engine.audit_text(
                &mut Allocator::default(),
                "x.ts",
                Path::new("x.ts"),
                source,
                &Known::default(),
            );
            let project = Project::default();
            let mut findings = audit.findings;
            findings.extend(
                audit
                    .summary
                    .room_emits
                    .into_iter()
                    .filter_map(|emit| project.judge_room_emit(emit)),
            );
            *found.lock().unwrap() = findings;
        };
        std::thread::scope(|scope| spawn_worker(scope, work)).unwrap();
        let mut findings = found.into_inner().unwrap();
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        findings
    }
}
