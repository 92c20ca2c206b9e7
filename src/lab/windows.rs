//! Every class of window the lab shows (SPEC W), described once: one row of facts per class
//! ([`WindowClass::facts`]) — its title, whose it is, which application it belongs to and
//! what ends it, where it opens from and what it needs to open, whether it blocks its owner,
//! where it first appears, the draft it holds — and the names scenario files use for it,
//! parsed once when a file is read. The rules of opening and closing windows
//! (`window_rules.rs`), the screen, the scenario checks, the desktop and the session's drafts
//! read these facts; none lists windows by hand.
//!
//! Adding a window: a [`WindowClass`] variant and its row in [`WindowClass::facts`] (the
//! compiler asks for every fact), its [`WindowKind`](super::screen::WindowKind) variant, the
//! file that draws it and its arm in `ui/desktop.rs`'s `contents_ui`.

// A new window or action must be handled wherever windows and actions are matched.
#![warn(clippy::wildcard_enum_match_arm)]

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Declares the classes and [`WindowClass::ALL`] together, so the list cannot miss one.
macro_rules! window_classes {
    ($($(#[$meta:meta])* $Class:ident,)*) => {
        /// A class of window, as Windows calls a kind of window.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum WindowClass {
            $($(#[$meta])* $Class,)*
        }

        impl WindowClass {
            /// Every class, in the order the lab lists them.
            pub const ALL: [WindowClass; [$(stringify!($Class)),*].len()] =
                [$(WindowClass::$Class,)*];
        }
    };
}

window_classes! {
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

/// Everything the lab knows about a class of window, in one place.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClassFacts {
    /// The short name: what the taskbar says, what `OpenWindow` is given, and what the list
    /// of windows in the lab's messages shows.
    pub name: &'static str,
    /// Other names a scenario may use for it besides its title.
    pub aliases: &'static [&'static str],
    pub title: TitleForm,
    /// What the event log calls it where its title would be ambiguous (None: its title).
    pub logged_as: Option<&'static str>,
    /// The application it belongs to.
    pub app: App,
    /// What ends it besides being closed.
    pub lives: Lives,
    /// What closing it does besides closing it.
    pub closing: Closing,
    pub owner: Owner,
    pub opening: Opening,
    pub modality: Modality,
    pub placement: Placement,
    pub resizable: bool,
    /// The stem of the key a session stores the window's place under (unchanged since format
    /// 1, so saved places still apply).
    pub key: &'static str,
    /// Whether the window stands for lab state, so opening or closing it is a lab event:
    /// Outlook's and Lync's main windows start and end those applications, and a meeting
    /// form holds the meeting being drafted. Other windows only show the lab.
    pub holds_lab_state: bool,
    /// What is typed or chosen in it and kept by the window, not the lab, until OK: forgotten
    /// when no window of the class is open.
    pub draft: Option<Draft>,
    /// The lab's facts a figure of it states in its alt text.
    pub figure_facts: FigureFacts,
}

/// The lab's facts a figure of a window states beside the picture (alt text, `shots`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureFacts {
    /// None beyond its title and fields.
    Nothing,
    /// The contact list's groups and their members (Lync's main window).
    ContactGroups,
    /// The DelegatorList values (Registry Editor).
    DelegatorLists,
}

/// How a class's title is made: fixed, or a part that names something between fixed text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TitleForm {
    Fixed(&'static str),
    Around {
        before: &'static str,
        after: &'static str,
        names: Names,
    },
}

/// What the variable part of a title names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Names {
    /// The e-mail address of the user whose window it is (Outlook's mailbox).
    Mailbox,
    /// A user the window is about, by display name (the delegate, the boss being called).
    User,
    /// The meeting being drafted ("Untitled" before it has a subject).
    Subject,
}

/// The application a window belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum App {
    Outlook,
    Lync,
    RegistryEditor,
    ManagementShell,
}

/// What ends a window besides closing it (rebooting ends every window).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lives {
    /// Until its application ends (Outlook closes; Lync exits).
    WithApp,
    /// Until its application's user signs out (Lync's dialogs go with the session).
    WithSignIn,
    /// Until the call it shows ends (B12).
    WithCall,
}

