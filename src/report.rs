//! The observable state of a lab — what `delegate-lab state` prints as text or JSON.

use std::collections::BTreeSet;
use std::fmt::{self, Write as _};

use serde::Serialize;

use crate::lab::exchange::{DelegatePermissions, Meeting};
use crate::lab::registry::lync_key_path;
use crate::lab::rtc::{self, RtcTables};
use crate::lab::voice::bool_text;
use crate::lab::{Lab, Seat, UserIx, sync_setting};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LabReport {
    /// Actions applied so far.
    pub actions: u32,
    pub time: String,
    pub users: Vec<UserReport>,
    pub seats: Vec<SeatReport>,
    pub backend_delegates: Vec<RecordReport>,
    pub client_policies: Vec<PolicyReport>,
    pub voice_policies: Vec<VoicePolicyReport>,
    pub trusted_applications: Vec<String>,
    /// The last call placed and whose Lync rang (B12).
    pub last_call: Option<CallReport>,
    pub faults: Vec<String>,
    pub screens: Vec<ScreenReport>,
    /// The front end's `rtc` database as an administrator's SQL query shows it: the users'
    /// `Resource` rows and their routing (category 8) `PublishedStaticInstance` rows.
    pub rtc: RtcTables,
    /// How many of the first actions the event log no longer keeps (it keeps its newest
    /// [`crate::lab::LOG_KEPT_LINES`] lines); left out while it keeps them all.
    #[serde(skip_serializing_if = "is_zero")]
    pub log_earlier: u64,
    pub log: Vec<LogReport>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UserReport {
    pub id: String,
    pub name: String,
    pub sip_uri: String,
    pub enterprise_voice: bool,
    pub effective_client_policy: String,
    pub effective_voice_policy: String,
    pub line_uri: Option<String>,
    /// The Call Forwarding page's setting (B12).
    pub call_forwarding: String,
    pub delegate_ring_delay: u32,
    pub receive_calls_off: Vec<String>,
    pub outlook_delegates: Vec<DelegateReport>,
    pub meeting_request_delivery: String,
    /// Back-end records where this user is the delegator.
    pub backend_delegates: Vec<String>,
    /// Back-end records where this user is the delegate.
    pub backend_delegators: Vec<String>,
    pub calendar: Vec<MeetingReport>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DelegateReport {
    pub delegate: String,
    pub calendar: String,
    pub tasks: String,
    pub inbox: String,
    pub contacts: String,
    pub notes: String,
    pub receives_meeting_copies: bool,
    pub see_private_items: bool,
}

impl DelegateReport {
    fn new(delegate: String, p: &DelegatePermissions) -> Self {
        DelegateReport {
            delegate,
            calendar: p.calendar.to_string(),
            tasks: p.tasks.to_string(),
            inbox: p.inbox.to_string(),
            contacts: p.contacts.to_string(),
            notes: p.notes.to_string(),
            receives_meeting_copies: p.receives_meeting_copies,
            see_private_items: p.see_private_items,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeetingReport {
    pub subject: String,
    pub from: String,
    pub attendees: Vec<String>,
    pub start: String,
    pub end: String,
    pub join_url: Option<String>,
    pub conference_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SeatReport {
    pub user: String,
    pub computer: String,
    pub outlook_running: bool,
    pub shared_calendars: Vec<String>,
    pub meeting_form: Option<MeetingReport>,
    /// "signed in", "signed out" (running) or "not running".
    pub lync: String,
    pub policy_read_at_sign_in: Option<String>,
    pub voice_policy_read_at_sign_in: Option<String>,
    pub profile_published: Option<Vec<String>>,
    pub pending_removals: Vec<String>,
    pub groups: Vec<GroupReport>,
    pub banners: Vec<String>,
    pub registry: Option<RegistryReport>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupReport {
    pub name: String,
    pub members: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RegistryReport {
    pub key: String,
    pub last_delegator_list: String,
    pub outstanding_delegator_list: String,
    pub dismissed_delegator_list: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RecordReport {
    pub delegator: String,
    pub delegate: String,
    pub created: String,
    pub action_number: u32,
    pub created_by: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PolicyReport {
    pub identity: String,
    pub enable_exchange_delegate_sync: Option<bool>,
    pub granted_to: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VoicePolicyReport {
    pub identity: String,
    pub enable_delegation: bool,
    pub granted_to: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CallReport {
    pub caller: String,
    pub callee: String,
    /// "user21 on USER21-PC (delegate, after 10 s)".
    pub rang: Vec<String>,
    pub ringing_now: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScreenReport {
    pub computer: String,
    pub logged_on: Option<String>,
    pub windows: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LogReport {
    pub number: u32,
    pub time: String,
    pub action: String,
    pub outcome: String,
    pub lines: Vec<String>,
    pub output: Vec<String>,
}

fn meeting_report(lab: &Lab, m: &Meeting) -> MeetingReport {
    let dir = lab.directory();
    MeetingReport {
        subject: m.subject.clone(),
        from: m
            .on_behalf_of(dir)
            .unwrap_or_else(|| dir.name(m.owner).to_owned()),
        attendees: m.attendees.iter().map(|&a| dir.id(a).to_owned()).collect(),
        start: m.start.to_string(),
        end: m.end.to_string(),
        join_url: m.join.as_ref().map(|j| j.url.clone()),
        conference_id: m.join.as_ref().map(|j| j.conference_id.clone()),
    }
}

impl LabReport {
    pub fn new(lab: &Lab) -> Self {
        let dir = lab.directory();
        let id = |u: UserIx| dir.id(u).to_owned();
        let server = lab.server();
        let users = dir
            .users()
            .map(|(u, user)| {
                let mailbox = lab.mailbox(u);
                let calls = server.call_settings(u);
                UserReport {
                    id: user.id.clone(),
                    name: user.name.clone(),
                    sip_uri: dir.sip_uri(u),
                    enterprise_voice: user.enterprise_voice,
                    effective_client_policy: server.effective_policy(u).identity.clone(),
                    effective_voice_policy: server.voice.effective(u).identity.clone(),
                    line_uri: lab.line_uri(u),
                    call_forwarding: calls.forwarding.to_string(),
                    delegate_ring_delay: calls.ring_delay,
                    receive_calls_off: calls.receive_calls_off.iter().map(|&d| id(d)).collect(),
                    outlook_delegates: mailbox
                        .delegates
                        .iter()
                        .map(|d| DelegateReport::new(id(d.user), &d.permissions))
                        .collect(),
                    meeting_request_delivery: mailbox.delivery.label().to_owned(),
                    backend_delegates: server.delegates_of(u).into_iter().map(id).collect(),
                    backend_delegators: server.delegators_of(u).into_iter().map(id).collect(),
                    calendar: mailbox
                        .calendar
                        .iter()
                        .filter_map(|&m| lab.meeting(m))
                        .map(|m| meeting_report(lab, m))
                        .collect(),
                }
            })
            .collect();
        let mut seat_keys: BTreeSet<Seat> = lab.clients().map(|(s, _)| s).collect();
        seat_keys.extend(lab.outlook_sessions().map(|(s, _)| s));
        seat_keys.extend(lab.hives().map(|(s, _)| s));
        let seats = seat_keys
            .into_iter()
            .map(|seat| {
                let (u, c) = seat;
                let client = lab.client(seat);
                let outlook = lab.outlook(seat);
                SeatReport {
                    user: id(u),
                    computer: dir.computer(c).to_owned(),
                    outlook_running: outlook.is_some(),
                    shared_calendars: outlook
                        .map(|o| o.shared_calendars.iter().map(|&x| id(x)).collect())
                        .unwrap_or_default(),
                    meeting_form: outlook
                        .and_then(|o| o.draft.as_ref())
                        .map(|m| meeting_report(lab, m)),
                    lync: match client {
                        Some(c) if c.signed_in => "signed in",
                        Some(c) if c.running => "signed out",
                        _ => "not running",
                    }
                    .into(),
                    policy_read_at_sign_in: client.and_then(|c| c.policy_read.as_ref()).map(|r| {
                        format!(
                            "{} (EnableExchangeDelegateSync {})",
                            r.identity,
                            sync_setting(r.enable_exchange_delegate_sync)
                        )
                    }),
                    voice_policy_read_at_sign_in: client.and_then(|c| c.voice_read.as_ref()).map(
                        |r| {
                            format!(
                                "{} (EnableDelegation {}){}",
                                r.identity,
                                bool_text(r.enable_delegation),
                                if r.enterprise_voice {
                                    ", Enterprise Voice"
                                } else {
                                    ""
                                }
                            )
                        },
                    ),
                    profile_published: client
                        .and_then(|c| c.profile.as_ref())
                        .map(|p| p.published.iter().map(|&x| id(x)).collect()),
                    pending_removals: client
                        .map(|c| c.pending_removals().map(id).collect())
                        .unwrap_or_default(),
                    groups: lab
                        .contact_groups(seat)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|g| GroupReport {
                            name: g.name.into(),
                            members: g.members.into_iter().map(id).collect(),
                        })
                        .collect(),
                    banners: lab
                        .banners(seat)
                        .iter()
                        .map(|b| lab.banner_text(b))
                        .collect(),
                    registry: lab.delegator_lists(seat).map(|l| RegistryReport {
                        key: lync_key_path(&dir.email(u)),
                        last_delegator_list: lab.registry_text(&l.last),
                        outstanding_delegator_list: lab.registry_text(&l.outstanding),
                        dismissed_delegator_list: lab.registry_text(&l.dismissed),
                    }),
                }
            })
            .collect();
        let backend_delegates = server
            .records()
            .map(|(a, b, origin)| RecordReport {
                delegator: id(a),
                delegate: id(b),
                created: origin.created.to_string(),
                action_number: origin.action_number,
                created_by: origin.route.describe(dir),
            })
            .collect();
        let client_policies = server
            .policies
            .iter()
            .map(|p| PolicyReport {
                identity: p.identity.clone(),
                enable_exchange_delegate_sync: p.enable_exchange_delegate_sync,
                granted_to: server
                    .grants
                    .iter()
                    .filter(|(_, g)| **g == p.identity)
                    .map(|(&u, _)| id(u))
                    .collect(),
            })
            .collect();
        let voice_policies = server
            .voice
            .policies
            .iter()
            .map(|p| VoicePolicyReport {
                identity: p.identity.clone(),
                enable_delegation: p.enable_delegation,
                granted_to: server
                    .voice
                    .grants
                    .iter()
                    .filter(|(_, g)| **g == p.identity)
                    .map(|(&u, _)| id(u))
                    .collect(),
            })
            .collect();
        let trusted_applications = server
            .trusted_apps
            .iter()
            .map(|a| {
                format!(
                    "{} on {}, port {}{}",
                    a.application_id,
                    a.pool_fqdn,
                    a.port,
                    if a.published { "" } else { " (not published)" }
                )
            })
            .collect();
        let last_call = lab.last_call().map(|call| CallReport {
            caller: id(call.caller),
            callee: id(call.callee),
            rang: call
                .rang
                .iter()
                .map(|&(u, c, reason)| format!("{} on {} ({reason})", id(u), dir.computer(c)))
                .collect(),
            ringing_now: call.active,
        });
        let mut faults: Vec<String> = lab
            .faults()
            .map(|((u, c), f)| {
                format!(
                    "stuck sync: {} on {}{}",
                    id(u),
                    dir.computer(c),
                    if f.profile_deleted {
                        " (profile deleted; reboot clears it)"
                    } else {
                        ""
                    }
                )
            })
            .collect();
        faults.extend(
            lab.mapi_faults()
                .map(|(u, c)| format!("MAPI unavailable: {} on {}", id(u), dir.computer(c))),
        );
        let screens = dir
            .computers()
            .map(|(c, name)| ScreenReport {
                computer: name.to_owned(),
                logged_on: lab.screen_of(c).logged_on.map(id),
                windows: lab.window_titles(c),
            })
            .collect();
        let log = lab
            .log()
            .iter()
            .map(|e| LogReport {
                number: e.number,
                time: e.time.to_string(),
                action: e.action.clone(),
                outcome: e.outcome.to_string(),
                lines: e.lines.clone(),
                output: e.output.clone(),
            })
            .collect();
        LabReport {
            actions: lab.steps(),
            time: lab.now().to_string(),
            users,
            seats,
            backend_delegates,
            client_policies,
            voice_policies,
            trusted_applications,
            last_call,
            faults,
            screens,
            rtc: lab.rtc(),
            log_earlier: lab.log_dropped(),
            log,
        }
    }
}

fn or_none(items: &[String]) -> String {
    if items.is_empty() {
        "(none)".into()
    } else {
        items.join(", ")
    }
}

impl fmt::Display for LabReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        let _ = writeln!(out, "Lab after {} action(s), {}", self.actions, self.time);
        let _ = writeln!(out, "\nUsers");
        for u in &self.users {
            let _ = writeln!(
                out,
                "  {} ({}, {}) — client policy {}{}",
                u.id,
                u.name,
                u.sip_uri,
                u.effective_client_policy,
                if u.enterprise_voice {
                    ", Enterprise Voice"
                } else {
                    ""
                }
            );
            if u.enterprise_voice || u.call_forwarding != "Turn off call forwarding" {
                let mut calls = format!(
                    "    Voice policy {}; {}; {}",
                    u.effective_voice_policy,
                    u.line_uri.as_deref().unwrap_or("no LineURI"),
                    u.call_forwarding
                );
                if u.delegate_ring_delay > 0 {
                    calls.push_str(&format!(
                        "; delegates ring after {} s",
                        u.delegate_ring_delay
                    ));
                }
                if !u.receive_calls_off.is_empty() {
                    calls.push_str(&format!(
                        "; Receive Calls off for {}",
                        u.receive_calls_off.join(", ")
                    ));
                }
                let _ = writeln!(out, "{calls}");
            } else if u.effective_voice_policy != "Global" {
                let _ = writeln!(out, "    Voice policy {}", u.effective_voice_policy);
            }
            for d in &u.outlook_delegates {
                let _ = writeln!(
                    out,
                    "    Outlook delegate {}: Calendar {}, Tasks {}, Inbox {}, Contacts {}, Notes {}; receives meeting copies {}; sees private items {}",
                    d.delegate,
                    d.calendar,
                    d.tasks,
                    d.inbox,
                    d.contacts,
                    d.notes,
                    d.receives_meeting_copies,
                    d.see_private_items
                );
            }
            if !u.outlook_delegates.is_empty() {
                let _ = writeln!(
                    out,
                    "    Meeting requests go to: {}",
                    u.meeting_request_delivery
                );
            }
            if !u.backend_delegates.is_empty() || !u.backend_delegators.is_empty() {
                let _ = writeln!(
                    out,
                    "    Back end: delegates {}; delegate for {}",
                    or_none(&u.backend_delegates),
                    or_none(&u.backend_delegators)
                );
            }
            for m in &u.calendar {
                let _ = writeln!(
                    out,
                    "    Meeting {:?} from {} at {}{}",
                    m.subject,
                    m.from,
                    m.start,
                    m.join_url
                        .as_ref()
                        .map(|u| format!(", Lync Meeting {u}"))
                        .unwrap_or_default()
                );
            }
        }
        let _ = writeln!(out, "\nClients (user on computer)");
        for s in &self.seats {
            let _ = writeln!(
                out,
                "  {} on {}: Outlook {}, Lync {}",
                s.user,
                s.computer,
                if s.outlook_running {
                    "running"
                } else {
                    "not running"
                },
                s.lync
            );
            if !s.shared_calendars.is_empty() {
                let _ = writeln!(
                    out,
                    "    Shared calendars: {}",
                    s.shared_calendars.join(", ")
                );
            }
            if let Some(m) = &s.meeting_form {
                let _ = writeln!(
                    out,
                    "    Meeting form: {:?} from {}{}",
                    m.subject,
                    m.from,
                    m.join_url
                        .as_ref()
                        .map(|u| format!(", Lync Meeting {u}"))
                        .unwrap_or_default()
                );
            }
            if let Some(p) = &s.policy_read_at_sign_in {
                let _ = writeln!(out, "    Policy read at sign-in: {p}");
            }
            if let Some(p) = &s.voice_policy_read_at_sign_in {
                let _ = writeln!(out, "    Voice policy read at sign-in: {p}");
            }
            if let Some(p) = &s.profile_published {
                let _ = writeln!(out, "    Lync profile: published {}", or_none(p));
            }
            if !s.pending_removals.is_empty() {
                let _ = writeln!(
                    out,
                    "    Pending removals from Delegates: {}",
                    s.pending_removals.join(", ")
                );
            }
            for g in &s.groups {
                let _ = writeln!(out, "    Group {:?}: {}", g.name, or_none(&g.members));
            }
            for b in &s.banners {
                let _ = writeln!(out, "    Banner: {b}");
            }
            if let Some(r) = &s.registry {
                let _ = writeln!(out, "    Registry {}", r.key);
                let _ = writeln!(
                    out,
                    "      Last DelegatorList        = {:?}",
                    r.last_delegator_list
                );
                let _ = writeln!(
                    out,
                    "      Outstanding DelegatorList = {:?}",
                    r.outstanding_delegator_list
                );
                let _ = writeln!(
                    out,
                    "      Dismissed DelegatorList   = {:?}",
                    r.dismissed_delegator_list
                );
            }
        }
        let _ = writeln!(out, "\nBack-end delegate records");
        if self.backend_delegates.is_empty() {
            let _ = writeln!(out, "  (none)");
        }
        for r in &self.backend_delegates {
            let _ = writeln!(
                out,
                "  {} → {}: created {} (action {}) {}",
                r.delegator, r.delegate, r.created, r.action_number, r.created_by
            );
        }
        let _ = writeln!(out, "\nClient policies");
        for p in &self.client_policies {
            let _ = writeln!(
                out,
                "  {}: EnableExchangeDelegateSync {}{}",
                p.identity,
                sync_setting(p.enable_exchange_delegate_sync),
                if p.granted_to.is_empty() {
                    String::new()
                } else {
                    format!("; granted to {}", p.granted_to.join(", "))
                }
            );
        }
        let _ = writeln!(out, "\nVoice policies");
        for p in &self.voice_policies {
            let _ = writeln!(
                out,
                "  {}: EnableDelegation {}{}",
                p.identity,
                bool_text(p.enable_delegation),
                if p.granted_to.is_empty() {
                    String::new()
                } else {
                    format!("; granted to {}", p.granted_to.join(", "))
                }
            );
        }
        if !self.trusted_applications.is_empty() {
            let _ = writeln!(out, "\nTrusted applications");
            for app in &self.trusted_applications {
                let _ = writeln!(out, "  {app}");
            }
        }
        if let Some(call) = &self.last_call {
            let _ = writeln!(
                out,
                "\n{} call: {} → {}; rang: {}",
                if call.ringing_now { "Ringing" } else { "Last" },
                call.caller,
                call.callee,
                or_none(&call.rang)
            );
        }
        if !self.faults.is_empty() {
            let _ = writeln!(out, "\nLab faults");
            for fault in &self.faults {
                let _ = writeln!(out, "  {fault}");
            }
        }
        let _ = writeln!(out, "\nrtc database (as SQL shows it)");
        let _ = writeln!(out, "  rtc.dbo.Resource");
        let _ = writeln!(out, "    ResourceId  UserAtHost");
        for r in &self.rtc.resource {
            let _ = writeln!(out, "    {:<10}  {}", r.resource_id, r.user_at_host);
        }
        let _ = writeln!(
            out,
            "  rtc.dbo.PublishedStaticInstance (CategoryId {}, routing)",
            rtc::ROUTING_CATEGORY_ID
        );
        for r in &self.rtc.published_static_instance {
            let _ = writeln!(
                out,
                "    PublisherId {}, CategoryId {}, InstanceNum {}, ContainerNum {}, Version {}",
                r.publisher_id, r.category_id, r.instance_num, r.container_num, r.version
            );
            let _ = writeln!(out, "      Data: {}", r.data_xml);
        }
        let _ = writeln!(out, "  Note: {}", rtc::RECONSTRUCTED_NOTE);
        let _ = writeln!(out, "\nScreens");
        for s in &self.screens {
            let _ = writeln!(
                out,
                "  {}: {} logged on; windows: {}",
                s.computer,
                s.logged_on.as_deref().unwrap_or("nobody"),
                or_none(&s.windows)
            );
        }
        let _ = writeln!(out, "\nEvent log");
        if self.log_earlier > 0 {
            let _ = writeln!(
                out,
                "  (the first {} actions are no longer kept: the event log keeps its newest {} lines)",
                self.log_earlier,
                crate::lab::LOG_KEPT_LINES
            );
        }
        for e in &self.log {
            let _ = writeln!(
                out,
                "  {:>4}  {}  {}  → {}",
                e.number, e.time, e.action, e.outcome
            );
            for line in &e.lines {
                let _ = writeln!(out, "          {line}");
            }
            for line in &e.output {
                let _ = writeln!(out, "          | {line}");
            }
        }
        f.write_str(&out)
    }
}
