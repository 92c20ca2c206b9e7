//! Outlook and Exchange rules: B1 (delegates), B2 (meetings on someone else's calendar) and
//! B3 (the Lync Meeting add-in).

use super::exchange::{
    Delegate, InboxItem, InboxItemKind, JoinInfo, Meeting, MeetingRequestDelivery,
    NO_CREATE_PERMISSION, OutlookSession, Permissions,
};
use super::screen::WindowKind;
use super::windows::App;
use super::{Done, Lab, Notes, Refusal, Seat, UserIx};

/// B3: the add-in's error when the back end has no delegate record, verbatim.
pub const NO_LYNC_DELEGATE_PERMISSION: &str = "You do not have permissions to schedule Lync Meetings on behalf of the owner of this account. Please contact the owner of the account to get delegate permissions in Microsoft Lync.";

/// B3: the add-in's error when Lync is not signed in (wording is a lab assumption).
pub const LYNC_NOT_SIGNED_IN: &str = "The Lync Meeting could not be scheduled because you are not signed in to Lync. Sign in to Lync, and then try again.";

/// The lab's dial-in line in the join block (W8; lab assumption).
pub const DIAL_IN: &str = "+1 (425) 555-0100 (Redmond)  English (United States)";

/// Outlook's refusal when a user adds themselves as their own delegate (B1). Lab assumption:
/// no public source gives Outlook 2013's wording. The nearest documented text is Exchange's,
/// not Outlook's: Exchange Web Services refuses the same request with the error code
/// ErrorDelegateCannotAddOwner ("Attempt to add the mailbox owner as a delegate to their own
/// mailbox", learn.microsoft.com, "Handling delegation-related errors in EWS in Exchange"),
/// which Outlook 2013 (over MAPI) never shows. The message box says it is an assumption on
/// hover, as for every text not in its verbatim list.
pub const ADD_YOURSELF: &str = "You cannot add yourself as a delegate.";

/// Outlook's message when opening a calendar without permission (lab assumption).
pub fn no_calendar_permission(owner: &str) -> String {
    format!(
        "Cannot open the calendar of {owner}. You do not have permission to view this calendar. Ask {owner} to share the calendar with you."
    )
}

/// Outlook's message box when a name typed into Open a Shared Calendar matches no one in the
/// address list. Lab assumption: the wording is the one troubleshooting pages quote from
/// Outlook ("The name cannot be matched to a name in the address list."); no Microsoft page
/// found gives it for Outlook 2013.
pub const NAME_NOT_MATCHED: &str = "The name cannot be matched to a name in the address list.";

impl Lab {
    /// What `user` may do on `owner`'s calendar (B2): their own delegate level, or the best
    /// level a security group they are in was given (B15: members get the group's folder
    /// permissions).
    pub fn calendar_level(&self, owner: UserIx, user: UserIx) -> super::Level {
        let mailbox = self.mailbox(owner);
        mailbox
            .delegates
            .iter()
            .filter(|d| self.dir.members(d.user).contains(&user))
            .map(|d| d.permissions.calendar)
            .fold(mailbox.calendar_level_for(user), std::cmp::max)
    }

    /// B2: the calendar owner named in Open a Shared Calendar. A name that matches no one is
    /// refused by Outlook in a message box when it runs there (W7); else as any unknown name.
    pub(super) fn shared_calendar_owner(&self, seat: Seat, name: &str) -> Result<UserIx, Refusal> {
        match self.dir.find_user(name) {
            // A security group has no calendar of its own (B15): Outlook says so.
            Some(owner) if self.dir.is_group(owner) && self.outlook.contains_key(&seat) => {
                Err(Refusal::Client(format!(
                    "{} is a group, not a person: it has no calendar to open. (Lab wording.)",
                    self.dir.name(owner)
                )))
            }
            Some(_) => self.person(name),
            None if self.outlook.contains_key(&seat) => {
                Err(Refusal::Client(NAME_NOT_MATCHED.into()))
            }
            None => self.user(name),
        }
    }

