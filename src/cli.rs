//! Command-line definitions. Each subcommand's arguments become a plain settings struct in
//! `commands`, so nothing past this file sees clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// `0.1.0 (1a2b3c4 2026-12-03)`: the release and the commit it was built from.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (", env!("CHATIA_SOCKET_COMMIT"), ")");

pub const DEFAULT_CATALOG: &str = "socket-events.yaml";

#[derive(Debug, Parser)]
#[command(
    name = "chatia-socket",
    version = VERSION,
    about = "One event catalog for the Socket.IO layer of ChatIA Flow: generated emitters, types, hooks and docs, and an audit of existing code.",
    after_help = "Exit status: 0 ok, 1 drift or findings, 2 usage or input error.\n\nExamples:\n  chatia-socket check --catalog socket-events.yaml\n  chatia-socket gen --out-dir scratch\n  chatia-socket gen --check\n  chatia-socket export asyncapi --output asyncapi.json\n  chatia-socket audit backend/src frontend/src --format sarif > audit.sarif"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Generate every output the catalog names, or check them for drift.
    #[command(
        after_help = "Examples:\n  chatia-socket gen                              write all outputs next to the catalog\n  chatia-socket gen --out-dir scratch            write them under scratch/ instead\n  chatia-socket gen --target typescript-types    only the payload types\n  chatia-socket gen --check                      CI: exit 1 and print a diff on drift\n  chatia-socket gen --watch                      regenerate on every save of the catalog"
    )]
    Gen(GenArgs),
    /// Draft a first catalog from existing code: its events, rooms, client events and conventions.
    #[command(
        after_help = "Exit status: 0 drafted, 2 usage or input error (an existing output is never replaced).\n\nExamples:\n  chatia-socket init --from backend/src --from frontend/src\n  chatia-socket init --from backend/src frontend/src --output socket-events.draft.yaml\n  chatia-socket init --from . --config chatia-audit.yaml    follow the wrappers the audit settings declare\n\nThen: chatia-socket check, and chatia-socket audit --catalog socket-events.yaml on the same code."
    )]
    Init(InitArgs),
    /// Validate the catalog and report every problem at once.
    #[command(
        after_help = "Examples:\n  chatia-socket check --catalog fixtures/chatia/socket-events.yaml\n  chatia-socket check --no-cache      validate again even if the catalog has not changed"
    )]
    Check(CheckArgs),
    /// Print the catalog's JSON Schema (draft 2020-12).
    #[command(after_help = "Example:\n  chatia-socket schema > schemas/catalog.schema.json")]
    Schema,
    /// Refresh the generated sections of WEBSOCKET.md in place.
    #[command(after_help = "Examples:\n  chatia-socket docs\n  chatia-socket docs --check")]
    Docs(DocsArgs),
    /// Report Socket.IO calls that break the naming rule or tenant isolation.
    #[command(
        after_help = "Examples:\n  chatia-socket audit backend/src frontend/src\n  chatia-socket audit --catalog socket-events.yaml --format sarif > audit.sarif\n  chatia-socket audit . --fail-on leak,unguarded      fail only on these impacts\n  chatia-socket audit --explain global-emit\n  chatia-socket audit . --only src/services/TicketService.ts      only this file's findings, the whole tree read\n  chatia-socket audit . --no-cache      parse every file, even those unchanged since the last run"
    )]
    Audit(AuditArgs),
    /// Describe the catalog in another format (AsyncAPI 3.0).
    #[command(
        subcommand,
        after_help = "Example:\n  chatia-socket export asyncapi --catalog socket-events.yaml --output asyncapi.json"
    )]
    Export(ExportCommand),
    /// List what deployed clients and servers would notice between two catalogs, breaking or compatible.
    #[command(
        after_help = "Exit status: 0 no breaking change, 1 breaking changes (not --allow'ed), 2 usage or input error.\n\nExamples:\n  chatia-socket diff old.yaml new.yaml\n  chatia-socket diff --against origin/main                       origin/main's socket-events.yaml vs the work tree's\n  chatia-socket diff --against v1.4.0 --catalog fixtures/chatia/socket-events.yaml --format json\n  chatia-socket diff old.yaml new.yaml --allow action-removed    list it, but do not fail on it\n  chatia-socket diff --rules                                     every rule, its verdict in each direction, and why"
    )]
    Diff(DiffArgs),
    /// Print a shell completion script.
    #[command(after_help = "Example:\n  chatia-socket completions bash > /etc/bash_completion.d/chatia-socket")]
    Completions { shell: clap_complete::Shell },
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Print the catalog as an AsyncAPI 3.0 document, seen from the server: what it sends, what it receives.
    #[command(
        after_help = "Exit status: 0 ok, 2 usage or input error (a bad catalog is reported as by `check`; nothing is written).\n\nExamples:\n  chatia-socket export asyncapi                                      JSON on stdout\n  chatia-socket export asyncapi --format yaml > asyncapi.yaml\n  chatia-socket export asyncapi --catalog socket-events.yaml --output docs/asyncapi.json"
    )]
    Asyncapi(AsyncapiArgs),
}

