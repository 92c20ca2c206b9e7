//! `shots` and `report` on inputs at the edges (issue 25: no silent loss under races, damage
//! and size): every file `check` accepts renders or is refused with a message, never a panic;
//! sizes that cannot be drawn are refused when the file is read; outputs are written, never
//! read through (a FIFO or a symlink at an output's name is replaced); a PNG that cannot be
//! written leaves no alt text behind; two scenarios never share a page or a folder.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How a run of the binary went: its exit code (None: killed by a signal) and its stderr.
struct Ran {
    code: Option<i32>,
    stderr: String,
}

/// Runs the real binary in the repository's root and waits at most `deadline` for it (a
/// run that hangs is killed and fails the test).
fn lab(args: &[&str], deadline: Duration) -> Ran {
    let logs = tempfile::tempdir().unwrap();
    let (out, err) = (logs.path().join("out"), logs.path().join("err"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_delegate-lab"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .expect("the binary runs");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "delegate-lab {args:?} did not finish in {deadline:?}; stderr so far:\n{}",
                std::fs::read_to_string(&err).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Ran {
        code: status.code(),
        stderr: std::fs::read_to_string(&err).unwrap_or_default(),
    }
}

const DEADLINE: Duration = Duration::from_secs(120);

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// User21 signed in on USER21-PC, its Lync captured as `c` with `fields` added.
fn lync_capture(title: &str, fields: &str) -> String {
    format!(
        r#"Scenario(title: "{title}", steps: [
  SignIn(user: "user21", computer: "USER21-PC"),
  Capture(name: "c", computer: "USER21-PC", window: Some("Lync"){fields}),
])"#
    )
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The names in a directory, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{e}: {}", path.display()));
    let image = image::load_from_memory_with_format(&bytes, image::ImageFormat::Png)
        .unwrap_or_else(|e| panic!("{e}: {}", path.display()));
    (image.width(), image.height())
}

#[test]
fn a_title_of_any_length_renders_its_figures_and_heads_its_page_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let lines = (0..40)
        .map(|i| format!("line {i}"))
        .collect::<Vec<_>>()
        .join("\\n");
    let titles = [
        ("short", "Lync signed in".to_owned()),
        ("lines", lines),
        ("words", "Long title ".repeat(300)),
        ("word", "x".repeat(3000)),
    ];
    let mut pngs = Vec::new();
    for (name, title) in &titles {
        let file = write(dir.path(), &format!("{name}.ron"), &lync_capture(title, ""));
        let out = dir.path().join(format!("out-{name}"));
        let check = lab(&["check", "-q", arg(&file)], DEADLINE);
        assert_eq!(check.code, Some(0), "{name}: check accepts it");
        let shots = lab(&["shots", arg(&file), "--out", arg(&out)], DEADLINE);
        assert_ne!(
            shots.code,
            Some(101),
            "{name}: shots panicked: {}",
            shots.stderr
        );
        assert_eq!(shots.code, Some(0), "{name}: {}", shots.stderr);
        assert_eq!(names_in(&out), ["c.png", "c.txt", "figures.json"], "{name}");
        pngs.push(std::fs::read(out.join("c.png")).unwrap());

        let report = lab(
            &["report", arg(&file), "--out", arg(&out), "--format", "md"],
            DEADLINE,
        );
        assert_ne!(
            report.code,
            Some(101),
            "{name}: report panicked: {}",
            report.stderr
        );
        assert_eq!(report.code, Some(0), "{name}: {}", report.stderr);
        let page = std::fs::read_to_string(out.join(format!("{name}.md"))).unwrap();
        // The whole title is the page's heading, on its one line.
        let heading = page.lines().next().unwrap();
        let words: Vec<&str> = title.split("\\n").collect();
        assert_eq!(
            heading,
            format!("# {}", words.join(" ").trim_end()),
            "{name}"
        );
    }
    // The title is in no figure: the same pixels whatever it is.
    assert!(
        pngs.iter().all(|png| png == &pngs[0]),
        "a title changed a figure"
    );
}

