//! The session's timeline: everything done, in order — scenario steps the player ran, actions
//! taken by hand, expectations added by hand — and a position in it. The lab shown is the lab
//! after the entries before the position. Going back and forth replays from the nearest
//! checkpoint (a copy of the lab kept every so many actions), so any position is a few
//! milliseconds away however long the session.
//!
//! Going back deletes nothing. A new entry taken before the end replaces the entries after
//! it, as editors do — but the replaced ones are kept as a [`Branch`], which can be restored
//! (it then swaps places with what replaced it) and is saved with the session.

use serde::{Deserialize, Serialize};

use super::Applied;
use crate::lab::{Action, Lab, LabSpec, LogEntry, Outcome};
use crate::scenario::{
    self, Check, Expectation, Narration, Scenario, Step, StepMark, StepResultKind,
};

/// One entry of the timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Entry {
    /// An action taken by hand in the window.
    Manual(Applied),
    /// An expectation added by hand ("Expect this"); it held when it was added.
    Expect(Expectation),
    /// A scenario step the player ran (its index in the scenario), and how it went.
    Step { index: usize, mark: StepMark },
}

impl Entry {
    pub fn is_manual_action(&self) -> bool {
        matches!(self, Entry::Manual(_))
    }
}

/// The scenario step that comes after these entries (0-based): the one after the last step
/// they ran.
pub fn next_step_after(entries: &[Entry]) -> usize {
    entries
        .iter()
        .rev()
        .find_map(|e| match e {
            Entry::Step { index, .. } => Some(index + 1),
            Entry::Manual(_) | Entry::Expect(_) => None,
        })
        .unwrap_or(0)
}

/// Entries a new entry replaced: the timeline was the current one's first `from` entries
/// followed by these.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    pub from: usize,
    #[serde(deserialize_with = "crate::scenario::at_most_max_steps")]
    pub entries: Vec<Entry>,
}

/// The player has steps left, but actions were taken by hand since its last step: the lab is
/// no longer the one the scenario expects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Divergence {
    /// The scenario step the player would run next (0-based).
    pub step: usize,
    /// The timeline position just before the first action taken by hand.
    pub position: usize,
}

/// Copies of the lab along the current timeline: always the start, then one every `every`
/// actions. When there are too many, every other one goes and `every` doubles, so memory
/// stays bounded and a replay is at most `every` actions long.
#[derive(Clone, Debug)]
struct Checkpoints {
    every: u32,
    max: usize,
    /// (position, the lab after that many entries), by position.
    labs: Vec<(usize, Lab)>,
}

/// Actions between checkpoints at first; replaying this many takes well under a millisecond.
const CHECKPOINT_EVERY: u32 = 64;

/// How many copies of the lab are kept: 128 of a lab the default one's size, fewer of a
/// large one (a copy of a 10,000-user lab is a few megabytes), at least 16.
fn max_checkpoints(users: usize) -> usize {
    (65_536 / (users + 256)).clamp(16, 128)
}

impl Checkpoints {
    fn new(start: Lab) -> Self {
        Checkpoints {
            every: CHECKPOINT_EVERY,
            max: max_checkpoints(start.directory().user_count()),
            labs: vec![(0, start)],
        }
    }

    /// The latest checkpoint at or before `position`.
    fn at_or_before(&self, position: usize) -> &(usize, Lab) {
        let i = self.labs.partition_point(|(p, _)| *p <= position);
        &self.labs[i.max(1) - 1]
    }

    /// Keeps a copy of `lab` (at `position`) if one is due there.
    fn offer(&mut self, position: usize, lab: &Lab) {
        let last = self.labs.last().map_or(0, |(p, _)| *p);
        if position <= last || lab.steps() == 0 || !lab.steps().is_multiple_of(self.every) {
            return;
        }
        // Only one per action count (a position after a non-action entry has the same lab).
        if self
            .labs
            .last()
            .is_some_and(|(_, l)| l.steps() == lab.steps())
        {
            return;
        }
        self.labs.push((position, lab.clone()));
        if self.labs.len() > self.max {
            self.every *= 2;
            let every = self.every;
            self.labs
                .retain(|(p, l)| *p == 0 || l.steps().is_multiple_of(every));
        }
    }

    /// The timeline changed after `position`: copies past it no longer hold.
    fn forget_after(&mut self, position: usize) {
        self.labs.retain(|(p, _)| *p <= position);
    }

    /// An entry that changes nothing was inserted at `position`.
    fn shift_after(&mut self, position: usize) {
        for (p, _) in &mut self.labs {
            if *p > position {
                *p += 1;
            }
        }
    }
}

