//! What is on each computer's screen: who is logged on and which application windows are open.
//! Scenario steps open and close windows (and `Capture` needs them), so the set of open windows
//! is part of the lab; where a window sits and what is selected in it is UI state.

use serde::Serialize;

use super::directory::{Directory, UserIx};
use super::windows::{WindowClass, WindowName};

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
    pub fn class(&self) -> WindowClass {
        match self {
            WindowKind::OutlookMain => WindowClass::OutlookMain,
            WindowKind::Delegates => WindowClass::Delegates,
            WindowKind::AddUsers => WindowClass::AddUsers,
            WindowKind::DelegatePermissions(_) => WindowClass::DelegatePermissions,
            WindowKind::OpenSharedCalendar => WindowClass::OpenSharedCalendar,
            WindowKind::MeetingForm => WindowClass::MeetingForm,
            WindowKind::MessageBox { .. } => WindowClass::MessageBox,
            WindowKind::SelectAttendees => WindowClass::SelectAttendees,
            WindowKind::SelectName => WindowClass::SelectName,
            WindowKind::LyncMain => WindowClass::LyncMain,
            WindowKind::RegistryEditor => WindowClass::RegistryEditor,
            WindowKind::ManagementShell => WindowClass::ManagementShell,
            WindowKind::LyncOptions => WindowClass::LyncOptions,
            WindowKind::CallForwardingDelegates => WindowClass::CallForwardingDelegates,
            WindowKind::ChooseDelegate => WindowClass::ChooseDelegate,
            WindowKind::LyncMessageBox { .. } => WindowClass::LyncMessageBox,
            WindowKind::CallToast { .. } => WindowClass::CallToast,
            WindowKind::AboutLync => WindowClass::AboutLync,
            WindowKind::ConfigurationInformation => WindowClass::ConfigurationInformation,
        }
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
    /// What the variable part of its title names: the mailbox, the delegate, the meeting's
    /// subject. `meeting_subject` is the open meeting form's subject, if any.
    fn named(&self, dir: &Directory, meeting_subject: Option<&str>) -> String {
        match &self.kind {
            WindowKind::OutlookMain => dir.email(self.user),
            WindowKind::DelegatePermissions(d) => dir.name(*d).to_owned(),
            WindowKind::CallToast { boss } => dir.name(*boss).to_owned(),
            WindowKind::MeetingForm => meeting_subject
                .filter(|s| !s.trim().is_empty())
                .unwrap_or("Untitled")
                .to_owned(),
            WindowKind::Delegates
            | WindowKind::AddUsers
            | WindowKind::OpenSharedCalendar
            | WindowKind::MessageBox { .. }
            | WindowKind::SelectAttendees
            | WindowKind::SelectName
            | WindowKind::LyncMain
            | WindowKind::RegistryEditor
            | WindowKind::ManagementShell
            | WindowKind::LyncOptions
            | WindowKind::CallForwardingDelegates
            | WindowKind::ChooseDelegate
            | WindowKind::LyncMessageBox { .. }
            | WindowKind::AboutLync
            | WindowKind::ConfigurationInformation => String::new(),
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
        match &self.kind {
            WindowKind::OutlookMain => dir.find_user(named) == Some(self.user),
            WindowKind::DelegatePermissions(d) => dir.find_user(named) == Some(*d),
            WindowKind::CallToast { boss } => dir.find_user(named) == Some(*boss),
            WindowKind::MeetingForm
            | WindowKind::Delegates
            | WindowKind::AddUsers
            | WindowKind::OpenSharedCalendar
            | WindowKind::MessageBox { .. }
            | WindowKind::SelectAttendees
            | WindowKind::SelectName
            | WindowKind::LyncMain
            | WindowKind::RegistryEditor
            | WindowKind::ManagementShell
            | WindowKind::LyncOptions
            | WindowKind::CallForwardingDelegates
            | WindowKind::ChooseDelegate
            | WindowKind::LyncMessageBox { .. }
            | WindowKind::AboutLync
            | WindowKind::ConfigurationInformation => {
                name.means(self.kind.class(), &self.named(dir, meeting_subject))
            }
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

    /// Windows of the user logged on here, bottom to top.
    pub fn visible(&self) -> impl DoubleEndedIterator<Item = &Window> {
        let user = self.logged_on;
        self.windows.iter().filter(move |w| Some(w.user) == user)
    }
}
