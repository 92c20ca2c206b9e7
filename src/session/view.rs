//! What a session keeps of the lab window, as plain data: which computer is looked at, and for
//! every desktop the state of each application's windows (text being typed, selections,
//! drafts of dialogs not yet confirmed) and where each window sits. The lab never reads it;
//! the window (`ui/`, feature `gui`) draws from it and writes to it.
//!
//! Every struct defaults field by field, so a file written before a field existed still loads;
//! a field it does not know is refused (a typo, or a body of another format version).

// A new window or action must be handled wherever windows and actions are matched.
#![warn(clippy::wildcard_enum_match_arm)]

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::lab::UserIx;
use crate::lab::exchange::{DelegatePermissions, MeetingRequestDelivery};
use crate::lab::windows::{Draft, WindowClass};

/// The app's window state as saved with a session.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename = "View", default, deny_unknown_fields)]
pub struct ViewFile {
    pub computer: String,
    pub inspector_open: bool,
    pub desktops: Vec<DesktopState>,
}

impl ViewFile {
    /// A lab as the window first shows it: the first computer, nothing open or typed yet.
    pub fn fresh(lab: &crate::lab::Lab) -> Self {
        let dir = lab.directory();
        ViewFile {
            computer: dir
                .computers()
                .next()
                .map(|(_, name)| name.to_owned())
                .unwrap_or_default(),
            inspector_open: false,
            desktops: vec![DesktopState::default(); dir.computers().len()],
        }
    }
}

impl ViewFile {
    /// What does not fit in window state read from a file, if anything — users named by an
    /// index the lab does not have, window places that are not numbers — and the window place's
    /// key when it is one.
    pub fn problem(&self, users: usize) -> Option<(String, Option<String>)> {
        self.desktops.iter().enumerate().find_map(|(d, desktop)| {
            let at = |what: String| format!("desktop {} of the window state: {what}", d + 1);
            if let Some(user) = desktop.outlook.users().find(|u| u.0 as usize >= users) {
                return Some((
                    at(format!(
                        "Outlook's dialogs name user {}, but the lab has {users} users",
                        user.0
                    )),
                    None,
                ));
            }
            desktop
                .window_rects
                .iter()
                .find(|(_, r)| !r.iter().all(|v| v.is_finite()) || r[2] < 0.0 || r[3] < 0.0)
                .map(|(key, r)| {
                    (
                        at(format!("the window place {key:?} is {r:?}")),
                        Some(key.clone()),
                    )
                })
        })
    }
}

impl OutlookUi {
    /// Every user the dialogs' state names.
    fn users(&self) -> impl Iterator<Item = UserIx> + '_ {
        let delegates = &self.delegates;
        let add_users = &self.add_users;
        delegates
            .adds
            .iter()
            .chain(&delegates.changes)
            .map(|(u, _)| *u)
            .chain(delegates.removes.iter().copied())
            .chain(delegates.selected)
            .chain(add_users.selected)
            .chain(add_users.chosen.iter().copied())
            .chain(self.select_attendees.selected)
            .chain(self.select_attendees.chosen.iter().copied())
            .chain(self.select_name.selected)
            .chain(self.select_name.chosen.iter().copied())
            .chain(
                self.permissions
                    .iter()
                    .flat_map(|p| p.delegates.iter().copied()),
            )
            .chain(self.selected_calendar)
    }
}

/// One computer's desktop: each application's window state, and where its windows are.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DesktopState {
    pub lync: LyncUi,
    /// Lync - Options and the Call Forwarding - Delegates draft (B12).
    pub call_forwarding: CallForwardingUi,
    pub registry_editor: RegistryEditorUi,
    pub shell: ShellUi,
    pub outlook: OutlookUi,
    /// Where each window was last, relative to the desktop, by [`crate::lab::screen::Window::key`],
    /// so a resumed session puts them back.
    pub window_rects: BTreeMap<String, WindowRect>,
}

impl DesktopState {
    /// The lab moved to another point of its timeline: what was typed into the dialogs and
    /// the meeting form belonged to the lab that was shown, and goes with it (window places,
    /// the Shell's prompt, Lync's note and the Options page chosen stay).
    pub fn forget_drafts(&mut self) {
        for class in WindowClass::ALL {
            if let Some(draft) = class.draft() {
                self.forget(draft);
            }
        }
    }

    /// Drops the drafts of the windows that are not open (`open`: whether a window of that
    /// class is open on the desktop): however a dialog closed — OK, Cancel, its X, Alt+F4,
    /// a sign-out — it opens again as the lab has it, never with changes left behind.
    pub fn forget_closed(&mut self, open: impl Fn(WindowClass) -> bool) {
        for class in WindowClass::ALL {
            if let Some(draft) = class.draft()
                && !open(class)
            {
                self.forget(draft);
            }
        }
    }

