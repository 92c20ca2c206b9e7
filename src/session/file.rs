//! The session file: a format version, the starting lab, the applied actions with their
//! outcomes, the current step, the scenario being played (if any), the window state of every
//! desktop, and a fingerprint of the resulting lab. Loading migrates older formats, replays
//! the actions and checks that every outcome and the fingerprint agree; if they do not, it
//! says so instead of quietly loading a different lab.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Applied;
use super::timeline::{Branch, Entry, Session};
use super::view::{ViewFile, ViewFileV1};
use crate::lab::{Lab, LabSpec, Outcome, RULES};
use crate::scenario::{self, Narration, Scenario, ScenarioError, Step, StepList, StepMark};

/// The session format this build writes, and the newest it reads.
///
/// - 1: the first.
/// - 2: each application's window state in its own struct ([`super::view::DesktopState`]).
/// - 3: a timeline (scenario steps, actions and expectations taken by hand, in order) with a
///   position and the branches it replaced, instead of a list of actions and a player.
pub const FORMAT: u32 = 3;

/// A session file as written to disk. `V` is the window state of the format being read
/// (older formats read theirs and convert).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Session", deny_unknown_fields)]
pub struct SessionFile<V = ViewFile> {
    pub format: u32,
    pub name: String,
    pub lab: LabSpec,
    /// The scenario being played, if any.
    #[serde(default)]
    pub scenario: Option<Scenario>,
    /// Everything done, in order.
    #[serde(deserialize_with = "scenario::at_most_max_steps")]
    pub timeline: Vec<Entry>,
    /// How many entries of the timeline the lab is the result of.
    pub position: usize,
    /// Timelines that new entries replaced, to restore.
    #[serde(default)]
    pub branches: Vec<Branch>,
    /// A hash of the lab at `position` (see [`fingerprint`]).
    pub fingerprint: String,
    /// Window state: the computer looked at, the inspector, every desktop's windows' state.
    #[serde(default)]
    pub view: Option<V>,
    /// The exercise the session is a student's work on (left out when it is none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exercise: Option<crate::exercise::Exercise>,
}

/// Formats 1 and 2: the actions applied, and the scenario player beside them.
#[derive(Deserialize)]
#[serde(rename = "Session", deny_unknown_fields)]
struct SessionFileV2<V> {
    #[allow(dead_code)]
    format: u32,
    name: String,
    lab: LabSpec,
    #[serde(deserialize_with = "scenario::at_most_max_steps")]
    actions: Vec<Applied>,
    current_step: usize,
    #[allow(dead_code)]
    fingerprint: String,
    #[serde(default)]
    player: Option<PlayerV2>,
    #[serde(default)]
    view: Option<V>,
}

/// Formats 1 and 2's scenario player: the scenario, a mark per step, the next step.
#[derive(Deserialize)]
#[serde(rename = "Player", deny_unknown_fields)]
struct PlayerV2 {
    scenario: Scenario,
    marks: Vec<StepMark>,
    next: usize,
}

impl<V: Into<ViewFile>> SessionFileV2<V> {
    /// The actions and the steps the player ran, as one timeline: a played action step is
    /// the first matching action after the previous one; other played steps come right after
    /// the step before them; everything else was done by hand.
    fn migrate(self) -> Result<SessionFile, (String, &'static str)> {
        if self.current_step > self.actions.len() {
            let problem = format!(
                "current_step {} is past the {} saved actions",
                self.current_step,
                self.actions.len()
            );
            return Err((problem, "current_step"));
        }
        let total = self.actions.len();
        // The timeline, and for each entry the index of the saved action it holds.
        let mut timeline = Vec::with_capacity(total);
        let mut holds: Vec<Option<usize>> = Vec::with_capacity(total);
        let mut actions = self.actions.into_iter().enumerate().peekable();
        let scenario = match self.player {
            None => None,
            Some(player) => {
                let steps = player.scenario.steps.len();
                if player.marks.len() != steps {
                    let problem = format!(
                        "the player has {} step marks for a scenario of {steps} steps",
                        player.marks.len()
                    );
                    return Err((problem, "marks"));
                }
                if player.next > steps {
                    let problem = format!(
                        "the player's next step {} is past the scenario's {steps} steps",
                        player.next
                    );
                    return Err((problem, "next"));
                }
                for (index, mark) in player.marks.into_iter().enumerate().take(player.next) {
                    let mut held = None;
                    if let (Step::Action(action), StepMark::Applied(_)) =
                        (&player.scenario.steps[index], &mark)
                    {
                        for (i, applied) in actions.by_ref() {
                            if &applied.action == action {
                                held = Some(i);
                                break;
                            }
                            timeline.push(Entry::Manual(applied));
                            holds.push(Some(i));
                        }
                        if held.is_none() {
                            let problem = format!(
                                "the player ran step {} but its action is not among the saved actions",
                                index + 1
                            );
                            return Err((problem, "marks"));
                        }
                    }
                    timeline.push(Entry::Step { index, mark });
                    holds.push(held);
                }
                Some(player.scenario)
            }
        };
        for (i, applied) in actions {
            timeline.push(Entry::Manual(applied));
            holds.push(Some(i));
        }
        let position = match self.current_step {
            0 => 0,
            n if n == total => timeline.len(),
            n => holds
                .iter()
                .position(|h| *h == Some(n - 1))
                .map_or(0, |p| p + 1),
        };
        Ok(SessionFile {
            format: FORMAT,
            name: self.name,
            lab: self.lab,
            scenario,
            timeline,
            position,
            branches: Vec::new(),
            fingerprint: String::new(),
            view: self.view.map(Into::into),
            exercise: None,
        })
    }
}

