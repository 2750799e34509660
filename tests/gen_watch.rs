//! `gen --watch` as a user meets it: it stays up, regenerates after each save that changes the
//! catalog, reports a broken save with its position and keeps the outputs, and recovers on the
//! next good save.

use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const TYPES: &str = "shared/socket/events.ts";

/// The watching process, with its stdout and stderr lines as they come.
struct Watch {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Watch {
    fn start(catalog: &Path) -> Watch {
        let mut child = Command::new(env!("CARGO_BIN_EXE_chatia-socket"))
            .env("NO_COLOR", "1")
            .args(["gen", "--target", "typescript-types", "--watch", "--catalog"])
            .arg(catalog)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (sender, lines) = mpsc::channel();
        forward(child.stdout.take().unwrap(), sender.clone());
        forward(child.stderr.take().unwrap(), sender);
        Watch {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Waits for a line containing `text` and takes it. stdout and stderr come through separate
    /// pipes, so lines not taken yet are kept: their order across the two is not known.
    fn take(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(at) = self.seen.iter().position(|line| line.contains(text)) {
                self.seen.remove(at);
                return;
            }
            assert!(
                Instant::now() < deadline,
                "no line with `{text}` within 20 s; not taken: {:#?}",
                self.seen
            );
            if let Ok(line) = self.lines.recv_timeout(Duration::from_millis(100)) {
                self.seen.push(line);
            }
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn forward(stream: impl Read + Send + 'static, sender: mpsc::Sender<String>) {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
}

/// Saves the way editors that write a temporary file and rename it over the original do.
fn save_by_rename(path: &Path, text: &str) {
    let temporary = path.with_extension("yaml.swp");
    fs::write(&temporary, text).unwrap();
    fs::rename(&temporary, path).unwrap();
}

#[test]
fn regenerates_on_each_save_and_survives_a_broken_one() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("socket-events.yaml");
    let original = fs::read_to_string("fixtures/chatia/socket-events.yaml").unwrap();
    fs::write(&catalog, &original).unwrap();
    let mut watch = Watch::start(&catalog);
    let wrote = format!("wrote     {}", dir.path().join(TYPES).display());
    watch.take(&wrote);
    watch.take("watching");
    assert!(dir.path().join(TYPES).is_file(), "the first run writes the outputs");

    let archived = original.replace("enum: [open, pending, closed]", "enum: [open, pending, closed, archived]");
    assert_ne!(archived, original);
    fs::write(&catalog, &archived).unwrap();
    watch.take("changed");
    watch.take(&wrote);
    let types = fs::read_to_string(dir.path().join(TYPES)).unwrap();
    assert!(types.contains("\"archived\""), "the outputs follow the save");

    fs::write(&catalog, format!("{archived}\n  : broken: [\n")).unwrap();
    watch.take("changed");
    watch.take("error[yaml-syntax]");
    watch.take("nothing was written");
    assert_eq!(
        fs::read_to_string(dir.path().join(TYPES)).unwrap(),
        types,
        "a broken save keeps the outputs"
    );
    assert!(
        watch.child.try_wait().unwrap().is_none(),
        "a broken save does not stop the watch"
    );

    save_by_rename(&catalog, &original);
    watch.take("changed");
    watch.take(&wrote);
    assert!(!fs::read_to_string(dir.path().join(TYPES)).unwrap().contains("\"archived\""));
}

#[test]
fn watch_and_check_do_not_go_together() {
    let output = Command::new(env!("CARGO_BIN_EXE_chatia-socket"))
        .args(["gen", "--watch", "--check", "--catalog", "fixtures/chatia/socket-events.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot be used with"));
}
