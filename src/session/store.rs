//! Where session files go and how they are written: atomically, through a temporary file in
//! the same directory that is flushed, synced and renamed over the target, keeping the
//! previous version as `<name>.bak`; the data directory and the recent files.

use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use super::text::{self, Limits, Parts, TextError};
use super::{Session, SessionError, SessionFile, ViewFile};
pub use crate::scenario::file_stem;

/// Writes a session atomically (see the module docs), keeping the previous version as `.bak`;
/// its text goes straight into the temporary file. A session the lab would not read back —
/// too many entries, or more than [`crate::scenario::MAX_FILE_BYTES`] of text — is refused,
/// saying why, and the file and its `.bak` stay as they were.
pub fn save(file: &SessionFile, path: &Path) -> Result<(), SessionError> {
    save_parts(&file.into(), path, Limits::READER)
}

/// [`save`] straight from the session (nothing copied first), with its window state.
pub fn save_session(
    session: &Session,
    view: Option<&ViewFile>,
    path: &Path,
) -> Result<(), SessionError> {
    save_parts(&Parts::of(session, view), path, Limits::READER)
}

fn save_parts(parts: &Parts<'_>, path: &Path, limits: Limits) -> Result<(), SessionError> {
    let refused = |e: TextError| SessionError::Refused(format!("{e}: {}", path.display()));
    text::check_lengths(parts, limits).map_err(refused)?;
    let mut over = None;
    let written = write_atomically(path, &[], Backup::Keep, |to, _| {
        text::write_to(parts, to, limits).map_err(|e| match e {
            TextError::Io(e) => e,
            other => {
                let error = io::Error::other(other.to_string());
                over = Some(other);
                error
            }
        })
    });
    match (written, over) {
        (Err(_), Some(e)) => Err(refused(e)),
        (written, _) => written,
    }
}

/// Which file is at a path, as a save last saw it: the file itself (device and inode — every
/// save makes a new one), its modified time and its size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DiskStamp {
    file: (u64, u64),
    modified: Option<std::time::SystemTime>,
    len: u64,
}

/// The stamp of the file at `path` now (None: there is none).
pub fn disk_stamp(path: &Path) -> Option<DiskStamp> {
    let meta = fs::metadata(path).ok()?;
    #[cfg(unix)]
    let file = {
        use std::os::unix::fs::MetadataExt as _;
        (meta.dev(), meta.ino())
    };
    #[cfg(not(unix))]
    let file = (0, 0);
    Some(DiskStamp {
        file,
        modified: meta.modified().ok(),
        len: meta.len(),
    })
}

/// Saves a session's `text` at `path` (as [`save`] does) unless the file there is no longer
/// the one `seen` — another window or program wrote it since. The check and the replacing
/// rename are one step: both happen holding a lock on the folder that every checked save
/// takes, so of two windows saving one file at once the second finds the first's file and
/// is refused; nothing is written then. `seen` None saves whatever is there; a file that
/// was deleted since is written anew. Returns the stamp of the file written.
pub fn save_text_checked(
    path: &Path,
    text: &str,
    seen: Option<DiskStamp>,
) -> Result<DiskStamp, SessionError> {
    save_checked_with(path, text.as_bytes(), seen, |f, bytes| f.write_all(bytes))
}

/// [`save_text_checked`] with the writing done by `write`, which runs holding the lock (a
/// test stops in it to interleave two saves).
pub fn save_checked_with(
    path: &Path,
    bytes: &[u8],
    seen: Option<DiskStamp>,
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
) -> Result<DiskStamp, SessionError> {
    let fail = |source| SessionError::Write {
        path: path.to_owned(),
        source,
    };
    let _lock = FolderLock::take(&folder_of(path)).map_err(fail)?;
    if let Some(seen) = seen
        && disk_stamp(path).is_some_and(|now| now != seen)
    {
        return Err(SessionError::ChangedOnDisk {
            path: path.to_owned(),
        });
    }
    write_atomically(path, bytes, Backup::Keep, write)?;
    disk_stamp(path).ok_or_else(|| fail(io::Error::other("the file is gone after saving")))
}

/// A lock on a folder, held while a checked save looks at and replaces its file: the
/// operating system's advisory lock on the folder itself (released when the process ends,
/// however it ends). Where folders cannot be locked (some network file systems), saves go
/// on without it.
struct FolderLock {
    _held: Option<File>,
}

