//! Sessions: a lab and the actions that made it, saved as readable RON so a user can resume
//! exactly where they were — or mail it to a colleague who resumes it exactly.
//!
//! - [`file`]: the session file — format versions and their migration, loading with a
//!   verified replay, the fingerprint.
//! - [`text`]: the text the lab writes — one entry a line, streamed, within the reader's
//!   limits.
//! - [`store`]: where files go and how they are written — atomic saves with a `.bak`, the
//!   data directory, recent files, file names from names.
//! - [`recovery`]: instance slots (file locks) and a recovery file per session, kept current
//!   by a journal; what a crash left behind.
//! - [`view`]: what a session keeps of the window, as plain data.

pub mod export;
mod file;
pub mod recovery;
mod store;
mod text;
mod timeline;
pub mod view;

use serde::{Deserialize, Serialize};

use crate::lab::{Action, Outcome};

pub use crate::scenario::StepMark;
pub use file::{
    FORMAT, LoadedSession, Opened, SessionError, SessionFile, fingerprint, open, parse_session,
    text_hash, to_file, to_text,
};
pub use store::{
    Backup, DiskStamp, StartupProbe, data_dir, disk_stamp, file_stem, forget,
    may_replace_with_exercise, may_replace_with_registry_file, may_replace_with_scenario,
    may_replace_with_session, recent, remember, remove_stale_temps, save, save_checked_with,
    save_session, save_text_checked, write_atomically, write_file,
};
pub use timeline::{Branch, Disagreement, Divergence, Entry, Session, next_step_after};
pub use view::ViewFile;

/// One applied action and what it came to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Applied", deny_unknown_fields)]
pub struct Applied {
    pub action: Action,
    pub outcome: Outcome,
}

/// A session made from a scenario's first `steps` steps (all when None) played in order, as
/// the window's player would.
pub fn from_scenario(scenario: crate::scenario::Scenario, steps: Option<usize>) -> Session {
    let mut session = Session::with_scenario(scenario);
    for _ in 0..steps.unwrap_or(usize::MAX) {
        if session.play_next().is_none() {
            break;
        }
    }
    session
}