    /// Forgets one draft (the table of windows says whose it is).
    fn forget(&mut self, draft: Draft) {
        let outlook = &mut self.outlook;
        let calls = &mut self.call_forwarding;
        match draft {
            Draft::Delegates => outlook.delegates = DelegatesDraft::default(),
            Draft::AddUsers => outlook.add_users = AddUsersDraft::default(),
            Draft::Permissions => outlook.permissions = None,
            Draft::SharedCalendarName => {
                outlook.shared_calendar_name.clear();
                outlook.shared_calendar_error = None;
            }
            Draft::Meeting => outlook.meeting = None,
            Draft::SelectAttendees => outlook.select_attendees = AddUsersDraft::default(),
            Draft::SelectName => outlook.select_name = AddUsersDraft::default(),
            Draft::Forwarding => calls.forwarding = None,
            Draft::CallDelegates => {
                calls.adds.clear();
                calls.removes.clear();
                calls.receive.clear();
                calls.delay = None;
                calls.selected = None;
            }
            Draft::ChooseDelegate => {
                calls.chosen = None;
                calls.search.clear();
            }
        }
    }
}

/// Lync - Options (its page) and what is changed but not yet confirmed with OK in Call
/// Forwarding - Delegates and Choose a Delegate (users by index).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CallForwardingUi {
    pub options_page: Option<String>,
    /// The Call Forwarding page's choice, until OK (None: as saved).
    pub forwarding: Option<crate::lab::voice::Forwarding>,
    /// Chosen in Choose a Delegate, in the order chosen.
    pub adds: Vec<u32>,
    pub removes: BTreeSet<u32>,
    /// "Receive Calls" boxes changed.
    pub receive: BTreeMap<u32, bool>,
    /// "Ring your delegates after this many seconds:" changed.
    pub delay: Option<u32>,
    /// The row selected in Call Forwarding - Delegates.
    pub selected: Option<u32>,
    /// The row selected in Choose a Delegate, and its search box.
    pub chosen: Option<u32>,
    pub search: String,
}

/// A window's place on its desktop in points: x, y, width, height (RON `(x, y, w, h)`).
pub type WindowRect = [f32; 4];

/// Lync's main window (W10).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LyncUi {
    /// The sign-in page's address box (empty: the logged-on user's address).
    pub sign_in_address: String,
    /// "What's happening today?"
    pub note: String,
    pub tab: LyncTab,
    pub collapsed_groups: BTreeSet<String>,
    /// The contact selected in the list.
    pub selected_contact: Option<u32>,
    /// The group of the selected contact's row (a contact can be in several groups; only the
    /// clicked row is highlighted). None: the first row of that contact.
    pub selected_group: Option<String>,
    /// The icon tab: Contacts, Conversations, Phone or Meetings.
    pub view: LyncView,
    /// "Find someone or dial a number".
    pub search: String,
}

/// The icon tabs of Lync 2013's main window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum LyncView {
    #[default]
    Contacts,
    Conversations,
    /// Only for Enterprise Voice users.
    Phone,
    Meetings,
}

/// The contact-list tabs of Lync's main window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum LyncTab {
    #[default]
    Groups,
    Status,
    Relationships,
    New,
}

/// The Registry Editor (W11).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RegistryEditorUi {
    /// The selected key (its path).
    pub selected: Option<String>,
    pub collapsed: BTreeSet<String>,
    /// The selected value (its name) in the values list.
    pub selected_value: Option<String>,
}

/// The Lync Server Management Shell (W12).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ShellUi {
    /// The line being typed.
    pub input: String,
    /// How far back in the history the arrow keys are (0: the line being typed).
    pub history_back: usize,
}

/// Outlook's windows (W3–W9). What is typed or chosen in a dialog stays here until OK, Apply
/// or Send turn it into actions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OutlookUi {
    /// FILE is open (the backstage).
    pub backstage: bool,
    pub ribbon_tab: usize,
    /// The calendar New Meeting creates on: None for one's own.
    pub selected_calendar: Option<UserIx>,
    /// Changes made in the Delegates dialog, not yet applied.
    pub delegates: DelegatesDraft,
    pub add_users: AddUsersDraft,
    pub permissions: Option<PermissionsDraft>,
    /// Open a Shared Calendar: the name typed.
    pub shared_calendar_name: String,
    pub shared_calendar_error: Option<String>,
    /// The meeting form's fields as typed; None until the form is first shown.
    pub meeting: Option<MeetingEdit>,
    /// The meeting form's address book (To...): the attendees chosen, not yet in To.
    pub select_attendees: AddUsersDraft,
    /// Open a Shared Calendar's address book (Name...): the one name chosen.
    pub select_name: AddUsersDraft,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DelegatesDraft {
    pub adds: Vec<(UserIx, DelegatePermissions)>,
    pub changes: Vec<(UserIx, DelegatePermissions)>,
    pub removes: Vec<UserIx>,
    pub delivery: Option<MeetingRequestDelivery>,
    pub selected: Option<UserIx>,
}

