//! Property tests: random sequences of actions never panic, keep the registry lists sane and
//! replay to the same lab.

mod common;

use common::strategies::action;
use delegate_lab::lab::{Action, Lab};
use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestRunner};

/// Runs `test` on `cases` inputs from `strategy`, as `proptest!` does (this file's regressions
/// too), and returns the sum of what the cases counted: the inputs a property kept rather than
/// skipped, so that a generator making only skipped inputs fails instead of passing silently.
fn counted<S: Strategy>(
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<usize, TestCaseError>,
) -> usize {
    let config = ProptestConfig {
        cases,
        source_file: Some(file!()),
        ..ProptestConfig::default()
    };
    let total = std::cell::Cell::new(0);
    // Seeded: the same cases every run, so a count that must not be zero cannot be by chance
    // (an unseeded runner found no case adding an expectation once in a while).
    let rng = proptest::test_runner::TestRng::deterministic_rng(config.rng_algorithm);
    TestRunner::new_with_rng(config, rng)
        .run(&strategy, |value| {
            total.set(total.get() + test(value)?);
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    total.get()
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
    // B12: ringing to delegates needs delegates; a ringing call ends at the next action.
    for (user, _) in lab.directory().users() {
        if lab.server().delegates_of(user).is_empty() {
            assert!(
                !lab.server()
                    .call_settings(user)
                    .forwarding
                    .rings_delegates()
            );
        }
    }
    if let Some(call) = lab.ringing_call() {
        assert_eq!(call.placed_by, lab.steps());
    }
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
        let text = session::to_text(&session::to_file(&s, None)).unwrap();
        let loaded = session::parse_session(&text, std::path::Path::new("prop.ron"))
            .unwrap_or_else(|e| panic!("{e}\n{text}"));
        prop_assert_eq!(loaded.session.lab(), s.lab());
        prop_assert_eq!(loaded.session.timeline(), s.timeline());
    }
}

/// One thing done to a session's timeline.
#[derive(Clone, Debug)]
enum Op {
    Act(Action),
    Goto(usize),
    Undo,
    Redo,
    Restore(usize),
    Discard(usize),
    ExpectNoBanner,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => action().prop_map(Op::Act),
        2 => (0usize..300).prop_map(Op::Goto),
        2 => Just(Op::Undo),
        1 => Just(Op::Redo),
        1 => (0usize..4).prop_map(Op::Restore),
        1 => (0usize..4).prop_map(Op::Discard),
        1 => Just(Op::ExpectNoBanner),
    ]
}

/// The lab after the actions of the entries done, applied afresh.
fn replayed(session: &delegate_lab::session::Session) -> Lab {
    let mut lab = Lab::new(session.spec().clone());
    for entry in session.done() {
        if let delegate_lab::session::Entry::Manual(applied) = entry {
            lab.apply(&applied.action);
        }
    }
    lab
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Going to position k gives the lab of replaying the first k actions, from wherever the
    /// session was (forward, back, across checkpoints).
    #[test]
    fn going_to_any_position_gives_the_lab_of_replaying_that_far(
        actions in prop::collection::vec(action(), 0..220),
        positions in prop::collection::vec(0usize..240, 1..10),
    ) {
        let mut session = delegate_lab::session::Session::new("p", delegate_lab::lab::LabSpec::contoso());
        for action in &actions {
            session.apply(action.clone());
        }
        for k in positions {
            session.goto(k);
            let k = k.min(actions.len());
            prop_assert_eq!(session.position(), k);
            let mut lab = Lab::new(delegate_lab::lab::LabSpec::contoso());
            for action in &actions[..k] {
                lab.apply(action);
            }
            prop_assert_eq!(session.lab(), &lab);
        }
    }
}

/// Whatever mix of new actions, moves, restored and discarded branches and expectations,
/// the lab shown is the replay of what is done, nothing done is lost without a branch,
/// and the session saves and loads as it is.
#[test]
fn any_mix_of_moves_and_new_actions_keeps_the_lab_the_replay_of_what_is_done() {
    use delegate_lab::session::{self, Session};
    let expectations = counted(48, prop::collection::vec(op(), 0..160), |ops| {
        let mut s = Session::new("p", delegate_lab::lab::LabSpec::contoso());
        let mut expected = 0;
        for op in ops {
            // Discard lets a branch go; Restore drops what a branch and the timeline share.
            let discards = matches!(op, Op::Discard(_) | Op::Restore(_));
            let entries_before: usize =
                s.timeline().len() + s.branches().iter().map(|b| b.entries.len()).sum::<usize>();
            match op {
                Op::Act(action) => {
                    s.apply(action);
                }
                Op::Goto(k) => s.goto(k),
                Op::Undo => {
                    s.undo();
                }
                Op::Redo => {
                    s.redo();
                }
                Op::Restore(i) => {
                    s.restore_branch(i);
                }
                Op::Discard(i) => {
                    s.discard_branch(i);
                }
                Op::ExpectNoBanner => {
                    // Added only where it holds: counted, so that some are.
                    let added = s.expect(delegate_lab::scenario::Expectation::ExpectNoBanner {
                        user: "user21".into(),
                        computer: "USER21-PC".into(),
                    });
                    expected += usize::from(added.is_ok());
                }
            }
            prop_assert_eq!(s.lab(), &replayed(&s));
            let entries_after: usize =
                s.timeline().len() + s.branches().iter().map(|b| b.entries.len()).sum::<usize>();
            if !discards {
                prop_assert!(
                    entries_after >= entries_before,
                    "moving and acting lose no entry"
                );
            }
        }
        let file = session::to_file(&s, None);
        let text = session::to_text(&file).unwrap();
        let loaded = session::parse_session(&text, std::path::Path::new("p.ron")).unwrap();
        prop_assert_eq!(loaded.session.lab(), s.lab());
        prop_assert_eq!(loaded.session.timeline(), s.timeline());
        prop_assert_eq!(loaded.session.branches(), s.branches());
        prop_assert_eq!(loaded.session.position(), s.position());
        Ok(expected)
    });
    assert!(expectations > 0, "no generated expectation was ever added");
}

