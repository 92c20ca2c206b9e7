//! A scenario played one step at a time against a session (the window's Steps panel,
//! `record`, `shots`), remembering how each step went.

use serde::{Deserialize, Serialize};

use super::Scenario;
use super::run::{Stage, StepResultKind, run_step};
use crate::lab::Outcome;

/// How a scenario step went when the player ran it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum StepMark {
    Pending,
    Applied(Outcome),
    Passed,
    Failed { expected: String, found: String },
    Captured,
}

impl From<&StepResultKind> for StepMark {
    fn from(kind: &StepResultKind) -> Self {
        match kind {
            StepResultKind::Action(entry) => StepMark::Applied(entry.outcome.clone()),
            StepResultKind::Expectation(check) if check.passed => StepMark::Passed,
            StepResultKind::Expectation(check) => StepMark::Failed {
                expected: check.expected.clone(),
                found: check.found.clone(),
            },
            StepResultKind::Capture { .. } => StepMark::Captured,
        }
    }
}

/// A scenario's steps, run one at a time.
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

    /// What does not fit in a player read from a file, if anything, and the field it is in.
    pub fn problem(&self) -> Option<(String, &'static str)> {
        let steps = self.scenario.steps.len();
        if self.marks.len() != steps {
            let problem = format!(
                "the player has {} step marks for a scenario of {steps} steps",
                self.marks.len()
            );
            return Some((problem, "marks"));
        }
        (self.next > steps).then(|| {
            let problem = format!(
                "the player's next step {} is past the scenario's {steps} steps",
                self.next
            );
            (problem, "next")
        })
    }

    pub fn finished(&self) -> bool {
        self.next >= self.scenario.steps.len()
    }

    /// The outcome of the last scenario action played, which expectations are about.
    pub fn previous_outcome(&self) -> Option<&Outcome> {
        self.marks[..self.next.min(self.marks.len())]
            .iter()
            .rev()
            .find_map(|mark| match mark {
                StepMark::Applied(outcome) => Some(outcome),
                _ => None,
            })
    }

    /// Runs the next step against `stage`; None when the scenario is finished.
    pub fn step(&mut self, stage: &mut impl Stage) -> Option<StepResultKind> {
        let step = self.scenario.steps.get(self.next)?;
        let result = run_step(stage, step, self.previous_outcome());
        self.marks[self.next] = StepMark::from(&result);
        self.next += 1;
        Some(result)
    }
}
