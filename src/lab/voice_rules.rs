//! Enterprise Voice call delegation (B12): the Call Forwarding page and its Delegates dialog,
//! forwarding modes, and calls with who rings and why.

use super::lync_client::VoiceReading;
use super::lync_server::{RecordOrigin, RecordRoute};
use super::screen::WindowKind;
use super::voice::{Call, ForwardTarget, Forwarding, RING_DELAYS, RingReason, SimulRingTarget};
use super::{Done, Lab, Notes, Refusal, Seat, UserIx};

impl Lab {
    /// The sign-in reading of a client that has the Call Forwarding page: signed in, and
    /// Enterprise Voice enabled when it signed in (B12).
    fn call_forwarding_page(&self, seat: Seat) -> Result<VoiceReading, Refusal> {
        let (user, computer) = seat;
        self.require_signed_in(seat)?;
        let reading = self
            .clients
            .get(&seat)
            .and_then(|c| c.voice_read.clone())
            .expect("a signed-in client read its voice policy");
        if !self.clients[&seat].is_full() {
            return Err(Refusal::Lab(format!(
                "{}'s Lync on {} is Lync Basic 2013: it has no Call Forwarding page (Manage call forwarding and Manage delegates are Full-client features) (B16).",
                self.name(user),
                self.pc(computer)
            )));
        }
        if !reading.enterprise_voice {
            let now = if self.dir.user(user).enterprise_voice {
                " (it is enabled on the server now: sign out and back in)"
            } else {
                ""
            };
            return Err(Refusal::Lab(format!(
                "{}'s Lync on {} has no Call Forwarding page: {} was not enabled for Enterprise Voice when this client signed in{now} (B12).",
                self.name(user),
                self.pc(computer),
                self.name(user)
            )));
        }
        Ok(reading)
    }

    /// The "Edit my delegate members" link: the Call Forwarding page of a client whose sign-in
    /// voice policy has EnableDelegation True (B12).
    pub(super) fn delegate_members_link(&self, seat: Seat) -> Done {
        let reading = self.call_forwarding_page(seat)?;
        if reading.enable_delegation {
            return Ok(());
        }
        Err(Refusal::Lab(format!(
            "{}'s Call Forwarding page on {} has no \"Edit my delegate members\" link: the voice policy this client read at sign-in ({}) has EnableDelegation False (B12).",
            self.name(seat.0),
            self.pc(seat.1),
            reading.identity
        )))
    }

    /// Whether the call-forwarding menu and the Call Forwarding page offer "My Delegates"
    /// (B12): on that page, with delegation allowed by the voice policy read at sign-in and at
    /// least one delegate. The error says why not, as `SetCallForwarding` refuses it.
    pub fn my_delegates_offered(&self, seat: Seat) -> Result<(), String> {
        let message = |refusal: Refusal| match refusal {
            Refusal::Lab(text) | Refusal::Client(text) | Refusal::Silent(text) => text,
        };
        let reading = self.call_forwarding_page(seat).map_err(message)?;
        let user = seat.0;
        if !reading.enable_delegation {
            return Err(format!(
                "My Delegates is not offered: the voice policy {}'s Lync read at sign-in ({}) has EnableDelegation False, which disables call delegation (B12).",
                self.name(user),
                reading.identity
            ));
        }
        if self.server.delegates_of(user).is_empty() {
            return Err(format!(
                "{} has no delegates yet: choosing My Delegates opens Call Forwarding - Delegates to add some first (B12).",
                self.name(user)
            ));
        }
        Ok(())
    }

    /// Whether the Call Forwarding page shows "Edit my delegate members" (B12), as
    /// `OpenWindow` of Call Forwarding - Delegates accepts it.
    pub fn offers_delegate_members_link(&self, seat: Seat) -> bool {
        self.delegate_members_link(seat).is_ok()
    }