    /// Outlook must be running for the user there; the message box a previous action left
    /// open is answered (OK) first.
    pub(super) fn outlook_for(&mut self, seat: Seat) -> Result<&mut OutlookSession, Refusal> {
        let (user, computer) = seat;
        if !self.outlook.contains_key(&seat) {
            return Err(Refusal::Lab(format!(
                "Outlook is not running for {} on {}.",
                self.name(user),
                self.pc(computer)
            )));
        }
        self.screen(computer)
            .close_where(|w| w.user == user && matches!(w.kind, WindowKind::MessageBox { .. }));
        Ok(self.outlook.get_mut(&seat).expect("checked above"))
    }

    fn no_meeting_form(&self, (user, computer): Seat) -> Refusal {
        Refusal::Lab(format!(
            "No meeting form is open in {}'s Outlook on {}.",
            self.name(user),
            self.pc(computer)
        ))
    }

    pub(super) fn start_outlook(&mut self, seat: Seat, notes: &mut Notes) -> Done {
        let (user, computer) = seat;
        if self.outlook.contains_key(&seat) {
            return Err(Refusal::Lab(format!(
                "Outlook is already running for {} on {}.",
                self.name(user),
                self.pc(computer)
            )));
        }
        // The navigation pane's shared calendars are kept in the mailbox: they are back.
        let shared = self.mailbox(user).shared_calendars.clone();
        self.outlook.insert(
            seat,
            OutlookSession {
                shared_calendars: shared.clone(),
                ..OutlookSession::default()
            },
        );
        self.screen(computer).open(user, WindowKind::OutlookMain);
        notes.say(format!(
            "{} started Outlook on {}.",
            self.name(user),
            self.pc(computer)
        ));
        if !shared.is_empty() {
            let names: Vec<&str> = shared.iter().map(|&u| self.name(u)).collect();
            notes.say(format!(
                "Shared Calendars shows {} again: Outlook keeps the navigation pane's shortcuts in {}'s mailbox.",
                names.join(", "),
                self.name(user)
            ));
        }
        // B5: a sync pass runs when Outlook starts.
        self.sync_if_possible(seat, notes);
        Ok(())
    }

    pub(super) fn close_outlook(&mut self, seat: Seat, notes: &mut Notes) -> Done {
        self.outlook_for(seat)?;
        self.end_outlook(seat, notes);
        Ok(())
    }

    /// Closes Outlook and all its windows (an unsent meeting is lost).
    pub(super) fn end_outlook(&mut self, seat: Seat, notes: &mut Notes) {
        let (user, computer) = seat;
        let Some(session) = self.outlook.remove(&seat) else {
            return;
        };
        self.close_app_windows(seat, App::Outlook);
        notes.say(format!(
            "{}'s Outlook on {} closed.",
            self.name(user),
            self.pc(computer)
        ));
        if let Some(draft) = session.draft {
            notes.say(format!(
                "The unsent meeting {:?} was discarded.",
                draft.subject
            ));
        }
    }

    /// The Delegates dialog stays open after a change made through it (W4).
    fn show_delegates_dialog(&mut self, seat: Seat) {
        let (user, computer) = seat;
        let screen = self.screen(computer);
        if !screen.has(user, &WindowKind::Delegates) {
            screen.open(user, WindowKind::Delegates);
        }
    }

    /// B1: add a delegate with Outlook's defaults (or the given permissions). Written to
    /// Exchange at once; needs nothing from Lync.
    pub(super) fn add_delegate(
        &mut self,
        seat: Seat,
        delegate: UserIx,
        permissions: &Permissions,
        notes: &mut Notes,
    ) -> Done {
        let (user, _) = seat;
        self.outlook_for(seat)?;
        self.show_delegates_dialog(seat);
        if delegate == user {
            notes.say(format!(
                "{} cannot be their own delegate: Outlook refuses, and nothing is written to Exchange.",
                self.name(user)
            ));
            return Err(Refusal::Client(ADD_YOURSELF.into()));
        }
        if self.mailbox(user).delegate(delegate).is_some() {
            return Err(Refusal::Client(format!(
                "{} is already a delegate.",
                self.name(delegate)
            )));
        }
        let (resolved, note) = permissions.resolve();
        self.mailboxes[user.0 as usize].delegates.push(Delegate {
            user: delegate,
            permissions: resolved,
        });
        notes.say(format!(
            "Exchange: {} added {} as a delegate ({}).",
            self.name(user),
            self.name(delegate),
            resolved.summary()
        ));
        if let Some(note) = note {
            notes.say(note);
        }
        self.delegate_list_changed(user, notes);
        Ok(())
    }

