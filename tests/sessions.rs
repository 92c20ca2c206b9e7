//! Sessions: round trips, every shipped file, each class of bad input, atomic writes, the
//! autosave and crash recovery, and saving and reopening through the File menu.

mod common;

use common::{opened_session, seed};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use delegate_lab::lab::Action;
use delegate_lab::session::{self, SessionError};
use delegate_lab::ui::app::LabApp;
use delegate_lab::ui::harness;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

fn error_of(path: &Path) -> String {
    match session::open(path) {
        Ok(_) => panic!("{} loaded", path.display()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn save_then_open_gives_the_identical_lab_desktops_and_player() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = seed::played(41);
    app.view.computer = app
        .session
        .lab()
        .directory()
        .find_computer("USER21-PC")
        .unwrap();
    app.view.desktops[1].shell.input = "Get-CsUser".into();
    app.view.desktops[1].lync.note = "At the dentist".into();
    let path = dir.path().join("saved.ron");
    app.save_to(&path).unwrap();

    let loaded = opened_session(&path);
    assert_eq!(loaded.session.lab(), app.session.lab());
    assert_eq!(loaded.session.timeline(), app.session.timeline());
    assert_eq!(loaded.session.position(), app.session.position());
    assert_eq!(loaded.session.scenario(), app.session.scenario());
    let view = loaded.view.unwrap();
    assert_eq!(view.computer, "USER21-PC");
    assert_eq!(view.desktops, app.view.desktops);

    let mut reopened = LabApp::new(delegate_lab::session::Session::new(
        "x",
        delegate_lab::lab::LabSpec::contoso(),
    ));
    reopened.open(&path).unwrap();
    assert_eq!(reopened.session.lab(), app.session.lab());
    assert_eq!(reopened.view.desktops, app.view.desktops);
    assert_eq!(reopened.view.computer, app.view.computer);
    assert_eq!(reopened.files.path.as_deref(), Some(path.as_path()));
    // The player resumes where it was: the next step applies as it would have.
    assert!(reopened.step());
    assert!(app.step());
    assert_eq!(reopened.session.lab(), app.session.lab());
}

#[test]
fn a_session_with_a_security_group_chosen_in_add_users_opens_again() {
    // Add Users lists security groups after the people (B15): a group chosen there is saved
    // with the window state and must not make the file unreadable.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("saves/field/security-group-as-delegate.ron").unwrap();
    let mut app = LabApp::from_scenario(delegate_lab::scenario::parse(&text).unwrap());
    let group = app.session.lab().directory().find_user("assistants");
    let people = app.session.lab().directory().user_count();
    assert!(
        group.is_some_and(|g| g.0 as usize >= people),
        "{group:?} after {people} people"
    );
    app.view.desktops[0].outlook.add_users.selected = group;
    app.view.desktops[0].outlook.add_users.chosen = group.into_iter().collect();
    let path = dir.path().join("with-group.ron");
    app.save_to(&path).unwrap();
    let loaded = opened_session(&path);
    assert_eq!(
        loaded.view.unwrap().desktops[0].outlook.add_users.selected,
        group
    );
}

#[test]
fn every_shipped_file_loads_and_the_v1_sample_too() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut count = 0;
    for dir in ["saves", "tests/sessions", "tests/scenarios"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "ron") {
                session::open(&path).unwrap_or_else(|e| panic!("{e}"));
                count += 1;
            }
        }
    }
    assert!(count >= 7);
    let v1 = opened_session(&root.join("tests/sessions/v1.ron"));
    assert_eq!(v1.session.lab().steps(), 5);
    assert!(v1.rebuilt, "format 1 was saved under the first rules");
    // Format 1 kept each application's window state side by side; it lands in each
    // application's own state now.
    let desktop = &v1.view.as_ref().unwrap().desktops[1];
    assert_eq!(desktop.lync.note, "At the dentist");
    assert_eq!(desktop.shell.input, "Get-CsUser");
    assert_eq!(
        desktop.registry_editor.selected.as_deref(),
        Some("Computer\\HKEY_CURRENT_USER")
    );
    assert_eq!(
        desktop.window_rects.get("1:LyncMain"),
        Some(&[900.0, 16.0, 330.0, 600.0])
    );
    let v2 = opened_session(&root.join("tests/sessions/v2.ron"));
    assert_eq!(v2.session.next_step(), 12);
    let partway = opened_session(&root.join("saves/seed-walkthrough-session-figure-4.ron"));
    assert!(!partway.rebuilt, "saved by this version");
    let steps = &partway.session.scenario().unwrap().steps;
    assert!(
        steps[partway.session.next_step() - 1]
            .to_string()
            .contains("figure-4"),
        "it resumes right after Figure 4"
    );
}

