//! The `delegate-lab` command.

use std::io::Write as _;

/// A line on standard output (see [`Stdout`]: failures are collected there, not here).
macro_rules! say {
    ($out:expr, $($arg:tt)*) => {{
        let _ = writeln!($out, $($arg)*);
    }};
}
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use delegate_lab::lab::Lab;
use delegate_lab::report::LabReport;
use delegate_lab::scenario::{self, Scenario, Step, StepResultKind};
use delegate_lab::session;

#[derive(Parser)]
#[command(
    name = "delegate-lab",
    version,
    about = "Outlook 2013 / Lync 2013 delegate access, reproduced without a server"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Where recovery files and the list of recent files go (default: the user's data directory).
    #[arg(long, global = true, value_name = "DIR")]
    saves: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Replay scenarios and check their expectations (exit 0: all hold, 1: one failed,
    /// 2: a file could not be read or parsed).
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print only failures and the summary.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Open the lab window, on a session or scenario file if given (the default command).
    Open { file: Option<PathBuf> },
    /// Load and replay sessions or scenarios and report whether they replay consistently
    /// (exit 0: all do, 2: one does not load or replay).
    Verify {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Render scenarios' Capture steps to PNG files (this build has no renderer: it was
    /// built without the feature `gui`).
    #[cfg(not(feature = "gui"))]
    Shots {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
        args: Vec<String>,
    },
    /// Render scenarios' Capture steps to PNG files with their alt texts (`<name>.txt`),
    /// headlessly (no window, no GPU needed), one renderer per core.
    #[cfg(feature = "gui")]
    Shots {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Directory for the PNG files (created if missing); with several scenarios, one
        /// folder per scenario in it.
        #[arg(
            long,
            value_name = "DIR",
            required_unless_present = "check",
            conflicts_with = "check"
        )]
        out: Option<PathBuf>,
        /// Compare with the figures in DIR instead of writing them (exit 0: all match, 1: one
        /// changed, is missing or extra — `<name>.new.png` and `<name>.diff.png` are written
        /// beside it).
        #[arg(long, value_name = "DIR")]
        check: Option<PathBuf>,
        /// With --check: the share of a figure's pixels that may differ (0 to 1; without it,
        /// byte for byte or the same pixels).
        #[arg(long, value_name = "F", conflicts_with = "out", value_parser = parse_share)]
        max_variation: Option<f64>,
        /// With --out: also remove the figures there that no Capture draws (their PNG and alt
        /// text; with several scenarios, the folders of figures of no scenario given).
        #[arg(long, conflicts_with = "check")]
        prune: bool,
        /// Pixels per point: 1, 1.25, 1.5 or 2.
        #[arg(long, default_value = "1", value_parser = parse_scale, allow_negative_numbers = true)]
        scale: f32,
        /// Render only the capture with this name.
        #[arg(long, value_name = "NAME")]
        only: Option<String>,
    },
    /// Replay scenarios and write a page for each (this build has no renderer for its figures:
    /// it was built without the feature `gui`).
    #[cfg(not(feature = "gui"))]
    Report {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
        args: Vec<String>,
    },
    /// Replay scenarios and write a page for each: the notes as prose, every action in plain
    /// words with its outcome and why, every expectation passed or failed, every capture as a
    /// figure with its alt text (exit 0: all hold, 1: an expectation or figure failed, 2: a
    /// file could not be read or written).
    #[cfg(feature = "gui")]
    Report {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Directory for the page and its figures (created if missing); with several
        /// scenarios, one folder per scenario in it.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Markdown beside the PNGs, or one self-contained HTML file.
        #[arg(long, value_enum, default_value = "html")]
        format: delegate_lab::figures::Format,
        /// Pixels per point: 1, 1.25, 1.5 or 2.
        #[arg(long, default_value = "1", value_parser = parse_scale, allow_negative_numbers = true)]
        scale: f32,
        /// Of an exercise: the trainer's version (goals, hints, solve steps), not the
        /// student's handout.
        #[arg(long)]
        solutions: bool,
        /// Compare the page and its figures with those in --out instead of writing them
        /// (exit 1 when one differs; `.new` files are written beside).
        #[arg(long)]
        check: bool,
        /// Also remove the figures in --out that no Capture draws (as `shots --prune`).
        #[arg(long, conflicts_with = "check")]
        prune: bool,
    },
    /// Save a session from the first N steps of a scenario (to resume there in the window).
    /// Of an exercise: a student's session at its start (its setup played), or with --solve
    /// the trainer's solution (every task's solve steps after it).
    Record {
        scenario: PathBuf,
        /// Steps to run (default: all).
        #[arg(long, value_name = "N")]
        at: Option<usize>,
        /// Of an exercise: its solve steps too.
        #[arg(long)]
        solve: bool,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Write an exercise from a session: the expectations chosen by hand ("Expect this")
    /// become its goals, a task each, and the actions done its solve steps.
    Exercise {
        session: PathBuf,
        #[arg(long, value_name = "EXERCISE")]
        out: PathBuf,
    },
    /// Grade students' sessions on an exercise: points per task and in all, and for each
    /// goal not met the lab's reason (exit 0: it ran, 2: a file could not be read, or a
    /// session is not of this exercise).
    Grade {
        exercise: PathBuf,
        #[arg(required = true)]
        sessions: Vec<PathBuf>,
        /// table, csv, json or junit.
        #[arg(long, default_value = "table", value_parser = parse_grade_format)]
        format: delegate_lab::exercise::Format,
    },
    /// Write what a session did, up to its position, as a scenario: every action in order,
    /// each followed by the expectation of its recorded outcome, notes and expectations kept
    /// (`check` on it passes; it fails the day the lab behaves differently).
    Export {
        session: PathBuf,
        #[arg(long, value_name = "SCENARIO")]
        out: PathBuf,
    },
    /// Build a customer's case from their evidence: Get-CsUser, Get-CsClientPolicy and
    /// Get-CsVoicePolicy output (Format-List), Registry Editor exports, About Lync texts or
    /// builds, SEFAUtil printouts. Writes a scenario whose lab is the customer's, with what was
    /// taken from where as comments (exit 0: written, 2: an input could not be read; then
    /// nothing is written).
    Import {
        /// FILE, or COMPUTER=FILE for a registry export or an About text, or COMPUTER=BUILD
        /// (`USER21-PC=15.0.4569.1503`).
        #[arg(required = true, value_name = "EVIDENCE")]
        evidence: Vec<String>,
        /// The case file to write (a scenario).
        #[arg(long, value_name = "CASE")]
        out: PathBuf,
        /// The case's title (default: "Case from <the first file>").
        #[arg(long)]
        title: Option<String>,
    },
    /// What would fix it: try every known remedy, alone and in short sequences, on copies of
    /// the lab after step N of a case (a scenario or session), and list the smallest after
    /// which the symptom is gone, with the rules, the commands and clicks, and the field case
    /// (exit 0: fixes found, 1: none, or the symptom is not there, 2: a bad file or symptom).
    Diagnose {
        case: PathBuf,
        /// A step of the symptom in scenario syntax, in order: actions, and the expectations
        /// that fail today (`--symptom 'AddLyncMeeting(user: "user21", computer: "USER21-PC")'
        /// --symptom ExpectOk`).
        #[arg(long, required = true, value_name = "STEP")]
        symptom: Vec<String>,
        /// Diagnose the lab after this step (1-based) or timeline entry (default: the end).
        #[arg(long, value_name = "N")]
        at: Option<usize>,
        /// The longest sequence of remedies to try (1 to 5).
        #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=delegate_lab::diagnose::MAX_DEPTH as i64))]
        depth: u8,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write what Registry Editor's File > Export... writes for
    /// HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\15.0\\Lync in a user's hive on a computer
    /// (a UTF-16 .reg file with the three DelegatorList values), after step N of a scenario
    /// (default: the end) or of a session at its position (or after N entries of its timeline).
    Reg {
        file: PathBuf,
        /// The user (id, name, e-mail address or SIP URI).
        #[arg(long, value_name = "USER")]
        user: String,
        /// The computer's name.
        #[arg(long, value_name = "COMPUTER")]
        computer: String,
        /// Stop after this step (1-based, as `check` numbers them) or timeline entry.
        #[arg(long, value_name = "N")]
        at: Option<usize>,
        #[arg(long, value_name = "FILE.reg")]
        out: PathBuf,
    },
    /// Print the whole observable lab after step N of a scenario (default: the end), or of a
    /// session at its position (or after N entries of its timeline).
    State {
        file: PathBuf,
        /// Stop after this step (1-based, as `check` numbers them) or timeline entry.
        #[arg(long, value_name = "N")]
        at: Option<usize>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // --help, --version and usage errors: clap's own text, but a failure to write it is
        // said, not lost.
        Err(e) => {
            let code = ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
            return match e.print() {
                Ok(()) => code,
                Err(io) if io.kind() == std::io::ErrorKind::BrokenPipe => code,
                Err(io) => unusable(format!("cannot write the output: {io}")),
            };
        }
    };
    let mut stdout = Stdout::new();
    let out = &mut stdout;
    let code = match cli.command {
        Some(Command::Check { files, quiet }) => check(out, &files, quiet),
        Some(Command::State { file, at, json }) => state(out, &file, at, json),
        Some(Command::Diagnose {
            case,
            symptom,
            at,
            depth,
            json,
        }) => diagnose(out, &case, &symptom, at, usize::from(depth), json),
        Some(Command::Import {
            evidence,
            out: file,
            title,
        }) => import(out, &evidence, &file, title.as_deref()),
        Some(Command::Open { file }) => open_window(cli.saves.as_deref(), file.as_deref()),
        Some(Command::Verify { files }) => verify(out, &files),
        Some(Command::Record {
            scenario,
            at,
            solve,
            out: file,
        }) => record(out, &scenario, at, solve, &file),
        Some(Command::Exercise { session, out: file }) => write_exercise(out, &session, &file),
        Some(Command::Grade {
            exercise,
            sessions,
            format,
        }) => grade(out, &exercise, &sessions, format),
        Some(Command::Export { session, out: file }) => export(out, &session, &file),
        Some(Command::Reg {
            file,
            user,
            computer,
            at,
            out: target,
        }) => reg(out, &file, &user, &computer, at, &target),
        #[cfg(not(feature = "gui"))]
        Some(Command::Shots { .. } | Command::Report { .. }) => {
            eprintln!(
                "error: this delegate-lab was built without the lab window (feature `gui`), which `shots` and `report` render with; build it with the default features"
            );
            ExitCode::from(1)
        }
        #[cfg(feature = "gui")]
        Some(Command::Shots {
            files,
            out,
            check,
            max_variation,
            prune,
            scale,
            only,
        }) => match (out, check) {
            (Some(out), _) => figures(
                &files,
                &out,
                scale,
                only.as_deref(),
                None,
                delegate_lab::figures::Mode::Write { prune },
            ),
            (None, Some(dir)) => figures(
                &files,
                &dir,
                scale,
                only.as_deref(),
                None,
                delegate_lab::figures::Mode::Check { max_variation },
            ),
            (None, None) => unusable("give --out DIR (write the figures) or --check DIR"),
        },
        #[cfg(feature = "gui")]
        Some(Command::Report {
            files,
            out,
            format,
            scale,
            solutions,
            check,
            prune,
        }) => figures(
            &files,
            &out,
            scale,
            None,
            Some((format, solutions)),
            match check {
                true => delegate_lab::figures::Mode::Check {
                    max_variation: None,
                },
                false => delegate_lab::figures::Mode::Write { prune },
            },
        ),
        None => open_window(cli.saves.as_deref(), None),
    };
    stdout.finish(code)
}

/// Standard output for the commands. A reader that goes away (`| head -1`) ends the output
/// quietly, as Unix tools do; any other failure to write (a full disk) is reported once, with
/// exit code 2, instead of a panic or a silent loss.
struct Stdout {
    inner: std::io::BufWriter<std::io::StdoutLock<'static>>,
    failed: Option<std::io::Error>,
}

impl Stdout {
    fn new() -> Self {
        Stdout {
            inner: std::io::BufWriter::new(std::io::stdout().lock()),
            failed: None,
        }
    }

    fn finish(mut self, code: ExitCode) -> ExitCode {
        let _ = std::io::Write::flush(&mut self);
        match self.failed {
            None => code,
            Some(e) if e.kind() == std::io::ErrorKind::BrokenPipe => code,
            Some(e) => {
                eprintln!("error: cannot write the output: {e}");
                ExitCode::from(2)
            }
        }
    }
}

impl std::io::Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.failed.is_none()
            && let Err(e) = self.inner.write_all(buf)
        {
            self.failed = Some(e);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.failed.is_none()
            && let Err(e) = self.inner.flush()
        {
            self.failed = Some(e);
        }
        Ok(())
    }
}

/// A file that cannot be used: the error on stderr (it names the file, line and column), and
/// exit code 2.
fn unusable(error: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {error}");
    ExitCode::from(2)
}

/// Reads a scenario file that has at least `at` steps, or says why not.
fn load_scenario_to(file: &Path, at: Option<usize>) -> Result<Scenario, ExitCode> {
    let scenario = load_scenario(file)?;
    match at {
        Some(n) if n > scenario.steps.len() => Err(unusable(format!(
            "--at {n} is past the end: {} has {} steps",
            file.display(),
            scenario.steps.len()
        ))),
        _ => Ok(scenario),
    }
}

/// Reads a scenario file, or says why not (and, for a session, which command reads it).
fn load_scenario(file: &Path) -> Result<Scenario, ExitCode> {
    match scenario::load(file) {
        Ok(scenario) => Ok(scenario),
        Err(e) if delegate_lab::exercise::is_exercise(file) => Err(unusable(format!(
            "{e} (it is an exercise: `delegate-lab record` makes a student's session of it, `delegate-lab grade` grades sessions on it)"
        ))),
        Err(e) if matches!(session::open(file), Ok(session::Opened::Session(_))) => {
            Err(unusable(format!(
                "{e} (it is a session: `delegate-lab verify` checks it, `delegate-lab open` resumes it)"
            )))
        }
        Err(e) => Err(unusable(e)),
    }
}

#[cfg(not(feature = "gui"))]
fn open_window(_saves: Option<&Path>, _file: Option<&Path>) -> ExitCode {
    eprintln!(
        "error: this delegate-lab was built without the lab window (feature `gui`); the headless commands work: check, state, verify, record."
    );
    ExitCode::from(1)
}

/// Opens the lab window on the built-in default lab, or on a file.
#[cfg(feature = "gui")]
fn open_window(saves: Option<&Path>, file: Option<&Path>) -> ExitCode {
    use delegate_lab::ui::app::LabApp;
    let data_dir = session::data_dir(saves);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Delegate Lab")
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([960.0, 600.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Delegate Lab",
        options,
        Box::new(move |cc| {
            delegate_lab::ui::theme::install(&cc.egui_ctx);
            let mut app = LabApp::start(data_dir);
            // SIGTERM and SIGINT end the window as its close button does, without a question
            // (unsaved changes stay in the recovery file for the next start).
            let terminate = app.files.terminate.clone();
            let ctx = cc.egui_ctx.clone();
            if let Err(e) = ctrlc::set_handler(move || {
                terminate.store(true, std::sync::atomic::Ordering::Relaxed);
                ctx.request_repaint();
            }) {
                app.files.error = Some(format!("Cannot catch SIGTERM and SIGINT: {e}"));
            }
            if let Some(file) = file
                && let Err(e) = app.open(file)
            {
                app.files.error = Some(e.to_string());
            }
            Ok(Box::new(WindowApp(app)))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "error: cannot open the lab window: {e}\nWithout a display, use the headless commands: `delegate-lab check FILE`, `delegate-lab state FILE`."
            );
            ExitCode::from(1)
        }
    }
}

/// The app in eframe, with a clean exit that clears the crash marker.
#[cfg(feature = "gui")]
struct WindowApp(delegate_lab::ui::app::LabApp);

#[cfg(feature = "gui")]
impl eframe::App for WindowApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.0.ui_root(ui);
    }

    fn on_exit(&mut self) {
        self.0.clean_exit();
    }
}

