//! Crash recovery. Every running lab window holds an *instance slot*: an advisory lock (the
//! operating system's, released when the process ends however it ends) on
//! `instances/<n>.lock` in the data directory — the first free `n`. Each session it holds is
//! written to a recovery file of its own, `recovery/<n>-<id>-<name>.ron`: a snapshot of the
//! session (a session file like any other), and beside it a journal `….journal` of what
//! happened since, one RON line per change, appended and flushed as it happens — so keeping
//! the recovery file current costs what one change costs, not what the session weighs.
//!
//! A new snapshot is written before its journal is replaced, and the old journal first notes
//! that it is coming (with the hash of its text, the file and whether it is unsaved): however
//! the program is ended, the pair on disk tells what the session was and whether it was saved.
//!
//! At start, the recovery files of slots that no running instance holds are what crashed (or
//! was ended by a signal with unsaved changes): the window offers them, one at a time, and
//! touches none of them until the user has chosen. A journal is read line by line: a line that
//! cannot be read (damaged, or cut short by the crash) is skipped and named, everything else is
//! kept, and a damaged journal is never deleted — it is moved to `recovery/damaged/`. Only
//! regular files are read, and at most [`MAX_JOURNAL_BYTES`] of a journal. A clean exit
//! removes the instance's recovery files; nobody ever removes another instance's lock.

use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::file::{Fnv, LoadedSession, SessionError, SessionFile, parse_session};
use super::store::{Backup, file_stem, write_file};
use super::{Applied, StepMark, to_text};
use crate::lab::Outcome;
use crate::scenario::{Expectation, ScenarioError, StepResultKind};

const INSTANCES: &str = "instances";
const RECOVERY: &str = "recovery";
/// Where damaged recovery files are moved (inside `recovery/`), never deleted.
const DAMAGED: &str = "damaged";
/// The most lines of damage a journal's offer and resume list (then how many more).
const MAX_PROBLEMS: usize = 1000;
/// The most of a journal that is read: one short line per change, far more than any session
/// that loads holds.
pub const MAX_JOURNAL_BYTES: u64 = crate::scenario::MAX_FILE_BYTES;

/// Whether `path` is one of the recovery files kept in `data_dir`.
pub fn is_recovery_file(data_dir: &Path, path: &Path) -> bool {
    let folder = |p: &Path| p.canonicalize().ok();
    path.parent().and_then(folder).is_some_and(|parent| {
        folder(&data_dir.join(RECOVERY)).is_some_and(|recovery| parent == recovery)
    })
}

/// This process's slot: held until it ends.
#[derive(Debug)]
pub struct Instance {
    dir: PathBuf,
    slot: u32,
    /// Holding the file holds the lock.
    _lock: File,
    /// The next session id (for recovery file names).
    next_id: u32,
}

impl Instance {
    /// Takes the first free slot in `data_dir`.
    pub fn acquire(data_dir: &Path) -> io::Result<Instance> {
        let instances = data_dir.join(INSTANCES);
        fs::create_dir_all(&instances)?;
        fs::create_dir_all(data_dir.join(RECOVERY))?;
        for slot in 0..1024 {
            let mut options = fs::OpenOptions::new();
            options.create(true).truncate(false).write(true);
            // Something planted that is not a file (a FIFO would block the open) is skipped.
            let Some(lock) = open_regular(&instances.join(format!("{slot}.lock")), &options)?
            else {
                continue;
            };
            match lock.try_lock() {
                Ok(()) => {
                    return Ok(Instance {
                        dir: data_dir.to_owned(),
                        slot,
                        _lock: lock,
                        next_id: 0,
                    });
                }
                Err(fs::TryLockError::WouldBlock) => continue,
                Err(fs::TryLockError::Error(e)) => return Err(e),
            }
        }
        Err(io::Error::other(
            "more than 1024 lab windows use this data directory",
        ))
    }

    pub fn slot(&self) -> u32 {
        self.slot
    }

    /// A new recovery file for a session called `name`: a name no file has yet (this slot's
    /// crashed holder may have left files that are still to be offered).
    pub fn recovery_file(&mut self, name: &str) -> RecoveryFile {
        loop {
            let id = self.next_id;
            self.next_id += 1;
            let stem = format!("{}-{id}-{}", self.slot, file_stem(name, "session"));
            let snapshot = self.dir.join(RECOVERY).join(format!("{stem}.ron"));
            let journal = snapshot.with_extension("journal");
            if !snapshot.exists() && !journal.exists() {
                return RecoveryFile {
                    snapshot,
                    journal,
                    writer: None,
                    #[cfg(test)]
                    crash_after: None,
                };
            }
        }
    }

    /// What earlier runs left to recover: the recovery files of slots no running instance
    /// holds (this one's included: it was free when this instance took it), newest first.
    /// Call it at start, before this instance writes any.
    pub fn left_behind(&self) -> Vec<LeftBehind> {
        let mut found = Vec::new();
        let snapshots = fs::read_dir(self.dir.join(RECOVERY))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .filter(|p| {
                self.slot_of(p)
                    .is_some_and(|slot| !self.held_by_another(slot))
            });
        for left in snapshots.filter_map(|p| LeftBehind::read(&p)) {
            // A session that crashed with nothing unsaved has nothing to recover.
            if left.unsaved {
                found.push(left);
            } else {
                left.discard();
            }
        }
        self.remove_orphan_journals();
        // Versions before recovery files kept one autosave and a marker file.
        let legacy = self.dir.join("autosave.ron");
        if self.dir.join("running.lock").exists()
            && let Some(autosave) = LeftBehind::read(&legacy)
        {
            found.push(autosave);
        }
        found.sort_by(|a, b| b.changed.cmp(&a.changed).then(a.snapshot.cmp(&b.snapshot)));
        found
    }

