//! Every expectation and capture in plain English, for the step list and the event log
//! ("Expect the previous action to succeed", "Capture figure-1: 'Delegates' on USER20-PC");
//! the scenario form (RON) is shown elsewhere, on hover. Texts are in the present tense,
//! without a final period.
//!
//! The matches over the verbs are exhaustive on purpose: a new verb does not compile until it
//! has a text here.

use super::step::{Capture, Expectation};
use crate::lab::Lab;
use crate::lab::lync_server::GROUP_NAMES;
use crate::lab::registry::DelegatorListValue;

impl Expectation {
    /// The expectation in plain English. `lab` names the users (display names, else the ids as
    /// written).
    pub fn plain(&self, lab: &Lab) -> String {
        use Expectation::*;
        let who = |user: &str| lab.plain_user(user);
        let pc = |computer: &str| lab.plain_computer(computer);
        match self {
            ExpectOk => "Expect the previous action to succeed".to_owned(),
            ExpectError { contains } => format!("Expect an error containing '{contains}'"),
            ExpectNoResponse => "Expect no response to the previous action".to_owned(),
            ExpectBanner {
                user,
                computer,
                text,
            } => format!(
                "Expect {}'s Lync on {} to show the banner '{text}'",
                who(user),
                pc(computer)
            ),
            ExpectNoBanner { user, computer } => format!(
                "Expect {}'s Lync on {} to show no banner",
                who(user),
                pc(computer)
            ),
            ExpectGroup {
                user,
                computer,
                group,
                members,
            } => format!(
                "Expect {}'s '{}' group on {} to {}",
                who(user),
                group_name(group),
                pc(computer),
                hold(lab, members)
            ),
            ExpectNoGroup {
                user,
                computer,
                group,
            } => format!(
                "Expect {}'s Lync on {} to have no '{}' group",
                who(user),
                pc(computer),
                group_name(group)
            ),
            ExpectRegistry {
                user,
                computer,
                value,
                entries,
            } => {
                let value = DelegatorListValue::from_name(value).map_or(&**value, |v| v.name());
                format!(
                    "Expect {}'s registry value '{value}' on {} to {}",
                    who(user),
                    pc(computer),
                    hold(lab, entries)
                )
            }
            ExpectBackendDelegate {
                delegator,
                delegate,
                present: true,
            } => format!(
                "Expect the back end to record {} as a delegate of {}",
                who(delegate),
                who(delegator)
            ),
            ExpectBackendDelegate {
                delegator,
                delegate,
                present: false,
            } => format!(
                "Expect the back end to have no record of {} as a delegate of {}",
                who(delegate),
                who(delegator)
            ),
            ExpectClientPolicy {
                user,
                computer,
                exchange_delegate_sync,
            } => format!(
                "Expect {}'s Lync on {} to have read EnableExchangeDelegateSync {} at sign-in",
                who(user),
                pc(computer),
                if *exchange_delegate_sync {
                    "True"
                } else {
                    "False"
                }
            ),
            ExpectVoicePolicy {
                user,
                computer,
                enable_delegation,
            } => format!(
                "Expect {}'s Lync on {} to have read EnableDelegation {} at sign-in",
                who(user),
                pc(computer),
                crate::lab::voice::bool_text(*enable_delegation)
            ),
            ExpectMapiStatus { user, computer, ok } => format!(
                "Expect {}'s Configuration Information on {} to show {}",
                who(user),
                pc(computer),
                if *ok {
                    crate::lab::field_rules::MAPI_OK
                } else {
                    "MAPI unavailable"
                }
            ),
            ExpectWindow {
                computer,
                window,
                open: true,
            } => format!("Expect '{window}' to be open on {}", pc(computer)),
            ExpectWindow {
                computer,
                window,
                open: false,
            } => format!("Expect '{window}' not to be open on {}", pc(computer)),
            ExpectRinging { users } if users.is_empty() => {
                "Expect nobody's Lync to ring for the call".to_owned()
            }
            ExpectRinging { users } => format!(
                "Expect exactly {}'s Lync to ring for the call",
                lab.plain_users(users)
            ),
        }
    }
}

impl Capture {
    /// The capture in plain English: its name and the window (or desktop) it shows.
    pub fn plain(&self, lab: &Lab) -> String {
        match self {
            Capture::Capture {
                name,
                computer,
                window: Some(window),
                ..
            } => format!(
                "Capture {name}: '{window}' on {}",
                lab.plain_computer(computer)
            ),
            Capture::Capture {
                name,
                computer,
                window: None,
                ..
            } => format!(
                "Capture {name}: the desktop of {}",
                lab.plain_computer(computer)
            ),
        }
    }
}

/// A contact-list group as Lync spells it, or as written when Lync has none such.
fn group_name(group: &str) -> &str {
    GROUP_NAMES
        .into_iter()
        .find(|g| g.eq_ignore_ascii_case(group.trim()))
        .unwrap_or(group)
}