#[cfg(feature = "gui")]
fn parse_share(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(f) if (0.0..=1.0).contains(&f) => Ok(f),
        _ => Err(format!("a share of the pixels, 0 to 1, not {text}")),
    }
}

#[cfg(feature = "gui")]
fn parse_scale(text: &str) -> Result<f32, String> {
    let value: f32 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number"))?;
    if delegate_lab::shots::SCALES.contains(&value) {
        Ok(value)
    } else {
        Err(format!("the scale must be 1, 1.25, 1.5 or 2, not {text}"))
    }
}

/// `shots` and `report`: every file loaded first (a file that cannot be read stops the run
/// before anything is rendered), then rendered in parallel, and written or checked.
#[cfg(feature = "gui")]
fn figures(
    files: &[PathBuf],
    out: &Path,
    scale: f32,
    only: Option<&str>,
    report: Option<(delegate_lab::figures::Format, bool)>,
    mode: delegate_lab::figures::Mode,
) -> ExitCode {
    use delegate_lab::figures::{self, Job, Mode};
    use delegate_lab::scenario::Capture;
    use delegate_lab::shots;
    let many = files.len() > 1;
    let checking = matches!(mode, Mode::Check { .. });
    // A check compares with a folder that is there; a mistyped one is not made.
    if checking && !out.is_dir() {
        return unusable(match out.exists() {
            true => format!(
                "{} is not a folder (--check compares with a folder of figures)",
                out.display()
            ),
            false => format!(
                "no such folder: {} (--check compares with a folder of figures)",
                out.display()
            ),
        });
    }
    let mut jobs = Vec::new();
    let mut without = Vec::new();
    let solutions = report.is_some_and(|(_, solutions)| solutions);
    let report = report.map(|(format, _)| format);
    for file in files {
        let dir = figures::dir_for(out, file, many);
        // An exercise's report is its handout (or, with --solutions, the trainer's version).
        let exercise = match delegate_lab::exercise::is_exercise(file) {
            true => match delegate_lab::exercise::load(file) {
                Ok(exercise) => Some(exercise),
                Err(e) => return unusable(e),
            },
            false => None,
        };
        let job = match exercise {
            Some(exercise) => {
                let page = report.map(|_| delegate_lab::page::Page::exercise(&exercise, solutions));
                Job::exercise(file.clone(), &exercise, solutions, dir, page)
            }
            None => match load_scenario(file) {
                Ok(scenario) => Job::new(file.clone(), scenario, dir, None),
                Err(code) => return code,
            },
        };
        // `shots` draws captures only: a file without the ones asked for has nothing to draw.
        if report.is_none() && shots::captures(&job.scenario, only).is_empty() {
            let names: Vec<String> = shots::captures(&job.scenario, None)
                .iter()
                .map(|(_, Capture::Capture { name, .. })| name.clone())
                .collect();
            without.push((file, names));
            continue;
        }
        jobs.push(job);
    }
    // Refused before anything is written: one would overwrite the other.
    if let Some((first, second, dir)) = figures::clash(&jobs) {
        return unusable(format!(
            "{} and {} would both be written to {} (a folder per file name); rename one, or run them one at a time",
            first.display(),
            second.display(),
            dir.display()
        ));
    }
    for (file, names) in &without {
        let what = match only {
            Some(name) => format!("no Capture named {name:?}"),
            None => "no Capture step".to_owned(),
        };
        let there = if names.is_empty() || only.is_none() {
            String::new()
        } else {
            format!(" (its captures: {})", names.join(", "))
        };
        // One file with nothing to draw is a mistake; among many, it is skipped.
        if jobs.is_empty() {
            eprintln!("error: there is {what} in {}{there}", file.display());
        } else {
            eprintln!(
                "note: there is {what} in {}{there}; skipped",
                file.display()
            );
        }
    }
    if jobs.is_empty() {
        return ExitCode::from(2);
    }
    let options = figures::Options {
        scale,
        only,
        report,
        mode,
        // An --only run draws one figure: it says nothing of the other folders.
        root: (many && only.is_none()).then_some(out),
    };
    let summary = figures::run(jobs, &options);
    for note in &summary.notes {
        eprintln!("{note}");
    }
    if checking && !summary.findings.is_empty() {
        for finding in &summary.findings {
            eprintln!("{finding}");
        }
        eprintln!(
            "{} difference{} from {}; to update: {}",
            summary.findings.len(),
            if summary.findings.len() == 1 { "" } else { "s" },
            out.display(),
            update_command(files, out, &options, solutions, &summary.findings)
        );
        return ExitCode::from(if summary.input_errors { 2 } else { 1 });
    }
    if checking && summary.failed == 0 && !summary.input_errors {
        match report {
            Some(_) => eprintln!("every page and figure matches {}", out.display()),
            None => eprintln!("every figure matches {}", out.display()),
        }
    }
    if summary.input_errors {
        ExitCode::from(2)
    } else if summary.failed > 0 || summary.expectations_failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The one command that makes the checked folder what the lab draws now: the same files,
/// scale, capture, format, with `--prune` when figures there are drawn by no Capture.
#[cfg(feature = "gui")]
fn update_command(
    files: &[PathBuf],
    out: &Path,
    options: &delegate_lab::figures::Options,
    solutions: bool,
    findings: &[delegate_lab::drift::Finding],
) -> String {
    use delegate_lab::figures::Format;
    // A path that begins with '-' would be read as an option.
    let quote = |p: &Path| {
        let path = p.display().to_string();
        match path.starts_with('-') {
            true => delegate_lab::text::shell_word(&format!("./{path}")),
            false => delegate_lab::text::shell_word(&path),
        }
    };
    // The program as it was run, so the command runs as pasted.
    let program = std::env::args()
        .next()
        .unwrap_or_else(|| "delegate-lab".into());
    let mut words = vec![delegate_lab::text::shell_word(&program)];
    words.push(match options.report {
        None => "shots".into(),
        Some(_) => "report".into(),
    });
    words.extend(files.iter().map(|f| quote(f)));
    words.push("--out".into());
    words.push(quote(out));
    if options.scale != 1.0 {
        words.push(format!("--scale {}", options.scale));
    }
    if let Some(only) = options.only {
        words.push(format!("--only {}", delegate_lab::text::shell_word(only)));
    }
    match options.report {
        Some(Format::Md) => words.push("--format md".into()),
        Some(Format::Html) => words.push("--format html".into()),
        None => {}
    }
    if solutions {
        words.push("--solutions".into());
    }
    if findings.iter().any(|f| f.needs_prune()) {
        words.push("--prune".into());
    }
    words.join(" ")
}

fn verify(out: &mut Stdout, files: &[PathBuf]) -> ExitCode {
    let mut bad = false;
    for file in files {
        match session::open(file) {
            Ok(session::Opened::Session(loaded)) => say!(
                out,
                "{}: session {:?}, {} timeline entries replayed ({} actions), {}",
                file.display(),
                loaded.session.name,
                loaded.session.timeline().len(),
                loaded.session.lab().steps(),
                if loaded.rebuilt {
                    "saved by an earlier version: rebuilt under this version's rules".to_owned()
                } else {
                    format!(
                        "the lab matches (fingerprint {})",
                        session::fingerprint(loaded.session.lab())
                    )
                }
            ),
            Ok(session::Opened::Scenario(scenario)) => {
                let mut steps = 0;
                let lab = scenario::run_each(&scenario, None, |_, _, _, _| steps += 1);
                say!(
                    out,
                    "{}: scenario {:?}, {steps} steps replayed ({} actions)",
                    file.display(),
                    scenario.title,
                    lab.steps()
                );
            }
            Err(e) => {
                unusable(e);
                bad = true;
            }
        }
    }
    if bad {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

fn record(
    out: &mut Stdout,
    file: &Path,
    at: Option<usize>,
    solve: bool,
    target: &Path,
) -> ExitCode {
    let mut exercise = None;
    let scenario = if delegate_lab::exercise::is_exercise(file) {
        match delegate_lab::exercise::load(file) {
            Ok(ex) => {
                let scenario = ex.scenario(solve);
                if let Some(n) = at.filter(|&n| n > scenario.steps.len()) {
                    return unusable(format!(
                        "--at {n} is past the end: {} has {} steps{}",
                        file.display(),
                        scenario.steps.len(),
                        if solve {
                            " with its solution"
                        } else {
                            " of setup (--solve adds its solution)"
                        }
                    ));
                }
                exercise = Some(ex);
                scenario
            }
            Err(e) => return unusable(e),
        }
    } else if solve {
        return unusable(format!(
            "--solve is for exercises, and this is not one: {}",
            file.display()
        ));
    } else {
        match load_scenario_to(file, at) {
            Ok(s) => s,
            Err(code) => return code,
        }
    };
    if let Err(why) = session::may_replace_with_session(target) {
        return unusable(why);
    }
    let mut session = session::from_scenario(scenario, at);
    session.exercise = exercise;
    let steps = session.next_step();
    let view = session::ViewFile::fresh(session.lab());
    match session::save_session(&session, Some(&view), target) {
        Ok(()) => {
            say!(
                out,
                "{}: session after {steps} steps of {}",
                target.display(),
                file.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => unusable(e),
    }
}

fn write_exercise(out: &mut Stdout, file: &Path, target: &Path) -> ExitCode {
    let loaded = match session::open(file) {
        Ok(session::Opened::Session(loaded)) => loaded,
        Ok(session::Opened::Scenario(_)) => {
            return unusable(format!(
                "this is a scenario; `exercise` takes a session (click through the exercise once, choosing what the lab should show with Expect this, and save it): {}",
                file.display()
            ));
        }
        Err(e) => return unusable(e),
    };
    match session::export::write_exercise(&loaded.session, target) {
        Ok(()) => {
            say!(
                out,
                "{}: exercise from {}",
                target.display(),
                file.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => unusable(format!("{e} ({})", file.display())),
    }
}

fn parse_grade_format(text: &str) -> Result<delegate_lab::exercise::Format, String> {
    use delegate_lab::exercise::Format;
    match text {
        "table" => Ok(Format::Table),
        "csv" => Ok(Format::Csv),
        "json" => Ok(Format::Json),
        "junit" => Ok(Format::Junit),
        other => Err(format!(
            "{other:?} is not a format: table, csv, json or junit"
        )),
    }
}

fn grade(
    out: &mut Stdout,
    exercise: &Path,
    sessions: &[PathBuf],
    format: delegate_lab::exercise::Format,
) -> ExitCode {
    use delegate_lab::exercise::{self, Graded};
    if !exercise::is_exercise(exercise) && exercise.is_file() {
        return unusable(format!(
            "this is not an exercise (an `Exercise(...)` file; `grade EXERCISE SESSION...` takes the exercise first): {}",
            exercise.display()
        ));
    }
    let ex = match exercise::load(exercise) {
        Ok(ex) => ex,
        Err(e) => return unusable(e),
    };
    let mut graded = Vec::with_capacity(sessions.len());
    for path in sessions {
        let loaded = match session::open(path) {
            Ok(session::Opened::Session(loaded)) => loaded,
            Ok(session::Opened::Scenario(_)) => {
                return unusable(format!(
                    "this is a scenario, not a student's session (make one with `record` or the window's Save): {}",
                    path.display()
                ));
            }
            Err(e) => return unusable(e),
        };
        if let Err(why) = ex.owns(loaded.session.spec(), loaded.session.scenario()) {
            return unusable(format!(
                "not a session of the exercise {}: {why}: {}",
                exercise.display(),
                path.display()
            ));
        }
        graded.push(Graded {
            session: path.display().to_string(),
            grade: ex.grade(
                loaded.session.lab(),
                ex.progress(loaded.session.next_step()),
            ),
        });
    }
    let _ = write!(out, "{}", exercise::write(&ex, &graded, format));
    ExitCode::SUCCESS
}

fn export(out: &mut Stdout, file: &Path, target: &Path) -> ExitCode {
    let loaded = match session::open(file) {
        Ok(session::Opened::Session(loaded)) => loaded,
        Ok(session::Opened::Scenario(_)) => {
            return unusable(format!(
                "this is a scenario already; `export` takes a session (make one with `record` or the window's Save): {}",
                file.display()
            ));
        }
        Err(e) => return unusable(e),
    };
    if let Err(why) = session::may_replace_with_scenario(target) {
        return unusable(why);
    }
    match session::export::write_scenario(&loaded.session, target) {
        Ok(()) => {
            say!(
                out,
                "{}: scenario of {} actions from {}",
                target.display(),
                loaded.session.lab().steps(),
                file.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => unusable(e),
    }
}

fn diagnose(
    out: &mut Stdout,
    case: &Path,
    symptom: &[String],
    at: Option<usize>,
    depth: usize,
    json: bool,
) -> ExitCode {
    use delegate_lab::diagnose;
    let lab = match with_lab_at(case, at, Lab::clone) {
        Ok(lab) => lab,
        Err(code) => return code,
    };
    let steps = match diagnose::parse_symptom(&lab, symptom) {
        Ok(steps) => steps,
        Err(e) => return unusable(e),
    };
    let diagnosis = diagnose::diagnose(&lab, &steps, depth);
    if json {
        match serde_json::to_string_pretty(&diagnosis) {
            Ok(text) => say!(out, "{text}"),
            Err(e) => return unusable(format!("cannot write JSON: {e}")),
        }
    } else {
        let _ = write!(out, "{}", diagnose::report(&lab, &diagnosis));
    }
    if diagnosis.fixes.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn import(out: &mut Stdout, evidence: &[String], target: &Path, title: Option<&str>) -> ExitCode {
    use delegate_lab::evidence;
    let inputs: Vec<evidence::Input> = evidence.iter().map(|a| evidence::Input::parse(a)).collect();
    let case = match evidence::import(&inputs) {
        Ok(case) => case,
        Err(problems) => {
            // One line an input, each saying that nothing was written.
            for problem in &problems {
                eprintln!("error: {problem} (no case written)");
            }
            return ExitCode::from(2);
        }
    };
    if let Err(why) = session::may_replace_with_scenario(target) {
        return unusable(why);
    }
    let title = title.map_or_else(|| format!("Case from {}", inputs[0].label()), str::to_owned);
    let text = case.text(&title);
    if let Err(e) = session::write_file(target, text.as_bytes(), session::Backup::Keep) {
        return unusable(e);
    }
    say!(
        out,
        "{}: the customer's lab, {} users, {} computers",
        target.display(),
        case.spec.users.len(),
        case.spec.computers.len()
    );
    for line in &case.taken {
        say!(out, "  taken: {line}");
    }
    for line in &case.ignored {
        say!(out, "  left out: {line}");
    }
    ExitCode::SUCCESS
}

fn check(out: &mut Stdout, files: &[PathBuf], quiet: bool) -> ExitCode {
    let mut unreadable = false;
    let mut failed = false;
    for file in files {
        // An exercise: its setup and solution, then every goal checked.
        let scenario = match delegate_lab::exercise::is_exercise(file) {
            true => delegate_lab::exercise::load(file)
                .map(|exercise| exercise.checked_scenario())
                .map_err(unusable),
            false => load_scenario(file),
        };
        let Ok(scenario) = scenario else {
            unreadable = true;
            continue;
        };
        let _ = writeln!(out, "== {} — {:?}", file.display(), scenario.title);
        // Each step is printed as it runs and let go: only the failures are kept.
        let mut total = 0;
        let mut failures = Vec::new();
        scenario::run_each(&scenario, None, |lab, number, step, kind| {
            if !quiet {
                print_step(out, lab, number, step, &kind);
            }
            if let StepResultKind::Expectation(check) = kind {
                total += 1;
                if !check.passed {
                    failures.push((number, step.to_string(), check));
                }
            }
        });
        for (number, step, check) in &failures {
            let _ = writeln!(
                out,
                "FAILED step {number}: {step}\n    expected: {}\n    found:    {}",
                check.expected, check.found
            );
        }
        let bad = failures.len();
        let _ = writeln!(
            out,
            "{}: {} of {} expectations passed{}\n",
            file.display(),
            total - bad,
            total,
            if bad > 0 {
                format!(", {bad} failed")
            } else {
                String::new()
            }
        );
        failed |= bad > 0;
    }
    if unreadable {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// One step as `check` prints it; `lab` is the lab right after it (a `Wait` prints the clock
/// it moved to).
fn print_step(
    out: &mut impl std::io::Write,
    lab: &Lab,
    number: usize,
    step: &Step,
    kind: &StepResultKind,
) {
    match kind {
        StepResultKind::Action(entry) => {
            let _ = writeln!(
                out,
                "{:>4}  {}  {}  → {}",
                number,
                entry.time.hhmm(),
                step,
                entry.outcome
            );
            for line in &entry.lines {
                let _ = writeln!(out, "             {line}");
            }
            for line in &entry.output {
                let _ = writeln!(out, "             | {line}");
            }
        }
        StepResultKind::Expectation(check) => {
            let _ = writeln!(
                out,
                "{:>4}         {}  {}",
                number,
                step,
                if check.passed {
                    "PASS".to_owned()
                } else {
                    format!("FAIL (found {})", check.found)
                }
            );
        }
        StepResultKind::Capture {
            open_windows,
            window_open,
            ..
        } => {
            let note = if *window_open {
                "capture (rendered by `shots`)".to_owned()
            } else {
                format!(
                    "capture: WARNING the window is not open here (open: {})",
                    if open_windows.is_empty() {
                        "none".into()
                    } else {
                        open_windows.join(", ")
                    }
                )
            };
            let _ = writeln!(out, "{:>4}         {}  {note}", number, step);
        }
        StepResultKind::Note(text) => {
            let _ = writeln!(out, "{:>4}  ──  {text}", number);
        }
        StepResultKind::Wait(minutes) => {
            let _ = writeln!(
                out,
                "{:>4}  {}  {}  (the clock moves on {minutes} min)",
                number,
                lab.now().hhmm(),
                step
            );
        }
    }
}

fn state(out: &mut Stdout, file: &Path, at: Option<usize>, json: bool) -> ExitCode {
    let report = match with_lab_at(file, at, LabReport::new) {
        Ok(report) => report,
        Err(code) => return code,
    };
    if json {
        match serde_json::to_string_pretty(&report) {
            Ok(text) => say!(out, "{text}"),
            Err(e) => return unusable(format!("cannot write JSON: {e}")),
        }
    } else {
        let _ = write!(out, "{report}");
    }
    ExitCode::SUCCESS
}

/// The lab after step N of a scenario (default: the end), or of a session at its position (or
/// after N entries of its timeline), given to `look`; or why it cannot be had.
fn with_lab_at<R>(
    file: &Path,
    at: Option<usize>,
    look: impl FnOnce(&Lab) -> R,
) -> Result<R, ExitCode> {
    match session::open(file).map_err(unusable)? {
        session::Opened::Session(mut loaded) => {
            let session = &mut loaded.session;
            if let Some(n) = at {
                if n > session.timeline().len() {
                    return Err(unusable(format!(
                        "--at {n} is past the end: {} has {} timeline entries",
                        file.display(),
                        session.timeline().len()
                    )));
                }
                session.goto(n);
            }
            Ok(look(session.lab()))
        }
        session::Opened::Scenario(_) => {
            let scenario = load_scenario_to(file, at)?;
            Ok(look(&scenario::run_each(&scenario, at, |_, _, _, _| {})))
        }
    }
}

/// `reg`: what Registry Editor's File > Export... writes for the Lync key of a seat's hive.
fn reg(
    out: &mut Stdout,
    file: &Path,
    user: &str,
    computer: &str,
    at: Option<usize>,
    target: &Path,
) -> ExitCode {
    use delegate_lab::regfile;
    let looked = with_lab_at(file, at, |lab| {
        let dir = lab.directory();
        let user = dir
            .find_user(user)
            .filter(|&u| !dir.is_group(u))
            .ok_or_else(|| {
                format!(
                    "no user {user:?} in this lab (users: {})",
                    dir.people_list()
                )
            })?;
        let computer = dir.find_computer(computer).ok_or_else(|| {
            format!(
                "no computer {computer:?} in this lab (computers: {})",
                dir.computer_list()
            )
        })?;
        Ok::<_, String>((
            regfile::lync_hive_keys(lab, user, computer),
            dir.id(user).to_owned(),
            dir.computer(computer).to_owned(),
        ))
    });
    let (keys, user, computer) = match looked {
        Ok(Ok(found)) => found,
        Ok(Err(unknown)) => return unusable(unknown),
        Err(code) => return code,
    };
    if let Err(why) = session::may_replace_with_registry_file(target) {
        return unusable(why);
    }
    if let Err(e) = session::write_file(target, &regfile::write(&keys), session::Backup::None) {
        return unusable(e);
    }
    let key = &keys[0].path;
    match keys.get(1) {
        Some(user_key) => say!(
            out,
            "{}: {key} of {user} on {computer}, with {} and its {} values",
            target.display(),
            user_key.path,
            user_key.values.len()
        ),
        None => say!(
            out,
            "{}: {key} of {user} on {computer}, the key only: Lync has not signed in there, so there is no user key under it yet",
            target.display()
        ),
    }
    ExitCode::SUCCESS
}
