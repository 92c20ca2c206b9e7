//! `shots` and `report` over many scenarios: each scenario's captures rendered (one renderer
//! per worker thread, as many workers as the machine has cores, up to one per file), PNGs and
//! alt texts written, and for `report` the page beside them; progress on stderr.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use crate::page::{Figure, Page};
use crate::scenario::{Capture, Scenario};
use crate::shots::{self, ShotError, Written};

/// The page's format for `report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown beside the PNGs.
    Md,
    /// One self-contained HTML file (images embedded), with the PNGs beside it too.
    Html,
}

/// One scenario to render, and where its files go.
pub struct Job {
    pub file: PathBuf,
    pub scenario: Scenario,
    pub dir: PathBuf,
    /// For `report`: the page, when it is not the scenario's own (an exercise's handout,
    /// whose captures are `scenario`'s).
    pub page: Option<Page>,
}

/// How a run went.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub figures: usize,
    pub failed: usize,
    /// A file asked for what cannot be (a highlight matching no single widget) or an output
    /// could not be written: exit 2.
    pub input_errors: bool,
    /// For `report`: an expectation of a scenario failed (its page says which).
    pub expectations_failed: bool,
}

/// Where one scenario's files go: `out` itself for a single scenario, else `out/<stem>`.
pub fn dir_for(out: &Path, file: &Path, many: bool) -> PathBuf {
    if !many {
        return out.to_owned();
    }
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "scenario".into());
    out.join(crate::session::file_stem(&stem, "scenario"))
}

/// Two scenarios whose files would go to one folder — the same stem (`A/case.ron` and
/// `B/case.ron`), or stems that make the same folder name, in any case (as a file system that
/// ignores case would take them) — and so overwrite each other's figures and page: the first
/// such pair, and the folder.
pub fn clash(jobs: &[Job]) -> Option<(&Path, &Path, &Path)> {
    let mut seen: BTreeMap<String, &Job> = BTreeMap::new();
    for job in jobs {
        let key = job.dir.to_string_lossy().to_lowercase();
        if let Some(first) = seen.get(&key) {
            return Some((&first.file, &job.file, &job.dir));
        }
        seen.insert(key, job);
    }
    None
}

struct Progress {
    done: usize,
    total: usize,
    summary: Summary,
}

/// Renders every job's captures (and pages, for `report`).
pub fn run(jobs: Vec<Job>, scale: f32, only: Option<&str>, report: Option<Format>) -> Summary {
    let total: usize = jobs
        .iter()
        .map(|j| shots::captures(&j.scenario, only).len())
        .sum();
    let started = Instant::now();
    let progress = Mutex::new(Progress {
        done: 0,
        total,
        summary: Summary::default(),
    });
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = cores.min(jobs.len()).max(1);
    // Cores left over when there are fewer scenarios than cores render one scenario's
    // captures side by side.
    let per_job = (cores / workers).max(1);
    let mut lanes: Vec<Vec<&Job>> = vec![Vec::new(); workers];
    for (i, job) in jobs.iter().enumerate() {
        lanes[i % workers].push(job);
    }
    std::thread::scope(|scope| {
        for lane in &lanes {
            let progress = &progress;
            scope.spawn(move || {
                for job in lane {
                    // A bug met in one scenario (a panic, said above with where) stops that
                    // scenario, not the run: the others are still rendered.
                    let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        render_job(job, scale, only, report, per_job, progress)
                    }));
                    if rendered.is_err() {
                        let mut p = progress.lock().unwrap_or_else(|e| e.into_inner());
                        p.summary.failed += 1;
                        eprintln!(
                            "error: an internal error (a bug in delegate-lab, said above) stopped the figures and page of {}",
                            job.file.display()
                        );
                    }
                }
            });
        }
    });
    let progress = progress.into_inner().unwrap_or_else(|e| e.into_inner());
    let renderers = workers * per_job;
    eprintln!(
        "{} of {} figures in {} ms ({} renderer{})",
        progress.summary.figures,
        total,
        started.elapsed().as_millis(),
        renderers,
        if renderers == 1 { "" } else { "s" }
    );
    progress.summary
}

