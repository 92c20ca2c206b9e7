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
    shots::render(&scenario, 1.0, None, 2, |shot, _| {
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
    cli("shots", args)
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
        stderr.contains("[1/1] ")
            && stderr.contains("figure-4.png (")
            && stderr.contains("written in"),
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
    let mut written: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        ["figure-4.png", "figure-4.txt"],
        "the figure and its alt text only"
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

fn cli(command: &str, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_delegate-lab"))
        .arg(command)
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
fn highlights_frame_their_widgets_in_red_with_badges_in_list_order() {
    let scenario = scenario::load(&root().join("saves/part-2-enterprise-voice.ron")).unwrap();
    let mut shot = None;
    shots::render(
        &scenario,
        1.0,
        Some("part2-call-forwarding-page"),
        1,
        |s, _| {
            shot = Some(s.unwrap_or_else(|e| panic!("{e}")));
        },
    );
    let shot = shot.expect("rendered");
    assert_eq!(shot.highlights.len(), 2);
    assert_eq!(
        shot.highlights.iter().map(|(_, n)| *n).collect::<Vec<_>>(),
        [Some(1), Some(2)]
    );
    let red = |x: f32, y: f32| {
        let p = shot.image.get_pixel(x.round() as u32, y.round() as u32).0;
        p[0] > 200 && p[1] < 80 && p[2] < 80
    };
    for (rect, _) in &shot.highlights {
        // The frame runs just outside the widget, all the way round; inside stays the widget.
        let frame = rect.expand(4.0);
        for t in [0.1, 0.5, 0.9] {
            let x = frame.left() + t * frame.width();
            let y = frame.top() + t * frame.height();
            assert!(
                red(x, frame.top()) || red(x, frame.top() + 1.0),
                "top at {x}"
            );
            assert!(
                red(x, frame.bottom()) || red(x, frame.bottom() - 1.0),
                "bottom at {x}"
            );
            assert!(
                red(frame.right(), y) || red(frame.right() - 1.0, y),
                "right at {y}"
            );
        }
        assert!(
            !red(rect.center().x, rect.center().y),
            "the widget itself is not painted over"
        );
        // The badge sits at its top-left corner.
        assert!(red(rect.left() - 4.0, rect.top() - 4.0 + 6.0));
    }
    // Badge 1 is the first label of the list (the radio button above the link).
    assert!(shot.highlights[0].0.top() < shot.highlights[1].0.top());
    // The alt text names the window and its main texts.
    assert!(
        shot.alt
            .starts_with("The window \"Lync - Options\" on USER20-PC."),
        "{}",
        shot.alt
    );
    assert!(
        shot.alt.contains("Edit my delegate members"),
        "{}",
        shot.alt
    );
}

#[test]
fn a_highlight_that_names_no_widget_exits_2_and_lists_the_labels_there() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("highlight.ron");
    std::fs::write(
        &file,
        r#"Scenario(title: "t", steps: [
            StartOutlook(user: "user20", computer: "USER20-PC"),
            OpenWindow(computer: "USER20-PC", window: "Delegates"),
            Capture(name: "d", computer: "USER20-PC", window: Some("Delegates"), highlight: ["Add...", "Frobnicate"]),
        ])"#,
    )
    .unwrap();
    let out = dir.path().join("out");
    let (code, stderr) = cli(
        "shots",
        &[file.to_str().unwrap(), "--out", out.to_str().unwrap()],
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("the highlight \"Frobnicate\" matches 0 widgets"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the labels there:") && stderr.contains("Add..."),
        "{stderr}"
    );
}

#[test]
fn the_seed_walkthroughs_report_is_the_committed_one_with_seven_described_figures() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let (code, stderr) = cli(
        "report",
        &["saves/seed-walkthrough.ron", "--out", out, "--format", "md"],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let page = std::fs::read_to_string(dir.path().join("seed-walkthrough.md")).unwrap();
    let committed =
        std::fs::read_to_string(root().join("assets/figures/seed-walkthrough.md")).unwrap();
    assert_eq!(
        page, committed,
        "regenerate with: report saves/seed-walkthrough.ron --out assets/figures --format md"
    );
    let images: Vec<&str> = page
        .lines()
        .filter(|l| l.trim_start().starts_with("!["))
        .collect();
    assert_eq!(images.len(), 7, "{page}");
    for image in &images {
        assert!(
            !image.trim_start().starts_with("![]"),
            "alt text missing: {image}"
        );
    }
    assert_eq!(page.matches("— passed").count(), 41);
    // Figure 3's alt text names its window and the add-in's error.
    let figure3 = std::fs::read_to_string(dir.path().join("figure-3.txt")).unwrap();
    assert!(
        figure3.contains("\"Microsoft Outlook\" in front"),
        "{figure3}"
    );
    assert!(figure3.contains("You do not have permissions to schedule Lync Meetings on behalf of the owner of this account."), "{figure3}");
    // HTML: one file with the figures inside.
    let (code, stderr) = cli("report", &["saves/seed-walkthrough.ron", "--out", out]);
    assert_eq!(code, Some(0), "{stderr}");
    let html = std::fs::read_to_string(dir.path().join("seed-walkthrough.html")).unwrap();
    assert_eq!(html.matches("<img src=\"data:image/png;base64,").count(), 7);
}
