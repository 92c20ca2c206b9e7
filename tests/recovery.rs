//! Never losing a user's work in the window: the question before unsaved changes are
//! replaced, the lab's own Save As where the desktop has no file dialog, a recovery file per
//! session kept by a journal, the modal offer to resume, one slot per running window, and an
//! end by signal. Each test clicks the real File menu and dialogs.

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use common::{opened_session, seed};
use delegate_lab::session::{self, recovery::Instance};
use delegate_lab::ui::app::LabApp;
use delegate_lab::ui::harness;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// A window as `delegate-lab` starts it on `data`, without the desktop's file dialogs (as on
/// this machine and every headless one).
fn window(data: &Path) -> Harness<'static, LabApp> {
    let mut app = LabApp::start(data.to_owned());
    app.files.no_native_dialogs = Some("none in the tests".into());
    let mut harness = harness::harness(app);
    harness.run();
    harness
}

fn click(harness: &mut Harness<'static, LabApp>, role: Role, label: &str) {
    harness.get_by_role_and_label(role, label).click();
    harness.run();
}

fn next_steps(harness: &mut Harness<'static, LabApp>, n: usize) {
    for _ in 0..n {
        click(harness, Role::Button, "Next step");
    }
}

fn file_menu(harness: &mut Harness<'static, LabApp>, item: &str) {
    harness.get_by_role_and_label(Role::Button, "File").click();
    harness.run();
    // Menu items are buttons ("New" is also the name of a ribbon group in Outlook).
    harness.get_by_role_and_label(Role::Button, item).click();
    harness.run();
}

fn recovery_files(data: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data.join("recovery"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// A window on `data` that played `steps` steps and crashed: the process ended without its
/// clean exit (the OS releases the lock). The lab it showed.
fn crashed_after_steps(data: &Path, steps: usize) -> delegate_lab::lab::Lab {
    let mut harness = window(data);
    next_steps(&mut harness, steps);
    harness.state().session.lab().clone()
}

fn asks_to_save(harness: &Harness<'static, LabApp>) -> bool {
    harness
        .query_by_label_contains("Do you want to save changes to")
        .is_some()
}

#[test]
fn new_asks_before_unsaved_changes_go_and_cancel_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(dir.path());
    next_steps(&mut harness, 5);
    let before = harness.state().session.lab().clone();
    file_menu(&mut harness, "New");
    assert!(asks_to_save(&harness));
    // Modal: the lab behind cannot be clicked, and a click there does not answer.
    harness
        .get_by_role_and_label(Role::Button, "Next step")
        .click();
    harness.run();
    assert_eq!(harness.state().session.lab(), &before);
    assert!(asks_to_save(&harness));
    // The Delegates dialog behind has a Cancel too: the question's is the one beside it.
    let question = harness
        .get_by_label_contains("Do you want to save changes to")
        .rect();
    let cancel = harness
        .get_all_by_role_and_label(Role::Button, "Cancel")
        .min_by_key(|b| (b.rect().center().y - question.center().y).abs() as i32)
        .unwrap();
    cancel.click();
    harness.run();
    assert!(!asks_to_save(&harness));
    assert_eq!(
        harness.state().session.lab(),
        &before,
        "Cancel keeps the session"
    );
    assert!(harness.state().files.dirty);

    file_menu(&mut harness, "New");
    click(&mut harness, Role::Button, "Don't Save");
    assert_eq!(
        harness.state().session.lab().steps(),
        0,
        "the default lab, anew"
    );
    assert_eq!(harness.state().session.next_step(), 0);
    assert!(!harness.state().files.dirty);
    assert_eq!(
        recovery_files(dir.path()).len(),
        2,
        "only the new session's recovery file (snapshot and journal)"
    );
}

#[test]
fn save_in_the_question_saves_through_the_labs_own_dialog_then_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut harness = window(&data);
    next_steps(&mut harness, 3);
    let lab = harness.state().session.lab().clone();
    file_menu(&mut harness, "New");
    click(&mut harness, Role::Button, "Save");
    // No file yet and no desktop dialog: the lab's own Save As, saying why.
    assert!(
        harness
            .query_by_label_contains("file dialog is not available")
            .is_some()
    );
    harness.get_by_label("Folder:").click();
    let state = harness.state_mut();
    let dialog = state.files.path_dialog.as_mut().unwrap();
    dialog.folder = dir.path().display().to_string();
    dialog.name = "case-1".into();
    harness.run();
    click(&mut harness, Role::Button, "Save");
    let saved = dir.path().join("case-1.ron");
    assert_eq!(opened_session(&saved).session.lab(), &lab);
    assert_eq!(
        harness.state().session.lab().steps(),
        0,
        "then New went on: the default lab"
    );
    assert_eq!(harness.state().files.path, None);
}