/// An action on the call delegates of the EV lab of `call_delegates_keep_groups_equal_to_records`.
fn call_delegate_step() -> impl Strategy<Value = Action> {
    use delegate_lab::lab::{ActorName, ComputerName};
    let user = prop::sample::select(vec!["u0", "u1", "u2", "u3", "u4"]);
    let seat = user.clone().prop_map(|u| {
        let pc = format!("PC{}", &u[1..]);
        (ActorName::from(u), ComputerName::from(pc))
    });
    prop_oneof![
        4 => (seat.clone(), user.clone()).prop_map(|((user, computer), d)| Action::AddCallDelegate { user, computer, delegate: d.into() }),
        3 => (seat.clone(), user.clone()).prop_map(|((user, computer), d)| Action::RemoveCallDelegate { user, computer, delegate: d.into() }),
        1 => (seat.clone(), user.clone()).prop_map(|((user, computer), d)| Action::RemoveFromDelegatesGroup { user, computer, delegate: d.into() }),
        1 => seat.clone().prop_map(|(user, computer)| Action::SignOut { user, computer }),
        2 => seat.clone().prop_map(|(user, computer)| Action::SignIn { user, computer }),
        1 => (seat.clone(), common::strategies::forwarding()).prop_map(|((user, computer), forwarding)| Action::SetCallForwarding { user, computer, forwarding }),
        1 => (user.clone(), user).prop_map(|(a, b)| Action::Shell { command: format!("SEFAUtil.exe /server:lync-fe01.contoso.com {a}@contoso.com /adddelegate:{b}@contoso.com") }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// B6 and B7 with B12's routes: whatever order call delegates come and go in, every
    /// signed-in client's "Delegates" and "People I Manage Calls For" hold exactly the
    /// back-end records (less removals pending in that client, B9), and its Last
    /// DelegatorList names exactly its delegators.
    #[test]
    fn call_delegates_keep_groups_equal_to_records(steps in prop::collection::vec(call_delegate_step(), 1..60)) {
        use delegate_lab::lab::lync_server::{DELEGATES, PEOPLE_I_MANAGE_CALLS_FOR};
        let mut spec = delegate_lab::workload::lab_spec(5, 5);
        for user in &mut spec.users {
            user.enterprise_voice = true;
        }
        let mut lab = Lab::new(spec);
        for command in [
            "New-CsTrustedApplicationPool sefautil.contoso.com -Registrar lync-fe01.contoso.com",
            "New-CsTrustedApplication -ApplicationId sefautil -TrustedApplicationPoolFqdn sefautil.contoso.com -Port 7489",
            "Enable-CsTopology",
        ] {
            common::apply_ok(&mut lab, &Action::Shell { command: command.into() });
        }
        for i in 0..5 {
            common::apply_ok(&mut lab, &Action::SignIn { user: format!("u{i}").as_str().into(), computer: format!("PC{i}").as_str().into() });
        }
        // Clients signed out are skipped: counted, so that the property checks some.
        let mut checked = 0;
        for step in &steps {
            lab.apply(step);
            assert_sane(&lab);
            for (seat, client) in lab.clients() {
                let Some(groups) = lab.contact_groups(seat) else { continue };
                checked += 1;
                let members = |name: &str| groups.iter().find(|g| g.name == name).map(|g| g.members.clone()).unwrap_or_default();
                let mut delegates = lab.server().delegates_of(seat.0);
                delegates.retain(|d| !client.pending_removals().any(|p| p == *d));
                prop_assert_eq!(members(DELEGATES), delegates);
                let delegators = lab.server().delegators_of(seat.0);
                prop_assert_eq!(&members(PEOPLE_I_MANAGE_CALLS_FOR), &delegators);
                let last = lab.delegator_lists(seat).map(|l| l.last.clone()).unwrap_or_default();
                prop_assert_eq!(last, delegators);
            }
        }
        prop_assert!(checked > 0, "no signed-in client was checked");
    }
}
