//! Figures that stay true in a documentation repository: each folder of figures gets a
//! manifest of where each came from (`figures.json`), and `shots --check DIR` compares what
//! the lab draws now with the PNGs and alt texts there, byte for byte (the software renderer
//! paints the same bytes everywhere), saying which changed, by how much, from which Capture,
//! and why.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use image::RgbaImage;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A folder's manifest: what its figures were drawn from.
pub const MANIFEST: &str = "figures.json";

/// The manifest's format: 2 records each figure's own provenance and the hashes of its files.
/// Format 1 (one provenance for the folder, no hashes) is still read.
pub const FORMAT: u32 = 2;

/// The largest manifest read.
const MAX_MANIFEST_BYTES: u64 = 16 * 1024 * 1024;
/// The largest figure or alt text read to compare.
const MAX_FIGURE_BYTES: u64 = 256 * 1024 * 1024;

/// Where a folder's figures came from: one entry per figure in the folder the lab wrote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    /// The scenario file the folder's figures are drawn from, as it was given.
    pub scenario: String,
    /// In the order of their Capture steps.
    pub figures: Vec<Provenance>,
}

/// One figure: its files, and what it was drawn from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    pub file: String,
    pub capture: String,
    /// The step number, 1-based as `check` numbers steps.
    pub step: usize,
    /// The Capture's line in the scenario file (0 where it is not known).
    pub line: usize,
    /// The hash of the scenario file's text when it was drawn.
    pub scenario_hash: String,
    /// The version of the lab's rules (`lab::RULES`).
    pub rules: u32,
    /// The lab's version (Cargo's).
    pub lab_version: String,
    pub scale: f32,
    /// SHA-256 of the PNG and of its alt text (`.txt`) as the lab wrote them (`sha256sum`
    /// gives the same); absent in a format-1 manifest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub png_sha256: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt_sha256: Option<String>,
}

/// Format 1, as the first `figures.json` was written: the provenance once for the folder.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestV1 {
    lab_version: String,
    rules: u32,
    scale: f32,
    scenario: String,
    scenario_hash: String,
    figures: Vec<FigureV1>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FigureV1 {
    file: String,
    capture: String,
    step: usize,
    line: usize,
}

impl From<ManifestV1> for Manifest {
    fn from(v1: ManifestV1) -> Manifest {
        Manifest {
            format: FORMAT,
            figures: v1
                .figures
                .into_iter()
                .map(|f| Provenance {
                    file: f.file,
                    capture: f.capture,
                    step: f.step,
                    line: f.line,
                    scenario_hash: v1.scenario_hash.clone(),
                    rules: v1.rules,
                    lab_version: v1.lab_version.clone(),
                    scale: v1.scale,
                    png_sha256: None,
                    alt_sha256: None,
                })
                .collect(),
            scenario: v1.scenario,
        }
    }
}

/// The SHA-256 of some bytes, in lowercase hex.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A folder's manifest as read: absent, unreadable (the one-line reason, naming the file, line
/// and column), or read.
#[derive(Clone, Debug, PartialEq)]
pub enum Recorded {
    None,
    Unreadable(String),
    Read(Manifest),
    /// A manifest of another scenario's figures (the file it names): none of its entries is
    /// this scenario's, and `--prune` removes none of its figures.
    OtherScenario(String),
}

impl Recorded {
    pub fn manifest(&self) -> Option<&Manifest> {
        match self {
            Recorded::Read(m) => Some(m),
            Recorded::None | Recorded::Unreadable(_) | Recorded::OtherScenario(_) => None,
        }
    }

    /// Of the scenario `file`: a manifest that names another is [`Recorded::OtherScenario`]
    /// (paths compared as files, so `./a.ron` is `a.ron`).
    pub fn of(self, file: &Path) -> Recorded {
        let same = |named: &str| {
            let named = Path::new(named);
            match (named.canonicalize(), file.canonicalize()) {
                (Ok(a), Ok(b)) => a == b,
                (Ok(_) | Err(_), Ok(_) | Err(_)) => named == file,
            }
        };
        match self {
            Recorded::Read(m) if !same(&m.scenario) => Recorded::OtherScenario(m.scenario),
            other @ (Recorded::Read(_)
            | Recorded::None
            | Recorded::Unreadable(_)
            | Recorded::OtherScenario(_)) => other,
        }
    }

