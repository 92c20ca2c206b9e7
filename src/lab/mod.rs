//! The lab model: plain data with no egui, no I/O, no wall clock and no randomness.
//!
//! Every change goes through [`Lab::apply`], which implements the behaviour rules B1–B11 of the
//! SPEC (each rule is named where it is implemented) and writes an event-log line saying what
//! changed and, where nothing happened, why.

pub mod action;
pub mod clock;
pub mod directory;
pub mod exchange;
pub mod install;
pub mod kept;
pub mod lync_client;
pub mod lync_server;
pub mod names;
pub mod policy;
pub mod registry;
pub mod rtc;
pub mod screen;
pub mod shell;
pub mod voice;
pub mod windows;

pub mod field_rules;
mod lync_rules;
pub mod outlook_rules;
mod plain;
mod voice_rules;
mod window_rules;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use action::{Action, Fault};
pub use clock::LabTime;
pub use directory::{ComputerIx, Directory, LabSpec, User, UserIx};
pub use exchange::{Level, MeetingRequestDelivery, Permissions};
pub use names::{
    ActorName, ComputerName, GroupName, NameKind, NameRef, Refers, RegistryValueName, UserName,
};
pub use policy::sync_setting;
pub use windows::{WindowClass, WindowName};

use exchange::{Mailbox, Meeting, OutlookSession};
use lync_client::{Banner, BannerKind, LyncClient};
use lync_server::{ContactGroup, LyncServer};
use registry::{DelegatorLists, Hive};
use screen::{Screen, WindowKind};

/// The version of the lab's rules. Raise it when a rule changes what an action does to the
/// lab, so sessions saved before are rebuilt by replay instead of refused for a different
/// fingerprint.
///
/// - 1: the first (sessions of formats 1 and 2; their fingerprint has no rules prefix).
/// - 2: opening and closing a window no longer moves the clock; `Wait` does.
/// - 3: Send and Lync Meeting check B2 again on another user's calendar; the Management
///   Shell prints every client-policy property, takes every Set-/New-CsClientPolicy
///   parameter, and points parameter errors at the parameter (what the console printed is
///   part of the lab, so a session that ran Get-CsClientPolicy is rebuilt, not refused).
/// - 4: the calendars opened with Open Shared Calendar come back when Outlook starts again
///   (the navigation pane's shortcuts live in the mailbox).
/// - 5: no window opened or closed moves the clock (Outlook's and Lync's main windows did).
/// - 6: Enterprise Voice (B12): voice policies read at sign-in gate the delegate sync (B5),
///   call delegates, forwarding and calls; back-end records say which route created them;
///   the field rules B13–B16 (client builds and editions, MAPI status, security groups).
/// - 7: the Management Shell's console keeps its last [`SHELL_SCROLLBACK`] lines, as a
///   console's scrollback does, instead of every printout forever. A lab whose console let
///   nothing go has the state it had under rules 6 ([`Lab::state_as_under`]).
pub const RULES: u32 = 7;

/// The Management Shell's console keeps this many lines — prompt lines and output, whole
/// commands, the newest command always whole — and says how much earlier output went: the
/// Windows PowerShell console's default screen buffer of 3,000 lines (a lab assumption for
/// the Lync Server Management Shell's shortcut, which starts PowerShell).
pub const SHELL_SCROLLBACK: usize = 3_000;

/// The event log keeps its newest entries up to this many lines in all (each entry's action,
/// outcome and explanations, and the Shell's printout): some 1,500 ordinary actions, or 60
/// Get-CsClientPolicy. Every copy of the lab keeps its own window of the log (a session keeps
/// up to 128 copies along its timeline), so this, not the session's length, bounds what the
/// logs hold. It is not part of the lab's state (nor of its fingerprint).
pub const LOG_KEPT_LINES: usize = 5_000;

/// A (user, computer) pair: whose HKCU, %LOCALAPPDATA% and applications on which machine.
pub type Seat = (UserIx, ComputerIx);

