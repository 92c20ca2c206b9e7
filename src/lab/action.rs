//! Everything that can change a lab: the actions of SPEC section S, with their names and fields
//! exactly as scenario files spell them. Adding one: its variant here and its rule in
//! [`Lab::apply`](super::Lab::apply); the parser, the verb list, its seat and the check of
//! the names it uses follow from the variant.

// A new window or action must be handled wherever windows and actions are matched.
#![warn(clippy::wildcard_enum_match_arm)]

use std::fmt;

use serde::{Deserialize, Serialize};

use super::exchange::{MeetingRequestDelivery, Permissions};
use super::install::LyncEdition;
use super::names::{ActorName, ComputerName, NameKind, Refers, UserName};
use super::voice::Forwarding;
use super::windows::WindowName;

crate::verbs! {
    /// A lab fault (`InjectFault(StuckSync(user: "user20", computer: "USER20-PC"))`).
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub enum Fault {
        /// B10: that client's sync passes mark delegates as published without the back-end
        /// write landing.
        StuckSync { user: ActorName, computer: ComputerName },
        /// B14: that client's MAPI stays unavailable even with Outlook running (field cause:
        /// the SIP and SMTP addresses differ), so no sync pass runs.
        MapiUnavailable { user: ActorName, computer: ComputerName },
    }
}

crate::verbs! {
    /// One thing a person does in the lab. `user` is who acts and `computer` where.
    ///
    /// This is the one description of every verb: [`Action::VERBS`], each action's
    /// [`seat`](Action::seat) and the names it uses ([`Refers`]) are derived from it.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub enum Action {
        StartOutlook { user: ActorName, computer: ComputerName },
        CloseOutlook { user: ActorName, computer: ComputerName },
        SignIn { user: ActorName, computer: ComputerName },
        SignOut { user: ActorName, computer: ComputerName },
        ExitLync { user: ActorName, computer: ComputerName },
        AddDelegate {
            user: ActorName,
            computer: ComputerName,
            delegate: UserName,
            #[serde(default, skip_serializing_if = "Permissions::is_default")]
            permissions: Permissions,
        },
        SetDelegatePermissions {
            user: ActorName,
            computer: ComputerName,
            delegate: UserName,
            permissions: Permissions,
        },
        RemoveDelegate { user: ActorName, computer: ComputerName, delegate: UserName },
        SetMeetingRequestDelivery {
            user: ActorName,
            computer: ComputerName,
            deliver: MeetingRequestDelivery,
        },
        OpenSharedCalendar { user: ActorName, computer: ComputerName, owner: UserName },
        NewMeeting {
            user: ActorName,
            computer: ComputerName,
            owner: UserName,
            subject: String,
            #[serde(default)]
            attendees: Vec<UserName>,
        },
        /// A lab extension beyond SPEC section S: what was typed into the open meeting form
        /// (subject, location, To) before Lync Meeting or Send.
        EditMeeting {
            user: ActorName,
            computer: ComputerName,
            subject: String,
            #[serde(default)]
            location: String,
            #[serde(default)]
            attendees: Vec<UserName>,
        },
        AddLyncMeeting { user: ActorName, computer: ComputerName },
        SendMeeting { user: ActorName, computer: ComputerName },
        DismissBanner { user: ActorName, computer: ComputerName, delegator: UserName },
        RemoveFromDelegatesGroup { user: ActorName, computer: ComputerName, delegate: UserName },
        Shell { command: String },
        DeleteLyncProfile { user: ActorName, computer: ComputerName },
        Reboot { computer: ComputerName },
        InjectFault(Fault),
        OpenWindow { computer: ComputerName, window: WindowName },
        /// A lab extension beyond SPEC section S: switch the user logged on to a computer (the
        /// desktop's "Logged on" chooser). Applications of other users there keep running.
        LogOn { user: ActorName, computer: ComputerName },
        CloseWindow { computer: ComputerName, window: WindowName },
        /// B12: Call Forwarding - Delegates, Add..., Choose a Delegate, OK, OK.
        AddCallDelegate { user: ActorName, computer: ComputerName, delegate: UserName },
        /// B12: Call Forwarding - Delegates, Remove, OK.
        RemoveCallDelegate { user: ActorName, computer: ComputerName, delegate: UserName },
        /// B12: a delegate's "Receive Calls" box.
        SetReceiveCalls {
            user: ActorName,
            computer: ComputerName,
            delegate: UserName,
            receive: bool,
        },
        /// B12: "Ring your delegates after this many seconds:".
        SetDelegateRingDelay { user: ActorName, computer: ComputerName, seconds: u32 },
        /// B12, W14: the Call Forwarding page.
        SetCallForwarding { user: ActorName, computer: ComputerName, forwarding: Forwarding },
        /// B12: a Lync call to `callee`.
        PlaceCall { user: ActorName, computer: ComputerName, callee: UserName },
        /// B13, B16: install another Lync edition or build on a computer (refused while Lync
        /// runs there); it applies from each user's next sign-in.
        InstallLync { computer: ComputerName, edition: LyncEdition, build: String },
        /// B14: clears a lab fault that has a fix (not the stuck sync of B10).
        ClearFault(Fault),
    }
}

impl Action {
    /// Who acts and where, for the actions a user does at a computer: its [`ActorName`] and
    /// its computer (also inside a fault), found by their types.
    pub fn seat(&self) -> Option<(&str, &str)> {
        let (mut user, mut computer) = (None, None);
        self.refers("", &mut |name| {
            if name.acts {
                user = Some(name.value);
            } else if name.kind == NameKind::Computer {
                computer = Some(name.value);
            }
        });
        user.zip(computer)
    }
}

impl fmt::Display for Action {
    /// The action in scenario syntax on one line: `AddDelegate(user: "user20", ...)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&one_line_ron(self))
    }
}

impl Action {
    /// `OpenWindow` or `CloseWindow`, of any window: it moves no lab clock (SPEC's clock).
    pub fn is_window_verb(&self) -> bool {
        matches!(self, Action::OpenWindow { .. } | Action::CloseWindow { .. })
    }

    /// Opening or closing a window that only shows the lab (a dialog, Registry Editor, the
    /// Shell, a message box): a UI gesture rather than a lab event. The event log can hide
    /// it, and it does not take a session off its scenario. Starting or
    /// ending Outlook or Lync, or discarding a meeting form, is a lab event whichever way it
    /// is done.
    pub fn is_window_gesture(&self) -> bool {
        let (Action::OpenWindow { window, .. } | Action::CloseWindow { window, .. }) = self else {
            return false;
        };
        window.class().is_none_or(|class| !class.holds_lab_state())
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
        // Outlook's default permissions are left out, as a scenario writes them.
        assert_eq!(action.to_string(), text);
        let back: Action = ron::from_str(&action.to_string()).unwrap();
        assert_eq!(back, action);
        let reviewer = text.replace(")", ", permissions: Permissions(calendar: Reviewer))");
        let action: Action = ron::from_str(&reviewer).unwrap();
        assert!(
            action
                .to_string()
                .contains("permissions: (calendar: Reviewer"),
            "{action}"
        );
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