    /// Why none of its entries can say why: None when they can.
    fn silent(&self) -> Option<String> {
        match self {
            Recorded::None => Some(format!("no {MANIFEST} there says what it was drawn from")),
            Recorded::Unreadable(e) => Some(format!("the manifest does not read ({e})")),
            Recorded::OtherScenario(other) => Some(format!(
                "{MANIFEST} says this folder's figures are drawn from {other}: is it that scenario's folder?"
            )),
            Recorded::Read(_) => None,
        }
    }

    /// The entry for a figure file.
    pub fn entry(&self, file: &str) -> Option<&Provenance> {
        self.manifest()?.figures.iter().find(|p| p.file == file)
    }
}

impl Manifest {
    pub fn text(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The manifest in a folder.
    pub fn read(dir: &Path) -> Recorded {
        let path = dir.join(MANIFEST);
        if std::fs::symlink_metadata(&path).is_err() {
            return Recorded::None;
        }
        let bytes = match crate::scenario::read_regular(&path, MAX_MANIFEST_BYTES) {
            Ok(bytes) => bytes,
            Err(e) => return Recorded::Unreadable(format!("{}: {e}", path.display())),
        };
        match serde_json::from_slice::<Manifest>(&bytes) {
            Ok(manifest) => Recorded::Read(manifest),
            Err(e) => match serde_json::from_slice::<ManifestV1>(&bytes) {
                Ok(v1) => Recorded::Read(v1.into()),
                Err(_) => Recorded::Unreadable(format!(
                    "{}:{}:{}: {}",
                    path.display(),
                    e.line(),
                    e.column(),
                    strip_position(&e.to_string())
                )),
            },
        }
    }

    /// This run's entries over those of the folder's manifest before it: an entry of `before`
    /// is kept while its figure is still in the folder and was not drawn now (another
    /// `--only`, a capture that failed, a figure not pruned), so the manifest says where every
    /// figure there came from. In step order.
    pub fn merged(mut self, before: &Recorded, in_folder: &BTreeSet<String>) -> Manifest {
        if let Some(before) = before.manifest() {
            for old in &before.figures {
                let drawn = self.figures.iter().any(|p| p.file == old.file);
                if !drawn && in_folder.contains(&old.file) {
                    self.figures.push(old.clone());
                }
            }
        }
        self.figures
            .sort_by(|a, b| (a.step, &a.file).cmp(&(b.step, &b.file)));
        self
    }
}

/// serde_json's message without its " at line L column C" (said before it).
fn strip_position(message: &str) -> &str {
    message.rsplit_once(" at line ").map_or(message, |(m, _)| m)
}

/// Where a figure is drawn from, as a report names it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Origin {
    pub scenario: PathBuf,
    pub line: usize,
    pub step: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 => write!(
                f,
                "{}, the Capture at step {}",
                self.scenario.display(),
                self.step
            ),
            line => write!(
                f,
                "{}, the Capture at line {line} (step {})",
                self.scenario.display(),
                self.step
            ),
        }
    }
}