/// What an action came to, as the person doing it would see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Ok,
    /// An error with the exact text the real client shows (or, for lab preconditions, the
    /// lab's own explanation).
    Error {
        text: String,
    },
    /// Nothing happened at all: no dialog, no change (the event log says why).
    NoResponse,
}

impl Outcome {
    pub fn is_ok(&self) -> bool {
        matches!(self, Outcome::Ok)
    }
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Ok => f.write_str("ok"),
            Outcome::Error { text } => write!(f, "error: {text}"),
            Outcome::NoResponse => f.write_str("no response"),
        }
    }
}

/// One line of the event log: an applied action, its outcome, and what it changed or why
/// nothing changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LogEntry {
    /// 1-based number of the applied action.
    pub number: u32,
    pub time: LabTime,
    /// The action in scenario form (RON).
    pub action: String,
    /// The action in plain words ("User20 starts Outlook on USER20-PC").
    pub plain: String,
    /// Opening or closing a window: a UI gesture, which the event log can hide.
    pub gesture: bool,
    pub outcome: Outcome,
    pub lines: Vec<String>,
    /// What the Management Shell printed, for `Shell` actions.
    pub output: Vec<String>,
}

/// Why an action did not simply succeed.
#[derive(Debug)]
enum Refusal {
    /// A client refused with a message box (opened as a window for Outlook actions).
    Client(String),
    /// A lab precondition does not hold (nothing to click): an error, no window.
    Lab(String),
    /// The client does nothing at all; the string says why, for the log.
    Silent(String),
}

type Done = Result<(), Refusal>;

/// The stuck-sync fault on one client (B10), and how far the workaround has got.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StuckSync {
    pub profile_deleted: bool,
}

/// What the Management Shell has printed (W12).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ShellEntry {
    pub command: String,
    pub lines: Vec<shell::ShellLine>,
    /// `cls`: the console shows only what comes after this entry.
    pub clears: bool,
}

/// The prompt line with the command, and what it printed.
impl kept::Lines for ShellEntry {
    fn lines(&self) -> usize {
        1 + self.lines.len()
    }
}

/// The rows the event log shows (the action, its outcome, what it changed) and the Shell's
/// printout it keeps.
impl kept::Lines for LogEntry {
    fn lines(&self) -> usize {
        2 + self.lines.len() + self.output.len()
    }
}

/// Lines collected while applying one action.
#[derive(Default)]
struct Notes {
    lines: Vec<String>,
    output: Vec<String>,
}

impl Notes {
    fn say(&mut self, line: impl Into<String>) {
        self.lines.push(line.into());
    }
}

/// The whole lab: directory, Exchange, Lync Server, and every client, Outlook, hive and screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lab {
    /// The spec and the directory never change after [`Lab::new`] (but for Enterprise Voice
    /// flags, copied on write): shared, so copies of the lab (the session's checkpoints) stay
    /// small however many users the lab has.
    spec: Arc<LabSpec>,
    dir: Arc<Directory>,
    now: LabTime,
    steps: u32,
    mailboxes: Vec<Mailbox>,
    meetings: BTreeMap<u32, Meeting>,
    server: LyncServer,
    clients: BTreeMap<Seat, LyncClient>,
    outlook: BTreeMap<Seat, OutlookSession>,
    hives: BTreeMap<Seat, Hive>,
    screens: Vec<Screen>,
    faults: BTreeMap<Seat, StuckSync>,
    /// B14: clients whose MAPI is down by the lab fault MapiUnavailable.
    mapi_faults: BTreeSet<Seat>,
    /// What is installed on each computer (B13, B16), by computer index.
    installs: Vec<install::LyncInstall>,
    /// The last call placed (B12); it stops ringing at the next action.
    call: Option<voice::Call>,
    /// The console's scrollback ([`SHELL_SCROLLBACK`]). Shared with the labs this one was
    /// cloned from (the session's checkpoints): entries are written once and never change.
    shell_history: kept::Kept<ShellEntry>,
    next_meeting: u32,
    /// State of the lab's own deterministic generator (join URLs, conference ids).
    seed: u64,
    /// The newest entries ([`LOG_KEPT_LINES`]), shared like `shell_history`, so a clone of a
    /// long session's lab costs little.
    log: kept::Kept<LogEntry>,
}

