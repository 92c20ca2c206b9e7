//! What is on each computer's screen: who is logged on and which application windows are open.
//! Scenario steps open and close windows (and `Capture` needs them), so the set of open windows
//! is part of the lab; where a window sits and what is selected in it is UI state.

// A new window or action must be handled wherever windows and actions are matched.
#![warn(clippy::wildcard_enum_match_arm)]

use serde::Serialize;

use super::directory::{Directory, UserIx};
use super::windows::{Names, WindowClass, WindowName};

/// An open window's identity: its class, and for the classes that need it, what it is about.
/// (The variants' names are part of a session's fingerprint: keep them.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum WindowKind {
    OutlookMain,
    Delegates,
    AddUsers,
    DelegatePermissions(UserIx),
    OpenSharedCalendar,
    MeetingForm,
    MessageBox {
        text: String,
    },
    SelectAttendees,
    SelectName,
    LyncMain,
    RegistryEditor,
    ManagementShell,
    LyncOptions,
    CallForwardingDelegates,
    ChooseDelegate,
    LyncMessageBox {
        text: String,
    },
    /// The toast of a call for `boss` ringing this delegate (W18).
    CallToast {
        boss: UserIx,
    },
    AboutLync,
    ConfigurationInformation,
}

impl WindowKind {
    /// Its class, and the user it is about when its kind carries one (the delegate of
    /// Delegate Permissions, the boss of a call toast).
    fn parts(&self) -> (WindowClass, Option<UserIx>) {
        match self {
            WindowKind::OutlookMain => (WindowClass::OutlookMain, None),
            WindowKind::Delegates => (WindowClass::Delegates, None),
            WindowKind::AddUsers => (WindowClass::AddUsers, None),
            WindowKind::DelegatePermissions(delegate) => {
                (WindowClass::DelegatePermissions, Some(*delegate))
            }
            WindowKind::OpenSharedCalendar => (WindowClass::OpenSharedCalendar, None),
            WindowKind::MeetingForm => (WindowClass::MeetingForm, None),
            WindowKind::MessageBox { .. } => (WindowClass::MessageBox, None),
            WindowKind::SelectAttendees => (WindowClass::SelectAttendees, None),
            WindowKind::SelectName => (WindowClass::SelectName, None),
            WindowKind::LyncMain => (WindowClass::LyncMain, None),
            WindowKind::RegistryEditor => (WindowClass::RegistryEditor, None),
            WindowKind::ManagementShell => (WindowClass::ManagementShell, None),
            WindowKind::LyncOptions => (WindowClass::LyncOptions, None),
            WindowKind::CallForwardingDelegates => (WindowClass::CallForwardingDelegates, None),
            WindowKind::ChooseDelegate => (WindowClass::ChooseDelegate, None),
            WindowKind::LyncMessageBox { .. } => (WindowClass::LyncMessageBox, None),
            WindowKind::CallToast { boss } => (WindowClass::CallToast, Some(*boss)),
            WindowKind::AboutLync => (WindowClass::AboutLync, None),
            WindowKind::ConfigurationInformation => (WindowClass::ConfigurationInformation, None),
        }
    }

    /// The window of a class `OpenWindow` opens, about `user` for a class whose title names
    /// one; None for a class only the rules open (their windows carry the rule's text or
    /// call) or a user missing where one is needed.
    pub fn opened(class: WindowClass, user: Option<UserIx>) -> Option<WindowKind> {
        Some(match class {
            WindowClass::OutlookMain => WindowKind::OutlookMain,
            WindowClass::Delegates => WindowKind::Delegates,
            WindowClass::AddUsers => WindowKind::AddUsers,
            WindowClass::DelegatePermissions => WindowKind::DelegatePermissions(user?),
            WindowClass::OpenSharedCalendar => WindowKind::OpenSharedCalendar,
            WindowClass::SelectAttendees => WindowKind::SelectAttendees,
            WindowClass::SelectName => WindowKind::SelectName,
            WindowClass::LyncMain => WindowKind::LyncMain,
            WindowClass::RegistryEditor => WindowKind::RegistryEditor,
            WindowClass::ManagementShell => WindowKind::ManagementShell,
            WindowClass::LyncOptions => WindowKind::LyncOptions,
            WindowClass::CallForwardingDelegates => WindowKind::CallForwardingDelegates,
            WindowClass::ChooseDelegate => WindowKind::ChooseDelegate,
            WindowClass::AboutLync => WindowKind::AboutLync,
            WindowClass::ConfigurationInformation => WindowKind::ConfigurationInformation,
            WindowClass::MeetingForm
            | WindowClass::MessageBox
            | WindowClass::LyncMessageBox
            | WindowClass::CallToast => return None,
        })
    }