/// What a check found that differs from what the lab draws now: a line each in its report.
#[derive(Clone, Debug, PartialEq)]
pub enum Finding {
    /// The same size, `pixels` of `of` different.
    Changed {
        figure: PathBuf,
        origin: Origin,
        pixels: u64,
        of: u64,
        why: String,
    },
    Resized {
        figure: PathBuf,
        origin: Origin,
        was: (u32, u32),
        now: (u32, u32),
        why: String,
    },
    /// There, but no PNG the lab can read.
    Unreadable {
        figure: PathBuf,
        origin: Origin,
        error: String,
        why: String,
    },
    /// Something that is not a file has the name (a folder, a FIFO): nothing is written
    /// beside it.
    NotAFile {
        path: PathBuf,
        origin: Origin,
        kind: &'static str,
    },
    /// No figure (or alt text) of that name: `.new` is written beside.
    Missing {
        path: PathBuf,
        origin: Origin,
        why: String,
    },
    /// A scenario's folder is not there (with several scenarios): nothing is written.
    MissingFolder {
        folder: PathBuf,
        scenario: PathBuf,
        figures: usize,
    },
    AltChanged {
        alt: PathBuf,
        origin: Origin,
        was: String,
        now: String,
        why: String,
    },
    /// A figure in the folder no Capture draws.
    Extra {
        figure: PathBuf,
        scenario: PathBuf,
        why: String,
    },
    /// With several scenarios: a folder of the lab's figures that is no given scenario's.
    StrayFolder { folder: PathBuf },
    /// `report --check`: the page differs or is not there; the page written now is beside it.
    PageChanged {
        page: PathBuf,
        new: PathBuf,
        missing: bool,
    },
    /// The folder's manifest is not what the lab writes for it now (its figures may match).
    ManifestChanged { path: PathBuf, how: String },
}

impl Finding {
    /// What `--prune` removes (extra figures and folders).
    pub fn needs_prune(&self) -> bool {
        match self {
            Finding::Extra { .. } | Finding::StrayFolder { .. } => true,
            Finding::Changed { .. }
            | Finding::Resized { .. }
            | Finding::Unreadable { .. }
            | Finding::NotAFile { .. }
            | Finding::Missing { .. }
            | Finding::MissingFolder { .. }
            | Finding::AltChanged { .. }
            | Finding::PageChanged { .. }
            | Finding::ManifestChanged { .. } => false,
        }
    }

    /// The path it is about, to sort a report by.
    pub fn path(&self) -> &Path {
        match self {
            Finding::Changed { figure, .. }
            | Finding::Resized { figure, .. }
            | Finding::Unreadable { figure, .. }
            | Finding::Extra { figure, .. } => figure,
            Finding::NotAFile { path, .. }
            | Finding::Missing { path, .. }
            | Finding::StrayFolder { folder: path } => path,
            Finding::MissingFolder { folder, .. } => folder,
            Finding::AltChanged { alt, .. } => alt,
            Finding::PageChanged { page, .. } => page,
            Finding::ManifestChanged { path, .. } => path,
        }
    }
}

/// Thousands grouped: 393,216.
fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A share of pixels, never rounded to nothing: 1 pixel of 393,216 is "0.0003%".
pub fn pixels(changed: u64, of: u64) -> String {
    let share = if of == 0 {
        0.0
    } else {
        changed as f64 * 100.0 / of as f64
    };
    let percent = if share >= 0.1 || share == 0.0 {
        format!("{share:.1}%")
    } else {
        // Two significant digits.
        let digits = (-share.log10()).ceil() as usize + 1;
        format!("{share:.digits$}%")
    };
    format!(
        "{} of {} pixel{} ({percent})",
        count(changed),
        count(of),
        if of == 1 { "" } else { "s" }
    )
}