/// A lab and its timeline, as the app holds it.
#[derive(Clone, Debug)]
pub struct Session {
    pub name: String,
    /// The exercise this session is a student's work on, if it is one (its file keeps it).
    pub exercise: Option<crate::exercise::Exercise>,
    spec: LabSpec,
    scenario: Option<Scenario>,
    timeline: Vec<Entry>,
    position: usize,
    lab: Lab,
    checkpoints: Checkpoints,
    branches: Vec<Branch>,
}

/// Why a timeline read from a file does not replay as it says.
#[derive(Clone, Debug, PartialEq)]
pub struct Disagreement {
    /// Where: 0 the timeline, 1.. that branch.
    pub branch: usize,
    /// 1-based entry number in the timeline, or in the branch's entries.
    pub number: usize,
    pub action: String,
    pub saved: String,
    pub replayed: String,
}

impl std::fmt::Display for Disagreement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.branch {
            0 => write!(f, "timeline entry {}", self.number)?,
            b => write!(f, "entry {} of branch {b}", self.number)?,
        }
        write!(
            f,
            " ({}): saved {}, replayed {}",
            self.action, self.saved, self.replayed
        )
    }
}

impl Session {
    pub fn new(name: impl Into<String>, spec: LabSpec) -> Self {
        let lab = Lab::new(spec.clone());
        Session {
            name: name.into(),
            exercise: None,
            checkpoints: Checkpoints::new(lab.clone()),
            lab,
            spec,
            scenario: None,
            timeline: Vec::new(),
            position: 0,
            branches: Vec::new(),
        }
    }

    /// A session on a scenario's lab, at its start, with the scenario ready to play.
    pub fn with_scenario(scenario: Scenario) -> Self {
        let mut session = Session::new(scenario.title.clone(), scenario.lab_spec());
        session.scenario = Some(scenario);
        session
    }

    /// A session read from a file: its timeline is replayed to the end and every recorded
    /// outcome and expectation result must come out the same; then its branches, from where
    /// they leave it; the lab shown is the one at `position`.
    pub fn restore(
        name: String,
        spec: LabSpec,
        scenario: Option<Scenario>,
        timeline: Vec<Entry>,
        position: usize,
        branches: Vec<Branch>,
    ) -> Result<Session, Disagreement> {
        let mut session = Session::new(name, spec);
        session.scenario = scenario;
        session.timeline = timeline;
        session.branches = branches;
        // Borrowed, not copied: a long scenario is much of what a session holds.
        let scenario = session.scenario.as_ref();
        let mut outcomes = Outcomes::default();
        while session.position < session.timeline.len() {
            let entry = &session.timeline[session.position];
            verify_entry(scenario, &mut session.lab, entry, &mut outcomes).map_err(|mut d| {
                d.number = session.position + 1;
                d
            })?;
            session.position += 1;
            session.checkpoints.offer(session.position, &session.lab);
        }
        for (b, branch) in session.branches.iter().enumerate() {
            let mut lab = session.lab_at(branch.from);
            let mut outcomes = Outcomes::before(scenario, &session.timeline[..branch.from]);
            for (i, entry) in branch.entries.iter().enumerate() {
                verify_entry(scenario, &mut lab, entry, &mut outcomes).map_err(|mut d| {
                    d.branch = b + 1;
                    d.number = i + 1;
                    d
                })?;
            }
        }
        session.goto(position);
        Ok(session)
    }

    // ----- reading ------------------------------------------------------------------------

    pub fn lab(&self) -> &Lab {
        &self.lab
    }

    pub fn spec(&self) -> &LabSpec {
        &self.spec
    }

    pub fn scenario(&self) -> Option<&Scenario> {
        self.scenario.as_ref()
    }

    pub fn timeline(&self) -> &[Entry] {
        &self.timeline
    }

    pub fn position(&self) -> usize {
        self.position
    }

    pub fn branches(&self) -> &[Branch] {
        &self.branches
    }

    /// The entries done: the lab is the result of these.
    pub fn done(&self) -> &[Entry] {
        &self.timeline[..self.position]
    }

    /// The scenario step the player runs next (0-based; the scenario's length when finished).
    pub fn next_step(&self) -> usize {
        next_step_after(self.done())
    }

    pub fn steps_left(&self) -> usize {
        self.scenario
            .as_ref()
            .map_or(0, |s| s.steps.len().saturating_sub(self.next_step()))
    }