    /// Journals whose snapshot is gone: a removal ended between the two (the snapshot goes
    /// first), and the journal goes too; one that holds changes (its snapshot was deleted by
    /// hand) cannot be resumed without it, and is moved to `recovery/damaged/`, not deleted.
    fn remove_orphan_journals(&self) {
        let journals = fs::read_dir(self.dir.join(RECOVERY))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "journal"));
        for journal in journals {
            let free = self
                .slot_of(&journal)
                .is_some_and(|slot| !self.held_by_another(slot));
            if !free || fs::symlink_metadata(journal.with_extension("ron")).is_ok() {
                continue;
            }
            let read = read_journal(&journal, None);
            let changes = read.entries.iter().any(|(_, line)| match line {
                Line::Entry(entry) => entry.changes_session(),
                Line::DamagedStep => true,
            });
            if changes || !read.problems.is_empty() {
                let _ = move_aside(&journal.with_extension("ron"));
            } else {
                let _ = fs::remove_file(journal);
            }
        }
    }

    fn slot_of(&self, snapshot: &Path) -> Option<u32> {
        let name = snapshot.file_name()?.to_str()?;
        name.split('-').next()?.parse().ok()
    }

    /// Whether another running instance holds `slot`.
    fn held_by_another(&self, slot: u32) -> bool {
        if slot == self.slot {
            return false;
        }
        let path = self.dir.join(INSTANCES).join(format!("{slot}.lock"));
        let mut options = fs::OpenOptions::new();
        options.read(true);
        let Ok(Some(file)) = open_regular(&path, &options) else {
            return false;
        };
        // Taking it for a moment tells; the lock goes with `file` at the end of this call.
        matches!(file.try_lock(), Err(fs::TryLockError::WouldBlock))
    }
}

/// One change to a session, as the journal keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum JournalEntry {
    /// The journal's first line: the file the session belongs to (None: not saved yet),
    /// whether the snapshot holds changes not saved there, and the hash of the snapshot's
    /// text it follows (None in journals of versions before 3.1: any snapshot).
    Start {
        file: Option<PathBuf>,
        unsaved: bool,
        #[serde(default)]
        snapshot: Option<String>,
    },
    /// An action taken by hand.
    Applied(Applied),
    /// The scenario player ran its next step: what it applied, if anything, and its mark.
    Step {
        applied: Option<Applied>,
        mark: StepMark,
    },
    /// An expectation added by hand at the position.
    Expect(Expectation),
    /// The position moved (back, forward, to an entry).
    Goto(usize),
    /// A replaced branch was restored.
    Restore(usize),
    /// A replaced branch was let go.
    Discard(usize),
    /// The window state now (the computer looked at, the inspector, every desktop's).
    View(super::view::ViewFile),
    /// The session as it is here is about to be saved to `file` as a text that hashes to
    /// `hash`: if the file holds that text, the save was made.
    Saving { file: PathBuf, hash: String },
    /// A new snapshot (the hash of its text) is about to replace the one this journal
    /// follows: the session as it is now, which from here belongs to `file` and is `unsaved`
    /// or not (a save just wrote it there).
    Snapshot {
        hash: String,
        file: Option<PathBuf>,
        unsaved: bool,
    },
}

impl JournalEntry {
    /// Whether it changes the session (the window state alone does not make it unsaved).
    fn changes_session(&self) -> bool {
        match self {
            JournalEntry::Applied(_)
            | JournalEntry::Step { .. }
            | JournalEntry::Expect(_)
            | JournalEntry::Goto(_)
            | JournalEntry::Restore(_)
            | JournalEntry::Discard(_) => true,
            JournalEntry::Start { .. }
            | JournalEntry::View(_)
            | JournalEntry::Saving { .. }
            | JournalEntry::Snapshot { .. } => false,
        }
    }

    /// The entry as one journal line, newline included.
    fn line(&self) -> Result<String, ron::Error> {
        let mut line = ron::to_string(self)?;
        line.push('\n');
        Ok(line)
    }
}

/// A session's recovery file: a snapshot and a journal.
#[derive(Debug)]
pub struct RecoveryFile {
    snapshot: PathBuf,
    journal: PathBuf,
    writer: Option<File>,
    /// Tests end a snapshot after one of its steps, as a kill would.
    #[cfg(test)]
    crash_after: Option<SnapshotStep>,
}

/// The steps of [`RecoveryFile::snapshot_text`] a kill can come between.
#[cfg(test)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SnapshotStep {
    /// The old journal noted the new snapshot.
    Noted,
    /// The new snapshot replaced the old one.
    Written,
}

impl RecoveryFile {
    pub fn path(&self) -> &Path {
        &self.snapshot
    }

    /// Writes the whole session and starts an empty journal after it, noting its file and
    /// whether the session has changes not saved there.
    pub fn snapshot(
        &mut self,
        file: &SessionFile,
        own: Option<&Path>,
        unsaved: bool,
    ) -> Result<(), SessionError> {
        let text = to_text(file).map_err(|e| SessionError::Write {
            path: self.snapshot.clone(),
            source: io::Error::other(e.to_string()),
        })?;
        self.snapshot_text(&text, own, unsaved)
    }

    /// [`RecoveryFile::snapshot`] of a session already written as `text` (a save just wrote
    /// it: nothing slow comes between the save and the journal's note of it). In order, each
    /// step leaving a pair that says what the session is: the journal notes the new snapshot;
    /// the snapshot replaces the old one; a new journal that follows it replaces the old one.
    pub fn snapshot_text(
        &mut self,
        text: &str,
        own: Option<&Path>,
        unsaved: bool,
    ) -> Result<(), SessionError> {
        let journal = self.journal.clone();
        let fail = |source| SessionError::Write {
            path: journal.clone(),
            source,
        };
        let hash = Fnv::of(text);
        let file = own.map(Path::to_owned);
        if self.writer.is_some() {
            self.append(&JournalEntry::Snapshot {
                hash: hash.clone(),
                file: file.clone(),
                unsaved,
            })?;
        }
        #[cfg(test)]
        if self.crash_after == Some(SnapshotStep::Noted) {
            return Ok(());
        }
        write_file(&self.snapshot, text.as_bytes(), Backup::None)?;
        #[cfg(test)]
        if self.crash_after == Some(SnapshotStep::Written) {
            return Ok(());
        }
        let start = JournalEntry::Start {
            file,
            unsaved,
            snapshot: Some(hash),
        };
        let line = start
            .line()
            .map_err(|e| fail(io::Error::other(e.to_string())))?;
        self.writer = None;
        write_file(&self.journal, line.as_bytes(), Backup::None)?;
        let writer = fs::OpenOptions::new()
            .append(true)
            .open(&self.journal)
            .map_err(fail)?;
        self.writer = Some(writer);
        Ok(())
    }

    /// Adds one change to the journal: a line, written and flushed to the operating system
    /// (it survives the program's crash; `snapshot` syncs to the disk).
    pub fn append(&mut self, entry: &JournalEntry) -> Result<(), SessionError> {
        let fail = |source| SessionError::Write {
            path: self.journal.clone(),
            source,
        };
        let Some(writer) = self.writer.as_mut() else {
            return Err(fail(io::Error::other("no snapshot was written yet")));
        };
        let line = entry
            .line()
            .map_err(|e| fail(io::Error::other(e.to_string())))?;
        writer.write_all(line.as_bytes()).map_err(fail)
    }