impl DelegatesDraft {
    pub fn is_empty(&self) -> bool {
        self.adds.is_empty()
            && self.changes.is_empty()
            && self.removes.is_empty()
            && self.delivery.is_none()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AddUsersDraft {
    pub search: String,
    pub more_columns: bool,
    pub selected: Option<UserIx>,
    pub chosen: Vec<UserIx>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermissionsDraft {
    /// Who the dialog is for; several when added together from Add Users.
    pub delegates: Vec<UserIx>,
    /// Being added (from Add Users) rather than changed.
    pub new: bool,
    pub permissions: DelegatePermissions,
    /// "Automatically send a message to delegate summarizing these permissions" (the message
    /// itself is not modelled).
    pub send_summary: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MeetingEdit {
    pub to: String,
    pub subject: String,
    pub location: String,
    pub error: Option<String>,
}

/// Format 1 kept every application's fields side by side in `DesktopState`; format 2 gives
/// each application its own struct. Read format 1 with this and convert.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename = "DesktopState", default, deny_unknown_fields)]
pub(super) struct DesktopStateV1 {
    sign_in_address: String,
    lync_note: String,
    lync_tab: LyncTab,
    collapsed_groups: BTreeSet<String>,
    selected_contact: Option<u32>,
    shell_input: String,
    shell_history_back: usize,
    regedit_selected: Option<String>,
    regedit_collapsed: BTreeSet<String>,
    outlook: OutlookUi,
    window_rects: BTreeMap<String, WindowRect>,
}

impl From<DesktopStateV1> for DesktopState {
    fn from(v1: DesktopStateV1) -> Self {
        DesktopState {
            call_forwarding: CallForwardingUi::default(),
            lync: LyncUi {
                sign_in_address: v1.sign_in_address,
                note: v1.lync_note,
                tab: v1.lync_tab,
                collapsed_groups: v1.collapsed_groups,
                selected_contact: v1.selected_contact,
                ..LyncUi::default()
            },
            registry_editor: RegistryEditorUi {
                selected: v1.regedit_selected,
                collapsed: v1.regedit_collapsed,
                ..RegistryEditorUi::default()
            },
            shell: ShellUi {
                input: v1.shell_input,
                history_back: v1.shell_history_back,
            },
            outlook: v1.outlook,
            window_rects: v1.window_rects,
        }
    }
}

/// Format 1's view, read for migration.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename = "View", deny_unknown_fields)]
pub(super) struct ViewFileV1 {
    computer: String,
    inspector_open: bool,
    desktops: Vec<DesktopStateV1>,
}

impl From<ViewFileV1> for ViewFile {
    fn from(v1: ViewFileV1) -> Self {
        ViewFile {
            computer: v1.computer,
            inspector_open: v1.inspector_open,
            desktops: v1.desktops.into_iter().map(DesktopState::from).collect(),
        }
    }
}

#[cfg(test)]
mod draft_tests {
    use super::*;

    fn typed_everywhere() -> DesktopState {
        let mut desktop = DesktopState::default();
        desktop.outlook.delegates.removes.push(UserIx(1));
        desktop.outlook.add_users.search = "user".into();
        desktop.outlook.shared_calendar_name = "user20".into();
        desktop.outlook.meeting = Some(MeetingEdit::default());
        desktop.call_forwarding.adds.push(1);
        desktop.call_forwarding.search = "us".into();
        desktop.call_forwarding.options_page = Some("Call Forwarding".into());
        desktop.lync.note = "In the office".into();
        desktop
    }

    #[test]
    fn a_closed_windows_draft_is_forgotten_and_an_open_ones_kept() {
        let mut desktop = typed_everywhere();
        desktop.forget_closed(|class| {
            matches!(
                class,
                WindowClass::Delegates | WindowClass::CallForwardingDelegates
            )
        });
        // Kept: the drafts of the windows still open, and what is no draft.
        assert_eq!(desktop.outlook.delegates.removes, [UserIx(1)]);
        assert_eq!(desktop.call_forwarding.adds, [1]);
        assert_eq!(desktop.lync.note, "In the office");
        assert_eq!(
            desktop.call_forwarding.options_page.as_deref(),
            Some("Call Forwarding")
        );
        // Forgotten: Add Users', Open a Shared Calendar's, the meeting form's, Choose a
        // Delegate's.
        assert!(desktop.outlook.add_users.search.is_empty());
        assert!(desktop.outlook.shared_calendar_name.is_empty());
        assert_eq!(desktop.outlook.meeting, None);
        assert!(desktop.call_forwarding.search.is_empty());
    }

    #[test]
    fn moving_on_the_timeline_forgets_every_draft_but_keeps_the_rest() {
        let mut desktop = typed_everywhere();
        desktop.forget_drafts();
        let mut expected = DesktopState::default();
        expected.call_forwarding.options_page = Some("Call Forwarding".into());
        expected.lync.note = "In the office".into();
        assert_eq!(desktop, expected);
    }
}
