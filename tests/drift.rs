//! Figures that stay true: `shots --check` and `report --check` against a folder of figures,
//! what they say and write beside, `--prune`, and the manifest (`figures.json`) the checks
//! read to say why a figure changed.

#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

mod common;
use common::exit_and_stderr as cli;

/// A copy of the committed seed figures (PNGs, alt texts, manifest, page).
fn committed_copy(dir: &Path) -> PathBuf {
    let copy = dir.join("figures");
    std::fs::create_dir(&copy).unwrap();
    for entry in std::fs::read_dir(root().join("assets/figures")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), copy.join(entry.file_name())).unwrap();
    }
    copy
}

fn check_seed(dir: &Path, extra: &[&str]) -> (Option<i32>, String) {
    let mut args = vec![
        "saves/seed-walkthrough.ron",
        "--check",
        dir.to_str().unwrap(),
    ];
    args.extend(extra);
    cli("shots", &args)
}

/// The command a failed check says updates the folder, run as it is printed.
fn run_update_command(stderr: &str) -> (Option<i32>, String) {
    let command = stderr
        .lines()
        .last()
        .and_then(|l| l.split_once("to update: "))
        .unwrap_or_else(|| panic!("an update command: {stderr}"))
        .1;
    let words: Vec<&str> = command.split(' ').collect();
    assert!(
        words.iter().all(|w| !w.contains('\'')),
        "plain words: {command}"
    );
    assert_eq!(
        words[0],
        env!("CARGO_BIN_EXE_delegate-lab"),
        "the program run"
    );
    cli(words[1], &words[2..])
}

/// The update command as a check prints it, after the program.
fn update(rest: &str) -> String {
    format!("to update: {} {rest}", env!("CARGO_BIN_EXE_delegate-lab"))
}

/// Records an extra figure in the folder's manifest, as though the lab had drawn it from a
/// Capture since removed.
fn record_as_the_labs(dir: &Path, file: &str) {
    let mut recorded = manifest(dir);
    let mut entry = recorded["figures"][0].clone();
    entry["file"] = file.into();
    entry["capture"] = "figure-8".into();
    entry["step"] = 99.into();
    recorded["figures"].as_array_mut().unwrap().push(entry);
    std::fs::write(dir.join("figures.json"), recorded.to_string()).unwrap();
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Paints `pixels` pixels of a PNG green, top left first.
fn paint(path: &Path, pixels: u32) {
    let mut image = image::open(path).unwrap().to_rgba8();
    let width = image.width();
    for i in 0..pixels {
        image.put_pixel(i % width, i / width, image::Rgba([0, 255, 0, 255]));
    }
    image.save(path).unwrap();
}

fn manifest(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("figures.json")).unwrap()).unwrap()
}

