//! Registry Editor's File > Export... (issue 23): the lab's own path dialog, a typed path,
//! Save, and the file holds the bytes `regfile::write` makes of the hive shown — the same as
//! `delegate-lab reg`. A path that cannot be written says why.
#![cfg(feature = "gui")]

mod common;

use common::{seat, seed};
use delegate_lab::regfile;
use delegate_lab::ui::app::LabApp;
use delegate_lab::ui::harness;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The window at Figure 6: Registry Editor open on USER21-PC, shown.
fn at_figure_6() -> Harness<'static, LabApp> {
    let mut app = seed::at_capture("figure-6");
    app.files.no_native_dialogs = Some("none in the tests".into());
    let mut harness = harness::harness(app);
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "USER21-PC")
        .click();
    harness.run();
    harness
}

/// Registry Editor's File > Export..., then the path typed over the file name.
fn export_to(harness: &mut Harness<'static, LabApp>, path: &std::path::Path) {
    harness
        .get_by_role_and_label(Role::Window, "Registry Editor")
        .get_by_label("File")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Export...")
        .click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("file dialog is not available")
            .is_some(),
        "the lab's own dialog"
    );
    harness
        .get_by_role_and_label(Role::TextInput, "File name:")
        .click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "File name:")
        .type_text(&path.display().to_string());
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Save").click();
    harness.run();
}

#[test]
fn export_writes_the_bytes_regfile_makes_of_the_hive_shown() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("figure-6.reg");
    let mut harness = at_figure_6();
    export_to(&mut harness, &target);
    let app = harness.state();
    assert_eq!(app.files.error, None);
    let lab = app.session.lab();
    let (user, computer) = seat(lab, "user21", "USER21-PC");
    let expected = regfile::write(&regfile::lync_hive_keys(lab, user, computer));
    assert_eq!(std::fs::read(&target).expect("written"), expected);
    let keys = regfile::parse(&expected).unwrap().keys;
    assert_eq!(keys.len(), 2, "the Lync key and User21's key under it");
    assert!(
        harness
            .query_by_label_contains("Exported HKEY_CURRENT_USER")
            .is_some(),
        "said, not silent"
    );
}

#[test]
fn a_path_that_cannot_be_written_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = at_figure_6();
    // A folder has that name.
    let folder = dir.path().join("folder.reg");
    std::fs::create_dir(&folder).unwrap();
    export_to(&mut harness, &folder);
    assert!(
        harness
            .query_by_label_contains("a folder has that name")
            .is_some()
    );
    harness
        .get_by_role_and_label(Role::Button, "Cancel")
        .click();
    harness.run();
    // A folder that does not exist: the write fails, and the window says so.
    let missing = dir.path().join("no such folder").join("x.reg");
    export_to(&mut harness, &missing);
    let error = harness.state().files.error.clone().expect("an error shown");
    assert!(error.contains("x.reg"), "{error}");
    assert!(!missing.exists());
}
