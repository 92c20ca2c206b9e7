//! "What would fix it?" (issue "evidence import", part 3): given a symptom — steps ending in
//! expectations that fail on the lab today — try every known remedy from the rules and the
//! field catalogue on copies of the lab, alone and in short sequences, and list the smallest
//! after which the symptom is gone, each with the rules that explain it, the exact commands
//! or clicks, and the field case that shows it.
//!
//! The remedies are made from the lab as it is (its policies, who is signed in where, which
//! builds run, which faults are set), so each names real users, computers and policies. A
//! sequence is tried in one order: the server first, then Outlook, then Lync (a setting
//! changes nothing until a client reads it, B4), and remedies of one kind in the order they
//! are listed; the search stops at the first length that fixes the symptom, so every fix
//! listed is minimal (no shorter part of it fixes it). Deterministic: no map order, no clock.

#![warn(clippy::wildcard_enum_match_arm)]

use std::fmt;

use serde::Serialize;

use crate::field;
use crate::lab::exchange::{Level, Permissions};
use crate::lab::install::{Build, FIXED_BUILD, LyncEdition};
use crate::lab::{Action, ComputerIx, Fault, Lab, Outcome, Seat, UserIx};
use crate::scenario::{Check, check};
use crate::scenario::{Narration, Step};

/// The longest sequence of remedies tried by default.
pub const DEFAULT_DEPTH: usize = 3;

/// The longest that may be asked for: the search grows with the number of remedies to the
/// power of the depth (on the default lab, 4.6 ms at three when nothing fixes, 0.6 s at six,
/// gigabytes by ten).
pub const MAX_DEPTH: usize = 5;

/// What kind of change a remedy is; its rules and its field case follow from the kind. The
/// order of the variants is the order a sequence tries them in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum RemedyKind {
    /// Set-CsClientPolicy -EnableExchangeDelegateSync $True.
    EnableDelegateSync,
    /// Grant a client policy that syncs.
    GrantSyncPolicy,
    /// Set-CsVoicePolicy -EnableDelegation $True.
    EnableVoiceDelegation,
    /// Grant a voice policy that allows delegation.
    GrantDelegationVoicePolicy,
    /// Set-CsUser -EnterpriseVoiceEnabled $True.
    EnableEnterpriseVoice,
    /// Make the SIP and SMTP addresses match (the MAPI fault cleared).
    ClearMapi,
    /// Install the build with KB3114502's fix (Lync closed first, signed in again after).
    InstallFixedBuild,
    /// Install the full Lync 2013 client over Lync Basic.
    InstallFullEdition,
    /// Give the delegate Calendar Editor in Outlook.
    CalendarEditor,
    /// Add the user as an Outlook delegate.
    AddOutlookDelegate,
    /// Remove the delegate in Outlook and add them again.
    ReAddOutlookDelegate,
    /// Replace a security group given delegate access by its members, one by one.
    GroupToMembers,
    /// Start Outlook on the delegator's computer, where their Lync runs.
    StartOutlook,
    /// Sign in to Lync.
    SignIn,
    /// Sign out of Lync and back in (a client reads its policies only then).
    SignInAgain,
    /// Remove from Group in the Delegates group, then sign out and back in.
    RemoveFromDelegatesGroup,
    /// Exit Lync, delete the Lync profile, sign in again.
    DeleteLyncProfile,
    /// The stuck sync's workaround: both close Lync, delete the delegator's profile,
    /// reboot, both sign back in.
    StuckSyncWorkaround,
}

impl RemedyKind {
    /// The kind tried after this one (a new kind must say where it goes: the compiler asks).
    const fn next(self) -> Option<RemedyKind> {
        use RemedyKind as K;
        Some(match self {
            K::EnableDelegateSync => K::GrantSyncPolicy,
            K::GrantSyncPolicy => K::EnableVoiceDelegation,
            K::EnableVoiceDelegation => K::GrantDelegationVoicePolicy,
            K::GrantDelegationVoicePolicy => K::EnableEnterpriseVoice,
            K::EnableEnterpriseVoice => K::ClearMapi,
            K::ClearMapi => K::InstallFixedBuild,
            K::InstallFixedBuild => K::InstallFullEdition,
            K::InstallFullEdition => K::CalendarEditor,
            K::CalendarEditor => K::AddOutlookDelegate,
            K::AddOutlookDelegate => K::ReAddOutlookDelegate,
            K::ReAddOutlookDelegate => K::GroupToMembers,
            K::GroupToMembers => K::StartOutlook,
            K::StartOutlook => K::SignIn,
            K::SignIn => K::SignInAgain,
            K::SignInAgain => K::RemoveFromDelegatesGroup,
            K::RemoveFromDelegatesGroup => K::DeleteLyncProfile,
            K::DeleteLyncProfile => K::StuckSyncWorkaround,
            K::StuckSyncWorkaround => return None,
        })
    }

