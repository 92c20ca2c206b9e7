//! `delegate-lab reg` (issue 23): Registry Editor's File > Export... of a seat's Lync key, as
//! a .reg file whose values are what `state` says that seat's registry holds.

mod common;

use std::path::Path;

use common::{lab_command, text};
use delegate_lab::regfile::{self, RegData};
use delegate_lab::scenario::{Capture, Step};

const SEED: &str = "saves/seed-walkthrough.ron";

/// The step (1-based, as `check` numbers them) that captures Figure 6, Registry Editor on
/// USER21-PC.
fn figure_6_step() -> usize {
    let scenario = delegate_lab::scenario::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED))
        .expect("the seed loads");
    let index = scenario
        .steps
        .iter()
        .position(|step| {
            matches!(step, Step::Capture(Capture::Capture { name, .. }) if name == "figure-6")
        })
        .expect("the seed captures Figure 6");
    index + 1
}

/// What `state --json` says of a seat's registry at a step.
fn registry_in_state(at: usize, user: &str, computer: &str) -> serde_json::Value {
    let out = lab_command(&["state", SEED, "--at", &at.to_string(), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    json["seats"]
        .as_array()
        .expect("seats")
        .iter()
        .find(|s| s["user"] == user && s["computer"] == computer)
        .expect("the seat")["registry"]
        .clone()
}

#[test]
fn the_export_at_figure_6_holds_what_state_says() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("x.reg");
    let at = figure_6_step().to_string();
    let out = lab_command(&[
        "reg",
        SEED,
        "--user",
        "user21",
        "--computer",
        "USER21-PC",
        "--at",
        &at,
        "--out",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("x.reg"), "{}", text(&out.stdout));
    let bytes = std::fs::read(&target).unwrap();
    assert_eq!(&bytes[..2], &[0xFF, 0xFE], "UTF-16LE with its mark");
    let units: Vec<u16> = bytes[2..]
        .chunks_exact(2)
        .map(|p| u16::from_le_bytes([p[0], p[1]]))
        .collect();
    let decoded = String::from_utf16(&units).expect("UTF-16 text");
    assert!(decoded.starts_with("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\15.0\\Lync]\r\n"), "{decoded}");

    let file = regfile::parse(&bytes).expect("it reads back");
    let state = registry_in_state(figure_6_step(), "user21", "USER21-PC");
    let user_key = file.keys.last().expect("the user's key");
    assert_eq!(
        serde_json::Value::from(user_key.path.as_str()),
        state["key"]
    );
    let value = |name: &str| {
        let value = user_key
            .values
            .iter()
            .find(|v| v.name.as_deref() == Some(name))
            .unwrap_or_else(|| panic!("{name} in {decoded}"));
        match &value.data {
            RegData::Sz(text) => serde_json::Value::from(text.as_str()),
            other => panic!("{name} is REG_SZ in the lab, not {other:?}"),
        }
    };
    assert_eq!(value("Last DelegatorList"), state["last_delegator_list"]);
    assert_eq!(
        value("Outstanding DelegatorList"),
        state["outstanding_delegator_list"]
    );
    assert_eq!(
        value("Dismissed DelegatorList"),
        state["dismissed_delegator_list"]
    );
    // Figure 6's own words: User20 in Last and Outstanding, Dismissed empty.
    assert_eq!(state["last_delegator_list"], "sip:user20@contoso.com");
    assert_eq!(state["dismissed_delegator_list"], "");
    assert!(decoded.contains("\"Outstanding DelegatorList\"=\"sip:user20@contoso.com\"\r\n"));
    assert!(decoded.ends_with("\r\n\r\n"));
}

#[test]
fn a_seat_whose_lync_never_signed_in_exports_the_lync_key_only() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("none.reg");
    let out = lab_command(&[
        "reg",
        SEED,
        "--user",
        "user21",
        "--computer",
        "USER21-PC",
        "--at",
        "0",
        "--out",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Lync has not signed in there"),
        "{}",
        text(&out.stdout)
    );
    let file = regfile::parse(&std::fs::read(&target).unwrap()).unwrap();
    assert_eq!(file.keys.len(), 1);
    assert_eq!(
        file.keys[0].path,
        "HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\15.0\\Lync"
    );
}

#[test]
fn unknown_names_are_refused_in_one_line_naming_the_known_ones() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("x.reg");
    for (user, computer, says, known) in [
        (
            "nobody",
            "USER21-PC",
            "no user \"nobody\"",
            "users: user20, user21",
        ),
        ("user21", "NO-PC", "no computer \"NO-PC\"", "USER21-PC"),
    ] {
        let out = lab_command(&[
            "reg",
            SEED,
            "--user",
            user,
            "--computer",
            computer,
            "--out",
            target.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(2));
        let stderr = text(&out.stderr);
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        assert!(stderr.contains(says), "{stderr}");
        assert!(stderr.contains(known), "the known names: {stderr}");
        assert!(!target.exists(), "nothing written");
    }
}

#[test]
fn a_session_is_never_overwritten_with_a_reg_file() {
    let dir = tempfile::tempdir().unwrap();
    // A session saved under a .reg name (the name alone is no reason to replace it).
    let target = dir.path().join("work.reg");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/seed-walkthrough-session-figure-4.ron"),
        &target,
    )
    .unwrap();
    let before = std::fs::read(&target).unwrap();
    let out = lab_command(&[
        "reg",
        SEED,
        "--user",
        "user21",
        "--computer",
        "USER21-PC",
        "--out",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("not one"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(&target).unwrap(), before);
}

#[test]
fn an_out_that_is_not_a_reg_file_is_refused_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("user21.reg");
    let out = lab_command(&[
        "reg",
        "saves/seed-walkthrough.ron",
        "--user",
        "user21",
        "--computer",
        "USER21-PC",
        "--out",
        &good.display().to_string(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "the positive control: {}",
        text(&out.stderr)
    );
    let txt = dir.path().join("user21.txt");
    let out = lab_command(&[
        "reg",
        "saves/seed-walkthrough.ron",
        "--user",
        "user21",
        "--computer",
        "USER21-PC",
        "--out",
        &txt.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("a registry export is a .reg file"),
        "{}",
        text(&out.stderr)
    );
    assert!(!txt.exists());
}
