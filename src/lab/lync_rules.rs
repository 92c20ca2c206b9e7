//! Lync rules: B4 (policy read at sign-in), B5 (delegate sync), B6 (groups), B7 (banners and
//! registry), B9 (cleanup), B10 (profile, reboot, stuck sync) — and the windows on a screen.

use super::lync_client::{LyncClient, PolicyReading, VoiceReading};
use super::lync_server::{RecordOrigin, RecordRoute};
use super::policy::sync_setting;
use super::registry::DelegatorListValue;
use super::screen::WindowKind;
use super::windows::App;
use super::{ComputerIx, Done, Lab, Notes, Refusal, Seat, ShellEntry, UserIx};

impl Lab {
    pub(super) fn client_mut(&mut self, seat: Seat) -> &mut LyncClient {
        self.clients.entry(seat).or_default()
    }

    /// Lync runs for the user there, signed in or not (its notification-area icon is there).
    pub(super) fn lync_running(&self, seat: Seat) -> bool {
        self.clients.get(&seat).is_some_and(|c| c.running)
    }

    pub(super) fn require_signed_in(&self, seat: Seat) -> Done {
        if self.signed_in(seat) {
            Ok(())
        } else {
            Err(Refusal::Lab(format!(
                "{}'s Lync is not signed in on {}.",
                self.name(seat.0),
                self.pc(seat.1)
            )))
        }
    }

    /// Sign-in (B4, B5, B7, B9): read the policy, finish pending removals, learn delegators,
    /// run a sync pass.
    pub(super) fn sign_in(&mut self, seat: Seat, notes: &mut Notes) -> Done {
        let (user, computer) = seat;
        if self.signed_in(seat) {
            return Err(Refusal::Lab(format!(
                "{} is already signed in to Lync on {}.",
                self.name(user),
                self.pc(computer)
            )));
        }
        let policy = self.server.effective_policy(user);
        let reading = PolicyReading {
            identity: policy.identity.clone(),
            enable_exchange_delegate_sync: policy.enable_exchange_delegate_sync,
        };
        let voice_policy = self.server.voice.effective(user);
        let voice = VoiceReading {
            identity: voice_policy.identity.clone(),
            enable_delegation: voice_policy.enable_delegation,
            enterprise_voice: self.dir.user(user).enterprise_voice,
        };
        let install = self.installs[computer.0 as usize].clone();
        notes.say(format!(
            "{} signed in to {} (build {}) on {}; the client read client policy {} (EnableExchangeDelegateSync {}) (B4) and voice policy {} (EnableDelegation {}); {} (B12).",
            self.name(user),
            install.edition,
            install.build,
            self.pc(computer),
            reading.identity,
            sync_setting(reading.enable_exchange_delegate_sync),
            voice.identity,
            crate::lab::voice::bool_text(voice.enable_delegation),
            if voice.enterprise_voice {
                "Enterprise Voice enabled: the Phone tab and Call Forwarding are there"
            } else {
                "not enabled for Enterprise Voice"
            }
        ));
        let client = self.client_mut(seat);
        client.running = true;
        client.signed_in = true;
        client.policy_read = Some(reading);
        client.voice_read = Some(voice);
        client.install_read = Some(install.clone());
        let pending: Vec<UserIx> = client
            .profile
            .get_or_insert_default()
            .pending_removals
            .iter()
            .copied()
            .collect();
        let screen = self.screen(computer);
        if !screen.has(user, &WindowKind::LyncMain) {
            screen.open(user, WindowKind::LyncMain);
        }
        // B9: removals made in the Delegates group reach the back end at this sign-in.
        for delegate in pending {
            if let Some(profile) = self.client_mut(seat).profile.as_mut() {
                profile.pending_removals.remove(&delegate);
            }
            if self.server.delete_record(user, delegate) {
                notes.say(format!(
                    "Back end: the delegate record {} → {} was deleted at this sign-in (B9).",
                    self.name(user),
                    self.name(delegate)
                ));
                self.record_changed(user, delegate, notes);
            }
        }
        if install.edition.is_full() {
            self.learn_delegators(seat, notes);
            self.reshow_dismissed_notices(seat, notes);
        } else {
            notes.say(format!(
                "\"{}\" (B16): no Delegates or People I Manage Calls For groups, no delegate banners or registry updates, no delegate sync from this client.",
                super::field_rules::BASIC_HAS_NO_DELEGATION
            ));
        }
        self.sync_if_possible(seat, notes);
        Ok(())
    }

