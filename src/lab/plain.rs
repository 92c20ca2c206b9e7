//! Every action in plain English, for the step list and the event log ("User20 starts Outlook
//! on USER20-PC"); the scenario form (RON) is shown elsewhere, on hover. Each text is told as
//! the gesture the user makes in the real client, in the present tense, without a final period.
//!
//! The match over the verbs is exhaustive on purpose: a new verb does not compile until it has
//! a text here.

// A new window or action must be handled wherever windows and actions are matched.
#![warn(clippy::wildcard_enum_match_arm)]

use super::exchange::{DelegatePermissions, Level, Permissions};
use super::screen::{Window, WindowKind};
use super::voice::{ForwardTarget, Forwarding};
use super::{Action, Fault, Lab, UserName};

/// How many characters of a Management Shell command a text quotes before "…".
const COMMAND_CHARS: usize = 80;

impl Action {
    /// The action in plain English. `lab` is the lab *before* the action is applied: it names
    /// the users (display names, else the ids as written) and the meeting form acted on.
    pub fn plain(&self, lab: &Lab) -> String {
        use Action::*;
        let who = |user: &str| lab.plain_user(user);
        let pc = |computer: &str| lab.plain_computer(computer);
        match self {
            StartOutlook { user, computer } => {
                format!("{} starts Outlook on {}", who(user), pc(computer))
            }
            CloseOutlook { user, computer } => {
                format!("{} closes Outlook on {}", who(user), pc(computer))
            }
            SignIn { user, computer } => {
                format!("{} signs in to Lync on {}", who(user), pc(computer))
            }
            SignOut { user, computer } => {
                format!("{} signs out of Lync on {}", who(user), pc(computer))
            }
            ExitLync { user, computer } => {
                format!("{} exits Lync on {}", who(user), pc(computer))
            }
            AddDelegate {
                user,
                computer,
                delegate,
                permissions,
            } => {
                let mut text = format!(
                    "{} adds {} as a delegate in Outlook on {}",
                    who(user),
                    who(delegate),
                    pc(computer)
                );
                if permissions.resolve().0 != DelegatePermissions::default() {
                    text.push_str(" with ");
                    text.push_str(&permissions_text(permissions));
                }
                text
            }
            SetDelegatePermissions {
                user,
                computer,
                delegate,
                permissions,
            } => format!(
                "{} changes {}'s delegate permissions to {} on {}",
                who(user),
                who(delegate),
                permissions_text(permissions),
                pc(computer)
            ),
            RemoveDelegate {
                user,
                computer,
                delegate,
            } => format!(
                "{} removes {} as a delegate in Outlook on {}",
                who(user),
                who(delegate),
                pc(computer)
            ),
            SetMeetingRequestDelivery {
                user,
                computer,
                deliver,
            } => format!(
                "{} chooses to deliver meeting requests to '{}' on {}",
                who(user),
                deliver.label(),
                pc(computer)
            ),
            OpenSharedCalendar {
                user,
                computer,
                owner,
            } => format!(
                "{} opens {}'s calendar with Open Shared Calendar on {}",
                who(user),
                who(owner),
                pc(computer)
            ),
            NewMeeting {
                user,
                computer,
                owner,
                subject,
                attendees,
            } => {
                let calendar = if lab.same_user(user, owner) {
                    "their own calendar".to_owned()
                } else {
                    format!("{}'s calendar", who(owner))
                };
                let mut text = format!(
                    "{} clicks New Meeting on {calendar} on {}",
                    who(user),
                    pc(computer)
                );
                let mut filled = Vec::new();
                if !subject.trim().is_empty() {
                    filled.push(format!("subject '{subject}'"));
                }
                if !attendees.is_empty() {
                    filled.push(format!("To {}", lab.plain_users(attendees)));
                }
                if !filled.is_empty() {
                    text.push_str(": ");
                    text.push_str(&filled.join(", "));
                }
                text
            }
            EditMeeting {
                user,
                computer,
                subject,
                location,
                attendees,
            } => {
                let mut filled = vec![if subject.trim().is_empty() {
                    "no subject".to_owned()
                } else {
                    format!("subject '{subject}'")
                }];
                if !location.trim().is_empty() {
                    filled.push(format!("location '{location}'"));
                }
                if !attendees.is_empty() {
                    filled.push(format!("To {}", lab.plain_users(attendees)));
                }
                format!(
                    "{} enters {} {}",
                    who(user),
                    filled.join(", "),
                    lab.in_meeting_form(user, computer)
                )
            }
            AddLyncMeeting { user, computer } => format!(
                "{} clicks Lync Meeting {}",
                who(user),
                lab.in_meeting_form(user, computer)
            ),
            SendMeeting { user, computer } => format!(
                "{} clicks Send {}",
                who(user),
                lab.in_meeting_form(user, computer)
            ),
            DismissBanner {
                user,
                computer,
                delegator,
            } => {
                let banner = lab
                    .seat_of(user, computer)
                    .zip(lab.directory().find_user(delegator))
                    .and_then(|(seat, delegator)| {
                        lab.banners(seat)
                            .into_iter()
                            .find(|b| b.delegator == delegator)
                    });
                match banner {
                    Some(banner) => format!(
                        "{} closes the banner '{}' in Lync on {}",
                        who(user),
                        lab.banner_text(&banner),
                        pc(computer)
                    ),
                    None => format!(
                        "{} closes the delegate banner for {} in Lync on {}",
                        who(user),
                        who(delegator),
                        pc(computer)
                    ),
                }
            }
            RemoveFromDelegatesGroup {
                user,
                computer,
                delegate,
            } => format!(
                "{} right-clicks {} in Lync's Delegates group on {} and chooses Remove from Group",
                who(user),
                who(delegate),
                pc(computer)
            ),
            Shell { command } => {
                let admin = lab
                    .directory()
                    .front_end()
                    .and_then(|fe| lab.screen_of(fe).logged_on)
                    .map_or_else(
                        || "The administrator".to_owned(),
                        |u| lab.directory().name(u).to_owned(),
                    );
                format!(
                    "{admin} runs `{}` in the Lync Server Management Shell",
                    cut(command.trim(), COMMAND_CHARS)
                )
            }
            DeleteLyncProfile { user, computer } => format!(
                "{} deletes their Lync profile on {}",
                who(user),
                pc(computer)
            ),
            Reboot { computer } => match lab.logged_on_name(computer) {
                Some(name) => format!("{name} reboots {}", pc(computer)),
                None => format!("{} reboots", pc(computer)),
            },
            InjectFault(Fault::StuckSync { user, computer }) => format!(
                "The lab makes {}'s delegate sync stuck on {}",
                who(user),
                pc(computer)
            ),
            InjectFault(Fault::MapiUnavailable { user, computer }) => format!(
                "The lab keeps MAPI unavailable for {}'s Lync on {}",
                who(user),
                pc(computer)
            ),
            ClearFault(Fault::MapiUnavailable { user, computer }) => format!(
                "The lab lets MAPI connect again for {}'s Lync on {}",
                who(user),
                pc(computer)
            ),
            ClearFault(Fault::StuckSync { user, computer }) => format!(
                "The lab tries to clear {}'s stuck delegate sync on {}",
                who(user),
                pc(computer)
            ),
            InstallLync {
                computer,
                edition,
                build,
            } => format!("{edition} {build} is installed on {}", pc(computer)),
            OpenWindow { computer, window } => format!(
                "{} opens '{window}' on {}",
                lab.logged_on_name(computer)
                    .unwrap_or_else(|| "Someone".to_owned()),
                pc(computer)
            ),
            LogOn { user, computer } => {
                format!("{} logs on to {}", who(user), pc(computer))
            }
            CloseWindow { computer, window } => format!(
                "{} closes '{window}' on {}",
                lab.logged_on_name(computer)
                    .unwrap_or_else(|| "Someone".to_owned()),
                pc(computer)
            ),
            AddCallDelegate {
                user,
                computer,
                delegate,
            } => format!(
                "{} adds {} in Lync's Call Forwarding - Delegates on {} (Add..., Choose a Delegate, OK, OK)",
                who(user),
                who(delegate),
                pc(computer)
            ),
            RemoveCallDelegate {
                user,
                computer,
                delegate,
            } => format!(
                "{} removes {} in Lync's Call Forwarding - Delegates on {}",
                who(user),
                who(delegate),
                pc(computer)
            ),
            SetReceiveCalls {
                user,
                computer,
                delegate,
                receive,
            } => format!(
                "{} {} Receive Calls for {} in Call Forwarding - Delegates on {}",
                who(user),
                if *receive { "selects" } else { "clears" },
                who(delegate),
                pc(computer)
            ),
            SetDelegateRingDelay {
                user,
                computer,
                seconds,
            } => format!(
                "{} sets 'Ring your delegates after this many seconds:' to {} on {}",
                who(user),
                if *seconds == 0 {
                    "0 - at the same time".to_owned()
                } else {
                    seconds.to_string()
                },
                pc(computer)
            ),
            SetCallForwarding {
                user,
                computer,
                forwarding,
            } => format!(
                "{} chooses '{}' in Lync's Call Forwarding options on {}",
                who(user),
                forwarding_text(lab, forwarding),
                pc(computer)
            ),
            PlaceCall {
                user,
                computer,
                callee,
            } => format!(
                "{} calls {} from Lync on {}",
                who(user),
                who(callee),
                pc(computer)
            ),
        }
    }
}

