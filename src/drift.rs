//! Figures that stay true in a documentation repository: each folder of figures gets a
//! manifest of where they came from (`figures.json`), and `shots --check DIR` compares what
//! the lab draws now with the PNGs there, byte for byte (the software renderer paints the same
//! bytes everywhere), saying which changed, by how much, from which Capture, and why.

use std::path::{Path, PathBuf};

use image::RgbaImage;
use serde::{Deserialize, Serialize};

/// A folder's manifest: what its figures were drawn from.
pub const MANIFEST: &str = "figures.json";

/// Where a folder's figures came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// The lab's version (Cargo's).
    pub lab_version: String,
    /// The version of the lab's rules (`lab::RULES`).
    pub rules: u32,
    pub scale: f32,
    /// The scenario file, as it was given.
    pub scenario: String,
    /// The hash of its text.
    pub scenario_hash: String,
    pub figures: Vec<Provenance>,
}

/// One figure: its file, and the Capture it is drawn from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    pub file: String,
    pub capture: String,
    /// The step number, 1-based as `check` numbers steps.
    pub step: usize,
    /// The Capture's line in the scenario file (0 where it is not known).
    pub line: usize,
}

impl Manifest {
    pub fn text(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The manifest in a folder, if there is one that reads.
    pub fn read(dir: &Path) -> Option<Manifest> {
        let bytes = crate::scenario::read_regular(&dir.join(MANIFEST), 16 * 1024 * 1024).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Why the figures drawn now may differ from those this manifest was written with.
    pub fn why_changed(&self, now: &Manifest) -> String {
        let mut why = Vec::new();
        if self.scenario_hash != now.scenario_hash {
            why.push("the scenario was edited".to_owned());
        }
        if self.rules != now.rules {
            why.push(format!(
                "the lab's rules changed ({} → {})",
                self.rules, now.rules
            ));
        }
        if self.scale != now.scale {
            why.push(format!("another scale ({} → {})", self.scale, now.scale));
        }
        if self.lab_version != now.lab_version {
            why.push(format!(
                "another lab version ({} → {})",
                self.lab_version, now.lab_version
            ));
        }
        if why.is_empty() {
            "the same scenario, rules and version: the lab's windows or its renderer changed".into()
        } else {
            why.join("; ")
        }
    }
}

/// What comparing one figure found.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// The same bytes.
    Same,
    /// Different pixels, on this share of them (1.0: another size), at most the variation
    /// allowed.
    Within(f64),
    /// Different pixels, on this share, more than allowed: `<name>.new.png` and
    /// `<name>.diff.png` are written beside it.
    Changed(f64),
    /// No such figure in the folder: `<name>.new.png` is written.
    Missing,
}

/// `<stem>.new.png` / `<stem>.diff.png` beside `path`.
pub fn beside(path: &Path, what: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}.{what}.png"))
}

/// Compares a figure drawn now (`png`, `image`) with the one at `path`.
pub fn compare(
    path: &Path,
    png: &[u8],
    image: &RgbaImage,
    max_variation: f64,
) -> Result<Verdict, String> {
    let write = |what: &str, bytes: &[u8]| {
        let to = beside(path, what);
        crate::session::write_file(&to, bytes, crate::session::Backup::None)
            .map_err(|e| format!("cannot write {}: {e}", to.display()))
    };
    let old = match crate::scenario::read_regular(path, 256 * 1024 * 1024) {
        Ok(old) => old,
        Err(_) => {
            write("new", png)?;
            return Ok(Verdict::Missing);
        }
    };
    if old == png {
        // Left over from an earlier check: they would say it differs.
        for what in ["new", "diff"] {
            let _ = std::fs::remove_file(beside(path, what));
        }
        return Ok(Verdict::Same);
    }
    let (share, diff) = match image::load_from_memory(&old) {
        Ok(old) => difference(&old.to_rgba8(), image),
        Err(_) => (1.0, image.clone()),
    };
    if share <= max_variation {
        return Ok(Verdict::Within(share));
    }
    write("new", png)?;
    let mut diff_png = Vec::new();
    diff.write_to(
        &mut std::io::Cursor::new(&mut diff_png),
        image::ImageFormat::Png,
    )
    .map_err(|e| format!("cannot encode the diff: {e}"))?;
    write("diff", &diff_png)?;
    Ok(Verdict::Changed(share))
}

/// The share of pixels that differ, and an image of the new figure, faded, with each changed
/// pixel in red (another size: every pixel differs).
fn difference(old: &RgbaImage, new: &RgbaImage) -> (f64, RgbaImage) {
    let mut diff = RgbaImage::new(new.width(), new.height());
    let mut changed = 0u64;
    for (x, y, pixel) in new.enumerate_pixels() {
        let was = (x < old.width() && y < old.height()).then(|| old.get_pixel(x, y));
        let out = if was == Some(pixel) {
            // Faded to a quarter, so the changes stand out.
            let fade = |c: u8| 255 - (255 - c) / 4;
            image::Rgba([fade(pixel[0]), fade(pixel[1]), fade(pixel[2]), 255])
        } else {
            changed += 1;
            image::Rgba([0xE0, 0x1B, 0x24, 255])
        };
        diff.put_pixel(x, y, out);
    }
    let total = u64::from(new.width()) * u64::from(new.height());
    let share = if old.dimensions() != new.dimensions() {
        1.0
    } else if total == 0 {
        0.0
    } else {
        changed as f64 / total as f64
    };
    (share, diff)
}

/// The PNG figures in a folder (not the `.new.png` and `.diff.png` a check writes).
pub fn figures_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".png") && !n.ends_with(".new.png") && !n.ends_with(".diff.png"))
        .collect();
    names.sort();
    names
}