    pub(super) fn set_delegate_permissions(
        &mut self,
        seat: Seat,
        delegate: UserIx,
        permissions: &Permissions,
        notes: &mut Notes,
    ) -> Done {
        let (user, _) = seat;
        self.outlook_for(seat)?;
        self.show_delegates_dialog(seat);
        let (resolved, note) = permissions.resolve();
        let name = self.name(delegate).to_owned();
        let Some(existing) = self.mailboxes[user.0 as usize].delegate_mut(delegate) else {
            return Err(Refusal::Lab(format!(
                "{name} is not one of {}'s delegates.",
                self.name(user)
            )));
        };
        let before = existing.permissions;
        existing.permissions = resolved;
        if before == resolved {
            notes.say(format!(
                "{name}'s permissions are unchanged ({}).",
                resolved.summary()
            ));
            return Ok(());
        }
        notes.say(format!(
            "Exchange: {name}'s permissions on {}'s mailbox: {} → {}.",
            self.name(user),
            before.summary(),
            resolved.summary()
        ));
        if let Some(note) = note {
            notes.say(note);
        }
        self.delegate_list_changed(user, notes);
        Ok(())
    }

    /// B1/B8: removing a delegate in Outlook. The back-end record, if any, stays (B8).
    pub(super) fn remove_delegate(
        &mut self,
        seat: Seat,
        delegate: UserIx,
        notes: &mut Notes,
    ) -> Done {
        let (user, _) = seat;
        self.outlook_for(seat)?;
        self.show_delegates_dialog(seat);
        let mailbox = &mut self.mailboxes[user.0 as usize];
        let Some(pos) = mailbox.delegates.iter().position(|d| d.user == delegate) else {
            return Err(Refusal::Lab(format!(
                "{} is not one of {}'s delegates.",
                self.name(delegate),
                self.name(user)
            )));
        };
        mailbox.delegates.remove(pos);
        notes.say(format!(
            "Exchange: {} removed {} from their delegates.",
            self.name(user),
            self.name(delegate)
        ));
        if self.server.record(user, delegate).is_some() {
            notes.say(format!(
                "The back-end delegate record {} → {} stays: delegate sync never deletes records (B8). {} keeps \"People I Manage Calls For\" and the banner until the record is removed in Lync (B9).",
                self.name(user),
                self.name(delegate),
                self.name(delegate)
            ));
        }
        self.delegate_list_changed(user, notes);
        Ok(())
    }

    pub(super) fn set_meeting_request_delivery(
        &mut self,
        seat: Seat,
        deliver: MeetingRequestDelivery,
        notes: &mut Notes,
    ) -> Done {
        let (user, _) = seat;
        self.outlook_for(seat)?;
        self.show_delegates_dialog(seat);
        self.mailboxes[user.0 as usize].delivery = deliver;
        notes.say(format!(
            "Exchange: meeting requests for {} are delivered to \"{}\".",
            self.name(user),
            deliver.label()
        ));
        Ok(())
    }

    /// B2: open another user's calendar. Reviewer opens read-only; None cannot open.
    pub(super) fn open_shared_calendar(
        &mut self,
        seat: Seat,
        owner: UserIx,
        notes: &mut Notes,
    ) -> Done {
        let (user, _) = seat;
        self.outlook_for(seat)?;
        if owner == user {
            notes.say("Your own calendar is always open; nothing to add.");
            return Ok(());
        }
        let level = self.calendar_level(owner, user);
        if level == super::Level::None {
            return Err(Refusal::Client(no_calendar_permission(self.name(owner))));
        }
        let session = self.outlook.get_mut(&seat).expect("checked by outlook_for");
        if !session.shared_calendars.contains(&owner) {
            session.shared_calendars.push(owner);
        }
        let shortcuts = &mut self.mailboxes[user.0 as usize].shared_calendars;
        if !shortcuts.contains(&owner) {
            shortcuts.push(owner);
        }
        let access = if level.can_create() {
            ""
        } else {
            " (read-only: Reviewer)"
        };
        notes.say(format!(
            "{} opened {}'s calendar under Shared Calendars{access}.",
            self.name(user),
            self.name(owner)
        ));
        Ok(())
    }

