//! Opening and closing windows (`OpenWindow`, `CloseWindow`) by the table of window classes
//! (`windows.rs`): what a dialog needs before it opens, which dialogs close with the window
//! they were opened from, and what closing an application's window does. The windows that
//! close with Outlook, with Lync or with a sign-in follow from each class's `app` and
//! `lives` in the same table.

// A new window or action must be handled wherever windows and actions are matched.
#![warn(clippy::wildcard_enum_match_arm)]

use super::screen::{Window, WindowKind};
use super::windows::{App, Closing, Lives, Need, Opening, WindowClass, WindowName};
use super::{ComputerIx, Done, Lab, Notes, Refusal, Seat, UserIx};

impl Lab {
    fn logged_on(&self, computer: ComputerIx) -> Result<UserIx, Refusal> {
        self.screen_of(computer)
            .logged_on
            .ok_or_else(|| Refusal::Lab(format!("Nobody is logged on to {}.", self.pc(computer))))
    }

    /// `OpenWindow`: an application starts (Outlook, Lync) or shows its window; a dialog
    /// opens once what its row needs holds. The text of each refusal, like every outcome, is
    /// part of what saved sessions verify on replay.
    pub(super) fn open_window(
        &mut self,
        computer: ComputerIx,
        window: &WindowName,
        notes: &mut Notes,
    ) -> Done {
        let user = self.logged_on(computer)?;
        let seat = (user, computer);
        let name = window.as_str().trim();
        let not_openable = || {
            Refusal::Lab(format!(
                "There is no window {name:?} to open. Windows: {}.",
                WindowClass::openable_names()
            ))
        };
        let class = window.class().ok_or_else(not_openable)?;
        if !class.installed_on(self.dir.front_end() == Some(computer)) {
            return Err(Refusal::Lab(format!(
                "The {} is installed on the front-end server only, not on {}.",
                class.name(),
                self.pc(computer)
            )));
        }
        let about = match class.opening() {
            // Only the rules open these (New Meeting, a refusal, a call).
            Opening::ByRule => return Err(not_openable()),
            Opening::Application => match class.app() {
                App::Outlook => return self.start_outlook_window(seat, window, notes),
                App::Lync => return self.show_lync(seat, notes),
                App::RegistryEditor | App::ManagementShell => None,
            },
            Opening::Dialog { needs, .. } => self.check_needs(seat, class, window, needs)?,
        };
        let kind = WindowKind::opened(class, about).ok_or_else(not_openable)?;
        self.screen(computer).open(user, kind);
        notes.say(format!(
            "{} opened {name} on {}.",
            self.name(user),
            self.pc(computer)
        ));
        Ok(())
    }

    /// Outlook's main window opened: Outlook starts for the user logged on, whose mailbox a
    /// title must name if it names one.
    fn start_outlook_window(&mut self, seat: Seat, window: &WindowName, notes: &mut Notes) -> Done {
        let (user, computer) = seat;
        if let Some(owner) = window.named().and_then(|n| self.dir.find_user(n))
            && owner != user
        {
            return Err(Refusal::Lab(format!(
                "{:?} is {}'s Outlook; {} is logged on to {}.",
                window.as_str().trim(),
                self.name(owner),
                self.name(user),
                self.pc(computer)
            )));
        }
        self.start_outlook(seat, notes)
    }

    /// Lync's main window opened: Lync runs (signed in or at its sign-in page) and shows it.
    fn show_lync(&mut self, (user, computer): Seat, notes: &mut Notes) -> Done {
        self.client_mut((user, computer)).running = true;
        self.screen(computer).open(user, WindowKind::LyncMain);
        notes.say(format!(
            "Lync opened for {} on {}.",
            self.name(user),
            self.pc(computer)
        ));
        Ok(())
    }

    /// What a dialog needs before it opens, in its row's order; the user its title names,
    /// for one that names a user.
    fn check_needs(
        &mut self,
        seat: Seat,
        class: WindowClass,
        window: &WindowName,
        needs: &[Need],
    ) -> Result<Option<UserIx>, Refusal> {
        let mut about = None;
        for need in needs {
            match *need {
                Need::OutlookRunning => {
                    self.outlook_for(seat)?;
                }
                Need::LyncRunning => {
                    if !self.lync_running(seat) {
                        return Err(Refusal::Lab(format!(
                            "Lync is not running for {} on {}: its notification-area icon is not there.",
                            self.name(seat.0),
                            self.pc(seat.1)
                        )));
                    }
                }
                Need::SignedIn => self.require_signed_in(seat)?,
                Need::NamedUser => about = Some(self.user(window.named().unwrap_or_default())?),
                Need::ParentOpen(opens_from) => {
                    self.require_parent_open(seat, class, opens_from)?
                }
                Need::DelegateMembersLink => self.delegate_members_link(seat)?,
            }
        }
        Ok(about)
    }

