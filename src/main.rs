//! The `delegate-lab` command.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use delegate_lab::report::LabReport;
use delegate_lab::scenario::{self, Run, StepResultKind};
use delegate_lab::ui::app::LabApp;
use delegate_lab::ui::theme;

#[derive(Parser)]
#[command(
    name = "delegate-lab",
    version,
    about = "Outlook 2013 / Lync 2013 delegate access, reproduced without a server"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
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
    /// Open the lab window (the default when no command is given).
    Open,
    /// Print the whole observable lab after step N of a scenario (default: the end).
    State {
        file: PathBuf,
        /// Stop after this step (1-based, as `check` numbers them).
        #[arg(long, value_name = "N")]
        at: Option<usize>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { files, quiet }) => check(&files, quiet),
        Some(Command::State { file, at, json }) => state(&file, at, json),
        Some(Command::Open) => open_window(),
        None => open_window(),
    }
}

/// Opens the lab window on the built-in default lab.
fn open_window() -> ExitCode {
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
        Box::new(|cc| {
            theme::install(&cc.egui_ctx);
            Ok(Box::new(LabApp::default_lab()))
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

fn check(files: &[PathBuf], quiet: bool) -> ExitCode {
    let mut unreadable = false;
    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for file in files {
        let scenario = match scenario::load(file) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("error: {e}");
                unreadable = true;
                continue;
            }
        };
        let run = scenario::run(&scenario, None);
        let _ = writeln!(out, "== {} — {:?}", file.display(), scenario.title);
        if !quiet {
            print_steps(&mut out, &run);
        }
        for (result, check) in run.failures() {
            let _ = writeln!(
                out,
                "FAILED step {}: {}\n    expected: {}\n    found:    {}",
                result.number, result.step, check.expected, check.found
            );
        }
        let total = run.expectations().count();
        let bad = run.failures().count();
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

fn print_steps(out: &mut impl std::io::Write, run: &Run) {
    for result in &run.results {
        match &result.kind {
            StepResultKind::Action(entry) => {
                let _ = writeln!(
                    out,
                    "{:>4}  {}  {}  → {}",
                    result.number,
                    entry.time.hhmm(),
                    result.step,
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
                    result.number,
                    result.step,
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
                let _ = writeln!(out, "{:>4}         {}  {note}", result.number, result.step);
            }
        }
    }
}

fn state(file: &Path, at: Option<usize>, json: bool) -> ExitCode {
    let scenario = match scenario::load(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(n) = at
        && n > scenario.steps.len()
    {
        eprintln!(
            "error: --at {n} is past the end: {} has {} steps",
            file.display(),
            scenario.steps.len()
        );
        return ExitCode::from(2);
    }
    let run = scenario::run(&scenario, at);
    let report = LabReport::new(&run.lab);
    if json {
        match serde_json::to_string_pretty(&report) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("error: cannot write JSON: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        print!("{report}");
    }
    ExitCode::SUCCESS
}