    /// B2: a new meeting on one's own or (with Author/Editor) another user's calendar.
    pub(super) fn new_meeting(
        &mut self,
        seat: Seat,
        owner: UserIx,
        subject: &str,
        attendees: Vec<UserIx>,
        notes: &mut Notes,
    ) -> Done {
        let (user, computer) = seat;
        let session = self.outlook_for(seat)?;
        if owner != user {
            if !session.shared_calendars.contains(&owner) {
                return Err(Refusal::Lab(format!(
                    "{}'s calendar is not open in {}'s Outlook on {}: open it first (Open Calendar > Open Shared Calendar...).",
                    self.name(owner),
                    self.name(user),
                    self.pc(computer)
                )));
            }
            let level = self.calendar_level(owner, user);
            if !level.can_create() {
                notes.say(format!(
                    "{} has Calendar {} on {}'s calendar; creating needs Author or Editor (B2).",
                    self.name(user),
                    level,
                    self.name(owner)
                ));
                return Err(Refusal::Client(NO_CREATE_PERMISSION.into()));
            }
        }
        let start = self.now.next_half_hour();
        let meeting = Meeting {
            id: 0,
            owner,
            sender: user,
            subject: subject.to_owned(),
            location: String::new(),
            attendees,
            start,
            end: start.plus_minutes(30),
            join: None,
        };
        let session = self.outlook.get_mut(&seat).expect("checked by outlook_for");
        if let Some(old) = session.draft.replace(meeting) {
            notes.say(format!(
                "The unsent meeting {:?} was discarded.",
                old.subject
            ));
        }
        self.screen(computer).open(user, WindowKind::MeetingForm);
        let on_behalf = if owner == user {
            String::new()
        } else {
            format!(" on {}'s calendar", self.name(owner))
        };
        notes.say(format!(
            "{} opened a new meeting {subject:?}{on_behalf}, {} {}–{}.",
            self.name(user),
            start.us_date(),
            start.us_time(),
            start.plus_minutes(30).us_time()
        ));
        Ok(())
    }

    /// What was typed into the open meeting form.
    pub(super) fn edit_meeting(
        &mut self,
        seat: Seat,
        subject: &str,
        location: &str,
        attendees: Vec<UserIx>,
        notes: &mut Notes,
    ) -> Done {
        let session = self.outlook_for(seat)?;
        let Some(draft) = session.draft.as_mut() else {
            return Err(self.no_meeting_form(seat));
        };
        draft.subject = subject.to_owned();
        draft.location = location.to_owned();
        draft.attendees = attendees;
        let to: Vec<&str> = self
            .outlook
            .get(&seat)
            .and_then(|s| s.draft.as_ref())
            .map(|d| d.attendees.iter().map(|&a| self.name(a)).collect())
            .unwrap_or_default();
        notes.say(format!(
            "Meeting form: subject {subject:?}, location {location:?}, to {}.",
            if to.is_empty() {
                "nobody".to_owned()
            } else {
                to.join("; ")
            }
        ));
        Ok(())
    }