    /// Call Forwarding - Delegates: Add..., Choose a Delegate, OK, then OK (B12).
    pub(super) fn add_call_delegate(
        &mut self,
        seat: Seat,
        delegate: UserIx,
        notes: &mut Notes,
    ) -> Done {
        let (user, computer) = seat;
        self.delegate_members_link(seat)?;
        if delegate == user {
            return Err(Refusal::Lab(format!(
                "Choose a Delegate lists {}'s contacts, and {} is not one of them: nobody can be their own delegate (lab wording).",
                self.name(user),
                self.name(user)
            )));
        }
        if self.dir.is_group(delegate) {
            return Err(Refusal::Lab(format!(
                "Choose a Delegate does not accept {}: a security group cannot be a delegate in Lync — \"Creating a security group and adding delegation permissions for that security group isn't supported.\" (B15)",
                self.name(delegate)
            )));
        }
        if !self.dir.user(delegate).enterprise_voice {
            return Err(Refusal::Silent(format!(
                "Choose a Delegate: OK stays disabled for {} — only users enabled for Enterprise Voice can be chosen, and the server says {} is not (B12). SEFAUtil /adddelegate can give a user without Enterprise Voice a delegate relationship for meetings.",
                self.name(delegate),
                self.name(delegate)
            )));
        }
        if self.server.record(user, delegate).is_some() {
            notes.say(format!(
                "{} is already in {}'s delegates; nothing changes.",
                self.name(delegate),
                self.name(user)
            ));
            return Ok(());
        }
        if let Some(why) = self.over_delegation_limit(user, delegate) {
            return Err(Refusal::Lab(format!("{why}.")));
        }
        let origin = RecordOrigin {
            created: self.now,
            action_number: self.steps,
            route: RecordRoute::CallForwarding { user, computer },
        };
        self.server.create_record(user, delegate, origin);
        notes.say(format!(
            "Back end: delegate record {} → {} written at once by the Call Forwarding - Delegates dialog on {} (no Outlook, MAPI or client policy involved); Receive Calls is on (B12).",
            self.name(user),
            self.name(delegate),
            self.pc(computer)
        ));
        self.record_changed(user, delegate, notes);
        self.delegates_dialog_confirmed(seat, notes);
        Ok(())
    }

    /// After OK: delegates exist but calls neither ring nor go to them (B12, lab wording).
    fn remind_to_ring_delegates(&mut self, (user, computer): Seat, notes: &mut Notes) {
        if self.server.delegates_of(user).is_empty()
            || self.server.call_settings(user).forwarding.rings_delegates()
        {
            return;
        }
        let text = LYNC_REMINDER.to_owned();
        notes.say(format!(
            "Lync reminds {}: \"{text}\" (B12; the wording is a lab assumption).",
            self.name(user)
        ));
        self.screen(computer)
            .open(user, WindowKind::LyncMessageBox { text });
    }

    /// Call Forwarding - Delegates: select a delegate, Remove, OK (B12).
    pub(super) fn remove_call_delegate(
        &mut self,
        seat: Seat,
        delegate: UserIx,
        notes: &mut Notes,
    ) -> Done {
        let (user, computer) = seat;
        self.delegate_members_link(seat)?;
        self.require_call_delegate(user, delegate)?;
        self.server.delete_record(user, delegate);
        if let Some(profile) = self.client_mut(seat).profile.as_mut() {
            profile.pending_removals.remove(&delegate);
        }
        notes.say(format!(
            "Back end: delegate record {} → {} deleted at once by the Call Forwarding - Delegates dialog on {} (B12).",
            self.name(user),
            self.name(delegate),
            self.pc(computer)
        ));
        self.record_changed(user, delegate, notes);
        self.delegates_dialog_confirmed(seat, notes);
        Ok(())
    }

    fn require_call_delegate(&self, user: UserIx, delegate: UserIx) -> Done {
        if self.server.record(user, delegate).is_some() {
            return Ok(());
        }
        Err(Refusal::Lab(format!(
            "{} is not in {}'s delegates (Call Forwarding - Delegates lists the back-end delegate records).",
            self.name(delegate),
            self.name(user)
        )))
    }

