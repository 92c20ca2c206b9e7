//! The lab window: egui only here. Windows read the lab and return actions; the app applies
//! them after drawing, through `Lab::apply`.

pub mod app;
pub mod desktop;
pub mod files;
pub mod harness;
pub mod inspector;
pub mod lync;
pub mod outlook;
pub mod regedit;
pub mod shell_window;
pub mod theme;
pub mod window;

use crate::lab::{Action, Lab, Seat, UserIx};

/// Builds the actions of the person at a seat, with the names scenario files use.
#[derive(Clone, Copy)]
pub struct Actor<'a> {
    pub lab: &'a Lab,
    pub seat: Seat,
}

impl Actor<'_> {
    pub fn user(&self) -> String {
        self.lab.directory().id(self.seat.0).to_owned()
    }

    pub fn computer(&self) -> String {
        self.lab.directory().computer(self.seat.1).to_owned()
    }

    pub fn id_of(&self, user: UserIx) -> String {
        self.lab.directory().id(user).to_owned()
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

    pub fn open_window(&self, window: &str) -> Action {
        Action::OpenWindow {
            computer: self.computer(),
            window: window.to_owned(),
        }
    }

    pub fn close_window(&self, window: &str) -> Action {
        Action::CloseWindow {
            computer: self.computer(),
            window: window.to_owned(),
        }
    }
}