    /// How each scenario step went, as of the current position (Pending for those not run).
    pub fn marks(&self) -> Vec<StepMark> {
        let Some(scenario) = &self.scenario else {
            return Vec::new();
        };
        let mut marks = vec![StepMark::Pending; scenario.steps.len()];
        for entry in self.done() {
            if let Entry::Step { index, mark } = entry
                && let Some(slot) = marks.get_mut(*index)
            {
                *slot = mark.clone();
            }
        }
        marks
    }

    /// The outcome of the last scenario action run — what the scenario's expectations are
    /// about, never an action taken by hand in between.
    pub fn previous_outcome(&self) -> Option<&Outcome> {
        self.done().iter().rev().find_map(|e| match e {
            Entry::Step {
                mark: StepMark::Applied(outcome),
                ..
            } => Some(outcome),
            _ => None,
        })
    }

    /// The outcome of the last action of any kind, for expectations added by hand.
    fn last_outcome(&self) -> Option<&Outcome> {
        self.done().iter().rev().find_map(|e| match e {
            Entry::Manual(applied) => Some(&applied.outcome),
            Entry::Step {
                mark: StepMark::Applied(outcome),
                ..
            } => Some(outcome),
            Entry::Step { .. } | Entry::Expect(_) => None,
        })
    }

    /// Whether actions taken by hand since the player's last step put the lab off the
    /// scenario (window gestures do not: looking is not acting).
    pub fn divergence(&self) -> Option<Divergence> {
        let step = self.next_step();
        if self.steps_left() == 0 {
            return None;
        }
        let done = self.done();
        let after_step = done
            .iter()
            .rposition(|e| matches!(e, Entry::Step { .. }))
            .map_or(0, |p| p + 1);
        let first = done[after_step..].iter().position(|e| match e {
            Entry::Manual(applied) => !applied.action.is_window_gesture(),
            Entry::Expect(_) | Entry::Step { .. } => false,
        })?;
        Some(Divergence {
            step,
            position: after_step + first,
        })
    }

    // ----- changing -----------------------------------------------------------------------

    /// Applies an action taken by hand. Taken where the timeline goes on with that same
    /// action, it goes forward (the lab is deterministic); elsewhere it replaces what follows.
    pub fn apply(&mut self, action: Action) -> Outcome {
        if let Some(Entry::Manual(next)) = self.timeline.get(self.position)
            && next.action == action
        {
            let outcome = next.outcome.clone();
            self.goto(self.position + 1);
            return outcome;
        }
        if action.is_window_gesture()
            && self.position < self.timeline.len()
            && let Some(outcome) = self.insert_gesture(&action)
        {
            return outcome;
        }
        self.cut();
        let outcome = self.lab.apply(&action);
        self.push(Entry::Manual(Applied {
            action,
            outcome: outcome.clone(),
        }));
        outcome
    }

    /// Opening or closing a window that only shows the lab, while looking at an earlier
    /// position: it is inserted there — looking replaces nothing — provided everything after
    /// it still comes out as recorded (it only changes what is on screen). None when it would
    /// not: then it is a new entry like any other.
    fn insert_gesture(&mut self, action: &Action) -> Option<Outcome> {
        let at = self.position;
        let mut lab = self.lab.clone();
        let outcome = lab.apply(action);
        let entry = Entry::Manual(Applied {
            action: action.clone(),
            outcome: outcome.clone(),
        });
        let scenario = self.scenario.as_ref();
        let mut probe = lab.clone();
        let mut outcomes = Outcomes::before(scenario, &self.timeline[..at]);
        outcomes.note(scenario, &entry);
        for later in &self.timeline[at..] {
            verify_entry(scenario, &mut probe, later, &mut outcomes).ok()?;
        }
        // Branches leaving later keep the history they had, without this gesture.
        rebase(&mut self.branches, at, &self.timeline[at..]);
        self.timeline.insert(at, entry);
        self.checkpoints.forget_after(at);
        self.lab = lab;
        self.position += 1;
        Some(outcome)
    }

    /// Runs the scenario's next step; None when there is none. Where the timeline goes on
    /// with that step, it goes forward to it.
    pub fn play_next(&mut self) -> Option<StepResultKind> {
        let index = self.next_step();
        let step = self.scenario.as_ref()?.steps.get(index)?.clone();
        let previous = self.previous_outcome().cloned();
        if matches!(self.timeline.get(self.position), Some(Entry::Step { index: i, .. }) if *i == index)
        {
            self.goto(self.position + 1);
            let kind = match &step {
                Step::Action(_) => StepResultKind::Action(last_log(&self.lab)),
                Step::Narration(Narration::Wait { minutes }) => StepResultKind::Wait(*minutes),
                Step::Expect(_) | Step::Capture(_) | Step::Narration(Narration::Note { .. }) => {
                    scenario::run_step(&mut self.lab, &step, previous.as_ref())
                }
            };
            return Some(kind);
        }
        self.cut();
        let kind = scenario::run_step(&mut self.lab, &step, previous.as_ref());
        self.push(Entry::Step {
            index,
            mark: StepMark::from(&kind),
        });
        Some(kind)
    }

