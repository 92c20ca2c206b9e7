//! Every class of window the lab shows (SPEC W), described once: its title, whose it is, where
//! it first appears, whether it can be resized, how it opens — and the names scenario files
//! use for it, parsed once when a file is read.
//!
//! Adding a window: a [`WindowClass`] variant (the compiler then asks for each fact below and
//! for its drawing function in `ui/desktop.rs`), and the file that draws it.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A class of window, as Windows calls a kind of window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WindowClass {
    /// W3, titled "Calendar - user@domain - Outlook".
    OutlookMain,
    /// W10.
    LyncMain,
    /// W11.
    RegistryEditor,
    /// W12, on the front-end server.
    ManagementShell,
    /// W4.
    Delegates,
    /// W5.
    AddUsers,
    /// W6, titled "Delegate Permissions: <Name>".
    DelegatePermissions,
    /// W7.
    OpenSharedCalendar,
    /// W8, titled "<subject> - Meeting" ("Untitled - Meeting" before a subject).
    MeetingForm,
    /// W9 and Outlook's other message boxes.
    MessageBox,
    /// The address book the meeting form's "To..." opens (W8), in Add Users' layout.
    SelectAttendees,
    /// The address book Open a Shared Calendar's "Name..." opens (W7): one name.
    SelectName,
    /// W14, "Lync - Options" (the Call Forwarding page for Enterprise Voice users).
    LyncOptions,
    /// W15, "Call Forwarding - Delegates".
    CallForwardingDelegates,
    /// W15, "Choose a Delegate".
    ChooseDelegate,
    /// Lync's message boxes, titled "Lync" (B12's reminder).
    LyncMessageBox,
    /// W18, the toast on a ringing delegate's desktop: "Call for <Boss>".
    CallToast,
    /// W16, Lync's Help > About.
    AboutLync,
    /// W17, from Ctrl + right-click on Lync's notification-area icon (B14).
    ConfigurationInformation,
}

/// Title of the address book the meeting form's "To..." opens (Outlook 2013's).
pub const SELECT_ATTENDEES_TITLE: &str = "Select Attendees and Resources: Global Address List";
/// Title of the address book Open a Shared Calendar's "Name..." opens (lab assumption: Outlook's
/// one-name picker, as other Outlook commands that take one name title it).
pub const SELECT_NAME_TITLE: &str = "Select Name: Global Address List";

/// Title of Outlook's message boxes (lab assumption).
pub const MESSAGE_BOX_TITLE: &str = "Microsoft Outlook";

/// Title of Lync's message boxes (B12's reminder, lab assumption).
pub const LYNC_MESSAGE_BOX_TITLE: &str = "Lync";

/// How a class's title is made: fixed, or a part that names something (the mailbox, the
/// delegate, the meeting's subject) between fixed text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TitleForm {
    Fixed(&'static str),
    Around {
        before: &'static str,
        after: &'static str,
    },
}

/// Whose window it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    /// A user's application, with that user's mailbox, profile or hive on that computer.
    User,
    /// The computer's own console: the front-end server's shell, installed there only.
    Computer,
}

/// How a window comes to be open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opening {
    /// An application, started from the taskbar (or `OpenWindow`). One the computer owns (the
    /// Management Shell) is installed on the Lync front-end server only.
    Application,
    /// A dialog of a running Outlook, opened from `parent` when it has one.
    Dialog { parent: Option<WindowClass> },
    /// Only the lab's rules open it (New Meeting opens the form, a refusal a message box).
    ByRule,
}

/// Whether a window blocks another until it is closed, as Windows' modal dialogs and message
/// boxes block their owner (and so the owner's other dialogs below them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modality {
    /// Works beside every other window.
    Modeless,
    /// Blocks its owner until closed: a click on the owner brings it forward instead; Enter
    /// presses its default button (OK) and Escape cancels.
    Modal { owner: ModalOwner },
}