    /// Every kind, in the order sequences try them.
    pub fn all() -> Vec<RemedyKind> {
        std::iter::successors(Some(RemedyKind::EnableDelegateSync), |k| k.next()).collect()
    }

    /// What it does, in the README's words.
    pub fn label(self) -> &'static str {
        match self {
            RemedyKind::EnableDelegateSync => {
                "Set-CsClientPolicy … -EnableExchangeDelegateSync $True"
            }
            RemedyKind::GrantSyncPolicy => "Grant-CsClientPolicy of a policy that syncs",
            RemedyKind::EnableVoiceDelegation => "Set-CsVoicePolicy … -EnableDelegation $True",
            RemedyKind::GrantDelegationVoicePolicy => {
                "Grant-CsVoicePolicy of a policy with EnableDelegation"
            }
            RemedyKind::EnableEnterpriseVoice => "Set-CsUser … -EnterpriseVoiceEnabled $True",
            RemedyKind::ClearMapi => "make the SIP and SMTP addresses match (MAPI connects)",
            RemedyKind::InstallFixedBuild => {
                "install 15.0.4787.1002 (KB3114502), Lync closed first"
            }
            RemedyKind::InstallFullEdition => "install the full Lync 2013 over Lync Basic",
            RemedyKind::CalendarEditor => "give the delegate Calendar Editor in Outlook",
            RemedyKind::AddOutlookDelegate => "add the delegate in Outlook",
            RemedyKind::ReAddOutlookDelegate => "remove the delegate in Outlook and add them again",
            RemedyKind::GroupToMembers => "replace a security group by its members, one by one",
            RemedyKind::StartOutlook => "start Outlook where the delegator's Lync runs",
            RemedyKind::SignIn => "sign in to Lync",
            RemedyKind::SignInAgain => "sign out of Lync and back in",
            RemedyKind::RemoveFromDelegatesGroup => "Remove from Group, then sign out and back in",
            RemedyKind::DeleteLyncProfile => "exit Lync, delete the Lync profile, sign in",
            RemedyKind::StuckSyncWorkaround => {
                "both close Lync, delete the delegator's profile, reboot, both sign in, Outlook again"
            }
        }
    }

    /// The rules of the SPEC that explain why it can help.
    pub fn rules(self) -> &'static [&'static str] {
        match self {
            RemedyKind::EnableDelegateSync | RemedyKind::GrantSyncPolicy => &["B4", "B5"],
            RemedyKind::EnableVoiceDelegation | RemedyKind::GrantDelegationVoicePolicy => {
                &["B5", "B12"]
            }
            RemedyKind::EnableEnterpriseVoice => &["B12"],
            RemedyKind::ClearMapi => &["B14", "B5"],
            RemedyKind::InstallFixedBuild => &["B13", "B7"],
            RemedyKind::InstallFullEdition => &["B16"],
            RemedyKind::CalendarEditor => &["B2", "B5"],
            RemedyKind::AddOutlookDelegate => &["B1", "B5"],
            RemedyKind::ReAddOutlookDelegate => &["B5", "B9"],
            RemedyKind::GroupToMembers => &["B15", "B5"],
            RemedyKind::StartOutlook => &["B5"],
            RemedyKind::SignIn => &["B5", "B6", "B7"],
            RemedyKind::SignInAgain => &["B4", "B5"],
            RemedyKind::RemoveFromDelegatesGroup => &["B9"],
            RemedyKind::DeleteLyncProfile => &["B10"],
            RemedyKind::StuckSyncWorkaround => &["B10"],
        }
    }

    /// The scenario that shows it: a case of the field catalogue (its path), or a shipped
    /// walkthrough.
    pub fn case(self) -> Option<String> {
        let file = match self {
            RemedyKind::EnableDelegateSync
            | RemedyKind::GrantSyncPolicy
            | RemedyKind::SignInAgain => return Some("saves/seed-walkthrough.ron".into()),
            RemedyKind::EnableEnterpriseVoice => {
                return Some("saves/part-2-enterprise-voice.ron".into());
            }
            RemedyKind::EnableVoiceDelegation | RemedyKind::GrantDelegationVoicePolicy => {
                "no-delegation-voice-policy.ron"
            }
            RemedyKind::ClearMapi => "mapi-not-connected.ron",
            RemedyKind::InstallFixedBuild => "kb3114502-notice-keeps-coming-back.ron",
            RemedyKind::InstallFullEdition => "assistant-on-lync-basic.ron",
            RemedyKind::GroupToMembers => "security-group-as-delegate.ron",
            RemedyKind::StartOutlook => "outlook-must-be-open.ron",
            RemedyKind::RemoveFromDelegatesGroup => "stale-remnants-after-outlook-removal.ron",
            RemedyKind::StuckSyncWorkaround | RemedyKind::DeleteLyncProfile => {
                "stuck-sync-workaround.ron"
            }
            RemedyKind::CalendarEditor
            | RemedyKind::AddOutlookDelegate
            | RemedyKind::ReAddOutlookDelegate
            | RemedyKind::SignIn => return None,
        };
        field::CASES
            .iter()
            .find(|case| case.file == file)
            .map(field::path_of)
    }
}