#[test]
fn opening_a_scenario_makes_a_new_session_at_its_step_0_ready_to_play() {
    let mut app = seed::played(0);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/field/stuck-sync-workaround.ron");
    app.open(&path).unwrap();
    assert_eq!(app.session.next_step(), 0);
    assert!(app.session.steps_left() > 0);
    assert_eq!(app.session.lab().steps(), 0);
    assert!(app.step(), "the player is ready");
    assert_eq!(
        app.files.path, None,
        "saving must not overwrite the scenario"
    );
}

/// A valid session's text to damage.
fn session_text() -> String {
    let mut app = seed::played(20);
    for action in [
        Action::StartOutlook {
            user: "user21".into(),
            computer: "USER21-LAPTOP".into(),
        },
        Action::SignIn {
            user: "user21".into(),
            computer: "USER21-LAPTOP".into(),
        },
    ] {
        app.apply_by_hand(action);
    }
    session::to_text(&app.session_file()).unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn bad_input_gets_a_clear_error_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = session_text();
    let this_format = format!("format: {}", session::FORMAT);

    let truncated = write(d, "truncated.ron", &text.as_bytes()[..text.len() / 2]);
    let e = error_of(&truncated);
    assert!(e.contains("at line") && e.ends_with("truncated.ron"), "{e}");

    let garbage: Vec<u8> = (0..4096u64)
        .map(|i| (i.wrapping_mul(2_654_435_761) % 251) as u8)
        .collect();
    let e = error_of(&write(d, "garbage.ron", &garbage));
    assert!(e.contains("garbage.ron"), "{e}");

    let wrong_type = write(
        d,
        "wrong-type.ron",
        text.replacen(&this_format, "format: \"one\"", 1).as_bytes(),
    );
    let e = error_of(&wrong_type);
    assert!(e.contains("at line 3, column"), "{e}");

    let unknown_verb = write(
        d,
        "verb.ron",
        text.replacen("action: StartOutlook(", "action: StartNotepad(", 1)
            .as_bytes(),
    );
    let e = error_of(&unknown_verb);
    assert!(e.contains("StartNotepad") && e.contains("at line"), "{e}");

    let unknown_user = write(
        d,
        "user.ron",
        text.replacen("user: \"user21\"", "user: \"user99\"", 1)
            .as_bytes(),
    );
    let e = error_of(&unknown_user);
    assert!(
        e.contains("unknown user \"user99\"") && e.contains("at line"),
        "{e}"
    );

    let future = write(
        d,
        "future.ron",
        text.replacen(&this_format, "format: 7", 1).as_bytes(),
    );
    let e = error_of(&future);
    assert!(
        e.contains("format 7 is newer") && e.contains("at line 3, column 5 in"),
        "{e}"
    );
    let unknown_format = write(
        d,
        "format-0.ron",
        text.replacen(&this_format, "format: 0", 1).as_bytes(),
    );
    let e = error_of(&unknown_format);
    assert!(
        e.contains("format 0 is not") && e.contains("at line 3, column 5 in"),
        "{e}"
    );

    // A byte that is not UTF-8, on line 4 after "    name: \"" (column 12).
    let mut bytes = text.clone().into_bytes();
    let line_4 = text.match_indices('\n').nth(2).unwrap().0 + 1;
    assert!(
        text[line_4..].starts_with("    name: \""),
        "setup: {text:.80}"
    );
    bytes[line_4 + 11] = 0xff;
    let e = error_of(&write(d, "latin1.ron", &bytes));
    assert!(
        e.contains("not UTF-8") && e.contains("line 4, column 12"),
        "{e}"
    );

    let edited = write(
        d,
        "edited.ron",
        text.replacen("outcome: Ok", "outcome: NoResponse", 1)
            .as_bytes(),
    );
    let e = error_of(&edited);
    assert!(
        e.contains("the replay disagrees with the saved session at timeline entry 21"),
        "{e}"
    );

    let fingerprint = text
        .lines()
        .find(|l| l.contains("fingerprint:"))
        .unwrap()
        .to_owned();
    let tampered = write(
        d,
        "fingerprint.ron",
        text.replacen(
            &fingerprint,
            &format!(
                "    fingerprint: \"rules{}:fnv1a64:0000000000000000\",",
                delegate_lab::lab::RULES
            ),
            1,
        )
        .as_bytes(),
    );
    let e = error_of(&tampered);
    let fingerprint_line = text.lines().position(|l| l == fingerprint).unwrap() + 1;
    assert!(
        e.contains("differs from the saved one")
            && e.contains(&format!("at line {fingerprint_line}, column 5 in")),
        "{e}"
    );
    // Saved under other rules of the lab, a session is rebuilt by replay, and says so.
    let older = write(
        d,
        "older-rules.ron",
        text.replacen(
            &fingerprint,
            "    fingerprint: \"rules1:fnv1a64:0000000000000000\",",
            1,
        )
        .as_bytes(),
    );
    assert!(opened_session(&older).rebuilt);

    let nested = format!(
        "Session(format: 1, name: {}\"x\"{})",
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    let e = error_of(&write(d, "nested.ron", nested.as_bytes()));
    assert!(
        e.contains("nested too deeply") && e.contains("nested.ron") && !e.contains("serde_stacker"),
        "{e}"
    );

    let huge = d.join("huge.ron");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(delegate_lab::scenario::MAX_FILE_BYTES + 1)
        .unwrap();
    let e = error_of(&huge);
    assert!(
        e.contains("larger than the limit of 512 MB") && e.contains("huge.ron"),
        "{e}"
    );
}

/// Rules 7 gave the console a scrollback (issue 25). A session saved under rules 6 whose
/// console lets nothing go is the same lab, so its fingerprint is still checked (not rebuilt,
/// and a wrong one refused); one whose console now lets output go is rebuilt.
#[test]
fn a_rules_6_session_is_checked_while_its_console_lets_nothing_go_and_rebuilt_past_it() {
    use delegate_lab::lab::{LabSpec, RULES, SHELL_SCROLLBACK};
    let dir = tempfile::tempdir().unwrap();
    let saved_with = |commands: usize| {
        let mut session = session::Session::new("console", LabSpec::contoso());
        for _ in 0..commands {
            session.apply(Action::Shell {
                command: "Get-CsClientPolicy".into(),
            });
        }
        let dropped = session.lab().shell_dropped_lines();
        (
            session::to_text(&session::to_file(&session, None)).unwrap(),
            dropped,
        )
    };
    let this_rules = format!("fingerprint: \"rules{RULES}:");
    let as_rules_6 = |text: &str| text.replacen(&this_rules, "fingerprint: \"rules6:", 1);

    let (short, dropped) = saved_with(3);
    assert_eq!(dropped, 0);
    let path = write(dir.path(), "short.ron", as_rules_6(&short).as_bytes());
    assert!(
        !opened_session(&path).rebuilt,
        "the same lab as under rules 6"
    );
    let hash = short
        .split(&this_rules)
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let wrong = as_rules_6(&short).replacen(hash, "fnv1a64:0000000000000000", 1);
    let path = write(dir.path(), "short-wrong.ron", wrong.as_bytes());
    assert!(error_of(&path).contains("differs from the saved one"));

    let (long, dropped) = saved_with(SHELL_SCROLLBACK / 50);
    assert!(dropped > 0);
    let path = write(dir.path(), "long.ron", long.as_bytes());
    assert!(
        !opened_session(&path).rebuilt,
        "control: saved under these rules"
    );
    let path = write(dir.path(), "long-6.ron", as_rules_6(&long).as_bytes());
    assert!(opened_session(&path).rebuilt, "rules 6 kept everything");
}

#[test]
fn names_in_branches_are_checked_as_the_timeline_is() {
    use delegate_lab::scenario::Expectation;
    use delegate_lab::session::{Branch, Entry};
    let dir = tempfile::tempdir().unwrap();
    let with_branch = |users: &[&str]| {
        let mut file = seed::played(12).session_file();
        file.branches = vec![Branch {
            from: 12,
            entries: vec![Entry::Expect(Expectation::ExpectRinging {
                users: users.iter().map(|&u| u.into()).collect(),
            })],
        }];
        session::to_text(&file).unwrap()
    };
    // Positive control: a branch whose names exist loads.
    let good = write(dir.path(), "good.ron", with_branch(&[]).as_bytes());
    assert_eq!(opened_session(&good).session.branches().len(), 1);

    let text = with_branch(&["user20", "ghost"]);
    let ghost = write(dir.path(), "ghost.ron", text.as_bytes());
    let e = error_of(&ghost);
    let (line, _) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("\"ghost\""))
        .unwrap();
    assert!(
        e.contains("unknown user \"ghost\"")
            && e.contains("branch 1 entry 1")
            && e.contains(&format!("at line {}, column", line + 1)),
        "{e}"
    );
}