/// The Call Forwarding page's choice, with a contact by display name.
fn forwarding_text(lab: &Lab, forwarding: &Forwarding) -> String {
    match forwarding {
        Forwarding::ForwardTo(ForwardTarget::Contact(user)) => {
            format!("Forward my calls to: {}", lab.plain_user(user))
        }
        Forwarding::Off | Forwarding::ForwardTo(_) | Forwarding::SimultaneouslyRing(_) => {
            forwarding.to_string()
        }
    }
}

/// Helpers for plain texts, shared with the texts of expectations and captures.
impl Lab {
    /// A user's display name ("User20"), or the name as written when the lab has no such user.
    pub(crate) fn plain_user(&self, user: &str) -> String {
        let dir = self.directory();
        dir.find_user(user)
            .map_or_else(|| user.to_owned(), |u| dir.name(u).to_owned())
    }

    /// Users by display name: "User20", "User20 and User21", "User20, User21 and Administrator".
    pub(crate) fn plain_users(&self, users: &[UserName]) -> String {
        let names: Vec<String> = users.iter().map(|u| self.plain_user(u)).collect();
        and_list(&names)
    }

    /// A computer as the lab spells it ("USER20-PC"), or as written when there is none such.
    pub(crate) fn plain_computer(&self, computer: &str) -> String {
        let dir = self.directory();
        dir.find_computer(computer)
            .map_or_else(|| computer.to_owned(), |c| dir.computer(c).to_owned())
    }