impl FolderLock {
    /// How long a save waits for another program's save in the same folder.
    const PATIENCE: std::time::Duration = std::time::Duration::from_secs(10);

    fn take(dir: &Path) -> io::Result<FolderLock> {
        #[cfg(unix)]
        {
            let Ok(folder) = File::open(dir) else {
                return Ok(FolderLock { _held: None });
            };
            let deadline = std::time::Instant::now() + Self::PATIENCE;
            loop {
                match folder.try_lock() {
                    Ok(()) => {
                        return Ok(FolderLock {
                            _held: Some(folder),
                        });
                    }
                    Err(fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                        std::thread::sleep(std::time::Duration::from_millis(10));
                    }
                    Err(fs::TryLockError::WouldBlock) => {
                        return Err(io::Error::other(format!(
                            "another save in this folder has not finished after {} s; try again",
                            Self::PATIENCE.as_secs()
                        )));
                    }
                    Err(fs::TryLockError::Error(_)) => return Ok(FolderLock { _held: None }),
                }
            }
        }
        #[cfg(not(unix))]
        {
            let _ = dir;
            Ok(FolderLock { _held: None })
        }
    }
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Writes `bytes` to `path` atomically (see [`write_atomically`]).
pub fn write_file(path: &Path, bytes: &[u8], backup: Backup) -> Result<(), SessionError> {
    write_atomically(path, bytes, backup, |f, bytes| f.write_all(bytes))
}

/// Whether a write keeps the previous version beside the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backup {
    /// As `<name>.bak`.
    Keep,
    /// No backup (documentation figures: the repository keeps their history).
    None,
}

/// Every temporary file of this program starts so, and names the process that made it:
/// `.delegate-lab-<pid>-<n>.tmp` — short, whatever the target's name, so no long file name
/// is pushed over the file system's limit.
const TEMP_PREFIX: &str = ".delegate-lab-";

fn temp_name(dir: &Path, what: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    dir.join(format!("{TEMP_PREFIX}{}-{n}.{what}", std::process::id()))
}

/// Writes `bytes` to `path` as a whole or not at all: through a temporary file in the same
/// directory that is created anew (never an existing name, so never through a symlink someone
/// planted), written, flushed and synced, then renamed over the target. With
/// [`Backup::Keep`] the previous version becomes `<name>.bak` by a hard link renamed into
/// place — no copy to interrupt, and the old `.bak` stays until the new one is whole. `write`
/// does the writing (tests pass one that fails midway); if anything fails, the target and its
/// `.bak` are as they were and the temporary files are gone.
pub fn write_atomically(
    path: &Path,
    bytes: &[u8],
    backup: Backup,
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
) -> Result<(), SessionError> {
    let fail = |source| SessionError::Write {
        path: path.to_owned(),
        source,
    };
    let dir = folder_of(path);
    remove_stale_temps(&dir);
    let temp = temp_name(&dir, "tmp");
    let written = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        write(&mut file, bytes)?;
        file.flush()?;
        file.sync_all()
    })();
    let result = written.and_then(|()| {
        if backup == Backup::Keep {
            keep_backup(path, &dir)?;
        }
        fs::rename(&temp, path)
    });
    if let Err(e) = result {
        let _ = fs::remove_file(&temp);
        return Err(fail(e));
    }
    // Make the rename itself durable.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Makes the current `path` (when it is a regular file) the new `<name>.bak`.
fn keep_backup(path: &Path, dir: &Path) -> io::Result<()> {
    let is_file = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file());
    let Some(name) = path.file_name().filter(|_| is_file) else {
        return Ok(());
    };
    let mut backup_name = name.to_owned();
    backup_name.push(".bak");
    let temp = temp_name(dir, "bak");
    let linked = fs::hard_link(path, &temp).or_else(|_| {
        // A file system without hard links: copy into a file made anew.
        let mut from = File::open(path)?;
        let mut to = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        io::copy(&mut from, &mut to)?;
        to.sync_all()
    });
    let result = linked.and_then(|()| fs::rename(&temp, dir.join(backup_name)));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Removes the temporary files that saves of this program left in `dir` when they were