#[test]
fn sizes_that_cannot_be_drawn_are_refused_when_the_file_is_read_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    // The positive control: a size the window can take renders at that size.
    let good = lync_capture("t", ", size: Some((330.0, 600.0))").replace(
        "\n])",
        "\n  Capture(name: \"desk\", computer: \"USER21-PC\", window: None),\n])",
    );
    let good = write(dir.path(), "good.ron", &good);
    let out = dir.path().join("out-good");
    let shots = lab(&["shots", arg(&good), "--out", arg(&out)], DEADLINE);
    assert_eq!(shots.code, Some(0), "{}", shots.stderr);
    assert_eq!(png_size(&out.join("c.png")), (350, 620));
    // The limit is the desktop figures are drawn on.
    let max = delegate_lab::scenario::CaptureSize::MAX;
    assert_eq!(
        png_size(&out.join("desk.png")),
        (max.0 as u32, max.1 as u32)
    );

    // Where `size` is written.
    let line = lync_capture("t", ", size: None")
        .lines()
        .nth(2)
        .unwrap()
        .to_owned();
    let size_column = line.find("size").unwrap() + 1;
    for (name, size, says) in [
        ("nan", "(NaN, NaN)", "more than 0"),
        ("inf", "(inf, 600.0)", "more than 0"),
        ("negative", "(-5.0, 600.0)", "more than 0"),
        ("zero", "(0.0, 0.0)", "more than 0"),
        ("huge", "(400.0, 999999999.0)", "at most 1094×847 points"),
        ("wide", "(3000.0, 2000.0)", "at most 1094×847 points"),
    ] {
        let file = write(
            dir.path(),
            &format!("{name}.ron"),
            &lync_capture("t", &format!(", size: Some({size})")),
        );
        for command in ["check", "shots", "report"] {
            let out = dir.path().join(format!("out-{name}-{command}"));
            let args: Vec<&str> = match command {
                "check" => vec!["check", arg(&file)],
                _ => vec![command, arg(&file), "--out", arg(&out)],
            };
            let ran = lab(&args, DEADLINE);
            assert_eq!(ran.code, Some(2), "{name} {command}: {}", ran.stderr);
            let at = format!("at line 3, column {size_column} in {}", file.display());
            assert!(
                ran.stderr.contains(says) && ran.stderr.contains(&at),
                "{name} {command}: wanted {says:?} {at:?} in: {}",
                ran.stderr
            );
            assert_eq!(ran.stderr.lines().count(), 1, "{name}: {}", ran.stderr);
            assert!(
                names_in(&out).is_empty(),
                "{name} {command}: wrote something"
            );
        }
    }
}

