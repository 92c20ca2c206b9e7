//! UI tests of the field catalogue (B13–B16): Ctrl + right-click on Lync's notification-area
//! icon opens Configuration Information with its MAPI line; Help > About shows the build;
//! File → Open Field Case... opens a case by its symptom. Snapshots of Configuration
//! Information and About Lync (looked at in review: tests/snapshots/field-*.png).

mod common;

use common::action;
use delegate_lab::field::CASES;
use delegate_lab::lab::field_rules::{MAPI_OK, MAPI_UNAVAILABLE};
use delegate_lab::lab::{LabSpec, Outcome, WindowName};
use delegate_lab::ui::app::{LabApp, Session};
use delegate_lab::ui::harness;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);

/// User20 signed in on USER20-PC, with MAPI down by the lab's fault.
fn app(lines: &[&str]) -> LabApp {
    let mut session = Session::new("field UI test", LabSpec::contoso());
    for line in lines {
        assert_eq!(session.apply(action(line)), Outcome::Ok, "{line}");
    }
    LabApp::new(session)
}

fn configuration_open(harness: &Harness<'_, LabApp>) -> bool {
    let lab = harness.state().session.lab();
    let pc = lab.directory().find_computer("USER20-PC").unwrap();
    lab.find_window(pc, &WindowName::new("Configuration Information"))
        .is_some()
}

#[test]
fn ctrl_right_click_on_the_notification_icon_opens_configuration_information() {
    let mut harness = harness::harness_sized(
        app(&[
            r#"InjectFault(MapiUnavailable(user: "user20", computer: "USER20-PC"))"#,
            r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
            r#"SignIn(user: "user20", computer: "USER20-PC")"#,
        ]),
        SIZE,
    );
    harness.run();
    // A plain right-click: Lync's menu, without Configuration Information.
    harness
        .get_by_role_and_label(Role::Button, "Lync notification icon")
        .click_secondary();
    harness.run();
    assert!(
        harness
            .query_by_label("Configuration Information")
            .is_none()
    );
    harness.key_press(egui::Key::Escape);
    harness.run();
    // With Ctrl held: the item is there.
    harness
        .get_by_role_and_label(Role::Button, "Lync notification icon")
        .click_button_modifiers(egui::PointerButton::Secondary, egui::Modifiers::CTRL);
    harness.run();
    harness.get_by_label("Configuration Information").click();
    harness.run();
    assert!(configuration_open(&harness));
    harness.get_by_label("MAPI Information");
    harness.get_by_label(MAPI_UNAVAILABLE);
    assert!(harness.query_by_label(MAPI_OK).is_none());
}

#[test]
fn show_menu_opens_configuration_information_and_about_lync() {
    let mut harness = harness::harness_sized(
        app(&[
            r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
            r#"SignIn(user: "user20", computer: "USER20-PC")"#,
        ]),
        SIZE,
    );
    harness.run();
    for (menu, item) in [
        ("Tools", "Configuration Information"),
        ("Help", "About Microsoft Lync"),
    ] {
        harness
            .get_by_role_and_label(Role::Button, "Show Menu")
            .click();
        harness.run();
        harness.get_all_by_label(menu).last().unwrap().click();
        harness.run();
        harness.get_by_label(item).click();
        harness.run();
    }
    assert!(configuration_open(&harness));
    harness.get_by_label(MAPI_OK);
    harness.get_by_label_contains(
        "Microsoft® Lync® 2013 (15.0.4569.1503) MSO (15.0.4569.1503) 32-bit",
    );
    // About is modal over Lync: Enter closes it.
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Part of Microsoft Office Professional Plus 2013")
            .is_none()
    );
}