impl Default for Lab {
    fn default() -> Self {
        Lab::new(LabSpec::contoso())
    }
}

impl Lab {
    /// A lab at 2014-07-07 09:00 with nobody signed in and nothing running. The spec should
    /// have no [`LabSpec::problems`]; duplicate names are resolved to the first.
    pub fn new(spec: LabSpec) -> Self {
        let dir = Directory::new(&spec);
        let installs = spec.computers.iter().map(|c| c.install()).collect();
        let screens = dir
            .computers()
            .map(|(c, _)| Screen {
                logged_on: dir.default_logon(c),
                windows: Vec::new(),
            })
            .collect();
        let hives = Self::starting_hives(&spec, &dir);
        Lab {
            mailboxes: vec![Mailbox::default(); dir.user_count()],
            server: LyncServer::new(&spec.client_policies, &spec.voice_policies),
            dir: Arc::new(dir),
            spec: Arc::new(spec),
            now: LabTime::START,
            steps: 0,
            meetings: BTreeMap::new(),
            clients: BTreeMap::new(),
            outlook: BTreeMap::new(),
            hives,
            screens,
            faults: BTreeMap::new(),
            mapi_faults: BTreeSet::new(),
            installs,
            call: None,
            shell_history: kept::Kept::new(SHELL_SCROLLBACK),
            next_meeting: 1,
            seed: 0x2014_0707_0900_0001,
            log: kept::Kept::new(LOG_KEPT_LINES),
        }
    }

    /// The hives the lab description lists (names it cannot find are left out: the spec
    /// should have no [`LabSpec::problems`]).
    fn starting_hives(spec: &LabSpec, dir: &Directory) -> BTreeMap<Seat, Hive> {
        let users = |names: &[String]| -> Vec<UserIx> {
            let mut found: Vec<UserIx> = Vec::new();
            for u in names.iter().filter_map(|n| dir.find_user(n)) {
                if !found.contains(&u) {
                    found.push(u);
                }
            }
            found
        };
        spec.registry
            .iter()
            .filter_map(|hive| {
                let seat = (
                    dir.find_user(&hive.user)?,
                    dir.find_computer(&hive.computer)?,
                );
                let lists = DelegatorLists {
                    last: users(&hive.last),
                    outstanding: users(&hive.outstanding),
                    dismissed: users(&hive.dismissed),
                };
                Some((
                    seat,
                    Hive {
                        delegator_lists: Some(lists),
                    },
                ))
            })
            .collect()
    }

    /// Applies one action — the only way anything in the lab changes.
    pub fn apply(&mut self, action: &Action) -> Outcome {
        // Opening or closing a window is a gesture, not a lab event: it moves no clock.
        // SPEC: opening or closing a window moves no clock (whatever it starts or ends).
        if !action.is_window_verb() {
            self.now = self.now.plus_minutes(1);
        }
        let gesture = action.is_window_gesture();
        self.steps += 1;
        let plain = action.plain(self);
        let mut notes = Notes::default();
        let result = self.dispatch(action, &mut notes);
        self.end_call(&mut notes);
        if matches!(action, Action::PlaceCall { .. }) && result.is_err() {
            // A refused call rang nobody: expectations about "the previous call" see that.
            self.call = None;
        }
        let outcome = match result {
            Ok(()) => Outcome::Ok,
            Err(Refusal::Client(text)) => {
                // Outlook shows its refusals in a message box over the window (W9).
                if let Some((user, computer)) = self.resolve_seat(action)
                    && self.outlook.contains_key(&(user, computer))
                {
                    self.screens[computer.0 as usize]
                        .open(user, WindowKind::MessageBox { text: text.clone() });
                }
                Outcome::Error { text }
            }
            Err(Refusal::Lab(text)) => Outcome::Error { text },
            Err(Refusal::Silent(why)) => {
                notes.say(why);
                Outcome::NoResponse
            }
        };
        self.log.push(Arc::new(LogEntry {
            number: self.steps,
            time: self.now,
            action: action.to_string(),
            plain,
            gesture,
            outcome: outcome.clone(),
            lines: notes.lines,
            output: notes.output,
        }));
        outcome
    }

