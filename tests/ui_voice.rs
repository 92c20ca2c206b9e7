//! UI tests of Enterprise Voice call delegation (B12): the manager adds the assistant through
//! Options → Call Forwarding → Edit my delegate members → Add... → Choose a Delegate → OK → OK,
//! with real widgets found by role and label; and snapshots of the new windows at the part-2
//! scenario's captures (looked at in review: tests/snapshots/part2-*.png).

mod common;

use common::action;
use delegate_lab::lab::directory::{LabSpec, User};
use delegate_lab::lab::lync_server::RecordRoute;
use delegate_lab::lab::{Outcome, WindowName};
use delegate_lab::scenario::{self, Capture, Step};
use delegate_lab::ui::app::{LabApp, Session};
use delegate_lab::ui::harness;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

const PART_2: &str = include_str!("../saves/part-2-enterprise-voice.ron");
const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);

/// User20 and User21 with Enterprise Voice, User22 without; User20 and User21 signed in.
fn ev_app() -> LabApp {
    let mut spec = LabSpec::contoso();
    spec.users[0].enterprise_voice = true;
    spec.users[1].enterprise_voice = true;
    spec.users.push(User {
        id: "user22".into(),
        name: "User22".into(),
        enterprise_voice: false,
    });
    let mut session = Session::new("EV UI test", spec);
    for line in [
        r#"SignIn(user: "user21", computer: "USER21-PC")"#,
        r#"SignIn(user: "user20", computer: "USER20-PC")"#,
    ] {
        assert_eq!(session.apply(action(line)), Outcome::Ok);
    }
    LabApp::new(session)
}

fn click(harness: &mut Harness<'_, LabApp>, role: Role, label: &str) {
    harness.get_by_role_and_label(role, label).click();
    harness.run();
}

/// The topmost window's widget of that role and label (dialogs stacked over each other all
/// have OK; the contact list behind lists the users too).
fn click_top(harness: &mut Harness<'_, LabApp>, role: Role, label: &str) {
    harness
        .get_all_by_role_and_label(role, label)
        .last()
        .unwrap_or_else(|| panic!("no {role:?} {label:?}"))
        .click();
    harness.run();
}

fn click_last(harness: &mut Harness<'_, LabApp>, label: &str) {
    click_top(harness, Role::Button, label);
}

#[test]
fn the_manager_adds_the_assistant_through_call_forwarding_options() {
    let mut harness = harness::harness_sized(ev_app(), SIZE);
    harness.run();
    click(&mut harness, Role::Button, "Options");
    click(&mut harness, Role::Link, "Edit my delegate members");
    click(&mut harness, Role::Button, "Add...");

    // User22 has no Enterprise Voice: picked, OK stays disabled (B12).
    click_top(&mut harness, Role::ListItem, "User22");
    let ok = harness
        .get_all_by_role_and_label(Role::Button, "OK")
        .last()
        .unwrap();
    assert!(ok.accesskit_node().is_disabled(), "OK for a non-EV pick");
    harness.get_by_label_contains("is not enabled for Enterprise Voice");

    click_top(&mut harness, Role::ListItem, "User21");
    click_last(&mut harness, "OK"); // Choose a Delegate
    let lab = harness.state().session.lab();
    let (user20, user21) = (
        lab.directory().find_user("user20").unwrap(),
        lab.directory().find_user("user21").unwrap(),
    );
    assert!(
        lab.server().record(user20, user21).is_none(),
        "written only when the Delegates dialog is confirmed"
    );
    // Listed in the dialog (the contact list behind lists User21 too).
    harness
        .get_by_role_and_label(Role::Window, "Call Forwarding - Delegates")
        .get_by_role_and_label(Role::ListItem, "User21");
    click_last(&mut harness, "OK"); // Call Forwarding - Delegates

    let lab = harness.state().session.lab();
    let origin = lab
        .server()
        .record(user20, user21)
        .expect("the back end has the record");
    assert!(matches!(origin.route, RecordRoute::CallForwarding { .. }));
    // The reminder: calls do not reach the delegates yet. OK (Enter) closes it.
    let pc = lab.directory().find_computer("USER20-PC").unwrap();
    assert!(
        lab.find_window(pc, &WindowName::new("Lync message box"))
            .is_some()
    );
    harness.key_press(egui::Key::Enter);
    harness.run();
    let lab = harness.state().session.lab();
    assert!(
        lab.find_window(pc, &WindowName::new("Lync message box"))
            .is_none()
    );

    // Simultaneously ring (My Delegates, as delegates exist): a draft until Options' OK.
    let rings = |harness: &Harness<'_, LabApp>| {
        harness
            .state()
            .session
            .lab()
            .server()
            .call_settings(user20)
            .forwarding
            .rings_delegates()
    };
    let options_open = |harness: &Harness<'_, LabApp>| {
        let lab = harness.state().session.lab();
        lab.find_window(pc, &WindowName::new("Lync - Options"))
            .is_some()
    };
    click(&mut harness, Role::RadioButton, "Simultaneously ring:");
    // Closed with its X, the draft goes: reopened, OK applies nothing.
    click_top(&mut harness, Role::Button, "Close");
    assert!(!options_open(&harness));
    click(&mut harness, Role::Button, "Options");
    assert!(options_open(&harness));
    click_last(&mut harness, "OK"); // Lync - Options
    assert!(
        !rings(&harness),
        "a draft left behind by the X is not applied"
    );
    click(&mut harness, Role::Button, "Options");
    click(&mut harness, Role::RadioButton, "Simultaneously ring:");
    harness.get_by_label_contains("and also ring your delegates");
    assert!(!rings(&harness), "not before OK");
    click_last(&mut harness, "OK"); // Lync - Options
    assert!(rings(&harness));
    let lab = harness.state().session.lab();
    assert!(
        lab.find_window(pc, &WindowName::new("Lync - Options"))
            .is_none()
    );
}