/// killed: those of processes that are no longer running (and those of the names versions
/// before 2 used, `.<name>.tmp-<pid>`).
pub fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        let pid = if let Some(rest) = name.strip_prefix(TEMP_PREFIX) {
            rest.split('-').next()
        } else if name.starts_with('.') {
            name.rsplit_once(".tmp-").map(|(_, pid)| pid)
        } else {
            None
        };
        if let Some(pid) = pid.and_then(|p| p.parse::<u32>().ok())
            && !process_is_running(pid)
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn process_is_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // Signal 0 asks whether the process exists; EPERM means it does (someone else's).
        // SAFETY: kill with signal 0 sends nothing; it only checks the pid.
        let alive = unsafe { libc::kill(pid, 0) } == 0;
        alive || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// Where the lab keeps recovery files and the list of recent files: `--saves DIR`, else the user's
/// data directory.
pub fn data_dir(override_dir: Option<&Path>) -> PathBuf {
    if let Some(dir) = override_dir {
        return dir.to_owned();
    }
    directories::ProjectDirs::from("org", "Delegate Lab", "Delegate Lab")
        .map(|p| p.data_dir().to_owned())
        .unwrap_or_else(|| PathBuf::from("delegate-lab-data"))
}

/// The most a small file of the data directory (`recent.ron`, `opening.ron`) is read of.
const MAX_DATA_FILE_BYTES: u64 = 1024 * 1024;

/// A small file of the data directory, parsed; None when it is missing, not a regular file
/// (a FIFO is never waited on), larger than it can be, or not what it should hold.
fn read_data_file<T: serde::de::DeserializeOwned>(path: &Path) -> Option<T> {
    let bytes = crate::scenario::read_regular(path, MAX_DATA_FILE_BYTES).ok()?;
    ron::from_str(std::str::from_utf8(&bytes).ok()?).ok()
}

/// The most recently opened or saved files, newest first, kept in the data directory.
pub fn recent(dir: &Path) -> Vec<PathBuf> {
    read_data_file(&dir.join("recent.ron")).unwrap_or_default()
}

/// Puts `path` first in the recent files.
pub fn remember(dir: &Path, path: &Path) {
    let _ = fs::create_dir_all(dir);
    let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
    let mut list = recent(dir);
    list.retain(|p| p != &path);
    list.insert(0, path);
    list.truncate(10);
    write_recent(dir, &list);
}

/// Takes `path` out of the recent files (it no longer opens).
pub fn forget(dir: &Path, path: &Path) {
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_owned());
    let mut list = recent(dir);
    let before = list.len();
    list.retain(|p| p != path && p != &canonical);
    if list.len() != before {
        write_recent(dir, &list);
    }
}

/// The file the window is opening at start; it exists only until the window has drawn a
/// frame with it, so a file that stops the window at start is found at the next start and
/// not opened again.
pub struct StartupProbe {
    file: PathBuf,
}

impl StartupProbe {
    pub fn new(dir: &Path) -> Self {
        StartupProbe {
            file: dir.join("opening.ron"),
        }
    }

    /// The file the last start was opening when it stopped, if it stopped.
    pub fn failed(&self) -> Option<PathBuf> {
        read_data_file(&self.file)
    }

    /// About to open `path` at start.
    pub fn opening(&self, path: &Path) {
        if let Some(dir) = self.file.parent() {
            let _ = fs::create_dir_all(dir);
        }
        if let Ok(text) = ron::to_string(&path) {
            let _ = write_file(&self.file, text.as_bytes(), Backup::None);
        }
    }

    /// The window drew with it (or gave up on it): the next start may open it again.
    pub fn done(&self) {
        let _ = fs::remove_file(&self.file);
    }
}

fn write_recent(dir: &Path, list: &[PathBuf]) {
    if let Ok(text) = ron::to_string(&list) {
        let _ = write_file(&dir.join("recent.ron"), text.as_bytes(), Backup::None);
    }
}

/// Whether a session may be saved to `path`: a new file, or an existing session — never a
/// scenario (it would be lost) or a file that is not the lab's. Err says why not.
pub fn may_replace_with_session(path: &Path) -> Result<(), String> {
    may_replace(path, "Session", "a session")
}

/// Whether a scenario may be written at `path` (`export`, "Save as Scenario..."): a new file
/// or a scenario, never a session (whose work would be lost) or anything else.
pub fn may_replace_with_scenario(path: &Path) -> Result<(), String> {
    may_replace(path, "Scenario", "a scenario")
}

/// Whether an exercise may be written at `path` ("Save as Exercise...", `exercise`): a new
/// file or an exercise, never a session or a scenario.
pub fn may_replace_with_exercise(path: &Path) -> Result<(), String> {
    may_replace(path, "Exercise", "an exercise")
}

