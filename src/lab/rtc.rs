//! The back end as administrators query it: the rows of the front end's `rtc` SQL database
//! that hold a user's call routing — `rtc.dbo.Resource` and the routing (category 8) rows of
//! `rtc.dbo.PublishedStaticInstance` — built from the lab's own state (back-end delegate
//! records, call forwarding, ring delay, Receive Calls; B5, B6, B9, B12). Support engineers
//! put these beside what the customer's query returned.
//!
//! # What is confirmed, and from where
//!
//! - Table and column names `rtc.dbo.Resource` (`ResourceId`, `UserAtHost` as `user@host`),
//!   `rtc.dbo.PublishedStaticInstance` (`PublisherId` = the publisher's `ResourceId`,
//!   `CategoryId`, `ContainerNum`, `Data`), and that category 8 is routing ("The CategoryID
//!   should be 8, which comes from the CategoryDef table and refers to routing"; "ContainerNum
//!   0 (which is everyone level)"; `value=""` once simultaneous ring is turned off):
//!   Richard Brynteson, "Quick Tip: Finding SimRing Settings in the Database",
//!   masteringlync.com, 2016-10-05; "Looking up published telephone numbers in the database",
//!   masteringlync.com, 2014-05-19.
//! - The `clientflags` values a real client leaves for each call-forwarding choice, and that
//!   a target is written `<target uri="sip:…"></target>` (end tags, not `/>`): the SQL
//!   queries of Start-SefaUtil.ps1 ("Sefautil Gui 2.0", Johan Veldhuis, johanveldhuis.nl,
//!   2015), which match `Data` against `value="delegate_ring forward_audio_app_invites"`
//!   (simultaneously ring delegates), `value="delegate_ring forward_audio_app_invites
//!   skip_primary"` (forward to delegates), `value="enablecf forward_immediate"` (forward to
//!   a number or contact), `value="simultaneous_ring"` (simultaneously ring a number),
//!   `value="team_ring"`, and read `<list name="delegates">`, `<list name="forwardto">`,
//!   `<list name="simultaneous_ring">`, `<list name="team">` and `<wait name="total" …>`.
//! - The element and attribute names, the namespace
//!   `http://schemas.microsoft.com/2006/09/sip/routing`, `name="rtcdefault"` (a fixed
//!   value), instance 0 in container 0 for the general settings, and what each flag, list and
//!   wait means: Microsoft, "routing category instance value element", "routing/preamble/flags
//!   element", "routing/preamble/list element", "routing/preamble/wait element" (Lync 2013 |
//!   Lync Server 2013 schema reference, learn.microsoft.com/en-us/lync/schema); [MS-SIPRE]
//!   3.9.5.1.2 "Routing Element Flags", 3.9.5.2.2.2 "Delegate Ringing" (the server forks the
//!   call to every target of the delegates list), 4.7.2 "Simultaneous Ring" (a number as
//!   `sip:+14255550100@contoso.com;user=phone`); 2.2.9 (with `version="1"` the
//!   `minSupportedClientVersion` attribute SHOULD NOT be present, so the lab leaves it out).
//!
//! # What is reconstructed (lab assumptions, shown as such in the inspector)
//!
//! - `ResourceId` = 1000 + the user's place in the lab; the real number is whatever the
//!   database handed out.
//! - One row per user, container 0 instance 0 only (real data has rows in other containers
//!   too), as if every user's client had published once; `Version` 1 (the lab does not count
//!   republications). The column names `InstanceNum` and `Version` were not found in a source.
//! - That the Outlook sync (B5) and SEFAUtil write the same `delegates` list as the Call
//!   Forwarding dialog; that a delegate whose Receive Calls box is cleared is left out of it
//!   (the server forks to every listed target, and such a delegate does not ring); the order
//!   of the elements; one line with no spaces between elements; `<wait name="total"
//!   seconds="20">` (unanswered calls: voice mail in 20 seconds, W14) and `<wait name="user"
//!   seconds="…">` for the delegates' ring delay; `forward_immediate` without `enablecf` for
//!   forwarding to voice mail (from [MS-SIPRE] 3.9.5.1.2, not seen in data).

use serde::Serialize;

use super::Lab;
use super::directory::{Directory, UserIx};
use super::voice::{ForwardTarget, Forwarding, SimulRingTarget, UNANSWERED_SECONDS};

/// `CategoryId` of the routing category in `rtc.dbo.CategoryDef`.
pub const ROUTING_CATEGORY_ID: u32 = 8;

/// The routing namespace of the `Data` XML.
pub const ROUTING_NAMESPACE: &str = "http://schemas.microsoft.com/2006/09/sip/routing";

