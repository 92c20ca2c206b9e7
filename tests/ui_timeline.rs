//! The timeline in the window: the step list clicked to go somewhere, undo and redo from the
//! keyboard, acting by hand in the middle of a scenario, and "Expect this" — real widgets
//! found by role and label, with assertions on the session and its lab.

mod common;

use common::seed;
use delegate_lab::lab::Lab;
use delegate_lab::scenario::Expectation;
use delegate_lab::session::Entry;
use delegate_lab::ui::app::LabApp;
use delegate_lab::ui::harness;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// The seed walkthrough's lab after its first `n` steps, played afresh.
fn lab_after(n: usize) -> Lab {
    seed::played(n).session.lab().clone()
}

fn position(harness: &Harness<'_, LabApp>) -> usize {
    harness.state().session.position()
}

fn look_at(harness: &mut Harness<'_, LabApp>, computer: &str) {
    harness
        .get_by_role_and_label(Role::Button, computer)
        .click();
    harness.run();
}

#[test]
fn clicking_a_step_in_the_list_shows_the_lab_at_that_step() {
    let mut harness = harness::harness(seed::played(12));
    harness.run();
    let first = harness
        .get_all_by_role_and_label(Role::ListItem, "User20 starts Outlook on USER20-PC")
        .next()
        .expect("the walkthrough's first action is listed");
    first.click();
    harness.run();
    // The walkthrough opens with notes: the lab after its first action is the lab after the
    // steps up to it.
    let steps = &harness.state().session.scenario().unwrap().steps;
    let at = 1 + steps
        .iter()
        .position(|s| s.to_string().starts_with("StartOutlook"))
        .unwrap();
    let session = &harness.state().session;
    assert_eq!(session.position(), at);
    assert_eq!(session.lab(), &lab_after(at));
    assert_eq!(session.timeline().len(), 12, "going back deletes nothing");

    // The start, and back to where it was, through the list.
    harness
        .get_by_role_and_label(Role::ListItem, "Start: the lab before anything is done")
        .click();
    harness.run();
    assert_eq!(position(&harness), 0);
    assert_eq!(harness.state().session.lab(), &lab_after(0));
    harness
        .get_by_role_and_label(Role::Button, "Forward ▶")
        .click();
    harness.run();
    assert_eq!(position(&harness), 1);
    assert_eq!(
        harness.state().session.lab(),
        &lab_after(0),
        "after a note, nothing changed"
    );
    harness.key_press(Key::End);
    harness.run();
    assert_eq!(position(&harness), 12);
    assert_eq!(harness.state().session.lab(), &lab_after(12));
}

#[test]
fn ctrl_z_undoes_and_ctrl_y_redoes_one_entry() {
    let mut harness = harness::harness(seed::played(12));
    harness.run();
    // Something typed into a dialog belongs to the lab shown; moving in time lets it go.
    harness.state_mut().view.desktops[0]
        .outlook
        .shared_calendar_name = "User2".into();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(position(&harness), 11);
    assert_eq!(
        harness.state().view.desktops[0]
            .outlook
            .shared_calendar_name,
        ""
    );
    assert_eq!(harness.state().session.lab(), &lab_after(11));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(position(&harness), 9);
    assert_eq!(harness.state().session.lab(), &lab_after(9));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(position(&harness), 10);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(position(&harness), 11);
    assert_eq!(harness.state().session.lab(), &lab_after(11));
    harness.key_press(Key::Home);
    harness.run();
    assert_eq!(position(&harness), 0);
    assert!(harness.state().files.dirty, "moving is a change to save");
}

#[test]
fn acting_by_hand_mid_scenario_diverges_and_go_back_restores_the_scenario() {
    let mut harness = harness::harness(seed::played(12));
    harness.run();
    look_at(&mut harness, "USER21-LAPTOP");
    harness
        .get_by_role_and_label(Role::Button, "Outlook")
        .click();
    harness.run();
    let session = &harness.state().session;
    assert_eq!(session.timeline().len(), 13);
    assert!(session.timeline()[12].is_manual_action());
    assert_eq!(session.divergence().map(|d| d.step), Some(12));

    // The notice names the step; Next step waits for an answer.
    harness.get_by_label_contains("The lab has diverged from the scenario at step 13");
    assert!(
        harness
            .get_by_role_and_label(Role::Button, "Next step")
            .accesskit_node()
            .is_disabled(),
        "Next step waits while the notice is unanswered"
    );
    harness
        .get_by_role_and_label(Role::Button, "Go back to step 13")
        .click();
    harness.run();
    let session = &harness.state().session;
    assert_eq!(session.position(), 12);
    assert_eq!(session.lab(), &lab_after(12));
    assert_eq!(session.divergence(), None);

    // Playing on replaces what was done by hand; it is kept as a branch to restore.
    harness
        .get_by_role_and_label(Role::Button, "Next step")
        .click();
    harness.run();
    let session = &harness.state().session;
    assert_eq!(session.lab(), &lab_after(13));
    assert_eq!(session.branches().len(), 1);
    harness
        .get_by_role_and_label(Role::Button, "Restore")
        .click();
    harness.run();
    let session = &harness.state().session;
    assert!(session.timeline()[12].is_manual_action());
    assert_eq!(
        session.branches().len(),
        1,
        "the step it replaced is kept in turn"
    );
}