    /// The session was saved, or the user let it go: the recovery file goes, the snapshot
    /// first (a journal without its snapshot holds nothing to offer, and is removed at the
    /// next start).
    pub fn remove(mut self) {
        self.writer = None;
        let _ = fs::remove_file(&self.snapshot);
        let _ = fs::remove_file(&self.journal);
    }
}

/// A journal as read: whose session it is, the entries that could be read (with their line
/// numbers) after the snapshot it follows, and what could not be read.
struct JournalRead {
    file: Option<PathBuf>,
    unsaved: bool,
    entries: Vec<(usize, Line)>,
    problems: Vec<String>,
    /// The last line (its number), cut short by the end of the program that was writing it.
    cut_short: Option<usize>,
    /// The first line was read: `file` is what it says.
    file_known: bool,
}

/// A journal line as read.
enum Line {
    Entry(JournalEntry),
    /// A damaged line that was a scenario step (see [`is_step`]): the scenario says which
    /// step comes next, so it is played again, only its result not checked — the timeline
    /// keeps its length, and the entries after it their places.
    DamagedStep,
}

/// Whether a damaged line was a scenario step's: it starts so, or has the field only a step's
/// line has.
fn is_step(line: &[u8]) -> bool {
    line.starts_with(b"Step(") || line.windows(5).any(|w| w == b"mark:")
}

