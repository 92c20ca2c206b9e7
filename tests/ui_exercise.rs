//! The window's Exercise tab (issue 22): an exercise opened from a file shows its tasks; a
//! task done by hand in the lab's own windows is met at the next Check and the completion
//! percentage moves; a task not done shows its goal not met with the lab's reason, and a Hint;
//! Reset Exercise asks first when there is work; the session keeps its exercise when saved.
#![cfg(feature = "gui")]

use std::path::Path;

use delegate_lab::ui::app::LabApp;
use delegate_lab::ui::harness;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn exercise_file() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/exercises/notice-keeps-coming-back.ron")
}

fn window_on_the_exercise() -> Harness<'static, LabApp> {
    let mut app = LabApp::default_lab();
    app.files.no_native_dialogs = Some("none in the tests".into());
    app.open(&exercise_file()).expect("the exercise opens");
    let mut harness = harness::harness(app);
    harness.run();
    harness
}

fn click(harness: &mut Harness<'static, LabApp>, role: Role, label: &str) {
    harness.get_by_role_and_label(role, label).click();
    harness.run();
}

/// Whether some widget's label holds `text` (a title is both the chrome's and the tab's).
fn shows(harness: &Harness<'static, LabApp>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

#[test]
fn a_task_done_by_hand_is_met_at_the_next_check_and_the_percentage_moves() {
    let mut harness = window_on_the_exercise();
    // The setup was played unseen: User21 is signed in on USER21-PC with the notice showing,
    // and the Steps tab does not say how.
    assert!(harness.state().session.exercise.is_some());
    click(&mut harness, Role::Button, "Steps");
    assert!(shows(&harness, "The exercise's setup (not shown)"));
    assert!(!shows(&harness, "User21 signs in to Lync"));
    click(&mut harness, Role::Button, "Exercise");
    assert!(shows(&harness, "Fix the notice that keeps coming back"));
    assert!(shows(&harness, "Completion: 0% (0 of 3 points)"));
    assert!(shows(&harness, "not checked"));

    click(&mut harness, Role::Button, "Check");
    assert!(!shows(&harness, "not checked"));
    assert!(shows(
        &harness,
        "Not met: Expect User21's registry value 'Outstanding DelegatorList'"
    ));
    assert!(
        shows(&harness, "found \"sip:user20@contoso.com\""),
        "the lab's reason"
    );
    // The hint, once asked for.
    assert!(!shows(
        &harness,
        "Hint: Signing out and in does not dismiss it"
    ));
    click(&mut harness, Role::Button, "Hint for task 1");
    assert!(shows(
        &harness,
        "Hint: Signing out and in does not dismiss it"
    ));

    // Task 1 by hand: the banner's X in User21's Lync on USER21-PC.
    click(&mut harness, Role::Button, "USER21-PC");
    click(&mut harness, Role::Button, "Lync");
    click(
        &mut harness,
        Role::Button,
        "Close the banner \"You were added as a delegate for User20\"",
    );
    assert!(shows(&harness, "Completion: 67% (2 of 3 points)"), "live");
    assert!(shows(&harness, "Changed since the last Check"));
    assert!(
        shows(&harness, "not checked"),
        "the old verdicts are not shown as current"
    );
    click(&mut harness, Role::Button, "Check");
    let checked = harness.state().view.exercise.checked.clone().unwrap().1;
    assert!(checked.tasks[0].met() && !checked.tasks[1].met());

    // Task 2 by hand: Registry Editor from the taskbar. Every task done: the message.
    assert!(!shows(&harness, "All tasks are done"));
    click(&mut harness, Role::Button, "Registry Editor");
    assert!(shows(&harness, "Completion: 100% (3 of 3 points)"));
    assert!(shows(&harness, "All tasks are done: 3 of 3 points."));
}

#[test]
fn reset_asks_first_when_there_is_work_and_then_starts_again() {
    let mut harness = window_on_the_exercise();
    let start = harness.state().session.lab().clone();
    click(&mut harness, Role::Button, "USER21-PC");
    click(&mut harness, Role::Button, "Registry Editor");
    assert_ne!(harness.state().session.lab(), &start, "setup: work done");
    assert!(shows(&harness, "Completion: 33% (1 of 3 points)"));

    click(&mut harness, Role::Button, "Reset Exercise");
    assert!(
        shows(&harness, "Do you want to save changes to"),
        "asks first"
    );
    click(&mut harness, Role::Button, "Cancel");
    assert!(shows(&harness, "Completion: 33%"), "Cancel keeps the work");

    click(&mut harness, Role::Button, "Reset Exercise");
    click(&mut harness, Role::Button, "Don't Save");
    assert_eq!(
        harness.state().session.lab(),
        &start,
        "the exercise's start"
    );
    assert!(shows(&harness, "Completion: 0% (0 of 3 points)"));
    assert!(harness.state().session.exercise.is_some());
}

#[test]
fn a_saved_exercise_session_opens_again_on_its_exercise() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window_on_the_exercise();
    click(&mut harness, Role::Button, "USER21-PC");
    click(&mut harness, Role::Button, "Registry Editor");
    let saved = dir.path().join("student.ron");
    harness.state_mut().save_to(&saved).unwrap();

    let mut app = LabApp::default_lab();
    app.open(&saved).unwrap();
    let mut again = harness::harness(app);
    again.run();
    assert!(shows(&again, "Completion: 33% (1 of 3 points)"));
    assert_eq!(again.state().session.lab(), harness.state().session.lab());
}

#[test]
fn solve_does_a_tasks_steps_and_an_exam_hides_solve_the_inspector_and_the_event_log() {
    let mut harness = window_on_the_exercise();
    // Positive control: outside an exam all three are there.
    for (role, label) in [
        (Role::Button, "Solve task 1"),
        (Role::Button, "Back End Inspector"),
        (Role::Button, "Event log"),
    ] {
        assert!(
            harness.query_by_role_and_label(role, label).is_some(),
            "{label}"
        );
    }
    click(&mut harness, Role::Button, "Solve task 1");
    assert!(shows(&harness, "Completion: 67% (2 of 3 points)"));
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "Solve task 1")
            .is_none(),
        "done"
    );
    assert!(harness.state().files.dirty, "done as by hand: unsaved");

    let mut exam = exercise_of_file();
    exam.exam = true;
    let mut app = LabApp::default_lab();
    app.start_exercise(exam);
    let mut harness = harness::harness(app);
    harness.run();
    assert!(
        shows(&harness, "Completion: 0%"),
        "setup: the exercise is shown"
    );
    for label in ["Solve task 1", "Back End Inspector", "Event log"] {
        assert!(
            harness
                .query_by_role_and_label(Role::Button, label)
                .is_none(),
            "{label}"
        );
    }
}

fn exercise_of_file() -> delegate_lab::exercise::Exercise {
    delegate_lab::exercise::load(&exercise_file()).unwrap()
}