#[test]
fn a_figure_that_drifted_is_named_with_its_capture_a_diff_why_and_the_command_that_updates_it() {
    let dir = tempfile::tempdir().unwrap();
    let copy = committed_copy(dir.path());
    // Unaltered: every figure matches.
    let (code, stderr) = check_seed(&copy, &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("7 of 7 figures match") && stderr.contains("every figure matches"),
        "{stderr}"
    );

    // One figure altered by hand: 1,000 of its pixels painted over.
    let figure_3 = copy.join("figure-3.png");
    paint(&figure_3, 1_000);
    // An extra figure the lab drew from a Capture since removed, with its alt text, and a
    // figure of the writer's own.
    std::fs::copy(copy.join("figure-1.png"), copy.join("figure-8.png")).unwrap();
    std::fs::copy(copy.join("figure-1.txt"), copy.join("figure-8.txt")).unwrap();
    record_as_the_labs(&copy, "figure-8.png");
    std::fs::copy(copy.join("figure-1.png"), copy.join("logo.png")).unwrap();
    let (code, stderr) = check_seed(&copy, &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("6 of 7 figures match"), "{stderr}");
    let changed: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("changed: "))
        .collect();
    assert_eq!(changed.len(), 1, "{stderr}");
    assert_eq!(
        image::image_dimensions(&figure_3).unwrap(),
        (1094, 847),
        "setup"
    );
    assert!(
        changed[0].contains("figure-3.png: 1,000 of ")
            && changed[0].contains("figure-3.png: 1,000 of 926,618 pixels (0.1%) differ")
            && changed[0].contains("saves/seed-walkthrough.ron, the Capture at line 42 (step 26)"),
        "{}",
        changed[0]
    );
    // The manifest records what the lab wrote: this is not it.
    assert!(
        changed[0].contains("why: it is not the file the lab wrote"),
        "{}",
        changed[0]
    );
    assert!(
        stderr.contains("extra: ")
            && stderr.contains("figure-8.png is drawn by no Capture of saves/seed-walkthrough.ron")
            && stderr.contains("records it from the Capture \"figure-8\" at step 99"),
        "{stderr}"
    );
    assert!(
        stderr.lines().last().unwrap().ends_with(&update(&format!(
            "shots saves/seed-walkthrough.ron --out {} --prune",
            copy.display()
        ))),
        "{stderr}"
    );
    // The diff marks the changed pixels; the new image is the lab's figure.
    let diff = image::open(copy.join("figure-3.diff.png"))
        .unwrap()
        .to_rgba8();
    assert_eq!(diff.get_pixel(10, 0).0, [0xE0, 0x1B, 0x24, 255]);
    assert_ne!(diff.get_pixel(600, 300).0, [0xE0, 0x1B, 0x24, 255]);
    let committed = std::fs::read(root().join("assets/figures/figure-3.png")).unwrap();
    assert_eq!(
        std::fs::read(copy.join("figure-3.new.png")).unwrap(),
        committed
    );

    // Had the lab written the altered figure, its own drawing changed.
    let mut recorded = manifest(&copy);
    let altered = std::fs::read(&figure_3).unwrap();
    recorded["figures"][2]["png_sha256"] = delegate_lab::drift::sha256(&altered).into();
    assert_eq!(recorded["figures"][2]["file"], "figure-3.png", "setup");
    assert!(stderr.contains("logo.png is not the lab's"), "{stderr}");
    std::fs::write(copy.join("figures.json"), recorded.to_string()).unwrap();
    let (code, stderr) = check_seed(&copy, &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("why: the same scenario, rules, version and scale: the lab's windows or its renderer changed"),
        "{stderr}"
    );

    // The escape hatch lets a small share differ, and says so.
    std::fs::remove_file(copy.join("figure-8.png")).unwrap();
    std::fs::remove_file(copy.join("logo.png")).unwrap();
    let (code, stderr) = check_seed(&copy, &["--max-variation", "0.01"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("figures.json: it records figure-8.png, not in the folder"),
        "the manifest is held to the folder too: {stderr}"
    );
    let mut recorded = manifest(&copy);
    recorded["figures"].as_array_mut().unwrap().pop();
    std::fs::write(copy.join("figures.json"), recorded.to_string()).unwrap();
    let (code, stderr) = check_seed(&copy, &["--max-variation", "0.01"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("figure-3.png: 1,000 of") && stderr.contains("within --max-variation 0.01"),
        "{stderr}"
    );
    assert!(
        !copy.join("figure-3.new.png").exists(),
        "a match clears what a check wrote"
    );

    // The printed command makes the folder what the lab draws: the extra goes, and a check
    // passes with nothing left beside the figures.
    // A writer's own figure stays through --prune.
    std::fs::copy(copy.join("figure-1.png"), copy.join("figure-8.png")).unwrap();
    record_as_the_labs(&copy, "figure-8.png");
    std::fs::copy(copy.join("figure-1.png"), copy.join("logo.png")).unwrap();
    let (code, stderr) = check_seed(&copy, &[]);
    assert_eq!(code, Some(1), "{stderr}");
    let (code, update) = run_update_command(&stderr);
    assert_eq!(code, Some(0), "{update}");
    assert!(update.contains("figure-8.png (--prune)"), "{update}");
    let (code, stderr) = check_seed(&copy, &[]);
    assert_eq!(code, Some(0), "{stderr}");
    let mut expected = names_in(&root().join("assets/figures"));
    expected.push("logo.png".into());
    expected.sort();
    assert_eq!(names_in(&copy), expected);
    assert_eq!(std::fs::read(&figure_3).unwrap(), committed);
}

#[test]
fn each_way_a_figure_can_differ_is_said_in_a_line_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let copy = committed_copy(dir.path());
    // One pixel: counted, not rounded away.
    paint(&copy.join("figure-1.png"), 1);
    // Not a PNG.
    std::fs::write(copy.join("figure-2.png"), "not a picture").unwrap();
    // Another size.
    let figure_4 = image::open(copy.join("figure-4.png")).unwrap();
    figure_4
        .crop_imm(0, 0, figure_4.width() - 10, figure_4.height())
        .save(copy.join("figure-4.png"))
        .unwrap();
    // A folder where a figure should be.
    std::fs::remove_file(copy.join("figure-5.png")).unwrap();
    std::fs::create_dir(copy.join("figure-5.png")).unwrap();
    // An alt text edited, another removed.
    let alt = std::fs::read_to_string(copy.join("figure-6.txt")).unwrap();
    std::fs::write(copy.join("figure-6.txt"), format!("Edited: {alt}")).unwrap();
    std::fs::remove_file(copy.join("figure-7.txt")).unwrap();
    // The same pixels in other bytes (an optimizer's work): a match.
    let figure_3 = image::open(copy.join("figure-3.png")).unwrap();
    let mut recoded = Vec::new();
    figure_3
        .write_with_encoder(image::codecs::png::PngEncoder::new_with_quality(
            &mut recoded,
            image::codecs::png::CompressionType::Fast,
            image::codecs::png::FilterType::NoFilter,
        ))
        .unwrap();
    assert_ne!(
        recoded,
        std::fs::read(copy.join("figure-3.png")).unwrap(),
        "setup: other bytes"
    );
    std::fs::write(copy.join("figure-3.png"), &recoded).unwrap();

    let (code, stderr) = check_seed(&copy, &[]);
    assert_eq!(code, Some(1), "{stderr}");
    let line = |file: &str| {
        stderr
            .lines()
            .find(|l| l.contains(&format!("{}/{file}", copy.display())))
            .unwrap_or_else(|| panic!("{file}: {stderr}"))
            .to_owned()
    };
    let (w, h) = image::image_dimensions(root().join("assets/figures/figure-1.png")).unwrap();
    assert_eq!((w, h), (560, 482), "setup");
    let one = "figure-1.png: 1 of 269,920 pixels (0.00037%) differ";
    assert!(
        line("figure-1.png").contains(one) && !line("figure-1.png").contains("(0.0%)"),
        "{}",
        line("figure-1.png")
    );
    assert!(
        line("figure-2.png").contains("not a PNG the lab can read"),
        "{}",
        line("figure-2.png")
    );
    assert!(
        line("figure-4.png").contains(&format!(
            "another size, {}×{} there and {}×{} now",
            figure_4.width() - 10,
            figure_4.height(),
            figure_4.width(),
            figure_4.height()
        )),
        "{}",
        line("figure-4.png")
    );
    assert!(
        line("figure-5.png").contains("is a folder, not a file"),
        "{}",
        line("figure-5.png")
    );
    assert!(
        line("figure-6.txt").starts_with("changed: the alt text")
            && line("figure-6.txt").contains("\"Edited: The ")
            && line("figure-6.txt").contains("not the alt text the lab wrote"),
        "{}",
        line("figure-6.txt")
    );
    assert!(
        line("figure-7.txt").starts_with("missing: "),
        "{}",
        line("figure-7.txt")
    );
    assert!(
        line("figure-3.png").contains("the same pixels in other bytes"),
        "{}",
        line("figure-3.png")
    );
    assert_eq!(
        std::fs::read_to_string(copy.join("figure-6.new.txt")).unwrap(),
        alt,
        "the alt text the lab writes now, beside"
    );
    assert!(stderr.contains("1 of 7 figures match"), "{stderr}");
    assert!(stderr.contains("6 differences from"), "{stderr}");

    // A damaged manifest is named with its line and column, and the check still runs.
    std::fs::write(
        copy.join("figures.json"),
        "{\n  \"format\": 2,\n  oops\n}\n",
    )
    .unwrap();
    let (code, stderr) = check_seed(&copy, &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "note: the manifest does not read ({}:3:3: key must be a string)",
            copy.join("figures.json").display()
        )),
        "{stderr}"
    );
}