    pub(super) fn sign_out(&mut self, seat: Seat, notes: &mut Notes) -> Done {
        self.require_signed_in(seat)?;
        self.end_session(seat);
        notes.say(format!(
            "{} signed out of Lync on {}; Lync shows its sign-in page.",
            self.name(seat.0),
            self.pc(seat.1)
        ));
        Ok(())
    }

    pub(super) fn end_session(&mut self, seat: Seat) {
        // Lync's dialogs go with the session.
        self.close_session_windows(seat, App::Lync);
        let client = self.client_mut(seat);
        client.signed_in = false;
        client.policy_read = None;
        client.voice_read = None;
        client.install_read = None;
        client.reshown_banners.clear();
        client.removal_banners.clear();
    }

    pub(super) fn exit_lync(&mut self, seat: Seat, notes: &mut Notes) -> Done {
        let (user, computer) = seat;
        if !self.lync_running(seat) {
            return Err(Refusal::Lab(format!(
                "Lync is not running for {} on {}.",
                self.name(user),
                self.pc(computer)
            )));
        }
        self.end_lync(seat, notes);
        Ok(())
    }

    pub(super) fn end_lync(&mut self, seat: Seat, notes: &mut Notes) {
        let (user, computer) = seat;
        let was_signed_in = self.signed_in(seat);
        self.end_session(seat);
        self.client_mut(seat).running = false;
        self.close_app_windows(seat, App::Lync);
        notes.say(format!(
            "{}'s Lync on {} exited{}.",
            self.name(user),
            self.pc(computer),
            if was_signed_in { " (signed out)" } else { "" }
        ));
    }

    // ----- B5: delegate sync ----------------------------------------------------------------

    /// Why this client cannot run a sync pass now, or None when it can (B5).
    fn sync_blocker(&self, seat: Seat) -> Option<String> {
        let (user, computer) = seat;
        let (name, pc) = (self.name(user), self.pc(computer));
        let client = self.clients.get(&seat).filter(|c| c.signed_in);
        let Some(client) = client else {
            return Some(format!("{name}'s Lync is not signed in on {pc}"));
        };
        if !client.is_full() {
            return Some(format!(
                "{name}'s Lync on {pc} is Lync Basic 2013 — \"{}\" (B16)",
                super::field_rules::BASIC_HAS_NO_DELEGATION
            ));
        }
        let reading = client.policy_read.as_ref()?;
        if !reading.syncs_delegates() {
            return Some(format!(
                "the client policy {name}'s Lync read at sign-in on {pc} ({}) has EnableExchangeDelegateSync {}{} — a changed policy takes effect only at the next sign-in (B4)",
                reading.identity,
                sync_setting(reading.enable_exchange_delegate_sync),
                if reading.enable_exchange_delegate_sync.is_none() {
                    ", which behaves as False"
                } else {
                    ""
                }
            ));
        }
        if let Some(voice) = client.voice_read.as_ref()
            && !voice.enable_delegation
        {
            return Some(format!(
                "the voice policy {name}'s Lync read at sign-in on {pc} ({}) has EnableDelegation False — \"The Lync 2013 (Skype for Business) client can add you as a delegate only if both the EnableExchangeDelegateSync parameter of the delegator's client policy and the EnableDelegation parameter of the delegator's voice policy are set to $True.\" (KB: No delegation relationship in Lync 2013); a changed policy takes effect only at the next sign-in",
                voice.identity
            ));
        }
        self.mapi_blocker(seat)
    }

    /// Delegates with Calendar Author or Editor that this client has not published.
    fn unpublished(&self, seat: Seat) -> Vec<UserIx> {
        let published = self
            .clients
            .get(&seat)
            .and_then(|c| c.profile.as_ref())
            .map(|p| &p.published);
        self.mailbox(seat.0)
            .delegates
            .iter()
            .filter(|d| d.permissions.calendar.can_create() && !self.dir.is_group(d.user))
            .map(|d| d.user)
            .filter(|d| !published.is_some_and(|p| p.contains(d)))
            .collect()
    }

    /// Security groups among a delegator's Author/Editor delegates: a pass skips them (B15).
    fn group_delegates(&self, user: UserIx) -> Vec<UserIx> {
        self.mailbox(user)
            .delegates
            .iter()
            .filter(|d| d.permissions.calendar.can_create() && self.dir.is_group(d.user))
            .map(|d| d.user)
            .collect()
    }

    /// Runs a pass on this client when B5's conditions hold; otherwise says why, if there was
    /// anything to publish.
    pub(super) fn sync_if_possible(&mut self, seat: Seat, notes: &mut Notes) {
        match self.sync_blocker(seat) {
            None => self.sync_pass(seat, notes),
            Some(why) => {
                if !self.unpublished(seat).is_empty() && self.signed_in(seat) {
                    notes.say(format!("No delegate sync (B5): {why}."));
                }
            }
        }
    }

