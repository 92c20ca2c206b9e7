//! Running a scenario: actions go through `Lab::apply`, expectations are checked against the
//! lab, captures are noted (the `shots` command renders them).

use std::collections::BTreeSet;

use serde::Serialize;

use super::Scenario;
use super::step::{Capture, Expectation, Narration, Step};
use crate::lab::lync_client::LyncClient;
use crate::lab::lync_server::ContactGroup;
use crate::lab::registry::DelegatorListValue;
use crate::lab::voice::bool_text;
use crate::lab::{Action, Lab, LogEntry, Outcome, Seat, UserIx, UserName, WindowName};

/// The result of one expectation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    pub passed: bool,
    pub expected: String,
    pub found: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum StepResultKind {
    Action(LogEntry),
    Expectation(Check),
    Capture {
        name: String,
        /// Titles of the windows open on that computer at this step.
        open_windows: Vec<String>,
        /// False when the named window is not open there.
        window_open: bool,
    },
    /// A `Note`'s text.
    Note(String),
    /// A `Wait`: the clock moved on this many minutes.
    Wait(u32),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StepResult {
    /// 1-based step number in the file.
    pub number: usize,
    pub step: String,
    pub kind: StepResultKind,
}

/// A scenario run up to some step.
#[derive(Clone, Debug)]
pub struct Run {
    pub lab: Lab,
    pub results: Vec<StepResult>,
}

impl Run {
    pub fn expectations(&self) -> impl Iterator<Item = (&StepResult, &Check)> {
        self.results.iter().filter_map(|r| match &r.kind {
            StepResultKind::Expectation(check) => Some((r, check)),
            _ => None,
        })
    }

    pub fn failures(&self) -> impl Iterator<Item = (&StepResult, &Check)> {
        self.expectations().filter(|(_, c)| !c.passed)
    }

    pub fn passed(&self) -> bool {
        self.failures().next().is_none()
    }
}

/// Whatever scenario steps run against: a bare lab (`check`, `state`) or a session (the
/// window's player, `record`, `shots`), which also keeps the actions it applies.
pub trait Stage {
    fn lab(&self) -> &Lab;
    /// Applies an action through [`Lab::apply`] and returns its log entry.
    fn apply(&mut self, action: &Action) -> LogEntry;
    /// Moves the lab clock on (a `Wait` step, through [`Lab::wait`]).
    fn wait(&mut self, minutes: u32);
}

impl Stage for Lab {
    fn lab(&self) -> &Lab {
        self
    }

    fn apply(&mut self, action: &Action) -> LogEntry {
        Lab::apply(self, action);
        self.last_entry().expect("apply always logs")
    }

    fn wait(&mut self, minutes: u32) {
        Lab::wait(self, minutes);
    }
}

/// Runs one step: the one runner behind `check`, `state`, the window's player and `shots`, so
/// a step means the same everywhere. `previous` is the outcome of the scenario action this
/// step follows — never of an action taken by hand in between.
pub fn run_step(stage: &mut impl Stage, step: &Step, previous: Option<&Outcome>) -> StepResultKind {
    match step {
        Step::Action(action) => StepResultKind::Action(stage.apply(action)),
        Step::Expect(expectation) => {
            StepResultKind::Expectation(check(stage.lab(), previous, expectation))
        }
        Step::Capture(Capture::Capture {
            name,
            computer,
            window,
            ..
        }) => {
            let lab = stage.lab();
            let computer = lab.directory().find_computer(computer);
            let open_windows = computer.map(|c| lab.window_titles(c)).unwrap_or_default();
            let window_open = match (computer, window) {
                (Some(c), Some(w)) => lab.find_window(c, w).is_some(),
                (Some(_), None) => true,
                (None, _) => false,
            };
            StepResultKind::Capture {
                name: name.clone(),
                open_windows,
                window_open,
            }
        }
        Step::Narration(Narration::Note { text }) => StepResultKind::Note(text.clone()),
        Step::Narration(Narration::Wait { minutes }) => {
            stage.wait(*minutes);
            StepResultKind::Wait(*minutes)
        }
    }
}

/// Runs the first `until` steps (all when None) on a fresh lab, keeping every step's result.
pub fn run(scenario: &Scenario, until: Option<usize>) -> Run {
    let mut results = Vec::new();
    let lab = run_each(scenario, until, |_, number, step, kind| {
        results.push(StepResult {
            number,
            step: step.to_string(),
            kind,
        })
    });
    Run { lab, results }
}

/// Runs the first `until` steps (all when None) on a fresh lab and hands each step's result
/// — its 1-based number, the step, what it came to — to `each` with the lab right after it,
/// keeping none: what `check`, `state` and `verify` hold stays the size of the lab however
/// long the scenario (a kept result holds its action's whole printout). Returns the lab at
/// the end.
pub fn run_each(
    scenario: &Scenario,
    until: Option<usize>,
    mut each: impl FnMut(&Lab, usize, &Step, StepResultKind),
) -> Lab {
    let mut lab = Lab::new(scenario.lab_spec());
    let mut previous: Option<Outcome> = None;
    let count = until.unwrap_or(usize::MAX).min(scenario.steps.len());
    for (i, step) in scenario.steps.iter().take(count).enumerate() {
        let kind = run_step(&mut lab, step, previous.as_ref());
        if let StepResultKind::Action(entry) = &kind {
            previous = Some(entry.outcome.clone());
        }
        each(&lab, i + 1, step, kind);
    }
    lab
}

fn seat(lab: &Lab, user: &str, computer: &str) -> Option<Seat> {
    Some((
        lab.directory().find_user(user)?,
        lab.directory().find_computer(computer)?,
    ))
}

fn names<'u>(lab: &Lab, users: impl IntoIterator<Item = &'u UserIx>) -> String {
    let ids: Vec<&str> = users.into_iter().map(|&u| lab.directory().id(u)).collect();
    if ids.is_empty() {
        return "(none)".into();
    }
    ids.join(", ")
}

