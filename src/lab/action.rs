//! Everything that can change a lab: the actions of SPEC section S, with their names and fields
//! exactly as scenario files spell them.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::exchange::{MeetingRequestDelivery, Permissions};

/// A lab fault (`InjectFault(StuckSync(user: "user20", computer: "USER20-PC"))`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Fault {
    /// B10: that client's sync passes mark delegates as published without the back-end write
    /// landing.
    StuckSync { user: String, computer: String },
}

/// One thing a person does in the lab. `user` is who acts and `computer` where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Action {
    StartOutlook {
        user: String,
        computer: String,
    },
    CloseOutlook {
        user: String,
        computer: String,
    },
    SignIn {
        user: String,
        computer: String,
    },
    SignOut {
        user: String,
        computer: String,
    },
    ExitLync {
        user: String,
        computer: String,
    },
    AddDelegate {
        user: String,
        computer: String,
        delegate: String,
        #[serde(default)]
        permissions: Permissions,
    },
    SetDelegatePermissions {
        user: String,
        computer: String,
        delegate: String,
        permissions: Permissions,
    },
    RemoveDelegate {
        user: String,
        computer: String,
        delegate: String,
    },
    SetMeetingRequestDelivery {
        user: String,
        computer: String,
        deliver: MeetingRequestDelivery,
    },
    OpenSharedCalendar {
        user: String,
        computer: String,
        owner: String,
    },
    NewMeeting {
        user: String,
        computer: String,
        owner: String,
        subject: String,
        #[serde(default)]
        attendees: Vec<String>,
    },
    /// A lab extension beyond SPEC section S: what was typed into the open meeting form
    /// (subject, location, To) before Lync Meeting or Send.
    EditMeeting {
        user: String,
        computer: String,
        subject: String,
        #[serde(default)]
        location: String,
        #[serde(default)]
        attendees: Vec<String>,
    },
    AddLyncMeeting {
        user: String,
        computer: String,
    },
    SendMeeting {
        user: String,
        computer: String,
    },
    DismissBanner {
        user: String,
        computer: String,
        delegator: String,
    },
    RemoveFromDelegatesGroup {
        user: String,
        computer: String,
        delegate: String,
    },
    Shell {
        command: String,
    },
    DeleteLyncProfile {
        user: String,
        computer: String,
    },
    Reboot {
        computer: String,
    },
    InjectFault(Fault),
    OpenWindow {
        computer: String,
        window: String,
    },
    /// A lab extension beyond SPEC section S: switch the user logged on to a computer (the
    /// desktop's "Logged on" chooser). Applications of other users there keep running.
    LogOn {
        user: String,
        computer: String,
    },
    CloseWindow {
        computer: String,
        window: String,
    },
}

impl Action {
    /// Every action verb, as scenario files spell them.
    pub const VERBS: &'static [&'static str] = &[
        "StartOutlook",
        "CloseOutlook",
        "SignIn",
        "SignOut",
        "ExitLync",
        "AddDelegate",
        "SetDelegatePermissions",
        "RemoveDelegate",
        "SetMeetingRequestDelivery",
        "OpenSharedCalendar",
        "NewMeeting",
        "EditMeeting",
        "AddLyncMeeting",
        "SendMeeting",
        "DismissBanner",
        "RemoveFromDelegatesGroup",
        "Shell",
        "DeleteLyncProfile",
        "Reboot",
        "InjectFault",
        "OpenWindow",
        "CloseWindow",
        "LogOn",
    ];

    /// Who acts and where, for the actions a user does at a computer.
    pub fn seat(&self) -> Option<(&str, &str)> {
        use Action::*;
        match self {
            StartOutlook { user, computer }
            | CloseOutlook { user, computer }
            | SignIn { user, computer }
            | SignOut { user, computer }
            | ExitLync { user, computer }
            | AddDelegate { user, computer, .. }
            | SetDelegatePermissions { user, computer, .. }
            | RemoveDelegate { user, computer, .. }
            | SetMeetingRequestDelivery { user, computer, .. }
            | OpenSharedCalendar { user, computer, .. }
            | NewMeeting { user, computer, .. }
            | EditMeeting { user, computer, .. }
            | AddLyncMeeting { user, computer }
            | SendMeeting { user, computer }
            | DismissBanner { user, computer, .. }
            | RemoveFromDelegatesGroup { user, computer, .. }
            | DeleteLyncProfile { user, computer }
            | LogOn { user, computer }
            | InjectFault(Fault::StuckSync { user, computer }) => Some((user, computer)),
            Shell { .. } | Reboot { .. } | OpenWindow { .. } | CloseWindow { .. } => None,
        }
    }
}

impl fmt::Display for Action {
    /// The action in scenario syntax on one line: `AddDelegate(user: "user20", ...)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&one_line_ron(self))
    }
}

/// Any value in compact RON with a space after each `:` and `,` outside strings.
pub fn one_line_ron<T: Serialize>(value: &T) -> String {
    let compact = ron::to_string(value).unwrap_or_else(|e| format!("<{e}>"));
    let mut out = String::with_capacity(compact.len() + 16);
    let mut in_string = false;
    let mut escaped = false;
    for c in compact.chars() {
        out.push(c);
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if c == '#' && out.ends_with("r#") {
            // `r#None` is how RON writes a variant named like a keyword; `None` reads back the same.
            out.truncate(out.len() - 2);
        } else if c == ':' || c == ',' {
            out.push(' ');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_read_and_print_in_scenario_syntax() {
        let text = r#"AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")"#;
        let action: Action = ron::from_str(text).unwrap();
        assert_eq!(
            action.to_string(),
            r#"AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21", permissions: (calendar: Editor, tasks: Editor, inbox: None, contacts: None, notes: None, see_private_items: false))"#
        );
        let back: Action = ron::from_str(&action.to_string()).unwrap();
        assert_eq!(back, action);
    }

    #[test]
    fn every_verb_is_listed() {
        let fault: Action =
            ron::from_str(r#"InjectFault(StuckSync(user: "a", computer: "B"))"#).unwrap();
        assert_eq!(fault.seat(), Some(("a", "B")));
        for verb in Action::VERBS {
            let err = ron::from_str::<Action>(&format!("{verb}()")).unwrap_err();
            assert!(
                !err.to_string().contains("Unexpected variant"),
                "{verb}: {err}"
            );
        }
    }
}