    /// The "Receive Calls" box of one delegate (B12).
    pub(super) fn set_receive_calls(
        &mut self,
        seat: Seat,
        delegate: UserIx,
        receive: bool,
        notes: &mut Notes,
    ) -> Done {
        let user = seat.0;
        self.delegate_members_link(seat)?;
        self.require_call_delegate(user, delegate)?;
        self.server.update_calls(user, |c| {
            if receive {
                c.receive_calls_off.remove(&delegate);
            } else {
                c.receive_calls_off.insert(delegate);
            }
        });
        self.delegates_dialog_confirmed(seat, notes);
        notes.say(format!(
            "Call Forwarding - Delegates: Receive Calls {} for {} in {}'s delegates (B12).",
            if receive { "on" } else { "off" },
            self.name(delegate),
            self.name(user)
        ));
        Ok(())
    }

    /// "Ring your delegates after this many seconds:" (B12).
    pub(super) fn set_delegate_ring_delay(
        &mut self,
        seat: Seat,
        seconds: u32,
        notes: &mut Notes,
    ) -> Done {
        self.delegate_members_link(seat)?;
        if !RING_DELAYS.contains(&seconds) {
            return Err(Refusal::Lab(format!(
                "\"Ring your delegates after this many seconds:\" offers 0, 5, 10 or 15, not {seconds}."
            )));
        }
        self.server.update_calls(seat.0, |c| c.ring_delay = seconds);
        self.delegates_dialog_confirmed(seat, notes);
        notes.say(format!(
            "{}'s delegates ring {} (B12).",
            self.name(seat.0),
            if seconds == 0 {
                "at the same time".to_owned()
            } else {
                format!("after {seconds} seconds")
            }
        ));
        Ok(())
    }

    /// The Call Forwarding page's radio buttons and drop-downs (B12, W14).
    pub(super) fn set_call_forwarding(
        &mut self,
        seat: Seat,
        forwarding: &Forwarding,
        notes: &mut Notes,
    ) -> Done {
        let user = seat.0;
        self.call_forwarding_page(seat)?;
        let mut forwarding = forwarding.clone();
        if forwarding.rings_delegates() {
            self.my_delegates_offered(seat).map_err(Refusal::Lab)?;
        }
        if let Some(number) = forwarding.number()
            && !super::voice::valid_number(number)
        {
            return Err(Refusal::Lab(format!(
                "{number:?} is not a phone number the Call Forwarding page accepts: write it as +, then the country code and number (\"+14255550199\")."
            )));
        }
        if let Forwarding::ForwardTo(ForwardTarget::Contact(contact)) = &mut forwarding {
            let target = self.person(contact)?;
            if target == user {
                return Err(Refusal::Lab(
                    "Calls cannot be forwarded to yourself.".to_owned(),
                ));
            }
            *contact = self.dir.id(target).into();
        }
        let shown = match &forwarding {
            Forwarding::ForwardTo(ForwardTarget::Contact(contact)) => format!(
                "Forward my calls to: {}",
                self.dir
                    .find_user(contact)
                    .map_or(contact.to_string(), |u| self.name(u).to_owned())
            ),
            other => other.to_string(),
        };
        notes.say(format!(
            "{}'s call forwarding (on the server, every computer): {shown} (B12).",
            self.name(user)
        ));
        if matches!(
            forwarding,
            Forwarding::SimultaneouslyRing(SimulRingTarget::TeamCall)
        ) {
            notes.say("My Team-Call Group has no members in this lab: only the user's own Lync rings (lab limitation).");
        }
        self.server
            .update_calls(user, |c| c.forwarding = forwarding);
        Ok(())
    }

    /// The verbs of Call Forwarding - Delegates are confirmed with its OK: the dialog (and a
    /// Choose a Delegate left open) closes, and Lync reminds when calls do not reach the
    /// delegates (B12).
    fn delegates_dialog_confirmed(&mut self, seat: Seat, notes: &mut Notes) {
        let (user, computer) = seat;
        self.screen(computer)
            .close_with_dialogs(user, &WindowKind::CallForwardingDelegates);
        self.remind_to_ring_delegates(seat, notes);
    }

