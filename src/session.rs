//! Sessions: a lab and the actions that made it, saved as readable RON so a user can resume
//! exactly where they were — or mail it to a colleague who resumes it exactly.
//!
//! A session file holds a format version, the starting lab, the applied actions with their
//! outcomes, the current step, the scenario being played (if any), the window state of every
//! desktop, and a fingerprint of the resulting lab. Loading replays the actions and checks that
//! every outcome and the fingerprint agree; if they do not, it says so instead of quietly
//! loading a different lab.
//!
//! Writes are atomic: a temporary file in the same directory, flushed and synced, then renamed
//! over the target; the previous version is kept as `<name>.bak`.

use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::lab::{Action, Lab, LabSpec, Outcome};
use crate::scenario::{self, Scenario, ScenarioError, Step};
use crate::ui::desktop::DesktopState;

/// The session format this build writes, and the newest it reads.
pub const FORMAT: u32 = 1;

/// Session files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// One applied action and what it came to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Applied", deny_unknown_fields)]
pub struct Applied {
    pub action: Action,
    pub outcome: Outcome,
}

/// A lab and its history, as the app holds it.
#[derive(Clone, Debug)]
pub struct Session {
    pub name: String,
    pub spec: LabSpec,
    /// Every applied action; the lab is the result of the first `current_step`.
    pub actions: Vec<Applied>,
    pub current_step: usize,
    pub lab: Lab,
}

impl Session {
    pub fn new(name: impl Into<String>, spec: LabSpec) -> Self {
        Session {
            name: name.into(),
            lab: Lab::new(spec.clone()),
            spec,
            actions: Vec::new(),
            current_step: 0,
        }
    }

    /// Applies an action and keeps it (dropping any actions after the current step).
    pub fn apply(&mut self, action: Action) -> Outcome {
        self.actions.truncate(self.current_step);
        let outcome = self.lab.apply(&action);
        self.actions.push(Applied {
            action,
            outcome: outcome.clone(),
        });
        self.current_step = self.actions.len();
        outcome
    }
}

/// A session file as written to disk. The UI's own state rides along as RON values it owns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Session", deny_unknown_fields)]
pub struct SessionFile {
    pub format: u32,
    pub name: String,
    pub lab: LabSpec,
    pub actions: Vec<Applied>,
    pub current_step: usize,
    /// A hash of the observable lab after `current_step` actions (see [`fingerprint`]).
    pub fingerprint: String,
    /// The scenario being played and how far, if any.
    #[serde(default)]
    pub player: Option<Player>,
    /// Window state: the computer looked at, the inspector, every desktop's windows' state.
    #[serde(default)]
    pub view: Option<ViewFile>,
}

/// How a scenario step went when the player ran it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum StepMark {
    Pending,
    Applied(Outcome),
    Passed,
    Failed { expected: String, found: String },
    Captured,
}

/// A scenario's steps, run one at a time against the session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Player", deny_unknown_fields)]
pub struct Player {
    pub scenario: Scenario,
    pub marks: Vec<StepMark>,
    pub next: usize,
}

impl Player {
    pub fn new(scenario: Scenario) -> Self {
        Player {
            marks: vec![StepMark::Pending; scenario.steps.len()],
            scenario,
            next: 0,
        }
    }

    pub fn finished(&self) -> bool {
        self.next >= self.scenario.steps.len()
    }
}

/// The app's window state as saved with a session.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename = "View", deny_unknown_fields)]
pub struct ViewFile {
    pub computer: String,
    pub inspector_open: bool,
    pub desktops: Vec<DesktopState>,
}

/// A hash of the whole lab: FNV-1a over its `Debug` form, streamed (no copy of the lab is
/// built). Every map in the lab is ordered, so the same lab always gives the same hash.
pub fn fingerprint(lab: &Lab) -> String {
    struct Fnv(u64);
    impl std::fmt::Write for Fnv {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            for byte in s.bytes() {
                self.0 ^= u64::from(byte);
                self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
            }
            Ok(())
        }
    }
    let mut hash = Fnv(0xcbf2_9ce4_8422_2325);
    let _ = std::fmt::write(&mut hash, format_args!("{lab:?}"));
    format!("fnv1a64:{:016x}", hash.0)
}

