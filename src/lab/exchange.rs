//! Exchange: mailboxes, delegates and their folder permissions, calendars and meetings — and
//! the Outlook process of a user on a computer, with its open shared calendars and meeting form.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::clock::LabTime;
use super::directory::UserIx;

/// A delegate's permission on one folder (W6).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Level {
    #[default]
    None,
    Reviewer,
    Author,
    Editor,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::None, Level::Reviewer, Level::Author, Level::Editor];

    /// The label Outlook's Delegate Permissions dialog uses (W6).
    pub fn label(self) -> &'static str {
        match self {
            Level::None => "None",
            Level::Reviewer => "Reviewer (can read items)",
            Level::Author => "Author (can read and create items)",
            Level::Editor => "Editor (can read, create, and modify items)",
        }
    }

    /// Author and Editor can create items (B2) — and are what delegate sync publishes (B5).
    pub fn can_create(self) -> bool {
        self >= Level::Author
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::None => "None",
            Level::Reviewer => "Reviewer",
            Level::Author => "Author",
            Level::Editor => "Editor",
        })
    }
}

fn editor() -> Level {
    Level::Editor
}

/// Permissions as a scenario writes them; every field optional, defaulting as in B1:
/// `Permissions(calendar: Editor, tasks: Editor, inbox: None, contacts: None, notes: None,
/// receives_meeting_copies: true, see_private_items: false)`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Permissions")]
#[serde(deny_unknown_fields)]
pub struct Permissions {
    #[serde(default = "editor")]
    pub calendar: Level,
    #[serde(default = "editor")]
    pub tasks: Level,
    #[serde(default)]
    pub inbox: Level,
    #[serde(default)]
    pub contacts: Level,
    #[serde(default)]
    pub notes: Level,
    /// Left out: on while Calendar is Editor, as Outlook does.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "plain_bool",
        deserialize_with = "some_bool"
    )]
    pub receives_meeting_copies: Option<bool>,
    #[serde(default)]
    pub see_private_items: bool,
}

fn plain_bool<S: Serializer>(value: &Option<bool>, s: S) -> Result<S::Ok, S::Error> {
    value.unwrap_or_default().serialize(s)
}

fn some_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    bool::deserialize(d).map(Some)
}

impl Permissions {
    /// Outlook's defaults (B1): written out nowhere, as a scenario leaves them out.
    pub fn is_default(&self) -> bool {
        *self == Permissions::default()
    }
}

impl Default for Permissions {
    fn default() -> Self {
        Permissions {
            calendar: Level::Editor,
            tasks: Level::Editor,
            inbox: Level::None,
            contacts: Level::None,
            notes: Level::None,
            receives_meeting_copies: None,
            see_private_items: false,
        }
    }
}

impl Permissions {
    /// The permissions Outlook would store, and a note when "receives copies" had to be
    /// cleared because Calendar is not Editor (B1).
    pub fn resolve(&self) -> (DelegatePermissions, Option<String>) {
        let calendar_is_editor = self.calendar == Level::Editor;
        let asked = self.receives_meeting_copies.unwrap_or(calendar_is_editor);
        let note = (asked && !calendar_is_editor).then(|| {
            format!(
                "\"Delegate receives copies of meeting-related messages sent to me\" was left off: it needs Calendar Editor, and Calendar is {}.",
                self.calendar
            )
        });
        let resolved = DelegatePermissions {
            calendar: self.calendar,
            tasks: self.tasks,
            inbox: self.inbox,
            contacts: self.contacts,
            notes: self.notes,
            receives_meeting_copies: asked && calendar_is_editor,
            see_private_items: self.see_private_items,
        };
        (resolved, note)
    }
}

/// Permissions that give a delegate exactly what Exchange stores for them (giving them again
/// changes nothing).
impl From<&DelegatePermissions> for Permissions {
    fn from(p: &DelegatePermissions) -> Self {
        Permissions {
            calendar: p.calendar,
            tasks: p.tasks,
            inbox: p.inbox,
            contacts: p.contacts,
            notes: p.notes,
            receives_meeting_copies: Some(p.receives_meeting_copies),
            see_private_items: p.see_private_items,
        }
    }
}

