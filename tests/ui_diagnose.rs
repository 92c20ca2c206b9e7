//! The window's side of issue 23: File → New Case from Evidence... makes the customer's lab from
//! what they sent (and says, a line each, what it cannot read); the Diagnose tab finds what
//! would fix a symptom and applies the fix by hand, so the session has it.
#![cfg(feature = "gui")]

mod common;

use common::seed;
use delegate_lab::ui::app::LabApp;
use delegate_lab::ui::harness;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn click(harness: &mut Harness<'static, LabApp>, role: Role, label: &str) {
    harness.get_by_role_and_label(role, label).click();
    harness.run();
}

fn shows(harness: &Harness<'static, LabApp>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

#[test]
fn diagnose_at_figure_3_finds_the_policy_and_the_new_sign_in_and_applies_them() {
    // After Figure 3: User21's Lync Meeting was refused and the error box closed.
    let mut harness = harness::harness(seed::played(27));
    harness.run();
    let lab = harness.state().session.lab();
    let (u20, u21) = (
        lab.directory().find_user("user20").unwrap(),
        lab.directory().find_user("user21").unwrap(),
    );
    assert!(
        lab.server().record(u20, u21).is_none(),
        "setup: no record yet"
    );
    let before = harness.state().session.position();

    click(&mut harness, Role::Button, "Diagnose");
    // The symptom the tab starts with: User21's Lync Meeting, expected to work.
    click(&mut harness, Role::Button, "Find fixes");
    assert!(shows(&harness, "fails today: the previous action succeeds"));
    assert!(shows(&harness, "Fix 1 (B4, B5)"));
    assert!(shows(
        &harness,
        "set EnableExchangeDelegateSync on the client policy Global"
    ));
    assert!(shows(
        &harness,
        "User20 signs out of Lync on USER20-PC and back in"
    ));
    assert!(shows(&harness, "The case: saves/seed-walkthrough.ron"));
    // To look at it: DIAGNOSE_SHOT=<file.png> cargo test --test ui_diagnose.
    if let Ok(path) = std::env::var("DIAGNOSE_SHOT") {
        harness
            .render()
            .expect("rendered")
            .save(path)
            .expect("saved");
    }

    click(&mut harness, Role::Button, "Apply fix 1");
    let session = &harness.state().session;
    assert!(
        session.lab().server().record(u20, u21).is_some(),
        "the fix made the record"
    );
    assert_eq!(
        session.position(),
        before + 3,
        "three actions by hand, in the session"
    );
    // The diagnosis was of the lab before: it says so, and offers no stale fix.
    assert!(shows(&harness, "The lab changed since this diagnosis"));
    assert!(harness.query_by_label("Apply fix 1").is_none());
}

#[test]
fn a_symptom_naming_nobody_in_the_lab_is_refused_with_the_names_it_has() {
    let mut harness = harness::harness(seed::played(27));
    harness.run();
    click(&mut harness, Role::Button, "Diagnose");
    harness.state_mut().view.diagnose.symptom =
        "ExpectNoBanner(user: \"ghost\", computer: \"USER21-PC\")".into();
    click(&mut harness, Role::Button, "Find fixes");
    assert!(shows(&harness, "unknown user \"ghost\""));
    assert!(harness.state().view.diagnose.result.is_none());
}

#[test]
fn new_case_from_evidence_opens_the_customers_lab_or_says_what_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let users = dir.path().join("users.txt");
    std::fs::write(
        &users,
        "SipAddress             : sip:jane.doe@fabrikam.com\r\nDisplayName            : Jane Doe\r\nEnterpriseVoiceEnabled : False\r\n",
    )
    .unwrap();
    let mut app = LabApp::default_lab();
    app.files.no_native_dialogs = Some("none in the tests".into());
    let mut harness = harness::harness(app);
    harness.run();
    click(&mut harness, Role::Button, "File");
    harness.get_by_label("New Case from Evidence...").click();
    harness.run();
    assert!(harness.state().files.evidence.is_some(), "the dialog is up");

    // A file that is not there: one line naming it, and the dialog stays.
    let missing = dir.path().join("missing.txt");
    let field = harness.get_by_role(Role::TextInput);
    assert!(field.is_focused(), "focus lands in the first field");
    field.type_text(&missing.display().to_string());
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(harness.state().files.evidence.is_some(), "still up");
    assert!(shows(&harness, &missing.display().to_string()));
    assert_eq!(
        harness
            .state()
            .session
            .lab()
            .directory()
            .find_user("jane.doe"),
        None
    );

    // The customer's file: Import (Enter) opens the case.
    harness.state_mut().files.evidence.as_mut().unwrap().rows = vec![users.display().to_string()];
    harness.run();
    click(&mut harness, Role::Button, "Import");
    let app = harness.state();
    assert!(app.files.evidence.is_none(), "the dialog closed");
    assert_eq!(app.session.name, format!("Case from {}", users.display()));
    let lab = app.session.lab();
    let jane = lab
        .directory()
        .find_user("sip:jane.doe@fabrikam.com")
        .expect("the customer's user");
    assert_eq!(lab.directory().name(jane), "Jane Doe");
    assert!(
        lab.directory().find_user("user20").is_none(),
        "not the default lab"
    );
}