/// The README's table of remedies: each kind in the order tried, its rules and its case.
/// README.md holds it as written here (`tests/readme.rs` compares them).
pub fn markdown_table() -> String {
    let mut table = String::from("| remedy | rules | the case that shows it |\n|---|---|---|\n");
    for kind in RemedyKind::all() {
        let case = kind
            .case()
            .map_or_else(|| "—".to_owned(), |c| format!("`{c}`"));
        table.push_str(&format!(
            "| {} | {} | {case} |\n",
            kind.label().replace('|', "\\|"),
            kind.rules().join(", ")
        ));
    }
    table
}

/// One remedy: what it is, in words, and the actions that do it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Remedy {
    pub kind: RemedyKind,
    pub what: String,
    pub actions: Vec<Action>,
}

impl Remedy {
    fn new(kind: RemedyKind, what: String, actions: Vec<Action>) -> Self {
        Remedy {
            kind,
            what,
            actions,
        }
    }
}

impl fmt::Display for Remedy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.what, self.kind.rules().join(", "))
    }
}

/// A sequence of remedies after which the symptom is gone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub remedies: Vec<Remedy>,
}

impl Fix {
    /// How many actions it takes (commands and clicks).
    pub fn actions(&self) -> usize {
        self.remedies.iter().map(|r| r.actions.len()).sum()
    }

    /// Every rule the fix rests on, in order, once.
    pub fn rules(&self) -> Vec<&'static str> {
        let mut rules: Vec<&'static str> = Vec::new();
        for rule in self.remedies.iter().flat_map(|r| r.kind.rules()) {
            if !rules.contains(rule) {
                rules.push(rule);
            }
        }
        rules
    }
}

/// What the search found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnosis {
    /// The symptom's expectations on the lab as it is (at least one fails, or there is no
    /// symptom to fix).
    pub today: Vec<Check>,
    /// The smallest fixes, in the order tried.
    pub fixes: Vec<Fix>,
    /// Sequences tried.
    pub tried: usize,
    /// The longest sequence length searched.
    pub depth: usize,
}

impl Diagnosis {
    pub fn symptom_present(&self) -> bool {
        self.today.iter().any(|c| !c.passed)
    }
}

