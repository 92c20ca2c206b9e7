//! The lab window: egui only here. Windows read the lab and return actions; the app applies
//! them after drawing, through `Lab::apply`.

pub mod app;
pub mod desktop;
pub mod dialogs;
pub mod event_log;
pub mod files;
pub mod harness;
pub mod inspector;
pub mod lync;
pub mod lync_info;
pub mod lync_voice;
pub mod outlook;
pub mod regedit;
pub mod shell_window;
pub mod steps;
pub mod theme;
pub mod window;

use crate::lab::{Action, ActorName, ComputerName, Lab, Seat, UserIx, UserName, WindowName};
use crate::scenario::Expectation;

/// What a control the lab does not model says on hover (it looks as in the real client, and
/// does nothing).
pub const NOT_IN_THIS_LAB: &str = "Not part of this lab";

/// What the user asked of the lab in one frame, in order: actions, and expectations about
/// what a window shows ("Expect this" on a banner, a group, a registry value, a record).
#[derive(Debug, Default)]
pub struct Gestures(Vec<Gesture>);

#[derive(Clone, Debug, PartialEq)]
pub enum Gesture {
    Act(Action),
    Expect(Expectation),
}

impl From<Action> for Gesture {
    fn from(action: Action) -> Self {
        Gesture::Act(action)
    }
}

impl From<Expectation> for Gesture {
    fn from(expectation: Expectation) -> Self {
        Gesture::Expect(expectation)
    }
}

impl Gestures {
    pub fn push(&mut self, gesture: impl Into<Gesture>) {
        self.0.push(gesture.into());
    }

    pub fn extend<G: Into<Gesture>>(&mut self, gestures: impl IntoIterator<Item = G>) {
        self.0.extend(gestures.into_iter().map(Into::into));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The actions asked for (tests and benchmarks look at these).
    pub fn actions(&self) -> impl Iterator<Item = &Action> {
        self.0.iter().filter_map(|g| match g {
            Gesture::Act(action) => Some(action),
            Gesture::Expect(_) => None,
        })
    }
}

impl IntoIterator for Gestures {
    type Item = Gesture;
    type IntoIter = std::vec::IntoIter<Gesture>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// Builds the actions of the person at a seat, with the names scenario files use.
#[derive(Clone, Copy)]
pub struct Actor<'a> {
    pub lab: &'a Lab,
    pub seat: Seat,
}

impl Actor<'_> {
    /// Who acts, for an action's seat.
    pub fn user(&self) -> ActorName {
        self.lab.directory().id(self.seat.0).into()
    }

    /// The same user as a name an expectation is about.
    pub fn user_name(&self) -> UserName {
        self.id_of(self.seat.0)
    }

    pub fn computer(&self) -> ComputerName {
        self.lab.directory().computer(self.seat.1).into()
    }

    pub fn id_of(&self, user: UserIx) -> UserName {
        self.lab.directory().id(user).into()
    }

    pub fn sign_in(&self) -> Action {
        Action::SignIn {
            user: self.user(),
            computer: self.computer(),
        }
    }

    pub fn sign_out(&self) -> Action {
        Action::SignOut {
            user: self.user(),
            computer: self.computer(),
        }
    }

    pub fn exit_lync(&self) -> Action {
        Action::ExitLync {
            user: self.user(),
            computer: self.computer(),
        }
    }

    pub fn open_window(&self, window: WindowName) -> Action {
        Action::OpenWindow {
            computer: self.computer(),
            window,
        }
    }

    pub fn close_window(&self, window: WindowName) -> Action {
        Action::CloseWindow {
            computer: self.computer(),
            window,
        }
    }
}