    /// Adds an expectation by hand at the current position, checked against the lab there.
    /// It changes nothing, so it is inserted: nothing after it is replaced.
    ///
    /// Only an expectation that holds is added ("Expect this" asks for what the lab shows);
    /// one that does not is refused with its check.
    pub fn expect(&mut self, expectation: Expectation) -> Result<(), Check> {
        let check = scenario::check(&self.lab, self.last_outcome(), &expectation);
        if !check.passed {
            return Err(check);
        }
        let at = self.position;
        self.timeline.insert(at, Entry::Expect(expectation));
        self.checkpoints.shift_after(at);
        for branch in &mut self.branches {
            if branch.from > at {
                branch.from += 1;
            }
        }
        self.position += 1;
        Ok(())
    }

    /// Shows the lab after the first `position` entries (clamped to the timeline).
    pub fn goto(&mut self, position: usize) {
        let target = position.min(self.timeline.len());
        if target == self.position {
            return;
        }
        let (from, checkpoint) = self.checkpoints.at_or_before(target);
        if target < self.position || *from > self.position {
            self.lab = checkpoint.clone();
            self.position = *from;
        }
        let _ = self.replay_to(target);
    }

    pub fn undo(&mut self) -> bool {
        let can = self.position > 0;
        if can {
            self.goto(self.position - 1);
        }
        can
    }

    pub fn redo(&mut self) -> bool {
        let can = self.position < self.timeline.len();
        if can {
            self.goto(self.position + 1);
        }
        can
    }

    /// Makes branch `index` the timeline again; what it had replaced becomes a branch in
    /// turn. The lab shown is the end of the restored timeline.
    pub fn restore_branch(&mut self, index: usize) -> bool {
        if index >= self.branches.len() {
            return false;
        }
        let mut branch = self.branches.remove(index);
        // What the branch and the timeline share after the fork is not part of either's
        // difference.
        let shared = branch
            .entries
            .iter()
            .zip(self.timeline.get(branch.from..).unwrap_or_default())
            .take_while(|(a, b)| a == b)
            .count();
        branch.from += shared;
        branch.entries.drain(..shared);
        if self.position > branch.from {
            self.goto(branch.from);
        }
        let tail = self.timeline.split_off(branch.from);
        rebase(&mut self.branches, branch.from, &tail);
        if !tail.is_empty() {
            self.branches.insert(
                index,
                Branch {
                    from: branch.from,
                    entries: tail,
                },
            );
        }
        self.checkpoints.forget_after(branch.from);
        self.timeline.extend(branch.entries);
        self.goto(self.timeline.len());
        true
    }

    pub fn discard_branch(&mut self, index: usize) -> bool {
        let exists = index < self.branches.len();
        if exists {
            self.branches.remove(index);
        }
        exists
    }

    // ----- inside -------------------------------------------------------------------------

    /// Before a new entry at the position: what follows becomes a branch.
    fn cut(&mut self) {
        if self.position == self.timeline.len() {
            return;
        }
        let tail = self.timeline.split_off(self.position);
        rebase(&mut self.branches, self.position, &tail);
        self.branches.push(Branch {
            from: self.position,
            entries: tail,
        });
        self.checkpoints.forget_after(self.position);
    }

    fn push(&mut self, entry: Entry) {
        self.timeline.push(entry);
        self.position += 1;
        self.checkpoints.offer(self.position, &self.lab);
    }

    /// A copy of the lab after the first `position` entries of the timeline.
    fn lab_at(&self, position: usize) -> Lab {
        let (from, checkpoint) = self.checkpoints.at_or_before(position);
        let mut lab = checkpoint.clone();
        for entry in &self.timeline[*from..position] {
            let _ = replay_entry(self.scenario.as_ref(), &mut lab, entry);
        }
        lab
    }

    /// Replays entries from the current position (whose lab is `self.lab`) to `target`,
    /// keeping checkpoints on the way; stops at the first outcome that disagrees.
    fn replay_to(&mut self, target: usize) -> Result<(), Disagreement> {
        while self.position < target {
            let entry = &self.timeline[self.position];
            replay_entry(self.scenario.as_ref(), &mut self.lab, entry).map_err(|mut d| {
                d.number = self.position + 1;
                d
            })?;
            self.position += 1;
            self.checkpoints.offer(self.position, &self.lab);
        }
        Ok(())
    }
}