/// "hold User20 and User21", or "be empty".
fn hold(lab: &Lab, users: &[crate::lab::UserName]) -> String {
    if users.is_empty() {
        "be empty".to_owned()
    } else {
        format!("hold {}", lab.plain_users(users))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_expectation_has_a_text() {
        let lab = Lab::default();
        let table = [
            ("ExpectOk", "Expect the previous action to succeed"),
            (
                r#"ExpectError(contains: "You do not have permissions")"#,
                "Expect an error containing 'You do not have permissions'",
            ),
            (
                "ExpectNoResponse",
                "Expect no response to the previous action",
            ),
            (
                r#"ExpectBanner(user: "user21", computer: "USER21-PC", text: "You were added as a delegate for User20")"#,
                "Expect User21's Lync on USER21-PC to show the banner 'You were added as a delegate for User20'",
            ),
            (
                r#"ExpectNoBanner(user: "user21", computer: "user21-laptop")"#,
                "Expect User21's Lync on USER21-LAPTOP to show no banner",
            ),
            (
                r#"ExpectGroup(user: "user21", computer: "USER21-PC", group: "People I Manage Calls For", members: ["user20"])"#,
                "Expect User21's 'People I Manage Calls For' group on USER21-PC to hold User20",
            ),
            (
                r#"ExpectNoGroup(user: "user21", computer: "USER21-PC", group: "people i manage calls for")"#,
                "Expect User21's Lync on USER21-PC to have no 'People I Manage Calls For' group",
            ),
            (
                r#"ExpectRegistry(user: "user21", computer: "USER21-PC", value: "outstanding delegatorlist", entries: ["sip:user20@contoso.com", "administrator"])"#,
                "Expect User21's registry value 'Outstanding DelegatorList' on USER21-PC to hold User20 and Administrator",
            ),
            (
                r#"ExpectBackendDelegate(delegator: "user20", delegate: "user21", present: true)"#,
                "Expect the back end to record User21 as a delegate of User20",
            ),
            (
                r#"ExpectClientPolicy(user: "user20", computer: "USER20-PC", exchange_delegate_sync: false)"#,
                "Expect User20's Lync on USER20-PC to have read EnableExchangeDelegateSync False at sign-in",
            ),
            (
                r#"ExpectVoicePolicy(user: "user20", computer: "USER20-PC", enable_delegation: true)"#,
                "Expect User20's Lync on USER20-PC to have read EnableDelegation True at sign-in",
            ),
            (
                r#"ExpectRinging(users: ["user20", "user21"])"#,
                "Expect exactly User20 and User21's Lync to ring for the call",
            ),
            (
                r#"ExpectMapiStatus(user: "user20", computer: "USER20-PC", ok: true)"#,
                "Expect User20's Configuration Information on USER20-PC to show MAPI Status OK",
            ),
            (
                r#"ExpectWindow(computer: "USER20-PC", window: "Delegates", open: false)"#,
                "Expect 'Delegates' not to be open on USER20-PC",
            ),
        ];
        let mut verbs = Vec::new();
        for (ron_text, plain) in table {
            let expectation: Expectation =
                ron::from_str(ron_text).unwrap_or_else(|e| panic!("{ron_text}: {e}"));
            verbs.push(expectation.verb());
            assert_eq!(expectation.plain(&lab), plain, "{ron_text}");
        }
        assert_eq!(verbs, Expectation::VERBS, "one row per verb, in order");
    }

    #[test]
    fn the_other_sides_of_expectations() {
        let lab = Lab::default();
        for (ron_text, plain) in [
            (
                r#"ExpectBackendDelegate(delegator: "user20", delegate: "user21", present: false)"#,
                "Expect the back end to have no record of User21 as a delegate of User20",
            ),
            (
                r#"ExpectGroup(user: "user20", computer: "USER20-PC", group: "Delegates", members: [])"#,
                "Expect User20's 'Delegates' group on USER20-PC to be empty",
            ),
            (
                r#"ExpectClientPolicy(user: "user99", computer: "USER20-PC", exchange_delegate_sync: true)"#,
                "Expect user99's Lync on USER20-PC to have read EnableExchangeDelegateSync True at sign-in",
            ),
        ] {
            let expectation: Expectation = ron::from_str(ron_text).unwrap();
            assert_eq!(expectation.plain(&lab), plain, "{ron_text}");
        }
    }

    #[test]
    fn every_capture_has_a_text() {
        let lab = Lab::default();
        let mut verbs = Vec::new();
        for (ron_text, plain) in [
            (
                r#"Capture(name: "figure-1", computer: "USER20-PC", window: Some("Delegates"))"#,
                "Capture figure-1: 'Delegates' on USER20-PC",
            ),
            (
                r#"Capture(name: "figure-3", computer: "user21-pc", window: None)"#,
                "Capture figure-3: the desktop of USER21-PC",
            ),
        ] {
            let capture: Capture = ron::from_str(ron_text).unwrap();
            verbs.push(capture.verb());
            assert_eq!(capture.plain(&lab), plain, "{ron_text}");
        }
        verbs.dedup();
        assert_eq!(verbs, Capture::VERBS);
    }
}