    /// When a delegator's last record goes, by any route, ringing to delegates turns off (B12).
    pub(super) fn last_delegate_gone(&mut self, delegator: UserIx, notes: &mut Notes) {
        if !self.server.delegates_of(delegator).is_empty() {
            return;
        }
        let settings = self.server.call_settings(delegator);
        if settings.forwarding.rings_delegates() {
            self.server
                .update_calls(delegator, |c| c.forwarding = Forwarding::Off);
            notes.say(format!(
                "{} has no delegates left: ringing to delegates turned off, call forwarding back to Off (B12).",
                self.name(delegator)
            ));
        }
    }

    /// A Lync call from the caller's client to a user (B12): who rings, and why the others
    /// do not.
    pub(super) fn place_call(&mut self, seat: Seat, callee: UserIx, notes: &mut Notes) -> Done {
        let (caller, computer) = seat;
        self.require_signed_in(seat)?;
        if callee == caller {
            return Err(Refusal::Lab("You cannot call yourself.".to_owned()));
        }
        let boss = self.name(callee).to_owned();
        notes.say(format!(
            "{} calls {boss} from {}.",
            self.name(caller),
            self.pc(computer)
        ));
        let ev = self.dir.user(callee).enterprise_voice;
        let settings = self.server.call_settings(callee);
        let forwarding = if ev {
            settings.forwarding.clone()
        } else {
            Forwarding::Off
        };
        let mut rang = Vec::new();
        let callee_rings = !matches!(forwarding, Forwarding::ForwardTo(_));
        if callee_rings {
            let clients = self.signed_in_clients(callee);
            if clients.is_empty() {
                notes.say(format!(
                    "{boss} is not signed in anywhere: unanswered calls go to voice mail."
                ));
            }
            for c in clients {
                rang.push((callee, c, RingReason::Callee));
                notes.say(format!("{boss}'s Lync rings on {}.", self.pc(c)));
            }
        } else {
            notes.say(format!(
                "{boss} forwards calls ({forwarding}): {boss}'s own Lync does not ring (B12)."
            ));
        }
        match &forwarding {
            Forwarding::ForwardTo(ForwardTarget::Delegates)
            | Forwarding::SimultaneouslyRing(SimulRingTarget::Delegates) => {
                let after = match forwarding {
                    Forwarding::SimultaneouslyRing(_) => settings.ring_delay,
                    _ => 0,
                };
                self.ring_delegates(callee, caller, after, &mut rang, notes);
            }
            Forwarding::ForwardTo(ForwardTarget::Contact(contact)) => {
                if let Some(target) = self.dir.find_user(contact).filter(|&t| t != caller) {
                    let clients = self.signed_in_clients(target);
                    if clients.is_empty() {
                        notes.say(format!(
                            "{} is not signed in anywhere: the forwarded call rings nobody in the lab.",
                            self.name(target)
                        ));
                    }
                    for c in clients {
                        rang.push((target, c, RingReason::ForwardedTo));
                        notes.say(format!(
                            "{}'s Lync rings on {} (calls to {boss} are forwarded there).",
                            self.name(target),
                            self.pc(c)
                        ));
                    }
                }
            }
            Forwarding::ForwardTo(ForwardTarget::VoiceMail) => {
                notes.say("The call goes straight to voice mail.")
            }
            Forwarding::ForwardTo(ForwardTarget::Number(n))
            | Forwarding::SimultaneouslyRing(SimulRingTarget::Number(n)) => {
                notes.say(format!("The call also rings {n}, outside the lab."))
            }
            Forwarding::SimultaneouslyRing(SimulRingTarget::TeamCall) | Forwarding::Off => {}
        }
        if !ev && !settings.is_default() {
            notes.say(format!(
                "{boss} is not enabled for Enterprise Voice: call forwarding and delegate ringing do not apply (B12)."
            ));
        } else if forwarding == Forwarding::Off && !self.server.delegates_of(callee).is_empty() {
            notes.say(format!(
                "{boss}'s delegates do not ring: call forwarding is off (select Simultaneously ring or Forward my calls to, then My Delegates) (B12)."
            ));
        }
        rang.sort_by_key(|&(u, c, _)| (u, c));
        for &(user, c, reason) in &rang {
            if let RingReason::Delegate { .. } = reason {
                self.screen(c)
                    .open(user, WindowKind::CallToast { boss: callee });
            }
        }
        self.call = Some(Call {
            caller,
            callee,
            rang,
            active: true,
            placed_by: self.steps,
        });
        Ok(())
    }