#[test]
fn an_expectation_naming_someone_the_lab_does_not_have_fails_and_says_so() {
    use delegate_lab::scenario::Expectation;
    let mut app = seed::played(12);
    let nobody_rings = Expectation::ExpectRinging { users: vec![] };
    assert!(app.session.expect(nobody_rings).is_ok(), "setup: no call");
    let ghost = Expectation::ExpectRinging {
        users: vec!["ghost".into()],
    };
    let check = app.session.expect(ghost).unwrap_err();
    assert_eq!(check.found, "no user \"ghost\" in the lab");
}

#[test]
fn a_save_that_fails_midway_leaves_the_old_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("session.ron");
    std::fs::write(&path, "old contents").unwrap();
    let result = session::write_atomically(
        &path,
        b"new contents that never fully land",
        session::Backup::Keep,
        |file, bytes| {
            file.write_all(&bytes[..5])?;
            Err(std::io::Error::other("disk full"))
        },
    );
    assert!(matches!(result, Err(SessionError::Write { .. })));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old contents");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");

    // A good save keeps the previous version as .bak.
    session::write_atomically(&path, b"new contents", session::Backup::Keep, |f, b| {
        f.write_all(b)
    })
    .unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "new contents");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("session.ron.bak")).unwrap(),
        "old contents"
    );
}