#[test]
fn save_as_asks_before_replacing_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let existing = dir.path().join("taken.ron");
    let mut other = seed::played(2);
    other.save_to(&existing).unwrap();
    let before = std::fs::read(&existing).unwrap();
    let mut harness = window(&dir.path().join("data"));
    next_steps(&mut harness, 7);
    file_menu(&mut harness, "Save As...");
    let dialog = harness.state_mut().files.path_dialog.as_mut().unwrap();
    dialog.folder = dir.path().display().to_string();
    dialog.name = "taken.ron".into();
    harness.run();
    click(&mut harness, Role::Button, "Save");
    assert!(harness.query_by_label_contains("already exists").is_some());
    click(&mut harness, Role::Button, "No");
    assert_eq!(std::fs::read(&existing).unwrap(), before, "No keeps it");
    click(&mut harness, Role::Button, "Save");
    click(&mut harness, Role::Button, "Yes");
    assert_ne!(std::fs::read(&existing).unwrap(), before);
    assert!(!harness.state().files.dirty);
    assert_eq!(
        harness.state().files.path.as_deref(),
        Some(existing.as_path())
    );
}

#[test]
fn open_recent_and_open_path_ask_too_and_enter_means_save() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let saved = dir.path().join("saved.ron");
    let mut harness = window(&data);
    next_steps(&mut harness, 2);
    harness.state_mut().save_to(&saved).unwrap();
    next_steps(&mut harness, 2);
    harness.state_mut().files.path_input = "saves/field/outlook-must-be-open.ron".into();
    harness.get_by_label("File").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Open path")
        .click();
    harness.run();
    assert!(asks_to_save(&harness));
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(!asks_to_save(&harness));
    let reopened = opened_session(&saved);
    assert_eq!(
        reopened.session.next_step(),
        4,
        "Enter saved the four steps"
    );
    assert_eq!(
        harness.state().session.name,
        "Delegate sync needs Outlook open on the delegator's computer"
    );
}

#[test]
fn closing_the_window_asks_and_escape_cancels() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(dir.path());
    next_steps(&mut harness, 1);
    harness
        .state_mut()
        .files
        .commands
        .push(delegate_lab::ui::files::AppCommand::Quit);
    harness.run();
    assert!(asks_to_save(&harness));
    assert!(!harness.state().files.may_close);
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(!asks_to_save(&harness) && !harness.state().files.may_close);
    harness
        .state_mut()
        .files
        .commands
        .push(delegate_lab::ui::files::AppCommand::Quit);
    harness.run();
    click(&mut harness, Role::Button, "Don't Save");
    assert!(harness.state().files.may_close);
}

#[test]
fn a_crash_is_offered_modally_naming_the_session_and_untouched_until_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let lab = crashed_after_steps(&data, 9);
    let left = recovery_files(&data);
    let bytes: Vec<Vec<u8>> = left.iter().map(|p| std::fs::read(p).unwrap()).collect();

    let mut harness = window(&data);
    assert!(
        harness
            .query_by_label_contains("did not close cleanly")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("session \u{201c}Delegates without Enterprise Voice")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("It had not been saved to a file.")
            .is_some()
    );
    assert!(harness.query_by_label_contains("Last changed 20").is_some());
    // Clicking the lab behind the offer does nothing, and the files stay as they were.
    harness
        .get_by_role_and_label(Role::Button, "Next step")
        .click();
    harness.run();
    assert_eq!(harness.state().session.lab().steps(), 0);
    for (path, before) in left.iter().zip(&bytes) {
        assert_eq!(&std::fs::read(path).unwrap(), before, "{}", path.display());
    }
    click(&mut harness, Role::Button, "Resume");
    assert_eq!(harness.state().session.lab(), &lab);
    assert_eq!(harness.state().session.next_step(), 9);
    assert!(harness.state().files.dirty);
    assert_eq!(harness.state().files.path, None, "Save asks where");
    assert!(
        left.iter().all(|p| !p.exists()),
        "resumed: the old file went"
    );
    assert!(
        session::recent(&data).is_empty(),
        "recovery files are never recent"
    );

    // A clean exit leaves nothing to offer... once saved.
    harness
        .state_mut()
        .save_to(&dir.path().join("kept.ron"))
        .unwrap();
    harness.state_mut().clean_exit();
    drop(harness);
    let harness = window(&data);
    assert!(harness.state().files.left_behind.is_empty());
}