#[test]
fn looking_at_an_earlier_point_replaces_nothing() {
    let mut harness = harness::harness(seed::played(30));
    harness.run();
    harness.state_mut().goto(14);
    harness.run();
    look_at(&mut harness, "USER21-PC");
    // Registry Editor only shows the lab: opening it there is inserted, not a new branch.
    harness
        .get_by_role_and_label(Role::Button, "Registry Editor")
        .click();
    harness.run();
    let session = &harness.state().session;
    assert!(session.branches().is_empty(), "{:?}", session.branches());
    assert_eq!(session.timeline().len(), 31);
    assert_eq!(session.position(), 15);
    harness.key_press(Key::End);
    harness.run();
    let mut expected = seed::played(30);
    expected.goto(14);
    expected.apply_by_hand(delegate_lab::lab::Action::OpenWindow {
        computer: "USER21-PC".into(),
        window: "Registry Editor".into(),
    });
    expected.goto(31);
    assert_eq!(harness.state().session.lab(), expected.session.lab());
    assert_eq!(harness.state().session.next_step(), 30);
}

#[test]
fn continue_the_scenario_here_plays_on_and_checks_the_scenarios_own_actions() {
    // Right after the walkthrough's AddLyncMeeting that fails (B3), before its ExpectError.
    let app = seed::through("AddLyncMeeting");
    assert!(matches!(
        app.session.scenario().unwrap().steps[app.session.next_step()],
        delegate_lab::scenario::Step::Expect(Expectation::ExpectError { .. })
    ));
    let mut harness = harness::harness(app);
    harness.run();
    look_at(&mut harness, "USER21-LAPTOP");
    harness
        .get_by_role_and_label(Role::Button, "Outlook")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Continue the scenario here")
        .click();
    harness.run();
    // The scenario's ExpectError is checked against the scenario's AddLyncMeeting, not
    // against the StartOutlook done by hand since (which succeeded).
    harness
        .get_by_role_and_label(Role::Button, "Next step")
        .click();
    harness.run();
    let session = &harness.state().session;
    let last = session.timeline().last().unwrap();
    assert!(
        matches!(
            last,
            Entry::Step {
                mark: delegate_lab::session::StepMark::Passed,
                ..
            }
        ),
        "{last:?}"
    );
}

#[test]
fn expect_this_on_user21s_banner_appends_the_expectation() {
    let app = seed::looking_at(seed::at_capture("figure-4"), "USER21-PC");
    let mut harness = harness::harness(app);
    harness.run();
    let before = harness.state().session.timeline().len();
    harness
        .get_by_label("You were added as a delegate for User20")
        .click_secondary();
    harness.run();
    harness.get_by_label("Expect this").click();
    harness.run();
    let session = &harness.state().session;
    assert_eq!(session.timeline().len(), before + 1);
    assert_eq!(session.position(), before + 1);
    assert_eq!(
        session.timeline()[before],
        Entry::Expect(Expectation::ExpectBanner {
            user: "user21".into(),
            computer: "USER21-PC".into(),
            text: "You were added as a delegate for User20".into(),
        })
    );
}

/// Right-click → "Expect this" on what a window shows, and the expectation it adds holds.
fn expect_this(harness: &mut Harness<'_, LabApp>, label: &str) -> Expectation {
    let before = harness.state().session.timeline().len();
    harness.get_by_label(label).click_secondary();
    harness.run();
    harness.get_by_label("Expect this").click();
    harness.run();
    let session = &harness.state().session;
    assert_eq!(session.timeline().len(), before + 1, "{label}");
    let Entry::Expect(expectation) = session.timeline()[session.position() - 1].clone() else {
        panic!("no expectation was added for {label}");
    };
    let check = delegate_lab::scenario::check(session.lab(), None, &expectation);
    assert!(check.passed, "{label}: {check:?}");
    expectation
}

#[test]
fn expect_this_on_a_group_a_registry_value_and_a_back_end_record() {
    let app = seed::looking_at(seed::at_capture("figure-6"), "USER21-PC");
    let mut harness = harness::harness(app);
    harness.run();
    assert_eq!(
        expect_this(&mut harness, "Outstanding DelegatorList"),
        Expectation::ExpectRegistry {
            user: "user21".into(),
            computer: "USER21-PC".into(),
            value: "Outstanding DelegatorList".into(),
            entries: vec!["sip:user20@contoso.com".into()],
        }
    );
    assert_eq!(
        expect_this(&mut harness, "People I Manage Calls For"),
        Expectation::ExpectGroup {
            user: "user21".into(),
            computer: "USER21-PC".into(),
            group: "People I Manage Calls For".into(),
            members: vec!["user20".into()],
        }
    );
    harness
        .get_by_role_and_label(Role::Button, "Back End Inspector")
        .click();
    harness.run();
    assert_eq!(
        expect_this(&mut harness, "User20 → User21"),
        Expectation::ExpectBackendDelegate {
            delegator: "user20".into(),
            delegate: "user21".into(),
            present: true,
        }
    );
}