    pub fn class(&self) -> WindowClass {
        self.parts().0
    }

    pub fn is_outlook(&self) -> bool {
        self.class().is_outlook()
    }
}

/// An open window, owned by the user whose session it is in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Window {
    pub user: UserIx,
    pub kind: WindowKind,
}

impl Window {
    /// The user the variable part of its title names, for a class whose title names one.
    fn named_user(&self) -> Option<UserIx> {
        match self.kind.class().title_names()? {
            Names::Mailbox => Some(self.user),
            Names::User => self.kind.parts().1,
            Names::Subject => None,
        }
    }

    /// What the variable part of its title names: the mailbox, the delegate, the meeting's
    /// subject. `meeting_subject` is the open meeting form's subject, if any.
    fn named(&self, dir: &Directory, meeting_subject: Option<&str>) -> String {
        match self.kind.class().title_names() {
            None => String::new(),
            Some(Names::Mailbox) => dir.email(self.user),
            Some(Names::User) => self
                .named_user()
                .map(|u| dir.name(u).to_owned())
                .unwrap_or_default(),
            Some(Names::Subject) => meeting_subject
                .filter(|s| !s.trim().is_empty())
                .unwrap_or("Untitled")
                .to_owned(),
        }
    }

    /// The title bar text. `meeting_subject` is the open meeting form's subject, if any.
    pub fn title(&self, dir: &Directory, meeting_subject: Option<&str>) -> String {
        self.kind.class().title(&self.named(dir, meeting_subject))
    }

    /// Whether a name given in a scenario (`OpenWindow`, `CloseWindow`, `Capture`) means this
    /// window: its title, or the application's short name ("Outlook", "Meeting"). A user in a
    /// title may be written any way the directory knows them ("Delegate Permissions:
    /// user21@contoso.com").
    pub fn answers_to(
        &self,
        name: &WindowName,
        dir: &Directory,
        meeting_subject: Option<&str>,
    ) -> bool {
        if name.class() != Some(self.kind.class()) {
            return false;
        }
        let Some(named) = name.named() else {
            return true;
        };
        match self.named_user() {
            Some(user) => dir.find_user(named) == Some(user),
            None => name.means(self.kind.class(), &self.named(dir, meeting_subject)),
        }
    }

    /// Where a session keeps this window's place: stable for its user and class (and the
    /// delegate, for Delegate Permissions).
    pub fn key(&self) -> String {
        let class = self.kind.class().key();
        if let WindowKind::DelegatePermissions(d) = &self.kind {
            format!("{}:{class}-{}", self.user.0, d.0)
        } else {
            format!("{}:{class}", self.user.0)
        }
    }
}

/// One computer's screen.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Screen {
    pub logged_on: Option<UserIx>,
    /// Bottom to top.
    pub windows: Vec<Window>,
}

impl Screen {
    pub fn has(&self, user: UserIx, kind: &WindowKind) -> bool {
        self.windows
            .iter()
            .any(|w| w.user == user && &w.kind == kind)
    }

    /// Opens a window (or brings it to the top when it is open already).
    pub fn open(&mut self, user: UserIx, kind: WindowKind) {
        self.windows.retain(|w| !(w.user == user && w.kind == kind));
        self.windows.push(Window { user, kind });
    }

    pub fn close(&mut self, user: UserIx, kind: &WindowKind) -> bool {
        let before = self.windows.len();
        self.windows
            .retain(|w| !(w.user == user && &w.kind == kind));
        self.windows.len() != before
    }

    pub fn close_where(&mut self, mut doomed: impl FnMut(&Window) -> bool) {
        self.windows.retain(|w| !doomed(w));
    }

    /// Closes a window of `user` and the dialogs opened from its class, directly or through
    /// others (the table's `parent`): a dialog takes the dialogs opened from it along.
    pub fn close_with_dialogs(&mut self, user: UserIx, kind: &WindowKind) {
        let class = kind.class();
        self.close_where(|w| {
            w.user == user && (&w.kind == kind || w.kind.class().opens_from(class))
        });
    }

    /// Closes every window of `user` whose class matches `doomed` (by its facts).
    pub fn close_classes(&mut self, user: UserIx, doomed: impl Fn(WindowClass) -> bool) {
        self.close_where(|w| w.user == user && doomed(w.kind.class()));
    }

    /// Windows of the user logged on here, bottom to top.
    pub fn visible(&self) -> impl DoubleEndedIterator<Item = &Window> {
        let user = self.logged_on;
        self.windows.iter().filter(move |w| Some(w.user) == user)
    }
}