/// Does an entry again on `lab`: its action or wait, if any; an action must come to the
/// outcome recorded.
fn replay_entry(
    scenario: Option<&Scenario>,
    lab: &mut Lab,
    entry: &Entry,
) -> Result<(), Disagreement> {
    let (action, saved) = match entry {
        Entry::Manual(applied) => (&applied.action, &applied.outcome),
        Entry::Expect(_) => return Ok(()),
        Entry::Step { index, mark } => {
            let step = scenario.and_then(|s| s.steps.get(*index));
            match (step, mark) {
                (Some(Step::Action(action)), StepMark::Applied(outcome)) => (action, outcome),
                (Some(Step::Narration(Narration::Wait { minutes })), _) => {
                    lab.wait(*minutes);
                    return Ok(());
                }
                _ => return Ok(()),
            }
        }
    };
    let replayed = lab.apply(action);
    if &replayed == saved {
        Ok(())
    } else {
        Err(Disagreement {
            branch: 0,
            number: 0,
            action: action.to_string(),
            saved: saved.to_string(),
            replayed: replayed.to_string(),
        })
    }
}

/// The outcomes expectations look back to while a timeline is verified.
#[derive(Default)]
struct Outcomes {
    /// Of the last scenario action (for the scenario's expectations).
    scenario: Option<Outcome>,
    /// Of the last action of any kind (for expectations added by hand).
    any: Option<Outcome>,
}

impl Outcomes {
    /// As they stand after `entries`.
    fn before(scenario: Option<&Scenario>, entries: &[Entry]) -> Outcomes {
        let mut outcomes = Outcomes::default();
        for entry in entries {
            outcomes.note(scenario, entry);
        }
        outcomes
    }

    fn note(&mut self, scenario: Option<&Scenario>, entry: &Entry) {
        match entry {
            Entry::Manual(applied) => self.any = Some(applied.outcome.clone()),
            Entry::Step {
                index,
                mark: StepMark::Applied(outcome),
            } if matches!(
                scenario.and_then(|s| s.steps.get(*index)),
                Some(Step::Action(_))
            ) =>
            {
                self.scenario = Some(outcome.clone());
                self.any = Some(outcome.clone());
            }
            Entry::Step { .. } | Entry::Expect(_) => {}
        }
    }
}

/// The timeline from `from` on was `old_tail` and is changing: branches leaving it later
/// keep their history by starting at `from`.
fn rebase(branches: &mut [Branch], from: usize, old_tail: &[Entry]) {
    for branch in branches {
        if branch.from > from {
            let mut entries = old_tail[..branch.from - from].to_vec();
            entries.append(&mut branch.entries);
            branch.entries = entries;
            branch.from = from;
        }
    }
}

/// Replays an entry read from a file and checks it: an action's outcome, and an
/// expectation's result (a scenario's as it was marked; one added by hand held when added).
fn verify_entry(
    scenario: Option<&Scenario>,
    lab: &mut Lab,
    entry: &Entry,
    outcomes: &mut Outcomes,
) -> Result<(), Disagreement> {
    let disagree = |what: String, saved: String, replayed: String| Disagreement {
        branch: 0,
        number: 0,
        action: what,
        saved,
        replayed,
    };
    match entry {
        Entry::Expect(expectation) => {
            let check = scenario::check(lab, outcomes.any.as_ref(), expectation);
            if !check.passed {
                return Err(disagree(
                    Step::Expect(expectation.clone()).to_string(),
                    "held when added".into(),
                    format!("does not hold (found {})", check.found),
                ));
            }
        }
        Entry::Step { index, mark: saved } => {
            if let Some(step @ Step::Expect(expectation)) =
                scenario.and_then(|s| s.steps.get(*index))
            {
                let check = scenario::check(lab, outcomes.scenario.as_ref(), expectation);
                let replayed = StepMark::from(&StepResultKind::Expectation(check));
                if &replayed != saved {
                    return Err(disagree(
                        step.to_string(),
                        saved.to_string(),
                        replayed.to_string(),
                    ));
                }
            }
        }
        Entry::Manual(_) => {}
    }
    replay_entry(scenario, lab, entry)?;
    outcomes.note(scenario, entry);
    Ok(())
}

fn last_log(lab: &Lab) -> LogEntry {
    lab.last_entry().expect("an action was applied")
}