#[test]
fn escape_closes_new_case_from_evidence_and_changes_nothing() {
    let mut harness = harness::harness(LabApp::default_lab());
    harness.run();
    click(&mut harness, Role::Button, "File");
    harness.get_by_label("New Case from Evidence...").click();
    harness.run();
    assert!(harness.state().files.evidence.is_some());
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.state().files.evidence.is_none());
    assert!(
        harness
            .state()
            .session
            .lab()
            .directory()
            .find_user("user20")
            .is_some()
    );
}

#[test]
fn a_case_opens_with_its_setup_played_and_cancel_on_unsaved_work_keeps_the_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let users = dir.path().join("users.txt");
    std::fs::write(
        &users,
        "SipAddress   : sip:user20@contoso.com\r\nDisplayName  : User20\r\nClientPolicy : Executives\r\n",
    )
    .unwrap();
    let policies = dir.path().join("policies.txt");
    std::fs::write(
        &policies,
        "Identity                   : Tag:Executives\r\nEnableExchangeDelegateSync : False\r\n",
    )
    .unwrap();
    // Unsaved work: the seed played a few steps.
    let mut harness = harness::harness(seed::played(3));
    harness.run();
    assert!(harness.state().files.dirty, "setup: unsaved work");
    click(&mut harness, Role::Button, "File");
    harness.get_by_label("New Case from Evidence...").click();
    harness.run();
    harness.state_mut().files.evidence.as_mut().unwrap().rows =
        vec![users.display().to_string(), policies.display().to_string()];
    harness.run();
    click(&mut harness, Role::Button, "Import");
    // The question first; Cancel comes back to the evidence, rows and all.
    assert!(shows(&harness, "Do you want to save changes"));
    click(&mut harness, Role::Button, "Cancel");
    let rows = harness
        .state()
        .files
        .evidence
        .as_ref()
        .map(|d| d.rows.len());
    assert_eq!(
        rows,
        Some(2),
        "the evidence dialog is still there, with its rows"
    );
    assert!(
        harness
            .state()
            .session
            .lab()
            .directory()
            .find_user("user21")
            .is_some(),
        "the seed's lab is kept"
    );

    click(&mut harness, Role::Button, "Import");
    click(&mut harness, Role::Button, "Don't Save");
    let app = harness.state();
    assert!(app.files.evidence.is_none());
    let session = &app.session;
    assert_eq!(
        session.next_step(),
        session.scenario().unwrap().steps.len(),
        "the setup is played"
    );
    let lab = session.lab();
    let user20 = lab.directory().find_user("user20").unwrap();
    assert_eq!(
        lab.server().effective_policy(user20).identity,
        "Tag:Executives",
        "the grant is done: the lab is the customer's"
    );
}
