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
    /// The hash of the scenario file's text, and each Capture's line in it (by step number),
    /// for the folder's manifest (`crate::drift`).
    pub source_hash: String,
    pub capture_lines: BTreeMap<usize, usize>,
}

impl Job {
    /// A job for a scenario file: its text's hash and its captures' lines read from it.
    pub fn new(file: PathBuf, scenario: Scenario, dir: PathBuf, page: Option<Page>) -> Job {
        let text = crate::scenario::read_text(&file).unwrap_or_default();
        let index = crate::scenario::locate::RonIndex::new(&text);
        let capture_lines = shots::captures(&scenario, None)
            .into_iter()
            .filter_map(|(step, _)| Some((step, index.list_item("steps", step - 1)?.0)))
            .collect();
        Job {
            source_hash: crate::session::text_hash(&text),
            capture_lines,
            file,
            scenario,
            dir,
            page,
        }
    }
}

/// `shots --check`: compare with the figures there instead of writing them, allowing this
/// share of a figure's pixels to differ.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Check {
    pub max_variation: f64,
}

/// How a run went.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub figures: usize,
    pub failed: usize,
    /// A file asked for what cannot be (a highlight matching no single widget) or an output
    /// could not be written: exit 2.
    pub input_errors: bool,
    /// For `report`: an expectation of a scenario failed (its page says which).
    pub expectations_failed: bool,
    /// For `--check`: every figure that changed, is missing or is extra, a line each.
    pub drifted: Vec<String>,
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
pub fn run(
    jobs: Vec<Job>,
    scale: f32,
    only: Option<&str>,
    report: Option<Format>,
    check: Option<Check>,
) -> Summary {
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
                        render_job(job, scale, only, report, check, per_job, progress)
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

#[allow(clippy::too_many_arguments)]
fn render_job(
    job: &Job,
    scale: f32,
    only: Option<&str>,
    report: Option<Format>,
    check: Option<Check>,
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
    // Where the figures come from, for the folder's manifest and to say why one changed.
    let mut now = crate::drift::Manifest {
        lab_version: env!("CARGO_PKG_VERSION").to_owned(),
        rules: crate::lab::RULES,
        scale,
        scenario: job.file.display().to_string(),
        scenario_hash: job.source_hash.clone(),
        figures: Vec::new(),
    };
    let before = crate::drift::Manifest::read(&job.dir);
    let mut drawn = Vec::new();
    shots::render(&job.scenario, scale, only, threads, |result, took| {
        let file = next.next().cloned().unwrap_or_default();
        if let Ok(shot) = &result {
            now.figures.push(crate::drift::Provenance {
                file: shot.file_name.clone(),
                capture: shot.name.clone(),
                step: shot.step,
                line: job.capture_lines.get(&shot.step).copied().unwrap_or(0),
            });
        }
        if let Some(Check { max_variation }) = check {
            let mut p = progress.lock().unwrap_or_else(|e| e.into_inner());
            p.done += 1;
            match result {
                Ok(shot) => {
                    drawn.push(shot.file_name.clone());
                    let verdict = shots::png(&shot).and_then(|png| {
                        let verdict = crate::drift::compare(
                            &job.dir.join(&shot.file_name),
                            &png,
                            &shot.image,
                            max_variation,
                        );
                        // For `report --check`: the page as it would be written now.
                        if report == Some(Format::Html) {
                            images.insert(file.clone(), png);
                        }
                        verdict
                    });
                    figures.insert(
                        file.clone(),
                        Figure::Drawn {
                            alt: shot.alt.clone(),
                            width: (shot.image.width() as f32 / scale).round() as u32,
                        },
                    );
                    let line = job.capture_lines.get(&shot.step).copied().unwrap_or(0);
                    let at = format!(
                        "{} (the Capture at line {line}, step {})",
                        job.file.display(),
                        shot.step
                    );
                    let path = job.dir.join(&shot.file_name);
                    match verdict {
                        Ok(crate::drift::Verdict::Same) => p.summary.figures += 1,
                        Ok(crate::drift::Verdict::Within(share)) => {
                            p.summary.figures += 1;
                            eprintln!(
                                "note: {}: {:.3}% of its pixels differ, within --max-variation",
                                path.display(),
                                share * 100.0
                            );
                        }
                        Ok(crate::drift::Verdict::Changed(share)) => {
                            p.summary.drifted.push(format!(
                                "changed: {}: {:.3}% of its pixels differ; {at}; see {} and {}",
                                path.display(),
                                share * 100.0,
                                crate::drift::beside(&path, "new").display(),
                                crate::drift::beside(&path, "diff").display()
                            ))
                        }
                        Ok(crate::drift::Verdict::Missing) => p.summary.drifted.push(format!(
                            "missing: {} is not there; {at}; drawn now as {}",
                            path.display(),
                            crate::drift::beside(&path, "new").display()
                        )),
                        Err(e) => {
                            p.summary.failed += 1;
                            eprintln!("error: {}: {e}", path.display());
                        }
                    }
                }
                Err(e) => {
                    p.summary.failed += 1;
                    eprintln!("{label}: error: {e}");
                    figures.insert(file, Figure::Failed(e.to_string()));
                }
            }
            return;
        }
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
    if check.is_some() {
        let mut p = progress.lock().unwrap_or_else(|e| e.into_inner());
        // Figures there that no Capture draws any more.
        if only.is_none() {
            for extra in crate::drift::figures_in(&job.dir)
                .into_iter()
                .filter(|f| !drawn.contains(f))
            {
                p.summary.drifted.push(format!(
                    "extra: {} is drawn by no Capture of {}",
                    job.dir.join(extra).display(),
                    job.file.display()
                ));
            }
        }
        let changed = p
            .summary
            .drifted
            .iter()
            .any(|d| d.contains(&job.dir.display().to_string()));
        if changed {
            let why = before.as_ref().map_or_else(
                || {
                    format!(
                        "no {} there to say what they were drawn from",
                        crate::drift::MANIFEST
                    )
                },
                |b| b.why_changed(&now),
            );
            p.summary
                .drifted
                .push(format!("why, for {}: {why}", job.dir.display()));
        }
        drop(p);
        if let Some(format) = report {
            // The page as `report` would write it now, against the one there.
            let page = job.page.clone().unwrap_or_else(|| Page::new(&job.scenario));
            let (name, text, ext) = match format {
                Format::Md => (format!("{label}.md"), page.to_markdown(&figures), "md"),
                Format::Html => (
                    format!("{label}.html"),
                    page.to_html(&images, &figures),
                    "html",
                ),
            };
            let path = job.dir.join(name);
            let there = crate::scenario::read_regular(&path, crate::scenario::MAX_FILE_BYTES);
            if there.as_deref().ok() != Some(text.as_bytes()) {
                let new = path.with_extension(format!("new.{ext}"));
                let mut p = progress.lock().unwrap_or_else(|e| e.into_inner());
                match crate::session::write_file(
                    &new,
                    text.as_bytes(),
                    crate::session::Backup::None,
                ) {
                    Ok(()) => p.summary.drifted.push(format!(
                        "changed: the page {} differs from the one the lab writes now, {}",
                        path.display(),
                        new.display()
                    )),
                    Err(e) => {
                        p.summary.failed += 1;
                        eprintln!("error: cannot write {}: {e}", new.display());
                    }
                }
            }
        }
        return;
    }
    // The manifest, when every figure of the scenario was drawn (an --only run draws some).
    if only.is_none() && now.figures.len() == files.len() {
        let path = job.dir.join(crate::drift::MANIFEST);
        let text = now.text();
        if before.as_ref() != Some(&now)
            && let Err(e) =
                crate::session::write_file(&path, text.as_bytes(), crate::session::Backup::None)
        {
            fail_all(format!(
                "cannot write the manifest ({e}): {}",
                path.display()
            ));
        }
    }
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