#[test]
fn a_file_that_failed_to_load_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "broken.ron", b"Session(format: 1, name: ");
    let mut app = seed::played(3);
    let before = app.session.lab().clone();
    assert!(app.open(&path).is_err());
    assert_eq!(app.session.lab(), &before, "the current session stays");
    let e = app.save_to(&path).unwrap_err();
    assert!(matches!(e, SessionError::RefuseOverwrite { .. }), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), b"Session(format: 1, name: ");
}

#[test]
fn save_through_the_file_menu_and_reopen_from_open_recent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case-4711.ron");
    let mut app = LabApp::start(dir.path().join("data"));
    app.files.path = Some(path.clone());
    let mut harness = harness::harness(app);
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Next step")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Next step")
        .click();
    harness.run();
    assert!(harness.state().files.dirty);
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Save Ctrl+S").click();
    harness.run();
    assert!(!harness.state().files.dirty);
    let saved_lab = harness.state().session.lab().clone();
    assert_eq!(opened_session(&path).session.lab(), &saved_lab);

    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "New").click();
    harness.run();
    assert_eq!(harness.state().session.lab().steps(), 0);
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open Recent").click();
    harness.run();
    harness.get_by_label(&path.display().to_string()).click();
    harness.run();
    assert_eq!(harness.state().session.lab(), &saved_lab);
    assert_eq!(harness.state().files.path.as_deref(), Some(path.as_path()));
}