/// Names as the expectation writes them.
fn written(users: &[UserName]) -> String {
    users
        .iter()
        .map(|u| u.0.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The users an expectation names, or the first name the lab does not know (never dropped:
/// "exactly user20 and ghost" is not "exactly user20").
fn find_users<'u>(lab: &Lab, users: &'u [UserName]) -> Result<BTreeSet<UserIx>, &'u UserName> {
    users
        .iter()
        .map(|u| lab.directory().find_user(u).ok_or(u))
        .collect()
}

fn outcome_text(last: Option<&Outcome>) -> String {
    match last {
        None => "no action before this expectation".into(),
        Some(outcome) => outcome.to_string(),
    }
}

/// Checks one expectation against the lab (and the previous action's outcome): one function
/// per kind of expectation.
#[warn(clippy::wildcard_enum_match_arm)]
pub fn check(lab: &Lab, last: Option<&Outcome>, expectation: &Expectation) -> Check {
    use Expectation::*;
    match expectation {
        ExpectOk => outcome_check(
            last,
            matches!(last, Some(Outcome::Ok)),
            "the previous action succeeds".into(),
        ),
        ExpectError { contains } => outcome_check(
            last,
            matches!(last, Some(Outcome::Error { text }) if text.contains(contains.as_str())),
            format!("an error containing {contains:?}"),
        ),
        ExpectNoResponse => outcome_check(
            last,
            matches!(last, Some(Outcome::NoResponse)),
            "no response at all".into(),
        ),
        ExpectBanner {
            user,
            computer,
            text,
        } => check_banner(lab, user, computer, text),
        ExpectNoBanner { user, computer } => check_no_banner(lab, user, computer),
        ExpectGroup {
            user,
            computer,
            group,
            members,
        } => check_group(lab, user, computer, group, members),
        ExpectNoGroup {
            user,
            computer,
            group,
        } => check_no_group(lab, user, computer, group),
        ExpectRegistry {
            user,
            computer,
            value,
            entries,
        } => check_registry(lab, user, computer, value, entries),
        ExpectBackendDelegate {
            delegator,
            delegate,
            present,
        } => check_backend_delegate(lab, delegator, delegate, *present),
        ExpectClientPolicy {
            user,
            computer,
            exchange_delegate_sync,
        } => check_client_policy(lab, user, computer, *exchange_delegate_sync),
        ExpectVoicePolicy {
            user,
            computer,
            enable_delegation,
        } => check_voice_policy(lab, user, computer, *enable_delegation),
        ExpectMapiStatus { user, computer, ok } => check_mapi_status(lab, user, computer, *ok),
        ExpectWindow {
            computer,
            window,
            open,
        } => check_window(lab, computer, window, *open),
        ExpectRinging { users } => check_ringing(lab, users),
    }
}

impl Check {
    fn new(passed: bool, expected: String, found: String) -> Self {
        Check {
            passed,
            expected,
            found,
        }
    }

    /// An expectation naming someone the lab does not have fails, and says so.
    fn unknown_user(user: &UserName, expected: String) -> Self {
        let found = format!("no user {} in the lab", super::quoted(user));
        Check::new(false, expected, found)
    }

    /// Expectations about a client need it signed in; say so rather than pass vacuously.
    fn not_signed_in(user: &str, computer: &str, expected: String) -> Self {
        Check::new(
            false,
            expected,
            format!("{user}'s Lync is not signed in on {computer}"),
        )
    }
}

/// `ExpectOk`, `ExpectError`, `ExpectNoResponse`: about the previous action's outcome.
fn outcome_check(last: Option<&Outcome>, passed: bool, expected: String) -> Check {
    Check::new(passed, expected, outcome_text(last))
}

/// The seat of a user's client that is signed in on that computer.
fn signed_in_seat(lab: &Lab, user: &str, computer: &str) -> Option<Seat> {
    seat(lab, user, computer).filter(|&s| lab.signed_in(s))
}

/// A user's client that is signed in on that computer.
fn signed_in_client<'l>(lab: &'l Lab, user: &str, computer: &str) -> Option<&'l LyncClient> {
    signed_in_seat(lab, user, computer).and_then(|s| lab.client(s))
}

