//! The command line: `check` exit codes and messages, `state` text and JSON.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn lab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_delegate-lab"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

#[test]
fn every_shipped_and_test_scenario_passes_check() {
    let mut files: Vec<String> = Vec::new();
    for dir in ["saves", "saves/field", "tests/scenarios"] {
        for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)).unwrap() {
            let path = entry.unwrap().path();
            // Sessions are checked by `verify` (tests/sessions.rs), scenarios by `check`.
            let is_session = path.to_string_lossy().contains("session");
            if path.extension().is_some_and(|e| e == "ron") && !is_session {
                files.push(path.to_string_lossy().into_owned());
            }
        }
    }
    files.sort();
    assert!(files.len() >= 5, "{files:?}");
    let args: Vec<&str> = std::iter::once("check")
        .chain(files.iter().map(String::as_str))
        .collect();
    let out = lab(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains("41 of 41 expectations passed"));
}

#[test]
fn a_wrong_expectation_exits_1_and_says_what_was_expected_and_found() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "wrong.ron",
        r#"Scenario(title: "wrong", steps: [
            StartOutlook(user: "user20", computer: "USER20-PC"),
            SignIn(user: "user20", computer: "USER20-PC"),
            AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21"),
            ExpectBackendDelegate(delegator: "user20", delegate: "user21", present: true),
            ExpectOk,
        ])"#,
    );
    let out = lab(&["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("FAILED step 4: ExpectBackendDelegate"),
        "{stdout}"
    );
    assert!(
        stdout.contains("expected: the back-end delegate record user20 → user21 present"),
        "{stdout}"
    );
    assert!(stdout.contains("found:    absent"), "{stdout}");
    assert!(
        stdout.contains("1 of 2 expectations passed, 1 failed"),
        "{stdout}"
    );
}

