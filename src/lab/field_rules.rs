//! The documented ways delegation fails in the field: client builds and the KB3114502 notice
//! (B13), MAPI status (B14), and the Lync edition (B16). Security groups (B15) live with
//! Outlook's delegates and the sync pass they affect.

use super::install::{Build, LyncEdition, LyncInstall};
use super::{ComputerIx, Done, Lab, Notes, Refusal, Seat, UserIx};

/// The limit once KB3114502's fix is in (B13), in Microsoft's words.
pub const DELEGATION_THRESHOLD: &str =
    "Delegation doesn't work if the threshold of 25 delegators and 25 delegates is exceeded.";
/// Delegates per delegator and delegators per delegate the server accepts (B13).
pub const MAX_DELEGATION: usize = 25;

/// Configuration Information's MAPI line while MAPI is up (B14, exact).
pub const MAPI_OK: &str = "MAPI Status OK";
/// And while it is not (B14, exact).
pub const MAPI_UNAVAILABLE: &str = "Lync is in the process of connecting to the Exchange server. This process may take a few minutes. Some features will not be available until the connection is complete.;MAPI unavailable; retrying connection;";

/// Microsoft's words for Lync Basic (B16).
pub const BASIC_HAS_NO_DELEGATION: &str = "Lync Basic does not include any Delegate functionality";

impl Lab {
    /// B14: MAPI is up for a client while the user's Outlook runs on that computer and the
    /// lab's MapiUnavailable fault is not set there.
    pub fn mapi_ok(&self, seat: Seat) -> bool {
        self.outlook.contains_key(&seat) && !self.mapi_faults.contains(&seat)
    }