#[test]
fn the_cli_verifies_files_and_refuses_bad_ones_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.ron", b"Session(format: 99)");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_delegate-lab"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap()
    };
    let ok = run(&[
        "verify",
        "saves/seed-walkthrough-session-figure-4.ron",
        "saves/seed-walkthrough.ron",
    ]);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("the lab matches"));
    let out = run(&["verify", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("format 99 is newer"));
    let recorded = dir.path().join("rec.ron");
    let out = run(&[
        "record",
        "saves/seed-walkthrough.ron",
        "--at",
        "10",
        "--out",
        recorded.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(opened_session(&recorded).session.next_step(), 10);
}

#[test]
fn window_positions_come_back_with_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let app = seed::looking_at(seed::at_capture("figure-6"), "USER21-PC");
    let mut harness = harness::harness(app);
    harness.run();
    let desktop = &mut harness.state_mut().view.desktops[1];
    let key = desktop
        .window_rects
        .keys()
        .find(|k| k.ends_with("RegistryEditor"))
        .cloned()
        .expect("the Registry Editor's place is recorded");
    desktop
        .window_rects
        .insert(key, [300.0, 200.0, 500.0, 300.0]);
    let path = dir.path().join("moved.ron");
    harness.state_mut().save_to(&path).unwrap();

    let mut reopened = seed::played(0);
    reopened.open(&path).unwrap();
    let mut harness = harness::harness(reopened);
    harness.run();
    let rect = harness
        .get_by_role_and_label(Role::Window, "Registry Editor")
        .rect();
    let desktop = harness.state().view.desktop_rect.unwrap();
    assert!(
        (rect.min.x - desktop.min.x - 300.0).abs() < 2.0,
        "{rect:?} in {desktop:?}"
    );
    assert!(
        (rect.min.y - desktop.min.y - 200.0).abs() < 2.0,
        "{rect:?} in {desktop:?}"
    );
}

#[test]
fn the_window_starts_on_the_session_last_open() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut first = LabApp::start(data.clone());
    assert_eq!(
        first.session.lab().steps(),
        0,
        "nothing recent: the default lab"
    );
    first.clean_exit();
    let mut app = seed::played(12);
    app.files.data_dir = Some(data.clone());
    let path = dir.path().join("last.ron");
    app.save_to(&path).unwrap();
    app.clean_exit();
    let again = LabApp::start(data);
    assert_eq!(again.session.lab(), app.session.lab());
    assert_eq!(
        again.files.path.as_deref(),
        Some(path.canonicalize().unwrap().as_path())
    );
}

/// A session that cannot be opened is dropped from the recent files; one that stopped the
/// window while it was being opened at start is not opened at the next start (but stays in
/// Open Recent).
#[test]
fn a_file_that_stops_the_start_is_not_opened_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let good = dir.path().join("good.ron");
    let mut app = seed::played(6);
    app.save_to(&good).unwrap();
    session::remember(&data, &good);

    // The last start stopped while opening `good.ron` (a panic while drawing it, say).
    let probe = session::StartupProbe::new(&data);
    probe.opening(&good);
    let app = LabApp::start(data.clone());
    assert_eq!(app.session.next_step(), 0, "not reopened");
    assert!(
        app.files
            .error
            .as_deref()
            .unwrap()
            .contains("stopped while reopening"),
        "{:?}",
        app.files.error
    );
    assert_eq!(session::recent(&data).len(), 1, "still in Open Recent");
    assert_eq!(probe.failed(), None, "and tried again at the next start");

    // A file that opens is opened, and the probe goes once a frame is drawn.
    let app = LabApp::start(data.clone());
    assert_eq!(
        probe.failed().as_deref(),
        Some(good.canonicalize().unwrap().as_path())
    );
    let mut harness = harness::harness(app);
    harness.run();
    assert_eq!(harness.state().session.next_step(), 6);
    assert_eq!(probe.failed(), None);
    drop(harness);

    // A file that no longer loads is dropped from the recent files.
    std::fs::write(&good, "Session(format: 2, name: ").unwrap();
    let app = LabApp::start(data.clone());
    assert!(
        app.files
            .error
            .as_deref()
            .unwrap()
            .contains("could not be reopened")
    );
    assert!(session::recent(&data).is_empty());
}

mod any_accepted_session_opens {
    use super::*;
    use common::strategies::action;
    use delegate_lab::lab::UserIx;
    use delegate_lab::session::Entry;
    use delegate_lab::session::StepMark;
    use delegate_lab::session::view::{DesktopState, ViewFile};
    use proptest::prelude::*;

    /// Window state with user indices and places in and out of range.
    fn desktop() -> impl Strategy<Value = DesktopState> {
        (
            prop::collection::vec(0u32..4, 0..3),
            prop::option::of(0u32..4),
            prop::option::of((
                -50.0f32..2000.0,
                -50.0f32..2000.0,
                -1.0f32..900.0,
                0.0f32..900.0,
            )),
        )
            .prop_map(|(chosen, calendar, place)| {
                let mut desktop = DesktopState::default();
                desktop.outlook.add_users.chosen = chosen.into_iter().map(UserIx).collect();
                desktop.outlook.selected_calendar = calendar.map(UserIx);
                if let Some((x, y, w, h)) = place {
                    desktop
                        .window_rects
                        .insert("1:LyncMain".into(), [x, y, w, h]);
                }
                desktop
            })
    }