/// What closing a window does (`CloseWindow`, its X, Alt+F4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Closing {
    /// Closes it and the dialogs opened from it, directly or through others.
    WithDialogs,
    /// Ends its application, with every window of it.
    EndsApp,
    /// Hides it alone: the application keeps running (Lync in the notification area).
    Hides,
    /// Discards the meeting being drafted, unsent, and closes it with its dialogs.
    DiscardsMeeting,
    /// Closes the toast; the call rings on elsewhere until the next action ends it (B12).
    LeavesCallRinging,
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
    /// A dialog of a running application, opened from `parent` when it has one, once each of
    /// `needs` holds (checked in order: the first that fails is the refusal).
    Dialog {
        parent: Option<WindowClass>,
        needs: &'static [Need],
    },
    /// Only the lab's rules open it (New Meeting opens the form, a refusal a message box).
    ByRule,
}

/// What must hold for a dialog to open (`OpenWindow`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// Outlook runs for the user there (a message box left open is answered first).
    OutlookRunning,
    /// Lync runs for the user there (its notification-area icon is there).
    LyncRunning,
    /// Lync is signed in for the user there.
    SignedIn,
    /// The title names a user the lab has (Delegate Permissions: <Name>).
    NamedUser,
    /// Its parent is open; the text says where it opens from, for the refusal.
    ParentOpen(&'static str),
    /// The Call Forwarding page shows "Edit my delegate members" (B12).
    DelegateMembersLink,
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

/// What a window keeps of what is typed or chosen in it until OK (the session's drafts,
/// `session/view.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Draft {
    /// The Delegates dialog's changes, not yet applied.
    Delegates,
    /// Add Users' search and choice.
    AddUsers,
    /// Delegate Permissions' drop-downs.
    Permissions,
    /// Open a Shared Calendar's name box and its error.
    SharedCalendarName,
    /// The meeting form's fields as typed.
    Meeting,
    /// The meeting form's address book: attendees chosen, not yet in To.
    SelectAttendees,
    /// Open a Shared Calendar's address book: the name chosen.
    SelectName,
    /// The Call Forwarding page's choice.
    Forwarding,
    /// Call Forwarding - Delegates' changes.
    CallDelegates,
    /// Choose a Delegate's search and choice.
    ChooseDelegate,
}

const fn at(x: f32, y: f32, width: f32, height: f32) -> Placement {
    Placement::At {
        x,
        y,
        width,
        height,
    }
}

const fn modal_over(class: WindowClass) -> Modality {
    Modality::Modal {
        owner: ModalOwner::Class(class),
    }
}

const fn dialog(parent: Option<WindowClass>, needs: &'static [Need]) -> Opening {
    Opening::Dialog { parent, needs }
}

