//! Property tests: random sequences of actions never panic, keep the registry lists sane and
//! replay to the same lab.

mod common;

use delegate_lab::lab::exchange::{Level, MeetingRequestDelivery, Permissions};
use delegate_lab::lab::{Action, ComputerName, Fault, Lab, UserName};
use proptest::prelude::*;

const USERS: &[&str] = &[
    "user20",
    "user21",
    "administrator",
    "User20",
    "sip:user21@contoso.com",
    "ghost",
];
const COMPUTERS: &[&str] = &[
    "USER20-PC",
    "USER21-PC",
    "USER21-LAPTOP",
    "LYNC-FE01",
    "user20-pc",
    "NOWHERE",
];
const WINDOWS: &[&str] = &[
    "Outlook",
    "Lync",
    "Registry Editor",
    "Lync Server Management Shell",
    "Delegates",
    "Add Users",
    "Open a Shared Calendar",
    "Meeting",
    "Microsoft Outlook",
    "Delegate Permissions: User21",
    "Paint",
];
const COMMANDS: &[&str] = &[
    "Set-CsClientPolicy Global –EnableExchangeDelegateSync $True",
    "Set-CsClientPolicy -EnableExchangeDelegateSync $false",
    "Set-CsClientPolicy -EnableExchangeDelegateSync $null",
    "New-CsClientPolicy Sync -EnableExchangeDelegateSync 1",
    "Grant-CsClientPolicy user20 -PolicyName Sync",
    "Grant-CsClientPolicy user21@contoso.com -PolicyName $null",
    "Remove-CsClientPolicy Sync",
    "Get-CsUser | Grant-CsClientPolicy -PolicyName Sync",
    "Set-CsUser User21 -EnterpriseVoiceEnabled $true",
];

/// One of `options`, as whichever name type the field wants.
fn name<T: From<&'static str> + Clone + std::fmt::Debug>(
    options: &'static [&'static str],
) -> impl Strategy<Value = T> + Clone {
    prop::sample::select(options).prop_map(T::from)
}

fn level() -> impl Strategy<Value = Level> {
    prop::sample::select(Level::ALL.to_vec())
}

fn permissions() -> impl Strategy<Value = Permissions> {
    (
        level(),
        level(),
        level(),
        prop::option::of(any::<bool>()),
        any::<bool>(),
    )
        .prop_map(
            |(calendar, tasks, inbox, receives_meeting_copies, see_private_items)| Permissions {
                calendar,
                tasks,
                inbox,
                receives_meeting_copies,
                see_private_items,
                ..Permissions::default()
            },
        )
}

fn command() -> impl Strategy<Value = String> {
    prop_oneof![4 => name::<String>(COMMANDS), 1 => ".{0,40}"]
}

fn action() -> impl Strategy<Value = Action> {
    let seat = (name::<UserName>(USERS), name::<ComputerName>(COMPUTERS));
    prop_oneof![
        1 => seat.clone().prop_map(|(user, computer)| Action::StartOutlook { user, computer }),
        1 => seat.clone().prop_map(|(user, computer)| Action::CloseOutlook { user, computer }),
        3 => seat.clone().prop_map(|(user, computer)| Action::SignIn { user, computer }),
        2 => seat.clone().prop_map(|(user, computer)| Action::SignOut { user, computer }),
        1 => seat.clone().prop_map(|(user, computer)| Action::ExitLync { user, computer }),
        3 => (seat.clone(), name(USERS), permissions()).prop_map(|((user, computer), delegate, permissions)| Action::AddDelegate { user, computer, delegate, permissions }),
        1 => (seat.clone(), name(USERS), permissions()).prop_map(|((user, computer), delegate, permissions)| Action::SetDelegatePermissions { user, computer, delegate, permissions }),
        2 => (seat.clone(), name(USERS)).prop_map(|((user, computer), delegate)| Action::RemoveDelegate { user, computer, delegate }),
        1 => (seat.clone(), prop::sample::select(MeetingRequestDelivery::ALL.to_vec())).prop_map(|((user, computer), deliver)| Action::SetMeetingRequestDelivery { user, computer, deliver }),
        1 => (seat.clone(), name(USERS)).prop_map(|((user, computer), owner)| Action::OpenSharedCalendar { user, computer, owner }),
        1 => (seat.clone(), name(USERS), prop::collection::vec(name(USERS), 0..3)).prop_map(|((user, computer), owner, attendees)| Action::NewMeeting { user, computer, owner, subject: "Sync".into(), attendees }),
        1 => seat.clone().prop_map(|(user, computer)| Action::AddLyncMeeting { user, computer }),
        1 => (seat.clone(), ".{0,12}", prop::collection::vec(name(USERS), 0..3)).prop_map(|((user, computer), subject, attendees)| Action::EditMeeting { user, computer, subject, location: "Room 1".into(), attendees }),
        1 => seat.clone().prop_map(|(user, computer)| Action::SendMeeting { user, computer }),
        2 => (seat.clone(), name(USERS)).prop_map(|((user, computer), delegator)| Action::DismissBanner { user, computer, delegator }),
        2 => (seat.clone(), name(USERS)).prop_map(|((user, computer), delegate)| Action::RemoveFromDelegatesGroup { user, computer, delegate }),
        2 => command().prop_map(|command| Action::Shell { command }),
        1 => seat.clone().prop_map(|(user, computer)| Action::DeleteLyncProfile { user, computer }),
        1 => name(COMPUTERS).prop_map(|computer| Action::Reboot { computer }),
        1 => seat.clone().prop_map(|(user, computer)| Action::InjectFault(Fault::StuckSync { user, computer })),
        1 => (name(COMPUTERS), name(WINDOWS)).prop_map(|(computer, window)| Action::OpenWindow { computer, window }),
        1 => (name(COMPUTERS), name(WINDOWS)).prop_map(|(computer, window)| Action::CloseWindow { computer, window }),
        1 => seat.clone().prop_map(|(user, computer)| Action::LogOn { user, computer }),
    ]
}