    /// Whatever `verify` accepts, the window opens and draws without a panic. Sessions it
    /// refuses are skipped, and counted: a run where it accepted none fails.
    #[test]
    fn and_draws_a_frame() {
        use proptest::test_runner::TestRunner;
        let config = ProptestConfig {
            cases: 24,
            source_file: Some(file!()),
            ..ProptestConfig::default()
        };
        let strategy = (
            prop::collection::vec(action(), 0..30),
            prop::collection::vec(desktop(), 0..6),
            prop_oneof![6 => Just(None), 1 => (0usize..100).prop_map(Some)],
            prop_oneof![6 => Just(None), 1 => (0usize..60).prop_map(Some)],
        );
        let (accepted, refused) = (std::cell::Cell::new(0), std::cell::Cell::new(0));
        TestRunner::new(config)
            .run(&strategy, |(actions, desktops, odd_step, position)| {
                let mut app = seed::played(0);
                for action in actions {
                    app.session.apply(action);
                }
                let mut file = app.session_file();
                if let Some(view) = file.view.as_mut() {
                    *view = ViewFile {
                        desktops,
                        ..view.clone()
                    };
                }
                if let Some(index) = odd_step {
                    file.timeline.push(Entry::Step {
                        index,
                        mark: StepMark::Passed,
                    });
                }
                if let Some(position) = position {
                    file.position = position;
                }
                let text = session::to_text(&file).unwrap();
                let dir = tempfile::tempdir().unwrap();
                let path = dir.path().join("any.ron");
                std::fs::write(&path, &text).unwrap();
                if session::open(&path).is_err() {
                    refused.set(refused.get() + 1);
                    return Ok(());
                }
                accepted.set(accepted.get() + 1);
                let mut app = LabApp::start(dir.path().join("data"));
                app.open(&path).unwrap();
                for computer in 0..4 {
                    app.view.computer = delegate_lab::lab::ComputerIx(computer);
                    // Random shell input holds characters no bundled font has: the window
                    // draws them as boxes, as the real one does.
                    let mut harness = harness::builder(harness::SIZE, 1.0)
                        .allow_missing_glyphs()
                        .build_ui_state(|ui, app: &mut LabApp| app.ui_root(ui), app);
                    harness.run();
                    app = harness.into_state();
                }
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            accepted.get() > 0,
            "verify accepted none of the {} sessions made: nothing was drawn",
            refused.get()
        );
    }
}

/// A format-2 session kept the actions and the player's marks apart; it opens as one
/// timeline with the action taken by hand where it happened, between the scenario's steps.
#[test]
fn a_format_2_session_with_an_action_by_hand_opens_as_a_timeline_in_the_order_it_happened() {
    use delegate_lab::session::Entry;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = opened_session(&root.join("tests/sessions/v2-by-hand.ron"));
    assert!(loaded.rebuilt);
    let session = &loaded.session;
    let steps = &session.scenario().unwrap().steps;
    let by_hand: Vec<usize> = session
        .timeline()
        .iter()
        .enumerate()
        .filter(|(_, e)| e.is_manual_action())
        .map(|(i, _)| i)
        .collect();
    assert_eq!(by_hand.len(), 1);
    let around = |offset: isize| match &session.timeline()[(by_hand[0] as isize + offset) as usize]
    {
        Entry::Step { index, .. } => steps[*index].to_string(),
        other => format!("{other:?}"),
    };
    // It happened after the scenario's expectation about the back end, before its next
    // action (the file does not say which came first; the lab puts it before the action).
    assert!(
        around(-1).starts_with("ExpectBackendDelegate"),
        "{}",
        around(-1)
    );
    assert!(
        around(1).contains("StartOutlook(user: \"user21\", computer: \"USER21-PC\")"),
        "{}",
        around(1)
    );
    assert_eq!(session.next_step(), 12);
    assert_eq!(session.position(), session.timeline().len());
    assert_eq!(session.lab().steps(), 8);
}