#[test]
fn a_check_needs_its_folder_and_the_options_that_go_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("figurs");
    let (code, stderr) = check_seed(&missing, &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("no such folder: "), "{stderr}");
    assert!(!missing.exists(), "a mistyped folder is not made");
    let out = dir.path().join("out");
    for (args, refused) in [
        (
            vec!["--out", out.to_str().unwrap(), "--max-variation", "0.1"],
            "cannot be used with '--max-variation",
        ),
        (
            vec![
                "--check",
                root().join("assets/figures").to_str().unwrap(),
                "--prune",
            ],
            "cannot be used with '--prune'",
        ),
    ] {
        let mut all = vec!["saves/seed-walkthrough.ron"];
        all.extend(args);
        let (code, stderr) = cli("shots", &all);
        assert_eq!(code, Some(2), "{stderr}");
        assert!(stderr.contains(refused), "{stderr}");
    }
    assert!(!out.exists());
}

#[test]
fn with_several_scenarios_a_check_names_stray_and_missing_folders_and_prune_clears_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("docs");
    let files = [
        "saves/seed-walkthrough.ron",
        "saves/part-2-enterprise-voice.ron",
    ];
    let with = |flag: &str, extra: &[&str]| {
        let mut args: Vec<&str> = files.to_vec();
        args.extend([flag, out.to_str().unwrap()]);
        args.extend(extra);
        cli("shots", &args)
    };
    let (code, stderr) = with("--out", &[]);
    assert_eq!(code, Some(0), "{stderr}");
    let (code, stderr) = with("--check", &[]);
    assert_eq!(code, Some(0), "positive control: {stderr}");
    // A folder of an old scenario, a figure beside the folders, one scenario's folder gone,
    // and a file of the writer's own that no figure is.
    let (code, stderr) = cli(
        "shots",
        &[
            "saves/seed-walkthrough.ron",
            "--out",
            out.join("old-case").to_str().unwrap(),
            "--only",
            "figure-1",
        ],
    );
    assert_eq!(
        code,
        Some(0),
        "setup: a folder of the lab's figures: {stderr}"
    );
    std::fs::copy(
        root().join("assets/figures/figure-1.png"),
        out.join("top.png"),
    )
    .unwrap();
    std::fs::write(out.join("README.md"), "my notes").unwrap();
    std::fs::remove_dir_all(out.join("part-2-enterprise-voice")).unwrap();
    let (code, stderr) = with("--check", &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "extra: the folder {} holds figures of no scenario given",
            out.join("old-case").display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "note: {} is in no scenario's folder and not the lab's; left alone",
            out.join("top.png").display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "missing: the folder {} is not there, for the 7 figures of saves/part-2-enterprise-voice.ron",
            out.join("part-2-enterprise-voice").display()
        )),
        "{stderr}"
    );
    assert!(
        !out.join("part-2-enterprise-voice").exists(),
        "a check makes no folder"
    );
    let (code, update) = run_update_command(&stderr);
    assert_eq!(code, Some(0), "{update}");
    let (code, stderr) = with("--check", &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        names_in(&out),
        [
            "README.md",
            "part-2-enterprise-voice",
            "seed-walkthrough",
            "top.png"
        ],
        "what the lab did not write stays"
    );
}