    /// Writes the lab's state — everything but the event log, whose wording may change
    /// between versions — for a fingerprint.
    pub fn write_state(&self, out: &mut dyn std::fmt::Write) -> std::fmt::Result {
        let Lab {
            spec,
            dir,
            now,
            steps,
            mailboxes,
            meetings,
            server,
            clients,
            outlook,
            hives,
            screens,
            faults,
            mapi_faults,
            installs,
            call,
            shell_history,
            next_meeting,
            seed,
            log: _,
        } = self;
        write!(
            out,
            "{:?}",
            (
                (spec, dir, now, steps, mailboxes, meetings, server),
                (clients, outlook, hives, screens, faults, shell_history),
                (next_meeting, seed, call, mapi_faults, installs),
            )
        )
    }

    /// Moves the clock on by exactly `minutes` (a scenario's `Wait`): nothing runs on a timer
    /// yet, so nothing else changes.
    pub fn wait(&mut self, minutes: u32) {
        self.now = self.now.plus_minutes(minutes);
    }

    fn resolve_seat(&self, action: &Action) -> Option<Seat> {
        let (user, computer) = action.seat()?;
        Some((self.dir.find_user(user)?, self.dir.find_computer(computer)?))
    }

    #[warn(clippy::wildcard_enum_match_arm)]
    fn dispatch(&mut self, action: &Action, notes: &mut Notes) -> Done {
        use Action::*;
        match action {
            StartOutlook { user, computer } => {
                let seat = self.seat(user, computer)?;
                self.start_outlook(seat, notes)
            }
            CloseOutlook { user, computer } => {
                let seat = self.seat(user, computer)?;
                self.close_outlook(seat, notes)
            }
            SignIn { user, computer } => {
                let seat = self.seat(user, computer)?;
                self.sign_in(seat, notes)
            }
            SignOut { user, computer } => {
                let seat = self.seat(user, computer)?;
                self.sign_out(seat, notes)
            }
            ExitLync { user, computer } => {
                let seat = self.seat(user, computer)?;
                self.exit_lync(seat, notes)
            }
            AddDelegate {
                delegate,
                permissions,
                user,
                computer,
            } => {
                let seat = self.seat(user, computer)?;
                let delegate = self.user(delegate)?;
                self.add_delegate(seat, delegate, permissions, notes)
            }
            SetDelegatePermissions {
                delegate,
                permissions,
                user,
                computer,
            } => {
                let seat = self.seat(user, computer)?;
                let delegate = self.user(delegate)?;
                self.set_delegate_permissions(seat, delegate, permissions, notes)
            }
            RemoveDelegate {
                delegate,
                user,
                computer,
            } => {
                let seat = self.seat(user, computer)?;
                let delegate = self.user(delegate)?;
                self.remove_delegate(seat, delegate, notes)
            }
            SetMeetingRequestDelivery {
                deliver,
                user,
                computer,
            } => {
                let seat = self.seat(user, computer)?;
                self.set_meeting_request_delivery(seat, *deliver, notes)
            }
            OpenSharedCalendar {
                owner,
                user,
                computer,
            } => {
                let seat = self.seat(user, computer)?;
                let owner = self.shared_calendar_owner(seat, owner)?;
                self.open_shared_calendar(seat, owner, notes)
            }
            NewMeeting {
                owner,
                subject,
                attendees,
                user,
                computer,
            } => {
                let seat = self.seat(user, computer)?;
                let owner = self.person(owner)?;
                // Mail-enabled groups may be invited (their members get the request).
                let attendees = attendees
                    .iter()
                    .map(|a| self.user(a))
                    .collect::<Result<Vec<_>, _>>()?;
                self.new_meeting(seat, owner, subject, attendees, notes)
            }
            EditMeeting {
                subject,
                location,
                attendees,
                user,
                computer,
            } => {
                let seat = self.seat(user, computer)?;
                let attendees = attendees
                    .iter()
                    .map(|a| self.user(a))
                    .collect::<Result<Vec<_>, _>>()?;
                self.edit_meeting(seat, subject, location, attendees, notes)
            }
            AddLyncMeeting { user, computer } => {
                let seat = self.seat(user, computer)?;
                self.add_lync_meeting(seat, notes)
            }
            SendMeeting { user, computer } => {
                let seat = self.seat(user, computer)?;
                self.send_meeting(seat, notes)
            }
            DismissBanner {
                delegator,
                user,
                computer,
            } => {
                let seat = self.seat(user, computer)?;
                let delegator = self.person(delegator)?;
                self.dismiss_banner(seat, delegator, notes)
            }
            RemoveFromDelegatesGroup {
                delegate,
                user,
                computer,
            } => {
                let seat = self.seat(user, computer)?;
                let delegate = self.person(delegate)?;
                self.remove_from_delegates_group(seat, delegate, notes)
            }
            Shell { command } => self.run_shell(command, notes),
            DeleteLyncProfile { user, computer } => {
                let seat = self.seat(user, computer)?;
                self.delete_lync_profile(seat, notes)
            }
            Reboot { computer } => {
                let computer = self.computer(computer)?;
                self.reboot(computer, notes)
            }
            InjectFault(Fault::MapiUnavailable { user, computer }) => {
                let seat = self.seat(user, computer)?;
                self.inject_mapi_fault(seat, notes)
            }
            ClearFault(Fault::MapiUnavailable { user, computer }) => {
                let seat = self.seat(user, computer)?;
                self.clear_mapi_fault(seat, notes)
            }
            ClearFault(Fault::StuckSync { user, computer }) => {
                self.seat(user, computer)?;
                Err(Refusal::Lab(
                    "The stuck-sync fault has no ClearFault: it clears only through its workaround — close Lync, delete the delegator's Lync profile, reboot, sign in again (B10).".into(),
                ))
            }
            InstallLync {
                computer,
                edition,
                build,
            } => {
                let computer = self.computer(computer)?;
                self.install_lync(computer, *edition, build, notes)
            }
            InjectFault(Fault::StuckSync { user, computer }) => {
                let seat = self.seat(user, computer)?;
                self.faults.insert(seat, StuckSync::default());
                notes.say(format!(
                    "Lab fault: {}'s delegate sync is stuck on {} — its passes will mark delegates as published without the back-end write landing (B10).",
                    self.name(seat.0),
                    self.pc(seat.1)
                ));
                Ok(())
            }
            OpenWindow { computer, window } => {
                let computer = self.computer(computer)?;
                self.open_window(computer, window, notes)
            }
            LogOn { user, computer } => {
                let seat = self.seat(user, computer)?;
                let (user, computer) = seat;
                notes.say(format!(
                    "{} is logged on to {}; applications of other users there keep running.",
                    self.name(user),
                    self.pc(computer)
                ));
                Ok(())
            }
            CloseWindow { computer, window } => {
                let computer = self.computer(computer)?;
                self.close_window(computer, window, notes)
            }
            AddCallDelegate {
                delegate,
                user,
                computer,
            } => {
                let seat = self.seat(user, computer)?;
                let delegate = self.user(delegate)?;
                self.add_call_delegate(seat, delegate, notes)
            }
            RemoveCallDelegate {
                delegate,
                user,
                computer,
            } => {
                let seat = self.seat(user, computer)?;
                let delegate = self.user(delegate)?;
                self.remove_call_delegate(seat, delegate, notes)
            }
            SetReceiveCalls {
                delegate,
                receive,
                user,
                computer,
            } => {
                let seat = self.seat(user, computer)?;
                let delegate = self.user(delegate)?;
                self.set_receive_calls(seat, delegate, *receive, notes)
            }
            SetDelegateRingDelay {
                seconds,
                user,
                computer,
            } => {
                let seat = self.seat(user, computer)?;
                self.set_delegate_ring_delay(seat, *seconds, notes)
            }
            SetCallForwarding {
                forwarding,
                user,
                computer,
            } => {
                let seat = self.seat(user, computer)?;
                self.set_call_forwarding(seat, forwarding, notes)
            }
            PlaceCall {
                callee,
                user,
                computer,
            } => {
                let seat = self.seat(user, computer)?;
                let callee = self.person(callee)?;
                self.place_call(seat, callee, notes)
            }
        }
    }

