//! Headless documentation figures: replay a scenario and, at each `Capture` step, render the
//! named window (cropped to its frame with a small margin) or the whole desktop of that
//! computer to `<out>/<name>.png`. Rendering goes through the same harness as the UI tests
//! (egui_kittest with wgpu; Mesa's lavapipe where there is no GPU): light theme, no cursor,
//! fixed size, bundled fonts — so the same scenario gives the same pixels every time.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{LayerId, Order};
use image::RgbaImage;

use crate::scenario::{Capture, Scenario, Step};
use crate::ui::app::LabApp;
use crate::ui::{desktop, harness};

/// The scales documentation may ask for.
pub const SCALES: [f32; 4] = [1.0, 1.25, 1.5, 2.0];

/// Margin around a cropped window, in logical points.
const MARGIN: f32 = 10.0;

/// One rendered capture.
pub struct Shot {
    pub name: String,
    /// The file name under `--out` (the name, sanitized, plus `.png`).
    pub file_name: String,
    /// 1-based step number of the Capture in the scenario.
    pub step: usize,
    pub image: RgbaImage,
}

#[derive(Debug, thiserror::Error)]
pub enum ShotError {
    #[error(
        "capture {name:?} (step {step}): no window {window:?} is open on {computer} (open there: {open})"
    )]
    WindowNotOpen {
        name: String,
        step: usize,
        window: String,
        computer: String,
        open: String,
    },
    #[error("capture {name:?} (step {step}): there is no computer {computer:?} in this lab")]
    UnknownComputer {
        name: String,
        step: usize,
        computer: String,
    },
    #[error("capture {name:?} (step {step}): rendering failed: {message}")]
    Render {
        name: String,
        step: usize,
        message: String,
    },
    #[error("cannot write the figure ({message}): {path}")]
    Write { message: String, path: PathBuf },
}

/// A file name for a capture (see [`crate::scenario::capture_file_name`]): no name can reach
/// outside `--out` or hide itself.
pub fn file_name(name: &str) -> String {
    crate::scenario::capture_file_name(name)
}

/// The captures a run will render, in order: (step number, capture).
pub fn captures<'a>(scenario: &'a Scenario, only: Option<&str>) -> Vec<(usize, &'a Capture)> {
    scenario
        .steps
        .iter()
        .enumerate()
        .filter_map(|(i, step)| match step {
            Step::Capture(capture) => Some((i + 1, capture)),
            _ => None,
        })
        .filter(|(_, Capture::Capture { name, .. })| only.is_none_or(|o| o == name))
        .collect()
}

/// Replays the scenario and renders its captures, calling `each` as each one finishes (with
/// the time it took, for progress).
pub fn render(
    scenario: &Scenario,
    scale: f32,
    only: Option<&str>,
    mut each: impl FnMut(Result<Shot, ShotError>, Duration),
) {
    let wanted = captures(scenario, only);
    let Some(&(last_step, _)) = wanted.last() else {
        return;
    };
    let app = LabApp::from_scenario(scenario.clone());
    let mut harness = harness::builder(harness::SIZE, scale)
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut LabApp| app.ui_root(ui), app);
    for (i, step) in scenario.steps.iter().enumerate().take(last_step) {
        let number = i + 1;
        if let Step::Capture(capture) = step
            && wanted.iter().any(|(n, _)| *n == number)
        {
            let started = Instant::now();
            let result = render_one(&mut harness, capture, number, scale);
            each(result, started.elapsed());
        }
        harness.state_mut().step();
    }
}