#[test]
fn a_damaged_journal_is_resumed_without_its_damaged_line_said_and_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let lab = crashed_after_steps(&data, 9);
    let journal = recovery_files(&data)
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "journal"))
        .unwrap();
    // Line 4 (the third step) gets a byte that is not UTF-8.
    let mut bytes = std::fs::read(&journal).unwrap();
    let line_4 = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(2)
        .unwrap()
        .0
        + 1;
    assert!(
        bytes[line_4..].starts_with(b"Step("),
        "setup: a step on line 4"
    );
    bytes[line_4 + 10] = 0xff;
    std::fs::write(&journal, &bytes).unwrap();

    let mut harness = window(&data);
    assert!(
        harness
            .query_by_label_contains("Its journal is damaged: 1 line cannot be read.")
            .is_some()
    );
    click(&mut harness, Role::Button, "Resume");
    // The step is played again (the scenario says which comes next): nothing else is lost.
    assert_eq!(harness.state().session.lab(), &lab);
    assert_eq!(harness.state().session.next_step(), 9);
    let notice = harness.state().files.notice.clone().unwrap_or_default();
    assert!(
        notice.contains("1 of its journal's lines could not be read")
            && notice.contains("line 4: not UTF-8")
            && notice.contains("The journal was kept:"),
        "{notice}"
    );
    assert!(
        harness
            .query_by_label_contains("line 4: not UTF-8")
            .is_some()
    );
    let aside = data
        .join("recovery/damaged")
        .join(journal.file_name().unwrap());
    assert_eq!(std::fs::read(&aside).unwrap(), bytes, "kept as it was");
    assert!(!journal.exists());
}

#[test]
fn each_window_has_its_own_slot_and_never_takes_anothers_files() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let mut first = window(data);
    next_steps(&mut first, 3);
    let mut second = window(data);
    assert!(
        second.state().files.left_behind.is_empty(),
        "the first one is alive"
    );
    next_steps(&mut second, 6);
    let slots = |h: &Harness<'static, LabApp>| h.state().files.instance.as_ref().unwrap().slot();
    assert_ne!(slots(&first), slots(&second));
    assert_eq!(
        recovery_files(data).len(),
        4,
        "a snapshot and a journal each"
    );
    // The first ends cleanly with nothing unsaved; the second's files and lock stay.
    first.state_mut().files.dirty = false;
    first.state_mut().clean_exit();
    drop(first);
    assert_eq!(recovery_files(data).len(), 2);
    // The second crashes: the next window offers its session.
    let lab = second.state().session.lab().clone();
    drop(second);
    let mut third = window(data);
    assert_eq!(third.state().files.left_behind.len(), 1);
    click(&mut third, Role::Button, "Resume");
    assert_eq!(third.state().session.lab(), &lab);
    // A slot's lock is the OS's: a window that holds one keeps it whatever others do.
    let held = Instance::acquire(data).unwrap();
    assert_ne!(held.slot(), slots(&third));
}

#[test]
fn a_signal_ends_the_window_and_keeps_unsaved_changes_for_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(dir.path());
    next_steps(&mut harness, 4);
    harness
        .state()
        .files
        .terminate
        .store(true, Ordering::Relaxed);
    harness.run();
    assert!(harness.state().files.may_close);
    assert!(!asks_to_save(&harness), "a signal cannot be asked");
    drop(harness);
    let harness = window(dir.path());
    assert_eq!(harness.state().files.left_behind.len(), 1);
}

/// The File menu stays open while its path field is clicked and typed into.
#[test]
fn the_open_path_field_can_be_clicked_and_typed_into() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(dir.path());
    harness.get_by_label("File").click();
    harness.run();
    let field = harness.get_by_role_and_label(Role::TextInput, "Open path");
    field.click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Open path")
        .type_text("saves/field/outlook-must-be-open.ron");
    harness.run();
    assert_eq!(
        harness.state().files.path_input,
        "saves/field/outlook-must-be-open.ron"
    );
    click(&mut harness, Role::Button, "Open path");
    assert_eq!(
        harness.state().session.name,
        "Delegate sync needs Outlook open on the delegator's computer"
    );
}

