//! Graded exercises (issue 22): the shipped exercises give full marks to sessions recorded
//! from their solve steps and none to their start, with the lab's reasons; `grade` writes a
//! table, CSV, JSON and JUnit that parse; bad exercise files are refused at their line and
//! column; and the score does not depend on the order of independent actions.

mod common;

use std::path::{Path, PathBuf};

use common::{lab_command as lab, text};
use delegate_lab::exercise::{self, Exercise};
use delegate_lab::lab::Action;
use delegate_lab::session::Session;

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn shipped() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/exercises");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

/// `record` of an exercise (with its solve steps or not) into `dir`.
fn recorded(dir: &Path, exercise: &Path, solve: bool) -> PathBuf {
    let stem = exercise.file_stem().unwrap().to_string_lossy();
    let out = dir.join(format!(
        "{stem}-{}.ron",
        if solve { "solved" } else { "start" }
    ));
    let mut args = vec!["record", arg(exercise), "--out", arg(&out)];
    if solve {
        args.push("--solve");
    }
    let ran = lab(&args);
    assert!(ran.status.success(), "record: {}", text(&ran.stderr));
    out
}

#[test]
fn every_shipped_exercise_gives_full_marks_to_its_solution_and_none_to_its_start() {
    let files = shipped();
    assert!(files.len() >= 4, "{files:?}");
    let dir = tempfile::tempdir().unwrap();
    for file in &files {
        let solved = recorded(dir.path(), file, true);
        let start = recorded(dir.path(), file, false);
        let ran = lab(&[
            "grade",
            arg(file),
            arg(&solved),
            arg(&start),
            "--format",
            "json",
        ]);
        assert_eq!(ran.status.code(), Some(0), "{}", text(&ran.stderr));
        let json: serde_json::Value = serde_json::from_slice(&ran.stdout).unwrap();
        let sessions = json["sessions"].as_array().unwrap();
        let of = sessions[0]["of"].as_f64().unwrap();
        assert!(of >= 2.0, "{file:?}: a weighted exercise");
        assert_eq!(sessions[0]["points"].as_f64(), Some(of), "{file:?} solved");
        assert_eq!(
            sessions[1]["points"].as_f64(),
            Some(0.0),
            "{file:?} at its start"
        );
        // Every goal not met says why, in the lab's words.
        for task in sessions[1]["tasks"].as_array().unwrap() {
            let unmet = task["unmet"].as_array().unwrap();
            assert!(!unmet.is_empty(), "{file:?}: {task}");
            for goal in unmet {
                assert!(
                    goal["found"].as_str().is_some_and(|f| !f.is_empty()),
                    "{file:?}: {goal}"
                );
            }
        }
    }
}

#[test]
fn check_on_an_exercise_replays_its_solution_and_checks_every_goal() {
    let files = shipped();
    let args: Vec<&str> = std::iter::once("check")
        .chain(files.iter().map(|f| arg(f)))
        .collect();
    let ran = lab(&args);
    assert_eq!(ran.status.code(), Some(0), "{}", text(&ran.stdout));
    let out = text(&ran.stdout);
    assert!(out.contains("3 of 3 expectations passed"), "{out}");
    // An exercise whose solution does not do its task fails `check`.
    let dir = tempfile::tempdir().unwrap();
    let mut unsolved = exercise::load(&files[0]).unwrap();
    unsolved.tasks[0].solve.clear();
    let path = dir.path().join("unsolved.ron");
    std::fs::write(
        &path,
        delegate_lab::session::export::exercise_text(&unsolved).unwrap(),
    )
    .unwrap();
    let ran = lab(&["check", arg(&path)]);
    assert_eq!(ran.status.code(), Some(1), "{}", text(&ran.stdout));
}

/// The fields of one CSV record (RFC 4180 quoting).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => fields.last_mut().unwrap().push(c),
        }
    }
    assert!(!quoted, "an unclosed quote: {line}");
    fields
}

/// The elements of `xml`, in order, checking that it is well formed as far as its elements go:
/// every tag closed, in order.
fn elements(xml: &str) -> Vec<String> {
    let mut open: Vec<String> = Vec::new();
    let mut seen = Vec::new();
    for piece in xml.split('<').skip(1) {
        let tag = piece.split('>').next().unwrap();
        if tag.starts_with('?') {
            continue;
        }
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect();
        if tag.starts_with('/') {
            assert_eq!(open.pop().as_deref(), Some(name.as_str()), "{xml}");
            continue;
        }
        if !tag.ends_with('/') {
            open.push(name.clone());
        }
        seen.push(name);
    }
    assert!(open.is_empty(), "unclosed: {open:?}");
    seen
}