/// Reads the journal beside a snapshot whose text hashes to `snapshot_hash` (None: there is
/// no snapshot to follow). Every line that can be read is kept; each one that cannot is
/// named. A journal that is missing leaves the snapshot as all there is.
fn read_journal(journal: &Path, snapshot_hash: Option<&str>) -> JournalRead {
    let mut read = JournalRead {
        file: None,
        unsaved: true,
        entries: Vec::new(),
        problems: Vec::new(),
        cut_short: None,
        file_known: false,
    };
    let bytes = match crate::scenario::read_regular(journal, MAX_JOURNAL_BYTES) {
        Ok(bytes) => bytes,
        Err(ScenarioError::Read { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
            return read;
        }
        Err(e) => {
            read.problems
                .push(format!("the journal could not be read: {e}"));
            return read;
        }
    };
    let mut start = None;
    let mut lines = bytes.split(|&b| b == b'\n').enumerate().peekable();
    while let Some((i, line)) = lines.next() {
        let n = i + 1;
        let last = lines.peek().is_none();
        if last && line.is_empty() {
            break;
        }
        let entry = std::str::from_utf8(line)
            .map_err(|e| {
                let column = String::from_utf8_lossy(&line[..e.valid_up_to()])
                    .chars()
                    .count();
                format!("not UTF-8 text (an invalid byte at column {})", column + 1)
            })
            .and_then(|text| {
                ron::from_str::<JournalEntry>(text).map_err(|e| {
                    let code = e.code.to_string();
                    let (what, more) = crate::scenario::cut(&code, 160);
                    format!("column {}: {what}{more}", e.span.start.col)
                })
            });
        if last && entry.is_err() {
            // No newline ends it: the program ended while writing it (not damage).
            read.cut_short = Some(n);
            read.unsaved = true;
            break;
        }
        match (n, entry) {
            (
                1,
                Ok(JournalEntry::Start {
                    file,
                    unsaved,
                    snapshot,
                }),
            ) => {
                start = Some(snapshot);
                read.file = file;
                read.unsaved = unsaved;
                read.file_known = true;
            }
            (1, Ok(_)) => read
                .problems
                .push("line 1: not the journal's first line".into()),
            // The lab writes a journal's first line once: another one is damage (a line
            // doubled or pasted), and may stand where a change was.
            (_, Ok(JournalEntry::Start { .. })) => read
                .problems
                .push(format!("line {n}: a journal's first line in its middle")),
            (_, Ok(entry)) => read.entries.push((n, Line::Entry(entry))),
            (_, Err(problem)) if is_step(line) => {
                read.problems.push(format!(
                    "line {n}: {problem}; played as the scenario's next step, its result not checked"
                ));
                read.entries.push((n, Line::DamagedStep));
            }
            (_, Err(problem)) => read.problems.push(format!("line {n}: {problem}")),
        }
    }
    // A journal that follows an older snapshot: a new snapshot was written and the program
    // ended before the new journal replaced this one. The snapshot holds everything up to the
    // journal's note of it.
    if let (Some(Some(followed)), Some(snapshot_hash)) = (&start, snapshot_hash)
        && followed != snapshot_hash
    {
        let noted = read.entries.iter().position(|(_, e)| {
            matches!(e, Line::Entry(JournalEntry::Snapshot { hash, .. }) if hash == snapshot_hash)
        });
        match noted {
            Some(at) => {
                read.entries.drain(..at);
            }
            None => {
                read.problems.push(
                    "the snapshot is not the one the journal follows (damaged, or replaced): the journal's changes cannot be replayed on it"
                        .into(),
                );
                read.entries.clear();
            }
        }
    }
    // A save announced after the last change, and made if its file holds that text.
    let mut saving = None;
    for (_, line) in &read.entries {
        match line {
            Line::Entry(JournalEntry::Snapshot { file, unsaved, .. }) => {
                read.file.clone_from(file);
                read.unsaved = *unsaved;
                saving = None;
            }
            Line::Entry(JournalEntry::Saving { file, hash }) => saving = Some((file, hash)),
            Line::Entry(entry) if entry.changes_session() => {
                read.unsaved = true;
                saving = None;
            }
            Line::Entry(_) => {}
            Line::DamagedStep => {
                read.unsaved = true;
                saving = None;
            }
        }
    }
    if let Some((file, hash)) = saving
        && crate::scenario::read_text(file).is_ok_and(|text| &Fnv::of(&text) == hash)
    {
        read.file = Some(file.clone());
        read.unsaved = false;
    }
    // What could not be read may have been a change: a damaged journal is always offered.
    read.unsaved |= !read.problems.is_empty();
    read
}

/// A recovery file an earlier run left behind.
#[derive(Clone, Debug, PartialEq)]
pub struct LeftBehind {
    pub snapshot: PathBuf,
    /// The session's name.
    pub name: String,
    /// The file the session belongs to, if it had been saved.
    pub file: Option<PathBuf>,
    /// Whether the journal says which file that is (its first line is whole).
    pub file_known: bool,
    /// When it last changed (the journal's or the snapshot's time).
    pub changed: SystemTime,
    /// It holds changes not saved to its file.
    pub unsaved: bool,
    /// The lines of its journal that cannot be read, each with what is wrong.
    pub damage: Vec<String>,
}

/// A session resumed from its recovery file.
#[derive(Debug)]
pub struct Resumed {
    pub loaded: LoadedSession,
    /// What of the journal could not be read or replayed (each line and why): the session is
    /// the rest, and the journal is damaged.
    pub problems: Vec<String>,
    /// The journal's last line (its number), cut short by the crash: lost, but not damage.
    pub cut_short: Option<usize>,
}

impl LeftBehind {
    fn read(snapshot: &Path) -> Option<LeftBehind> {
        #[derive(Deserialize)]
        #[serde(rename = "Session")]
        struct Name {
            name: String,
        }
        let journal = snapshot.with_extension("journal");
        let time = |p: &Path| fs::symlink_metadata(p).and_then(|m| m.modified()).ok();
        let changed = time(&journal).max(time(snapshot))?;
        // A snapshot that cannot be read is offered all the same (as damage, never dropped).
        let (name, mut read) = match crate::scenario::read_text(snapshot) {
            Ok(text) => {
                let options = ron::Options::default()
                    .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
                let name = options
                    .from_str::<Name>(&text)
                    .map(|n| n.name)
                    .unwrap_or_else(|_| "(unreadable session)".into());
                (name, read_journal(&journal, Some(&Fnv::of(&text))))
            }
            Err(e) => {
                let mut read = read_journal(&journal, None);
                read.problems = vec![format!("the snapshot cannot be read: {e}")];
                read.unsaved = true;
                ("(unreadable session)".into(), read)
            }
        };
        read.problems.truncate(MAX_PROBLEMS);
        Some(LeftBehind {
            snapshot: snapshot.to_owned(),
            name,
            file: read.file,
            file_known: read.file_known,
            changed,
            unsaved: read.unsaved,
            damage: read.problems,
        })
    }

    fn journal(&self) -> PathBuf {
        self.snapshot.with_extension("journal")
    }

    /// The session as it was at its last change: the snapshot, verified, and the journal
    /// replayed on it. A line that cannot be read or replayed is skipped and named in
    /// [`Resumed::problems`]; everything else is kept.
    pub fn load(&self) -> Result<Resumed, SessionError> {
        let text = crate::scenario::read_text(&self.snapshot)?;
        let mut loaded = parse_session(&text, &self.snapshot)?;
        let read = read_journal(&self.journal(), Some(&Fnv::of(&text)));
        let mut problems = read.problems;
        for (n, line) in read.entries {
            let replayed = match line {
                Line::Entry(entry) => replay(&mut loaded, entry),
                Line::DamagedStep => loaded
                    .session
                    .play_next()
                    .map(drop)
                    .ok_or_else(|| "the scenario has no step left to play".to_owned()),
            };
            if let Err(message) = replayed {
                problems.push(format!("line {n}: {message}"));
            }
        }
        Ok(Resumed {
            loaded,
            problems,
            cut_short: read.cut_short,
        })
    }

    /// Lets it go: the user chose not to resume it, or resumed it (and its session has a
    /// recovery file of its own now). A damaged one is moved aside, not deleted (see
    /// [`LeftBehind::move_aside`]).
    pub fn discard(&self) {
        if !self.damage.is_empty() {
            let _ = self.move_aside();
            return;
        }
        let _ = fs::remove_file(&self.snapshot);
        let _ = fs::remove_file(self.journal());
        if self
            .snapshot
            .file_name()
            .is_some_and(|n| n == "autosave.ron")
            && let Some(dir) = self.snapshot.parent()
        {
            let _ = fs::remove_file(dir.join("running.lock"));
        }
    }

    /// Moves the snapshot and its journal to `recovery/damaged/` (under names no file there
    /// has), where they are kept and no longer offered; the journal's new place, to tell.
    pub fn move_aside(&self) -> io::Result<PathBuf> {
        move_aside(&self.snapshot)
    }
}

/// Moves `snapshot` and its journal (each if it is there) to `recovery/damaged/`, under names
/// no file there has; the journal's new place.
fn move_aside(snapshot: &Path) -> io::Result<PathBuf> {
    let dir = snapshot.parent().unwrap_or(Path::new(".")).join(DAMAGED);
    fs::create_dir_all(&dir)?;
    let stem = snapshot
        .file_stem()
        .map_or_else(|| "session".into(), |s| s.to_string_lossy().into_owned());
    let free = (0..)
        .map(|n| match n {
            0 => stem.clone(),
            n => format!("{stem}-{n}"),
        })
        .find(|name| {
            let taken = |ext| fs::symlink_metadata(dir.join(format!("{name}.{ext}"))).is_ok();
            !taken("ron") && !taken("journal")
        })
        .unwrap_or(stem);
    let journal = dir.join(format!("{free}.journal"));
    let old_journal = snapshot.with_extension("journal");
    if fs::symlink_metadata(&old_journal).is_ok() {
        fs::rename(old_journal, &journal)?;
    }
    if fs::symlink_metadata(snapshot).is_ok() {
        fs::rename(snapshot, dir.join(format!("{free}.ron")))?;
    }
    Ok(journal)
}

/// Opens `path` with `options` only if it is a regular file (or is created as one): None for
/// anything else. A FIFO is opened without waiting for its other end.
fn open_regular(path: &Path, options: &fs::OpenOptions) -> io::Result<Option<File>> {
    let mut options = options.clone();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = match options.open(path) {
        Ok(file) => file,
        // A FIFO without a reader refuses a writer that will not wait.
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ENXIO) => return Ok(None),
        Err(e) => return Err(e),
    };
    Ok(file.metadata()?.is_file().then_some(file))
}