/// Reads a symptom: one step per item, in scenario syntax, each name known to the lab; at
/// least one expectation.
pub fn parse_symptom(lab: &Lab, steps: &[String]) -> Result<Vec<Step>, String> {
    let mut symptom = Vec::new();
    for (i, text) in steps.iter().enumerate() {
        let step: Step = ron::from_str(text.trim()).map_err(|e| {
            format!(
                "symptom step {}: {} (at column {}): {text}",
                i + 1,
                e.code,
                e.span.start.col
            )
        })?;
        crate::scenario::check_step_names(lab.directory(), &step)
            .map_err(|e| format!("symptom step {}: {e}", i + 1))?;
        let after_an_action = symptom.iter().any(|s| matches!(s, Step::Action(_)));
        if let Step::Expect(expectation) = &step
            && expectation.is_about_the_previous_action()
            && !after_an_action
        {
            return Err(format!(
                "symptom step {}: {text} is about the previous action, and the symptom has none before it: start the symptom with the action (AddLyncMeeting(...), then ExpectOk)",
                i + 1
            ));
        }
        symptom.push(step);
    }
    if !symptom.iter().any(|s| matches!(s, Step::Expect(_))) {
        return Err(
            "the symptom has no expectation: say what should hold (ExpectOk after an action, ExpectGroup, ExpectNoBanner, ...)"
                .into(),
        );
    }
    Ok(symptom)
}

/// The symptom's steps played on a copy of the lab: each expectation's check.
pub fn play(lab: &Lab, symptom: &[Step]) -> Vec<Check> {
    let mut lab = lab.clone();
    let mut last: Option<Outcome> = None;
    let mut checks = Vec::new();
    for step in symptom {
        match step {
            Step::Action(action) => last = Some(lab.apply(action)),
            Step::Expect(expectation) => checks.push(check(&lab, last.as_ref(), expectation)),
            Step::Narration(Narration::Wait { minutes }) => lab.wait(*minutes),
            Step::Narration(Narration::Note { .. }) | Step::Capture(_) => {}
        }
    }
    checks
}

/// Searches for the smallest fixes, up to `depth` remedies (at most [`MAX_DEPTH`]).
pub fn diagnose(lab: &Lab, symptom: &[Step], depth: usize) -> Diagnosis {
    let depth = depth.min(MAX_DEPTH);
    let today = play(lab, symptom);
    let mut diagnosis = Diagnosis {
        today,
        fixes: Vec::new(),
        tried: 0,
        depth: 0,
    };
    if !diagnosis.symptom_present() {
        return diagnosis;
    }
    // Each frontier node: the lab after a canonical sequence, and the sequence.
    let mut frontier: Vec<(Lab, Vec<Remedy>)> = vec![(lab.clone(), Vec::new())];
    for length in 1..=depth {
        diagnosis.depth = length;
        let mut next = Vec::new();
        for (lab, sequence) in &frontier {
            for remedy in remedies(lab) {
                if sequence
                    .last()
                    .is_some_and(|last| !comes_after(last, &remedy))
                {
                    continue;
                }
                diagnosis.tried += 1;
                let Some(after) = applied(lab, &remedy) else {
                    continue;
                };
                let mut longer = sequence.clone();
                longer.push(remedy);
                if play(&after, symptom).iter().all(|c| c.passed) {
                    diagnosis.fixes.push(Fix { remedies: longer });
                } else if length < depth {
                    next.push((after, longer));
                }
            }
        }
        if !diagnosis.fixes.is_empty() {
            // A fix that still works without one of its actions works for another reason
            // (installing a build "fixes" a policy by the sign-in that comes with it): left
            // out while a fix without such an action is listed.
            let (needed, padded): (Vec<Fix>, Vec<Fix>) = std::mem::take(&mut diagnosis.fixes)
                .into_iter()
                .partition(|fix| !has_a_needless_action(lab, fix, symptom));
            diagnosis.fixes = if needed.is_empty() { padded } else { needed };
            // The fewest clicks and commands first; among equals, the order tried.
            diagnosis.fixes.sort_by_key(Fix::actions);
            break;
        }
        frontier = next;
    }
    diagnosis
}

/// Whether the fix still clears the symptom with one of its changes left out (every other
/// action going through). Signing in, out and exiting Lync are how a change reaches a client,
/// not changes: a symptom that signs in again itself makes them look needless.
fn has_a_needless_action(lab: &Lab, fix: &Fix, symptom: &[Step]) -> bool {
    let actions: Vec<&Action> = fix.remedies.iter().flat_map(|r| &r.actions).collect();
    let is_a_change = |a: &&Action| {
        !matches!(
            a,
            Action::SignIn { .. } | Action::SignOut { .. } | Action::ExitLync { .. }
        )
    };
    (0..actions.len())
        .filter(|&i| is_a_change(&actions[i]))
        .any(|left_out| {
            let mut lab = lab.clone();
            let done = actions
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != left_out)
                .all(|(_, action)| lab.apply(action).is_ok());
            done && play(&lab, symptom).iter().all(|c| c.passed)
        })
}