fn check_banner(lab: &Lab, user: &str, computer: &str, text: &str) -> Check {
    let expected = format!("the banner {text:?} in {user}'s Lync on {computer}");
    let Some(shown) = banners_shown(lab, user, computer) else {
        return Check::not_signed_in(user, computer, expected);
    };
    let passed = shown.iter().any(|s| s.trim() == text.trim());
    Check::new(passed, expected, banners_found(&shown))
}

fn check_no_banner(lab: &Lab, user: &str, computer: &str) -> Check {
    let expected = format!("no banner in {user}'s Lync on {computer}");
    let Some(shown) = banners_shown(lab, user, computer) else {
        return Check::not_signed_in(user, computer, expected);
    };
    Check::new(shown.is_empty(), expected, banners_found(&shown))
}

/// The contact-list groups of a signed-in client (None when it is not signed in), and the one
/// named `group` (any case) among them.
fn group_of(lab: &Lab, user: &str, computer: &str, group: &str) -> Option<Option<ContactGroup>> {
    let groups = seat(lab, user, computer).and_then(|s| lab.contact_groups(s))?;
    Some(
        groups
            .into_iter()
            .find(|g| g.name.eq_ignore_ascii_case(group.trim())),
    )
}

fn check_group(lab: &Lab, user: &str, computer: &str, group: &str, members: &[UserName]) -> Check {
    let expected = |names: String| {
        format!("the group {group:?} holding exactly {names} for {user} on {computer}")
    };
    let wanted = match find_users(lab, members) {
        Ok(wanted) => wanted,
        Err(unknown) => return Check::unknown_user(unknown, expected(written(members))),
    };
    let expected = expected(names(lab, &wanted));
    match group_of(lab, user, computer, group) {
        None => Check::not_signed_in(user, computer, expected),
        Some(None) => Check::new(false, expected, format!("no group {group:?}")),
        Some(Some(g)) => {
            let have: BTreeSet<UserIx> = g.members.iter().copied().collect();
            Check::new(
                have == wanted,
                expected,
                format!("members {}", names(lab, &g.members)),
            )
        }
    }
}

fn check_no_group(lab: &Lab, user: &str, computer: &str, group: &str) -> Check {
    let expected = format!("no group {group:?} for {user} on {computer}");
    match group_of(lab, user, computer, group) {
        None => Check::not_signed_in(user, computer, expected),
        Some(None) => Check::new(true, expected, "no such group".into()),
        Some(Some(g)) => Check::new(
            false,
            expected,
            format!("the group with members {}", names(lab, &g.members)),
        ),
    }
}

fn check_registry(
    lab: &Lab,
    user: &str,
    computer: &str,
    value: &str,
    entries: &[UserName],
) -> Check {
    let dir = lab.directory();
    let wanted: BTreeSet<String> = entries
        .iter()
        .map(|e| {
            dir.find_user(e)
                .map_or_else(|| e.to_string(), |u| dir.sip_uri(u))
        })
        .collect();
    let expected = format!(
        "{value} = {:?} for {user} on {computer}",
        wanted.iter().cloned().collect::<Vec<_>>().join(";")
    );
    let Some(which) = DelegatorListValue::from_name(value) else {
        return Check::new(
            false,
            expected,
            format!("no registry value named {value:?}"),
        );
    };
    let lists = seat(lab, user, computer).and_then(|s| lab.delegator_lists(s));
    let Some(lists) = lists else {
        return Check::new(
            wanted.is_empty(),
            expected,
            "the Lync key does not exist yet (Lync has never signed in there)".into(),
        );
    };
    let have: BTreeSet<String> = lists.get(which).iter().map(|&u| dir.sip_uri(u)).collect();
    Check::new(
        have == wanted,
        expected,
        format!("{:?}", lab.registry_text(lists.get(which))),
    )
}

fn check_backend_delegate(lab: &Lab, delegator: &str, delegate: &str, present: bool) -> Check {
    let dir = lab.directory();
    let expected = format!(
        "the back-end delegate record {delegator} → {delegate} {}",
        if present { "present" } else { "absent" }
    );
    let (Some(a), Some(b)) = (dir.find_user(delegator), dir.find_user(delegate)) else {
        return Check::new(false, expected, "an unknown user".into());
    };
    match lab.server().record(a, b) {
        None => Check::new(!present, expected, "absent".into()),
        Some(origin) => Check::new(
            present,
            expected,
            format!(
                "present (created {}, action {}, {})",
                origin.created,
                origin.action_number,
                origin.route.describe(dir),
            ),
        ),
    }
}