/// An alt text shortened around where two differ, for a one-line report.
fn around(text: &str, at: usize) -> String {
    const SIDE: usize = 30;
    let chars: Vec<char> = text.chars().collect();
    let start = at.saturating_sub(SIDE);
    let end = (at + SIDE).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(chars[start..end].iter().flat_map(|c| c.escape_debug()));
    if end < chars.len() {
        out.push('…');
    }
    out
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::Changed {
                figure,
                origin,
                pixels: changed,
                of,
                why,
            } => write!(
                f,
                "changed: {}: {} differ; {origin}; see {} and {}; why: {why}",
                figure.display(),
                pixels(*changed, *of),
                beside(figure, "new").display(),
                beside(figure, "diff").display()
            ),
            Finding::Resized {
                figure,
                origin,
                was,
                now,
                why,
            } => write!(
                f,
                "changed: {}: another size, {}×{} there and {}×{} now; {origin}; see {}; why: {why}",
                figure.display(),
                was.0,
                was.1,
                now.0,
                now.1,
                beside(figure, "new").display()
            ),
            Finding::Unreadable {
                figure,
                origin,
                error,
                why,
            } => write!(
                f,
                "changed: {}: not a PNG the lab can read ({error}); {origin}; drawn now as {}; why: {why}",
                figure.display(),
                beside(figure, "new").display()
            ),
            Finding::NotAFile { path, origin, kind } => write!(
                f,
                "changed: {} is {kind}, not a file; {origin}; nothing written beside it",
                path.display()
            ),
            Finding::Missing { path, origin, why } => write!(
                f,
                "missing: {} is not there; {origin}; drawn now as {}; why: {why}",
                path.display(),
                beside(path, "new").display()
            ),
            Finding::MissingFolder {
                folder,
                scenario,
                figures,
            } => write!(
                f,
                "missing: the folder {} is not there, for the {figures} figure{} of {}",
                folder.display(),
                if *figures == 1 { "" } else { "s" },
                scenario.display()
            ),
            Finding::AltChanged {
                alt,
                origin,
                was,
                now,
                why,
            } => {
                let at = was
                    .chars()
                    .zip(now.chars())
                    .position(|(a, b)| a != b)
                    .unwrap_or_else(|| was.chars().count().min(now.chars().count()));
                write!(
                    f,
                    "changed: the alt text {}: \"{}\" there, \"{}\" now; {origin}; see {}; why: {why}",
                    alt.display(),
                    around(was, at),
                    around(now, at),
                    beside(alt, "new").display()
                )
            }
            Finding::Extra {
                figure,
                scenario,
                why,
            } => write!(
                f,
                "extra: {} is drawn by no Capture of {}; why: {why}",
                figure.display(),
                scenario.display()
            ),
            Finding::StrayFolder { folder } => write!(
                f,
                "extra: the folder {} holds figures of no scenario given; --prune removes them",
                folder.display()
            ),
            Finding::PageChanged {
                page,
                new,
                missing: false,
            } => write!(
                f,
                "changed: the page {} differs from the one the lab writes now, {}",
                page.display(),
                new.display()
            ),
            Finding::PageChanged {
                page,
                new,
                missing: true,
            } => write!(
                f,
                "missing: the page {} is not there; written now as {}",
                page.display(),
                new.display()
            ),
            Finding::ManifestChanged { path, how } => {
                write!(f, "changed: {}: {how}", path.display())
            }
        }
    }
}

/// `<stem>.new.png`, `<stem>.diff.png`, `<stem>.new.txt` beside `path`: its extension kept.
pub fn beside(path: &Path, what: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}.{what}.{ext}"))
}

/// What a check writes beside a figure `<stem>.png`, removed once it matches again, once the
/// figure is written, or with the figure.
pub fn leftovers(figure: &Path) -> [PathBuf; 3] {
    [
        beside(figure, "new"),
        beside(figure, "diff"),
        beside(&figure.with_extension("txt"), "new"),
    ]
}

/// Removes what an earlier check wrote beside a figure (absent is fine).
pub fn clear_leftovers(figure: &Path) {
    for path in leftovers(figure) {
        let _ = std::fs::remove_file(path);
    }
}

/// What comparing one figure found.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// The same bytes.
    Same,
    /// The same pixels in other bytes (the PNG optimized or re-encoded by another tool).
    SamePixels,
    /// `pixels` of `of` differ, no more than the variation allowed.
    Within { pixels: u64, of: u64 },
    /// More differ than allowed: `<name>.new.png` and `<name>.diff.png` are written beside.
    Changed { pixels: u64, of: u64 },
    /// Another size: `<name>.new.png` is written beside.
    Resized { was: (u32, u32) },
    /// Not a PNG: `<name>.new.png` is written beside.
    Unreadable(String),
    /// Something that is not a file has the name.
    NotAFile(&'static str),
    /// No such figure: `<name>.new.png` is written.
    Missing,
}

