//! The documentation figures: regenerated from the seed walkthrough and compared with the
//! committed ones in assets/figures (within kittest's threshold); `shots` on the command line.

use std::path::Path;
use std::process::Command;

use delegate_lab::{scenario, shots};
use egui_kittest::{SnapshotOptions, SnapshotResults, try_image_snapshot_options};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_seven_figures_of_the_seed_article_match_the_committed_ones() {
    let scenario = scenario::load(&root().join("saves/seed-walkthrough.ron")).unwrap();
    let options = SnapshotOptions::new().output_path(root().join("assets/figures"));
    let mut results = SnapshotResults::new();
    let mut names = Vec::new();
    shots::render(&scenario, 1.0, None, |shot, _| {
        let shot = shot.unwrap_or_else(|e| panic!("{e}"));
        let name = shot.file_name.trim_end_matches(".png").to_owned();
        results.add(try_image_snapshot_options(
            &shot.image,
            name.clone(),
            &options,
        ));
        names.push(name);
    });
    assert_eq!(
        names,
        (1..=7).map(|i| format!("figure-{i}")).collect::<Vec<_>>()
    );
    results.unwrap();
}

fn shots_cli(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_delegate-lab"))
        .arg("shots")
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn shots_writes_only_changed_pixels_and_reports_progress() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let (code, stderr) = shots_cli(&[
        "saves/seed-walkthrough.ron",
        "--out",
        out,
        "--only",
        "figure-4",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("[1/1] figure-4.png") && stderr.contains("written in"),
        "{stderr}"
    );
    let first = std::fs::read(dir.path().join("figure-4.png")).unwrap();
    let (code, stderr) = shots_cli(&[
        "saves/seed-walkthrough.ron",
        "--out",
        out,
        "--only",
        "figure-4",
    ]);
    assert_eq!(code, Some(0));
    assert!(stderr.contains("unchanged"), "{stderr}");
    assert_eq!(
        std::fs::read(dir.path().join("figure-4.png")).unwrap(),
        first,
        "byte-identical"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing else written"
    );

    // --scale 2: the same figure at twice the pixels.
    let double = dir.path().join("x2");
    let (code, stderr) = shots_cli(&[
        "saves/seed-walkthrough.ron",
        "--out",
        double.to_str().unwrap(),
        "--only",
        "figure-4",
        "--scale",
        "2",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let one = image::load_from_memory(&first).unwrap();
    let two = image::open(double.join("figure-4.png")).unwrap();
    assert!(
        (two.width() as i64 - 2 * one.width() as i64).abs() <= 2,
        "{} vs {}",
        two.width(),
        one.width()
    );
    assert!(
        (two.height() as i64 - 2 * one.height() as i64).abs() <= 2,
        "{} vs {}",
        two.height(),
        one.height()
    );
}

#[test]
fn a_capture_of_a_window_that_is_not_open_says_which_are() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad-capture.ron");
    std::fs::write(
        &file,
        r#"Scenario(title: "t", steps: [
            SignIn(user: "user21", computer: "USER21-PC"),
            Capture(name: "../escape", computer: "USER21-PC", window: Some("Registry Editor")),
            Capture(name: "desk", computer: "USER21-PC", window: None),
        ])"#,
    )
    .unwrap();
    let out = dir.path().join("out");
    let (code, stderr) = shots_cli(&[file.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("no window \"Registry Editor\" is open on USER21-PC (open there: Lync)"),
        "{stderr}"
    );
    assert!(
        out.join("desk.png").exists(),
        "the other captures still render"
    );
    assert!(!dir.path().join("escape.png").exists());

    let (code, stderr) = shots_cli(&[
        "saves/seed-walkthrough.ron",
        "--out",
        "/proc/version/figures",
    ]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("cannot create the output directory")
            && stderr.contains("/proc/version/figures"),
        "{stderr}"
    );

    let (code, stderr) = shots_cli(&[
        "saves/seed-walkthrough.ron",
        "--out",
        out.to_str().unwrap(),
        "--scale",
        "3",
    ]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("the scale must be 1, 1.25, 1.5 or 2"),
        "{stderr}"
    );
}