/// Whether `next` may follow `last` in a canonical sequence: a later kind, or the same kind
/// and a later remedy of it (so no sequence is tried twice in another order).
fn comes_after(last: &Remedy, next: &Remedy) -> bool {
    (last.kind, &last.what) < (next.kind, &next.what)
}

/// The lab after the remedy, if every one of its actions went through.
fn applied(lab: &Lab, remedy: &Remedy) -> Option<Lab> {
    let mut lab = lab.clone();
    remedy
        .actions
        .iter()
        .all(|action| lab.apply(action).is_ok())
        .then_some(lab)
}

/// Every remedy that applies to the lab as it is, in [`RemedyKind`] order.
pub fn remedies(lab: &Lab) -> Vec<Remedy> {
    let dir = lab.directory();
    let server = lab.server();
    let id = |u: UserIx| dir.id(u).to_owned();
    let pc = |c: ComputerIx| dir.computer(c).to_owned();
    let shell = |command: String| Action::Shell { command };
    let sign_in = |(u, c): Seat| Action::SignIn {
        user: id(u).as_str().into(),
        computer: pc(c).as_str().into(),
    };
    let sign_out = |(u, c): Seat| Action::SignOut {
        user: id(u).as_str().into(),
        computer: pc(c).as_str().into(),
    };
    let exit_lync = |(u, c): Seat| Action::ExitLync {
        user: id(u).as_str().into(),
        computer: pc(c).as_str().into(),
    };
    let signed_in: Vec<Seat> = lab
        .clients()
        .filter(|(_, c)| c.signed_in)
        .map(|(s, _)| s)
        .collect();
    let running: Vec<Seat> = lab
        .clients()
        .filter(|(_, c)| c.running)
        .map(|(s, _)| s)
        .collect();
    let add_delegate =
        |owner: UserIx, c: ComputerIx, d: UserIx, permissions: Permissions| Action::AddDelegate {
            user: id(owner).as_str().into(),
            computer: pc(c).as_str().into(),
            delegate: id(d).as_str().into(),
            permissions,
        };
    let remove_delegate = |owner: UserIx, c: ComputerIx, d: UserIx| Action::RemoveDelegate {
        user: id(owner).as_str().into(),
        computer: pc(c).as_str().into(),
        delegate: id(d).as_str().into(),
    };
    let outlook_seat = |u: UserIx| lab.outlook_sessions().map(|(s, _)| s).find(|s| s.0 == u);
    let mut all = Vec::new();

    for policy in &server.policies {
        if policy.enable_exchange_delegate_sync != Some(true) {
            all.push(Remedy::new(
                RemedyKind::EnableDelegateSync,
                format!(
                    "set EnableExchangeDelegateSync on the client policy {}",
                    policy.identity
                ),
                vec![shell(format!(
                    "Set-CsClientPolicy -Identity {} -EnableExchangeDelegateSync $True",
                    policy.identity
                ))],
            ));
        }
    }
    for policy in server
        .policies
        .iter()
        .filter(|p| p.enable_exchange_delegate_sync == Some(true))
    {
        for (u, _) in dir.users() {
            if server.effective_policy(u).identity != policy.identity {
                let name = grant_name(&policy.identity);
                all.push(Remedy::new(
                    RemedyKind::GrantSyncPolicy,
                    format!(
                        "grant {} the client policy {}",
                        dir.name(u),
                        policy.identity
                    ),
                    vec![shell(format!(
                        "Grant-CsClientPolicy -Identity {} -PolicyName {name}",
                        dir.sip_uri(u)
                    ))],
                ));
            }
        }
    }
    for policy in server
        .voice
        .policies
        .iter()
        .filter(|p| !p.enable_delegation)
    {
        all.push(Remedy::new(
            RemedyKind::EnableVoiceDelegation,
            format!(
                "set EnableDelegation on the voice policy {}",
                policy.identity
            ),
            vec![shell(format!(
                "Set-CsVoicePolicy -Identity {} -EnableDelegation $True",
                policy.identity
            ))],
        ));
    }
    for policy in server.voice.policies.iter().filter(|p| p.enable_delegation) {
        for (u, _) in dir.users() {
            let effective = server.voice.effective(u);
            if !effective.enable_delegation && effective.identity != policy.identity {
                let name = grant_name(&policy.identity);
                all.push(Remedy::new(
                    RemedyKind::GrantDelegationVoicePolicy,
                    format!("grant {} the voice policy {}", dir.name(u), policy.identity),
                    vec![shell(format!(
                        "Grant-CsVoicePolicy -Identity {} -PolicyName {name}",
                        dir.sip_uri(u)
                    ))],
                ));
            }
        }
    }
    for (u, user) in dir.users().filter(|(_, user)| !user.enterprise_voice) {
        all.push(Remedy::new(
            RemedyKind::EnableEnterpriseVoice,
            format!("enable {} for Enterprise Voice", user.name),
            vec![shell(format!(
                "Set-CsUser -Identity {} -EnterpriseVoiceEnabled $True",
                dir.sip_uri(u)
            ))],
        ));
    }
    for seat in lab.mapi_faults() {
        all.push(Remedy::new(
            RemedyKind::ClearMapi,
            format!(
                "make {}'s SIP and SMTP addresses match, so MAPI connects on {}",
                dir.name(seat.0),
                pc(seat.1)
            ),
            vec![Action::ClearFault(Fault::MapiUnavailable {
                user: id(seat.0).as_str().into(),
                computer: pc(seat.1).as_str().into(),
            })],
        ));
    }
    for (c, name) in dir.computers() {
        let install = lab.install(c);
        let here_running: Vec<Seat> = running.iter().copied().filter(|s| s.1 == c).collect();
        let here_signed_in: Vec<Seat> = signed_in.iter().copied().filter(|s| s.1 == c).collect();
        let reinstall = |edition: LyncEdition, build: &str| {
            let mut actions: Vec<Action> = here_running.iter().map(|&s| exit_lync(s)).collect();
            actions.push(Action::InstallLync {
                computer: name.into(),
                edition,
                build: build.to_owned(),
            });
            actions.extend(here_signed_in.iter().map(|&s| sign_in(s)));
            actions
        };
        let has_clients = lab.clients().any(|(s, _)| s.1 == c);
        if has_clients && !install.build.has_delegate_notice_fix() {
            all.push(Remedy::new(
                RemedyKind::InstallFixedBuild,
                format!("install Lync {FIXED_BUILD} (KB3114502) on {name}"),
                reinstall(install.edition, FIXED_BUILD),
            ));
        }
        if has_clients && !install.edition.is_full() {
            let build = Build::clone(&install.build);
            all.push(Remedy::new(
                RemedyKind::InstallFullEdition,
                format!("install the full Lync 2013 over Lync Basic on {name}"),
                reinstall(LyncEdition::Full, &build.0),
            ));
        }
    }
    for (owner, _) in dir.users() {
        let Some(seat) = outlook_seat(owner) else {
            continue;
        };
        let mailbox = lab.mailbox(owner);
        for delegate in &mailbox.delegates {
            let d = delegate.user;
            if dir.is_group(d) {
                let mut actions = vec![remove_delegate(owner, seat.1, d)];
                for &member in dir.members(d) {
                    if !mailbox.delegates.iter().any(|x| x.user == member) && member != owner {
                        actions.push(add_delegate(owner, seat.1, member, Permissions::default()));
                    }
                }
                all.push(Remedy::new(
                    RemedyKind::GroupToMembers,
                    format!(
                        "{} gives delegate access to the members of {} one by one instead of the group",
                        dir.name(owner),
                        dir.name(d)
                    ),
                    actions,
                ));
                continue;
            }
            if delegate.permissions.calendar < Level::Author {
                all.push(Remedy::new(
                    RemedyKind::CalendarEditor,
                    format!("{} gives {} Calendar Editor", dir.name(owner), dir.name(d)),
                    vec![Action::SetDelegatePermissions {
                        user: id(owner).as_str().into(),
                        computer: pc(seat.1).as_str().into(),
                        delegate: id(d).as_str().into(),
                        permissions: Permissions::default(),
                    }],
                ));
            }
            all.push(Remedy::new(
                RemedyKind::ReAddOutlookDelegate,
                format!(
                    "{} removes {} as a delegate in Outlook and adds them again",
                    dir.name(owner),
                    dir.name(d)
                ),
                vec![
                    remove_delegate(owner, seat.1, d),
                    add_delegate(owner, seat.1, d, Permissions::from(&delegate.permissions)),
                ],
            ));
        }
        for (d, _) in dir.users() {
            if d != owner && !mailbox.delegates.iter().any(|x| x.user == d) {
                all.push(Remedy::new(
                    RemedyKind::AddOutlookDelegate,
                    format!(
                        "{} adds {} as a delegate in Outlook",
                        dir.name(owner),
                        dir.name(d)
                    ),
                    vec![add_delegate(owner, seat.1, d, Permissions::default())],
                ));
            }
        }
    }
    for &seat in &signed_in {
        let delegator = !lab.mailbox(seat.0).delegates.is_empty();
        if delegator && lab.outlook(seat).is_none() {
            all.push(Remedy::new(
                RemedyKind::StartOutlook,
                format!(
                    "{} starts Outlook on {}, where their Lync runs",
                    dir.name(seat.0),
                    pc(seat.1)
                ),
                vec![Action::StartOutlook {
                    user: id(seat.0).as_str().into(),
                    computer: pc(seat.1).as_str().into(),
                }],
            ));
        }
    }
    // Sign in where the user has used Lync, or where they are the computer's user.
    for (c, _) in dir.computers() {
        for (u, _) in dir.users() {
            let seat = (u, c);
            let known = lab.client(seat).is_some() || lab.hive(seat).is_some();
            let theirs = dir.default_logon(c) == Some(u) && Some(c) != dir.front_end();
            if (known || theirs) && !signed_in.contains(&seat) {
                all.push(Remedy::new(
                    RemedyKind::SignIn,
                    format!("{} signs in to Lync on {}", dir.name(u), pc(c)),
                    vec![sign_in(seat)],
                ));
            }
        }
    }
    for &seat in &signed_in {
        all.push(Remedy::new(
            RemedyKind::SignInAgain,
            format!(
                "{} signs out of Lync on {} and back in",
                dir.name(seat.0),
                pc(seat.1)
            ),
            vec![sign_out(seat), sign_in(seat)],
        ));
    }
    for (delegator, delegate, _) in server.records() {
        let Some(&seat) = signed_in.iter().find(|s| s.0 == delegator) else {
            continue;
        };
        all.push(Remedy::new(
            RemedyKind::RemoveFromDelegatesGroup,
            format!(
                "{} removes {} from the Delegates group in Lync on {}, then signs out and back in",
                dir.name(delegator),
                dir.name(delegate),
                pc(seat.1)
            ),
            vec![
                Action::RemoveFromDelegatesGroup {
                    user: id(delegator).as_str().into(),
                    computer: pc(seat.1).as_str().into(),
                    delegate: id(delegate).as_str().into(),
                },
                sign_out(seat),
                sign_in(seat),
            ],
        ));
    }
    for (seat, client) in lab.clients() {
        if client.profile.is_none() || lab.mailbox(seat.0).delegates.is_empty() {
            continue;
        }
        let mut actions = Vec::new();
        if client.running {
            actions.push(exit_lync(seat));
        }
        actions.push(Action::DeleteLyncProfile {
            user: id(seat.0).as_str().into(),
            computer: pc(seat.1).as_str().into(),
        });
        actions.push(sign_in(seat));
        all.push(Remedy::new(
            RemedyKind::DeleteLyncProfile,
            format!(
                "{} exits Lync on {}, deletes the Lync profile and signs in again",
                dir.name(seat.0),
                pc(seat.1)
            ),
            actions,
        ));
    }
    for (seat, _) in lab.faults() {
        // Both close Lync, delete the delegator's profile, reboot, both sign back in.
        let (delegator, computer) = seat;
        let delegates: Vec<UserIx> = lab
            .mailbox(delegator)
            .delegates
            .iter()
            .map(|d| d.user)
            .collect();
        let others: Vec<Seat> = signed_in
            .iter()
            .copied()
            .filter(|s| delegates.contains(&s.0))
            .collect();
        let mut actions = Vec::new();
        for &s in running.iter().filter(|s| **s == seat || others.contains(s)) {
            actions.push(exit_lync(s));
        }
        actions.push(Action::DeleteLyncProfile {
            user: id(delegator).as_str().into(),
            computer: pc(computer).as_str().into(),
        });
        actions.push(Action::Reboot {
            computer: pc(computer).as_str().into(),
        });
        actions.push(sign_in(seat));
        actions.extend(others.iter().map(|&s| sign_in(s)));
        actions.push(Action::StartOutlook {
            user: id(delegator).as_str().into(),
            computer: pc(computer).as_str().into(),
        });
        all.push(Remedy::new(
            RemedyKind::StuckSyncWorkaround,
            format!(
                "the stuck sync's workaround for {} on {}: both close Lync, delete {}'s Lync profile, reboot, both sign back in, Outlook started again",
                dir.name(delegator),
                pc(computer),
                dir.name(delegator)
            ),
            actions,
        ));
    }
    all.sort_by(|a, b| (a.kind, &a.what).cmp(&(b.kind, &b.what)));
    all.dedup_by(|a, b| a.kind == b.kind && a.what == b.what);
    all
}