    /// A dialog opened from another (its parent in the table of windows) needs it open.
    fn require_parent_open(
        &self,
        (user, computer): Seat,
        class: WindowClass,
        opens_from: &str,
    ) -> Done {
        let Some(parent) = class.parent() else {
            return Ok(());
        };
        let open = self
            .screen_of(computer)
            .windows
            .iter()
            .any(|w| w.user == user && w.kind.class() == parent);
        if open {
            Ok(())
        } else {
            Err(Refusal::Lab(format!(
                "{opens_from}; open {} first.",
                parent.name()
            )))
        }
    }

    /// Titles of the windows open for the logged-on user, bottom to top.
    pub fn window_titles(&self, computer: ComputerIx) -> Vec<String> {
        self.screen_of(computer)
            .visible()
            .map(|w| w.title(&self.dir, self.meeting_subject((w.user, computer))))
            .collect()
    }

    pub fn meeting_subject(&self, seat: Seat) -> Option<&str> {
        self.outlook
            .get(&seat)?
            .draft
            .as_ref()
            .map(|m| m.subject.as_str())
    }

    /// Finds an open window of the logged-on user by title or application name, topmost first.
    pub fn find_window(&self, computer: ComputerIx, name: &WindowName) -> Option<&Window> {
        self.screen_of(computer)
            .visible()
            .rev()
            .find(|w| w.answers_to(name, &self.dir, self.meeting_subject((w.user, computer))))
    }

    /// `CloseWindow` (its X, Alt+F4): what closing does is the window's row's `closing`.
    pub(super) fn close_window(
        &mut self,
        computer: ComputerIx,
        window: &WindowName,
        notes: &mut Notes,
    ) -> Done {
        let user = self.logged_on(computer)?;
        let seat = (user, computer);
        let Some(found) = self.find_window(computer, window).cloned() else {
            let open = self.window_titles(computer);
            return Err(Refusal::Lab(format!(
                "No window {:?} is open on {} (open: {}).",
                window.as_str(),
                self.pc(computer),
                if open.is_empty() {
                    "none".into()
                } else {
                    open.join(", ")
                }
            )));
        };
        let class = found.kind.class();
        match class.facts().closing {
            Closing::EndsApp => match class.app() {
                App::Outlook => self.end_outlook(seat, notes),
                App::Lync => self.end_lync(seat, notes),
                App::RegistryEditor | App::ManagementShell => {
                    self.close_app_windows(seat, class.app())
                }
            },
            Closing::WithDialogs => self.screen(computer).close_with_dialogs(user, &found.kind),
            Closing::Hides => {
                self.screen(computer).close(user, &found.kind);
                notes.say("Lync keeps running (and signed in) in the notification area.");
            }
            Closing::DiscardsMeeting => {
                // Its address book goes with it.
                if let Some(draft) = self.outlook.get_mut(&seat).and_then(|s| s.draft.take()) {
                    notes.say(format!(
                        "Closed the meeting {:?} without sending it.",
                        draft.subject
                    ));
                }
                self.screen(computer).close_with_dialogs(user, &found.kind);
            }
            Closing::LeavesCallRinging => {
                self.screen(computer).close(user, &found.kind);
                notes.say("The lab does not connect calls: the toast closes and the call rings on elsewhere until the next action ends it (B12).");
            }
        }
        // The title as it was before the meeting form lost its subject: kept as it is, because
        // log lines are part of what saved sessions verify on replay.
        let closed = match class.facts().logged_as {
            Some(spoken) => spoken.to_owned(),
            None => found.title(&self.dir, None),
        };
        notes.say(format!("Closed {closed} on {}.", self.pc(computer)));
        Ok(())
    }

    /// An application of `user` on `computer` ended: its windows go, but for those that
    /// live with something else (a call's toast).
    pub(super) fn close_app_windows(&mut self, (user, computer): Seat, app: App) {
        self.screen(computer)
            .close_classes(user, |c| c.app() == app && c.lives() != Lives::WithCall);
    }

    /// A sign-in session of `user` on `computer` ended: the windows that live with it go.
    pub(super) fn close_session_windows(&mut self, (user, computer): Seat, app: App) {
        self.screen(computer)
            .close_classes(user, |c| c.app() == app && c.lives() == Lives::WithSignIn);
    }