impl WindowClass {
    /// The row of facts of this class: the one place a window is described.
    pub const fn facts(self) -> ClassFacts {
        use Need::*;
        use TitleForm::{Around, Fixed};
        use WindowClass::*;
        match self {
            OutlookMain => ClassFacts {
                name: "Outlook",
                aliases: &["Outlook"],
                title: Around {
                    before: "Calendar - ",
                    after: " - Outlook",
                    names: Names::Mailbox,
                },
                logged_as: None,
                app: App::Outlook,
                lives: Lives::WithApp,
                closing: Closing::EndsApp,
                owner: Owner::User,
                opening: Opening::Application,
                modality: Modality::Modeless,
                placement: at(16.0, 16.0, 720.0, 540.0),
                resizable: true,
                key: "OutlookMain",
                holds_lab_state: true,
                draft: None,
                figure_facts: FigureFacts::Nothing,
            },
            LyncMain => ClassFacts {
                name: "Lync",
                aliases: &["Lync 2013"],
                title: Fixed("Lync"),
                logged_as: None,
                app: App::Lync,
                lives: Lives::WithApp,
                closing: Closing::Hides,
                owner: Owner::User,
                opening: Opening::Application,
                modality: Modality::Modeless,
                placement: Placement::RightEdge {
                    width: 330.0,
                    max_height: 600.0,
                },
                resizable: true,
                key: "LyncMain",
                holds_lab_state: true,
                draft: None,
                figure_facts: FigureFacts::ContactGroups,
            },
            RegistryEditor => ClassFacts {
                name: "Registry Editor",
                aliases: &[],
                title: Fixed("Registry Editor"),
                logged_as: None,
                app: App::RegistryEditor,
                lives: Lives::WithApp,
                closing: Closing::WithDialogs,
                owner: Owner::User,
                opening: Opening::Application,
                modality: Modality::Modeless,
                placement: at(16.0, 150.0, 716.0, 340.0),
                resizable: true,
                key: "RegistryEditor",
                holds_lab_state: false,
                draft: None,
                figure_facts: FigureFacts::DelegatorLists,
            },
            ManagementShell => ClassFacts {
                name: "Lync Server Management Shell",
                aliases: &[],
                title: Fixed("Lync Server Management Shell"),
                logged_as: None,
                app: App::ManagementShell,
                lives: Lives::WithApp,
                closing: Closing::WithDialogs,
                owner: Owner::Computer,
                opening: Opening::Application,
                modality: Modality::Modeless,
                placement: at(30.0, 30.0, 780.0, 440.0),
                resizable: true,
                key: "ManagementShell",
                holds_lab_state: false,
                draft: None,
                figure_facts: FigureFacts::Nothing,
            },
            Delegates => ClassFacts {
                name: "Delegates",
                aliases: &[],
                title: Fixed("Delegates"),
                logged_as: None,
                app: App::Outlook,
                lives: Lives::WithApp,
                closing: Closing::WithDialogs,
                owner: Owner::User,
                opening: dialog(None, &[OutlookRunning]),
                modality: modal_over(OutlookMain),
                placement: at(120.0, 70.0, 540.0, 470.0),
                resizable: true,
                key: "Delegates",
                holds_lab_state: false,
                draft: Some(Draft::Delegates),
                figure_facts: FigureFacts::Nothing,
            },
            AddUsers => ClassFacts {
                name: "Add Users",
                aliases: &[],
                title: Fixed("Add Users"),
                logged_as: None,
                app: App::Outlook,
                lives: Lives::WithApp,
                closing: Closing::WithDialogs,
                owner: Owner::User,
                opening: dialog(
                    Some(Delegates),
                    &[
                        OutlookRunning,
                        ParentOpen("Add Users opens from the Delegates dialog (Add...)"),
                    ],
                ),
                modality: modal_over(Delegates),
                placement: at(150.0, 100.0, 740.0, 420.0),
                resizable: true,
                key: "AddUsers",
                holds_lab_state: false,
                draft: Some(Draft::AddUsers),
                figure_facts: FigureFacts::Nothing,
            },
            DelegatePermissions => ClassFacts {
                name: "Delegate Permissions: <Name>",
                aliases: &[],
                title: Around {
                    before: "Delegate Permissions: ",
                    after: "",
                    names: Names::User,
                },
                logged_as: None,
                app: App::Outlook,
                lives: Lives::WithApp,
                closing: Closing::WithDialogs,
                owner: Owner::User,
                // For a delegate, or for a user being added from Add Users.
                opening: dialog(
                    Some(Delegates),
                    &[
                        OutlookRunning,
                        NamedUser,
                        ParentOpen("Delegate Permissions opens from the Delegates dialog"),
                    ],
                ),
                modality: modal_over(Delegates),
                placement: at(200.0, 90.0, 470.0, 460.0),
                resizable: true,
                key: "delegate-permissions",
                holds_lab_state: false,
                draft: Some(Draft::Permissions),
                figure_facts: FigureFacts::Nothing,
            },
            OpenSharedCalendar => ClassFacts {
                name: "Open a Shared Calendar",
                aliases: &[],
                title: Fixed("Open a Shared Calendar"),
                logged_as: None,
                app: App::Outlook,
                lives: Lives::WithApp,
                closing: Closing::WithDialogs,
                owner: Owner::User,
                opening: dialog(None, &[OutlookRunning]),
                modality: modal_over(OutlookMain),
                placement: at(220.0, 180.0, 400.0, 150.0),
                resizable: false,
                key: "OpenSharedCalendar",
                holds_lab_state: false,
                draft: Some(Draft::SharedCalendarName),
                figure_facts: FigureFacts::Nothing,
            },
            MeetingForm => ClassFacts {
                name: "Meeting",
                aliases: &["Meeting"],
                title: Around {
                    before: "",
                    after: " - Meeting",
                    names: Names::Subject,
                },
                logged_as: None,
                app: App::Outlook,
                lives: Lives::WithApp,
                closing: Closing::DiscardsMeeting,
                owner: Owner::User,
                opening: Opening::ByRule,
                modality: Modality::Modeless,
                placement: at(90.0, 30.0, 700.0, 600.0),
                resizable: true,
                key: "MeetingForm",
                holds_lab_state: true,
                draft: Some(Draft::Meeting),
                figure_facts: FigureFacts::Nothing,
            },
            MessageBox => ClassFacts {
                name: MESSAGE_BOX_TITLE,
                aliases: &[],
                title: Fixed(MESSAGE_BOX_TITLE),
                logged_as: None,
                app: App::Outlook,
                lives: Lives::WithApp,
                closing: Closing::WithDialogs,
                owner: Owner::User,
                opening: Opening::ByRule,
                modality: Modality::Modal {
                    owner: ModalOwner::Active,
                },
                placement: Placement::Centered {
                    width: 480.0,
                    height: 190.0,
                },
                resizable: false,
                key: "message-box",
                holds_lab_state: false,
                draft: None,
                figure_facts: FigureFacts::Nothing,
            },
            SelectAttendees => ClassFacts {
                name: "Select Attendees and Resources",
                aliases: &["Select Attendees and Resources"],
                title: Fixed(SELECT_ATTENDEES_TITLE),
                logged_as: None,
                app: App::Outlook,
                lives: Lives::WithApp,
                closing: Closing::WithDialogs,
                owner: Owner::User,
                opening: dialog(
                    Some(MeetingForm),
                    &[
                        OutlookRunning,
                        ParentOpen("The address book opens from the meeting form (To...)"),
                    ],
                ),
                modality: modal_over(MeetingForm),
                placement: Placement::Centered {
                    width: 640.0,
                    height: 440.0,
                },
                resizable: true,
                key: "select-attendees",
                holds_lab_state: false,
                draft: Some(Draft::SelectAttendees),
                figure_facts: FigureFacts::Nothing,
            },
            SelectName => ClassFacts {
                name: "Select Name",
                aliases: &["Select Name"],
                title: Fixed(SELECT_NAME_TITLE),
                logged_as: None,
                app: App::Outlook,
                lives: Lives::WithApp,
                closing: Closing::WithDialogs,
                owner: Owner::User,
                opening: dialog(
                    Some(OpenSharedCalendar),
                    &[
                        OutlookRunning,
                        ParentOpen("The address book opens from Open a Shared Calendar (Name...)"),
                    ],
                ),
                modality: modal_over(OpenSharedCalendar),
                placement: Placement::Centered {
                    width: 640.0,
                    height: 440.0,
                },
                resizable: true,
                key: "select-name",
                holds_lab_state: false,
                draft: Some(Draft::SelectName),
                figure_facts: FigureFacts::Nothing,
            },
            LyncOptions => ClassFacts {
                name: "Lync - Options",
                aliases: &["Options"],
                title: Fixed("Lync - Options"),
                logged_as: None,
                app: App::Lync,
                lives: Lives::WithSignIn,
                closing: Closing::WithDialogs,
                owner: Owner::User,
                opening: dialog(
                    Some(LyncMain),
                    &[
                        SignedIn,
                        ParentOpen(
                            "Lync - Options opens from Lync's main window (the Options gear)",
                        ),
                    ],
                ),
                modality: modal_over(LyncMain),
                placement: at(150.0, 60.0, 640.0, 440.0),
                resizable: false,
                key: "LyncOptions",
                holds_lab_state: false,
                draft: Some(Draft::Forwarding),
                figure_facts: FigureFacts::Nothing,
            },
            CallForwardingDelegates => ClassFacts {
                name: "Call Forwarding - Delegates",
                aliases: &[],
                title: Fixed("Call Forwarding - Delegates"),
                logged_as: None,
                app: App::Lync,
                lives: Lives::WithSignIn,
                closing: Closing::WithDialogs,
                owner: Owner::User,
                opening: dialog(
                    Some(LyncOptions),
                    &[
                        ParentOpen(
                            "Call Forwarding - Delegates opens from Lync - Options (Call Forwarding, Edit my delegate members)",
                        ),
                        DelegateMembersLink,
                    ],
                ),
                modality: modal_over(LyncOptions),
                placement: at(230.0, 110.0, 470.0, 400.0),
                resizable: false,
                key: "CallForwardingDelegates",
                holds_lab_state: false,
                draft: Some(Draft::CallDelegates),
                figure_facts: FigureFacts::Nothing,
            },
            ChooseDelegate => ClassFacts {
                name: "Choose a Delegate",
                aliases: &[],
                title: Fixed("Choose a Delegate"),
                logged_as: None,
                app: App::Lync,
                lives: Lives::WithSignIn,
                closing: Closing::WithDialogs,
                owner: Owner::User,
                opening: dialog(
                    Some(CallForwardingDelegates),
                    &[ParentOpen(
                        "Choose a Delegate opens from Call Forwarding - Delegates (Add...)",
                    )],
                ),
                modality: modal_over(CallForwardingDelegates),
                placement: at(280.0, 140.0, 420.0, 420.0),
                resizable: false,
                key: "ChooseDelegate",
                holds_lab_state: false,
                draft: Some(Draft::ChooseDelegate),
                figure_facts: FigureFacts::Nothing,
            },
            LyncMessageBox => ClassFacts {
                name: "Lync message box",
                // Its title is Lync's own, "Lync", which names the main window.
                aliases: &["Lync message box"],
                title: Fixed(LYNC_MESSAGE_BOX_TITLE),
                logged_as: Some("Lync's message box"),
                app: App::Lync,
                lives: Lives::WithSignIn,
                closing: Closing::WithDialogs,
                owner: Owner::User,
                opening: Opening::ByRule,
                modality: Modality::Modal {
                    owner: ModalOwner::Active,
                },
                placement: Placement::Centered {
                    width: 420.0,
                    height: 170.0,
                },
                resizable: false,
                key: "lync-message-box",
                holds_lab_state: false,
                draft: None,
                figure_facts: FigureFacts::Nothing,
            },
            CallToast => ClassFacts {
                name: "Call for <Name>",
                aliases: &["Call toast"],
                title: Around {
                    before: "Call for ",
                    after: "",
                    names: Names::User,
                },
                logged_as: None,
                app: App::Lync,
                lives: Lives::WithCall,
                closing: Closing::LeavesCallRinging,
                owner: Owner::User,
                opening: Opening::ByRule,
                modality: Modality::Modeless,
                placement: Placement::BottomRight {
                    width: 320.0,
                    height: 132.0,
                },
                resizable: false,
                key: "call-toast",
                holds_lab_state: false,
                draft: None,
                figure_facts: FigureFacts::Nothing,
            },
            AboutLync => ClassFacts {
                name: "About Lync",
                aliases: &["About Microsoft Lync"],
                title: Fixed("About Lync"),
                logged_as: None,
                app: App::Lync,
                lives: Lives::WithSignIn,
                closing: Closing::WithDialogs,
                owner: Owner::User,
                opening: dialog(
                    Some(LyncMain),
                    &[ParentOpen(
                        "About Lync opens from Lync's main window (Show Menu, Help, About Microsoft Lync)",
                    )],
                ),
                modality: modal_over(LyncMain),
                placement: Placement::Centered {
                    width: 560.0,
                    height: 230.0,
                },
                resizable: false,
                key: "AboutLync",
                holds_lab_state: false,
                draft: None,
                figure_facts: FigureFacts::Nothing,
            },
            ConfigurationInformation => ClassFacts {
                name: "Configuration Information",
                aliases: &[],
                title: Fixed("Configuration Information"),
                logged_as: None,
                app: App::Lync,
                lives: Lives::WithApp,
                closing: Closing::WithDialogs,
                owner: Owner::User,
                // From the notification area's icon: Lync must run, its main window need not
                // show.
                opening: dialog(None, &[LyncRunning]),
                modality: Modality::Modeless,
                placement: at(40.0, 40.0, 760.0, 520.0),
                resizable: false,
                key: "ConfigurationInformation",
                holds_lab_state: false,
                draft: None,
                figure_facts: FigureFacts::Nothing,
            },
        }
    }