/// Which window a modal window blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModalOwner {
    /// The window of that class (Delegates is Outlook's; Add Users is Delegates').
    Class(WindowClass),
    /// The window of the same application that was in front when it appeared (a message box is
    /// the dialog's or the form's that gave it).
    Active,
}

/// Where a window first appears, in points relative to the desktop's top left (the window
/// converts this to its own geometry and keeps it within the desktop).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Placement {
    At {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
    },
    /// Along the right edge, as Lync's main window sits.
    RightEdge { width: f32, max_height: f32 },
    /// In the desktop's bottom-right corner, above the taskbar, as Lync's toasts appear.
    BottomRight { width: f32, height: f32 },
    /// In the middle of its owner window (a modal window's, see [`Modality`]), or of the
    /// desktop when it has none.
    Centered { width: f32, height: f32 },
}

const fn at(x: f32, y: f32, width: f32, height: f32) -> Placement {
    Placement::At {
        x,
        y,
        width,
        height,
    }
}

impl WindowClass {
    /// Whether the window stands for lab state, so opening or closing it is a lab event:
    /// Outlook's and Lync's main windows start and end those applications, and a meeting
    /// form holds the meeting being drafted. Other windows only show the lab.
    pub fn holds_lab_state(self) -> bool {
        match self {
            WindowClass::OutlookMain | WindowClass::LyncMain | WindowClass::MeetingForm => true,
            WindowClass::RegistryEditor
            | WindowClass::ManagementShell
            | WindowClass::Delegates
            | WindowClass::AddUsers
            | WindowClass::DelegatePermissions
            | WindowClass::OpenSharedCalendar
            | WindowClass::MessageBox
            | WindowClass::SelectAttendees
            | WindowClass::SelectName
            | WindowClass::LyncOptions
            | WindowClass::CallForwardingDelegates
            | WindowClass::ChooseDelegate
            | WindowClass::LyncMessageBox
            | WindowClass::CallToast
            | WindowClass::AboutLync
            | WindowClass::ConfigurationInformation => false,
        }
    }

    /// Every class, in the order the lab lists them.
    pub const ALL: [WindowClass; 19] = [
        WindowClass::OutlookMain,
        WindowClass::LyncMain,
        WindowClass::RegistryEditor,
        WindowClass::ManagementShell,
        WindowClass::Delegates,
        WindowClass::AddUsers,
        WindowClass::DelegatePermissions,
        WindowClass::OpenSharedCalendar,
        WindowClass::MeetingForm,
        WindowClass::MessageBox,
        WindowClass::SelectAttendees,
        WindowClass::SelectName,
        WindowClass::LyncOptions,
        WindowClass::CallForwardingDelegates,
        WindowClass::ChooseDelegate,
        WindowClass::LyncMessageBox,
        WindowClass::CallToast,
        WindowClass::AboutLync,
        WindowClass::ConfigurationInformation,
    ];

    /// Its place in [`WindowClass::ALL`] (a test keeps the two in step).
    #[cfg(test)]
    const fn index(self) -> usize {
        match self {
            WindowClass::OutlookMain => 0,
            WindowClass::LyncMain => 1,
            WindowClass::RegistryEditor => 2,
            WindowClass::ManagementShell => 3,
            WindowClass::Delegates => 4,
            WindowClass::AddUsers => 5,
            WindowClass::DelegatePermissions => 6,
            WindowClass::OpenSharedCalendar => 7,
            WindowClass::MeetingForm => 8,
            WindowClass::MessageBox => 9,
            WindowClass::SelectAttendees => 10,
            WindowClass::SelectName => 11,
            WindowClass::LyncOptions => 12,
            WindowClass::CallForwardingDelegates => 13,
            WindowClass::ChooseDelegate => 14,
            WindowClass::LyncMessageBox => 15,
            WindowClass::CallToast => 16,
            WindowClass::AboutLync => 17,
            WindowClass::ConfigurationInformation => 18,
        }
    }

