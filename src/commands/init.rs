use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::audit::Settings;
use crate::cli::InitArgs;
use crate::exit::ExitStatus;
use crate::init::yaml::plural;
use crate::init::Draft;

pub fn run(args: InitArgs) -> Result<ExitStatus> {
    if args.output.exists() || args.output.is_symlink() {
        bail!(
            "{} exists; init never replaces a file\n  hint: pass `--output` to draft into another file, then merge what you need",
            args.output.display()
        );
    }
    for path in &args.from {
        if !path.exists() {
            bail!(
                "{} does not exist\n  hint: `--from` takes the folders of the backend and frontend code",
                path.display()
            );
        }
    }
    let config = match super::audit::compiled_config(args.config.as_deref(), None)? {
        Ok(config) => config,
        Err(diagnostics) => {
            super::print_diagnostics(&diagnostics)?;
            return Ok(ExitStatus::Error);
        }
    };
    let settings = Settings {
        paths: args.from.clone(),
        catalog: None,
        config,
        cache: None,
    };
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    let (_, files) = crate::audit::scan_project(&settings, &cwd)?;
    if files.is_empty() {
        bail!("no JavaScript or TypeScript file was found under the `--from` paths\n  hint: point `--from` at the folders holding the Socket.IO code");
    }
    let from: Vec<String> = args.from.iter().map(|p| p.display().to_string()).collect();
    let (text, draft) = crate::init::catalog(&files, &from.join(", "))?;
    write_new(&args.output, &text)?;
    anstream::eprintln!("{}", summary(&args.output, &draft));
    Ok(ExitStatus::Success)
}

/// Writes `text` to a new file at `path` whole, or not at all; an existing file is kept.
fn write_new(path: &Path, text: &str) -> Result<()> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::with_prefix_in(".chatia-init-", folder)
        .with_context(|| format!("cannot write in {}", folder.display()))?;
    temp.write_all(text.as_bytes())?;
    temp.as_file().sync_all()?;
    temp.persist_noclobber(path).map_err(|err| match err.error.kind() {
        std::io::ErrorKind::AlreadyExists => anyhow::anyhow!("{} appeared while drafting; it was left as it is", path.display()),
        _ => anyhow::Error::new(err.error).context(format!("cannot write {}", path.display())),
    })?;
    Ok(())
}

fn summary(path: &Path, draft: &Draft) -> String {
    let actions: usize = draft
        .events
        .values()
        .map(|e| e.actions.values().filter(|a| !a.placeholder).count())
        .sum();
    let fields: usize = draft.events.values().map(|e| e.fields.len()).sum();
    let mut text = format!(
        "drafted {}: {} ({}, {}), {}, {} from {}",
        path.display(),
        plural(draft.events.len(), "event"),
        plural(actions, "action"),
        plural(fields, "field"),
        plural(draft.rooms.len(), "room"),
        plural(draft.client_events.len(), "client event"),
        plural(draft.files, "file"),
    );
    if !draft.left_out.is_empty() {
        text.push_str(&format!(
            "; {} left out, listed at the end of the file",
            plural(draft.left_out.len(), "site")
        ));
    }
    text.push_str(&format!(
        "\nnext: review the `# guessed from` comments, then `chatia-socket check --catalog {}`",
        path.display()
    ));
    text
}