    /// Configuration Information's "MAPI Information" value (B14).
    pub fn mapi_status(&self, seat: Seat) -> &'static str {
        if self.mapi_ok(seat) {
            MAPI_OK
        } else {
            MAPI_UNAVAILABLE
        }
    }

    /// Why MAPI is down for a client, for the log; None while it is up.
    pub(super) fn mapi_blocker(&self, seat: Seat) -> Option<String> {
        let (name, pc) = (self.name(seat.0), self.pc(seat.1));
        if !self.outlook.contains_key(&seat) {
            return Some(format!(
                "{name}'s Outlook is not running on {pc} (the sync reads delegates through MAPI, so Outlook must be open on the delegator's computer)"
            ));
        }
        if self.mapi_faults.contains(&seat) {
            return Some(format!(
                "MAPI is unavailable for {name}'s Lync on {pc} — Configuration Information shows \"{MAPI_UNAVAILABLE}\" (lab fault MapiUnavailable; in the field: the SIP and SMTP addresses differ) (B14)"
            ));
        }
        None
    }

    pub(super) fn inject_mapi_fault(&mut self, seat: Seat, notes: &mut Notes) -> Done {
        if !self.mapi_faults.insert(seat) {
            notes.say(format!(
                "The MapiUnavailable fault is already set for {} on {}; nothing changes.",
                self.name(seat.0),
                self.pc(seat.1)
            ));
            return Ok(());
        }
        notes.say(format!(
            "Lab fault: MAPI is unavailable for {}'s Lync on {} — no delegate sync pass runs there until it is cleared (B14).",
            self.name(seat.0),
            self.pc(seat.1)
        ));
        Ok(())
    }

    /// B14: MAPI comes up at once, and the retrying client runs a pass if B5 lets it.
    pub(super) fn clear_mapi_fault(&mut self, seat: Seat, notes: &mut Notes) -> Done {
        if !self.mapi_faults.remove(&seat) {
            return Err(Refusal::Lab(format!(
                "There is no MapiUnavailable fault for {} on {}.",
                self.name(seat.0),
                self.pc(seat.1)
            )));
        }
        notes.say(format!(
            "Lab fault cleared: MAPI can connect for {}'s Lync on {}{} (B14).",
            self.name(seat.0),
            self.pc(seat.1),
            if self.mapi_ok(seat) {
                format!(" — Configuration Information shows \"{MAPI_OK}\"")
            } else {
                ", once Outlook runs there".to_owned()
            }
        ));
        if self.signed_in(seat) {
            self.sync_if_possible(seat, notes);
        }
        Ok(())
    }

    /// B13, B16: another edition or build; refused while Lync runs there for anyone.
    pub(super) fn install_lync(
        &mut self,
        computer: ComputerIx,
        edition: LyncEdition,
        build: &str,
        notes: &mut Notes,
    ) -> Done {
        let build = Build(build.trim().to_owned());
        if !build.is_valid() {
            return Err(Refusal::Lab(format!(
                "{:?} is not a Lync 2013 build (15.0.x.y, such as {}).",
                build.0,
                super::install::FIXED_BUILD
            )));
        }
        let running: Vec<String> = self
            .clients
            .iter()
            .filter(|((_, c), client)| *c == computer && client.running)
            .map(|((u, _), _)| self.name(*u).to_owned())
            .collect();
        if !running.is_empty() {
            return Err(Refusal::Lab(format!(
                "Setup cannot continue while Lync is running on {} (for {}): exit Lync first (lab wording).",
                self.pc(computer),
                running.join(", ")
            )));
        }
        let before = self.installs[computer.0 as usize].clone();
        let after = LyncInstall { edition, build };
        notes.say(format!(
            "{}: {} {} replaced by {} {}; every user's Lync profile and registry values stay; it applies from each user's next sign-in (B13, B16).",
            self.pc(computer),
            before.edition,
            before.build,
            after.edition,
            after.build
        ));
        if !after.build.has_delegate_notice_fix() {
            notes.say(format!(
                "This build predates {}: a delegate with more than two delegators sees dismissed delegate notices again at sign-in (KB3114502, B13).",
                super::install::FIXED_BUILD
            ));
        }
        if !edition.is_full() {
            notes.say(format!(
                "\"{BASIC_HAS_NO_DELEGATION}\" (B16): no Delegates groups, banners, sync passes, Call Forwarding or calls for others on this computer."
            ));
        }
        self.installs[computer.0 as usize] = after;
        Ok(())
    }

    /// B13: a build without KB3114502's fix shows, at sign-in, the "added" notice again for
    /// every dismissed delegator of a delegate with more than two.
    pub(super) fn reshow_dismissed_notices(&mut self, seat: Seat, notes: &mut Notes) {
        let Some(client) = self.clients.get(&seat) else {
            return;
        };
        let fixed = client
            .install_read
            .as_ref()
            .is_none_or(|i| i.build.has_delegate_notice_fix());
        let delegators = self.server.delegators_of(seat.0);
        if fixed || delegators.len() <= 2 || !client.is_full() {
            return;
        }
        let dismissed: Vec<UserIx> = self
            .delegator_lists(seat)
            .map(|l| l.dismissed.clone())
            .unwrap_or_default();
        let shown: Vec<UserIx> = delegators
            .into_iter()
            .filter(|d| dismissed.contains(d))
            .collect();
        if shown.is_empty() {
            return;
        }
        let names: Vec<&str> = shown.iter().map(|&d| self.name(d)).collect();
        notes.say(format!(
            "{}'s Lync on {} (build {}) is a delegate for more than two delegators: it shows \"You were added as a delegate for …\" again for {} although dismissed — their SIP URIs are in both Dismissed DelegatorList and Last DelegatorList (KB3114502: \"Lync and Skype for Business are limited by design in the number of delegators or delegates that exceed specific thresholds\"; fixed in {}) (B13).",
            self.name(seat.0),
            self.pc(seat.1),
            self.clients[&seat]
                .install_read
                .as_ref()
                .map(|i| i.build.to_string())
                .unwrap_or_default(),
            names.join(", "),
            super::install::FIXED_BUILD
        ));
        self.client_mut(seat).reshown_banners = shown;
    }

    /// B13: the server refuses a record beyond 25 delegates or 25 delegators.
    pub(super) fn over_delegation_limit(
        &self,
        delegator: UserIx,
        delegate: UserIx,
    ) -> Option<String> {
        let delegates = self.server.delegates_of(delegator).len();
        let delegators = self.server.delegators_of(delegate).len();
        if delegates < MAX_DELEGATION && delegators < MAX_DELEGATION {
            return None;
        }
        Some(format!(
            "the server refuses the record {} → {}: {} has {delegates} delegates and {} has {delegators} delegators — \"{DELEGATION_THRESHOLD}\" (B13)",
            self.name(delegator),
            self.name(delegate),
            self.name(delegator),
            self.name(delegate)
        ))
    }
}