    // ----- look-ups that refuse with a clear lab error -------------------------------------

    /// The seat of an action done by a user at a computer: they are the one logged on there
    /// now (lab assumption: switching users is implicit).
    fn seat(&mut self, user: &ActorName, computer: &ComputerName) -> Result<Seat, Refusal> {
        let seat = (self.person(user)?, self.computer(computer)?);
        self.screens[seat.1.0 as usize].logged_on = Some(seat.0);
        Ok(seat)
    }

    fn user(&self, name: &str) -> Result<UserIx, Refusal> {
        self.dir.find_user(name).ok_or_else(|| {
            Refusal::Lab(format!(
                "There is no user {name:?} in this lab (users: {}).",
                self.dir.user_list()
            ))
        })
    }

    /// A person, not a security group (B15): who acts, owns a calendar, is invited or called.
    fn person(&self, name: &str) -> Result<UserIx, Refusal> {
        let ix = self.user(name)?;
        if self.dir.is_group(ix) {
            return Err(Refusal::Lab(format!(
                "{} is a security group, not a person: it cannot do that here (B15). People: {}.",
                self.dir.name(ix),
                self.dir.people_list()
            )));
        }
        Ok(ix)
    }

    fn computer(&self, name: &str) -> Result<ComputerIx, Refusal> {
        self.dir.find_computer(name).ok_or_else(|| {
            Refusal::Lab(format!(
                "There is no computer {name:?} in this lab (computers: {}).",
                self.dir.computer_list()
            ))
        })
    }