/// A comparison's outcome: the verdict, the files beside the figure that could not be
/// written (the verdict stands), and the SHA-256 of the figure there when it differs (for
/// why: is it the file the lab wrote?).
#[derive(Clone, Debug, PartialEq)]
pub struct Compared {
    pub verdict: Verdict,
    pub unwritten: Vec<String>,
    pub there_sha256: Option<String>,
}

/// What is at a path, when it is not a regular file.
fn not_a_file(path: &Path) -> Option<Option<&'static str>> {
    use std::os::unix::fs::FileTypeExt;
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(_) if std::fs::symlink_metadata(path).is_ok() => return Some(Some("a broken link")),
        Err(_) => return Some(None),
    };
    let t = meta.file_type();
    if t.is_file() {
        None
    } else if t.is_dir() {
        Some(Some("a folder"))
    } else if t.is_fifo() {
        Some(Some("a FIFO"))
    } else if t.is_socket() {
        Some(Some("a socket"))
    } else {
        Some(Some("a device"))
    }
}

fn write_beside(path: &Path, what: &str, bytes: &[u8]) -> Result<(), String> {
    let to = beside(path, what);
    crate::session::write_file(&to, bytes, crate::session::Backup::None)
        .map_err(|e| format!("cannot write {}: {e}", to.display()))
}

/// Compares a figure drawn now (`png`, `image`) with the one at `path`, allowing
/// `max_variation` of its pixels to differ; writes what the verdict says beside it, and clears
/// an earlier check's files once it matches.
pub fn compare(
    path: &Path,
    png: &[u8],
    image: &RgbaImage,
    max_variation: f64,
) -> Result<Compared, String> {
    let mut unwritten = Vec::new();
    match not_a_file(path) {
        Some(None) => {
            unwritten.extend(write_beside(path, "new", png).err());
            return Ok(Compared {
                verdict: Verdict::Missing,
                unwritten,
                there_sha256: None,
            });
        }
        Some(Some(kind)) => {
            return Ok(Compared {
                verdict: Verdict::NotAFile(kind),
                unwritten,
                there_sha256: None,
            });
        }
        None => {}
    }
    let old = crate::scenario::read_regular(path, MAX_FIGURE_BYTES)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let verdict = if old == png {
        Verdict::Same
    } else {
        match image::load_from_memory_with_format(&old, image::ImageFormat::Png) {
            Err(e) => Verdict::Unreadable(e.to_string()),
            Ok(was) => {
                let was = was.to_rgba8();
                if was.dimensions() != image.dimensions() {
                    Verdict::Resized {
                        was: was.dimensions(),
                    }
                } else {
                    let (changed, diff) = difference(&was, image);
                    let of = u64::from(image.width()) * u64::from(image.height());
                    if changed == 0 {
                        Verdict::SamePixels
                    } else if of > 0 && changed as f64 / of as f64 <= max_variation {
                        Verdict::Within {
                            pixels: changed,
                            of,
                        }
                    } else {
                        let mut diff_png = Vec::new();
                        diff.write_to(
                            &mut std::io::Cursor::new(&mut diff_png),
                            image::ImageFormat::Png,
                        )
                        .map_err(|e| format!("cannot encode the diff: {e}"))?;
                        unwritten.extend(write_beside(path, "diff", &diff_png).err());
                        Verdict::Changed {
                            pixels: changed,
                            of,
                        }
                    }
                }
            }
        }
    };
    match &verdict {
        Verdict::Same | Verdict::SamePixels | Verdict::Within { .. } => {
            for leftover in [beside(path, "new"), beside(path, "diff")] {
                let _ = std::fs::remove_file(leftover);
            }
        }
        Verdict::Changed { .. } | Verdict::Resized { .. } | Verdict::Unreadable(_) => {
            unwritten.extend(write_beside(path, "new", png).err());
            if !matches!(verdict, Verdict::Changed { .. }) {
                let _ = std::fs::remove_file(beside(path, "diff"));
            }
        }
        Verdict::NotAFile(_) | Verdict::Missing => {}
    }
    Ok(Compared {
        there_sha256: (old != png).then(|| sha256(&old)),
        verdict,
        unwritten,
    })
}