/// Why a session could not be loaded or saved. The file's path comes last in each message.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    File(#[from] ScenarioError),
    #[error(
        "format {format} is newer than this Delegate Lab reads (up to {FORMAT}): update Delegate Lab to open {path}"
    )]
    FutureFormat { format: u32, path: PathBuf },
    #[error(
        "format {format} is not a Delegate Lab session format (known: 1 to {FORMAT}) in {path}"
    )]
    UnknownFormat { format: u32, path: PathBuf },
    #[error("current_step {current_step} is past the {count} saved actions in {path}")]
    BadStep {
        current_step: usize,
        count: usize,
        path: PathBuf,
    },
    #[error(
        "the replay disagrees with the saved session at action {number} ({action}): saved {saved}, replayed {replayed} — the file was edited or written by a different lab version; {path}"
    )]
    ReplayDisagrees {
        number: usize,
        action: String,
        saved: String,
        replayed: String,
        path: PathBuf,
    },
    #[error(
        "the replayed lab differs from the saved one (fingerprint {replayed}, saved {saved}) in {path}"
    )]
    FingerprintMismatch {
        saved: String,
        replayed: String,
        path: PathBuf,
    },
    #[error("cannot write the file ({source}): {path}")]
    Write { path: PathBuf, source: io::Error },
    #[error(
        "refusing to overwrite {path}: it could not be loaded, so saving over it could lose work"
    )]
    RefuseOverwrite { path: PathBuf },
}

/// A file that was opened: a session, or a scenario to start a session from.
#[derive(Debug)]
pub enum Opened {
    Session(Box<LoadedSession>),
    Scenario(Scenario),
}

/// A loaded and verified session.
#[derive(Debug)]
pub struct LoadedSession {
    pub session: Session,
    pub player: Option<Player>,
    pub view: Option<ViewFile>,
}

/// Opens a session or a scenario file, whichever it is.
pub fn open(path: &Path) -> Result<Opened, SessionError> {
    let text = scenario::read_text(path, MAX_FILE_BYTES)?;
    let is_session = scenario::locate::RonIndex::new(&text).first_ident() == Some("Session");
    if is_session {
        parse_session(&text, path).map(|s| Opened::Session(Box::new(s)))
    } else {
        scenario::parse(&text)
            .map(Opened::Scenario)
            .map_err(|e| SessionError::File(e.with_path(path)))
    }
}

/// Parses, migrates and verifies a session's text.
pub fn parse_session(text: &str, path: &Path) -> Result<LoadedSession, SessionError> {
    #[derive(Deserialize)]
    #[serde(rename = "Session")]
    struct Probe {
        format: u32,
    }
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let invalid = |e: ron::error::SpannedError| {
        SessionError::File(
            ScenarioError::at(e.span.start.line, e.span.start.col, e.code.to_string())
                .with_path(path),
        )
    };
    let probe: Probe = options.from_str(text).map_err(invalid)?;
    match probe.format {
        f if f > FORMAT => {
            return Err(SessionError::FutureFormat {
                format: f,
                path: path.to_owned(),
            });
        }
        0 => {
            return Err(SessionError::UnknownFormat {
                format: 0,
                path: path.to_owned(),
            });
        }
        // Format 1 is the first; later formats migrate older files here.
        _ => {}
    }
    let file: SessionFile = options.from_str(text).map_err(invalid)?;
    // Names must exist in actions that succeeded; a refused action may name anything (its
    // saved outcome is the refusal, and the replay checks it).
    let succeeded: Vec<(usize, Step)> = file
        .actions
        .iter()
        .enumerate()
        .filter(|(_, a)| a.outcome == Outcome::Ok)
        .map(|(i, a)| (i, Step::Action(a.action.clone())))
        .collect();
    let steps = succeeded.iter().map(|(i, step)| (*i, step));
    scenario::check_names(&file.lab, steps, text, "actions", "action")
        .map_err(|e| SessionError::File(e.with_path(path)))?;
    if file.current_step > file.actions.len() {
        return Err(SessionError::BadStep {
            current_step: file.current_step,
            count: file.actions.len(),
            path: path.to_owned(),
        });
    }
    let mut lab = Lab::new(file.lab.clone());
    for (i, applied) in file.actions.iter().take(file.current_step).enumerate() {
        let replayed = lab.apply(&applied.action);
        if replayed != applied.outcome {
            return Err(SessionError::ReplayDisagrees {
                number: i + 1,
                action: applied.action.to_string(),
                saved: applied.outcome.to_string(),
                replayed: replayed.to_string(),
                path: path.to_owned(),
            });
        }
    }
    let replayed = fingerprint(&lab);
    if replayed != file.fingerprint {
        return Err(SessionError::FingerprintMismatch {
            saved: file.fingerprint,
            replayed,
            path: path.to_owned(),
        });
    }
    Ok(LoadedSession {
        session: Session {
            name: file.name,
            spec: file.lab,
            actions: file.actions,
            current_step: file.current_step,
            lab,
        },
        player: file.player,
        view: file.view,
    })
}