/// Whether a .reg file may be written at `path` (`reg`, Registry Editor's Export...): a new
/// file or a .reg file Registry Editor would import, never anything else (a session's work
/// would be lost).
pub fn may_replace_with_registry_file(path: &Path) -> Result<(), String> {
    if !path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("reg"))
    {
        return Err(format!(
            "a registry export is a .reg file (Registry Editor imports it by that name): {}",
            path.display()
        ));
    }
    match fs::metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot look at the file ({e}): {}", path.display())),
        Ok(meta) if meta.is_dir() => Err(format!(
            "a folder has that name; give a file name: {}",
            path.display()
        )),
        Ok(_) => {
            // Only a regular file, and only so much of it, is read (a FIFO or a device there
            // is refused, not waited on).
            let bytes = crate::scenario::read_regular(path, crate::evidence::MAX_EVIDENCE_BYTES)
                .map_err(|e| format!("cannot read the file there: {e}"))?;
            crate::regfile::parse(&bytes).map(|_| ()).map_err(|e| {
                format!(
                    "refusing to save a .reg file over a file that is not one ({e}); choose another file name: {}",
                    path.display()
                )
            })
        }
    }
}

fn may_replace(path: &Path, kind: &str, what_to_save: &str) -> Result<(), String> {
    match fs::metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(format!("cannot look at the file ({e}): {}", path.display())),
        Ok(meta) if meta.is_dir() => {
            return Err(format!(
                "a folder has that name; give a file name: {}",
                path.display()
            ));
        }
        Ok(_) => {}
    }
    let what = match crate::scenario::read_text(path) {
        Ok(text) => match crate::scenario::locate::first_ident(&text).as_deref() {
            Some(found) if found == kind => return Ok(()),
            Some("Scenario") => "it is a scenario".to_owned(),
            Some("Session") => "it is a session".to_owned(),
            Some("Exercise") => "it is an exercise".to_owned(),
            _ => "it is not a Delegate Lab file".to_owned(),
        },
        Err(crate::scenario::ScenarioError::NotAFile { what, .. }) => format!("it is {what}"),
        Err(_) => "it is not a Delegate Lab file".to_owned(),
    };
    Err(format!(
        "refusing to save {what_to_save} over a file that is not one ({what}); choose another file name: {}",
        path.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn put(path: &Path, text: &str) -> Result<(), SessionError> {
        write_file(path, text.as_bytes(), Backup::Keep)
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_symlink_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, "precious").unwrap();
        let target = dir.path().join("s.ron");
        fs::write(&target, "old session").unwrap();
        std::os::unix::fs::symlink(&victim, dir.path().join("s.ron.bak")).unwrap();
        put(&target, "new session").unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(fs::read_to_string(&target).unwrap(), "new session");
        let bak = dir.path().join("s.ron.bak");
        assert!(!fs::symlink_metadata(&bak).unwrap().file_type().is_symlink());
        assert_eq!(fs::read_to_string(&bak).unwrap(), "old session");
    }

    #[test]
    fn the_previous_backup_stays_until_the_new_one_is_whole_and_nothing_is_left_over() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("s.ron");
        put(&target, "one").unwrap();
        put(&target, "two").unwrap();
        put(&target, "three").unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("s.ron.bak")).unwrap(),
            "two"
        );
        assert_eq!(names_in(dir.path()), ["s.ron", "s.ron.bak"]);
    }

    #[test]
    fn of_two_saves_of_one_file_at_once_the_second_is_refused_and_writes_nothing() {
        use std::sync::mpsc::channel;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("case.ron");
        // Both windows opened the file as it was.
        let opened = save_text_checked(&path, "as opened", None).unwrap();
        let (inside, is_inside) = channel();
        let (go, may_go) = channel::<()>();
        // Window A's save stops after its check, before its rename, holding the lock...
        let a = std::thread::spawn({
            let path = path.clone();
            move || {
                save_checked_with(&path, b"A's work", Some(opened), |file, bytes| {
                    inside.send(()).unwrap();
                    may_go.recv().unwrap();
                    file.write_all(bytes)
                })
            }
        });
        is_inside.recv().unwrap();
        // ...while window B saves the same file: whenever B gets to look, A's check is done
        // and A's rename is either still to come (B waits for the lock) or done (B sees it).
        let b = std::thread::spawn({
            let path = path.clone();
            move || save_text_checked(&path, "B's work", Some(opened))
        });
        go.send(()).unwrap();
        let a = a.join().unwrap();
        let b = b.join().unwrap();
        assert!(a.is_ok(), "the first save is made: {a:?}");
        assert!(
            matches!(&b, Err(SessionError::ChangedOnDisk { path: p }) if p == &path),
            "the second is told: {b:?}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "A's work");
        assert_eq!(
            fs::read_to_string(dir.path().join("case.ron.bak")).unwrap(),
            "as opened",
            "B wrote nothing, not even the backup"
        );
        assert_eq!(names_in(dir.path()), ["case.ron", "case.ron.bak"]);
        // Positive control: B, having read A's file, saves over it.
        let seen = disk_stamp(&path);
        assert!(save_text_checked(&path, "B's work", seen).is_ok());
        assert_eq!(fs::read_to_string(&path).unwrap(), "B's work");
    }

    #[test]
    fn temporary_names_do_not_depend_on_the_target_name() {
        let dir = tempfile::tempdir().unwrap();
        // 250 bytes: fits the usual limit of 255, as long as the temporary name is short.
        let target = dir.path().join(format!("{}.ron", "n".repeat(246)));
        put(&target, "one").unwrap();
        put(&target, "two").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "two");
    }

    /// A session of the seed walkthrough's first `steps` steps.
    fn seed_session(steps: usize) -> super::super::Session {
        let text = fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/seed-walkthrough.ron"),
        )
        .unwrap();
        super::super::from_scenario(crate::scenario::parse(&text).unwrap(), Some(steps))
    }

    /// Issue 25: `record` and Save wrote sessions no command read back. A session over what
    /// the reader takes is refused before anything is written over (shown with small limits:
    /// the reader's own are [`Limits::READER`]), and one within them reads back.
    #[test]
    fn a_session_over_the_readers_limits_is_refused_and_the_file_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        let session = seed_session(40);
        let parts = Parts::of(&session, None);
        put(&path, "old session").unwrap();
        put(&path, "older session, now the backup").unwrap();
        put(&path, "old session").unwrap();
        let size = text::to_string(&parts).unwrap().len() as u64;
        assert_eq!(session.timeline().len(), 40);
        let saved = |limits: Limits| save_parts(&parts, &path, limits);
        // One byte short, and one entry short: refused, saying why; nothing changed.
        for (limits, says) in [
            (
                Limits {
                    bytes: size - 1,
                    entries: 106,
                },
                format!("larger than the {} bytes the lab reads back", size - 1),
            ),
            (
                Limits {
                    bytes: size,
                    entries: 105,
                },
                "the scenario has 106 steps, more than the 105 a session file holds".to_owned(),
            ),
        ] {
            let e = saved(limits).unwrap_err().to_string();
            assert!(e.contains(&says) && e.ends_with("s.ron"), "{e}");
            assert_eq!(fs::read_to_string(&path).unwrap(), "old session");
            assert_eq!(names_in(dir.path()), ["s.ron", "s.ron.bak"]);
        }
        // Control: at exactly the limits it is written, and reads back.
        saved(Limits {
            bytes: size,
            entries: 106,
        })
        .unwrap();
        assert_eq!(fs::metadata(&path).unwrap().len(), size);
        let loaded = super::super::open(&path).unwrap();
        let super::super::Opened::Session(loaded) = loaded else {
            panic!("a session");
        };
        assert_eq!(loaded.session.lab(), session.lab());
        // The window's Save and the recovery snapshot take the same path with the reader's
        // limits: the text is the one `to_text` gives.
        let file = super::super::to_file(&session, None);
        save(&file, &path).unwrap();
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            super::super::to_text(&file).unwrap()
        );
    }

    #[test]
    fn temporary_files_of_dead_processes_are_removed_and_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        // No process has pid 4194304 or more on Linux (pid_max's ceiling).
        let dead = dir.path().join(".delegate-lab-4194305-0.tmp");
        let old_style = dir.path().join(".s.ron.tmp-4194306");
        let ours = temp_name(dir.path(), "tmp");
        let stranger = dir.path().join(".other-app.tmp");
        for path in [&dead, &old_style, &ours, &stranger] {
            fs::write(path, "x").unwrap();
        }
        remove_stale_temps(dir.path());
        assert!(!dead.exists() && !old_style.exists());
        assert!(ours.exists() && stranger.exists());
    }
}