#[test]
fn grades_come_as_a_table_csv_and_junit_that_parse() {
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/exercises/schedule-lync-meetings.ron");
    let dir = tempfile::tempdir().unwrap();
    let solved = recorded(dir.path(), &file, true);
    let start = recorded(dir.path(), &file, false);
    let run = |format: &str| {
        let ran = lab(&[
            "grade",
            arg(&file),
            arg(&solved),
            arg(&start),
            "--format",
            format,
        ]);
        assert_eq!(
            ran.status.code(),
            Some(0),
            "{format}: {}",
            text(&ran.stderr)
        );
        text(&ran.stdout)
    };

    let table = run("table");
    assert!(
        table.contains("3 of 3 points (100%)") && table.contains("0 of 3 points (0%)"),
        "{table}"
    );
    assert!(
        table.contains("not met: Expect the back end to record User21 as a delegate of User20"),
        "{table}"
    );

    let csv = run("csv");
    let rows: Vec<Vec<String>> = csv
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(csv_fields)
        .collect();
    assert_eq!(rows.len(), 3, "a header and a row per session: {csv}");
    assert_eq!(rows[0][0], "session");
    assert!(rows.iter().all(|r| r.len() == rows[0].len()), "{rows:?}");
    assert_eq!(rows[1][rows[0].len() - 3], "3", "the solution's total");
    assert_eq!(rows[2][rows[0].len() - 3], "0", "the start's total");
    assert!(rows[2].last().unwrap().contains("found absent"), "{rows:?}");

    let junit = run("junit");
    let names = elements(&junit);
    assert_eq!(names.iter().filter(|n| *n == "testsuite").count(), 2);
    assert_eq!(names.iter().filter(|n| *n == "testcase").count(), 4);
    assert_eq!(
        names.iter().filter(|n| *n == "failure").count(),
        2,
        "the start's two tasks"
    );
    assert!(junit.contains("failures=\"2\""), "{junit}");
}

#[test]
fn bad_exercises_and_sessions_of_other_exercises_are_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let good = r#"Exercise(
    title: "t",
    tasks: [
        Task(
            title: "a",
            goals: [ExpectBackendDelegate(delegator: "user20", delegate: "user21", present: true)],
        ),
    ],
)"#;
    // Positive control: the file as written is an exercise.
    assert!(exercise::parse(good).is_ok());
    let cases = [
        (
            "ExpectBackendDelegate(delegator: \"user20\", delegate: \"user21\", present: true)",
            "ExpectOk",
            "about the previous action",
            (6, 21),
        ),
        (
            "delegate: \"user21\"",
            "delegate: \"user99\"",
            "unknown user \"user99\"",
            (6, 74),
        ),
        (
            "goals: [ExpectBackendDelegate(delegator: \"user20\", delegate: \"user21\", present: true)]",
            "goals: []",
            "task 1 has no goals",
            (4, 9),
        ),
        ("title: \"a\",", "title: \"a\", grade: 3,", "grade", (5, 25)),
    ];
    for (from, to, says, (line, column)) in cases {
        let text_of = good.replacen(from, to, 1);
        assert_ne!(text_of, good, "setup: {from}");
        let e = exercise::parse(&text_of).unwrap_err().to_string();
        assert!(
            e.contains(says) && e.contains(&format!("at line {line}, column {column}")),
            "{to}: {e}"
        );
    }

    let file = dir.path().join("t.ron");
    std::fs::write(&file, good).unwrap();
    let other =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/exercises/enterprise-voice-delegate.ron");
    let theirs = recorded(dir.path(), &other, true);
    let ran = lab(&["grade", arg(&file), arg(&theirs)]);
    assert_eq!(ran.status.code(), Some(2));
    assert!(
        text(&ran.stderr).contains("not a session of the exercise"),
        "{}",
        text(&ran.stderr)
    );
    let ran = lab(&["grade", arg(&file), "no-such-session.ron"]);
    assert_eq!(ran.status.code(), Some(2));
}

fn notice_exercise() -> Exercise {
    exercise::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/exercises/notice-keeps-coming-back.ron"),
    )
    .unwrap()
}

fn action(line: &str) -> Action {
    ron::from_str(line).unwrap()
}

mod the_score_does_not_depend_on_the_order_of_independent_actions {
    use super::*;
    use proptest::prelude::*;