    /// B3: the Lync Meeting button of the Lync Meeting Add-in. The checks, in order, and the
    /// rule that decides each:
    /// 1. Lync not signed in on this computer: B3's sign-in error (nothing works without it);
    /// 2. a meeting on one's own calendar: B3, it works;
    /// 3. on the owner's calendar, no back-end record owner→user: B3's error box;
    /// 4. a record, but user is no longer an Outlook delegate of owner: B3, nothing at all
    ///    (the KB's "no response" case — a removed delegate's form stays silent);
    /// 5. a record and still a delegate, but without Author or Editor on the calendar now
    ///    (lowered since the form was opened): B2's error, as at Send;
    /// 6. otherwise the join block (B3, W8).
    pub(super) fn add_lync_meeting(&mut self, seat: Seat, notes: &mut Notes) -> Done {
        let (user, computer) = seat;
        let session = self.outlook_for(seat)?;
        let Some(draft) = session.draft.as_ref() else {
            return Err(self.no_meeting_form(seat));
        };
        if draft.join.is_some() {
            notes.say("The meeting is already a Lync Meeting; the add-in changes nothing.");
            return Ok(());
        }
        let owner = draft.owner;
        if !self.signed_in(seat) {
            notes.say(format!(
                "{}'s Lync is not signed in on {} (B3).",
                self.name(user),
                self.pc(computer)
            ));
            return Err(Refusal::Client(LYNC_NOT_SIGNED_IN.into()));
        }
        if owner != user && !self.clients[&seat].is_full() {
            notes.say(format!(
                "{}'s Lync on {} is Lync Basic 2013 — \"{}\" — so the add-in will not schedule on {}'s calendar (B16).",
                self.name(user),
                self.pc(computer),
                super::field_rules::BASIC_HAS_NO_DELEGATION,
                self.name(owner)
            ));
            return Err(Refusal::Client(NO_LYNC_DELEGATE_PERMISSION.into()));
        }
        if owner != user {
            let record = self.server.record(owner, user).is_some();
            let delegate = self.mailbox(owner).delegate(user).is_some();
            match (record, delegate) {
                (false, _) => {
                    notes.say(format!(
                        "The Lync back end has no delegate record {} → {} (B3).",
                        self.name(owner),
                        self.name(user)
                    ));
                    return Err(Refusal::Client(NO_LYNC_DELEGATE_PERMISSION.into()));
                }
                (true, false) => {
                    return Err(Refusal::Silent(format!(
                        "Nothing happens: the back end still has the record {} → {}, but {} is no longer {}'s Outlook delegate (B3).",
                        self.name(owner),
                        self.name(user),
                        self.name(user),
                        self.name(owner)
                    )));
                }
                (true, true) => {}
            }
            // B3's own checks passed (the back-end record, and `user` is still an Outlook
            // delegate of `owner`), so B3 would succeed. B2 decides what is left: the form is
            // an item on the owner's calendar, and writing to it needs Author or Editor there
            // *now*, whatever the sender had when the form was opened. A delegate whose
            // Calendar permission was lowered to Reviewer or None since gets B2's error.
            // (A delegate removed in Outlook never gets here: B3 decides, silently with a
            // record, with its own error without one.)
            self.check_create_permission_now(
                seat,
                owner,
                "The add-in added nothing",
                "B3's checks passed (the back-end record and the Outlook delegation are there), but the meeting is an item on that calendar. The meeting form is unchanged.",
                notes,
            )?;
        }
        let id = self.next_random();
        let url_id = meet_id(id);
        let conference_id = format!("{:07}", self.next_random() % 10_000_000);
        let join = JoinInfo {
            url: format!(
                "https://meet.{}/{}/{url_id}",
                self.dir.domain,
                self.dir.id(owner).to_lowercase()
            ),
            conference_id,
            dial_in: DIAL_IN.into(),
        };
        notes.say(format!(
            "The add-in added the Lync Meeting: {} (conference ID {}).",
            join.url, join.conference_id
        ));
        let session = self.outlook.get_mut(&seat).expect("checked by outlook_for");
        if let Some(draft) = session.draft.as_mut() {
            draft.join = Some(join);
        }
        Ok(())
    }

    /// B2 at the moment of writing to another user's calendar: Author or Editor there *now*
    /// (permission is checked again at Send, not only when the form was opened). Refuses with
    /// Outlook's error for creating without permission, saying in the log why (`what`
    /// starts the line, `then` ends it).
    fn check_create_permission_now(
        &self,
        (user, _): Seat,
        owner: UserIx,
        what: &str,
        then: &str,
        notes: &mut Notes,
    ) -> Done {
        if owner == user {
            return Ok(());
        }
        let level = self.calendar_level(owner, user);
        if level.can_create() {
            return Ok(());
        }
        let (name, owner_name) = (self.name(user), self.name(owner));
        let now = if self.mailbox(owner).delegate(user).is_some() {
            format!("{name}'s Calendar permission there is now {level}")
        } else {
            format!("{owner_name} removed {name} as a delegate (Calendar {level})")
        };
        notes.say(format!(
            "{what}: {name} no longer has Author or Editor on {owner_name}'s calendar (B2): {now}. {then}"
        ));
        Err(Refusal::Client(NO_CREATE_PERMISSION.into()))
    }

