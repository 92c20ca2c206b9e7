//! `shots` and `report` over many scenarios: each scenario's captures rendered (one renderer
//! per worker thread, as many workers as the machine has cores, up to one per file), PNGs and
//! alt texts written, and for `report` the page beside them; progress on stderr.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use crate::drift::{self, Finding, Origin, Provenance, Recorded};
use crate::page::{Figure, Page};
use crate::scenario::{Capture, Scenario};
use crate::shots::{self, Shot, ShotError, Written};

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
    /// The hash of the file's text, and each Capture's line in it (by step number), for the
    /// folder's manifest (`crate::drift`).
    pub source_hash: String,
    pub capture_lines: BTreeMap<usize, usize>,
}

impl Job {
    /// A job for a scenario file: its text's hash and its captures' lines read from it.
    pub fn new(file: PathBuf, scenario: Scenario, dir: PathBuf, page: Option<Page>) -> Job {
        let text = crate::scenario::read_text(&file).unwrap_or_default();
        let index = crate::scenario::locate::RonIndex::new(&text);
        let positions = (0..scenario.steps.len())
            .map(|i| index.list_item("steps", i))
            .collect();
        Job::at(file, scenario, dir, page, &text, positions)
    }

    /// A job for an exercise file: its scenario's steps are the setup's and, `with_solution`,
    /// the tasks' solve steps, each at its place in the file.
    pub fn exercise(
        file: PathBuf,
        exercise: &crate::exercise::Exercise,
        with_solution: bool,
        dir: PathBuf,
        page: Option<Page>,
    ) -> Job {
        let text = crate::scenario::read_text(&file).unwrap_or_default();
        let positions = exercise.step_positions(&text, with_solution);
        let scenario = exercise.scenario(with_solution);
        Job::at(file, scenario, dir, page, &text, positions)
    }

    /// `positions`: where each step is written in `text`.
    fn at(
        file: PathBuf,
        scenario: Scenario,
        dir: PathBuf,
        page: Option<Page>,
        text: &str,
        positions: Vec<Option<(usize, usize)>>,
    ) -> Job {
        let capture_lines = shots::captures(&scenario, None)
            .into_iter()
            .filter_map(|(step, _)| Some((step, positions.get(step - 1).copied().flatten()?.0)))
            .collect();
        Job {
            source_hash: crate::session::text_hash(text),
            capture_lines,
            file,
            scenario,
            dir,
            page,
        }
    }

    fn origin(&self, step: usize) -> Origin {
        Origin {
            scenario: self.file.clone(),
            line: self.capture_lines.get(&step).copied().unwrap_or(0),
            step,
        }
    }

    /// The file names of every Capture of the scenario: what the folder should hold.
    fn figure_files(&self) -> BTreeSet<String> {
        shots::captures(&self.scenario, None)
            .into_iter()
            .map(|(_, Capture::Capture { name, .. })| shots::file_name(name))
            .collect()
    }
}

/// What a run does with the figures it draws.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mode {
    /// Write them (with `prune`, also remove the figures no Capture draws).
    Write { prune: bool },
    /// `--check`: compare with the figures there instead, allowing this share of a figure's
    /// pixels to differ (`--max-variation`; None: byte for byte, or the same pixels).
    Check { max_variation: Option<f64> },
}

/// How to run: for every job alike.
#[derive(Clone, Copy, Debug)]
pub struct Options<'a> {
    pub scale: f32,
    pub only: Option<&'a str>,
    pub report: Option<Format>,
    pub mode: Mode,
    /// With several scenarios, the folder that holds theirs (`--out`, `--check`): a folder of
    /// figures in it that is none of theirs is stray.
    pub root: Option<&'a Path>,
}

/// How a run went.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// Figures written, or with `--check` matched.
    pub figures: usize,
    /// Figures there were to draw.
    pub total: usize,
    pub failed: usize,
    /// A file asked for what cannot be (a highlight matching no single widget) or an output
    /// could not be written: exit 2.
    pub input_errors: bool,
    /// For `report`: an expectation of a scenario failed (its page says which).
    pub expectations_failed: bool,
    /// For `--check`: what differs from what the lab draws now, in path order.
    pub findings: Vec<Finding>,
    /// What the run noticed and did not fail on (a figure re-encoded, within the variation;
    /// figures no Capture draws, left without `--prune`; what `--prune` removed), in order.
    pub notes: Vec<String>,
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
    summary: Summary,
}