#[test]
fn the_manifest_says_where_each_figure_came_from_through_only_runs_and_exercises() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("figures");
    let out_s = out.to_str().unwrap();
    let (code, stderr) = cli("shots", &["saves/seed-walkthrough.ron", "--out", out_s]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        std::fs::read(out.join("figures.json")).unwrap(),
        std::fs::read(root().join("assets/figures/figures.json")).unwrap(),
        "the committed manifest is what the lab writes"
    );
    // One figure again at another scale: its entry says so, the others keep theirs.
    let (code, stderr) = cli(
        "shots",
        &[
            "saves/seed-walkthrough.ron",
            "--out",
            out_s,
            "--only",
            "figure-4",
            "--scale",
            "2",
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let recorded = manifest(&out);
    let figures = recorded["figures"].as_array().unwrap();
    assert_eq!(figures.len(), 7);
    for figure in figures {
        let scale = if figure["file"] == "figure-4.png" {
            2.0
        } else {
            1.0
        };
        assert_eq!(figure["scale"], scale, "{figure}");
        let png = std::fs::read(out.join(figure["file"].as_str().unwrap())).unwrap();
        assert_eq!(
            figure["png_sha256"],
            delegate_lab::drift::sha256(&png),
            "{figure}"
        );
    }
    // A check at scale 1 says figure 4 was drawn at 2.
    let (code, stderr) = check_seed(&out, &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("why: another scale (2 → 1)"), "{stderr}");

    // An exercise's capture is in its setup: the manifest and a check name its line there.
    let exercise = "saves/exercises/notice-keeps-coming-back.ron";
    let text = std::fs::read_to_string(root().join(exercise)).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("Capture(name: \"the-notice\""))
        .unwrap()
        + 1;
    let handout = dir.path().join("handout");
    let handout_s = handout.to_str().unwrap();
    let (code, stderr) = cli("report", &[exercise, "--out", handout_s, "--format", "md"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(manifest(&handout)["figures"][0]["line"], line);
    paint(&handout.join("the-notice.png"), 5);
    let page = handout.join("notice-keeps-coming-back.md");
    std::fs::write(&page, "edited").unwrap();
    let args = [exercise, "--out", handout_s, "--format", "md", "--check"];
    let (code, stderr) = cli("report", &args);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("{exercise}, the Capture at line {line} (step 7)")),
        "{stderr}"
    );
    assert!(stderr.contains("changed: the page"), "{stderr}");
    assert!(handout.join("notice-keeps-coming-back.new.md").exists());
    // Writing the page again clears what the check wrote beside it.
    let (code, stderr) = run_update_command(&stderr);
    assert_eq!(code, Some(0), "{stderr}");
    let (code, stderr) = cli("report", &args);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("every page and figure matches"), "{stderr}");
    assert_eq!(
        names_in(&handout),
        [
            "figures.json",
            "notice-keeps-coming-back.md",
            "the-notice.png",
            "the-notice.txt"
        ]
    );
}