/// What the inspector and `state` say about the parts the lab made up.
pub const RECONSTRUCTED_NOTE: &str = "Reconstructed (lab assumption): ResourceId (1000 + the \
user's place in the lab), Version, one row per user in container 0 only, the order and spacing \
of the XML, the wait elements, and which delegates are listed (every back-end record whose \
Receive Calls is on). Confirmed from published queries and Microsoft's routing schema: the \
tables and columns PublisherId, CategoryId 8 (routing), ContainerNum and Data, and the \
clientflags values.";

/// A row of `rtc.dbo.Resource`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ResourceRow {
    /// Lab assumption: 1000 + the user's place in the lab.
    pub resource_id: u32,
    /// `user21@contoso.com`.
    pub user_at_host: String,
}

/// A row of `rtc.dbo.PublishedStaticInstance`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PublishedStaticInstanceRow {
    /// The publisher's `ResourceId`.
    pub publisher_id: u32,
    pub category_id: u32,
    pub instance_num: u32,
    pub container_num: u32,
    pub version: u32,
    /// `Data` as `cast(cast([Data] as varbinary(max)) as varchar(max))` shows it.
    pub data_xml: String,
}

/// The rows of both tables, in the lab's user order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RtcTables {
    pub resource: Vec<ResourceRow>,
    pub published_static_instance: Vec<PublishedStaticInstanceRow>,
}

/// A user's `ResourceId` (lab assumption: 1000 + their place in the lab).
pub fn resource_id(user: UserIx) -> u32 {
    1000 + user.0
}

impl Lab {
    /// The `rtc` database's routing rows as SQL returns them (see the module's notes for what
    /// is confirmed and what is reconstructed).
    pub fn rtc(&self) -> RtcTables {
        let dir = self.directory();
        let resource = dir
            .users()
            .map(|(u, _)| ResourceRow {
                resource_id: resource_id(u),
                user_at_host: dir.email(u),
            })
            .collect();
        let published_static_instance = dir
            .users()
            .map(|(u, _)| PublishedStaticInstanceRow {
                publisher_id: resource_id(u),
                category_id: ROUTING_CATEGORY_ID,
                instance_num: 0,
                container_num: 0,
                version: 1,
                data_xml: self.routing_xml(u),
            })
            .collect();
        RtcTables {
            resource,
            published_static_instance,
        }
    }