    /// The short name: what the taskbar says, what `OpenWindow` is given, and what the list of
    /// windows in the lab's messages shows.
    pub const fn name(self) -> &'static str {
        match self {
            WindowClass::OutlookMain => "Outlook",
            WindowClass::LyncMain => "Lync",
            WindowClass::RegistryEditor => "Registry Editor",
            WindowClass::ManagementShell => "Lync Server Management Shell",
            WindowClass::Delegates => "Delegates",
            WindowClass::AddUsers => "Add Users",
            WindowClass::DelegatePermissions => "Delegate Permissions: <Name>",
            WindowClass::OpenSharedCalendar => "Open a Shared Calendar",
            WindowClass::MeetingForm => "Meeting",
            WindowClass::MessageBox => MESSAGE_BOX_TITLE,
            WindowClass::SelectAttendees => "Select Attendees and Resources",
            WindowClass::SelectName => "Select Name",
            WindowClass::LyncOptions => "Lync - Options",
            WindowClass::CallForwardingDelegates => "Call Forwarding - Delegates",
            WindowClass::ChooseDelegate => "Choose a Delegate",
            WindowClass::LyncMessageBox => "Lync message box",
            WindowClass::CallToast => "Call for <Name>",
            WindowClass::AboutLync => "About Lync",
            WindowClass::ConfigurationInformation => "Configuration Information",
        }
    }

    /// Other names a scenario may use for it besides its title.
    pub const fn aliases(self) -> &'static [&'static str] {
        match self {
            WindowClass::OutlookMain => &["Outlook"],
            WindowClass::LyncMain => &["Lync 2013"],
            WindowClass::MeetingForm => &["Meeting"],
            WindowClass::SelectAttendees => &["Select Attendees and Resources"],
            WindowClass::SelectName => &["Select Name"],
            // Its title is Lync's own, "Lync", which names the main window.
            WindowClass::LyncMessageBox => &["Lync message box"],
            WindowClass::LyncOptions => &["Options"],
            WindowClass::CallToast => &["Call toast"],
            WindowClass::AboutLync => &["About Microsoft Lync"],
            WindowClass::CallForwardingDelegates
            | WindowClass::ChooseDelegate
            | WindowClass::ConfigurationInformation
            | WindowClass::RegistryEditor
            | WindowClass::ManagementShell
            | WindowClass::Delegates
            | WindowClass::AddUsers
            | WindowClass::DelegatePermissions
            | WindowClass::OpenSharedCalendar
            | WindowClass::MessageBox => &[],
        }
    }

    pub const fn title_form(self) -> TitleForm {
        use TitleForm::{Around, Fixed};
        match self {
            WindowClass::OutlookMain => Around {
                before: "Calendar - ",
                after: " - Outlook",
            },
            WindowClass::LyncMain => Fixed("Lync"),
            WindowClass::RegistryEditor => Fixed("Registry Editor"),
            WindowClass::ManagementShell => Fixed("Lync Server Management Shell"),
            WindowClass::Delegates => Fixed("Delegates"),
            WindowClass::AddUsers => Fixed("Add Users"),
            WindowClass::DelegatePermissions => Around {
                before: "Delegate Permissions: ",
                after: "",
            },
            WindowClass::OpenSharedCalendar => Fixed("Open a Shared Calendar"),
            WindowClass::MeetingForm => Around {
                before: "",
                after: " - Meeting",
            },
            WindowClass::MessageBox => Fixed(MESSAGE_BOX_TITLE),
            WindowClass::SelectAttendees => Fixed(SELECT_ATTENDEES_TITLE),
            WindowClass::SelectName => Fixed(SELECT_NAME_TITLE),
            WindowClass::LyncOptions => Fixed("Lync - Options"),
            WindowClass::CallForwardingDelegates => Fixed("Call Forwarding - Delegates"),
            WindowClass::ChooseDelegate => Fixed("Choose a Delegate"),
            WindowClass::LyncMessageBox => Fixed(LYNC_MESSAGE_BOX_TITLE),
            WindowClass::CallToast => Around {
                before: "Call for ",
                after: "",
            },
            WindowClass::AboutLync => Fixed("About Lync"),
            WindowClass::ConfigurationInformation => Fixed("Configuration Information"),
        }
    }

    /// Whose window it is (a computer's console exists on the front-end server only).
    pub const fn owner(self) -> Owner {
        match self {
            WindowClass::ManagementShell => Owner::Computer,
            WindowClass::OutlookMain
            | WindowClass::LyncMain
            | WindowClass::RegistryEditor
            | WindowClass::Delegates
            | WindowClass::AddUsers
            | WindowClass::DelegatePermissions
            | WindowClass::OpenSharedCalendar
            | WindowClass::MeetingForm
            | WindowClass::MessageBox
            | WindowClass::SelectAttendees
            | WindowClass::SelectName
            | WindowClass::LyncOptions
            | WindowClass::CallForwardingDelegates
            | WindowClass::ChooseDelegate
            | WindowClass::LyncMessageBox
            | WindowClass::CallToast
            | WindowClass::AboutLync
            | WindowClass::ConfigurationInformation => Owner::User,
        }
    }

    pub const fn opening(self) -> Opening {
        match self {
            WindowClass::OutlookMain
            | WindowClass::LyncMain
            | WindowClass::RegistryEditor
            | WindowClass::ManagementShell => Opening::Application,
            WindowClass::Delegates | WindowClass::OpenSharedCalendar => {
                Opening::Dialog { parent: None }
            }
            WindowClass::AddUsers | WindowClass::DelegatePermissions => Opening::Dialog {
                parent: Some(WindowClass::Delegates),
            },
            WindowClass::SelectAttendees => Opening::Dialog {
                parent: Some(WindowClass::MeetingForm),
            },
            WindowClass::SelectName => Opening::Dialog {
                parent: Some(WindowClass::OpenSharedCalendar),
            },
            WindowClass::LyncOptions => Opening::Dialog {
                parent: Some(WindowClass::LyncMain),
            },
            WindowClass::CallForwardingDelegates => Opening::Dialog {
                parent: Some(WindowClass::LyncOptions),
            },
            WindowClass::ChooseDelegate => Opening::Dialog {
                parent: Some(WindowClass::CallForwardingDelegates),
            },
            WindowClass::AboutLync => Opening::Dialog {
                parent: Some(WindowClass::LyncMain),
            },
            // From the notification area's icon: Lync must run, its main window need not show.
            WindowClass::ConfigurationInformation => Opening::Dialog { parent: None },
            WindowClass::MeetingForm
            | WindowClass::MessageBox
            | WindowClass::LyncMessageBox
            | WindowClass::CallToast => Opening::ByRule,
        }
    }

    /// Whether it can be on `computer`: a computer's own console only on the front-end
    /// server.
    pub fn installed_on(self, front_end: bool) -> bool {
        match self.owner() {
            Owner::User => true,
            Owner::Computer => front_end,
        }
    }

    /// Part of Outlook (closed with it).
    pub const fn is_outlook(self) -> bool {
        match self {
            WindowClass::OutlookMain
            | WindowClass::Delegates
            | WindowClass::AddUsers
            | WindowClass::DelegatePermissions
            | WindowClass::OpenSharedCalendar
            | WindowClass::MeetingForm
            | WindowClass::MessageBox
            | WindowClass::SelectAttendees
            | WindowClass::SelectName => true,
            WindowClass::LyncMain
            | WindowClass::RegistryEditor
            | WindowClass::ManagementShell
            | WindowClass::LyncOptions
            | WindowClass::CallForwardingDelegates
            | WindowClass::ChooseDelegate
            | WindowClass::LyncMessageBox
            | WindowClass::CallToast
            | WindowClass::AboutLync
            | WindowClass::ConfigurationInformation => false,
        }
    }

    /// Whether it blocks another window until closed, and which.
    pub const fn modality(self) -> Modality {
        use ModalOwner::{Active, Class};
        match self {
            WindowClass::OutlookMain
            | WindowClass::LyncMain
            | WindowClass::RegistryEditor
            | WindowClass::ManagementShell
            | WindowClass::MeetingForm
            | WindowClass::CallToast
            | WindowClass::ConfigurationInformation => Modality::Modeless,
            WindowClass::Delegates | WindowClass::OpenSharedCalendar => Modality::Modal {
                owner: Class(WindowClass::OutlookMain),
            },
            WindowClass::AddUsers | WindowClass::DelegatePermissions => Modality::Modal {
                owner: Class(WindowClass::Delegates),
            },
            WindowClass::MessageBox | WindowClass::LyncMessageBox => {
                Modality::Modal { owner: Active }
            }
            WindowClass::SelectAttendees => Modality::Modal {
                owner: Class(WindowClass::MeetingForm),
            },
            WindowClass::SelectName => Modality::Modal {
                owner: Class(WindowClass::OpenSharedCalendar),
            },
            WindowClass::LyncOptions => Modality::Modal {
                owner: Class(WindowClass::LyncMain),
            },
            WindowClass::CallForwardingDelegates => Modality::Modal {
                owner: Class(WindowClass::LyncOptions),
            },
            WindowClass::ChooseDelegate => Modality::Modal {
                owner: Class(WindowClass::CallForwardingDelegates),
            },
            WindowClass::AboutLync => Modality::Modal {
                owner: Class(WindowClass::LyncMain),
            },
        }
    }

    pub const fn placement(self) -> Placement {
        match self {
            WindowClass::OutlookMain => at(16.0, 16.0, 720.0, 540.0),
            WindowClass::LyncMain => Placement::RightEdge {
                width: 330.0,
                max_height: 600.0,
            },
            WindowClass::RegistryEditor => at(16.0, 150.0, 716.0, 340.0),
            WindowClass::ManagementShell => at(30.0, 30.0, 780.0, 440.0),
            WindowClass::Delegates => at(120.0, 70.0, 540.0, 470.0),
            WindowClass::AddUsers => at(150.0, 100.0, 740.0, 420.0),
            WindowClass::DelegatePermissions => at(200.0, 90.0, 470.0, 460.0),
            WindowClass::OpenSharedCalendar => at(220.0, 180.0, 400.0, 150.0),
            WindowClass::MeetingForm => at(90.0, 30.0, 700.0, 600.0),
            WindowClass::MessageBox => Placement::Centered {
                width: 480.0,
                height: 190.0,
            },
            WindowClass::SelectAttendees | WindowClass::SelectName => Placement::Centered {
                width: 640.0,
                height: 440.0,
            },
            WindowClass::LyncOptions => at(150.0, 60.0, 640.0, 440.0),
            WindowClass::CallForwardingDelegates => at(230.0, 110.0, 470.0, 400.0),
            WindowClass::ChooseDelegate => at(280.0, 140.0, 420.0, 420.0),
            WindowClass::LyncMessageBox => Placement::Centered {
                width: 420.0,
                height: 170.0,
            },
            WindowClass::CallToast => Placement::BottomRight {
                width: 320.0,
                height: 132.0,
            },
            WindowClass::AboutLync => Placement::Centered {
                width: 560.0,
                height: 230.0,
            },
            WindowClass::ConfigurationInformation => at(40.0, 40.0, 760.0, 520.0),
        }
    }

    pub const fn resizable(self) -> bool {
        match self {
            WindowClass::MessageBox
            | WindowClass::OpenSharedCalendar
            | WindowClass::LyncOptions
            | WindowClass::CallForwardingDelegates
            | WindowClass::ChooseDelegate
            | WindowClass::LyncMessageBox
            | WindowClass::CallToast
            | WindowClass::AboutLync
            | WindowClass::ConfigurationInformation => false,
            WindowClass::OutlookMain
            | WindowClass::LyncMain
            | WindowClass::RegistryEditor
            | WindowClass::ManagementShell
            | WindowClass::Delegates
            | WindowClass::AddUsers
            | WindowClass::DelegatePermissions
            | WindowClass::MeetingForm
            | WindowClass::SelectAttendees
            | WindowClass::SelectName => true,
        }
    }

    /// The stem of the key a session stores the window's place under (unchanged since format
    /// 1, so saved places still apply).
    pub const fn key(self) -> &'static str {
        match self {
            WindowClass::OutlookMain => "OutlookMain",
            WindowClass::LyncMain => "LyncMain",
            WindowClass::RegistryEditor => "RegistryEditor",
            WindowClass::ManagementShell => "ManagementShell",
            WindowClass::Delegates => "Delegates",
            WindowClass::AddUsers => "AddUsers",
            WindowClass::DelegatePermissions => "delegate-permissions",
            WindowClass::OpenSharedCalendar => "OpenSharedCalendar",
            WindowClass::MeetingForm => "MeetingForm",
            WindowClass::MessageBox => "message-box",
            WindowClass::SelectAttendees => "select-attendees",
            WindowClass::SelectName => "select-name",
            WindowClass::LyncOptions => "LyncOptions",
            WindowClass::CallForwardingDelegates => "CallForwardingDelegates",
            WindowClass::ChooseDelegate => "ChooseDelegate",
            WindowClass::LyncMessageBox => "lync-message-box",
            WindowClass::CallToast => "call-toast",
            WindowClass::AboutLync => "AboutLync",
            WindowClass::ConfigurationInformation => "ConfigurationInformation",
        }
    }

    /// The title, given what its variable part names (ignored for fixed titles).
    pub fn title(self, named: &str) -> String {
        match self.title_form() {
            TitleForm::Fixed(title) => title.to_owned(),
            TitleForm::Around { before, after } => format!("{before}{named}{after}"),
        }
    }

    /// The windows `OpenWindow` can open, as the lab lists them in its messages.
    pub fn openable_names() -> String {
        WindowClass::ALL
            .iter()
            .filter(|c| c.opening() != Opening::ByRule)
            .map(|c| c.name())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Reads a window name as a scenario writes it: a title (any case) or an alias. Returns the
    /// class and, for titles with a variable part, that part as written.
    fn parse(text: &str) -> Option<(WindowClass, Option<String>)> {
        let text = text.trim();
        let class_of = |c: &WindowClass| match c.title_form() {
            TitleForm::Fixed(title) => title.eq_ignore_ascii_case(text).then_some((*c, None)),
            TitleForm::Around { before, after } => {
                let inner = strip_prefix_ignore_case(text, before)
                    .and_then(|rest| strip_suffix_ignore_case(rest, after))
                    .filter(|inner| !inner.trim().is_empty())?;
                Some((*c, Some(inner.to_owned())))
            }
        };
        let alias_of = |c: &WindowClass| {
            c.aliases()
                .iter()
                .any(|a| a.eq_ignore_ascii_case(text))
                .then_some((*c, None))
        };
        WindowClass::ALL
            .iter()
            .find_map(alias_of)
            .or_else(|| WindowClass::ALL.iter().find_map(class_of))
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

fn strip_suffix_ignore_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = text.len().checked_sub(suffix.len())?;
    let tail = text.get(cut..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &text[..cut])
}

/// A window as a scenario names it (`OpenWindow`, `CloseWindow`, `Capture`): the text as
/// written, read once into its class. A name that means no window is kept (a saved session
/// may hold a refused action naming one) and refused when a scenario file is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WindowName {
    text: String,
    target: Option<(WindowClass, Option<String>)>,
}

