//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod strategies;

use delegate_lab::lab::{Action, Lab, Outcome, Seat};

/// Runs the real binary in the repository's root.
pub fn lab_command(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_delegate-lab"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

/// `delegate-lab COMMAND ARGS...` in the repository's root: its exit code and stderr.
pub fn exit_and_stderr(command: &str, args: &[&str]) -> (Option<i32>, String) {
    let mut all = vec![command];
    all.extend(args);
    let out = lab_command(&all);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Output bytes as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A session file that must open (not a scenario).
pub fn opened_session(path: &std::path::Path) -> delegate_lab::session::LoadedSession {
    use delegate_lab::session::{self, Opened};
    match session::open(path).unwrap_or_else(|e| panic!("{e}")) {
        Opened::Session(loaded) => *loaded,
        Opened::Scenario(_) => panic!("{} is a scenario", path.display()),
    }
}

/// Reads an action written in scenario syntax.
pub fn action(text: &str) -> Action {
    ron::from_str(text).unwrap_or_else(|e| panic!("bad action in test {text}: {e}"))
}

/// The lines of a script in scenario syntax: one action a line, `//` comments and blank lines
/// skipped, a trailing comma allowed.
fn script_lines(script: &str) -> impl Iterator<Item = &str> {
    script
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .map(|l| l.trim_end_matches(','))
}

/// Applies actions written in scenario syntax, one per line, each of which must succeed: a
/// setup step that is refused fails the test there, with what the log says about it.
pub fn run(lab: &mut Lab, script: &str) {
    for line in script_lines(script) {
        ok(lab, line);
    }
}

/// Applies one action, written in scenario syntax, that must succeed.
pub fn ok(lab: &mut Lab, text: &str) {
    apply_ok(lab, &action(text));
}

/// Applies one action that must succeed; otherwise panics with the action, its outcome and the
/// log's lines about it.
pub fn apply_ok(lab: &mut Lab, action: &Action) {
    let outcome = lab.apply(action);
    assert!(
        outcome.is_ok(),
        "a step that must succeed did not: {action}\n  outcome: {outcome}\n{}",
        last_log(lab)
    );
}

/// The log's last entry, as a panic message shows it.
pub fn last_log(lab: &Lab) -> String {
    let Some(entry) = lab.log().last() else {
        return "  (the log is empty)".to_owned();
    };
    let mut text = format!("  log #{}: {}", entry.number, entry.plain);
    for line in entry.lines.iter().chain(&entry.output) {
        text.push_str("\n    ");
        text.push_str(line);
    }
    text
}

pub fn error_text(outcome: Outcome) -> String {
    match outcome {
        Outcome::Error { text } => text,
        other => panic!("expected an error, got {other:?}"),
    }
}

pub fn seat(lab: &Lab, user: &str, computer: &str) -> Seat {
    let dir = lab.directory();
    (
        dir.find_user(user).unwrap(),
        dir.find_computer(computer).unwrap(),
    )
}

pub fn record(lab: &Lab, delegator: &str, delegate: &str) -> bool {
    let dir = lab.directory();
    lab.server()
        .record(
            dir.find_user(delegator).unwrap(),
            dir.find_user(delegate).unwrap(),
        )
        .is_some()
}

pub fn banners(lab: &Lab, user: &str, computer: &str) -> Vec<String> {
    lab.banners(seat(lab, user, computer))
        .iter()
        .map(|b| lab.banner_text(b))
        .collect()
}

/// Members (ids) of a group as the signed-in client shows it; None when there is no such group.
pub fn group(lab: &Lab, user: &str, computer: &str, name: &str) -> Option<Vec<String>> {
    let groups = lab
        .contact_groups(seat(lab, user, computer))
        .expect("signed in");
    groups.iter().find(|g| g.name == name).map(|g| {
        g.members
            .iter()
            .map(|&u| lab.directory().id(u).to_owned())
            .collect()
    })
}

/// (Last, Outstanding, Dismissed) as the registry holds them.
pub fn registry(lab: &Lab, user: &str, computer: &str) -> (String, String, String) {
    let lists = lab
        .delegator_lists(seat(lab, user, computer))
        .expect("the Lync key exists");
    (
        lab.registry_text(&lists.last),
        lab.registry_text(&lists.outstanding),
        lab.registry_text(&lists.dismissed),
    )
}

pub const SYNC_ON: &str =
    r#"Shell(command: "Set-CsClientPolicy Global -EnableExchangeDelegateSync $true")"#;

/// User20 with Outlook and Lync on USER20-PC, sync on, User21 added as Editor and synced;
/// User21 signed in on USER21-PC.
pub fn delegated_lab() -> Lab {
    let mut lab = Lab::default();
    run(
        &mut lab,
        &format!(
            r#"
            {SYNC_ON}
            StartOutlook(user: "user20", computer: "USER20-PC")
            SignIn(user: "user20", computer: "USER20-PC")
            SignIn(user: "user21", computer: "USER21-PC")
            AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")
            "#
        ),
    );
    assert!(record(&lab, "user20", "user21"), "{:#?}", lab.log());
    lab
}

/// The seed walkthrough in the window's player, played to a point named by what happens there
/// rather than by a step number, so a step added to the walkthrough moves nothing.
#[cfg(feature = "gui")]
pub mod seed {
    use delegate_lab::scenario::{self, Capture, Step};
    use delegate_lab::ui::app::{LabApp, SEED_WALKTHROUGH};

    /// Played for its first `n` steps.
    pub fn played(n: usize) -> LabApp {
        let mut app = LabApp::from_scenario(scenario::parse(SEED_WALKTHROUGH).unwrap());
        for _ in 0..n {
            assert!(app.step(), "the seed walkthrough has fewer than {n} steps");
        }
        app
    }

    /// Played through its first step for which `found` holds.
    fn played_through(found: impl Fn(&Step) -> bool, what: &str) -> LabApp {
        let scenario = scenario::parse(SEED_WALKTHROUGH).unwrap();
        let n = scenario
            .steps
            .iter()
            .position(found)
            .unwrap_or_else(|| panic!("the seed walkthrough has no {what}"));
        played(n + 1)
    }

    /// Played through the `Capture` named `name`: the lab that figure shows.
    pub fn at_capture(name: &str) -> LabApp {
        played_through(
            |step| matches!(step, Step::Capture(Capture::Capture { name: n, .. }) if n == name),
            &format!("Capture named {name:?}"),
        )
    }

    /// Played through the first step whose scenario text contains `text`.
    pub fn through(text: &str) -> LabApp {
        played_through(
            |step| step.to_string().contains(text),
            &format!("step with {text:?}"),
        )
    }

    /// Looking at `computer`.
    pub fn looking_at(mut app: LabApp, computer: &str) -> LabApp {
        app.view.computer = app
            .session
            .lab()
            .directory()
            .find_computer(computer)
            .unwrap();
        app
    }
}
