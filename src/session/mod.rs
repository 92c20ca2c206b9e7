//! Sessions: a lab and the actions that made it, saved as readable RON so a user can resume
//! exactly where they were — or mail it to a colleague who resumes it exactly.
//!
//! - [`file`]: the session file — format versions and their migration, loading with a
//!   verified replay, the fingerprint.
//! - [`store`]: where files go and how they are written — atomic saves with a `.bak`, the
//!   data directory, recent files, file names from names.
//! - [`recovery`]: instance slots (file locks) and a recovery file per session, kept current
//!   by a journal; what a crash left behind.
//! - [`view`]: what a session keeps of the window, as plain data.

mod file;
pub mod recovery;
mod store;
pub mod view;

use serde::{Deserialize, Serialize};

use crate::lab::{Action, Lab, LabSpec, LogEntry, Outcome};
use crate::scenario::Stage;

pub use crate::scenario::{Player, StepMark};
pub use file::{
    FORMAT, LoadedSession, Opened, SessionError, SessionFile, fingerprint, open, parse_session,
    to_file, to_text,
};
pub use store::{
    Backup, StartupProbe, data_dir, file_stem, forget, may_replace_with_session, recent, remember,
    remove_stale_temps, save, write_atomically, write_file,
};
pub use view::ViewFile;

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

impl Stage for Session {
    fn lab(&self) -> &Lab {
        &self.lab
    }

    fn apply(&mut self, action: &Action) -> LogEntry {
        Session::apply(self, action.clone());
        self.lab.log().last().cloned().expect("apply always logs")
    }
}

/// A session made from a scenario's first `steps` steps (all when None) played in order, as
/// the window's player would: its actions, its marks and the scenario, to resume there.
pub fn from_scenario(
    scenario: crate::scenario::Scenario,
    steps: Option<usize>,
) -> (Session, Player) {
    let mut session = Session::new(scenario.title.clone(), scenario.lab_spec());
    let mut player = Player::new(scenario);
    for _ in 0..steps.unwrap_or(usize::MAX) {
        if player.step(&mut session).is_none() {
            break;
        }
    }
    (session, player)
}