    pub const fn name(self) -> &'static str {
        self.facts().name
    }

    pub const fn aliases(self) -> &'static [&'static str] {
        self.facts().aliases
    }

    pub const fn title_form(self) -> TitleForm {
        self.facts().title
    }

    /// What the variable part of its title names, if it has one.
    pub const fn title_names(self) -> Option<Names> {
        match self.facts().title {
            TitleForm::Fixed(_) => None,
            TitleForm::Around { names, .. } => Some(names),
        }
    }

    pub const fn app(self) -> App {
        self.facts().app
    }

    pub const fn lives(self) -> Lives {
        self.facts().lives
    }

    pub const fn owner(self) -> Owner {
        self.facts().owner
    }

    pub const fn opening(self) -> Opening {
        self.facts().opening
    }

    /// The window it opens from, for a dialog that has one.
    pub const fn parent(self) -> Option<WindowClass> {
        match self.facts().opening {
            Opening::Dialog { parent, .. } => parent,
            Opening::Application | Opening::ByRule => None,
        }
    }

    /// Whether `self` opens from `ancestor`, directly or through other dialogs.
    pub fn opens_from(self, ancestor: WindowClass) -> bool {
        let mut class = self;
        while let Some(parent) = class.parent() {
            if parent == ancestor {
                return true;
            }
            class = parent;
        }
        false
    }

    pub const fn modality(self) -> Modality {
        self.facts().modality
    }

    pub const fn placement(self) -> Placement {
        self.facts().placement
    }

    pub const fn resizable(self) -> bool {
        self.facts().resizable
    }

    pub const fn key(self) -> &'static str {
        self.facts().key
    }

    pub const fn holds_lab_state(self) -> bool {
        self.facts().holds_lab_state
    }

    pub const fn draft(self) -> Option<Draft> {
        self.facts().draft
    }

    /// Part of Outlook (closed with it).
    pub const fn is_outlook(self) -> bool {
        matches!(self.facts().app, App::Outlook)
    }

    /// Whether it can be on `computer`: a computer's own console only on the front-end
    /// server.
    pub fn installed_on(self, front_end: bool) -> bool {
        match self.owner() {
            Owner::User => true,
            Owner::Computer => front_end,
        }
    }

    /// The title, given what its variable part names (ignored for fixed titles).
    pub fn title(self, named: &str) -> String {
        match self.title_form() {
            TitleForm::Fixed(title) => title.to_owned(),
            TitleForm::Around { before, after, .. } => format!("{before}{named}{after}"),
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
            TitleForm::Around { before, after, .. } => {
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
    fn all_lists_every_class_once() {
        for (i, class) in WindowClass::ALL.iter().enumerate() {
            assert!(!WindowClass::ALL[..i].contains(class), "{class:?} twice");
        }
    }

    #[test]
    fn keys_are_unique_and_a_dialog_needs_its_parent_open_exactly_once() {
        for (i, class) in WindowClass::ALL.iter().enumerate() {
            assert!(
                WindowClass::ALL[..i].iter().all(|c| c.key() != class.key()),
                "{class:?}'s key"
            );
            if let Opening::Dialog { parent, needs } = class.opening() {
                let asks = needs
                    .iter()
                    .filter(|n| matches!(n, Need::ParentOpen(_)))
                    .count();
                assert_eq!(asks, usize::from(parent.is_some()), "{class:?}");
            }
        }
    }

    #[test]
    fn closing_a_dialog_reaches_every_dialog_opened_from_it() {
        assert!(WindowClass::ChooseDelegate.opens_from(WindowClass::LyncOptions));
        assert!(WindowClass::ChooseDelegate.opens_from(WindowClass::CallForwardingDelegates));
        assert!(!WindowClass::LyncOptions.opens_from(WindowClass::ChooseDelegate));
        assert!(WindowClass::SelectAttendees.opens_from(WindowClass::MeetingForm));
        assert!(!WindowClass::AddUsers.opens_from(WindowClass::AddUsers));
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
                Opening::Dialog { parent: None, .. } if !class.is_outlook() => {
                    assert_eq!(class.modality(), Modality::Modeless, "{class:?}")
                }
                Opening::Dialog { parent, .. } => assert_eq!(
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