    /// The delegator's delegate list changed: every client of theirs where B5's conditions
    /// hold runs a pass.
    pub(super) fn delegate_list_changed(&mut self, user: UserIx, notes: &mut Notes) {
        let computers = self.clients_of(user);
        let mut ran = false;
        let mut reasons = Vec::new();
        for computer in computers {
            let seat = (user, computer);
            if !self.signed_in(seat) {
                continue;
            }
            match self.sync_blocker(seat) {
                None => {
                    self.sync_pass(seat, notes);
                    ran = true;
                }
                Some(why) => reasons.push(why),
            }
        }
        if !ran {
            let has_work = self
                .mailbox(user)
                .delegates
                .iter()
                .any(|d| d.permissions.calendar.can_create());
            if has_work {
                if reasons.is_empty() {
                    reasons.push(format!(
                        "{}'s Lync is not signed in on any computer",
                        self.name(user)
                    ));
                }
                notes.say(format!(
                    "No delegate sync to the Lync back end (B5): {}.",
                    reasons.join("; ")
                ));
            }
        }
    }

    /// One sync pass of the delegator's client (B5; B10 for the stuck-sync fault).
    fn sync_pass(&mut self, seat: Seat, notes: &mut Notes) {
        let (user, computer) = seat;
        let current: Vec<UserIx> = self
            .mailbox(user)
            .delegates
            .iter()
            .map(|d| d.user)
            .collect();
        let to_publish = self.unpublished(seat);
        let stuck = self.faults.contains_key(&seat);
        let profile = self.client_mut(seat).profile.get_or_insert_default();
        let forgotten: Vec<UserIx> = profile
            .published
            .iter()
            .copied()
            .filter(|d| !current.contains(d))
            .collect();
        for d in &forgotten {
            profile.published.remove(d);
        }
        profile.published.extend(to_publish.iter().copied());
        let (name, pc) = (self.name(user).to_owned(), self.pc(computer).to_owned());
        for group in self.group_delegates(user) {
            notes.say(format!(
                "Delegate sync on {pc}: the security group {} is skipped and no record is made for it or its members — \"Creating a security group and adding delegation permissions for that security group isn't supported.\" (B15)",
                self.name(group)
            ));
        }
        for d in forgotten {
            notes.say(format!(
                "Delegate sync on {pc}: {name}'s Lync profile forgets {}, no longer an Outlook delegate; the back end is not touched (B5).",
                self.name(d)
            ));
        }
        if to_publish.is_empty() {
            if current.is_empty() {
                return;
            }
            notes.say(format!(
                "Delegate sync pass by {name}'s Lync on {pc}: nothing new to publish."
            ));
            return;
        }
        for delegate in to_publish {
            if stuck {
                notes.say(format!(
                    "Delegate sync on {pc}: {} marked as published in {name}'s Lync profile, but the back-end write did not land (lab fault: stuck sync, B10).",
                    self.name(delegate)
                ));
                continue;
            }
            if let Some(why) = self.over_delegation_limit(user, delegate) {
                // Refused, so not published: a later pass tries again (lab assumption).
                if let Some(profile) = self.client_mut(seat).profile.as_mut() {
                    profile.published.remove(&delegate);
                }
                notes.say(format!(
                    "Delegate sync on {pc}: {why}; {} stays unpublished and a later pass tries again (lab assumption).",
                    self.name(delegate)
                ));
                continue;
            }
            let origin = RecordOrigin {
                created: self.now,
                action_number: self.steps,
                route: RecordRoute::OutlookSync { user, computer },
            };
            if self.server.create_record(user, delegate, origin) {
                notes.say(format!(
                    "Back end: delegate record {name} → {} created by the delegate sync of {name}'s Lync on {pc} (B5).",
                    self.name(delegate)
                ));
                self.record_changed(user, delegate, notes);
            } else {
                notes.say(format!(
                    "Delegate sync on {pc}: the back end already has the record {name} → {}; it is remembered as published.",
                    self.name(delegate)
                ));
            }
        }
    }