    /// Actions that touch different things: each task's solution, and others that are no
    /// part of it.
    const ACTIONS: [&str; 5] = [
        r#"DismissBanner(user: "user21", computer: "USER21-PC", delegator: "user20")"#,
        r#"OpenWindow(computer: "USER21-PC", window: "Registry Editor")"#,
        r#"StartOutlook(user: "user21", computer: "USER21-PC")"#,
        r#"OpenWindow(computer: "USER20-PC", window: "Registry Editor")"#,
        r#"SignIn(user: "administrator", computer: "LYNC-FE01")"#,
    ];

    fn graded(order: &[usize]) -> exercise::Grade {
        let exercise = notice_exercise();
        let mut session = Session::with_scenario(exercise.starting_scenario());
        while session.play_next().is_some() {}
        for &i in order {
            let outcome = session.apply(action(ACTIONS[i]));
            assert_eq!(outcome, delegate_lab::lab::Outcome::Ok, "{}", ACTIONS[i]);
        }
        exercise.grade(session.lab(), exercise.progress(session.next_step()))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn in_any_order(order in Just((0..ACTIONS.len()).collect::<Vec<_>>()).prop_shuffle()) {
            let canonical = graded(&(0..ACTIONS.len()).collect::<Vec<_>>());
            prop_assert_eq!(canonical.points, delegate_lab::exercise::Points(300), "setup: full marks");
            prop_assert_eq!(graded(&order), canonical);
        }
    }
}

#[test]
fn an_exercise_made_by_clicking_through_once_grades_its_own_solution_full() {
    let dir = tempfile::tempdir().unwrap();
    // The trainer does the task by hand and chooses what the lab should show.
    let mut session = Session::new(
        "Delegate for Lync Meetings",
        delegate_lab::lab::LabSpec::contoso(),
    );
    for line in [
        r#"Shell(command: "Set-CsClientPolicy Global -EnableExchangeDelegateSync $True")"#,
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
        r#"SignIn(user: "user20", computer: "USER20-PC")"#,
        r#"AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")"#,
        r#"SignIn(user: "user21", computer: "USER21-PC")"#,
    ] {
        assert_eq!(
            session.apply(action(line)),
            delegate_lab::lab::Outcome::Ok,
            "{line}"
        );
    }
    for goal in [
        r#"ExpectBackendDelegate(delegator: "user20", delegate: "user21", present: true)"#,
        r#"ExpectGroup(user: "user21", computer: "USER21-PC", group: "People I Manage Calls For", members: ["user20"])"#,
    ] {
        let goal = ron::from_str(goal).unwrap();
        assert!(session.expect(goal).is_ok(), "setup: Expect this");
    }
    let saved = dir.path().join("trainer.ron");
    delegate_lab::session::save_session(&session, None, &saved).unwrap();

    let made = dir.path().join("made.ron");
    let ran = lab(&["exercise", arg(&saved), "--out", arg(&made)]);
    assert_eq!(ran.status.code(), Some(0), "{}", text(&ran.stderr));
    let exercise = exercise::load(&made).expect("the written exercise reads back");
    assert_eq!(exercise.tasks.len(), 2, "a task a goal");
    assert_eq!(exercise.tasks[0].solve.len(), 5, "the actions done");

    let solved = recorded(dir.path(), &made, true);
    let start = recorded(dir.path(), &made, false);
    let ran = lab(&[
        "grade",
        arg(&made),
        arg(&solved),
        arg(&start),
        "--format",
        "csv",
    ]);
    assert_eq!(ran.status.code(), Some(0), "{}", text(&ran.stderr));
    let rows: Vec<Vec<String>> = text(&ran.stdout)
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(csv_fields)
        .collect();
    let total = rows[0].len() - 3;
    assert_eq!(
        (rows[1][total].as_str(), rows[2][total].as_str()),
        ("2", "0")
    );

    // Without an expectation chosen there is nothing to grade: it says so, and writes nothing.
    let bare = dir.path().join("bare.ron");
    delegate_lab::session::save_session(
        &Session::new("x", delegate_lab::lab::LabSpec::contoso()),
        None,
        &bare,
    )
    .unwrap();
    let none = dir.path().join("none.ron");
    let ran = lab(&["exercise", arg(&bare), "--out", arg(&none)]);
    assert_eq!(ran.status.code(), Some(2));
    assert!(
        text(&ran.stderr).contains("Expect this"),
        "{}",
        text(&ran.stderr)
    );
    assert!(!none.exists());
}