#[test]
fn many_or_long_highlights_render_or_are_refused_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let many = vec!["\"Available ▾\""; 500].join(", ");
    let file = write(
        dir.path(),
        "many.ron",
        &lync_capture("t", &format!(", numbered: true, highlight: [{many}]")),
    );
    let out = dir.path().join("out-many");
    let ran = lab(&["shots", arg(&file), "--out", arg(&out)], DEADLINE);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert_eq!(png_size(&out.join("c.png")), (350, 620));

    let long = "x".repeat(5000);
    let file = write(
        dir.path(),
        "long.ron",
        &lync_capture("t", &format!(", highlight: [\"{long}\"]")),
    );
    let out = dir.path().join("out-long");
    let ran = lab(&["shots", arg(&file), "--out", arg(&out)], DEADLINE);
    assert_eq!(ran.code, Some(2), "{}", ran.stderr);
    assert!(
        ran.stderr.contains("matches 0 widgets") && ran.stderr.contains("Available ▾"),
        "{}",
        ran.stderr
    );
    // The label is quoted cut, not whole.
    assert!(ran.stderr.len() < 2000, "{}", ran.stderr.len());
    assert!(names_in(&out).is_empty());
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_symlink_at_an_outputs_name_is_replaced_not_read() {
    use std::os::unix::fs::FileTypeExt as _;
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "case.ron",
        r#"Scenario(title: "t", steps: [
  SignIn(user: "user21", computer: "USER21-PC"),
  Capture(name: "c", computer: "USER21-PC", window: Some("Lync")),
  Capture(name: "d", computer: "USER21-PC", window: None),
])"#,
    );
    // The positive control: the files a clean run writes.
    let clean = dir.path().join("clean");
    let ran = lab(&["shots", arg(&file), "--out", arg(&clean)], DEADLINE);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert_eq!(
        names_in(&clean),
        ["c.png", "c.txt", "d.png", "d.txt", "figures.json"]
    );

    for command in ["shots", "report"] {
        let out = dir.path().join(format!("damaged-{command}"));
        std::fs::create_dir(&out).unwrap();
        for fifo in ["c.png", "d.txt", "case.html"] {
            let made = Command::new("mkfifo").arg(out.join(fifo)).status().unwrap();
            assert!(made.success());
        }
        std::os::unix::fs::symlink("/dev/zero", out.join("c.txt")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", out.join("d.png")).unwrap();
        assert!(
            std::fs::symlink_metadata(out.join("c.png"))
                .unwrap()
                .file_type()
                .is_fifo()
        );
        let started = Instant::now();
        let ran = lab(
            &[command, arg(&file), "--out", arg(&out)],
            Duration::from_secs(60),
        );
        assert_eq!(ran.code, Some(0), "{command}: {}", ran.stderr);
        assert!(started.elapsed() < Duration::from_secs(60));
        for name in ["c.png", "c.txt", "d.png", "d.txt"] {
            let kind = std::fs::symlink_metadata(out.join(name))
                .unwrap()
                .file_type();
            assert!(kind.is_file(), "{command}: {name} is still {kind:?}");
            assert_eq!(
                std::fs::read(out.join(name)).unwrap(),
                std::fs::read(clean.join(name)).unwrap(),
                "{command}: {name} is what a clean run writes"
            );
        }
        if command == "report" {
            let page = std::fs::read_to_string(out.join("case.html")).unwrap();
            assert_eq!(page.matches("<img src=\"data:image/png;base64,").count(), 2);
        }
    }
}

#[test]
fn a_png_that_cannot_be_written_leaves_no_alt_text_behind() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "case.ron", &lync_capture("t", ""));
    // The positive control: both written into a fresh folder.
    let fresh = dir.path().join("fresh");
    let ran = lab(&["shots", arg(&file), "--out", arg(&fresh)], DEADLINE);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert_eq!(names_in(&fresh), ["c.png", "c.txt", "figures.json"]);

    // The PNG's name is taken by a folder: no PNG can be written there, so no alt text is.
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("c.png")).unwrap();
    for command in ["shots", "report"] {
        let ran = lab(&[command, arg(&file), "--out", arg(&out)], DEADLINE);
        assert_eq!(ran.code, Some(2), "{command}: {}", ran.stderr);
        assert!(
            ran.stderr.contains("cannot write the figure") && ran.stderr.contains("c.png"),
            "{command}: {}",
            ran.stderr
        );
        assert!(
            !out.join("c.txt").exists(),
            "{command}: an alt text without its figure"
        );
    }
}

