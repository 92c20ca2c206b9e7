//! The lab window: egui only here. Windows read the lab and return actions; the app applies
//! them after drawing, through `Lab::apply`, with the frame's other commands ([`Commands`]).

pub mod app;
pub mod command;
pub mod desktop;
pub mod diagnose;
pub mod dialogs;
pub mod event_log;
pub mod exercise;
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

pub use command::{Command, Commands};

use crate::lab::{Action, ActorName, ComputerName, Lab, Seat, UserIx, UserName, WindowName};

/// What a control the lab does not model says on hover (it looks as in the real client, and
/// does nothing).
pub const NOT_IN_THIS_LAB: &str = "Not part of this lab";

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
