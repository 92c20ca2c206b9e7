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

/// An exercise authored by clicking through it once: the expectations chosen by hand ("Expect
/// this") up to the position become its goals — each a task of its own, of weight 1 — and the
/// actions done (by hand and by the scenario) its first task's solve steps. Its lab is the
/// session's, with no setup. Err says why there is none: no expectation about the lab's
/// state was chosen.
pub fn exercise_of(session: &Session) -> Result<crate::exercise::Exercise, String> {
    use crate::exercise::{Exercise, Task};
    let steps = session.scenario().map_or(&[][..], |s| &s.steps[..]);
    let mut goals = Vec::new();
    let mut solve = Vec::new();
    for entry in session.done() {
        match entry {
            Entry::Manual(applied) if applied.outcome == Outcome::Ok => {
                solve.push(Step::Action(applied.action.clone()));
            }
            Entry::Step {
                index,
                mark: StepMark::Applied(Outcome::Ok),
            } => {
                if let Some(Step::Action(action)) = steps.get(*index) {
                    solve.push(Step::Action(action.clone()));
                }
            }
            Entry::Expect(expectation) if !expectation.is_about_the_previous_action() => {
                goals.push(expectation.clone());
            }
            Entry::Manual(_) | Entry::Step { .. } | Entry::Expect(_) => {}
        }
    }
    if goals.is_empty() {
        return Err(
            "no goal to make: choose what the lab should show with Expect this (an expectation about the lab's state) first"
                .into(),
        );
    }
    let lab = session.lab();
    let default_lab = crate::lab::LabSpec::contoso();
    let mut tasks: Vec<Task> = goals
        .into_iter()
        .map(|goal| Task {
            title: goal.plain(lab),
            goals: vec![goal],
            weight: 1,
            hint: String::new(),
            solve: Vec::new(),
        })
        .collect();
    tasks[0].solve = solve;
    Ok(Exercise {
        title: session.name.clone(),
        instructions: vec![format!(
            "(Written from the session \u{201c}{}\u{201d}: say here what the student is to do.)",
            session.name
        )],
        lab: (session.spec() != &default_lab).then(|| session.spec().clone()),
        setup: Vec::new(),
        tasks,
        exam: false,
    })
}

/// An exercise's text, as a trainer edits it: a field a line, each task on lines of its own,
/// each goal and step on one line.
pub fn exercise_text(exercise: &crate::exercise::Exercise) -> Result<String, ron::Error> {
    let pretty = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("    ".to_owned())
        .depth_limit(4);
    let mut text = String::from(
        "// An exercise (see README, \"Exercises\"), written by \"Save as Exercise\": edit its\n// instructions, titles and hints, and put steps the student is not to see in `setup`.\n",
    );
    text.push_str(&ron::ser::to_string_pretty(exercise, pretty)?);
    text.push('\n');
    Ok(text)
}

/// Writes the exercise `session` makes at `path` (never over a session or a scenario).
pub fn write_exercise(session: &Session, path: &Path) -> Result<(), SessionError> {
    let exercise = exercise_of(session).map_err(SessionError::Refused)?;
    super::store::may_replace_with_exercise(path).map_err(SessionError::Refused)?;
    let text = exercise_text(&exercise).map_err(|e| SessionError::Write {
        path: path.to_owned(),
        source: std::io::Error::other(e.to_string()),
    })?;
    super::write_file(path, text.as_bytes(), Backup::Keep)
}