#[derive(Debug, Args)]
pub struct AsyncapiArgs {
    #[command(flatten)]
    pub catalog: CatalogArg,
    /// JSON, or block-style YAML.
    #[arg(long, value_enum, default_value = "json")]
    pub format: ExportFormatArg,
    /// Write the document to FILE (whole, by renaming a temporary file) instead of stdout; only a
    /// new file or an earlier export is replaced.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormatArg {
    Json,
    Yaml,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folders or files of the backend and the frontend to read.
    #[arg(long, value_name = "PATH", num_args = 1.., required = true)]
    pub from: Vec<PathBuf>,
    /// Where to write the draft; an existing file is never replaced.
    #[arg(long, value_name = "FILE", default_value = DEFAULT_CATALOG)]
    pub output: PathBuf,
    /// Audit settings (wrappers, include and exclude globs) to read the code with.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CatalogArg {
    /// The event catalog.
    #[arg(long, value_name = "PATH", default_value = DEFAULT_CATALOG)]
    pub catalog: PathBuf,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub catalog: CatalogArg,
    #[command(flatten)]
    pub cache: CacheArg,
}

#[derive(Debug, Args)]
pub struct CacheArg {
    /// Neither read nor write the cache of earlier results (kept in the user's cache folder, or
    /// in CHATIA_SOCKET_CACHE_DIR); a result comes from the cache only when every input is the same.
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Write outputs under DIR instead of next to the catalog (paths keep their relative layout).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Write nothing; exit 1 and print a unified diff when an output would change.
    #[arg(long)]
    pub check: bool,
    /// Let outputs leave the catalog's folder through `..` or a symbolic link.
    #[arg(long)]
    pub allow_outside: bool,
}

#[derive(Debug, Args)]
pub struct GenArgs {
    #[command(flatten)]
    pub catalog: CatalogArg,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Only these targets (repeatable).
    #[arg(long, value_enum, value_name = "NAME")]
    pub target: Vec<TargetArg>,
    /// Overwrite files at output paths even when chatia-socket did not write them.
    #[arg(long)]
    pub force: bool,
    /// Stay running and regenerate each time the catalog is saved; a broken save is reported
    /// and the previous outputs are kept.
    #[arg(long, conflicts_with = "check")]
    pub watch: bool,
    #[command(flatten)]
    pub cache: CacheArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TargetArg {
    Rust,
    TypescriptServer,
    TypescriptTypes,
    React,
    Docs,
}

#[derive(Debug, Args)]
pub struct DocsArgs {
    #[command(flatten)]
    pub catalog: CatalogArg,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Folders or files to scan.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// The event catalog; without it the catalog rules are skipped.
    #[arg(long, value_name = "PATH")]
    pub catalog: Option<PathBuf>,
    /// Audit settings in a file of their own (the catalog's `audit:` section otherwise).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: FormatArg,
    /// What makes the run exit 1, comma-separated: a severity (`error`, or `warning` for both)
    /// and impacts (`leak`, `unguarded`, `lost`, `convention`). Without impacts, a severity alone
    /// fails on any impact; by default, errors that leak, are unguarded or lost.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "SEVERITY|IMPACT,...")]
    pub fail_on: Vec<FailOnArg>,
    /// Report only findings that are not in this baseline.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record today's findings as the baseline and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Print the documentation of a rule and exit.
    #[arg(long, value_name = "RULE")]
    pub explain: Option<String>,
    /// Report only the findings in these files (put it last: it takes every argument after it).
    /// The PATHs are still read whole, so what other files emit, join and listen to is known:
    /// for a pre-commit hook or a pull request's changed files.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub only: Vec<PathBuf>,
    #[command(flatten)]
    pub cache: CacheArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Text,
    Json,
    Sarif,
    Github,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old catalog: what clients and servers run today.
    #[arg(
        value_name = "OLD",
        requires = "new",
        conflicts_with = "against",
        required_unless_present_any = ["against", "rules"]
    )]
    pub old: Option<PathBuf>,
    /// The new catalog.
    #[arg(value_name = "NEW")]
    pub new: Option<PathBuf>,
    /// Read the old catalog from this git revision (`git show GIT_REF:PATH`) and the new one from `--catalog`.
    #[arg(long, value_name = "GIT_REF")]
    pub against: Option<String>,
    /// With `--against`: the catalog in the work tree.
    #[arg(long, value_name = "PATH", requires = "against", default_value = DEFAULT_CATALOG)]
    pub catalog: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormatArg,
    /// Accept the changes of this rule: still listed, marked allowed, and they do not fail the run (repeatable).
    #[arg(long, value_name = "RULE")]
    pub allow: Vec<String>,
    /// Print every rule with its verdict in each direction, and exit.
    #[arg(long, exclusive = true)]
    pub rules: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormatArg {
    Text,
    Json,
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOnArg {
    Warning,
    Error,
    Leak,
    Unguarded,
    Lost,
    Convention,
}