#[cfg(feature = "gui")]
#[test]
fn report_writes_the_students_handout_without_solutions_and_the_trainers_version_with_them() {
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/exercises/notice-keeps-coming-back.ron");
    let dir = tempfile::tempdir().unwrap();
    let page = |solutions: bool| {
        let out = dir
            .path()
            .join(if solutions { "trainer" } else { "student" });
        let mut args = vec!["report", arg(&file), "--out", arg(&out), "--format", "md"];
        if solutions {
            args.push("--solutions");
        }
        let ran = lab(&args);
        assert_eq!(ran.status.code(), Some(0), "{}", text(&ran.stderr));
        assert!(out.join("the-notice.png").exists(), "the setup's figure");
        std::fs::read_to_string(out.join("notice-keeps-coming-back.md")).unwrap()
    };
    let handout = page(false);
    for shown in [
        "# Fix the notice that keeps coming back",
        "*2 tasks, 3 points in all.*",
        "Make the notice stop on USER21-PC for good",
        "1. Capture the-notice",
        "Task 1: The notice is dismissed on USER21-PC (2 points)",
        "Task 2: Registry Editor is open on USER21-PC (1 point)",
    ] {
        assert!(handout.contains(shown), "handout: {shown}\n{handout}");
    }
    for hidden in [
        "Goal:",
        "Hint:",
        "closes the banner",
        "User21 signs in to Lync",
        "After the solution",
    ] {
        assert!(
            !handout.contains(hidden),
            "handout shows {hidden}:\n{handout}"
        );
    }
    let trainer = page(true);
    for shown in [
        "Task 1: The notice is dismissed on USER21-PC (2 points)",
        "Goal: Expect User21's registry value 'Outstanding DelegatorList' on USER21-PC to be empty",
        "Hint: Signing out and in does not dismiss it",
        "User21 closes the banner",
        "After the solution:",
        "*3 of 3 goals met after the solution.*",
    ] {
        assert!(trainer.contains(shown), "trainer: {shown}\n{trainer}");
    }
}

#[test]
fn a_session_short_of_the_setup_scores_nothing_whatever_its_lab_shows() {
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/exercises/notice-keeps-coming-back.ron");
    let exercise = exercise::load(&file).unwrap();
    // The lab before the setup has Registry Editor closed and no notice: with no setup done,
    // "Outstanding DelegatorList is empty" would hold, for nothing.
    let dir = tempfile::tempdir().unwrap();
    let short = dir.path().join("short.ron");
    let ran = lab(&["record", arg(&file), "--at", "0", "--out", arg(&short)]);
    assert!(ran.status.success(), "{}", text(&ran.stderr));
    let ran = lab(&["grade", arg(&file), arg(&short), "--format", "json"]);
    assert_eq!(ran.status.code(), Some(0), "{}", text(&ran.stderr));
    let json: serde_json::Value = serde_json::from_slice(&ran.stdout).unwrap();
    assert_eq!(json["sessions"][0]["points"].as_f64(), Some(0.0), "{json}");
    let found = &json["sessions"][0]["tasks"][0]["unmet"][0]["found"];
    assert!(
        found
            .as_str()
            .unwrap()
            .contains("before the exercise's start"),
        "{found}"
    );

    // Positive control: the same lab graded as a started session does get that point.
    let mut session = Session::with_scenario(exercise.starting_scenario());
    let before = exercise.grade(session.lab(), exercise::Progress::Started);
    assert!(before.points.0 > 0, "setup: a goal holds before the setup");
    while session.play_next().is_some() {}
    assert_eq!(
        exercise.progress(session.next_step()),
        exercise::Progress::Started
    );

    // --at past the end is refused, as for a scenario.
    let ran = lab(&["record", arg(&file), "--at", "999", "--out", arg(&short)]);
    assert_eq!(ran.status.code(), Some(2));
    assert!(
        text(&ran.stderr).contains("--at 999 is past the end"),
        "{}",
        text(&ran.stderr)
    );
}

#[test]
fn weights_past_the_most_and_a_scenario_given_as_the_exercise_are_refused() {
    let heavy = r#"Exercise(title: "t", tasks: [
    Task(title: "a", goals: [ExpectBackendDelegate(delegator: "user20", delegate: "user21", present: true)], weight: 4294967295),
])"#;
    let e = exercise::parse(heavy).unwrap_err().to_string();
    assert!(
        e.contains("weight 4294967295: give it 1 to 1000") && e.contains("at line 2, column 5"),
        "{e}"
    );
    assert!(
        exercise::parse(&heavy.replace("4294967295", "1000")).is_ok(),
        "positive control"
    );

    let scenario = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/seed-walkthrough.ron");
    let ran = lab(&["grade", arg(&scenario), arg(&scenario)]);
    assert_eq!(ran.status.code(), Some(2));
    assert!(
        text(&ran.stderr).contains("this is not an exercise"),
        "{}",
        text(&ran.stderr)
    );
}