/// What `Grant-Cs…Policy -PolicyName` takes to grant a policy: a tag's name, or `$null` for
/// Global (no grant: Global applies).
fn grant_name(identity: &str) -> &str {
    identity.strip_prefix("Tag:").unwrap_or("$null")
}

/// The diagnosis as text: the symptom today, then each fix with its rules, its commands and
/// clicks in scenario syntax and in words, and its case.
pub fn report(lab: &Lab, diagnosis: &Diagnosis) -> String {
    let mut out = String::new();
    out.push_str("The symptom today:\n");
    for c in &diagnosis.today {
        let mark = if c.passed { "holds" } else { "FAILS" };
        out.push_str(&format!(
            "  {mark}: expected {}; found {}\n",
            c.expected, c.found
        ));
    }
    if !diagnosis.symptom_present() {
        out.push_str("The symptom is not there: every expectation holds already.\n");
        return out;
    }
    if diagnosis.fixes.is_empty() {
        out.push_str(&format!(
            "No fix of up to {} remedies ({} sequences tried).\n",
            diagnosis.depth, diagnosis.tried
        ));
        return out;
    }
    out.push_str(&format!(
        "{} smallest fix{} ({} remed{} each; {} sequences tried):\n",
        diagnosis.fixes.len(),
        if diagnosis.fixes.len() == 1 { "" } else { "es" },
        diagnosis.depth,
        if diagnosis.depth == 1 { "y" } else { "ies" },
        diagnosis.tried
    ));
    for (i, fix) in diagnosis.fixes.iter().enumerate() {
        out.push_str(&format!(
            "\n{}. {} — {}\n",
            i + 1,
            fix.remedies
                .iter()
                .map(|r| r.what.as_str())
                .collect::<Vec<_>>()
                .join(", then "),
            fix.rules().join(", ")
        ));
        let mut lab = lab.clone();
        for remedy in &fix.remedies {
            out.push_str(&format!("   {}:\n", remedy));
            for action in &remedy.actions {
                let plain = action.plain(&lab);
                lab.apply(action);
                out.push_str(&format!("     {action}\n       ({plain})\n"));
                // The lab's own account of what it changed, and why.
                if let Some(entry) = lab.last_entry() {
                    for line in &entry.lines {
                        out.push_str(&format!("         {line}\n"));
                    }
                }
            }
            if let Some(case) = remedy.kind.case() {
                out.push_str(&format!("     the case: delegate-lab check {case}\n"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_listed_once_in_the_order_sequences_try_them() {
        let all = RemedyKind::all();
        assert!(all.windows(2).all(|w| w[0] < w[1]), "{all:?}");
        assert_eq!(all.first(), Some(&RemedyKind::EnableDelegateSync));
        assert_eq!(all.last(), Some(&RemedyKind::StuckSyncWorkaround));
        assert_eq!(markdown_table().lines().count(), 2 + all.len());
    }
}