/// The file form of a session.
pub fn to_file(session: &Session, player: Option<Player>, view: Option<ViewFile>) -> SessionFile {
    SessionFile {
        format: FORMAT,
        name: session.name.clone(),
        lab: session.spec.clone(),
        actions: session.actions.clone(),
        current_step: session.current_step,
        fingerprint: fingerprint(&session.lab),
        player,
        view,
    }
}

/// The session as pretty, readable RON.
pub fn to_text(file: &SessionFile) -> Result<String, ron::Error> {
    let pretty = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("    ".to_owned())
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    ron::ser::to_string_pretty(file, pretty)
}

/// Writes a session atomically (see the module docs).
pub fn save(file: &SessionFile, path: &Path) -> Result<(), SessionError> {
    let text = to_text(file).map_err(|e| SessionError::Write {
        path: path.to_owned(),
        source: io::Error::other(e.to_string()),
    })?;
    write_atomically(path, text.as_bytes(), |f, bytes| f.write_all(bytes))
}

/// Writes `bytes` to `path` through a temporary file in the same directory, keeping the
/// previous version as `.bak`. `write` does the writing (tests pass one that fails midway);
/// if it fails, the old file is untouched and the temporary file is removed.
pub fn write_atomically(
    path: &Path,
    bytes: &[u8],
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
) -> Result<(), SessionError> {
    let fail = |source| SessionError::Write {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir).map_err(fail)?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "session".into());
    let temp = dir.join(format!(".{file_name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut file = File::create(&temp)?;
        write(&mut file, bytes)?;
        file.flush()?;
        file.sync_all()?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&temp);
        return Err(fail(e));
    }
    if path.exists() {
        let backup = dir.join(format!("{file_name}.bak"));
        if let Err(e) = fs::copy(path, &backup) {
            let _ = fs::remove_file(&temp);
            return Err(fail(e));
        }
    }
    fs::rename(&temp, path).map_err(|e| {
        let _ = fs::remove_file(&temp);
        fail(e)
    })?;
    // Make the rename itself durable.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Where the lab keeps autosaves and the list of recent files: `--saves DIR`, else the user's
/// data directory.
pub fn data_dir(override_dir: Option<&Path>) -> PathBuf {
    if let Some(dir) = override_dir {
        return dir.to_owned();
    }
    directories::ProjectDirs::from("org", "Delegate Lab", "Delegate Lab")
        .map(|p| p.data_dir().to_owned())
        .unwrap_or_else(|| PathBuf::from("delegate-lab-data"))
}

/// The autosave, written after every change, and the marker of a running lab.
pub struct Autosave {
    pub dir: PathBuf,
}

impl Autosave {
    pub fn file(&self) -> PathBuf {
        self.dir.join("autosave.ron")
    }

    fn marker(&self) -> PathBuf {
        self.dir.join("running.lock")
    }

    /// At start: true when the last run did not exit cleanly and left an autosave to resume.
    pub fn crashed(&self) -> bool {
        self.marker().exists() && self.file().exists()
    }

    /// Marks the lab as running (removed by [`Autosave::clean_exit`]).
    pub fn start(&self) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        fs::write(
            self.marker(),
            b"Delegate Lab is running; this file goes at a clean exit.\n",
        )
    }

    pub fn clean_exit(&self) {
        let _ = fs::remove_file(self.marker());
    }

    pub fn write(&self, file: &SessionFile) -> Result<(), SessionError> {
        save(file, &self.file())
    }
}

/// The most recently opened or saved files, newest first, kept in the data directory.
pub fn recent(dir: &Path) -> Vec<PathBuf> {
    fs::read_to_string(dir.join("recent.ron"))
        .ok()
        .and_then(|text| ron::from_str::<Vec<PathBuf>>(&text).ok())
        .unwrap_or_default()
}

pub fn remember(dir: &Path, path: &Path) {
    let mut list = recent(dir);
    let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
    list.retain(|p| p != &path);
    list.insert(0, path);
    list.truncate(10);
    if let Ok(text) = ron::to_string(&list) {
        let _ = write_atomically(&dir.join("recent.ron"), text.as_bytes(), |f, b| {
            f.write_all(b)
        });
    }
}