    /// The calls ended: the windows that live with a call go, on every screen.
    pub(super) fn close_call_windows(&mut self) {
        for screen in &mut self.screens {
            screen.close_where(|w| w.kind.class().lives() == Lives::WithCall);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lab::{Action, Lab, LabSpec, Outcome};

    /// A lab where everyone is enabled for Enterprise Voice.
    fn voice_lab() -> Lab {
        let mut spec = LabSpec::contoso();
        for user in &mut spec.users {
            user.enterprise_voice = true;
        }
        Lab::new(spec)
    }

    fn apply(lab: &mut Lab, action: &str) -> Outcome {
        let action: Action = ron::from_str(action).expect("a valid action");
        lab.apply(&action)
    }

    /// Applies a setup step, which must succeed.
    fn ok(lab: &mut Lab, action: &str) {
        let outcome = apply(lab, action);
        assert_eq!(outcome, Outcome::Ok, "{action}: {:?}", lab.last_entry());
    }

    fn open(lab: &mut Lab, window: &str) {
        ok(
            lab,
            &format!(r#"OpenWindow(computer: "USER20-PC", window: "{window}")"#),
        );
    }

    fn titles(lab: &Lab) -> Vec<String> {
        let pc = lab
            .directory()
            .find_computer("USER20-PC")
            .expect("USER20-PC");
        lab.window_titles(pc)
    }

    fn signed_in_with_options_chain() -> Lab {
        let mut lab = voice_lab();
        ok(&mut lab, r#"SignIn(user: "user20", computer: "USER20-PC")"#);
        open(&mut lab, "Lync - Options");
        open(&mut lab, "Call Forwarding - Delegates");
        open(&mut lab, "Choose a Delegate");
        open(&mut lab, "Configuration Information");
        assert_eq!(
            titles(&lab),
            [
                "Lync",
                "Lync - Options",
                "Call Forwarding - Delegates",
                "Choose a Delegate",
                "Configuration Information"
            ]
        );
        lab
    }

    #[test]
    fn a_dialog_takes_the_dialogs_opened_from_it_along() {
        let mut lab = signed_in_with_options_chain();
        ok(
            &mut lab,
            r#"CloseWindow(computer: "USER20-PC", window: "Lync - Options")"#,
        );
        assert_eq!(titles(&lab), ["Lync", "Configuration Information"]);
    }

    #[test]
    fn a_dialog_opens_only_from_its_parent_with_the_rows_words() {
        let mut lab = voice_lab();
        ok(&mut lab, r#"SignIn(user: "user20", computer: "USER20-PC")"#);
        let refused = apply(
            &mut lab,
            r#"OpenWindow(computer: "USER20-PC", window: "Choose a Delegate")"#,
        );
        assert_eq!(
            refused,
            Outcome::Error {
                text: "Choose a Delegate opens from Call Forwarding - Delegates (Add...); open Call Forwarding - Delegates first.".into()
            }
        );
        assert_eq!(titles(&lab), ["Lync"]);
    }

    #[test]
    fn a_sign_out_ends_lyncs_dialogs_and_exiting_ends_the_rest() {
        let mut lab = signed_in_with_options_chain();
        ok(
            &mut lab,
            r#"SignOut(user: "user20", computer: "USER20-PC")"#,
        );
        assert_eq!(titles(&lab), ["Lync", "Configuration Information"]);
        ok(
            &mut lab,
            r#"ExitLync(user: "user20", computer: "USER20-PC")"#,
        );
        assert_eq!(titles(&lab), Vec::<String>::new());
    }

    #[test]
    fn hiding_lyncs_main_window_leaves_its_dialogs_and_closing_outlook_all_of_outlook() {
        let mut lab = signed_in_with_options_chain();
        ok(
            &mut lab,
            r#"CloseWindow(computer: "USER20-PC", window: "Lync")"#,
        );
        assert_eq!(
            titles(&lab),
            [
                "Lync - Options",
                "Call Forwarding - Delegates",
                "Choose a Delegate",
                "Configuration Information"
            ]
        );
        let lync = titles(&lab);
        ok(
            &mut lab,
            r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
        );
        open(&mut lab, "Delegates");
        open(&mut lab, "Add Users");
        assert_eq!(titles(&lab).len(), lync.len() + 3, "{:?}", titles(&lab));
        ok(
            &mut lab,
            r#"CloseWindow(computer: "USER20-PC", window: "Outlook")"#,
        );
        assert_eq!(titles(&lab), lync);
    }
}