/// A hash of the lab's state (everything but its event log, whose wording may change
/// between versions): FNV-1a over its `Debug` form, streamed. Every map in the lab is
/// ordered, so the same lab always gives the same hash. It names the version of the lab's
/// rules ([`RULES`]): a session saved under other rules is rebuilt by replaying its actions
/// under these, and its hash is not compared — unless the replayed lab's state is what it
/// was under those rules ([`Lab::state_as_under`]).
pub fn fingerprint(lab: &Lab) -> String {
    let mut hash = Fnv::new();
    let _ = lab.write_state(&mut hash);
    format!("{}fnv1a64:{:016x}", rules_prefix(), hash.0)
}

/// The hash the recovery journal names a session's text by (FNV-1a, 16 hex digits).
pub fn text_hash(text: &str) -> String {
    Fnv::of(text)
}

/// FNV-1a, 64 bits, fed as text is written to it.
pub(super) struct Fnv(pub u64);

impl Fnv {
    pub fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    /// The hash of `text`, as 16 hex digits.
    pub fn of(text: &str) -> String {
        let mut hash = Fnv::new();
        let _ = std::fmt::Write::write_str(&mut hash, text);
        format!("{:016x}", hash.0)
    }
}

impl std::fmt::Write for Fnv {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        for byte in s.bytes() {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        Ok(())
    }
}

fn rules_prefix() -> String {
    format!("rules{RULES}:")
}

/// Why a session could not be loaded or saved. The file's path comes last in each message.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    File(#[from] ScenarioError),
    #[error("cannot write the file ({source}): {path}")]
    Write { path: PathBuf, source: io::Error },
    #[error(
        "refusing to overwrite {path}: it could not be loaded, so saving over it could lose work"
    )]
    RefuseOverwrite { path: PathBuf },
    #[error(
        "not saved: the file changed on disk since this window opened or saved it (another window, or another program?); this window keeps its changes, and Save As keeps both: {path}"
    )]
    ChangedOnDisk { path: PathBuf },
    /// A save or an open the lab will not do, and why (the path is in the text).
    #[error("{0}")]
    Refused(String),
}

/// A file that was opened: a session, or a scenario to start a session from.
#[derive(Debug)]
pub enum Opened {
    Session(Box<LoadedSession>),
    Scenario(Box<Scenario>),
}

/// A loaded and verified session.
#[derive(Debug)]
pub struct LoadedSession {
    pub session: Session,
    pub view: Option<ViewFile>,
    /// Saved under other rules of the lab (an older version): the lab was rebuilt by
    /// replaying the session's actions under this version's rules.
    pub rebuilt: bool,
}

