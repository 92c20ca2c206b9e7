//! Property tests: random sequences of actions never panic, keep the registry lists sane and
//! replay to the same lab.

mod common;

use common::strategies::action;
use delegate_lab::lab::{Action, Lab};
use proptest::prelude::*;

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

    /// Whatever mix of new actions, moves, restored and discarded branches and expectations,
    /// the lab shown is the replay of what is done, nothing done is lost without a branch,
    /// and the session saves and loads as it is.
    #[test]
    fn any_mix_of_moves_and_new_actions_keeps_the_lab_the_replay_of_what_is_done(
        ops in prop::collection::vec(op(), 0..160),
    ) {
        use delegate_lab::session::{self, Session};
        let mut s = Session::new("p", delegate_lab::lab::LabSpec::contoso());
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
                    // Added only where it holds.
                    let _ = s.expect(delegate_lab::scenario::Expectation::ExpectNoBanner {
                        user: "user21".into(),
                        computer: "USER21-PC".into(),
                    });
                }
            }
            prop_assert_eq!(s.lab(), &replayed(&s));
            let entries_after: usize =
                s.timeline().len() + s.branches().iter().map(|b| b.entries.len()).sum::<usize>();
            if !discards {
                prop_assert!(entries_after >= entries_before, "moving and acting lose no entry");
            }
        }
        let file = session::to_file(&s, None);
        let text = session::to_text(&file).unwrap();
        let loaded = session::parse_session(&text, std::path::Path::new("p.ron")).unwrap();
        prop_assert_eq!(loaded.session.lab(), s.lab());
        prop_assert_eq!(loaded.session.timeline(), s.timeline());
        prop_assert_eq!(loaded.session.branches(), s.branches());
        prop_assert_eq!(loaded.session.position(), s.position());
    }
}