/// Invariants that hold after any sequence of actions.
fn assert_sane(lab: &Lab) {
    for (seat, hive) in lab.hives() {
        if let Some(lists) = &hive.delegator_lists {
            for d in &lists.outstanding {
                assert!(
                    !lists.dismissed.contains(d),
                    "Outstanding and Dismissed overlap at {seat:?}"
                );
            }
            for d in lists.outstanding.iter().chain(&lists.dismissed) {
                assert!(
                    lists.last.contains(d),
                    "a banner for a delegator not in Last at {seat:?}"
                );
            }
        }
    }
    for (seat, client) in lab.clients() {
        if !client.signed_in {
            assert!(lab.banners(seat).is_empty());
            assert!(lab.contact_groups(seat).is_none());
            assert!(client.policy_read.is_none());
        }
        assert!(client.running || !client.signed_in);
    }
    for (a, b, _) in lab.server().records() {
        assert!(lab.server().delegators_of(b).contains(&a));
        assert!(lab.server().delegates_of(a).contains(&b));
    }
    assert_eq!(lab.log().len() as u32, lab.steps());
}

/// The strategy makes every verb there is: a new verb fails here until it is generated too.
#[test]
fn the_strategy_makes_every_verb() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let strategy = action();
    let made: std::collections::BTreeSet<&str> = (0..5_000)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current().verb())
        .collect();
    let missing: Vec<_> = Action::VERBS
        .iter()
        .filter(|v| !made.contains(*v))
        .collect();
    assert!(missing.is_empty(), "the strategy never makes {missing:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_actions_never_panic_and_replay_to_the_same_lab(actions in prop::collection::vec(action(), 1..80)) {
        let mut lab = Lab::default();
        for action in &actions {
            lab.apply(action);
            assert_sane(&lab);
        }
        let mut again = Lab::default();
        for action in &actions {
            again.apply(action);
        }
        prop_assert_eq!(&again, &lab);
        // What `state --json` prints is the same too.
        let a = serde_json::to_string(&delegate_lab::report::LabReport::new(&lab)).unwrap();
        let b = serde_json::to_string(&delegate_lab::report::LabReport::new(&again)).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn actions_survive_a_trip_through_scenario_syntax(action in action()) {
        let text = action.to_string();
        let back: Action = ron::from_str(&text).unwrap();
        prop_assert_eq!(back, action);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Save → load gives the identical lab, whatever was done.
    #[test]
    fn sessions_round_trip(actions in prop::collection::vec(action(), 0..60)) {
        use delegate_lab::session::{self, Session};
        let mut s = Session::new("prop", delegate_lab::lab::LabSpec::contoso());
        for action in actions {
            s.apply(action);
        }
        let text = session::to_text(&session::to_file(&s, None, None)).unwrap();
        let loaded = session::parse_session(&text, std::path::Path::new("prop.ron"))
            .unwrap_or_else(|e| panic!("{e}\n{text}"));
        prop_assert_eq!(&loaded.session.lab, &s.lab);
        prop_assert_eq!(&loaded.session.actions, &s.actions);
    }
}
