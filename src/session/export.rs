//! A session as a scenario: what was done up to the position, in order — the scenario steps
//! run and the actions and expectations taken by hand — each action followed by the
//! expectation of the outcome it had, so replaying the scenario with `check` passes today and
//! fails the day the lab behaves differently.

use std::path::Path;

use super::{Backup, Entry, Session, SessionError};
use crate::lab::Outcome;
use crate::scenario::write::{self, Line};
use crate::scenario::{Expectation, MAX_FILE_BYTES, MAX_STEPS, Step, StepMark};

/// The steps of the scenario a session makes.
pub fn lines(session: &Session) -> Vec<Line> {
    let steps = session.scenario().map_or(&[][..], |s| &s.steps[..]);
    let mut lines = Vec::new();
    let mut by_hand = false;
    for entry in session.done() {
        match entry {
            Entry::Manual(applied) => {
                if !by_hand {
                    lines.push(Line::Comment("Done by hand:".into()));
                    by_hand = true;
                }
                lines.push(Line::Step(Step::Action(applied.action.clone())));
                lines.push(Line::Step(Step::Expect(expect(&applied.outcome))));
            }
            Entry::Expect(expectation) => {
                lines.push(Line::Step(Step::Expect(expectation.clone())));
            }
            Entry::Step { index, mark } => {
                by_hand = false;
                let step = &steps[*index];
                match (step, mark) {
                    (Step::Action(action), StepMark::Applied(outcome)) => {
                        lines.push(Line::Step(Step::Action(action.clone())));
                        lines.push(Line::Step(Step::Expect(expect(outcome))));
                    }
                    // The outcome of every action is expected right after it already.
                    (
                        Step::Expect(
                            Expectation::ExpectOk
                            | Expectation::ExpectError { .. }
                            | Expectation::ExpectNoResponse,
                        ),
                        _,
                    ) => {}
                    (Step::Expect(_), StepMark::Failed { expected, found }) => {
                        lines.push(Line::Comment(format!(
                            "Step {} failed in the session (expected {expected}; found {found}), so it is left out:\n{step}",
                            index + 1
                        )));
                    }
                    (other, _) => lines.push(Line::Step(other.clone())),
                }
            }
        }
    }
    lines
}

/// The expectation an outcome meets exactly: an error's whole text.
fn expect(outcome: &Outcome) -> Expectation {
    match outcome {
        Outcome::Ok => Expectation::ExpectOk,
        Outcome::Error { text } => Expectation::ExpectError {
            contains: text.clone(),
        },
        Outcome::NoResponse => Expectation::ExpectNoResponse,
    }
}

/// The scenario's text, formatted for people.
pub fn scenario_text(session: &Session) -> String {
    write::to_text(&session.name, session.spec(), &lines(session))
}

/// Writes the session's scenario to `path` (atomically, keeping the previous file as
/// `.bak`) — unless the lab would not read it back, with more steps than a scenario may have
/// or more text than the lab reads: then it is refused, saying why, before anything is
/// written.
pub fn write_scenario(session: &Session, path: &Path) -> Result<(), SessionError> {
    let refused = |why: String| {
        Err(SessionError::Refused(format!(
            "{why}, so it was not written (export from an earlier position): {}",
            path.display()
        )))
    };
    let lines = lines(session);
    let steps = lines.iter().filter(|l| matches!(l, Line::Step(_))).count();
    if steps > MAX_STEPS {
        return refused(format!(
            "the scenario would have {steps} steps (each action with the expectation of its outcome), more than the {MAX_STEPS} a scenario may have"
        ));
    }
    let text = write::to_text(&session.name, session.spec(), &lines);
    if text.len() as u64 > MAX_FILE_BYTES {
        return refused(format!(
            "the scenario would be larger than the {} MB the lab reads",
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    super::write_file(path, text.as_bytes(), Backup::Keep)
}