#[test]
fn escape_does_not_throw_recovered_work_away() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(dir.path());
    next_steps(&mut harness, 3);
    harness.state_mut().view.computer = delegate_lab::lab::ComputerIx(1);
    harness.run();
    drop(harness);
    let mut harness = window(dir.path());
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(
        harness
            .query_by_label_contains("did not close cleanly")
            .is_some()
    );
    assert_eq!(harness.state().files.left_behind.len(), 1);
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(harness.state().session.next_step(), 3);
    assert_eq!(
        harness.state().view.computer,
        delegate_lab::lab::ComputerIx(1),
        "the computer looked at comes back too"
    );
}

#[test]
fn dont_save_then_an_open_that_fails_keeps_the_changes_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(dir.path());
    next_steps(&mut harness, 2);
    harness.state_mut().files.path_input = dir.path().join("missing.ron").display().to_string();
    harness.get_by_label("File").click();
    harness.run();
    click(&mut harness, Role::Button, "Open path");
    click(&mut harness, Role::Button, "Don't Save");
    assert!(harness.state().files.error.is_some());
    assert!(harness.state().files.dirty, "still unsaved");
    assert_eq!(harness.state().session.next_step(), 2);
    // Ctrl+S does nothing while a question is up.
    file_menu(&mut harness, "New");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    assert!(asks_to_save(&harness) && harness.state().files.path_dialog.is_none());
}

#[test]
fn a_resumed_session_saves_as_its_old_file_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let own = dir.path().join("case.ron");
    let mut harness = window(&data);
    next_steps(&mut harness, 2);
    harness.state_mut().save_to(&own).unwrap();
    next_steps(&mut harness, 2);
    drop(harness);
    let mut harness = window(&data);
    assert!(
        harness.query_by_label_contains("case.ron").is_some(),
        "names its file"
    );
    click(&mut harness, Role::Button, "Resume");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    let dialog = harness
        .state()
        .files
        .path_dialog
        .clone()
        .expect("Save asks where");
    assert_eq!(dialog.name, "case.ron");
    assert_eq!(Path::new(&dialog.folder), dir.path());
}

#[test]
fn a_file_changed_on_disk_is_not_saved_over_and_recovery_files_are_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let own = dir.path().join("case.ron");
    let mut harness = window(&data);
    next_steps(&mut harness, 2);
    harness.state_mut().save_to(&own).unwrap();
    // Another window saves the same file meanwhile.
    let mut other = seed::played(9);
    std::thread::sleep(std::time::Duration::from_millis(20));
    other.save_to(&own).unwrap();
    let theirs = std::fs::read(&own).unwrap();
    next_steps(&mut harness, 1);
    let e = harness.state_mut().save_to(&own).unwrap_err();
    assert!(e.to_string().contains("changed on disk"), "{e}");
    assert_eq!(std::fs::read(&own).unwrap(), theirs);
    assert!(harness.state().files.dirty);

    let recovery = recovery_files(&data)
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "ron"))
        .unwrap();
    let e = harness.state_mut().open(&recovery).unwrap_err();
    assert!(e.to_string().contains("this is a recovery file"), "{e}");
    assert!(!session::recent(&data).contains(&recovery));
}

#[test]
fn a_shell_history_position_past_the_history_does_not_crash_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = LabApp::start(dir.path().to_owned());
    app.apply_by_hand(delegate_lab::lab::Action::Shell {
        command: "Get-CsUser".into(),
    });
    app.view.computer = delegate_lab::lab::ComputerIx(3);
    app.view.desktops[3].shell.history_back = 3;
    let mut harness = harness::harness(app);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "PS C:\\Users\\administrator.CONTOSO>")
        .click();
    harness.run();
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    harness.key_press(egui::Key::ArrowUp);
    harness.run();
    assert_eq!(harness.state().view.desktops[3].shell.input, "Get-CsUser");
}

#[cfg(unix)]
#[test]
fn a_session_opened_through_a_link_is_saved_where_the_link_points() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.ron");
    let link = dir.path().join("link.ron");
    seed::played(3).save_to(&real).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let mut harness = window(&dir.path().join("data"));
    harness.state_mut().open(&link).unwrap();
    next_steps(&mut harness, 2);
    harness.state_mut().save_to(&link).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(opened_session(&real).session.next_step(), 5);
}
