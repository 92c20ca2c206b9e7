//! Crash recovery. Every running lab window holds an *instance slot*: an advisory lock (the
//! operating system's, released when the process ends however it ends) on
//! `instances/<n>.lock` in the data directory — the first free `n`. Each session it holds is
//! written to a recovery file of its own, `recovery/<n>-<id>-<name>.ron`: a snapshot of the
//! session (a session file like any other), and beside it a journal `….journal` of what
//! happened since, one RON line per change, appended and flushed as it happens — so keeping
//! the recovery file current costs what one change costs, not what the session weighs.
//!
//! At start, the recovery files of slots that no running instance holds are what crashed (or
//! was ended by a signal with unsaved changes): the window offers them, one at a time, and
//! touches none of them until the user has chosen. A clean exit removes the instance's
//! recovery files; nobody ever removes another instance's lock.

use std::fs::{self, File};
use std::io::{self, BufRead as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::file::{LoadedSession, SessionError, SessionFile, parse_session};
use super::store::{Backup, file_stem, write_file};
use super::{Applied, StepMark, to_text};
use crate::lab::Outcome;
use crate::scenario::{Expectation, ScenarioError, StepResultKind};

const INSTANCES: &str = "instances";
const RECOVERY: &str = "recovery";

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
            let lock = fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(instances.join(format!("{slot}.lock")))?;
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
        let Ok(file) = File::open(path) else {
            return false;
        };
        // Taking it for a moment tells; the lock goes with `file` at the end of this call.
        matches!(file.try_lock(), Err(fs::TryLockError::WouldBlock))
    }
}

/// One change to a session, as the journal keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum JournalEntry {
    /// The journal's first line: the file the session belongs to (None: not saved yet), and
    /// whether the snapshot holds changes not saved there.
    Start {
        file: Option<PathBuf>,
        unsaved: bool,
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
            JournalEntry::Start { .. } | JournalEntry::View(_) => false,
        }
    }
}

/// A session's recovery file: a snapshot and a journal.
#[derive(Debug)]
pub struct RecoveryFile {
    snapshot: PathBuf,
    journal: PathBuf,
    writer: Option<File>,
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
        let fail = |source| SessionError::Write {
            path: self.journal.clone(),
            source,
        };
        let text = to_text(file).map_err(|e| fail(io::Error::other(e.to_string())))?;
        // The journal goes first: a snapshot never meets an older journal.
        self.writer = None;
        let _ = fs::remove_file(&self.journal);
        write_file(&self.snapshot, text.as_bytes(), Backup::None)?;
        let writer = fs::OpenOptions::new()
            .create_new(true)
            .append(true)
            .open(&self.journal)
            .map_err(fail)?;
        self.writer = Some(writer);
        self.append(&JournalEntry::Start {
            file: own.map(Path::to_owned),
            unsaved,
        })
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
        let mut line = ron::to_string(entry).map_err(|e| fail(io::Error::other(e.to_string())))?;
        line.push('\n');
        writer.write_all(line.as_bytes()).map_err(fail)
    }

    /// The session was saved, or the user let it go: the recovery file goes.
    pub fn remove(mut self) {
        self.writer = None;
        let _ = fs::remove_file(&self.journal);
        let _ = fs::remove_file(&self.snapshot);
    }
}

/// A recovery file an earlier run left behind.
#[derive(Clone, Debug, PartialEq)]
pub struct LeftBehind {
    pub snapshot: PathBuf,
    /// The session's name.
    pub name: String,
    /// The file the session belongs to, if it had been saved.
    pub file: Option<PathBuf>,
    /// When it last changed (the journal's or the snapshot's time).
    pub changed: SystemTime,
    /// It holds changes not saved to its file.
    pub unsaved: bool,
}

impl LeftBehind {
    fn read(snapshot: &Path) -> Option<LeftBehind> {
        #[derive(Deserialize)]
        #[serde(rename = "Session")]
        struct Name {
            name: String,
        }
        let journal = snapshot.with_extension("journal");
        let text = crate::scenario::read_text(snapshot).ok()?;
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let name = options
            .from_str::<Name>(&text)
            .map(|n| n.name)
            .unwrap_or_else(|_| "(unreadable session)".into());
        let mut lines = fs::File::open(&journal)
            .map(|f| io::BufReader::new(f).lines().map_while(Result::ok))
            .into_iter()
            .flatten();
        // A journal that is missing or unreadable: the snapshot is all there is (an autosave
        // of versions before recovery files was written at every change: unsaved).
        let (file, unsaved_at_snapshot) = match lines.next().map(|l| ron::from_str(&l)) {
            Some(Ok(JournalEntry::Start { file, unsaved })) => (file, unsaved),
            _ => (None, true),
        };
        let unsaved = unsaved_at_snapshot
            || lines.any(|line| {
                ron::from_str::<JournalEntry>(&line).is_ok_and(|e| e.changes_session())
            });
        let time = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
        let changed = time(&journal).max(time(snapshot))?;
        Some(LeftBehind {
            snapshot: snapshot.to_owned(),
            name,
            file,
            changed,
            unsaved,
        })
    }

    /// The session as it was at its last change: the snapshot, verified, and the journal
    /// replayed on it (a line cut short by the crash ends the journal).
    pub fn load(&self) -> Result<LoadedSession, SessionError> {
        let text = crate::scenario::read_text(&self.snapshot)?;
        let mut loaded = parse_session(&text, &self.snapshot)?;
        let Ok(journal) = File::open(self.snapshot.with_extension("journal")) else {
            return Ok(loaded);
        };
        for (i, line) in io::BufReader::new(journal).lines().enumerate() {
            let Ok(line) = line else { break };
            let Ok(entry) = ron::from_str::<JournalEntry>(&line) else {
                break;
            };
            replay(&mut loaded, entry).map_err(|message| {
                SessionError::File(
                    ScenarioError::at(i + 1, 1, message)
                        .with_path(&self.snapshot.with_extension("journal")),
                )
            })?;
        }
        Ok(loaded)
    }

    /// Lets it go: the user chose not to resume it, or resumed it (and its session has a
    /// recovery file of its own now).
    pub fn discard(&self) {
        let _ = fs::remove_file(self.snapshot.with_extension("journal"));
        let _ = fs::remove_file(&self.snapshot);
        if self
            .snapshot
            .file_name()
            .is_some_and(|n| n == "autosave.ron")
            && let Some(dir) = self.snapshot.parent()
        {
            let _ = fs::remove_file(dir.join("running.lock"));
        }
    }
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
        JournalEntry::Start { .. } => Ok(()),
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
        let action = Action::StartOutlook {
            user: "user21".into(),
            computer: "USER21-PC".into(),
        };
        let outcome = session.apply(action.clone());
        journal(JournalEntry::Applied(Applied { action, outcome }));
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
        let loaded = instance.left_behind()[0].load().unwrap();
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
        let loaded = left[0].load().unwrap();
        assert_eq!(loaded.session.lab(), whole.lab());
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
}