/// What Exchange stores for one delegate (B1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DelegatePermissions {
    pub calendar: Level,
    pub tasks: Level,
    pub inbox: Level,
    pub contacts: Level,
    pub notes: Level,
    pub receives_meeting_copies: bool,
    pub see_private_items: bool,
}

impl Default for DelegatePermissions {
    fn default() -> Self {
        Permissions::default().resolve().0
    }
}

impl DelegatePermissions {
    /// Back to the scenario form, every field spelled out.
    pub fn to_permissions(self) -> Permissions {
        Permissions {
            calendar: self.calendar,
            tasks: self.tasks,
            inbox: self.inbox,
            contacts: self.contacts,
            notes: self.notes,
            receives_meeting_copies: Some(self.receives_meeting_copies),
            see_private_items: self.see_private_items,
        }
    }

    /// `Calendar Editor, Tasks Editor, Inbox None, Contacts None, Notes None, receives copies`
    pub fn summary(&self) -> String {
        let mut text = format!(
            "Calendar {}, Tasks {}, Inbox {}, Contacts {}, Notes {}",
            self.calendar, self.tasks, self.inbox, self.contacts, self.notes
        );
        if self.receives_meeting_copies {
            text.push_str(", receives meeting copies");
        }
        if self.see_private_items {
            text.push_str(", sees private items");
        }
        text
    }
}

/// "Deliver meeting requests addressed to me and responses to meeting requests where I am the
/// organizer to:" (W4).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeetingRequestDelivery {
    #[default]
    DelegatesOnlyWithCopy,
    DelegatesOnly,
    DelegatesAndMe,
}

impl MeetingRequestDelivery {
    pub const ALL: [MeetingRequestDelivery; 3] = [
        MeetingRequestDelivery::DelegatesOnlyWithCopy,
        MeetingRequestDelivery::DelegatesOnly,
        MeetingRequestDelivery::DelegatesAndMe,
    ];

    /// The radio button's text in the Delegates dialog (W4).
    pub fn label(self) -> &'static str {
        match self {
            MeetingRequestDelivery::DelegatesOnlyWithCopy => {
                "My delegates only, but send a copy of meeting requests and responses to me (recommended)"
            }
            MeetingRequestDelivery::DelegatesOnly => "My delegates only",
            MeetingRequestDelivery::DelegatesAndMe => "My delegates and me",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Delegate {
    pub user: UserIx,
    pub permissions: DelegatePermissions,
}

/// The Lync Meeting join information the add-in writes into a meeting body (W8).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct JoinInfo {
    pub url: String,
    pub conference_id: String,
    /// The lab's dial-in line (lab assumption).
    pub dial_in: String,
}

/// A meeting on a calendar (sent) or in an open meeting form (draft).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Meeting {
    pub id: u32,
    /// Whose calendar the meeting is on — the organizer the meeting is sent for.
    pub owner: UserIx,
    /// Who created it: the owner, or a delegate "on behalf of" the owner (B2).
    pub sender: UserIx,
    pub subject: String,
    pub location: String,
    pub attendees: Vec<UserIx>,
    pub start: LabTime,
    pub end: LabTime,
    pub join: Option<JoinInfo>,
}

impl Meeting {
    /// "User21 on behalf of User20" when a delegate sent it (B2); None when the owner did.
    pub fn on_behalf_of(&self, dir: &super::Directory) -> Option<String> {
        (self.sender != self.owner).then(|| {
            format!(
                "{} on behalf of {}",
                dir.name(self.sender),
                dir.name(self.owner)
            )
        })
    }
}