#[test]
fn two_scenarios_that_would_share_a_folder_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["A", "B", "C"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
    }
    let a = write(&dir.path().join("A"), "case.ron", &lync_capture("a", ""));
    let b = write(&dir.path().join("B"), "case.ron", &lync_capture("b", ""));
    let c = write(&dir.path().join("C"), "other.ron", &lync_capture("c", ""));
    // The positive control: two stems, two folders.
    let out = dir.path().join("fine");
    let ran = lab(&["report", arg(&a), arg(&c), "--out", arg(&out)], DEADLINE);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert_eq!(names_in(&out), ["case", "other"]);
    assert!(out.join("case/case.html").exists() && out.join("other/other.html").exists());

    for command in ["report", "shots"] {
        let out = dir.path().join(format!("clash-{command}"));
        let ran = lab(
            &[command, arg(&a), arg(&c), arg(&b), "--out", arg(&out)],
            DEADLINE,
        );
        assert_eq!(ran.code, Some(2), "{command}: {}", ran.stderr);
        assert_eq!(ran.stderr.lines().count(), 1, "{command}: {}", ran.stderr);
        assert!(
            ran.stderr.contains(arg(&a)) && ran.stderr.contains(arg(&b)),
            "{command}: {}",
            ran.stderr
        );
        assert!(!out.exists(), "{command}: wrote before refusing");
    }
}

#[test]
fn a_window_made_wider_than_its_place_on_the_desktop_allows_is_drawn_whole() {
    let dir = tempfile::tempdir().unwrap();
    // Lync stands near the desktop's right edge on USER21-PC: 400 points wide, it is moved
    // left to stay on the desktop, and the figure follows it.
    let file = write(
        dir.path(),
        "wide.ron",
        &lync_capture("t", ", size: Some((400.0, 600.0))"),
    );
    let out = dir.path().join("out");
    let ran = lab(&["shots", arg(&file), "--out", arg(&out)], DEADLINE);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert_eq!(png_size(&out.join("c.png")), (420, 620));
    // The window's top right corner (inside the 10-point margin, whose shadow may differ)
    // with its close button, as when the window has its own size.
    let image = image::open(out.join("c.png")).unwrap().to_rgba8();
    let plain = lab(
        &[
            "shots",
            arg(&write(dir.path(), "plain.ron", &lync_capture("t", ""))),
            "--out",
            arg(&dir.path().join("plain")),
        ],
        DEADLINE,
    );
    assert_eq!(plain.code, Some(0), "{}", plain.stderr);
    let own = image::open(dir.path().join("plain/c.png"))
        .unwrap()
        .to_rgba8();
    let corner = |image: &image::RgbaImage| {
        let (w, _) = image.dimensions();
        (0..40)
            .flat_map(|y| (0..40).map(move |x| (x, y)))
            .map(|(x, y)| image.get_pixel(w - 50 + x, 10 + y).0)
            .collect::<Vec<_>>()
    };
    assert!(
        corner(&image) == corner(&own),
        "the top right corner differs"
    );
}

#[test]
fn a_scenario_that_waits_out_the_lab_clock_renders_its_meeting_form() {
    let dir = tempfile::tempdir().unwrap();
    // The clock stops at its last minute: a week or a meeting after it is still a time (these
    // waits overflowed the calendar's arithmetic, in a build that checks it, as the tests' is).
    let waits = write(
        dir.path(),
        "waits.ron",
        r#"Scenario(title: "t", steps: [
  Wait(minutes: 4294967295), Wait(minutes: 4294967295), Wait(minutes: 4294967295),
  Wait(minutes: 4294967295),
  StartOutlook(user: "user21", computer: "USER21-PC"),
  NewMeeting(user: "user21", computer: "USER21-PC", owner: "user21", subject: "s"),
  Capture(name: "c", computer: "USER21-PC", window: Some("Meeting")),
  Capture(name: "d", computer: "USER21-PC"),
])"#,
    );
    let ran = lab(&["check", arg(&waits)], DEADLINE);
    assert_eq!(ran.code, Some(0), "check: {}", ran.stderr);
    for command in ["shots", "report"] {
        let out = dir.path().join(command);
        let ran = lab(&[command, arg(&waits), "--out", arg(&out)], DEADLINE);
        assert_eq!(ran.code, Some(0), "{command}: {}", ran.stderr);
        assert!(
            out.join("c.png").exists() && out.join("d.png").exists(),
            "{command}: {:?}",
            names_in(&out)
        );
    }
}