    fn name(&self, user: UserIx) -> &str {
        self.dir.name(user)
    }

    fn pc(&self, computer: ComputerIx) -> &str {
        self.dir.computer(computer)
    }

    fn screen(&mut self, computer: ComputerIx) -> &mut Screen {
        &mut self.screens[computer.0 as usize]
    }

    fn next_random(&mut self) -> u64 {
        // SplitMix64: a fixed, documented generator whose state is part of the lab.
        self.seed = self.seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    // ----- read-only views for expectations, reports and windows ---------------------------

    pub fn directory(&self) -> &Directory {
        &self.dir
    }

    pub fn spec(&self) -> &LabSpec {
        &self.spec
    }

    pub fn now(&self) -> LabTime {
        self.now
    }

    /// Number of actions applied so far.
    pub fn steps(&self) -> u32 {
        self.steps
    }

    /// A copy of the newest log entry (what the last action came to).
    pub fn last_entry(&self) -> Option<LogEntry> {
        self.log.kept().last().map(|entry| (**entry).clone())
    }

    /// The event log's entries kept ([`LOG_KEPT_LINES`]), oldest first.
    pub fn log(&self) -> &[Arc<LogEntry>] {
        self.log.kept()
    }

    /// How many of the first actions' entries the event log no longer keeps.
    pub fn log_dropped(&self) -> u64 {
        self.log.dropped()
    }

    /// The event log's entry of action `number` (1-based), while it is kept.
    pub fn logged(&self, number: u32) -> Option<&LogEntry> {
        let index = u64::from(number).checked_sub(self.log.dropped() + 1)?;
        self.log()
            .get(usize::try_from(index).ok()?)
            .map(|entry| &**entry)
    }

    /// Whether this lab's state — what its fingerprint hashes — is what it was under an
    /// earlier version of the lab's rules, so a fingerprint saved under those still says
    /// whether a replay agrees: under rules 6 the console kept everything, so a lab whose
    /// console let nothing go is the same.
    pub fn state_as_under(&self, rules: u32) -> bool {
        rules == RULES || (rules == 6 && self.shell_history.dropped() == 0)
    }

    pub fn server(&self) -> &LyncServer {
        &self.server
    }

    pub fn mailbox(&self, user: UserIx) -> &Mailbox {
        &self.mailboxes[user.0 as usize]
    }

    pub fn meeting(&self, id: u32) -> Option<&Meeting> {
        self.meetings.get(&id)
    }

    pub fn client(&self, seat: Seat) -> Option<&LyncClient> {
        self.clients.get(&seat)
    }

    pub fn clients(&self) -> impl Iterator<Item = (Seat, &LyncClient)> {
        self.clients.iter().map(|(&seat, client)| (seat, client))
    }

    pub fn outlook(&self, seat: Seat) -> Option<&OutlookSession> {
        self.outlook.get(&seat)
    }

    pub fn outlook_sessions(&self) -> impl Iterator<Item = (Seat, &OutlookSession)> {
        self.outlook.iter().map(|(&seat, s)| (seat, s))
    }

    pub fn hive(&self, seat: Seat) -> Option<&Hive> {
        self.hives.get(&seat)
    }

    pub fn delegator_lists(&self, seat: Seat) -> Option<&DelegatorLists> {
        self.hives.get(&seat)?.delegator_lists.as_ref()
    }

    pub fn hives(&self) -> impl Iterator<Item = (Seat, &Hive)> {
        self.hives.iter().map(|(&seat, h)| (seat, h))
    }

    pub fn screen_of(&self, computer: ComputerIx) -> &Screen {
        &self.screens[computer.0 as usize]
    }

    /// The Lync installed on a computer now (B13, B16).
    pub fn install(&self, computer: ComputerIx) -> &install::LyncInstall {
        &self.installs[computer.0 as usize]
    }

    /// Clients whose MAPI the lab keeps down (B14).
    pub fn mapi_faults(&self) -> impl Iterator<Item = Seat> + '_ {
        self.mapi_faults.iter().copied()
    }