    /// Rings every delegate of `boss` who can take calls, and says why each other one does not.
    fn ring_delegates(
        &self,
        boss: UserIx,
        caller: UserIx,
        after: u32,
        rang: &mut Vec<(UserIx, super::ComputerIx, RingReason)>,
        notes: &mut Notes,
    ) {
        let settings = self.server.call_settings(boss);
        let boss_name = self.name(boss);
        let policy = self.server.voice.effective(boss);
        if !policy.enable_delegation {
            notes.say(format!(
                "{boss_name}'s delegates do not ring: {boss_name}'s voice policy {} has EnableDelegation False, which disables call delegation (B12).",
                policy.identity
            ));
            return;
        }
        for delegate in self.server.delegates_of(boss) {
            let name = self.name(delegate);
            if delegate == caller {
                notes.say(format!(
                    "{name} does not ring: {name} is the one calling (B12)."
                ));
                continue;
            }
            if settings.receive_calls_off.contains(&delegate) {
                notes.say(format!(
                    "{name} does not ring: Receive Calls is off for {name} in {boss_name}'s delegates (B12)."
                ));
                continue;
            }
            let clients = self.signed_in_clients(delegate);
            if clients.is_empty() {
                notes.say(format!(
                    "{name} does not ring: {name}'s Lync is not signed in anywhere (B12)."
                ));
                continue;
            }
            for c in clients {
                if !self.clients[&(delegate, c)].is_full() {
                    notes.say(format!(
                        "{name} does not ring on {}: Lync Basic 2013 cannot handle another's calls (B16).",
                        self.pc(c)
                    ));
                    continue;
                }
                let ev = self
                    .clients
                    .get(&(delegate, c))
                    .and_then(|client| client.voice_read.as_ref())
                    .is_some_and(|v| v.enterprise_voice);
                if !ev {
                    notes.say(format!(
                        "{name} does not ring on {}: {name} was not enabled for Enterprise Voice when that client signed in — only EV delegates take calls (B12).",
                        self.pc(c)
                    ));
                    continue;
                }
                rang.push((delegate, c, RingReason::Delegate { after }));
                notes.say(format!(
                    "{name}'s Lync rings on {} {} with \"Call for {boss_name}\" (B12).",
                    self.pc(c),
                    if after == 0 {
                        "at the same time".to_owned()
                    } else {
                        format!("after {after} seconds")
                    }
                ));
            }
        }
    }

    fn signed_in_clients(&self, user: UserIx) -> Vec<super::ComputerIx> {
        self.clients_of(user)
            .into_iter()
            .filter(|&c| self.signed_in((user, c)))
            .collect()
    }

    /// The lab ends every call at the next action (B12): the toasts go. Run after each
    /// action (a toast's Answer or Ignore closes it first).
    pub(super) fn end_call(&mut self, notes: &mut Notes) {
        let steps = self.steps;
        let Some(call) = self
            .call
            .as_mut()
            .filter(|c| c.active && c.placed_by < steps)
        else {
            return;
        };
        call.active = false;
        let (caller, callee) = (call.caller, call.callee);
        self.close_call_windows();
        notes.say(format!(
            "The call from {} to {} ended (the lab ends every call at the next action).",
            self.name(caller),
            self.name(callee)
        ));
    }
}

/// The message box after OK in Call Forwarding - Delegates when calls do not reach the
/// delegates (B12; wording a lab assumption).
pub const LYNC_REMINDER: &str = "To have your delegates receive your calls, select Simultaneously ring or Forward my calls to, and then select My Delegates.";