/// What comparing an alt text found.
#[derive(Clone, Debug, PartialEq)]
pub enum AltVerdict {
    Same,
    /// The text there (`.new.txt` is written beside).
    Changed(String),
    NotAFile(&'static str),
    Missing,
}

/// Compares the alt text written now (`text`, with its newline) with the one at `path`.
pub fn compare_alt(path: &Path, text: &str) -> Result<(AltVerdict, Vec<String>), String> {
    let mut unwritten = Vec::new();
    let verdict = match not_a_file(path) {
        Some(None) => AltVerdict::Missing,
        Some(Some(kind)) => return Ok((AltVerdict::NotAFile(kind), unwritten)),
        None => {
            let old = crate::scenario::read_regular(path, MAX_FIGURE_BYTES)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            if old == text.as_bytes() {
                AltVerdict::Same
            } else {
                AltVerdict::Changed(String::from_utf8_lossy(&old).into_owned())
            }
        }
    };
    match verdict {
        AltVerdict::Same => {
            let _ = std::fs::remove_file(beside(path, "new"));
        }
        AltVerdict::Changed(_) | AltVerdict::Missing => {
            unwritten.extend(write_beside(path, "new", text.as_bytes()).err());
        }
        AltVerdict::NotAFile(_) => {}
    }
    Ok((verdict, unwritten))
}

/// The number of pixels that differ, and an image of the new figure, faded, with each changed
/// pixel in red. The two are the same size.
fn difference(old: &RgbaImage, new: &RgbaImage) -> (u64, RgbaImage) {
    let mut diff = RgbaImage::new(new.width(), new.height());
    let mut changed = 0u64;
    for ((x, y, pixel), was) in new.enumerate_pixels().zip(old.pixels()) {
        let out = if was == pixel {
            // Faded to a quarter, so the changes stand out.
            let fade = |c: u8| 255 - (255 - c) / 4;
            image::Rgba([fade(pixel[0]), fade(pixel[1]), fade(pixel[2]), 255])
        } else {
            changed += 1;
            image::Rgba([0xE0, 0x1B, 0x24, 255])
        };
        diff.put_pixel(x, y, out);
    }
    (changed, diff)
}

/// Why a figure there differs from the one drawn now (`now`), from the folder's manifest:
/// `there` is the file's bytes where it is there.
/// `there_sha256`: the SHA-256 of the figure there, where it is there.
pub fn why_changed(recorded: &Recorded, now: &Provenance, there_sha256: Option<&str>) -> String {
    if let Some(why) = recorded.silent() {
        return why;
    }
    let entry = recorded.entry(&now.file);
    let Some(entry) = entry else {
        return format!("{MANIFEST} has no record of it: the lab did not write it there");
    };
    if let (Some(sha), Some(there)) = (&entry.png_sha256, there_sha256)
        && sha != there
    {
        return "it is not the file the lab wrote (its SHA-256 is not the one figures.json records): changed since, by hand or by another tool".into();
    }
    let mut why = Vec::new();
    if entry.scenario_hash != now.scenario_hash {
        why.push("the scenario was edited".to_owned());
    }
    if entry.capture != now.capture {
        why.push(format!(
            "it was drawn by the Capture {:?}, now by {:?}",
            entry.capture, now.capture
        ));
    }
    if entry.rules != now.rules {
        why.push(format!(
            "the lab's rules changed ({} → {})",
            entry.rules, now.rules
        ));
    }
    if entry.scale != now.scale {
        why.push(format!("another scale ({} → {})", entry.scale, now.scale));
    }
    if entry.lab_version != now.lab_version {
        why.push(format!(
            "another lab version ({} → {})",
            entry.lab_version, now.lab_version
        ));
    }
    if why.is_empty() {
        "the same scenario, rules, version and scale: the lab's windows or its renderer changed"
            .into()
    } else {
        why.join("; ")
    }
}

/// Why an alt text there differs, as [`why_changed`] for its figure.
pub fn why_alt_changed(recorded: &Recorded, now: &Provenance, there: &str) -> String {
    if let Some(sha) = recorded
        .entry(&now.file)
        .and_then(|e| e.alt_sha256.as_ref())
        && &sha256(there.as_bytes()) != sha
    {
        return "it is not the alt text the lab wrote (its SHA-256 is not the one figures.json records): changed since, by hand or by another tool".into();
    }
    why_changed(recorded, now, None)
}

/// Why a figure the lab draws now is not there.
pub fn why_missing(recorded: &Recorded, file: &str) -> String {
    match recorded {
        Recorded::None => "a figure not drawn there before".into(),
        Recorded::Unreadable(_) | Recorded::OtherScenario(_) => {
            recorded.silent().unwrap_or_default()
        }
        Recorded::Read(_) => match recorded.entry(file) {
            Some(_) => format!("the lab wrote it ({MANIFEST} records it); it was removed since"),
            None => format!("a new Capture: {MANIFEST} has no record of it"),
        },
    }
}

/// Why a figure the folder's manifest records is drawn by no Capture now.
pub fn why_extra(entry: &Provenance) -> String {
    format!(
        "{MANIFEST} records it from the Capture {:?} at step {}, which the scenario no longer has; --prune removes it",
        entry.capture, entry.step
    )
}

fn without_hashes(manifest: &Manifest) -> Manifest {
    let mut manifest = manifest.clone();
    for figure in &mut manifest.figures {
        figure.png_sha256 = None;
        figure.alt_sha256 = None;
    }
    manifest
}

/// How the manifest there differs from `now`, the one the lab writes for the folder: None
/// when it does not.
pub fn manifest_differs(recorded: &Recorded, now: &Manifest) -> Option<String> {
    match recorded {
        Recorded::None => Some("not there: the lab writes it with the figures".into()),
        Recorded::Unreadable(e) => Some(format!("does not read ({e})")),
        Recorded::OtherScenario(other) => Some(format!(
            "records the figures of {other}, not of {}",
            now.scenario
        )),
        // The hashes aside: a figure that matches by its pixels (re-encoded, or within
        // --max-variation) matches, whatever bytes hold them.
        Recorded::Read(there) if without_hashes(there) == without_hashes(now) => None,
        Recorded::Read(there) => {
            let (there, now) = (without_hashes(there), without_hashes(now));
            let stale: Vec<&str> = now
                .figures
                .iter()
                .filter(|p| !there.figures.contains(p))
                .map(|p| p.file.as_str())
                .collect();
            let gone: Vec<&str> = there
                .figures
                .iter()
                .filter(|p| !now.figures.iter().any(|n| n.file == p.file))
                .map(|p| p.file.as_str())
                .collect();
            let mut how = Vec::new();
            if !stale.is_empty() {
                how.push(format!(
                    "its record of {} is out of date (the figures match: the scenario was edited, or the lab's version changed, where no figure shows it)",
                    stale.join(", ")
                ));
            }
            if !gone.is_empty() {
                how.push(format!("it records {}, not in the folder", gone.join(", ")));
            }
            if there.scenario != now.scenario {
                how.push(format!("it names the scenario {}", there.scenario));
            }
            Some(match how.is_empty() {
                true => "not the one the lab writes for these figures now".into(),
                false => how.join("; "),
            })
        }
    }
}

/// The PNG figures in a folder (not the `.new.png` and `.diff.png` a check writes).
pub fn figures_in(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| is_figure(n))
        .collect()
}