#[test]
fn open_field_case_lists_the_catalogue_by_symptom_and_opens_the_chosen_case() {
    let mut harness = harness::harness_sized(LabApp::default_lab(), SIZE);
    harness.run();
    harness.get_by_role_and_label(Role::Button, "File").click();
    harness.run();
    harness.get_by_label("Open Field Case...").click();
    harness.run();
    for case in CASES {
        harness.get_by_role_and_label(Role::ListItem, case.symptom);
    }
    let case = CASES
        .iter()
        .find(|c| c.file == "kb3114502-notice-keeps-coming-back.ron")
        .unwrap();
    harness
        .get_by_role_and_label(Role::ListItem, case.symptom)
        .click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Open").click();
    harness.run();
    let app = harness.state();
    assert_eq!(
        app.session.name,
        "The delegate notice keeps coming back: three managers on a build before KB3114502"
    );
    assert_eq!(app.session.lab().steps(), 0, "ready to play from step 0");
    assert!(app.session.lab().directory().find_user("user23").is_some());
}

#[test]
fn snapshot_of_configuration_information() {
    let mut harness = harness::harness_sized(
        app(&[
            r#"InjectFault(MapiUnavailable(user: "user20", computer: "USER20-PC"))"#,
            r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
            r#"SignIn(user: "user20", computer: "USER20-PC")"#,
            r#"OpenWindow(computer: "USER20-PC", window: "Configuration Information")"#,
        ]),
        SIZE,
    );
    harness.run();
    harness.get_by_label(MAPI_UNAVAILABLE);
    harness.snapshot("field-configuration-information");
}

#[test]
fn snapshot_of_about_lync_on_lync_basic() {
    let mut harness = harness::harness_sized(
        app(&[
            r#"InstallLync(computer: "USER20-PC", edition: Basic, build: "15.0.4787.1002")"#,
            r#"SignIn(user: "user20", computer: "USER20-PC")"#,
            r#"OpenWindow(computer: "USER20-PC", window: "About Lync")"#,
        ]),
        SIZE,
    );
    harness.run();
    harness
        .get_by_label("Microsoft® Lync® Basic 2013 (15.0.4787.1002) MSO (15.0.4787.1002) 32-bit");
    harness.snapshot("field-about-lync");
}

fn in_window(harness: &mut Harness<'_, LabApp>, window: &str, role: Role, label: &str) {
    harness
        .get_by_role_and_label(Role::Window, window)
        .get_by_role_and_label(role, label)
        .click();
    harness.run();
}

#[test]
fn add_users_lists_security_groups_and_outlook_accepts_one_as_delegate() {
    use delegate_lab::lab::directory::GroupSpec;
    let mut spec = LabSpec::contoso();
    spec.groups.push(GroupSpec {
        id: "assistants".into(),
        name: "Assistants".into(),
        members: vec!["user21".into()],
    });
    let mut session = Session::new("groups", spec);
    assert_eq!(
        session.apply(action(
            r#"StartOutlook(user: "user20", computer: "USER20-PC")"#
        )),
        Outcome::Ok
    );
    let mut harness = harness::harness_sized(LabApp::new(session), SIZE);
    harness.run();
    harness.get_by_role_and_label(Role::Button, "FILE").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Account\nSettings ▾")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::MenuItem, "Delegate Access")
        .click();
    harness.run();
    in_window(&mut harness, "Delegates", Role::Button, "Add...");
    in_window(&mut harness, "Add Users", Role::ListItem, "Assistants");
    in_window(&mut harness, "Add Users", Role::Button, "Add ->");
    in_window(&mut harness, "Add Users", Role::Button, "OK");
    in_window(
        &mut harness,
        "Delegate Permissions: Assistants",
        Role::Button,
        "OK",
    );
    in_window(&mut harness, "Delegates", Role::Button, "OK");
    let lab = harness.state().session.lab();
    let dir = lab.directory();
    let (user20, group) = (
        dir.find_user("user20").unwrap(),
        dir.find_user("assistants").unwrap(),
    );
    assert!(lab.mailbox(user20).delegate(group).is_some());
    assert!(lab.server().record(user20, group).is_none());
}