impl WindowName {
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        let target = WindowClass::parse(&text);
        WindowName { text, target }
    }

    /// The window of that class named by its short name (`Outlook`, `Delegates`).
    pub fn of(class: WindowClass) -> Self {
        WindowName::new(class.name())
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The class it names, or None when it names no window the lab has.
    pub fn class(&self) -> Option<WindowClass> {
        self.target.as_ref().map(|(class, _)| *class)
    }

    /// The variable part of a title it gives (the delegate of "Delegate Permissions: User21").
    pub fn named(&self) -> Option<&str> {
        self.target.as_ref()?.1.as_deref()
    }

    /// Whether it means a window of `class` whose title names `named`: a name with a variable
    /// part must match it (any case); a short name or alias means any window of the class.
    pub fn means(&self, class: WindowClass, named: &str) -> bool {
        match &self.target {
            Some((c, Some(part))) => *c == class && part.trim().eq_ignore_ascii_case(named.trim()),
            Some((c, None)) => *c == class,
            None => false,
        }
    }
}

impl From<&str> for WindowName {
    fn from(text: &str) -> Self {
        WindowName::new(text)
    }
}

impl fmt::Display for WindowName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for WindowName {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for WindowName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(WindowName::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_class_once_in_order() {
        for (i, class) in WindowClass::ALL.iter().enumerate() {
            assert_eq!(class.index(), i, "{class:?}");
        }
    }

    #[test]
    fn every_title_and_short_name_reads_back_as_its_class() {
        for class in WindowClass::ALL {
            let title = class.title("User21");
            if class == WindowClass::LyncMessageBox {
                // Lync's message boxes share the main window's title: an alias names them.
                assert_eq!(title, WindowClass::LyncMain.title(""));
                assert_eq!(WindowName::of(class).class(), Some(class));
                continue;
            }
            assert_eq!(WindowName::new(&title).class(), Some(class), "{title}");
            assert_eq!(
                WindowName::new(title.to_uppercase()).class(),
                Some(class),
                "{title} in capitals"
            );
            if !class.name().contains('<') {
                assert_eq!(WindowName::of(class).class(), Some(class), "{class:?}");
            }
        }
    }

    #[test]
    fn a_dialog_is_modal_over_the_window_it_opens_from() {
        for class in WindowClass::ALL {
            let owner = match class.modality() {
                Modality::Modal {
                    owner: ModalOwner::Class(owner),
                } => Some(owner),
                Modality::Modal {
                    owner: ModalOwner::Active,
                }
                | Modality::Modeless => None,
            };
            match class.opening() {
                // Configuration Information opens from the notification area, beside the rest.
                Opening::Dialog { parent: None } if !class.is_outlook() => {
                    assert_eq!(class.modality(), Modality::Modeless, "{class:?}")
                }
                Opening::Dialog { parent } => assert_eq!(
                    owner,
                    Some(parent.unwrap_or(WindowClass::OutlookMain)),
                    "{class:?}"
                ),
                Opening::Application => assert_eq!(class.modality(), Modality::Modeless),
                Opening::ByRule => {}
            }
        }
    }

    #[test]
    fn names_with_a_variable_part_match_only_that_part() {
        let name = WindowName::new("Budget review - Meeting");
        assert_eq!(name.class(), Some(WindowClass::MeetingForm));
        assert!(name.means(WindowClass::MeetingForm, "budget review"));
        assert!(!name.means(WindowClass::MeetingForm, "Other"));
        assert!(WindowName::new("Meeting").means(WindowClass::MeetingForm, "Other"));
        let permissions = WindowName::new("Delegate Permissions: User21");
        assert_eq!(permissions.named(), Some("User21"));
        assert_eq!(WindowName::new("Paint").class(), None);
        assert_eq!(WindowName::new("Delegate Permissions: ").class(), None);
        assert_eq!(WindowName::new(" - Meeting").class(), None);
    }
}