#[test]
fn unreadable_and_malformed_files_exit_2_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let malformed = write(
        dir.path(),
        "malformed.ron",
        "Scenario(\n  title: \"x\",\n  steps: [ SignIn(user: \"user20\",, ],\n)",
    );
    let out = lab(&["check", malformed.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("at line 3, column"), "{stderr}");
    assert!(stderr.contains("malformed.ron"), "{stderr}");

    let unknown = write(
        dir.path(),
        "unknown.ron",
        "Scenario(title: \"x\", steps: [\n    SignIn(user: \"user99\", computer: \"USER20-PC\"),\n])",
    );
    let out = lab(&["check", unknown.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("unknown user \"user99\""), "{stderr}");
    assert!(stderr.contains("at line 2, column 18"), "{stderr}");

    let binary = dir.path().join("binary.ron");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let out = lab(&["check", binary.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("not UTF-8"),
        "{}",
        text(&out.stderr)
    );

    let out = lab(&["check", "no/such/file.ron"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("cannot read the file") && stderr.trim_end().ends_with("no/such/file.ron"),
        "{stderr}"
    );

    // A bad file among good ones: the good ones still run, the exit code is 2.
    let out = lab(&[
        "check",
        "saves/seed-walkthrough.ron",
        unknown.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stdout).contains("41 of 41"));
}

#[test]
fn check_prints_each_step_with_its_outcome_and_why() {
    let out = lab(&["check", "saves/seed-walkthrough.ron"]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("→ error: You do not have permissions to schedule Lync Meetings"));
    assert!(stdout.contains("No delegate sync to the Lync back end (B5): the client policy User20's Lync read at sign-in on USER20-PC (Global) has EnableExchangeDelegateSync not set"));
    assert!(stdout.contains("capture (rendered by `shots`)"));
}

#[test]
fn state_prints_the_lab_at_a_step_as_text_and_json() {
    let out = lab(&["state", "saves/seed-walkthrough.ron", "--at", "36"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("user20 → user21: created Mon 2014-07-07 09:11 (action 13) by Outlook sync (User20's Lync on USER20-PC)"), "{stdout}");
    assert!(stdout.contains("Banner: You were added as a delegate for User20"));

    let out = lab(&["state", "saves/seed-walkthrough.ron", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(
        json["backend_delegates"].as_array().unwrap().len(),
        0,
        "cleaned up at the end"
    );
    let seats = json["seats"].as_array().unwrap();
    let user21 = seats
        .iter()
        .find(|s| s["user"] == "user21" && s["computer"] == "USER21-PC")
        .unwrap();
    assert_eq!(user21["lync"], "signed in");
    assert_eq!(
        user21["banners"][0],
        "You were removed as a delegate for User20"
    );
    assert_eq!(user21["registry"]["last_delegator_list"], "");
    assert!(
        user21["registry"]["key"]
            .as_str()
            .unwrap()
            .ends_with("\\Lync\\user21@contoso.com")
    );
    let user20 = &json["users"][0];
    assert_eq!(user20["effective_client_policy"], "Global");
    assert_eq!(user20["outlook_delegates"].as_array().unwrap().len(), 0);
    assert_eq!(
        json["log"].as_array().unwrap().len() as u64,
        json["actions"].as_u64().unwrap()
    );
    assert_eq!(
        json["log"][0]["action"],
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#
    );

    let out = lab(&["state", "saves/seed-walkthrough.ron", "--at", "9999"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("past the end"));
}

/// Issue 23: the routing rows of the `rtc` database, as the customer's SQL query returns them.
#[test]
fn state_shows_the_rtc_routing_rows_as_sql_does() {
    // Step 36 of the walkthrough: after the sync, before the cleanup.
    let out = lab(&[
        "state",
        "saves/seed-walkthrough.ron",
        "--at",
        "36",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let resource = json["rtc"]["resource"]
        .as_array()
        .expect("rtc.resource rows");
    let user20 = resource
        .iter()
        .find(|r| r["user_at_host"] == "user20@contoso.com")
        .expect("User20's Resource row");
    let publisher = user20["resource_id"]
        .as_u64()
        .expect("an integer ResourceId");
    let rows = json["rtc"]["published_static_instance"]
        .as_array()
        .expect("rtc.published_static_instance rows");
    let routing = rows
        .iter()
        .find(|r| r["publisher_id"].as_u64() == Some(publisher) && r["category_id"] == 8)
        .expect("User20's routing row");
    assert_eq!(routing["container_num"], 0);
    let data = routing["data_xml"].as_str().unwrap();
    assert!(
        data.contains(
            r#"<list name="delegates"><target uri="sip:user21@contoso.com"></target></list>"#
        ),
        "{data}"
    );

    // At the end the cleanup deleted the record: the list is empty again (a positive control).
    let out = lab(&["state", "saves/seed-walkthrough.ron", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let data = json["rtc"]["published_static_instance"][0]["data_xml"]
        .as_str()
        .unwrap();
    assert!(data.contains(r#"<list name="delegates"></list>"#), "{data}");

    let out = lab(&["state", "saves/seed-walkthrough.ron", "--at", "36"]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("rtc database (as SQL shows it)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("1000        user20@contoso.com"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Reconstructed (lab assumption)"),
        "{stdout}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_refused_instead_of_read_forever() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.ron");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    for (file, what) in [
        (fifo.to_str().unwrap(), "a FIFO (named pipe), not a file"),
        ("/dev/zero", "a device, not a file"),
    ] {
        for command in ["check", "state", "verify"] {
            let out = lab(&[command, file]);
            assert_eq!(out.status.code(), Some(2), "{command} {file}");
            let err = text(&out.stderr);
            assert!(err.contains(what) && err.contains(file), "{command}: {err}");
        }
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/field/outlook-must-be-open.ron"),
    )
    .unwrap();
    let file = write(dir.path(), "bom.ron", &format!("\u{feff}{text}"));
    let out = lab(&["check", "-q", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text_of(&out));
}

fn text_of(out: &Output) -> String {
    format!("{}{}", text(&out.stdout), text(&out.stderr))
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_quietly_and_a_full_disk_is_an_error() {
    use std::process::Stdio;
    for args in [
        &["state", "saves/seed-walkthrough.ron"][..],
        &["check", "saves/seed-walkthrough.ron"],
        &[
            "verify",
            "saves/seed-walkthrough.ron",
            "saves/field/outlook-must-be-open.ron",
        ],
    ] {
        // The reader is gone before the first line is written (`| head -0`).
        let mut child = Command::new(env!("CARGO_BIN_EXE_delegate-lab"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert_eq!(text(&out.stderr), "", "{args:?}");

        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_delegate-lab"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = text(&out.stderr);
        assert!(
            err.starts_with("error: cannot write the output") && err.lines().count() == 1,
            "{args:?}: {err}"
        );
    }
}

#[test]
fn record_refuses_a_step_past_the_end_and_never_replaces_a_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("s.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/field/outlook-must-be-open.ron"),
        &scenario,
    )
    .unwrap();
    let before = std::fs::read(&scenario).unwrap();
    let s = scenario.to_str().unwrap();
    let out = lab(&["record", s, "--at", "9999", "--out", "x.ron"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--at 9999 is past the end"));
    let out = lab(&["record", s, "--out", s]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr)
            .contains("refusing to save a session over a file that is not one (it is a scenario)"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(&scenario).unwrap(), before);
    // A session may be replaced by a newer one.
    let session = dir.path().join("session.ron");
    let t = session.to_str().unwrap();
    assert_eq!(
        lab(&["record", s, "--at", "2", "--out", t]).status.code(),
        Some(0)
    );
    assert_eq!(lab(&["record", s, "--out", t]).status.code(), Some(0));
}

/// Sessions `verify` used to accept that then crashed the window, every time it started.
#[test]
fn sessions_whose_parts_do_not_fit_are_refused_by_verify() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.ron");
    let g = good.to_str().unwrap();
    let out = lab(&[
        "record",
        "saves/seed-walkthrough.ron",
        "--at",
        "12",
        "--out",
        g,
    ]);
    assert_eq!(out.status.code(), Some(0));
    let saved = std::fs::read_to_string(&good).unwrap();
    let cases = [
        (
            "step-index.ron",
            saved.replacen("index: 11,", "index: 199,", 1),
            "timeline entry 12 runs scenario step 200 of 106",
        ),
        (
            "order.ron",
            saved.replacen("index: 11,", "index: 3,", 1),
            "timeline entry 12 runs scenario step 4 again, or out of order",
        ),
        (
            "mark.ron",
            saved.replacen(
                "Step(index: 4, mark: Passed)",
                "Step(index: 4, mark: Captured)",
                1,
            ),
            "timeline entry 5 marks scenario step 5 as captured, which is not a mark for that kind of step",
        ),
        (
            "passed.ron",
            saved.replacen(
                "mark: Passed",
                "mark: Failed(expected: \"x\", found: \"y\")",
                1,
            ),
            "saved failed (expected x; found y), replayed passed",
        ),
        (
            "position.ron",
            saved.replacen("position: 12", "position: 99", 1),
            "position 99 is past the timeline's 12 entries",
        ),
        (
            "draft.ron",
            saved.replacen("chosen: []", "chosen: [(99)]", 1),
            "desktop 1 of the window state: Outlook's dialogs name user 99, but the lab has 3 users",
        ),
        (
            "place.ron",
            saved.replacen(
                "window_rects: {}",
                "window_rects: {\"1:LyncMain\": (1.0, 2.0, -3.0, 4.0)}",
                1,
            ),
            "the window place \"1:LyncMain\"",
        ),
        (
            "typo.ron",
            saved.replacen("note: \"\"", "notes: \"hello\"", 1),
            "Unexpected field named `notes`",
        ),
        (
            "other-format.ron",
            saved.replacen("format: 3", "format: 2", 1),
            "Unexpected field named `scenario`",
        ),
        (
            "player-user.ron",
            saved.replacen(
                "delegate: \"user21\"",
                "delegate: \"user99\"",
                saved.matches("delegate: \"user21\"").count(),
            ),
            "unknown user \"user99\"",
        ),
    ];
    for (name, damaged, says) in cases {
        assert_ne!(damaged, saved, "{name}: the edit applies");
        let file = write(dir.path(), name, &damaged);
        let out = lab(&["verify", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", text_of(&out));
        let err = text(&out.stderr);
        assert!(err.contains(says) && err.contains(name), "{name}: {err}");
        assert!(
            err.contains("at line") && !err.contains("at line 1, column 1 "),
            "{name}: where? {err}"
        );
    }
}

/// A trainer's run, kept as a scenario: recorded at step 40, exported, checked — and the
/// exported scenario ends on the session's lab.
#[test]
fn a_recorded_session_exports_to_a_scenario_that_checks_and_ends_on_the_same_lab() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("at-40.ron");
    let exported = dir.path().join("at-40-scenario.ron");
    let (s, e) = (session.to_str().unwrap(), exported.to_str().unwrap());
    let out = lab(&[
        "record",
        "saves/seed-walkthrough.ron",
        "--at",
        "40",
        "--out",
        s,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text_of(&out));
    let out = lab(&["export", s, "--out", e]);
    assert_eq!(out.status.code(), Some(0), "{}", text_of(&out));

    let out = lab(&["check", e]);
    assert_eq!(out.status.code(), Some(0), "{}", text_of(&out));
    let written = std::fs::read_to_string(&exported).unwrap();
    assert!(written.contains("        ExpectError(contains: \"You do not have permissions to schedule Lync Meetings on behalf of the owner of this account. Please contact the owner of the account to get delegate permissions in Microsoft Lync.\"),\n"), "{written}");
    assert!(!written.contains("lab:"), "the default lab is left out");

    let exported_state = lab(&["state", e, "--json"]);
    let session_state = lab(&["state", s, "--json"]);
    assert_eq!(exported_state.status.code(), Some(0));
    let json = |out: &Output| serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap();
    assert_eq!(json(&exported_state), json(&session_state));

    // A scenario is not exported, and a session is never written over.
    let out = lab(&["export", "saves/seed-walkthrough.ron", "--out", e]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("this is a scenario already"));
    let out = lab(&["export", s, "--out", s]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr)
            .contains("refusing to save a scenario over a file that is not one (it is a session)"),
        "{}",
        text(&out.stderr)
    );
}

/// Issue 25: `record` wrote sessions that `verify`, `state`, `export` and `open` then refused
/// as "larger than the limit of 64 MB". Whatever the lab writes, it reads: a session past the
/// old limit (long notes make it so quickly) round-trips through every command, and a
/// thousand ordinary steps take so little that a million fit in what the lab reads.
#[test]
fn a_session_recorded_past_the_old_64_mb_limit_round_trips_through_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let cycle = r#"        StartOutlook(user: "user20", computer: "USER20-PC"),
        SignIn(user: "user20", computer: "USER20-PC"),
        AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21"),
        ExpectOk,
        RemoveDelegate(user: "user20", computer: "USER20-PC", delegate: "user21"),
        SignOut(user: "user20", computer: "USER20-PC"),
        CloseOutlook(user: "user20", computer: "USER20-PC"),
        Shell(command: "Get-CsClientPolicy"),
"#;
    let scenario = |title: &str, notes: usize, cycles: usize| {
        // A mebibyte of four-byte characters: a quarter as many characters to write.
        let note = format!("        Note(text: \"{}\"),\n", "🗒".repeat(262_144));
        format!(
            "Scenario(\n    title: \"{title}\",\n    steps: [\n{}{}    ],\n)\n",
            note.repeat(notes),
            cycle.repeat(cycles)
        )
    };
    let old_limit = 64 * 1024 * 1024;
    let big = write(dir.path(), "big.ron", &scenario("big", 65, 125));
    let session = dir.path().join("big-session.ron");
    let s = session.to_str().unwrap();
    let run = |args: &[&str]| {
        let out = lab(args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        text(&out.stdout)
    };
    run(&["record", big.to_str().unwrap(), "--out", s]);
    let size = std::fs::metadata(&session).unwrap().len();
    assert!(size > old_limit, "{size} bytes");
    assert!(
        run(&["verify", s])
            .contains("1065 timeline entries replayed (875 actions), the lab matches")
    );
    assert!(run(&["state", s]).contains("Lab after 875 action(s)"));
    let exported = dir.path().join("exported.ron");
    run(&["export", s, "--out", exported.to_str().unwrap()]);
    assert!(std::fs::metadata(&exported).unwrap().len() > old_limit);
    assert!(
        run(&["check", "-q", exported.to_str().unwrap()])
            .contains("875 of 875 expectations passed")
    );

    // What a step takes: the session of a thousand steps (the scenario's and the timeline's
    // entry each) over that of none.
    let size_of = |cycles: usize| {
        let file = write(dir.path(), "steps.ron", &scenario("steps", 0, cycles));
        let out = dir.path().join("steps-session.ron");
        run(&[
            "record",
            file.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        std::fs::metadata(&out).unwrap().len()
    };
    let per_step = (size_of(125) - size_of(0)) / 1000;
    assert!(per_step < 120, "{per_step} bytes a step");
    assert!(per_step * 1_000_000 < delegate_lab::scenario::MAX_FILE_BYTES);
}
