//! How a scenario step went when the player ran it (the session's timeline keeps a mark per
//! step run).

use serde::{Deserialize, Serialize};

use super::run::StepResultKind;
use crate::lab::Outcome;

/// How a scenario step went when the player ran it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum StepMark {
    Pending,
    Applied(Outcome),
    Passed,
    Failed {
        expected: String,
        found: String,
    },
    Captured,
    /// A `Note` was shown.
    Noted,
    /// A `Wait` moved the clock.
    Waited,
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
            StepResultKind::Note(_) => StepMark::Noted,
            StepResultKind::Wait(_) => StepMark::Waited,
        }
    }
}

impl std::fmt::Display for StepMark {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StepMark::Pending => f.write_str("not run"),
            StepMark::Applied(outcome) => write!(f, "{outcome}"),
            StepMark::Passed => f.write_str("passed"),
            StepMark::Failed { expected, found } => {
                write!(f, "failed (expected {expected}; found {found})")
            }
            StepMark::Captured => f.write_str("captured"),
            StepMark::Noted => f.write_str("noted"),
            StepMark::Waited => f.write_str("waited"),
        }
    }
}