fn render_job(
    job: &Job,
    scale: f32,
    only: Option<&str>,
    report: Option<Format>,
    threads: usize,
    progress: &Mutex<Progress>,
) {
    let fail_all = |message: String| {
        let mut p = progress.lock().unwrap_or_else(|e| e.into_inner());
        p.summary.input_errors = true;
        eprintln!("error: {message}");
    };
    if let Err(e) = std::fs::create_dir_all(&job.dir) {
        fail_all(format!(
            "cannot create the output directory ({e}): {}",
            job.dir.display()
        ));
        return;
    }
    let label = job
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    // What became of each figure, for the page; results come in the captures' order.
    let files: Vec<String> = shots::captures(&job.scenario, only)
        .into_iter()
        .map(|(_, Capture::Capture { name, .. })| shots::file_name(name))
        .collect();
    let mut figures = BTreeMap::new();
    // The PNGs an HTML page embeds, as written (an output is never read back).
    let mut images: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut next = files.iter();
    shots::render(&job.scenario, scale, only, threads, |result, took| {
        let file = next.next().cloned().unwrap_or_default();
        let written = result.and_then(|shot| shots::write(&shot, &job.dir).map(|w| (shot, w)));
        let mut p = progress.lock().unwrap_or_else(|e| e.into_inner());
        p.done += 1;
        let bar = bar(p.done, p.total);
        let (done, total) = (p.done, p.total);
        match written {
            Ok((shot, shots::Saved { written, png })) => {
                p.summary.figures += 1;
                eprintln!(
                    "[{done}/{total}] {bar} {label}: {} ({}x{}) {} in {} ms",
                    shot.file_name,
                    shot.image.width(),
                    shot.image.height(),
                    match written {
                        Written::Created => "written",
                        Written::Updated => "updated",
                        Written::Unchanged => "unchanged",
                    },
                    took.as_millis()
                );
                let width = (shot.image.width() as f32 / scale).round() as u32;
                if report == Some(Format::Html) {
                    images.insert(file.clone(), png);
                }
                figures.insert(
                    file,
                    Figure::Drawn {
                        alt: shot.alt.clone(),
                        width,
                    },
                );
            }
            Err(e) => {
                p.summary.input_errors |= matches!(
                    e,
                    ShotError::Write { .. }
                        | ShotError::Highlight { .. }
                        | ShotError::HighlightRole { .. }
                );
                p.summary.failed += 1;
                eprintln!("[{done}/{total}] {bar} {label}: error: {e}");
                figures.insert(file, Figure::Failed(e.to_string()));
            }
        }
    });
    let Some(format) = report else {
        return;
    };
    // Every capture of the page was rendered in this run (`report` has no --only), and it
    // says what became of each: nothing is read back from the output folder.
    let page = job.page.clone().unwrap_or_else(|| Page::new(&job.scenario));
    if page.failed > 0 {
        progress
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .summary
            .expectations_failed = true;
    }
    let (name, text) = match format {
        Format::Md => (format!("{label}.md"), page.to_markdown(&figures)),
        Format::Html => (format!("{label}.html"), page.to_html(&images, &figures)),
    };
    let path = job.dir.join(name);
    match crate::session::write_file(&path, text.as_bytes(), crate::session::Backup::None) {
        Ok(()) => eprintln!("{label}: page written: {}", path.display()),
        Err(e) => fail_all(format!("cannot write the page ({e}): {}", path.display())),
    }
}

/// A progress bar of 20 cells.
fn bar(done: usize, total: usize) -> String {
    const CELLS: usize = 20;
    let full = (done * CELLS)
        .checked_div(total)
        .unwrap_or(CELLS)
        .min(CELLS);
    format!("{}{}", "█".repeat(full), "░".repeat(CELLS - full))
}