    /// Sends the open meeting: it goes on the owner's calendar and to the attendees, whose
    /// delegates get requests and copies as their meeting-request delivery says (B1).
    pub(super) fn send_meeting(&mut self, seat: Seat, notes: &mut Notes) -> Done {
        let (user, computer) = seat;
        let session = self.outlook_for(seat)?;
        let Some(owner) = session.draft.as_ref().map(|d| d.owner) else {
            return Err(self.no_meeting_form(seat));
        };
        // B2: sending saves the item into the owner's calendar, so the sender needs Author or
        // Editor there at send time; without it nothing is sent or saved and the form stays
        // open (a form opened while the sender was a delegate is no licence to send).
        self.check_create_permission_now(
            seat,
            owner,
            "Not sent",
            "Send saves the meeting into that calendar, so nothing was sent or saved; the meeting form stays open.",
            notes,
        )?;
        let session = self.outlook.get_mut(&seat).expect("checked by outlook_for");
        let Some(mut meeting) = session.draft.take() else {
            return Err(self.no_meeting_form(seat));
        };
        // With its address book, were it open (a scenario step may send past it).
        self.screen(computer)
            .close_with_dialogs(user, &WindowKind::MeetingForm);
        meeting.id = self.next_meeting;
        self.next_meeting += 1;
        let id = meeting.id;
        let from = meeting
            .on_behalf_of(&self.dir)
            .unwrap_or_else(|| self.name(meeting.owner).to_owned());
        notes.say(format!("Sent {:?} from {from}.", meeting.subject));
        self.mailboxes[meeting.owner.0 as usize].calendar.push(id);
        for &attendee in &meeting.attendees {
            // A mail-enabled group invites its members (B15).
            if self.dir.is_group(attendee) {
                let members = self.dir.members(attendee).to_vec();
                notes.say(format!(
                    "The group {} is invited: the request goes to its members ({}).",
                    self.name(attendee),
                    members
                        .iter()
                        .map(|&m| self.name(m))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                for member in members {
                    self.deliver_request(id, member, notes);
                }
            } else {
                self.deliver_request(id, attendee, notes);
            }
        }
        self.meetings.insert(id, meeting);
        Ok(())
    }

    fn deliver_request(&mut self, meeting: u32, attendee: UserIx, notes: &mut Notes) {
        let mailbox = self.mailbox(attendee);
        // A security group delegate's copies go to its members (B15).
        let mut copy_delegates: Vec<UserIx> = mailbox
            .delegates
            .iter()
            .filter(|d| d.permissions.receives_meeting_copies)
            .flat_map(|d| {
                if self.dir.is_group(d.user) {
                    self.dir.members(d.user).to_vec()
                } else {
                    vec![d.user]
                }
            })
            .collect();
        let mut seen = std::collections::BTreeSet::new();
        copy_delegates.retain(|d| seen.insert(*d));
        let (to_attendee, attendee_kind) = match (copy_delegates.is_empty(), mailbox.delivery) {
            (true, _) => (true, InboxItemKind::MeetingRequest),
            (false, MeetingRequestDelivery::DelegatesOnlyWithCopy) => (true, InboxItemKind::Copy),
            (false, MeetingRequestDelivery::DelegatesOnly) => (false, InboxItemKind::Copy),
            (false, MeetingRequestDelivery::DelegatesAndMe) => {
                (true, InboxItemKind::MeetingRequest)
            }
        };
        if to_attendee {
            self.mailboxes[attendee.0 as usize].inbox.push(InboxItem {
                meeting,
                kind: attendee_kind,
                for_user: None,
            });
            self.mailboxes[attendee.0 as usize].calendar.push(meeting);
        }
        for &delegate in &copy_delegates {
            self.mailboxes[delegate.0 as usize].inbox.push(InboxItem {
                meeting,
                kind: InboxItemKind::MeetingRequest,
                for_user: Some(attendee),
            });
        }
        let mut line = format!("{} ", self.name(attendee));
        line.push_str(match (to_attendee, attendee_kind) {
            (false, _) => "gets nothing directly",
            (true, InboxItemKind::Copy) => "gets a copy",
            (true, InboxItemKind::MeetingRequest) => "gets the meeting request",
        });
        if !copy_delegates.is_empty() {
            let names: Vec<&str> = copy_delegates.iter().map(|&d| self.name(d)).collect();
            line.push_str(&format!(
                "; the request goes to their delegate(s) {}",
                names.join(", ")
            ));
        }
        notes.say(format!("{line}."));
    }
}

/// Eight upper-case letters and digits for a meet URL.
fn meet_id(mut n: u64) -> String {
    const ALPHABET: &[u8; 36] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    (0..8)
        .map(|_| {
            let c = ALPHABET[(n % 36) as usize] as char;
            n /= 36;
            c
        })
        .collect()
}