    /// A record was created or deleted: groups follow (B6) and the delegate's signed-in
    /// clients learn their delegators at once (B7).
    pub(super) fn record_changed(
        &mut self,
        delegator: UserIx,
        delegate: UserIx,
        notes: &mut Notes,
    ) {
        let exists = self.server.record(delegator, delegate).is_some();
        let (a, b) = (
            self.name(delegator).to_owned(),
            self.name(delegate).to_owned(),
        );
        if exists {
            notes.say(format!(
                "Contact lists: {a}'s group \"Delegates\" holds {b}; {b}'s group \"People I Manage Calls For\" holds {a} (B6)."
            ));
        } else {
            notes.say(format!(
                "Contact lists: {b} left {a}'s group \"Delegates\" and {a} left {b}'s group \"People I Manage Calls For\" (B6)."
            ));
            self.last_delegate_gone(delegator, notes);
        }
        for computer in self.clients_of(delegate) {
            // B6 and B7 apply to Full clients only (B16).
            if self.clients[&(delegate, computer)].is_full() {
                self.learn_delegators((delegate, computer), notes);
            }
        }
    }

    /// B7: a signed-in client learns its delegators and updates its registry and banners.
    fn learn_delegators(&mut self, seat: Seat, notes: &mut Notes) {
        let (user, computer) = seat;
        let current = self.server.delegators_of(user);
        let lists = self
            .hives
            .entry(seat)
            .or_default()
            .delegator_lists
            .get_or_insert_default();
        let before = lists.clone();
        let learned = lists.learn(&current);
        let after = lists.clone();
        let client = self.client_mut(seat);
        client.removal_banners.retain(|d| !current.contains(d));
        client.reshown_banners.retain(|d| current.contains(d));
        for &d in &learned.removed {
            if !client.removal_banners.contains(&d) {
                client.removal_banners.push(d);
            }
        }
        let pc = self.pc(computer).to_owned();
        for d in &learned.newly_outstanding {
            notes.say(format!(
                "{}'s Lync on {pc} shows the banner \"You were added as a delegate for {}\" (B7).",
                self.name(user),
                self.name(*d)
            ));
        }
        for d in &learned.removed {
            notes.say(format!(
                "{}'s Lync on {pc} shows the banner \"You were removed as a delegate for {}\" (B7).",
                self.name(user),
                self.name(*d)
            ));
        }
        for value in DelegatorListValue::ALL {
            if before.get(value) != after.get(value) {
                notes.say(format!(
                    "Registry of {} on {pc}: {} = {:?} (B7).",
                    self.name(user),
                    value.name(),
                    self.registry_text(after.get(value))
                ));
            }
        }
    }

    /// SIP URIs joined by `;` as the registry value holds them (lab assumption).
    pub fn registry_text(&self, users: &[UserIx]) -> String {
        users
            .iter()
            .map(|&u| self.dir.sip_uri(u))
            .collect::<Vec<_>>()
            .join(";")
    }

    /// B7: the banner's X.
    pub(super) fn dismiss_banner(
        &mut self,
        seat: Seat,
        delegator: UserIx,
        notes: &mut Notes,
    ) -> Done {
        let (user, computer) = seat;
        self.require_signed_in(seat)?;
        let client = self.client_mut(seat);
        if let Some(pos) = client.reshown_banners.iter().position(|&d| d == delegator) {
            client.reshown_banners.remove(pos);
            notes.say(format!(
                "{} closed the re-shown banner for {} on {}: it is hidden until the next sign-in; the registry does not change (KB3114502, B13).",
                self.name(user),
                self.name(delegator),
                self.pc(computer)
            ));
            return Ok(());
        }
        if let Some(pos) = client.removal_banners.iter().position(|&d| d == delegator) {
            client.removal_banners.remove(pos);
            notes.say(format!(
                "{} closed the banner \"You were removed as a delegate for {}\" on {}.",
                self.name(user),
                self.name(delegator),
                self.pc(computer)
            ));
            return Ok(());
        }
        let dismissed = self
            .hives
            .get_mut(&seat)
            .and_then(|h| h.delegator_lists.as_mut())
            .is_some_and(|l| l.dismiss(delegator));
        if !dismissed {
            return Err(Refusal::Lab(format!(
                "{}'s Lync on {} shows no banner for {}.",
                self.name(user),
                self.pc(computer),
                self.name(delegator)
            )));
        }
        let lists = self.delegator_lists(seat).expect("just dismissed").clone();
        notes.say(format!(
            "{} closed the banner for {} on {}: Outstanding DelegatorList = {:?}, Dismissed DelegatorList = {:?}; other computers still show it (B7).",
            self.name(user),
            self.name(delegator),
            self.pc(computer),
            self.registry_text(&lists.outstanding),
            self.registry_text(&lists.dismissed)
        ));
        Ok(())
    }