#[test]
fn report_check_says_when_the_committed_page_differs() {
    let dir = tempfile::tempdir().unwrap();
    let copy = committed_copy(dir.path());
    let out = copy.to_str().unwrap();
    let args = [
        "saves/seed-walkthrough.ron",
        "--out",
        out,
        "--format",
        "md",
        "--check",
    ];
    let (code, stderr) = cli("report", &args);
    assert_eq!(
        code,
        Some(0),
        "the committed page and figures match: {stderr}"
    );
    let page = copy.join("seed-walkthrough.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("Figure 1", "Figure one")).unwrap();
    let (code, stderr) = cli("report", &args);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("changed: the page"), "{stderr}");
    assert!(
        stderr.contains(&update("report saves/seed-walkthrough.ron --out"))
            && stderr.contains("--format md"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(copy.join("seed-walkthrough.new.md")).unwrap(),
        text
    );
}

#[test]
fn a_folder_of_another_scenarios_figures_is_said_to_be_so_and_pruned_of_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let copy = committed_copy(dir.path());
    let args = [
        "saves/part-2-enterprise-voice.ron",
        "--check",
        copy.to_str().unwrap(),
    ];
    let (code, stderr) = cli("shots", &args);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("figures.json says this folder's figures are drawn from saves/seed-walkthrough.ron: is it that scenario's folder?"),
        "{stderr}"
    );
    assert!(!stderr.contains("--prune"), "nothing to prune: {stderr}");
    let before = names_in(&copy);
    let (code, stderr) = cli(
        "shots",
        &[
            "saves/part-2-enterprise-voice.ron",
            "--out",
            copy.to_str().unwrap(),
            "--prune",
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    for name in before.iter().filter(|n| n.starts_with("figure-")) {
        assert!(copy.join(name).exists(), "{name} kept: {stderr}");
    }
    assert!(stderr.contains("figure-1.png is not the lab's"), "{stderr}");
}