impl Progress {
    fn lock(progress: &Mutex<Progress>) -> std::sync::MutexGuard<'_, Progress> {
        progress.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Renders every job's captures (and pages, for `report`), and writes them or checks them.
pub fn run(jobs: Vec<Job>, options: &Options) -> Summary {
    let total: usize = jobs
        .iter()
        .map(|j| shots::captures(&j.scenario, options.only).len())
        .sum();
    let started = Instant::now();
    let progress = Mutex::new(Progress {
        done: 0,
        summary: Summary {
            total,
            ..Summary::default()
        },
    });
    // A check writes nothing where there is no folder: a scenario's that is not there is
    // reported, and not drawn.
    let (jobs, absent): (Vec<Job>, Vec<Job>) = jobs
        .into_iter()
        .partition(|job| matches!(options.mode, Mode::Write { .. }) || job.dir.is_dir());
    for job in &absent {
        Progress::lock(&progress)
            .summary
            .findings
            .push(Finding::MissingFolder {
                folder: job.dir.clone(),
                scenario: job.file.clone(),
                figures: shots::captures(&job.scenario, options.only).len(),
            });
    }
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
                        render_job(job, options, per_job, progress)
                    }));
                    if rendered.is_err() {
                        Progress::lock(progress).summary.failed += 1;
                        eprintln!(
                            "error: an internal error (a bug in delegate-lab, said above) stopped the figures and page of {}",
                            job.file.display()
                        );
                    }
                }
            });
        }
    });
    let mut summary = progress
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .summary;
    // The workers' notes in an order of their own, not the threads'.
    summary.notes.sort();
    if let Some(root) = options.root {
        strays(root, &jobs, options, &mut summary);
    }
    summary.findings.sort_by(|a, b| a.path().cmp(b.path()));
    let renderers = workers * per_job;
    eprintln!(
        "{} of {} figures {} in {} ms ({} renderer{})",
        summary.figures,
        total,
        match options.mode {
            Mode::Write { .. } => "written or up to date",
            Mode::Check { .. } => "match",
        },
        started.elapsed().as_millis(),
        renderers,
        if renderers == 1 { "" } else { "s" }
    );
    summary
}

/// With several scenarios: the folders of figures under `root` that are no job's, and the
/// figures directly in it — reported by a check, removed by `--prune`, else noted.
fn strays(root: &Path, jobs: &[Job], options: &Options, summary: &mut Summary) {
    let dirs: Vec<&Path> = jobs.iter().map(|j| j.dir.as_path()).collect();
    let (folders, pngs) = drift::strays(root, &dirs);
    // Beside the scenarios' folders, a PNG is the writer's own: said, never removed.
    for path in &pngs {
        summary.notes.push(format!(
            "note: {} is in no scenario's folder and not the lab's; left alone",
            path.display()
        ));
    }
    match options.mode {
        Mode::Check { .. } => {
            summary.findings.extend(
                folders
                    .into_iter()
                    .map(|folder| Finding::StrayFolder { folder }),
            );
        }
        Mode::Write { prune: true } => {
            let mut done = Vec::new();
            for folder in &folders {
                done.extend(drift::prune_folder(folder));
            }
            pruned(done, summary);
        }
        Mode::Write { prune: false } => {
            for path in &folders {
                summary.notes.push(format!(
                    "note: {} holds figures of no scenario given; --prune removes them",
                    path.display()
                ));
            }
        }
    }
}

/// What `--prune` did, as notes (a file that could not be removed fails the run).
fn pruned(done: Vec<Result<PathBuf, String>>, summary: &mut Summary) {
    for result in done {
        match result {
            Ok(path) => summary
                .notes
                .push(format!("removed {} (--prune)", path.display())),
            Err(e) => {
                summary.input_errors = true;
                eprintln!("error: {e}");
            }
        }
    }
}

/// One scenario's figures as a run goes: what became of each (for its page), the PNGs an HTML
/// page embeds (as drawn: an output is never read back), where each came from.
struct Drawn {
    /// With --check: how many figures (and alt texts) match.
    matched: usize,
    figures: BTreeMap<String, Figure>,
    images: BTreeMap<String, Vec<u8>>,
    provenance: Vec<Provenance>,
}