/// Opens a session or a scenario file, whichever it is.
pub fn open(path: &Path) -> Result<Opened, SessionError> {
    let text = scenario::read_text(path)?;
    let is_session = scenario::locate::first_ident(&text).as_deref() == Some("Session");
    if is_session {
        parse_session(&text, path).map(|s| Opened::Session(Box::new(s)))
    } else {
        scenario::parse(&text)
            .map(|s| Opened::Scenario(Box::new(s)))
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
    let index = || scenario::locate::RonIndex::new(text);
    let at = |(line, column): (usize, usize), message: String| {
        SessionError::File(ScenarioError::at(line, column, message).with_path(path))
    };
    let field_at = |field: &str| index().field_position(field).unwrap_or((1, 1));
    match probe.format {
        f if f > FORMAT => {
            let problem = format!(
                "format {f} is newer than this Delegate Lab reads (up to {FORMAT}): update Delegate Lab to open it"
            );
            return Err(at(field_at("format"), problem));
        }
        0 => {
            let problem =
                format!("format 0 is not a Delegate Lab session format (known: 1 to {FORMAT})");
            return Err(at(field_at("format"), problem));
        }
        _ => {}
    }
    let migrated = |old: Result<SessionFile, (String, &'static str)>| {
        old.map_err(|(problem, field)| at(field_at(field), problem))
    };
    let file: SessionFile = match probe.format {
        1 => migrated(
            options
                .from_str::<SessionFileV2<ViewFileV1>>(text)
                .map_err(invalid)?
                .migrate(),
        )?,
        2 => migrated(
            options
                .from_str::<SessionFileV2<ViewFile>>(text)
                .map_err(invalid)?
                .migrate(),
        )?,
        _ => options.from_str(text).map_err(invalid)?,
    };
    // Names must exist in actions that succeeded and in expectations, in the timeline and in
    // every branch (Restore makes a branch the timeline); a refused action may name anything
    // (its saved outcome is the refusal, and the replay checks it).
    let checked = |entries: &[Entry], list: StepList, noun: &str| {
        let named: Vec<(usize, Step)> = entries
            .iter()
            .enumerate()
            .filter_map(|(i, entry)| match entry {
                Entry::Manual(a) if a.outcome == Outcome::Ok => {
                    Some((i, Step::Action(a.action.clone())))
                }
                Entry::Expect(e) => Some((i, Step::Expect(e.clone()))),
                Entry::Manual(_) | Entry::Step { .. } => None,
            })
            .collect();
        let steps = named.iter().map(|(i, step)| (*i, step));
        scenario::check_names(&file.lab, steps, text, list, noun)
            .map_err(|e| SessionError::File(e.with_path(path)))
    };
    checked(&file.timeline, StepList::TIMELINE, "timeline entry")?;
    for (b, branch) in file.branches.iter().enumerate() {
        checked(
            &branch.entries,
            StepList::branch(b),
            &format!("branch {} entry", b + 1),
        )?;
    }
    if let Some(scenario) = &file.scenario {
        let steps = scenario.steps.iter().enumerate();
        scenario::check_names(&file.lab, steps, text, StepList::STEPS, "scenario step")
            .map_err(|e| SessionError::File(e.with_path(path)))?;
    }
    // The window trusts what it reads: every part must fit the lab and the scenario.
    let entry_position = |place: Place| {
        let index = index();
        match place {
            Place::Field(field) => index.field_position(field),
            Place::Timeline(i) => index.list_item("timeline", i),
            Place::Branch(b, i) => index.nested_list_item("branches", b, "entries", i),
        }
        .unwrap_or((1, 1))
    };
    if let Some((problem, place)) = timeline_problem(&file) {
        return Err(at(entry_position(place), problem));
    }
    let users = crate::lab::Directory::new(&file.lab).principal_count();
    if let Some((problem, key)) = file.view.as_ref().and_then(|v| v.problem(users)) {
        let index = index();
        let place = key
            .and_then(|k| index.string_position(&k))
            .or_else(|| index.field_position("view"))
            .unwrap_or((1, 1));
        return Err(at(place, problem));
    }
    if let Some(exercise) = &file.exercise
        && let Err(why) = exercise.owns(&file.lab, file.scenario.as_ref())
    {
        return Err(at(
            field_at("exercise"),
            format!("the session's exercise does not fit it: {why}"),
        ));
    }
    let mut session = Session::restore(
        file.name,
        file.lab,
        file.scenario,
        file.timeline,
        file.position,
        file.branches,
    )
    .map_err(|d| {
        let place = match d.branch {
            0 => Place::Timeline(d.number - 1),
            b => Place::Branch(b - 1, d.number - 1),
        };
        at(
            entry_position(place),
            format!(
                "the replay disagrees with the saved session at {d} — the file was edited or written by a different lab version"
            ),
        )
    })?;
    // Saved under these rules — or under earlier ones in which this lab's state is the same
    // — the lab must be the same one; saved under other rules (or by an older format), it
    // was rebuilt by replaying the actions under these.
    let saved_rules = file
        .fingerprint
        .strip_prefix("rules")
        .and_then(|rest| rest.split_once(':'))
        .and_then(|(rules, _)| rules.parse::<u32>().ok());
    let rebuilt = !saved_rules.is_some_and(|rules| session.lab().state_as_under(rules));
    let replayed = fingerprint(session.lab());
    let hash = |fingerprint: &str| {
        fingerprint
            .split_once(':')
            .map_or(String::new(), |(_, hash)| hash.to_owned())
    };
    if !rebuilt && hash(&replayed) != hash(&file.fingerprint) {
        let problem = format!(
            "the replayed lab differs from the saved one (fingerprint {replayed}, saved {}) — the file was edited or written by a different lab version",
            file.fingerprint
        );
        return Err(at(field_at("fingerprint"), problem));
    }
    session.exercise = file.exercise;
    Ok(LoadedSession {
        session,
        view: file.view,
        rebuilt,
    })
}

/// Where in a session file something is.
enum Place {
    Field(&'static str),
    /// Entry of the timeline (0-based).
    Timeline(usize),
    /// (branch, entry), 0-based.
    Branch(usize, usize),
}

/// What in a timeline read from a file does not fit its scenario, and where: each scenario
/// step is run at most once, in order, and its mark is of its kind.
fn timeline_problem(file: &SessionFile) -> Option<(String, Place)> {
    if file.position > file.timeline.len() {
        let problem = format!(
            "position {} is past the timeline's {} entries",
            file.position,
            file.timeline.len()
        );
        return Some((problem, Place::Field("position")));
    }
    let steps = file.scenario.as_ref().map_or(&[][..], |s| &s.steps[..]);
    // (what is wrong, the entry's index) in `entries`, whose first step must be `next` or later.
    let check = |entries: &[Entry], mut next: usize, what: &str| {
        for (i, entry) in entries.iter().enumerate() {
            let Entry::Step { index, mark } = entry else {
                continue;
            };
            let n = i + 1;
            let problem = match steps.get(*index) {
                None => format!(
                    "{what} entry {n} runs scenario step {} of {}",
                    index + 1,
                    steps.len()
                ),
                Some(_) if *index < next => format!(
                    "{what} entry {n} runs scenario step {} again, or out of order",
                    index + 1
                ),
                Some(step) if !mark_fits(step, mark) => format!(
                    "{what} entry {n} marks scenario step {} as {mark}, which is not a mark for that kind of step",
                    index + 1
                ),
                Some(_) => {
                    next = index + 1;
                    continue;
                }
            };
            return Some((problem, i));
        }
        None
    };
    if let Some((problem, i)) = check(&file.timeline, 0, "timeline") {
        return Some((problem, Place::Timeline(i)));
    }
    file.branches.iter().enumerate().find_map(|(b, branch)| {
        if branch.from > file.timeline.len() {
            let problem = format!(
                "branch {} leaves the timeline at entry {}, past its {} entries",
                b + 1,
                branch.from,
                file.timeline.len()
            );
            return Some((problem, Place::Branch(b, 0)));
        }
        let next = super::next_step_after(&file.timeline[..branch.from]);
        check(&branch.entries, next, &format!("branch {}", b + 1))
            .map(|(problem, i)| (problem, Place::Branch(b, i)))
    })
}

fn mark_fits(step: &Step, mark: &StepMark) -> bool {
    match (step, mark) {
        (Step::Action(_), StepMark::Applied(_))
        | (Step::Expect(_), StepMark::Passed | StepMark::Failed { .. })
        | (Step::Capture(_), StepMark::Captured)
        | (Step::Narration(Narration::Note { .. }), StepMark::Noted)
        | (Step::Narration(Narration::Wait { .. }), StepMark::Waited) => true,
        (Step::Action(_) | Step::Expect(_) | Step::Capture(_) | Step::Narration(_), _) => false,
    }
}

/// The file form of a session.
pub fn to_file(session: &Session, view: Option<ViewFile>) -> SessionFile {
    SessionFile {
        format: FORMAT,
        name: session.name.clone(),
        lab: session.spec().clone(),
        scenario: session.scenario().cloned(),
        timeline: session.timeline().to_vec(),
        position: session.position(),
        branches: session.branches().to_vec(),
        fingerprint: fingerprint(session.lab()),
        view,
        exercise: session.exercise.clone(),
    }
}

/// The session as readable RON, one entry a line ([`super::text`]). Err when it would be
/// more than the lab reads back, saying so.
pub fn to_text(file: &SessionFile) -> Result<String, ron::Error> {
    super::text::to_string(&file.into()).map_err(|e| match e {
        super::text::TextError::Ron(e) => e,
        other => ron::Error::Message(other.to_string()),
    })
}