    /// B9: right-click a member of "Delegates" > Remove from Group.
    pub(super) fn remove_from_delegates_group(
        &mut self,
        seat: Seat,
        delegate: UserIx,
        notes: &mut Notes,
    ) -> Done {
        let (user, computer) = seat;
        self.require_signed_in(seat)?;
        if !self.clients[&seat].is_full() {
            return Err(Refusal::Lab(format!(
                "{}'s Lync on {} is Lync Basic 2013, which has no \"Delegates\" group (B16).",
                self.name(user),
                self.pc(computer)
            )));
        }
        let pending = self
            .clients
            .get(&seat)
            .is_some_and(|c| c.pending_removals().any(|d| d == delegate));
        let shown = self.server.record(user, delegate).is_some() && !pending;
        if !shown {
            return Err(Refusal::Lab(format!(
                "{} is not in the \"Delegates\" group of {}'s Lync on {}.",
                self.name(delegate),
                self.name(user),
                self.pc(computer)
            )));
        }
        self.client_mut(seat)
            .profile
            .get_or_insert_default()
            .pending_removals
            .insert(delegate);
        notes.say(format!(
            "{} removed {} from the \"Delegates\" group on {}: gone from this client now; the back-end record is deleted when this client next signs in (B9).",
            self.name(user),
            self.name(delegate),
            self.pc(computer)
        ));
        Ok(())
    }

    /// B10: delete the Lync profile (only while Lync is not running there).
    pub(super) fn delete_lync_profile(&mut self, seat: Seat, notes: &mut Notes) -> Done {
        let (user, computer) = seat;
        if self.lync_running(seat) {
            return Err(Refusal::Lab(format!(
                "Lync is running for {} on {}: exit Lync before deleting the profile.",
                self.name(user),
                self.pc(computer)
            )));
        }
        let profile = self.clients.get_mut(&seat).and_then(|c| c.profile.take());
        match profile {
            None => notes.say(format!(
                "{} has no Lync profile on {}; nothing to delete.",
                self.name(user),
                self.pc(computer)
            )),
            Some(profile) => {
                notes.say(format!(
                    "Deleted {}'s Lync profile on {}: the next sync pass re-publishes every Author/Editor delegate (B10).",
                    self.name(user),
                    self.pc(computer)
                ));
                for d in profile.pending_removals {
                    notes.say(format!(
                        "The pending removal of {} from \"Delegates\" was lost with the profile (B9, lab assumption).",
                        self.name(d)
                    ));
                }
            }
        }
        if let Some(fault) = self.faults.get_mut(&seat) {
            fault.profile_deleted = true;
            notes.say("Stuck sync workaround: profile deleted; a reboot of this computer clears the fault (B10).");
        }
        Ok(())
    }

    /// B10: rebooting closes every application on the computer.
    pub(super) fn reboot(&mut self, computer: ComputerIx, notes: &mut Notes) -> Done {
        notes.say(format!("{} restarted.", self.pc(computer)));
        let outlooks: Vec<Seat> = self
            .outlook
            .keys()
            .copied()
            .filter(|s| s.1 == computer)
            .collect();
        for seat in outlooks {
            self.end_outlook(seat, notes);
        }
        let lyncs: Vec<Seat> = self
            .clients
            .iter()
            .filter(|(s, c)| s.1 == computer && c.running)
            .map(|(&s, _)| s)
            .collect();
        for seat in lyncs {
            self.end_lync(seat, notes);
        }
        self.screen(computer).windows.clear();
        let cleared: Vec<Seat> = self
            .faults
            .iter()
            .filter(|(s, f)| s.1 == computer && f.profile_deleted)
            .map(|(&s, _)| s)
            .collect();
        for seat in cleared {
            self.faults.remove(&seat);
            notes.say(format!(
                "The stuck delegate sync of {} on {} is cleared: the next sync pass writes the records (B10).",
                self.name(seat.0),
                self.pc(computer)
            ));
        }
        Ok(())
    }

    /// B11: one line typed into the Lync Server Management Shell.
    pub(super) fn run_shell(&mut self, command: &str, notes: &mut Notes) -> Done {
        if let Some(fe) = self.dir.front_end()
            && let Some(admin) = self.screen_of(fe).logged_on
            && !self.screen_of(fe).has(admin, &WindowKind::ManagementShell)
        {
            self.screen(fe).open(admin, WindowKind::ManagementShell);
        }
        let result = super::shell::run(self, command, notes);
        notes.output = result.lines.iter().map(|l| l.text.clone()).collect();
        self.shell_history.push(std::sync::Arc::new(ShellEntry {
            command: command.to_owned(),
            lines: result.lines,
            clears: result.clears,
        }));
        match result.error {
            Some(message) => Err(Refusal::Lab(message)),
            None => Ok(()),
        }
    }
}