#[test]
fn a_non_ev_user_has_no_phone_tab_and_options_have_no_call_forwarding() {
    let mut session = Session::new("no EV", LabSpec::contoso());
    assert_eq!(
        session.apply(action(r#"SignIn(user: "user20", computer: "USER20-PC")"#)),
        Outcome::Ok
    );
    let mut harness = harness::harness_sized(LabApp::new(session), SIZE);
    harness.run();
    assert!(
        harness
            .query_by_role_and_label(Role::Tab, "Phone")
            .is_none()
    );
    click(&mut harness, Role::Button, "Options");
    assert!(
        harness
            .query_by_role_and_label(Role::Tab, "Call Forwarding")
            .is_none()
    );
    harness.get_by_role_and_label(Role::Tab, "General");
}

/// The part-2 scenario played through the Capture named `name`, looking at its computer.
fn at_part2_capture(name: &str) -> LabApp {
    let scenario = scenario::parse(PART_2).unwrap();
    let (n, computer) = scenario
        .steps
        .iter()
        .enumerate()
        .find_map(|(i, step)| match step {
            Step::Capture(Capture::Capture {
                name: n, computer, ..
            }) if n == name => Some((i, computer.to_string())),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no capture {name}"));
    let mut app = LabApp::from_scenario(scenario);
    for _ in 0..=n {
        assert!(app.step());
    }
    app.view.computer = app
        .session
        .lab()
        .directory()
        .find_computer(&computer)
        .unwrap();
    app
}

/// A snapshot of the lab at a part-2 capture, after checking the window shows `shown`.
fn snapshot_at(capture: &str, shown: &str) {
    let mut harness = harness::harness_sized(at_part2_capture(capture), SIZE);
    harness.run();
    assert!(
        harness.get_all_by_label_contains(shown).next().is_some(),
        "{capture}: {shown}"
    );
    harness.snapshot(capture);
}

#[test]
fn snapshot_of_the_call_forwarding_page() {
    snapshot_at("part2-call-forwarding-page", "Edit my delegate members");
}

#[test]
fn snapshot_of_choose_a_delegate() {
    snapshot_at("part2-choose-a-delegate", "Choose a Delegate");
}

#[test]
fn snapshot_of_the_delegates_dialog_and_its_reminder() {
    snapshot_at(
        "part2-reminder",
        "To have your delegates receive your calls",
    );
}

#[test]
fn snapshot_of_the_call_toast() {
    snapshot_at("part2-call-toast", "Call for User20");
}
