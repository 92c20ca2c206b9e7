//! What is on each computer's screen: who is logged on and which application windows are open.
//! Scenario steps open and close windows (and `Capture` needs them), so the set of open windows
//! is part of the lab; where a window sits and what is selected in it is UI state.

use serde::Serialize;

use super::directory::{Directory, UserIx};

/// A kind of application window (SPEC section W).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum WindowKind {
    /// W3, titled "Calendar - user@domain - Outlook".
    OutlookMain,
    /// W4.
    Delegates,
    /// W5.
    AddUsers,
    /// W6, titled "Delegate Permissions: <Name>".
    DelegatePermissions(UserIx),
    /// W7.
    OpenSharedCalendar,
    /// W8, titled "<subject> - Meeting" ("Untitled - Meeting" before a subject).
    MeetingForm,
    /// W9 and Outlook's other message boxes, titled "Microsoft Outlook" (lab assumption).
    MessageBox { text: String },
    /// W10.
    LyncMain,
    /// W11.
    RegistryEditor,
    /// W12, on the front-end server.
    ManagementShell,
}

impl WindowKind {
    pub fn is_outlook(&self) -> bool {
        matches!(
            self,
            WindowKind::OutlookMain
                | WindowKind::Delegates
                | WindowKind::AddUsers
                | WindowKind::DelegatePermissions(_)
                | WindowKind::OpenSharedCalendar
                | WindowKind::MeetingForm
                | WindowKind::MessageBox { .. }
        )
    }
}

/// An open window, owned by the user whose session it is in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Window {
    pub user: UserIx,
    pub kind: WindowKind,
}

/// Title of the window box used for message boxes (lab assumption).
pub const MESSAGE_BOX_TITLE: &str = "Microsoft Outlook";

impl Window {
    /// The title bar text. `meeting_subject` is the open meeting form's subject, if any.
    pub fn title(&self, dir: &Directory, meeting_subject: Option<&str>) -> String {
        match &self.kind {
            WindowKind::OutlookMain => format!("Calendar - {} - Outlook", dir.email(self.user)),
            WindowKind::Delegates => "Delegates".into(),
            WindowKind::AddUsers => "Add Users".into(),
            WindowKind::DelegatePermissions(d) => format!("Delegate Permissions: {}", dir.name(*d)),
            WindowKind::OpenSharedCalendar => "Open a Shared Calendar".into(),
            WindowKind::MeetingForm => {
                let subject = meeting_subject.filter(|s| !s.trim().is_empty());
                format!("{} - Meeting", subject.unwrap_or("Untitled"))
            }
            WindowKind::MessageBox { .. } => MESSAGE_BOX_TITLE.into(),
            WindowKind::LyncMain => "Lync".into(),
            WindowKind::RegistryEditor => "Registry Editor".into(),
            WindowKind::ManagementShell => "Lync Server Management Shell".into(),
        }
    }

    /// Whether a name given in a scenario (`OpenWindow`, `CloseWindow`, `Capture`) means this
    /// window: its full title, or the application's short name ("Outlook", "Meeting").
    pub fn answers_to(&self, name: &str, dir: &Directory, meeting_subject: Option<&str>) -> bool {
        let name = name.trim();
        if self.title(dir, meeting_subject).eq_ignore_ascii_case(name) {
            return true;
        }
        match self.kind {
            WindowKind::OutlookMain => name.eq_ignore_ascii_case("Outlook"),
            WindowKind::MeetingForm => name.eq_ignore_ascii_case("Meeting"),
            WindowKind::LyncMain => name.eq_ignore_ascii_case("Lync 2013"),
            _ => false,
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