fn check_client_policy(
    lab: &Lab,
    user: &str,
    computer: &str,
    exchange_delegate_sync: bool,
) -> Check {
    let expected = format!(
        "{user}'s Lync on {computer} read EnableExchangeDelegateSync {} at sign-in",
        if exchange_delegate_sync {
            "True"
        } else {
            "off (False or not set)"
        }
    );
    let reading = signed_in_client(lab, user, computer).and_then(|c| c.policy_read.as_ref());
    let Some(reading) = reading else {
        return Check::not_signed_in(user, computer, expected);
    };
    Check::new(
        reading.syncs_delegates() == exchange_delegate_sync,
        expected,
        format!(
            "policy {} with EnableExchangeDelegateSync {}",
            reading.identity,
            crate::lab::sync_setting(reading.enable_exchange_delegate_sync)
        ),
    )
}

fn check_voice_policy(lab: &Lab, user: &str, computer: &str, enable_delegation: bool) -> Check {
    let expected = format!(
        "{user}'s Lync on {computer} read EnableDelegation {} at sign-in",
        bool_text(enable_delegation)
    );
    let reading = signed_in_client(lab, user, computer).and_then(|c| c.voice_read.as_ref());
    let Some(reading) = reading else {
        return Check::not_signed_in(user, computer, expected);
    };
    Check::new(
        reading.enable_delegation == enable_delegation,
        expected,
        format!(
            "voice policy {} with EnableDelegation {}",
            reading.identity,
            bool_text(reading.enable_delegation)
        ),
    )
}

fn check_mapi_status(lab: &Lab, user: &str, computer: &str, ok: bool) -> Check {
    let expected = format!(
        "{user}'s Configuration Information on {computer} showing {}",
        if ok {
            format!("\"{}\"", crate::lab::field_rules::MAPI_OK)
        } else {
            "MAPI unavailable".to_owned()
        }
    );
    let Some(seat) = signed_in_seat(lab, user, computer) else {
        return Check::not_signed_in(user, computer, expected);
    };
    Check::new(
        lab.mapi_ok(seat) == ok,
        expected,
        format!("{:?}", lab.mapi_status(seat)),
    )
}

fn check_window(lab: &Lab, computer: &str, window: &WindowName, open: bool) -> Check {
    let expected = format!(
        "the window {:?} {} on {computer}",
        window.as_str(),
        if open { "open" } else { "not open" }
    );
    let Some(pc) = lab.directory().find_computer(computer) else {
        return Check::new(false, expected, "an unknown computer".into());
    };
    let titles = lab.window_titles(pc);
    let found = format!(
        "open: {}",
        if titles.is_empty() {
            "none".to_owned()
        } else {
            titles.join(", ")
        }
    );
    Check::new(
        lab.find_window(pc, window).is_some() == open,
        expected,
        found,
    )
}

fn check_ringing(lab: &Lab, users: &[UserName]) -> Check {
    let expected = |names: String| format!("exactly {names} ringing for the previous call");
    let wanted = match find_users(lab, users) {
        Ok(wanted) => wanted,
        Err(unknown) => return Check::unknown_user(unknown, expected(written(users))),
    };
    let expected = expected(names(lab, &wanted));
    match lab.last_call() {
        None => Check::new(
            wanted.is_empty(),
            expected,
            "nobody: no call was placed (or the last PlaceCall was refused)".into(),
        ),
        Some(call) => Check::new(call.users() == wanted, expected, ringing_found(lab, call)),
    }
}
/// Why each user rang for a call, as the expectation reports it: "user20 (callee on USER20-PC)".
fn ringing_found(lab: &Lab, call: &crate::lab::voice::Call) -> String {
    if call.rang.is_empty() {
        return "nobody rang".into();
    }
    let dir = lab.directory();
    call.rang
        .iter()
        .map(|&(u, c, reason)| format!("{} ({reason} on {})", dir.id(u), dir.computer(c)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The banner texts a signed-in client shows; None when it is not signed in.
fn banners_shown(lab: &Lab, user: &str, computer: &str) -> Option<Vec<String>> {
    let seat = signed_in_seat(lab, user, computer)?;
    Some(
        lab.banners(seat)
            .iter()
            .map(|b| lab.banner_text(b))
            .collect(),
    )
}

fn banners_found(shown: &[String]) -> String {
    if shown.is_empty() {
        "no banner".into()
    } else {
        format!(
            "banners {}",
            shown
                .iter()
                .map(|s| format!("{s:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}