/// What a meeting request did when it reached a mailbox (B1's delivery choice).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum InboxItemKind {
    /// The meeting request itself, to respond to.
    MeetingRequest,
    /// A copy for information (the owner's copy, or a delegate's "receives copies").
    Copy,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InboxItem {
    pub meeting: u32,
    pub kind: InboxItemKind,
    /// Set when this item reached a delegate for someone else.
    pub for_user: Option<UserIx>,
}

/// A user's mailbox on Exchange.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mailbox {
    /// In the order they were added, as the Delegates dialog lists them.
    pub delegates: Vec<Delegate>,
    pub delivery: MeetingRequestDelivery,
    /// Ids of meetings on this calendar (organized here, or accepted as attendee).
    pub calendar: Vec<u32>,
    pub inbox: Vec<InboxItem>,
    /// The calendars under "Shared Calendars" in Outlook's navigation pane. Outlook keeps
    /// these shortcuts in the mailbox, so they come back when Outlook starts again, on any
    /// computer.
    pub shared_calendars: Vec<UserIx>,
}

impl Mailbox {
    pub fn delegate(&self, user: UserIx) -> Option<&Delegate> {
        self.delegates.iter().find(|d| d.user == user)
    }

    pub fn delegate_mut(&mut self, user: UserIx) -> Option<&mut Delegate> {
        self.delegates.iter_mut().find(|d| d.user == user)
    }

    /// What `user` may do on this mailbox's calendar: their delegate Calendar level, else None.
    pub fn calendar_level_for(&self, user: UserIx) -> Level {
        self.delegate(user)
            .map_or(Level::None, |d| d.permissions.calendar)
    }
}

/// Outlook running for a user on a computer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutlookSession {
    /// Calendars opened with Open Shared Calendar, in the order opened.
    pub shared_calendars: Vec<UserIx>,
    /// The open meeting form, if any.
    pub draft: Option<Meeting>,
}

/// Outlook's error for creating an item without permission (B2), verbatim.
pub const NO_CREATE_PERMISSION: &str = "You do not have permission to create an entry in this folder. Right-click the folder, and then click Properties to check your permissions for the folder. See the folder owner or your administrator to change your permissions.";

/// A value of a verb that names nothing (the verbs' name checks pass over it).
impl super::names::Refers for Permissions {
    fn refers<'a>(&'a self, _: &'static str, _: &mut dyn FnMut(super::names::NameRef<'a>)) {}
}

/// A value of a verb that names nothing (the verbs' name checks pass over it).
impl super::names::Refers for MeetingRequestDelivery {
    fn refers<'a>(&'a self, _: &'static str, _: &mut dyn FnMut(super::names::NameRef<'a>)) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlook_defaults_are_calendar_and_tasks_editor_with_copies() {
        let p = DelegatePermissions::default();
        assert_eq!((p.calendar, p.tasks), (Level::Editor, Level::Editor));
        assert_eq!(
            (p.inbox, p.contacts, p.notes),
            (Level::None, Level::None, Level::None)
        );
        assert!(p.receives_meeting_copies);
        assert!(!p.see_private_items);
    }

    #[test]
    fn copies_need_calendar_editor() {
        let asked = Permissions {
            calendar: Level::Reviewer,
            receives_meeting_copies: Some(true),
            ..Permissions::default()
        };
        let (p, note) = asked.resolve();
        assert!(!p.receives_meeting_copies);
        assert!(note.unwrap().contains("Calendar is Reviewer"));
        let (p, note) = Permissions {
            calendar: Level::Author,
            ..Permissions::default()
        }
        .resolve();
        assert!(!p.receives_meeting_copies && note.is_none());
    }

    #[test]
    fn permissions_read_from_ron_with_none_as_a_level() {
        let p: Permissions =
            ron::from_str("Permissions(calendar: None, receives_meeting_copies: false)").unwrap();
        assert_eq!(p.calendar, Level::None);
        assert_eq!(p.tasks, Level::Editor);
        assert_eq!(p.receives_meeting_copies, Some(false));
        let text = ron::to_string(&p).unwrap();
        assert_eq!(ron::from_str::<Permissions>(&text).unwrap(), p);
    }
}