    /// The routing category instance a user's client publishes (container 0, instance 0).
    pub fn routing_xml(&self, user: UserIx) -> String {
        let dir = self.directory();
        let server = self.server();
        let calls = server.call_settings(user);
        let delegates: Vec<String> = server
            .delegates_of(user)
            .into_iter()
            .filter(|d| !calls.receive_calls_off.contains(d))
            .map(|d| dir.sip_uri(d))
            .collect();
        let mut lists: Vec<(&str, Vec<String>)> = vec![("delegates", delegates)];
        let flags = match &calls.forwarding {
            Forwarding::Off => "",
            Forwarding::ForwardTo(ForwardTarget::VoiceMail) => "forward_immediate",
            Forwarding::ForwardTo(ForwardTarget::Delegates) => {
                "delegate_ring forward_audio_app_invites skip_primary"
            }
            Forwarding::ForwardTo(ForwardTarget::Contact(name)) => {
                let uri = dir
                    .find_user(name)
                    .map(|c| dir.sip_uri(c))
                    .unwrap_or_else(|| format!("sip:{}", name.0));
                lists.push(("forwardto", vec![uri]));
                "enablecf forward_immediate"
            }
            Forwarding::ForwardTo(ForwardTarget::Number(number)) => {
                lists.push(("forwardto", vec![phone_uri(number, dir)]));
                "enablecf forward_immediate"
            }
            Forwarding::SimultaneouslyRing(SimulRingTarget::Delegates) => {
                "delegate_ring forward_audio_app_invites"
            }
            Forwarding::SimultaneouslyRing(SimulRingTarget::TeamCall) => {
                lists.push(("team", Vec::new()));
                "team_ring"
            }
            Forwarding::SimultaneouslyRing(SimulRingTarget::Number(number)) => {
                lists.push(("simultaneous_ring", vec![phone_uri(number, dir)]));
                "simultaneous_ring"
            }
        };
        let mut xml = format!(
            r#"<routing xmlns="{ROUTING_NAMESPACE}" name="rtcdefault" version="1"><preamble>"#
        );
        for (name, targets) in &lists {
            xml.push_str(&format!(r#"<list name="{name}">"#));
            for uri in targets {
                xml.push_str(&format!(
                    r#"<target uri="{}"></target>"#,
                    crate::text::xml(uri)
                ));
            }
            xml.push_str("</list>");
        }
        xml.push_str(&format!(
            r#"<flags name="clientflags" value="{flags}"></flags>"#
        ));
        xml.push_str(&format!(
            r#"<wait name="total" seconds="{UNANSWERED_SECONDS}"></wait>"#
        ));
        if calls.forwarding == Forwarding::SimultaneouslyRing(SimulRingTarget::Delegates) {
            xml.push_str(&format!(
                r#"<wait name="user" seconds="{}"></wait>"#,
                calls.ring_delay
            ));
        }
        xml.push_str("</preamble></routing>");
        xml
    }
}

/// A phone number as a routing target: `sip:+14255550199@contoso.com;user=phone`.
fn phone_uri(number: &str, dir: &Directory) -> String {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    format!("sip:+{digits}@{};user=phone", dir.domain)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::{Action, LabSpec};
    use crate::scenario::{Step, parse, run_each};

    const USER21_TARGET: &str = r#"<target uri="sip:user21@contoso.com"></target>"#;

    fn scenario(file: &str) -> crate::scenario::Scenario {
        let path = format!("{}/saves/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn user(lab: &Lab, id: &str) -> UserIx {
        lab.directory().find_user(id).expect("the lab has the user")
    }

    /// The routing row of a user, as the `rtc` query returns it.
    fn routing_row(lab: &Lab, id: &str) -> PublishedStaticInstanceRow {
        let publisher = resource_id(user(lab, id));
        lab.rtc()
            .published_static_instance
            .into_iter()
            .find(|r| r.publisher_id == publisher && r.category_id == ROUTING_CATEGORY_ID)
            .expect("every user has a routing row")
    }

    #[test]
    fn the_seed_walkthroughs_sync_lists_user21_in_user20s_delegates() {
        let mut before_sync = None;
        let mut after_sync = None;
        let mut user21_after = None;
        run_each(
            &scenario("seed-walkthrough.ron"),
            None,
            |lab, number, _, _| {
                let has_record = lab
                    .server()
                    .record(user(lab, "user20"), user(lab, "user21"))
                    .is_some();
                if !has_record && after_sync.is_none() {
                    before_sync = Some((number, routing_row(lab, "user20").data_xml));
                } else if has_record && after_sync.is_none() {
                    after_sync = Some((number, routing_row(lab, "user20").data_xml));
                    user21_after = Some(routing_row(lab, "user21").data_xml);
                }
            },
        );
        let (before_step, before) = before_sync.expect("steps before the sync");
        let (after_step, after) = after_sync.expect("the walkthrough's sync creates the record");
        assert_eq!(before_step + 1, after_step);
        assert!(
            !before.contains(USER21_TARGET),
            "before the sync (step {before_step}) User20's routing lists no delegate: {before}"
        );
        assert!(
            before.contains(r#"<list name="delegates"></list>"#),
            "{before}"
        );
        assert!(
            after.contains(&format!(r#"<list name="delegates">{USER21_TARGET}</list>"#)),
            "after the sync (step {after_step}): {after}"
        );
        assert!(after.starts_with(
            r#"<routing xmlns="http://schemas.microsoft.com/2006/09/sip/routing" name="rtcdefault" version="1"><preamble>"#
        ));
        assert!(
            after.contains(r#"<flags name="clientflags" value=""></flags>"#),
            "{after}"
        );
        let user21 = user21_after.expect("User21's row");
        assert!(
            user21.contains(r#"<list name="delegates"></list>"#),
            "User21 is nobody's delegator: {user21}"
        );
    }

    #[test]
    fn resource_rows_follow_the_lab_users_order() {
        let lab = Lab::new(LabSpec::contoso());
        let rtc = lab.rtc();
        let hosts: Vec<(u32, &str)> = rtc
            .resource
            .iter()
            .map(|r| (r.resource_id, r.user_at_host.as_str()))
            .collect();
        assert_eq!(
            hosts,
            [
                (1000, "user20@contoso.com"),
                (1001, "user21@contoso.com"),
                (1002, "administrator@contoso.com")
            ]
        );
        let publishers: Vec<u32> = rtc
            .published_static_instance
            .iter()
            .map(|r| r.publisher_id)
            .collect();
        assert_eq!(publishers, [1000, 1001, 1002]);
        assert!(rtc.published_static_instance.iter().all(|r| (
            r.category_id,
            r.container_num,
            r.instance_num
        ) == (8, 0, 0)));
    }

    /// User20's clientflags after each step of the EV scenario whose text contains `marker`.
    fn ev_routing_after(marker: &str) -> Vec<String> {
        let mut found = Vec::new();
        run_each(
            &scenario("part-2-enterprise-voice.ron"),
            None,
            |lab, _, step: &Step, _| {
                if step.to_string().contains(marker) {
                    found.push(routing_row(lab, "user20").data_xml);
                }
            },
        );
        assert!(
            !found.is_empty(),
            "the EV scenario has a step with {marker}"
        );
        found
    }

    #[test]
    fn the_ev_scenarios_ringing_choices_show_as_their_clientflags() {
        let simul = &ev_routing_after("SimultaneouslyRing(Delegates)")[0];
        assert!(
            simul.contains(r#"value="delegate_ring forward_audio_app_invites">"#),
            "{simul}"
        );
        assert!(simul.contains(USER21_TARGET), "{simul}");
        assert!(
            simul.contains(r#"<wait name="user" seconds="0"></wait>"#),
            "{simul}"
        );

        let off = &ev_routing_after("receive: false")[0];
        assert!(
            !off.contains(USER21_TARGET),
            "Receive Calls off: not rung, not listed: {off}"
        );

        let delayed = &ev_routing_after("SetDelegateRingDelay")[0];
        assert!(delayed.contains(USER21_TARGET), "{delayed}");
        assert!(
            delayed.contains(r#"<wait name="user" seconds="10"></wait>"#),
            "{delayed}"
        );

        let forward = &ev_routing_after("ForwardTo(Delegates)")[0];
        assert!(
            forward.contains(r#"value="delegate_ring forward_audio_app_invites skip_primary">"#),
            "{forward}"
        );
        assert!(!forward.contains(r#"<wait name="user""#), "{forward}");
    }

    #[test]
    fn forwarding_to_a_number_or_voice_mail_writes_its_own_list_and_flags() {
        let spec: LabSpec = ron::from_str(
            r#"Lab(domain: "contoso.com", users: [User(id: "user20", name: "User20", enterprise_voice: true)], computers: ["USER20-PC"])"#,
        )
        .unwrap();
        let mut lab = Lab::new(spec);
        let apply = |lab: &mut Lab, text: &str| {
            let action: Action = ron::from_str(text).unwrap();
            let outcome = lab.apply(&action);
            assert!(outcome.is_ok(), "{text}: {outcome}");
        };
        apply(&mut lab, r#"SignIn(user: "user20", computer: "USER20-PC")"#);
        apply(
            &mut lab,
            r#"SetCallForwarding(user: "user20", computer: "USER20-PC", forwarding: ForwardTo(Number("+1 (425) 555-0199")))"#,
        );
        let xml = routing_row(&lab, "user20").data_xml;
        assert!(xml.contains(r#"<list name="forwardto"><target uri="sip:+14255550199@contoso.com;user=phone"></target></list>"#), "{xml}");
        assert!(
            xml.contains(r#"value="enablecf forward_immediate">"#),
            "{xml}"
        );
        apply(
            &mut lab,
            r#"SetCallForwarding(user: "user20", computer: "USER20-PC", forwarding: ForwardTo(VoiceMail))"#,
        );
        let xml = routing_row(&lab, "user20").data_xml;
        assert!(xml.contains(r#"value="forward_immediate">"#), "{xml}");
        assert!(!xml.contains("forwardto"), "{xml}");
    }

    #[test]
    fn odd_characters_in_a_uri_are_escaped() {
        let spec: LabSpec = ron::from_str(
            r#"Lab(domain: "r&d<\"x'>.com", users: [User(id: "boss", name: "Boss & <Co>"), User(id: "pa", name: "P\"A")], computers: ["PC"])"#,
        )
        .unwrap();
        let mut lab = Lab::new(spec);
        // A record as any route writes it (the lab's own field: this is about the XML).
        let (boss, pa) = (user(&lab, "boss"), user(&lab, "pa"));
        lab.server.create_record(
            boss,
            pa,
            crate::lab::lync_server::RecordOrigin {
                created: lab.now(),
                action_number: 1,
                route: crate::lab::lync_server::RecordRoute::SefaUtil,
            },
        );
        let xml = routing_row(&lab, "boss").data_xml;
        assert!(
            xml.contains(r#"<target uri="sip:pa@r&amp;d&lt;&quot;x&apos;&gt;.com"></target>"#),
            "{xml}"
        );
        assert!(
            !xml.contains("Boss"),
            "display names never reach the XML: {xml}"
        );
        assert_eq!(
            crate::text::xml(r#"a&b<c>"d'"#),
            "a&amp;b&lt;c&gt;&quot;d&apos;"
        );
    }
}
