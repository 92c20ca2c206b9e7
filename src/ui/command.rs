//! What a frame asks of the app, in the order it was asked: the lab's actions and expectations
//! (from its windows), moves along the timeline (the Steps panel and its keys) and the app's
//! own commands (the File menu, the lab's dialogs, closing the window). One queue, filled
//! while the frame is drawn and done once after it, in order ([`Commands`]).

use std::path::PathBuf;

use crate::lab::{Action, Seat};
use crate::scenario::Expectation;

/// One thing the frame asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// An action taken by hand in a window, applied through `Lab::apply`.
    Act(Action),
    /// "Expect this": an expectation about what a window shows, added at the position.
    Expect(Expectation),
    /// A move along the timeline, or the player's.
    Step(StepCommand),
    /// Something asked of the app itself (files, the session, the window).
    App(AppCommand),
}

/// What the Steps panel and the timeline keys ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepCommand {
    /// Show the lab after this many timeline entries.
    Goto(usize),
    /// One entry back from wherever the timeline is when it is done (Back, Ctrl+Z).
    Back,
    /// One entry forward, if there is one (Forward, Ctrl+Y, Ctrl+Shift+Z).
    Forward,
    /// The lab as it starts (Home).
    Start,
    /// The end of the timeline (End).
    End,
    /// Run the scenario's next steps, this many.
    Play(usize),
    /// Run the scenario from the end of the timeline through this step (0-based).
    PlayThrough(usize),
    Restore(usize),
    Discard(usize),
    /// "Continue the scenario here": the divergence at this position is accepted.
    Continue(usize),
}

/// Something asked of the app itself rather than of the lab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AppCommand {
    /// File → New: the default lab, as the window first starts (the seed walkthrough at
    /// step 0, ready to play).
    New,
    /// File → Open...: ask for a file.
    OpenDialog,
    /// Open Recent, Open path, the lab's Open dialog, or a file given on the command line.
    Open(PathBuf),
    /// File → Save or Ctrl+S.
    Save,
    /// File → Save As...
    SaveAs,
    /// File → Save as Scenario...: what was done, as a scenario file.
    SaveScenarioAs,
    /// File → Save as Exercise...: the expectations chosen as goals, what was done as the
    /// solution.
    SaveExerciseAs,
    /// Registry Editor's File → Export...: ask where, then write the `.reg` file Registry
    /// Editor writes for the Lync key of this seat's hive (`crate::regfile`).
    ExportRegistry(Seat),
    /// File → Open Field Case...: show the catalogue (`crate::field::CASES`).
    FieldCases,
    /// Open that case of the catalogue (its scenario at step 0, as a new unsaved session).
    OpenFieldCase(usize),
    /// File → New Case from Evidence...: ask for the evidence.
    EvidenceDialog,
    /// Open a case made from evidence (its scenario text) as a new, unsaved session.
    OpenCase(String),
    /// Resume the first of what earlier runs left behind.
    Resume,
    /// Let the first of what earlier runs left behind go.
    DiscardLeftBehind,
    /// Start the session's exercise again from its start (Reset Exercise).
    ResetExercise,
    /// Close the window.
    Quit,
}

impl AppCommand {
    /// Whether it replaces the session, so unsaved changes must be asked about first.
    pub fn replaces_session(&self) -> bool {
        match self {
            AppCommand::New
            | AppCommand::OpenDialog
            | AppCommand::Open(_)
            | AppCommand::OpenFieldCase(_)
            | AppCommand::OpenCase(_)
            | AppCommand::Resume
            | AppCommand::ResetExercise
            | AppCommand::Quit => true,
            AppCommand::Save
            | AppCommand::SaveAs
            | AppCommand::SaveScenarioAs
            | AppCommand::SaveExerciseAs
            | AppCommand::ExportRegistry(_)
            | AppCommand::FieldCases
            | AppCommand::EvidenceDialog
            | AppCommand::DiscardLeftBehind => false,
        }
    }
}

impl From<Action> for Command {
    fn from(action: Action) -> Self {
        Command::Act(action)
    }
}

impl From<Expectation> for Command {
    fn from(expectation: Expectation) -> Self {
        Command::Expect(expectation)
    }
}

impl From<StepCommand> for Command {
    fn from(command: StepCommand) -> Self {
        Command::Step(command)
    }
}

impl From<AppCommand> for Command {
    fn from(command: AppCommand) -> Self {
        Command::App(command)
    }
}

/// The frame's queue of commands, in the order asked.
#[derive(Debug, Default)]
pub struct Commands(Vec<Command>);

impl Commands {
    pub fn push(&mut self, command: impl Into<Command>) {
        self.0.push(command.into());
    }

    pub fn extend<C: Into<Command>>(&mut self, commands: impl IntoIterator<Item = C>) {
        self.0.extend(commands.into_iter().map(Into::into));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The actions asked for (tests and benchmarks look at these).
    pub fn actions(&self) -> impl Iterator<Item = &Action> {
        self.0.iter().filter_map(|command| match command {
            Command::Act(action) => Some(action),
            Command::Expect(_) | Command::Step(_) | Command::App(_) => None,
        })
    }
}

impl IntoIterator for Commands {
    type Item = Command;
    type IntoIter = std::vec::IntoIter<Command>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}