    pub fn faults(&self) -> impl Iterator<Item = (Seat, &StuckSync)> {
        self.faults.iter().map(|(&seat, f)| (seat, f))
    }

    /// The last call placed, ringing or not (B12).
    pub fn last_call(&self) -> Option<&voice::Call> {
        self.call.as_ref()
    }

    /// The call ringing now, if any: it ends at the next action (B12).
    pub fn ringing_call(&self) -> Option<&voice::Call> {
        self.call.as_ref().filter(|c| c.active)
    }

    /// The front-end pool's FQDN (`lync-fe01.contoso.com`, lab assumption): the front-end
    /// server's name in the lab's domain.
    pub fn front_end_pool(&self) -> String {
        self.dir
            .front_end()
            .map(|c| {
                format!(
                    "{}.{}",
                    self.dir.computer(c).to_lowercase(),
                    self.dir.domain
                )
            })
            .unwrap_or_default()
    }

    /// A user's LineURI: set with Set-CsUser -LineURI, else the lab's default for an EV user.
    pub fn line_uri(&self, user: UserIx) -> Option<String> {
        match self.server.line_uris.get(&user) {
            Some(uri) => Some(uri.clone()),
            None => self
                .dir
                .user(user)
                .enterprise_voice
                .then(|| voice::default_line_uri(user)),
        }
    }