fn is_figure(name: &str) -> bool {
    name.ends_with(".png") && !name.ends_with(".new.png") && !name.ends_with(".diff.png")
}

/// Whether a folder holds figures the lab wrote: a manifest.
pub fn holds_figures(dir: &Path) -> bool {
    dir.join(MANIFEST).is_file()
}

/// `--prune`: removes each figure in `dir` not in `keep` that the folder's manifest records
/// (the lab wrote it; a figure of the writer's own is never removed), with its alt text and
/// what a check wrote beside it; a line for each file removed or that could not be.
pub fn prune(
    dir: &Path,
    keep: &BTreeSet<String>,
    recorded: &Recorded,
) -> Vec<Result<PathBuf, String>> {
    let mut done = Vec::new();
    for name in figures_in(dir).difference(keep) {
        if recorded.entry(name).is_none() {
            continue;
        }
        let figure = dir.join(name);
        for path in [figure.clone(), figure.with_extension("txt")]
            .into_iter()
            .chain(leftovers(&figure))
        {
            match std::fs::remove_file(&path) {
                Ok(()) => done.push(Ok(path)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => done.push(Err(format!("cannot remove {} ({e})", path.display()))),
            }
        }
    }
    done
}

/// `--prune` with several scenarios: a folder that is no given scenario's loses its figures
/// and manifest, and the folder goes once it is empty (a page or anything else in it stays).
pub fn prune_folder(dir: &Path) -> Vec<Result<PathBuf, String>> {
    let mut done = prune(dir, &BTreeSet::new(), &Manifest::read(dir));
    let manifest = dir.join(MANIFEST);
    match std::fs::remove_file(&manifest) {
        Ok(()) => done.push(Ok(manifest)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => done.push(Err(format!("cannot remove {} ({e})", manifest.display()))),
    }
    if std::fs::remove_dir(dir).is_ok() {
        done.push(Ok(dir.to_owned()));
    }
    done
}

/// With several scenarios: the folders of figures the lab wrote that are none of `dirs`, and
/// the figures directly in `root`.
pub fn strays(root: &Path, dirs: &[&Path]) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .filter(|p| !dirs.iter().any(|d| d == p) && holds_figures(p))
        .collect();
    folders.sort();
    let pngs = figures_in(root).into_iter().map(|n| root.join(n)).collect();
    (folders, pngs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_of_pixels_is_never_rounded_to_nothing() {
        assert_eq!(pixels(1, 393_216), "1 of 393,216 pixels (0.00025%)");
        assert_eq!(pixels(1_204, 393_216), "1,204 of 393,216 pixels (0.3%)");
        assert_eq!(pixels(0, 10), "0 of 10 pixels (0.0%)");
        assert_eq!(pixels(10, 10), "10 of 10 pixels (100.0%)");
    }

    #[test]
    fn beside_keeps_the_extension() {
        assert_eq!(
            beside(Path::new("d/f.png"), "new"),
            Path::new("d/f.new.png")
        );
        assert_eq!(
            beside(Path::new("d/f.txt"), "new"),
            Path::new("d/f.new.txt")
        );
        assert_eq!(beside(Path::new("d/p.md"), "new"), Path::new("d/p.new.md"));
    }

    #[test]
    fn a_format_1_manifest_reads_with_its_provenance_on_every_figure() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(MANIFEST),
            r#"{"lab_version":"0.1.0","rules":7,"scale":1.0,"scenario":"s.ron","scenario_hash":"ab","figures":[{"file":"f.png","capture":"f","step":3,"line":9}]}"#,
        )
        .unwrap();
        let Recorded::Read(m) = Manifest::read(dir.path()) else {
            panic!("not read")
        };
        assert_eq!(m.scenario, "s.ron");
        assert_eq!(m.figures[0].scenario_hash, "ab");
        assert_eq!(m.figures[0].rules, 7);
        assert_eq!(m.figures[0].png_sha256, None);
    }

    #[test]
    fn a_damaged_manifest_is_named_with_its_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(MANIFEST), "{\n  \"format\": 2,\n  oops\n}").unwrap();
        let Recorded::Unreadable(why) = Manifest::read(dir.path()) else {
            panic!("read")
        };
        assert!(
            why.contains("figures.json:3:3: key must be a string"),
            "{why}"
        );
        assert!(!why.contains(" at line "), "{why}");
        assert_eq!(Manifest::read(&dir.path().join("none")), Recorded::None);
    }

    #[test]
    fn sha256_is_what_sha256sum_gives() {
        assert_eq!(
            sha256(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