fn render_one(
    harness: &mut egui_kittest::Harness<'static, LabApp>,
    capture: &Capture,
    step: usize,
    scale: f32,
) -> Result<Shot, ShotError> {
    let Capture::Capture {
        name,
        computer,
        window,
    } = capture;
    let lab = &harness.state().session.lab();
    let Some(pc) = lab.directory().find_computer(computer) else {
        return Err(ShotError::UnknownComputer {
            name: name.clone(),
            step,
            computer: computer.to_string(),
        });
    };
    harness.state_mut().view.computer = pc;
    harness.run();
    let rect = match window {
        Some(window_name) => {
            let lab = &harness.state().session.lab();
            let Some(found) = lab.find_window(pc, window_name).cloned() else {
                let open = lab.window_titles(pc);
                return Err(ShotError::WindowNotOpen {
                    name: name.clone(),
                    step,
                    window: window_name.to_string(),
                    computer: lab.directory().computer(pc).to_owned(),
                    open: if open.is_empty() {
                        "none".into()
                    } else {
                        open.join(", ")
                    },
                });
            };
            let title = found.title(lab.directory(), lab.meeting_subject((found.user, pc)));
            let id = desktop::window_id(pc, &found);
            harness.ctx.move_to_top(LayerId::new(Order::Middle, id));
            harness.run();
            // By the window's own id: two windows may share a title (Lync's message box is
            // titled "Lync", like its main window).
            let rect =
                harness
                    .ctx
                    .memory(|m| m.area_rect(id))
                    .ok_or_else(|| ShotError::Render {
                        name: name.clone(),
                        step,
                        message: format!("the window {title:?} was not drawn"),
                    })?;
            rect.expand(MARGIN)
        }
        None => harness
            .state()
            .view
            .desktop_rect
            .unwrap_or(egui::Rect::from_min_size(egui::Pos2::ZERO, harness::SIZE)),
    };
    let image = harness.render().map_err(|message| ShotError::Render {
        name: name.clone(),
        step,
        message,
    })?;
    Ok(Shot {
        name: name.clone(),
        file_name: file_name(name),
        step,
        image: crop(&image, rect, scale),
    })
}

/// Crops a rendered frame to a rect in points.
fn crop(image: &RgbaImage, rect: egui::Rect, scale: f32) -> RgbaImage {
    let (w, h) = (image.width(), image.height());
    let px = |v: f32, max: u32| ((v * scale).round().max(0.0) as u32).min(max);
    let (x0, y0) = (px(rect.min.x, w), px(rect.min.y, h));
    let (x1, y1) = (px(rect.max.x, w), px(rect.max.y, h));
    image::imageops::crop_imm(
        image,
        x0,
        y0,
        x1.saturating_sub(x0).max(1),
        y1.saturating_sub(y0).max(1),
    )
    .to_image()
}

/// What writing a figure did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    Created,
    Updated,
    /// The file already had these pixels: left untouched, so documentation does not churn.
    Unchanged,
}

/// Writes a shot under `dir`, only when its pixels differ from what is there.
pub fn write(shot: &Shot, dir: &Path) -> Result<Written, ShotError> {
    let path = dir.join(&shot.file_name);
    let fail = |message: String| ShotError::Write {
        message,
        path: path.clone(),
    };
    let existing = std::fs::read(&path).ok();
    if let Some(bytes) = &existing
        && let Ok(old) = image::load_from_memory_with_format(bytes, image::ImageFormat::Png)
        && old.to_rgba8() == shot.image
    {
        return Ok(Written::Unchanged);
    }
    let mut png = Vec::new();
    shot.image
        .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| fail(e.to_string()))?;
    // No .bak for figures: the repository keeps their history.
    crate::session::write_file(&path, &png, crate::session::Backup::None)
        .map_err(|e| fail(e.to_string()))?;
    Ok(if existing.is_some() {
        Written::Updated
    } else {
        Written::Created
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capture_names_never_leave_the_output_directory() {
        assert_eq!(file_name("figure-1"), "figure-1.png");
        assert_eq!(file_name("../../etc/passwd"), "etc-passwd.png");
        assert_eq!(file_name("/abs/path"), "abs-path.png");
        assert_eq!(file_name(".hidden"), "hidden.png");
        assert_eq!(file_name(""), "capture.png");
        assert_eq!(file_name("Figure 2: meeting"), "Figure-2-meeting.png");
        assert_eq!(file_name("Réunion déléguée"), "Réunion-déléguée.png");
        assert_eq!(file_name("会議/図"), "会議-図.png");
    }
}