    /// The display name of whoever is logged on to a computer, if anyone.
    fn logged_on_name(&self, computer: &str) -> Option<String> {
        let dir = self.directory();
        let user = self.screen_of(dir.find_computer(computer)?).logged_on?;
        Some(dir.name(user).to_owned())
    }

    fn seat_of(&self, user: &str, computer: &str) -> Option<super::Seat> {
        let dir = self.directory();
        Some((dir.find_user(user)?, dir.find_computer(computer)?))
    }

    fn same_user(&self, a: &str, b: &str) -> bool {
        let dir = self.directory();
        match (dir.find_user(a), dir.find_user(b)) {
            (Some(a), Some(b)) => a == b,
            _ => a.trim().eq_ignore_ascii_case(b.trim()),
        }
    }

    /// "in 'Budget review - Meeting'" — the user's open meeting form there, by its title — or,
    /// with no form open, "on USER21-PC (no meeting form is open)".
    fn in_meeting_form(&self, user: &str, computer: &str) -> String {
        let title = self.seat_of(user, computer).and_then(|seat| {
            let subject = self.meeting_subject(seat)?;
            let form = Window {
                user: seat.0,
                kind: WindowKind::MeetingForm,
            };
            Some(form.title(self.directory(), Some(subject)))
        });
        match title {
            Some(title) => format!("in '{title}'"),
            None => format!(
                "on {} (no meeting form is open)",
                self.plain_computer(computer)
            ),
        }
    }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `text` cut after `max` characters, marked with "…".
fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// Permissions briefly: the folders the delegate gets ("Calendar Editor, Inbox Reviewer"), and
/// what differs from Outlook's usual check boxes.
fn permissions_text(permissions: &Permissions) -> String {
    let p = permissions.resolve().0;
    let mut parts: Vec<String> = [
        ("Calendar", p.calendar),
        ("Tasks", p.tasks),
        ("Inbox", p.inbox),
        ("Contacts", p.contacts),
        ("Notes", p.notes),
    ]
    .into_iter()
    .filter(|&(_, level)| level != Level::None)
    .map(|(folder, level)| format!("{folder} {level}"))
    .collect();
    if parts.is_empty() {
        parts.push("no folder access".to_owned());
    }
    if p.calendar == Level::Editor && !p.receives_meeting_copies {
        parts.push("no meeting copies".to_owned());
    }
    if p.see_private_items {
        parts.push("private items".to_owned());
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::{ComputerName, MeetingRequestDelivery, WindowName};

    fn act(text: &str) -> Action {
        ron::from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn starting_outlook_reads_as_the_user_does_it() {
        let lab = Lab::default();
        let start = act(r#"StartOutlook(user: "user20", computer: "USER20-PC")"#);
        assert_eq!(start.plain(&lab), "User20 starts Outlook on USER20-PC");
    }

    /// User21 with User20's delegate access, the meeting form "Budget review" open on
    /// USER21-PC (the order of saves/seed-walkthrough.ron).
    fn lab_with_meeting_form() -> Lab {
        let mut lab = Lab::default();
        for step in [
            r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
            r#"SignIn(user: "user20", computer: "USER20-PC")"#,
            r#"AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")"#,
            r#"StartOutlook(user: "user21", computer: "USER21-PC")"#,
            r#"SignIn(user: "user21", computer: "USER21-PC")"#,
            r#"OpenSharedCalendar(user: "user21", computer: "USER21-PC", owner: "user20")"#,
            r#"NewMeeting(user: "user21", computer: "USER21-PC", owner: "user20", subject: "Budget review")"#,
        ] {
            assert!(lab.apply(&act(step)).is_ok(), "{step}");
        }
        lab
    }

    #[test]
    fn meeting_form_actions_name_the_open_form() {
        let lab = lab_with_meeting_form();
        let lync_meeting = act(r#"AddLyncMeeting(user: "user21", computer: "USER21-PC")"#);
        assert_eq!(
            lync_meeting.plain(&lab),
            "User21 clicks Lync Meeting in 'Budget review - Meeting'"
        );
        // Without a form, the computer instead.
        assert_eq!(
            lync_meeting.plain(&Lab::default()),
            "User21 clicks Lync Meeting on USER21-PC (no meeting form is open)"
        );
    }

    #[test]
    fn unknown_names_are_written_as_given() {
        let lab = Lab::default();
        let sign_in = act(r#"SignIn(user: "user99", computer: "nowhere-pc")"#);
        assert_eq!(sign_in.plain(&lab), "user99 signs in to Lync on nowhere-pc");
        let sign_in = act(r#"SignIn(user: "USER21@contoso.com", computer: "user21-laptop")"#);
        assert_eq!(
            sign_in.plain(&lab),
            "User21 signs in to Lync on USER21-LAPTOP"
        );
    }

    #[test]
    fn long_commands_are_cut() {
        let command = format!("Get-CsUser {}", "x".repeat(200));
        let text = Action::Shell { command }.plain(&Lab::default());
        assert!(
            text.starts_with("Administrator runs `Get-CsUser xxx"),
            "{text}"
        );
        assert!(
            text.ends_with("…` in the Lync Server Management Shell"),
            "{text}"
        );
        assert_eq!(text.chars().filter(|&c| c == 'x').count(), 80 - 11);
    }

    #[test]
    fn permissions_are_mentioned_when_not_the_default() {
        let lab = Lab::default();
        let outlook_default = act(
            r#"AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21", permissions: (calendar: Editor, tasks: Editor, receives_meeting_copies: true))"#,
        );
        assert_eq!(
            outlook_default.plain(&lab),
            "User20 adds User21 as a delegate in Outlook on USER20-PC"
        );
        let more = Permissions {
            tasks: Level::None,
            inbox: Level::Reviewer,
            see_private_items: true,
            receives_meeting_copies: Some(false),
            ..Permissions::default()
        };
        assert_eq!(
            permissions_text(&more),
            "Calendar Editor, Inbox Reviewer, no meeting copies, private items"
        );
        let nothing = Permissions {
            calendar: Level::None,
            tasks: Level::None,
            ..Permissions::default()
        };
        assert_eq!(permissions_text(&nothing), "no folder access");
    }

    #[test]
    fn every_action_has_a_text() {
        let lab = lab_with_meeting_form();
        let (user20, user21) = (UserName::from("user20"), UserName::from("user21"));
        let (pc20, pc21) = (
            ComputerName::from("USER20-PC"),
            ComputerName::from("USER21-PC"),
        );
        let table: Vec<(Action, &str)> = vec![
            (
                Action::StartOutlook {
                    user: "user20".into(),
                    computer: pc20.clone(),
                },
                "User20 starts Outlook on USER20-PC",
            ),
            (
                Action::CloseOutlook {
                    user: "user20".into(),
                    computer: pc20.clone(),
                },
                "User20 closes Outlook on USER20-PC",
            ),
            (
                Action::SignIn {
                    user: "user20".into(),
                    computer: pc20.clone(),
                },
                "User20 signs in to Lync on USER20-PC",
            ),
            (
                Action::SignOut {
                    user: "user20".into(),
                    computer: pc20.clone(),
                },
                "User20 signs out of Lync on USER20-PC",
            ),
            (
                Action::ExitLync {
                    user: "user20".into(),
                    computer: pc20.clone(),
                },
                "User20 exits Lync on USER20-PC",
            ),
            (
                Action::AddDelegate {
                    user: "user20".into(),
                    computer: pc20.clone(),
                    delegate: user21.clone(),
                    permissions: Permissions {
                        tasks: Level::None,
                        inbox: Level::Reviewer,
                        ..Permissions::default()
                    },
                },
                "User20 adds User21 as a delegate in Outlook on USER20-PC with Calendar Editor, Inbox Reviewer",
            ),
            (
                Action::SetDelegatePermissions {
                    user: "user20".into(),
                    computer: pc20.clone(),
                    delegate: user21.clone(),
                    permissions: Permissions {
                        calendar: Level::Reviewer,
                        ..Permissions::default()
                    },
                },
                "User20 changes User21's delegate permissions to Calendar Reviewer, Tasks Editor on USER20-PC",
            ),
            (
                Action::RemoveDelegate {
                    user: "user20".into(),
                    computer: pc20.clone(),
                    delegate: user21.clone(),
                },
                "User20 removes User21 as a delegate in Outlook on USER20-PC",
            ),
            (
                Action::SetMeetingRequestDelivery {
                    user: "user20".into(),
                    computer: pc20.clone(),
                    deliver: MeetingRequestDelivery::DelegatesAndMe,
                },
                "User20 chooses to deliver meeting requests to 'My delegates and me' on USER20-PC",
            ),
            (
                Action::OpenSharedCalendar {
                    user: "user21".into(),
                    computer: pc21.clone(),
                    owner: user20.clone(),
                },
                "User21 opens User20's calendar with Open Shared Calendar on USER21-PC",
            ),
            (
                Action::NewMeeting {
                    user: "user21".into(),
                    computer: pc21.clone(),
                    owner: user20.clone(),
                    subject: "Budget review".into(),
                    attendees: vec!["administrator".into()],
                },
                "User21 clicks New Meeting on User20's calendar on USER21-PC: subject 'Budget review', To Administrator",
            ),
            (
                Action::EditMeeting {
                    user: "user21".into(),
                    computer: pc21.clone(),
                    subject: "Budget review 2".into(),
                    location: "Room 4".into(),
                    attendees: vec!["administrator".into(), "user20".into()],
                },
                "User21 enters subject 'Budget review 2', location 'Room 4', To Administrator and User20 in 'Budget review - Meeting'",
            ),
            (
                Action::AddLyncMeeting {
                    user: "user21".into(),
                    computer: pc21.clone(),
                },
                "User21 clicks Lync Meeting in 'Budget review - Meeting'",
            ),
            (
                Action::SendMeeting {
                    user: "user21".into(),
                    computer: pc21.clone(),
                },
                "User21 clicks Send in 'Budget review - Meeting'",
            ),
            (
                Action::DismissBanner {
                    user: "user21".into(),
                    computer: pc21.clone(),
                    delegator: user20.clone(),
                },
                "User21 closes the delegate banner for User20 in Lync on USER21-PC",
            ),
            (
                Action::RemoveFromDelegatesGroup {
                    user: "user20".into(),
                    computer: pc20.clone(),
                    delegate: user21.clone(),
                },
                "User20 right-clicks User21 in Lync's Delegates group on USER20-PC and chooses Remove from Group",
            ),
            (
                Action::Shell {
                    command: "Set-CsClientPolicy Global –EnableExchangeDelegateSync $True".into(),
                },
                "Administrator runs `Set-CsClientPolicy Global –EnableExchangeDelegateSync $True` in the Lync Server Management Shell",
            ),
            (
                Action::DeleteLyncProfile {
                    user: "user20".into(),
                    computer: pc20.clone(),
                },
                "User20 deletes their Lync profile on USER20-PC",
            ),
            (
                Action::Reboot {
                    computer: pc20.clone(),
                },
                "User20 reboots USER20-PC",
            ),
            (
                Action::InjectFault(Fault::StuckSync {
                    user: "user20".into(),
                    computer: pc20.clone(),
                }),
                "The lab makes User20's delegate sync stuck on USER20-PC",
            ),
            (
                Action::OpenWindow {
                    computer: pc21.clone(),
                    window: WindowName::new("Delegates"),
                },
                "User21 opens 'Delegates' on USER21-PC",
            ),
            (
                Action::LogOn {
                    user: "user21".into(),
                    computer: "USER20-PC".into(),
                },
                "User21 logs on to USER20-PC",
            ),
            (
                Action::CloseWindow {
                    computer: pc21.clone(),
                    window: WindowName::new("Budget review - Meeting"),
                },
                "User21 closes 'Budget review - Meeting' on USER21-PC",
            ),
            (
                Action::AddCallDelegate {
                    user: "user20".into(),
                    computer: pc20.clone(),
                    delegate: user21.clone(),
                },
                "User20 adds User21 in Lync's Call Forwarding - Delegates on USER20-PC (Add..., Choose a Delegate, OK, OK)",
            ),
            (
                Action::RemoveCallDelegate {
                    user: "user20".into(),
                    computer: pc20.clone(),
                    delegate: user21.clone(),
                },
                "User20 removes User21 in Lync's Call Forwarding - Delegates on USER20-PC",
            ),
            (
                Action::SetReceiveCalls {
                    user: "user20".into(),
                    computer: pc20.clone(),
                    delegate: user21.clone(),
                    receive: false,
                },
                "User20 clears Receive Calls for User21 in Call Forwarding - Delegates on USER20-PC",
            ),
            (
                Action::SetDelegateRingDelay {
                    user: "user20".into(),
                    computer: pc20.clone(),
                    seconds: 0,
                },
                "User20 sets 'Ring your delegates after this many seconds:' to 0 - at the same time on USER20-PC",
            ),
            (
                Action::SetCallForwarding {
                    user: "user20".into(),
                    computer: pc20.clone(),
                    forwarding: Forwarding::ForwardTo(ForwardTarget::Contact(user21.clone())),
                },
                "User20 chooses 'Forward my calls to: User21' in Lync's Call Forwarding options on USER20-PC",
            ),
            (
                Action::PlaceCall {
                    user: "user21".into(),
                    computer: pc21.clone(),
                    callee: user20.clone(),
                },
                "User21 calls User20 from Lync on USER21-PC",
            ),
            (
                Action::InstallLync {
                    computer: pc21.clone(),
                    edition: crate::lab::install::LyncEdition::Basic,
                    build: "15.0.4787.1002".into(),
                },
                "Lync Basic 2013 15.0.4787.1002 is installed on USER21-PC",
            ),
            (
                Action::ClearFault(Fault::MapiUnavailable {
                    user: "user20".into(),
                    computer: pc20.clone(),
                }),
                "The lab lets MAPI connect again for User20's Lync on USER20-PC",
            ),
        ];
        let verbs: Vec<&str> = table.iter().map(|(a, _)| a.verb()).collect();
        assert_eq!(verbs, Action::VERBS, "one row per verb, in order");
        for (action, text) in &table {
            assert_eq!(action.plain(&lab), *text, "{action}");
        }
    }

    #[test]
    fn a_banner_being_closed_is_quoted() {
        let mut lab = lab_with_meeting_form();
        for step in [
            r#"Shell(command: "Set-CsClientPolicy Global -EnableExchangeDelegateSync $True")"#,
            r#"SignOut(user: "user20", computer: "USER20-PC")"#,
            r#"SignIn(user: "user20", computer: "USER20-PC")"#,
        ] {
            assert!(lab.apply(&act(step)).is_ok(), "{step}");
        }
        let dismiss =
            act(r#"DismissBanner(user: "user21", computer: "USER21-PC", delegator: "user20")"#);
        assert_eq!(
            dismiss.plain(&lab),
            "User21 closes the banner 'You were added as a delegate for User20' in Lync on USER21-PC"
        );
    }

    #[test]
    fn nobody_logged_on_and_own_calendars() {
        let mut spec = crate::lab::LabSpec::contoso();
        spec.computers.push("KIOSK".into());
        let lab = Lab::new(spec);
        let reboot = Action::Reboot {
            computer: "kiosk".into(),
        };
        assert_eq!(reboot.plain(&lab), "KIOSK reboots");
        let open = Action::OpenWindow {
            computer: "KIOSK".into(),
            window: WindowName::new("Lync"),
        };
        assert_eq!(open.plain(&lab), "Someone opens 'Lync' on KIOSK");
        let own = act(
            r#"NewMeeting(user: "user20", computer: "USER20-PC", owner: "User20", subject: "")"#,
        );
        assert_eq!(
            own.plain(&lab),
            "User20 clicks New Meeting on their own calendar on USER20-PC"
        );
    }
}
