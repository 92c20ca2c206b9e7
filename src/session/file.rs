//! The session file: a format version, the starting lab, the applied actions with their
//! outcomes, the current step, the scenario being played (if any), the window state of every
//! desktop, and a fingerprint of the resulting lab. Loading migrates older formats, replays
//! the actions and checks that every outcome and the fingerprint agree; if they do not, it
//! says so instead of quietly loading a different lab.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::view::{ViewFile, ViewFileV1};
use super::{Applied, Player, Session};
use crate::lab::{Lab, LabSpec, Outcome};
use crate::scenario::{self, Scenario, ScenarioError, Step};

/// The session format this build writes, and the newest it reads.
///
/// - 1: the first.
/// - 2: each application's window state in its own struct ([`super::view::DesktopState`]).
pub const FORMAT: u32 = 2;

/// A session file as written to disk. `V` is the window state of the format being read
/// (older formats read theirs and convert).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Session", deny_unknown_fields)]
pub struct SessionFile<V = ViewFile> {
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
    pub view: Option<V>,
}

impl SessionFile<ViewFileV1> {
    fn migrate(self) -> SessionFile {
        SessionFile {
            format: FORMAT,
            name: self.name,
            lab: self.lab,
            actions: self.actions,
            current_step: self.current_step,
            fingerprint: self.fingerprint,
            player: self.player,
            view: self.view.map(ViewFile::from),
        }
    }
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
    /// A save or an open the lab will not do, and why (the path is in the text).
    #[error("{0}")]
    Refused(String),
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
    let text = scenario::read_text(path)?;
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
        SessionError::File(ScenarioError::from_ron(&e).with_path(path))
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
        _ => {}
    }
    let file: SessionFile = match probe.format {
        1 => options
            .from_str::<SessionFile<ViewFileV1>>(text)
            .map_err(invalid)?
            .migrate(),
        _ => options.from_str(text).map_err(invalid)?,
    };
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
    let index = || scenario::locate::RonIndex::new(text);
    let at = |(line, column): (usize, usize), message: String| {
        SessionError::File(ScenarioError::at(line, column, message).with_path(path))
    };
    if file.current_step > file.actions.len() {
        let place = index().field_position("current_step").unwrap_or((1, 1));
        return Err(at(
            place,
            format!(
                "current_step {} is past the {} saved actions",
                file.current_step,
                file.actions.len()
            ),
        ));
    }
    // The window trusts what it reads: every part must fit the lab and the scenario.
    let users = crate::lab::Directory::new(&file.lab).user_count();
    if let Some((problem, field)) = file.player.as_ref().and_then(Player::problem) {
        let place = index().field_position(field).unwrap_or((1, 1));
        return Err(at(place, problem));
    }
    if let Some((problem, key)) = file.view.as_ref().and_then(|v| v.problem(users)) {
        let index = index();
        let place = key
            .and_then(|k| index.string_position(&k))
            .or_else(|| index.field_position("view"))
            .unwrap_or((1, 1));
        return Err(at(place, problem));
    }
    if let Some(player) = &file.player {
        let steps = player.scenario.steps.iter().enumerate();
        scenario::check_names(&file.lab, steps, text, "steps", "scenario step")
            .map_err(|e| SessionError::File(e.with_path(path)))?;
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