    /// The Management Shell's scrollback: the commands kept ([`SHELL_SCROLLBACK`]), oldest
    /// first.
    pub fn shell_history(&self) -> &[Arc<ShellEntry>] {
        self.shell_history.kept()
    }

    /// How many lines of earlier output the console no longer keeps.
    pub fn shell_dropped_lines(&self) -> u64 {
        self.shell_history.dropped_lines()
    }

    pub fn signed_in(&self, seat: Seat) -> bool {
        self.clients.get(&seat).is_some_and(|c| c.signed_in)
    }

    /// The banners a signed-in client shows, "added" ones first (B7). Empty when signed out.
    pub fn banners(&self, seat: Seat) -> Vec<Banner> {
        // Lync Basic shows no delegate banners (B16).
        let Some(client) = self.clients.get(&seat).filter(|c| c.is_full()) else {
            return Vec::new();
        };
        let outstanding = self
            .delegator_lists(seat)
            .map(|l| l.outstanding.as_slice())
            .unwrap_or_default();
        let reshown = client
            .reshown_banners
            .iter()
            .filter(|d| !outstanding.contains(d));
        let added = outstanding.iter().chain(reshown).map(|&delegator| Banner {
            kind: BannerKind::Added,
            delegator,
        });
        let removed = client.removal_banners.iter().map(|&delegator| Banner {
            kind: BannerKind::Removed,
            delegator,
        });
        added.chain(removed).collect()
    }

    pub fn banner_text(&self, banner: &Banner) -> String {
        banner.text(self.name(banner.delegator))
    }

    /// The contact list a signed-in client shows (B6), or None when it is not signed in.
    /// Favorites starts empty and Other Contacts holds everyone else in the lab (lab
    /// assumption); "Delegates" and "People I Manage Calls For" come from the back-end records
    /// and exist only while they have members. A delegate removed from "Delegates" in this
    /// client is hidden at once, before its record goes (B9).
    pub fn contact_groups(&self, seat: Seat) -> Option<Vec<ContactGroup>> {
        let client = self.clients.get(&seat).filter(|c| c.signed_in)?;
        let (user, _) = seat;
        let mut groups = vec![
            ContactGroup {
                name: lync_server::FAVORITES,
                members: Vec::new(),
            },
            ContactGroup {
                name: lync_server::OTHER_CONTACTS,
                members: self
                    .dir
                    .users()
                    .map(|(u, _)| u)
                    .filter(|&u| u != user)
                    .collect(),
            },
        ];
        if !client.is_full() {
            // Lync Basic has no delegate groups (B16).
            return Some(groups);
        }
        let mut delegates = self.server.delegates_of(user);
        delegates.retain(|d| !client.pending_removals().any(|p| p == *d));
        if !delegates.is_empty() {
            groups.push(ContactGroup {
                name: lync_server::DELEGATES,
                members: delegates,
            });
        }
        let delegators = self.server.delegators_of(user);
        if !delegators.is_empty() {
            groups.push(ContactGroup {
                name: lync_server::PEOPLE_I_MANAGE_CALLS_FOR,
                members: delegators,
            });
        }
        Some(groups)
    }

    /// Presence as the lab shows it: Available while signed in anywhere, else Offline.
    pub fn presence(&self, user: UserIx) -> Presence {
        let signed_in = self
            .clients
            .range((user, ComputerIx(0))..=(user, ComputerIx(u16::MAX)))
            .any(|(_, c)| c.signed_in);
        if signed_in {
            Presence::Available
        } else {
            Presence::Offline
        }
    }

    /// The Lync clients of one user, computer by computer.
    fn clients_of(&self, user: UserIx) -> Vec<ComputerIx> {
        self.clients
            .range((user, ComputerIx(0))..=(user, ComputerIx(u16::MAX)))
            .map(|(&(_, c), _)| c)
            .collect()
    }
}

/// Lync presence states the lab uses (colours in SPEC W).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Presence {
    Available,
    Away,
    Busy,
    Offline,
}