fn replay(loaded: &mut LoadedSession, entry: JournalEntry) -> Result<(), String> {
    let session = &mut loaded.session;
    let same = |what: &str, applied: &Applied, outcome: Outcome| {
        if outcome == applied.outcome {
            Ok(())
        } else {
            Err(format!(
                "the journal's {what} {} came to {outcome} on replay, not {}",
                applied.action, applied.outcome
            ))
        }
    };
    match entry {
        JournalEntry::Start { .. }
        | JournalEntry::Saving { .. }
        | JournalEntry::Snapshot { .. } => Ok(()),
        JournalEntry::View(view) => {
            loaded.view = Some(view);
            Ok(())
        }
        JournalEntry::Applied(applied) => {
            let outcome = session.apply(applied.action.clone());
            same("action", &applied, outcome)
        }
        JournalEntry::Step { applied, mark } => {
            let kind = session
                .play_next()
                .ok_or("the journal plays a step the session's scenario does not have")?;
            match (applied, &kind) {
                (Some(applied), StepResultKind::Action(entry)) => {
                    same("step", &applied, entry.outcome.clone())
                }
                (None, kind) if !matches!(kind, StepResultKind::Action(_)) => {
                    let replayed = StepMark::from(kind);
                    if replayed == mark {
                        Ok(())
                    } else {
                        Err(format!(
                            "the journal's step came to {replayed:?} on replay, not {mark:?}"
                        ))
                    }
                }
                _ => Err("the journal's step is not the scenario's next step".into()),
            }
        }
        JournalEntry::Expect(expectation) => session.expect(expectation).map_err(|check| {
            format!(
                "the journal's expectation does not hold on replay (expected {}; found {})",
                check.expected, check.found
            )
        }),
        JournalEntry::Goto(position) => {
            if position > session.timeline().len() {
                return Err(format!(
                    "the journal goes to entry {position}, past the timeline's {}",
                    session.timeline().len()
                ));
            }
            session.goto(position);
            Ok(())
        }
        JournalEntry::Restore(branch) => session
            .restore_branch(branch)
            .then_some(())
            .ok_or_else(|| format!("the journal restores branch {branch}, which is not there")),
        JournalEntry::Discard(branch) => session
            .discard_branch(branch)
            .then_some(())
            .ok_or_else(|| format!("the journal discards branch {branch}, which is not there")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::{Action, LabSpec};
    use crate::session::Session;
    use proptest::strategy::Strategy as _;

    fn session_with(actions: usize) -> Session {
        let mut session = Session::new("Case 4711", LabSpec::contoso());
        for _ in 0..actions {
            session.apply(Action::SignIn {
                user: "user20".into(),
                computer: "USER20-PC".into(),
            });
            session.apply(Action::SignOut {
                user: "user20".into(),
                computer: "USER20-PC".into(),
            });
        }
        session
    }

    /// Applies `action` by hand, as the window does, and journals it.
    fn act(session: &mut Session, recovery: &mut RecoveryFile, action: Action) -> Outcome {
        let outcome = session.apply(action.clone());
        let entry = JournalEntry::Applied(Applied {
            action,
            outcome: outcome.clone(),
        });
        recovery.append(&entry).unwrap();
        outcome
    }

    fn applied(session: &Session, i: usize) -> JournalEntry {
        match &session.timeline()[i] {
            crate::session::Entry::Manual(applied) => JournalEntry::Applied(applied.clone()),
            other => panic!("not an action taken by hand: {other:?}"),
        }
    }

    #[test]
    fn moves_in_the_timeline_and_branches_come_back_from_the_journal() {
        let dir = tempfile::tempdir().unwrap();
        let mut instance = Instance::acquire(dir.path()).unwrap();
        let mut recovery = instance.recovery_file("Case 4711");
        let mut session = session_with(3);
        recovery
            .snapshot(&crate::session::to_file(&session, None), None, false)
            .unwrap();
        // Back two, a different action there (the two undone become a branch), then that
        // branch restored, and an expectation added by hand.
        let mut journal = |entry: JournalEntry| recovery.append(&entry).unwrap();
        session.goto(4);
        journal(JournalEntry::Goto(4));
        act(&mut session, &mut recovery, start_outlook("user21"));
        let mut journal = |entry: JournalEntry| recovery.append(&entry).unwrap();
        assert_eq!(session.branches().len(), 1);
        session.restore_branch(0);
        journal(JournalEntry::Restore(0));
        let expectation = Expectation::ExpectBackendDelegate {
            delegator: "user20".into(),
            delegate: "user21".into(),
            present: false,
        };
        session.expect(expectation.clone()).unwrap();
        journal(JournalEntry::Expect(expectation));
        drop((recovery, instance));

        let instance = Instance::acquire(dir.path()).unwrap();
        let loaded = instance.left_behind()[0].load().unwrap().loaded;
        assert_eq!(loaded.session.timeline(), session.timeline());
        assert_eq!(loaded.session.branches(), session.branches());
        assert_eq!(loaded.session.position(), session.position());
        assert_eq!(loaded.session.lab(), session.lab());
    }

    #[test]
    fn a_crashed_session_is_the_snapshot_and_its_journal_even_with_a_torn_last_line() {
        let dir = tempfile::tempdir().unwrap();
        let whole = session_with(3);
        let mut instance = Instance::acquire(dir.path()).unwrap();
        let mut recovery = instance.recovery_file("Case 4711");
        let start = session_with(1);
        recovery
            .snapshot(&crate::session::to_file(&start, None), None, false)
            .unwrap();
        for i in 2..6 {
            recovery.append(&applied(&whole, i)).unwrap();
        }
        let journal = recovery.path().with_extension("journal");
        // The crash cut the last line short.
        let mut file = fs::OpenOptions::new().append(true).open(&journal).unwrap();
        file.write_all(b"Applied((action: SignIn(user: \"us")
            .unwrap();
        drop((recovery, instance));

        let instance = Instance::acquire(dir.path()).unwrap();
        let left = instance.left_behind();
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].name, "Case 4711");
        assert_eq!(left[0].file, None);
        let loaded = left[0].load().unwrap().loaded;
        assert_eq!(loaded.session.lab(), whole.lab());
    }

    /// The recovery file of a session of `before` actions, after `more` were journaled.
    fn journaled(dir: &Path, before: usize, whole: &Session, more: std::ops::Range<usize>) {
        let mut instance = Instance::acquire(dir).unwrap();
        let mut recovery = instance.recovery_file("Case 4711");
        let start = session_with(before);
        recovery
            .snapshot(&crate::session::to_file(&start, None), None, false)
            .unwrap();
        for i in more {
            recovery.append(&applied(whole, i)).unwrap();
        }
    }

    fn journal_of(dir: &Path) -> PathBuf {
        let mut found: Vec<PathBuf> = fs::read_dir(dir.join(RECOVERY))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "journal"))
            .collect();
        assert_eq!(found.len(), 1, "one journal: {found:?}");
        found.remove(0)
    }

    /// Replaces line `n` (1-based) of the journal with `bytes`.
    fn damage_line(journal: &Path, n: usize, bytes: &[u8]) {
        let text = fs::read(journal).unwrap();
        let mut lines: Vec<&[u8]> = text.split(|&b| b == b'\n').collect();
        lines[n - 1] = bytes;
        fs::write(journal, lines.join(&b'\n')).unwrap();
    }

    /// Where a kill can end the window's save: after the journal announced it, after the file
    /// was replaced, after a step of the recovery file's new snapshot, or not at all.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    enum KilledAfter {
        Announced,
        Replaced,
        Snapshot(SnapshotStep),
        Nothing,
    }

    #[test]
    fn a_save_is_never_undone_however_the_snapshot_after_it_is_ended() {
        let whole = session_with(3);
        for killed in [
            KilledAfter::Announced,
            KilledAfter::Replaced,
            KilledAfter::Snapshot(SnapshotStep::Noted),
            KilledAfter::Snapshot(SnapshotStep::Written),
            KilledAfter::Nothing,
        ] {
            let dir = tempfile::tempdir().unwrap();
            let saved_to = dir.path().join("4711.ron");
            let mut instance = Instance::acquire(&dir.path().join("data")).unwrap();
            let mut recovery = instance.recovery_file("Case 4711");
            let start = crate::session::to_file(&session_with(1), None);
            recovery.snapshot(&start, None, false).unwrap();
            for i in 2..6 {
                recovery.append(&applied(&whole, i)).unwrap();
            }
            // The window's Save, in its order.
            let text = to_text(&crate::session::to_file(&whole, None)).unwrap();
            let announce = JournalEntry::Saving {
                file: saved_to.clone(),
                hash: Fnv::of(&text),
            };
            recovery.append(&announce).unwrap();
            if killed != KilledAfter::Announced {
                write_file(&saved_to, text.as_bytes(), Backup::Keep).unwrap();
                if let KilledAfter::Snapshot(step) = killed {
                    recovery.crash_after = Some(step);
                }
                if killed != KilledAfter::Replaced {
                    recovery
                        .snapshot_text(&text, Some(&saved_to), false)
                        .unwrap();
                }
            }
            drop((recovery, instance));

            let snapshot = journal_of(&dir.path().join("data")).with_extension("ron");
            let left = LeftBehind::read(&snapshot).unwrap();
            let loaded = left.load().unwrap();
            assert_eq!(
                loaded.loaded.session.lab(),
                whole.lab(),
                "{killed:?}: the state after the save"
            );
            assert!(
                loaded.problems.is_empty(),
                "{killed:?}: {:?}",
                loaded.problems
            );
            match killed {
                // Killed before the file was replaced: the changes are unsaved, and offered.
                KilledAfter::Announced => assert!(left.unsaved && left.file.is_none()),
                _ => {
                    assert!(!left.unsaved, "{killed:?}: the save is known");
                    assert_eq!(left.file.as_deref(), Some(saved_to.as_path()), "{killed:?}");
                }
            }
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_snapshot_that_cannot_be_read_is_offered_as_damage_and_kept_aside() {
        let dir = tempfile::tempdir().unwrap();
        let whole = session_with(2);
        journaled(dir.path(), 1, &whole, 2..4);
        let snapshot = journal_of(dir.path()).with_extension("ron");
        fs::remove_file(&snapshot).unwrap();
        std::os::unix::fs::symlink("/dev/zero", &snapshot).unwrap();
        let data = dir.path().to_owned();
        let left = promptly(move || Instance::acquire(&data).unwrap().left_behind());
        assert_eq!(left.len(), 1, "offered, not dropped");
        assert!(left[0].unsaved);
        assert!(
            left[0].damage[0].starts_with("the snapshot cannot be read"),
            "{:?}",
            left[0].damage
        );
        assert!(left[0].load().is_err());
        let journal = left[0].move_aside().unwrap();
        assert!(journal.exists() && journal.parent().unwrap().ends_with("recovery/damaged"));
    }

    #[test]
    fn a_journal_without_its_snapshot_is_kept_aside_when_it_holds_changes() {
        // Positive control: a journal of its first line only (a clean exit ended between the
        // two removals) is removed.
        for changes in [0, 2] {
            let dir = tempfile::tempdir().unwrap();
            let whole = session_with(2);
            journaled(dir.path(), 1, &whole, 2..2 + changes);
            let journal = journal_of(dir.path());
            fs::remove_file(journal.with_extension("ron")).unwrap();
            let instance = Instance::acquire(dir.path()).unwrap();
            assert!(instance.left_behind().is_empty(), "nothing to resume");
            let aside = dir
                .path()
                .join(RECOVERY)
                .join(DAMAGED)
                .join(journal.file_name().unwrap());
            assert!(!journal.exists());
            assert_eq!(aside.exists(), changes > 0, "{changes} changes");
        }
    }

    #[test]
    fn a_damaged_journal_line_loses_that_line_only_and_the_journal_is_moved_aside() {
        let dir = tempfile::tempdir().unwrap();
        let mut instance = Instance::acquire(dir.path()).unwrap();
        let mut recovery = instance.recovery_file("Case 4711");
        let scenario = crate::scenario::parse(
            r#"Scenario(title: "t", steps: [
                SignIn(user: "user20", computer: "USER20-PC"),
                SignOut(user: "user20", computer: "USER20-PC"),
                SignIn(user: "user20", computer: "USER20-PC"),
                SignOut(user: "user20", computer: "USER20-PC"),
            ])"#,
        )
        .unwrap();
        let mut session = Session::with_scenario(scenario);
        recovery
            .snapshot(&crate::session::to_file(&session, None), None, false)
            .unwrap();
        let mut journal = |entry: JournalEntry| recovery.append(&entry).unwrap();
        // Lines 2-5: the four steps; 6: back two; 7: an action there (the two steps undone
        // become a branch); 8: the window state; 9: another action.
        for _ in 0..4 {
            let index = session.next_step();
            let Some(crate::scenario::Step::Action(action)) =
                session.scenario().map(|s| s.steps[index].clone())
            else {
                panic!("setup: an action step");
            };
            let Some(StepResultKind::Action(entry)) = session.play_next() else {
                panic!("setup: an action step");
            };
            let mark = StepMark::Applied(entry.outcome.clone());
            let applied = Applied {
                action,
                outcome: entry.outcome.clone(),
            };
            journal(JournalEntry::Step {
                applied: Some(applied),
                mark,
            });
        }
        session.goto(2);
        journal(JournalEntry::Goto(2));
        let outcome = act(&mut session, &mut recovery, start_outlook("user21"));
        assert_eq!(outcome, Outcome::Ok, "setup: Outlook");
        let view = JournalEntry::View(crate::session::ViewFile::default());
        recovery.append(&view).unwrap();
        let outcome = act(&mut session, &mut recovery, sign_in("user21"));
        assert_eq!(outcome, Outcome::Ok, "setup: Lync");
        assert_eq!(session.branches().len(), 1, "setup: a branch");
        drop((recovery, instance));
        let path = journal_of(dir.path());
        // A mark that is no mark, and a byte that is not UTF-8.
        damage_line(&path, 3, b"Step(applied: Some((action: SignOut(user: \"user20\", computer: \"USER20-PC\"), outcome: Ok)), mark: Aplied(Ok))");
        damage_line(&path, 8, b"View((computer: \"USER20-PC\xff\"))");

        let instance = Instance::acquire(dir.path()).unwrap();
        let left = instance.left_behind();
        assert_eq!(left.len(), 1, "a damaged journal is always offered");
        let damage = &left[0].damage;
        assert_eq!(damage.len(), 2, "{damage:?}");
        assert!(
            damage[0].starts_with("line 3: ") && damage[0].contains("not checked"),
            "{damage:?}"
        );
        assert!(damage[1].starts_with("line 8: not UTF-8"), "{damage:?}");
        let resumed = left[0].load().unwrap();
        assert_eq!(&resumed.problems, damage);
        // Everything else: every step, the move back, both actions, the branch.
        assert_eq!(resumed.loaded.session.timeline(), session.timeline());
        assert_eq!(resumed.loaded.session.branches(), session.branches());
        assert_eq!(resumed.loaded.session.lab(), session.lab());

        // Let go, it is kept aside — never deleted — and no longer offered.
        left[0].discard();
        let aside = dir.path().join(RECOVERY).join(DAMAGED);
        assert_eq!(
            fs::read_dir(&aside).unwrap().count(),
            2,
            "snapshot and journal"
        );
        let moved = aside.join(path.file_name().unwrap());
        assert!(
            fs::read(&moved).unwrap().contains(&0xff),
            "the damaged journal as it was"
        );
        assert!(instance.left_behind().is_empty());
    }

    #[test]
    fn an_expectation_naming_a_ghost_in_a_journal_is_not_resumed_and_the_rest_saves_and_loads() {
        let dir = tempfile::tempdir().unwrap();
        let whole = session_with(2);
        journaled(dir.path(), 1, &whole, 2..3);
        let path = journal_of(dir.path());
        let ghost = JournalEntry::Expect(Expectation::ExpectRinging {
            users: vec!["ghost".into()],
        });
        let mut journal = fs::OpenOptions::new().append(true).open(&path).unwrap();
        journal.write_all(ghost.line().unwrap().as_bytes()).unwrap();
        journal
            .write_all(applied(&whole, 3).line().unwrap().as_bytes())
            .unwrap();
        drop(journal);

        let left = Instance::acquire(dir.path()).unwrap().left_behind();
        let resumed = left[0].load().unwrap();
        assert_eq!(resumed.problems.len(), 1, "{:?}", resumed.problems);
        assert!(
            resumed.problems[0].starts_with("line 3: ")
                && resumed.problems[0].contains("no user \"ghost\""),
            "{:?}",
            resumed.problems
        );
        assert_eq!(
            resumed.loaded.session.lab(),
            whole.lab(),
            "the line after it too"
        );
        let text = to_text(&crate::session::to_file(&resumed.loaded.session, None)).unwrap();
        assert!(parse_session(&text, Path::new("resumed.ron")).is_ok());
    }

    /// A journal of every kind of line: steps, actions by hand, a move back that makes a
    /// branch, an expectation, the window state, a branch restored.
    fn rich_journal(dir: &Path) -> Session {
        let mut instance = Instance::acquire(dir).unwrap();
        let mut recovery = instance.recovery_file("Case 4711");
        let mut session = session_with(2);
        recovery
            .snapshot(&crate::session::to_file(&session, None), None, false)
            .unwrap();
        act(&mut session, &mut recovery, start_outlook("user21"));
        act(&mut session, &mut recovery, sign_in("user21"));
        session.goto(3);
        recovery.append(&JournalEntry::Goto(3)).unwrap();
        act(&mut session, &mut recovery, sign_in("user20"));
        let view = JournalEntry::View(crate::session::ViewFile::default());
        recovery.append(&view).unwrap();
        let expectation = Expectation::ExpectBackendDelegate {
            delegator: "user20".into(),
            delegate: "user21".into(),
            present: false,
        };
        session.expect(expectation.clone()).unwrap();
        recovery.append(&JournalEntry::Expect(expectation)).unwrap();
        assert!(session.restore_branch(0), "setup: a branch");
        recovery.append(&JournalEntry::Restore(0)).unwrap();
        session
    }

    /// `user` (user20 or user21) starts Outlook, or signs in to Lync, at their PC.
    fn start_outlook(user: &str) -> Action {
        Action::StartOutlook {
            user: user.into(),
            computer: format!("{}-PC", user.to_uppercase()).as_str().into(),
        }
    }

    fn sign_in(user: &str) -> Action {
        Action::SignIn {
            user: user.into(),
            computer: format!("{}-PC", user.to_uppercase()).as_str().into(),
        }
    }

    /// What a damaged disk or an editor does to a journal.
    #[derive(Clone, Debug)]
    enum Damage {
        Flip { at: usize, byte: u8 },
        DropLine(usize),
        DoubleLine(usize),
        CutAt(usize),
    }

    fn damaged(bytes: &[u8], damage: &Damage) -> Vec<u8> {
        let mut lines: Vec<Vec<u8>> = bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
        match *damage {
            Damage::Flip { at, byte } => {
                let mut bytes = bytes.to_vec();
                let at = at % bytes.len();
                bytes[at] = byte;
                return bytes;
            }
            Damage::CutAt(at) => return bytes[..at % bytes.len()].to_vec(),
            Damage::DropLine(n) => {
                lines.remove(n % lines.len());
            }
            Damage::DoubleLine(n) => {
                let n = n % lines.len();
                lines.insert(n, lines[n].clone());
            }
        }
        lines.join(&b'\n')
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// However a journal is damaged, resuming never panics, damage is always offered,
        /// and what is resumed saves a file that loads again.
        #[test]
        fn a_damaged_journal_resumes_into_a_session_that_saves_and_loads(
            damages in proptest::collection::vec(
                proptest::prop_oneof![
                    (0..4096usize, proptest::prelude::any::<u8>())
                        .prop_map(|(at, byte)| Damage::Flip { at, byte }),
                    (0..16usize).prop_map(Damage::DropLine),
                    (0..16usize).prop_map(Damage::DoubleLine),
                    (0..4096usize).prop_map(Damage::CutAt),
                ],
                1..4,
            )
        ) {
            let dir = tempfile::tempdir().unwrap();
            rich_journal(dir.path());
            let path = journal_of(dir.path());
            let whole = fs::read(&path).unwrap();
            let mut bytes = whole.clone();
            for damage in &damages {
                if !bytes.is_empty() {
                    bytes = damaged(&bytes, damage);
                }
            }
            fs::write(&path, &bytes).unwrap();
            let instance = Instance::acquire(dir.path()).unwrap();
            let left = instance.left_behind();
            // Damage is always offered — but a journal cut back to its first line, which
            // reads as a journal of no change: nothing tells them apart.
            let first_line = whole.iter().position(|&b| b == b'\n').unwrap();
            let only_start = bytes == whole[..first_line] || bytes == whole[..=first_line];
            if bytes != whole && !only_start {
                proptest::prop_assert_eq!(left.len(), 1, "damage is offered");
            }
            for left in left {
                let Ok(resumed) = left.load() else { continue };
                let text = crate::session::to_text(&crate::session::to_file(&resumed.loaded.session, None)).unwrap();
                let again = crate::session::parse_session(&text, Path::new("resumed.ron"));
                proptest::prop_assert!(again.is_ok(), "{:?}", again.err());
            }
        }
    }

    #[cfg(unix)]
    fn fifo(path: &Path) {
        use std::os::unix::ffi::OsStrExt as _;
        let name = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(
            unsafe { libc::mkfifo(name.as_ptr(), 0o600) },
            0,
            "mkfifo {path:?}"
        );
    }

    /// Runs `f` on another thread and fails the test if it takes more than 20 s (a read
    /// that waits on a FIFO would never end).
    fn promptly<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || tx.send(f()));
        rx.recv_timeout(std::time::Duration::from_secs(20))
            .expect("it did not finish: it waited on something that is not a file")
    }

    #[cfg(unix)]
    #[test]
    fn a_journal_that_is_a_fifo_or_a_device_is_not_read_and_the_snapshot_is_offered() {
        for planted in ["fifo", "device"] {
            let dir = tempfile::tempdir().unwrap();
            let whole = session_with(2);
            journaled(dir.path(), 2, &whole, 0..0);
            let journal = journal_of(dir.path());
            fs::remove_file(&journal).unwrap();
            match planted {
                "fifo" => fifo(&journal),
                _ => std::os::unix::fs::symlink("/dev/zero", &journal).unwrap(),
            }
            let data = dir.path().to_owned();
            let left = promptly(move || Instance::acquire(&data).unwrap().left_behind());
            assert_eq!(left.len(), 1, "{planted}: offered");
            assert!(
                left[0].damage[0].contains("not a file"),
                "{planted}: {:?}",
                left[0].damage
            );
            let resumed = promptly({
                let left = left[0].clone();
                move || left.load().unwrap()
            });
            assert_eq!(
                resumed.loaded.session.lab(),
                whole.lab(),
                "{planted}: the snapshot"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn fifos_in_the_data_directory_do_not_stop_the_start() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join(INSTANCES)).unwrap();
        for name in ["recent.ron", "opening.ron", "instances/0.lock"] {
            fifo(&dir.path().join(name));
        }
        let data = dir.path().to_owned();
        let (recent, failed, slot) = promptly(move || {
            let recent = crate::session::recent(&data);
            let failed = crate::session::StartupProbe::new(&data).failed();
            let slot = Instance::acquire(&data).unwrap().slot();
            (recent, failed, slot)
        });
        assert!(recent.is_empty() && failed.is_none());
        assert_eq!(slot, 1, "the slot whose lock is a FIFO is skipped");
        // Positive control: the same files, written as the lab writes them, are read.
        let data = dir.path();
        fs::remove_file(data.join("recent.ron")).unwrap();
        crate::session::remember(data, Path::new("/cases/4711.ron"));
        assert_eq!(
            crate::session::recent(data),
            [PathBuf::from("/cases/4711.ron")]
        );
    }

    #[test]
    fn slots_are_taken_in_order_and_a_live_ones_files_are_not_left_behind() {
        let dir = tempfile::tempdir().unwrap();
        let mut first = Instance::acquire(dir.path()).unwrap();
        let second = Instance::acquire(dir.path()).unwrap();
        assert_eq!((first.slot(), second.slot()), (0, 1));
        let mut recovery = first.recovery_file("Live");
        recovery
            .snapshot(&crate::session::to_file(&session_with(1), None), None, true)
            .unwrap();
        assert!(
            second.left_behind().is_empty(),
            "the first window is running"
        );
        drop(first);
        // The first one ended without cleaning up (a crash): now it is left behind.
        assert_eq!(second.left_behind().len(), 1);
        let third = Instance::acquire(dir.path()).unwrap();
        assert_eq!(third.slot(), 0, "the first free slot");
        drop(recovery);
    }

    #[test]
    fn a_crash_with_nothing_unsaved_leaves_nothing_to_offer() {
        let dir = tempfile::tempdir().unwrap();
        let mut instance = Instance::acquire(dir.path()).unwrap();
        let mut recovery = instance.recovery_file("Saved");
        let file = crate::session::to_file(&session_with(2), None);
        recovery
            .snapshot(&file, Some(Path::new("/somewhere/saved.ron")), false)
            .unwrap();
        drop((recovery, instance));
        let instance = Instance::acquire(dir.path()).unwrap();
        assert!(instance.left_behind().is_empty());
        assert_eq!(
            fs::read_dir(dir.path().join(RECOVERY)).unwrap().count(),
            0,
            "and its files are gone"
        );
    }

    /// A first line doubled (by an editor or a disk) is damage, offered with its line, not
    /// read as a second start that says nothing is unsaved.
    #[test]
    fn a_journal_whose_first_line_comes_again_is_offered_as_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let mut instance = Instance::acquire(dir.path()).unwrap();
        let mut recovery = instance.recovery_file("Saved");
        let file = crate::session::to_file(&session_with(2), None);
        recovery
            .snapshot(&file, Some(Path::new("/somewhere/saved.ron")), false)
            .unwrap();
        drop((recovery, instance));
        let path = journal_of(dir.path());
        let start = fs::read_to_string(&path).unwrap();
        assert_eq!(
            start.lines().count(),
            1,
            "setup: a journal of its first line"
        );
        fs::write(&path, format!("{start}{start}")).unwrap();

        let left = Instance::acquire(dir.path()).unwrap().left_behind();
        assert_eq!(left.len(), 1, "offered");
        let resumed = left[0].load().unwrap();
        assert_eq!(
            resumed.problems,
            ["line 2: a journal's first line in its middle"]
        );
    }
}