fn render_job(job: &Job, options: &Options, threads: usize, progress: &Mutex<Progress>) {
    let fail_all = |message: String| {
        Progress::lock(progress).summary.input_errors = true;
        eprintln!("error: {message}");
    };
    if let Mode::Write { .. } = options.mode
        && let Err(e) = std::fs::create_dir_all(&job.dir)
    {
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
    let files: Vec<String> = shots::captures(&job.scenario, options.only)
        .into_iter()
        .map(|(_, Capture::Capture { name, .. })| shots::file_name(name))
        .collect();
    let before = drift::Manifest::read(&job.dir).of(&job.file);
    if let Recorded::Unreadable(e) = &before {
        let what = match options.mode {
            Mode::Write { .. } => "it is written anew",
            Mode::Check { .. } => "why a figure changed cannot be said",
        };
        Progress::lock(progress)
            .summary
            .notes
            .push(format!("note: the manifest does not read ({e}); {what}"));
    }
    let mut drawn = Drawn {
        matched: 0,
        figures: BTreeMap::new(),
        images: BTreeMap::new(),
        provenance: Vec::new(),
    };
    let mut next = files.iter();
    shots::render(
        &job.scenario,
        options.scale,
        options.only,
        threads,
        |result, took| {
            let file = next.next().cloned().unwrap_or_default();
            let outcome = result.and_then(|shot| {
                let png = shots::png(&shot).map_err(|message| ShotError::Write {
                    message,
                    path: job.dir.join(&shot.file_name),
                })?;
                Ok((shot, png))
            });
            let (shot, png) = match outcome {
                Ok(drawn) => drawn,
                Err(e) => {
                    let mut p = Progress::lock(progress);
                    p.done += 1;
                    p.summary.failed += 1;
                    p.summary.input_errors |= matches!(
                        e,
                        ShotError::Write { .. }
                            | ShotError::Highlight { .. }
                            | ShotError::HighlightRole { .. }
                            | ShotError::HighlightOutside { .. }
                    );
                    let bar = bar(p.done, p.summary.total);
                    eprintln!("[{}/{}] {bar} {label}: error: {e}", p.done, p.summary.total);
                    drawn.figures.insert(file, Figure::Failed(e.to_string()));
                    return;
                }
            };
            let provenance = Provenance {
                file: shot.file_name.clone(),
                capture: shot.name.clone(),
                step: shot.step,
                line: job.origin(shot.step).line,
                scenario_hash: job.source_hash.clone(),
                rules: crate::lab::RULES,
                lab_version: env!("CARGO_PKG_VERSION").to_owned(),
                scale: options.scale,
                png_sha256: Some(drift::sha256(&png)),
                alt_sha256: Some(drift::sha256(shots::alt_file_text(&shot).as_bytes())),
            };
            let kept = match options.mode {
                Mode::Write { .. } => write_one(job, &shot, &png, took, &label, progress),
                Mode::Check { max_variation } => {
                    let matched = check_one(
                        job,
                        &shot,
                        &png,
                        &provenance,
                        &before,
                        max_variation,
                        progress,
                    );
                    drawn.matched += usize::from(matched);
                    true
                }
            };
            if !kept {
                drawn
                    .figures
                    .insert(file, Figure::Failed("it could not be written".into()));
                return;
            }
            drawn.provenance.push(provenance);
            drawn.figures.insert(
                file.clone(),
                Figure::Drawn {
                    alt: shot.alt.clone(),
                    width: (shot.image.width() as f32 / options.scale).round() as u32,
                },
            );
            if options.report == Some(Format::Html) {
                drawn.images.insert(file, png);
            }
        },
    );
    let all = job.figure_files();
    let in_folder = drift::figures_in(&job.dir);
    // Figures there that no Capture draws: the lab's (the manifest records them) are extra; a
    // figure of the writer's own is said and left alone.
    let (extras, others): (Vec<&String>, Vec<&String>) = in_folder
        .difference(&all)
        .partition(|f| before.entry(f).is_some());
    let manifest = drift::Manifest {
        format: drift::FORMAT,
        scenario: job.file.display().to_string(),
        figures: std::mem::take(&mut drawn.provenance),
    };
    let mut p = Progress::lock(progress);
    // An --only run looks at one figure, not at the folder.
    if options.only.is_none() {
        for other in others {
            p.summary.notes.push(format!(
                "note: {} is not the lab's ({} has no record of it); left alone",
                job.dir.join(other).display(),
                drift::MANIFEST
            ));
        }
    }
    match options.mode {
        Mode::Check { .. } => {
            if options.only.is_none() {
                for extra in &extras {
                    if let Some(entry) = before.entry(extra) {
                        p.summary.findings.push(Finding::Extra {
                            figure: job.dir.join(extra),
                            scenario: job.file.clone(),
                            why: drift::why_extra(entry),
                        });
                    }
                }
            }
            // Every figure matches: the manifest should say so too.
            if options.only.is_none() && extras.is_empty() && drawn.matched == files.len() {
                let now = manifest.merged(&before, &in_folder);
                if let Some(how) = drift::manifest_differs(&before, &now) {
                    p.summary.findings.push(Finding::ManifestChanged {
                        path: job.dir.join(drift::MANIFEST),
                        how,
                    });
                }
            }
            drop(p);
        }
        Mode::Write { prune } => {
            if prune {
                let done = drift::prune(&job.dir, &all, &before);
                pruned(done, &mut p.summary);
            } else {
                for extra in extras {
                    p.summary.notes.push(format!(
                        "note: {} is drawn by no Capture of {}; --prune removes it",
                        job.dir.join(extra).display(),
                        job.file.display()
                    ));
                }
            }
            drop(p);
            let now = manifest.merged(&before, &drift::figures_in(&job.dir));
            // A folder of no figure (every capture failed) gets no manifest.
            if before.manifest() != Some(&now)
                && !(now.figures.is_empty() && before == Recorded::None)
            {
                let path = job.dir.join(drift::MANIFEST);
                if let Err(e) = crate::session::write_file(
                    &path,
                    now.text().as_bytes(),
                    crate::session::Backup::None,
                ) {
                    fail_all(format!(
                        "cannot write the manifest ({e}): {}",
                        path.display()
                    ));
                }
            }
        }
    }
    if let Some(format) = options.report {
        page(job, format, &label, &drawn, options.mode, progress);
    }
}

/// Writes one figure and its alt text; false when it could not be (said).
fn write_one(
    job: &Job,
    shot: &Shot,
    png: &[u8],
    took: std::time::Duration,
    label: &str,
    progress: &Mutex<Progress>,
) -> bool {
    let written = shots::write(shot, png, &job.dir);
    let mut p = Progress::lock(progress);
    p.done += 1;
    let bar = bar(p.done, p.summary.total);
    let (done, total) = (p.done, p.summary.total);
    match written {
        Ok(written) => {
            p.summary.figures += 1;
            // What a check wrote beside it says it differs: it no longer does.
            drift::clear_leftovers(&job.dir.join(&shot.file_name));
            eprintln!(
                "[{done}/{total}] {bar} {label}: {} ({}×{}) {} in {} ms",
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
            true
        }
        Err(e) => {
            p.summary.input_errors = true;
            p.summary.failed += 1;
            eprintln!("[{done}/{total}] {bar} {label}: error: {e}");
            false
        }
    }
}

/// Compares one figure and its alt text with those in the job's folder: whether both match.
fn check_one(
    job: &Job,
    shot: &Shot,
    png: &[u8],
    now: &Provenance,
    before: &Recorded,
    max_variation: Option<f64>,
    progress: &Mutex<Progress>,
) -> bool {
    use drift::{AltVerdict, Verdict};
    let path = job.dir.join(&shot.file_name);
    let origin = job.origin(shot.step);
    let mut notes = Vec::new();
    let mut findings = Vec::new();
    // Files that could not be read or written: exit 2, the differences still said.
    let mut errors = Vec::new();
    let mut there_sha256 = None;
    let verdict = match drift::compare(&path, png, &shot.image, max_variation.unwrap_or(0.0)) {
        Ok(compared) => {
            errors.extend(compared.unwritten);
            there_sha256 = compared.there_sha256;
            Some(compared.verdict)
        }
        Err(e) => {
            errors.push(format!("{e}; {origin}"));
            None
        }
    };
    let why = || drift::why_changed(before, now, there_sha256.as_deref());
    // The alt text, unless there is no figure for it to go with.
    let without_figure = matches!(
        verdict,
        Some(Verdict::Missing | Verdict::NotAFile(_)) | None
    );
    let figure_matches = match verdict {
        Some(Verdict::Same) => true,
        Some(Verdict::SamePixels) => {
            notes.push(format!(
                "note: {}: the same pixels in other bytes (re-encoded by another tool?); it matches",
                path.display()
            ));
            true
        }
        Some(Verdict::Within { pixels, of }) => {
            notes.push(format!(
                "note: {}: {} differ, within --max-variation {}",
                path.display(),
                drift::pixels(pixels, of),
                max_variation.unwrap_or(0.0)
            ));
            true
        }
        Some(Verdict::Changed { pixels, of }) => {
            findings.push(Finding::Changed {
                figure: path.clone(),
                origin: origin.clone(),
                pixels,
                of,
                why: why(),
            });
            false
        }
        Some(Verdict::Resized { was }) => {
            findings.push(Finding::Resized {
                figure: path.clone(),
                origin: origin.clone(),
                was,
                now: shot.image.dimensions(),
                why: why(),
            });
            false
        }
        Some(Verdict::Unreadable(error)) => {
            findings.push(Finding::Unreadable {
                figure: path.clone(),
                origin: origin.clone(),
                error,
                why: why(),
            });
            false
        }
        Some(Verdict::NotAFile(kind)) => {
            findings.push(Finding::NotAFile {
                path: path.clone(),
                origin: origin.clone(),
                kind,
            });
            false
        }
        Some(Verdict::Missing) => {
            findings.push(Finding::Missing {
                path: path.clone(),
                origin: origin.clone(),
                why: drift::why_missing(before, &shot.file_name),
            });
            false
        }
        None => false,
    };
    let alt_matches = without_figure || {
        let alt = path.with_extension("txt");
        let text = shots::alt_file_text(shot);
        match drift::compare_alt(&alt, &text) {
            Ok((verdict, unwritten)) => {
                errors.extend(unwritten);
                match verdict {
                    AltVerdict::Same => true,
                    AltVerdict::Changed(was) => {
                        let why = drift::why_alt_changed(before, now, &was);
                        findings.push(Finding::AltChanged {
                            alt,
                            origin: origin.clone(),
                            was,
                            now: text,
                            why,
                        });
                        false
                    }
                    AltVerdict::NotAFile(kind) => {
                        findings.push(Finding::NotAFile {
                            path: alt,
                            origin: origin.clone(),
                            kind,
                        });
                        false
                    }
                    AltVerdict::Missing => {
                        findings.push(Finding::Missing {
                            path: alt,
                            origin: origin.clone(),
                            why: "a figure without its alt text".into(),
                        });
                        false
                    }
                }
            }
            Err(e) => {
                errors.push(format!("{e}; {origin}"));
                false
            }
        }
    };
    let matched = figure_matches && alt_matches && errors.is_empty();
    let mut p = Progress::lock(progress);
    p.done += 1;
    if matched {
        p.summary.figures += 1;
    }
    for e in &errors {
        eprintln!("error: {e}");
    }
    p.summary.input_errors |= !errors.is_empty();
    p.summary.findings.extend(findings);
    p.summary.notes.extend(notes);
    matched
}

/// `report`: the page as the lab writes it now, written, or compared with the one there (a
/// page that differs is written beside it as `.new.md` or `.new.html`).
fn page(
    job: &Job,
    format: Format,
    label: &str,
    drawn: &Drawn,
    mode: Mode,
    progress: &Mutex<Progress>,
) {
    // Every capture of the page was rendered in this run (`report` has no --only), and it
    // says what became of each: nothing is read back from the output folder.
    let page = job.page.clone().unwrap_or_else(|| Page::new(&job.scenario));
    let (text, ext) = match format {
        Format::Md => (page.to_markdown(&drawn.figures), "md"),
        Format::Html => (page.to_html(&drawn.images, &drawn.figures), "html"),
    };
    let path = job.dir.join(format!("{label}.{ext}"));
    let new = path.with_extension(format!("new.{ext}"));
    let mut p = Progress::lock(progress);
    match mode {
        Mode::Write { .. } => {
            if page.failed > 0 {
                p.summary.expectations_failed = true;
            }
            match crate::session::write_file(&path, text.as_bytes(), crate::session::Backup::None) {
                Ok(()) => {
                    // What a check of either format left beside it.
                    for ext in ["md", "html"] {
                        let _ = std::fs::remove_file(path.with_extension(format!("new.{ext}")));
                    }
                    eprintln!("{label}: page written: {}", path.display());
                }
                Err(e) => {
                    p.summary.input_errors = true;
                    eprintln!("error: cannot write the page ({e}): {}", path.display());
                }
            }
        }
        Mode::Check { .. } => {
            let missing = std::fs::symlink_metadata(&path).is_err();
            let there = crate::scenario::read_regular(&path, crate::scenario::MAX_FILE_BYTES);
            if there.as_deref().ok() == Some(text.as_bytes()) {
                let _ = std::fs::remove_file(&new);
                return;
            }
            match crate::session::write_file(&new, text.as_bytes(), crate::session::Backup::None) {
                Ok(()) => p.summary.findings.push(Finding::PageChanged {
                    page: path,
                    new,
                    missing,
                }),
                Err(e) => {
                    p.summary.input_errors = true;
                    eprintln!("error: cannot write {}: {e}", new.display());
                }
            }
        }
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
