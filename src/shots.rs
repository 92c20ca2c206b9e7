//! Headless documentation figures: replay a scenario and, at each `Capture` step, render the
//! named window (cropped to its frame with a small margin) or the whole desktop of that
//! computer to `<out>/<name>.png`. Frames come from the same harness as the UI tests (light
//! theme, no cursor, fixed size, bundled fonts) and are painted by the software renderer
//! ([`crate::raster`]) — so the same scenario gives the same pixels every time, everywhere.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{LayerId, Order};
use image::RgbaImage;

use crate::lab::{ComputerIx, WindowName};
use crate::scenario::{Capture, CaptureSize, Scenario, Step};
use crate::session::view::WindowRect;
use crate::ui::app::{Annotation, FigureView, LabApp};
use crate::ui::{desktop, harness};
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};

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
    /// Its alt text: the Capture's `alt`, else made of what it shows.
    pub alt: String,
    /// The highlighted widgets' rects in the image's pixels, with their badge numbers.
    pub highlights: Vec<(egui::Rect, Option<usize>)>,
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
    #[error(
        "capture {name:?} (step {step}): the highlight {} matches {found} widgets, not one; {there}",
        crate::scenario::quoted(.label)
    )]
    Highlight {
        name: String,
        step: usize,
        label: String,
        found: usize,
        there: String,
    },
    #[error(
        "capture {name:?} (step {step}): the highlight {}: {why}",
        crate::scenario::quoted(.label)
    )]
    HighlightRole {
        name: String,
        step: usize,
        label: String,
        why: String,
    },
    #[error(
        "capture {name:?} (step {step}): the window {window:?} cannot be drawn {wanted}; it comes out {got} (its smallest, largest or only size, or the desktop's)"
    )]
    Size {
        name: String,
        step: usize,
        window: String,
        wanted: String,
        got: String,
    },
    #[error(
        "capture {name:?} (step {step}): the highlight {} is partly outside the figure; a larger `size` for this capture would show it",
        crate::scenario::quoted(.label)
    )]
    HighlightOutside {
        name: String,
        step: usize,
        label: String,
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
/// the time it took, for progress), in the captures' order. `threads` renderers share the
/// captures: each replays the scenario and lays out every capture's frames, and paints every
/// `threads`-th one. The UI remembers what earlier frames showed (a dialog that has just
/// opened puts the focus in its first field), so every renderer, and `only`, goes through the
/// same frames: the pixels do not depend on the split or on which captures are asked for.
pub fn render(
    scenario: &Scenario,
    scale: f32,
    only: Option<&str>,
    threads: usize,
    mut each: impl FnMut(Result<Shot, ShotError>, Duration),
) {
    let wanted = captures(scenario, only);
    if wanted.is_empty() {
        return;
    }
    let threads = threads.clamp(1, wanted.len());
    if threads == 1 {
        render_lane(scenario, scale, &wanted, 0, 1, &mut |_, result, took| {
            each(result, took)
        });
        return;
    }
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        for lane in 0..threads {
            let sender = sender.clone();
            let wanted = &wanted;
            scope.spawn(move || {
                render_lane(
                    scenario,
                    scale,
                    wanted,
                    lane,
                    threads,
                    &mut |i, result, took| {
                        let _ = sender.send((i, result, took));
                    },
                );
            });
        }
        drop(sender);
        // In the captures' order, as they become ready.
        let mut ready = std::collections::BTreeMap::new();
        let mut next = 0;
        for (i, result, took) in receiver {
            ready.insert(i, (result, took));
            while let Some((result, took)) = ready.remove(&next) {
                each(result, took);
                next += 1;
            }
        }
    });
}

/// One renderer: replays the scenario, runs the frames of every capture up to its last one,
/// and paints the wanted captures `lane`, `lane + lanes`, ...
fn render_lane(
    scenario: &Scenario,
    scale: f32,
    wanted: &[(usize, &Capture)],
    lane: usize,
    lanes: usize,
    each: &mut dyn FnMut(usize, Result<Shot, ShotError>, Duration),
) {
    let mine: Vec<(usize, usize)> = wanted
        .iter()
        .enumerate()
        .filter(|(i, _)| i % lanes == lane)
        .map(|(i, (step, _))| (i, *step))
        .collect();
    let Some(&(_, last_step)) = mine.last() else {
        return;
    };
    let app = LabApp::from_scenario(behind_figures(scenario));
    let mut harness = harness::builder(harness::SIZE, scale)
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut LabApp| app.ui_root(ui), app);
    for (i, step) in scenario.steps.iter().enumerate().take(last_step) {
        let number = i + 1;
        if let Step::Capture(capture) = step {
            let started = Instant::now();
            match mine.iter().find(|(_, n)| *n == number) {
                Some(&(index, _)) => {
                    let result = render_one(&mut harness, capture, number, scale, true);
                    if let Some(result) = result.transpose() {
                        each(index, result, started.elapsed());
                    }
                }
                // Another renderer's, or not asked for: its frames only.
                None => {
                    let _ = render_one(&mut harness, capture, number, scale, false);
                }
            }
        }
        harness.state_mut().step();
    }
}

/// The harness every renderer draws with.
type Harness = egui_kittest::Harness<'static, LabApp>;

/// The most characters of a scenario's title the lab behind the figures is given.
const TITLE_CHARS: usize = 80;

/// The scenario the lab behind the figures is built from: the same, with its title on one
/// line of at most [`TITLE_CHARS`] characters (cut with "…"). The title is in no figure — it
/// heads the lab's Steps panel, which figures leave out — but a title taller than the panel
/// pushed the panel's step list out of view, which then sprang back frame after frame, and
/// the frames never settled.
fn behind_figures(scenario: &Scenario) -> Scenario {
    let line = scenario
        .title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let title = match line.char_indices().nth(TITLE_CHARS) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    };
    Scenario {
        title,
        ..scenario.clone()
    }
}

/// Runs the frames until the lab's UI settles; a UI that keeps asking for frames fails the
/// capture, with why, instead of the harness's panic.
fn settle(harness: &mut Harness, name: &str, step: usize) -> Result<(), ShotError> {
    match harness.run_ok() {
        Some(_) => Ok(()),
        None => Err(render_error(
            name,
            step,
            "the lab's frames did not settle (its windows kept asking to be drawn again)".into(),
        )),
    }
}

/// Lays out a capture's frames and, with `paint`, paints it (`Ok(None)` without): shows its
/// computer's desktop, frames the window alone or the whole desktop, makes the figure, and
/// puts back what the UI remembered.
fn render_one(
    harness: &mut Harness,
    capture: &Capture,
    step: usize,
    scale: f32,
    paint: bool,
) -> Result<Option<Shot>, ShotError> {
    let Capture::Capture {
        name,
        computer,
        window,
        ..
    } = capture;
    let pc = show_desktop(harness, name, step, computer)?;
    let saved = SavedUi::save(harness, pc);
    let framed = match window {
        Some(window) => frame_window(harness, capture, step, pc, window, &saved.window_rects),
        None => frame_desktop(harness, name, step),
    };
    let result =
        framed.and_then(|framing| figure(harness, capture, step, scale, paint, pc, &framing));
    saved.put_back(harness, pc);
    result
}

fn render_error(name: &str, step: usize, message: String) -> ShotError {
    ShotError::Render {
        name: name.to_owned(),
        step,
        message,
    }
}

/// Finds the capture's computer and draws its desktop.
fn show_desktop(
    harness: &mut Harness,
    name: &str,
    step: usize,
    computer: &str,
) -> Result<ComputerIx, ShotError> {
    let lab = &harness.state().session.lab();
    let Some(pc) = lab.directory().find_computer(computer) else {
        return Err(ShotError::UnknownComputer {
            name: name.to_owned(),
            step,
            computer: computer.to_owned(),
        });
    };
    harness.state_mut().view.computer = pc;
    settle(harness, name, step)?;
    Ok(pc)
}

/// What the UI remembers (stacking, focus, windows' sizes) and where the lab keeps this
/// desktop's windows, put back after the figure's frames: a window drawn alone, or at the
/// capture's size, is so for that capture only.
struct SavedUi {
    memory: egui::Memory,
    window_rects: BTreeMap<String, WindowRect>,
}

impl SavedUi {
    fn save(harness: &Harness, pc: ComputerIx) -> Self {
        SavedUi {
            memory: harness.ctx.memory(|m| m.clone()),
            window_rects: harness.state().view.desktops[pc.0 as usize]
                .window_rects
                .clone(),
        }
    }

    /// The lab drawn as usual again: no figure, the harness's size, what the UI remembered.
    fn put_back(self, harness: &mut Harness, pc: ComputerIx) {
        harness.state_mut().view.figure = None;
        harness.set_size(harness::SIZE);
        harness.ctx.memory_mut(|m| *m = self.memory);
        harness.state_mut().view.desktops[pc.0 as usize].window_rects = self.window_rects;
        // Frames that do not settle here are said by the next capture's, which run again.
        let _ = harness.run_ok();
    }
}

/// How a capture's frames were laid out: one window drawn alone, or the whole desktop.
enum Framing {
    Window { title: String, id: egui::Id },
    Desktop { size: egui::Vec2 },
}

impl Framing {
    /// The window's title; None for the whole desktop.
    fn title(&self) -> Option<&str> {
        match self {
            Framing::Window { title, .. } => Some(title),
            Framing::Desktop { .. } => None,
        }
    }
}

/// Draws the capture's window alone, where the lab has it on its desktop, at the capture's
/// size if it gives one.
fn frame_window(
    harness: &mut Harness,
    capture: &Capture,
    step: usize,
    pc: ComputerIx,
    window: &WindowName,
    window_rects: &BTreeMap<String, WindowRect>,
) -> Result<Framing, ShotError> {
    let Capture::Capture { name, size, .. } = capture;
    let lab = &harness.state().session.lab();
    let Some(found) = lab.find_window(pc, window).cloned() else {
        let open = lab.window_titles(pc);
        return Err(ShotError::WindowNotOpen {
            name: name.clone(),
            step,
            window: window.to_string(),
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
    let key = found.key();
    // The window where the lab has it on its desktop, and its size for the figure.
    let [x, y, w, h] = window_rects
        .get(&key)
        .copied()
        .ok_or_else(|| render_error(name, step, format!("the window {title:?} was not drawn")))?;
    harness.ctx.move_to_top(LayerId::new(Order::Middle, id));
    let wanted = size.map_or(egui::vec2(w, h), |s| egui::vec2(s.0, s.1));
    // No window outgrows the desktop. A file asking for more is refused when it is read
    // (`CaptureSize::MAX`); this holds should the lab ever leave a smaller desktop.
    let desktop = harness
        .state()
        .view
        .desktop_rect
        .map_or(harness::SIZE, |r| r.size());
    if wanted.x > desktop.x || wanted.y > desktop.y {
        return Err(ShotError::Size {
            name: name.clone(),
            step,
            window: title,
            wanted: format!("{}×{}", wanted.x, wanted.y),
            got: format!("{}×{}", desktop.x, desktop.y),
        });
    }
    // A frame no larger than the figure: the desktop drawn from off the top left, so the
    // window sits at the margin (fewer pixels for the software renderer).
    harness.set_size(wanted + egui::Vec2::splat(2.0 * MARGIN));
    harness.state_mut().view.figure = Some(FigureView {
        solo: Some(key),
        size: size.map(|s| egui::vec2(s.0, s.1)),
        desktop_at: Some(egui::pos2(MARGIN - x, MARGIN - y)),
        annotations: Vec::new(),
    });
    settle(harness, name, step)?;
    // A window made larger than its place allows (near the desktop's right edge) is moved
    // back onto the desktop: the desktop follows, so the window is at the margin again,
    // whole in the figure.
    let off = harness
        .ctx
        .memory(|m| m.area_rect(id))
        .map_or(egui::Vec2::ZERO, |r| r.min - egui::pos2(MARGIN, MARGIN));
    if off.length() > 0.5 {
        if let Some(figure) = harness.state_mut().view.figure.as_mut() {
            figure.desktop_at = figure.desktop_at.map(|at| at - off);
        }
        settle(harness, name, step)?;
    }
    Ok(Framing::Window { title, id })
}

/// Draws the whole desktop at its size.
fn frame_desktop(harness: &mut Harness, name: &str, step: usize) -> Result<Framing, ShotError> {
    let size = harness
        .state()
        .view
        .desktop_rect
        .map_or(harness::SIZE, |r| r.size());
    harness.set_size(size);
    harness.state_mut().view.figure = Some(FigureView {
        desktop_at: Some(egui::Pos2::ZERO),
        ..FigureView::default()
    });
    settle(harness, name, step)?;
    Ok(Framing::Desktop { size })
}

/// The figure in the frames laid out: its size checked, its highlights drawn and, with
/// `paint`, painted, cropped and given its alt text.
fn figure(
    harness: &mut Harness,
    capture: &Capture,
    step: usize,
    scale: f32,
    paint: bool,
    pc: ComputerIx,
    framing: &Framing,
) -> Result<Option<Shot>, ShotError> {
    let Capture::Capture {
        name,
        window,
        highlight,
        alt,
        ..
    } = capture;
    let rect = figure_rect(harness, name, step, framing)?;
    check_size(capture, step, framing, rect)?;
    // Another renderer paints this one: only highlights change the frames from here.
    if !paint && highlight.is_empty() {
        return Ok(None);
    }
    let seen = figure_contents(harness, framing.title(), pc);
    let highlights = draw_highlights(harness, capture, step, &seen, rect, scale)?;
    if !paint {
        return Ok(None);
    }
    let image = harness
        .render()
        .map_err(|message| render_error(name, step, message))?;
    let alt = alt.clone().unwrap_or_else(|| {
        let lab = harness.state().session.lab();
        alt_text(lab, pc, &seen, &facts(lab, pc, window.as_ref()))
    });
    Ok(Some(Shot {
        name: name.clone(),
        file_name: file_name(name),
        step,
        image: crop(&image, rect, scale),
        alt,
        highlights,
    }))
}

/// The figure's rect in the frame, in points: the window's with the margin, or the desktop.
fn figure_rect(
    harness: &Harness,
    name: &str,
    step: usize,
    framing: &Framing,
) -> Result<egui::Rect, ShotError> {
    match framing {
        // By the window's own id: two windows may share a title (Lync's message box is
        // titled "Lync", like its main window).
        Framing::Window { title, id } => harness
            .ctx
            .memory(|m| m.area_rect(*id))
            .map(|rect| rect.expand(MARGIN))
            .ok_or_else(|| {
                // The title as an Option, as this message has always shown it.
                let title = Some(title);
                render_error(name, step, format!("the window {title:?} was not drawn"))
            }),
        Framing::Desktop { size } => Ok(egui::Rect::from_min_size(egui::Pos2::ZERO, *size)),
    }
}

/// A capture's `size` is the size its window came out at (to the point), or it is refused.
fn check_size(
    capture: &Capture,
    step: usize,
    framing: &Framing,
    rect: egui::Rect,
) -> Result<(), ShotError> {
    let Capture::Capture { name, size, .. } = capture;
    if let Some(&CaptureSize(w, h)) = size.as_ref() {
        let got = rect.shrink(MARGIN).size();
        if (got.x - w).abs() > 1.0 || (got.y - h).abs() > 1.0 {
            return Err(ShotError::Size {
                name: name.clone(),
                step,
                window: framing.title().unwrap_or_default().to_owned(),
                wanted: format!("{w}×{h}"),
                got: format!("{}×{}", got.x.round(), got.y.round()),
            });
        }
    }
    Ok(())
}

/// Draws the red frames (and badges) of the capture's `highlight` in the next frame, each
/// inside the figure; their rects in the image's pixels.
fn draw_highlights(
    harness: &mut Harness,
    capture: &Capture,
    step: usize,
    seen: &Seen,
    rect: egui::Rect,
    scale: f32,
) -> Result<Vec<(egui::Rect, Option<usize>)>, ShotError> {
    let Capture::Capture {
        name,
        highlight,
        numbered,
        ..
    } = capture;
    // A highlight names what the figure shows: a widget scrolled or laid out beyond it is
    // neither matched nor offered.
    let shown = Seen {
        widgets: seen
            .widgets
            .iter()
            .filter(|w| rect.intersects(w.rect))
            .cloned()
            .collect(),
        ..seen.clone()
    };
    let annotations = annotations(name, step, &shown, highlight, *numbered)?;
    if let Some((label, _)) = highlight
        .iter()
        .zip(&annotations)
        .find(|(_, a)| !rect.contains_rect(a.rect))
    {
        return Err(ShotError::HighlightOutside {
            name: name.clone(),
            step,
            label: label.clone(),
        });
    }
    let highlights = in_pixels(&annotations, rect, scale);
    if !annotations.is_empty() {
        if let Some(figure) = harness.state_mut().view.figure.as_mut() {
            figure.annotations = annotations;
        }
        settle(harness, name, step)?;
    }
    Ok(highlights)
}

/// Annotations' rects in the pixels of the image cropped to `rect`, with their numbers.
fn in_pixels(
    annotations: &[Annotation],
    rect: egui::Rect,
    scale: f32,
) -> Vec<(egui::Rect, Option<usize>)> {
    annotations
        .iter()
        .map(|a| {
            let r = a.rect.translate(-rect.min.to_vec2());
            (
                egui::Rect::from_min_max(
                    (r.min.to_vec2() * scale).to_pos2(),
                    (r.max.to_vec2() * scale).to_pos2(),
                ),
                a.number,
            )
        })
        .collect()
}

/// What a figure shows, read from the accessibility tree as the tests read it: its title and
/// each widget's role, label, value, selection and rect, in drawing order.
#[derive(Clone)]
struct Seen {
    title: Option<String>,
    computer: String,
    /// The titles of the windows open on the desktop, bottom to top.
    windows: Vec<String>,
    widgets: Vec<SeenWidget>,
}

#[derive(Clone)]
struct SeenWidget {
    role: Role,
    label: String,
    value: String,
    selected: bool,
    rect: egui::Rect,
}

fn figure_contents(harness: &Harness, title: Option<&str>, pc: ComputerIx) -> Seen {
    let lab = harness.state().session.lab();
    let pixels_per_point = harness.ctx.pixels_per_point();
    let windows = lab.window_titles(pc);
    // The window captured, or every window of a desktop from the front one back.
    let scopes: Vec<String> = match title {
        Some(title) => vec![title.to_owned()],
        None => windows.iter().rev().cloned().collect(),
    };
    let mut widgets = Vec::new();
    for scope in &scopes {
        let Some(window) = harness
            .query_all_by_role_and_label(Role::Window, scope)
            .next()
        else {
            continue;
        };
        widgets.extend(
            window
                .children_recursive()
                .filter(|node| node.accesskit_node().role() != Role::TextRun)
                .map(|node| {
                    let access = node.accesskit_node();
                    // A wrapped label keeps its text in its runs, one per line.
                    let label = access.label().unwrap_or_else(|| {
                        node.children()
                            .filter_map(|run| run.accesskit_node().value())
                            .map(|line| line.trim().to_owned())
                            .collect::<Vec<_>>()
                            .join(" ")
                    });
                    SeenWidget {
                        role: access.role(),
                        label: label.trim().to_owned(),
                        value: access.value().unwrap_or_default().trim().to_owned(),
                        selected: access.is_selected() == Some(true),
                        // AccessKit's boxes are in pixels; figures place things in points.
                        rect: access.bounding_box().map_or(egui::Rect::NOTHING, |b| {
                            egui::Rect::from_min_max(
                                (egui::vec2(b.x0 as f32, b.y0 as f32) / pixels_per_point).to_pos2(),
                                (egui::vec2(b.x1 as f32, b.y1 as f32) / pixels_per_point).to_pos2(),
                            )
                        }),
                    }
                }),
        );
    }
    Seen {
        title: title.map(str::to_owned),
        computer: lab.directory().computer(pc).to_owned(),
        windows,
        widgets,
    }
}

/// The lab's facts a figure states (its window's row says which: Lync's main window its
/// groups, Registry Editor its values), of the window captured or the desktop's front window.
#[warn(clippy::wildcard_enum_match_arm)]
fn facts(
    lab: &crate::lab::Lab,
    pc: crate::lab::ComputerIx,
    window: Option<&crate::lab::WindowName>,
) -> Vec<String> {
    use crate::lab::registry::DelegatorListValue;
    use crate::lab::windows::FigureFacts;
    let screen = lab.screen_of(pc);
    let shown = match window {
        Some(name) => lab.find_window(pc, name),
        None => screen.visible().last(),
    };
    let Some(shown) = shown else {
        return Vec::new();
    };
    let seat = (shown.user, pc);
    let dir = lab.directory();
    let names = |users: &[crate::lab::UserIx]| {
        if users.is_empty() {
            "none".to_owned()
        } else {
            users
                .iter()
                .map(|&u| dir.name(u))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    match shown.kind.class().facts().figure_facts {
        FigureFacts::ContactGroups => lab
            .contact_groups(seat)
            .unwrap_or_default()
            .iter()
            .map(|g| format!("Group \"{}\": {}", g.name, names(&g.members)))
            .collect(),
        FigureFacts::DelegatorLists => match lab.delegator_lists(seat) {
            Some(lists) => DelegatorListValue::ALL
                .iter()
                .map(|&v| {
                    let data = lab.registry_text(lists.get(v));
                    format!(
                        "{} = {}",
                        v.name(),
                        if data.is_empty() {
                            "(empty)".to_owned()
                        } else {
                            data
                        }
                    )
                })
                .collect(),
            None => Vec::new(),
        },
        // Their widgets say what they show.
        FigureFacts::Nothing => Vec::new(),
    }
}

/// What a highlight may name its widget as, before its label (`"button: Lync Meeting"`): one
/// row per role, with the accessibility roles it stands for and whether such a widget is
/// clicked (a label alone prefers the one clickable widget it names).
const HIGHLIGHT_ROLES: &[(&str, &[Role], bool)] = &[
    ("button", &[Role::Button, Role::DefaultButton], true),
    ("group", &[Role::Group], false),
    ("text", &[Role::Label], false),
    ("link", &[Role::Link], true),
    (
        "field",
        &[Role::TextInput, Role::MultilineTextInput, Role::ComboBox],
        true,
    ),
    ("item", &[Role::ListItem, Role::TreeItem], true),
    ("tab", &[Role::Tab], true),
    ("checkbox", &[Role::CheckBox], true),
    ("radio", &[Role::RadioButton], true),
];

/// The role a widget is named by in highlights and their errors (None: a role no highlight
/// names; such a widget is named by its label alone).
fn role_name(role: Role) -> Option<&'static str> {
    HIGHLIGHT_ROLES
        .iter()
        .find(|(_, roles, _)| roles.contains(&role))
        .map(|(name, _, _)| *name)
}

fn is_interactive(role: Role) -> bool {
    HIGHLIGHT_ROLES
        .iter()
        .any(|(_, roles, clicked)| *clicked && roles.contains(&role))
}

/// A highlight as written: `[role:] label [#N]`, a label ending in `…` standing for every
/// label it begins (as the lists of labels in errors shorten them).
#[derive(Debug, PartialEq)]
struct Wanted<'a> {
    /// The accessibility roles of its role prefix.
    roles: Option<&'static [Role]>,
    label: &'a str,
    prefix: bool,
    /// The N-th (1-based) of the widgets it names, top to bottom, then left to right.
    nth: Option<usize>,
}

impl<'a> Wanted<'a> {
    /// Err: an unknown role, with the roles there are, or a `#0`. Without `with_role`, a
    /// word and a colon are the label's (`Error: …`).
    fn parse(highlight: &'a str, with_role: bool) -> Result<Wanted<'a>, String> {
        let mut text = highlight.trim();
        let mut nth = None;
        if let Some((rest, n)) = text.rsplit_once(" #")
            && !n.is_empty()
            && n.chars().all(|c| c.is_ascii_digit())
        {
            match n.parse::<usize>() {
                Ok(n) if n >= 1 => nth = Some(n),
                Ok(_) | Err(_) => {
                    return Err(format!(
                        "#{n}: the widgets of one label are counted from #1"
                    ));
                }
            }
            text = rest.trim_end();
        }
        let mut roles = None;
        if let Some((role, label)) = text.split_once(':')
            && with_role
            && !role.is_empty()
            && role.chars().all(|c| c.is_ascii_alphabetic())
        {
            let role = role.to_ascii_lowercase();
            let Some((_, row, _)) = HIGHLIGHT_ROLES.iter().find(|(name, _, _)| *name == role)
            else {
                let known: Vec<&str> = HIGHLIGHT_ROLES.iter().map(|(n, _, _)| *n).collect();
                return Err(format!(
                    "no role {role:?} (the roles: {})",
                    known.join(", ")
                ));
            };
            roles = Some(*row);
            text = label.trim();
        }
        let (label, prefix) = match text.strip_suffix('…') {
            Some(start) => (start.trim_end(), true),
            None => (text, false),
        };
        Ok(Wanted {
            roles,
            label,
            prefix,
            nth,
        })
    }

    fn names(&self, w: &SeenWidget) -> bool {
        let label = match self.prefix {
            true => w.label.starts_with(self.label),
            false => w.label == self.label,
        };
        label && self.roles.is_none_or(|roles| roles.contains(&w.role))
    }
}

/// Top to bottom, then left to right: how `#N` counts.
fn reading_order(a: &&SeenWidget, b: &&SeenWidget) -> std::cmp::Ordering {
    let key = |w: &SeenWidget| (w.rect.top(), w.rect.left());
    key(a)
        .partial_cmp(&key(b))
        .unwrap_or(std::cmp::Ordering::Equal)
}

/// The widgets a highlight names, in reading order. A label written exactly as a widget's
/// names it, colons and all; else `role: label` narrows it to a role, and `#N` picks one of
/// several. A label naming one clickable widget and other, plain texts names that widget (the
/// ribbon's "Lync Meeting" button, not its group's caption). Err: an unknown role, a `#N`
/// past the widgets there are.
fn highlighted<'a>(seen: &'a Seen, highlight: &str) -> Result<Vec<&'a SeenWidget>, String> {
    let exact = highlight.trim();
    let mut matches: Vec<&SeenWidget> = seen.widgets.iter().filter(|w| w.label == exact).collect();
    let mut nth = None;
    let mut by_role = false;
    if matches.is_empty() {
        let wanted = match Wanted::parse(highlight, true) {
            Ok(wanted) => wanted,
            // Not a role: the label's own colon, if it names anything.
            Err(why) => match Wanted::parse(highlight, false) {
                Ok(wanted) if seen.widgets.iter().any(|w| wanted.names(w)) => wanted,
                Ok(_) | Err(_) => return Err(why),
            },
        };
        matches = seen.widgets.iter().filter(|w| wanted.names(w)).collect();
        nth = wanted.nth;
        by_role = wanted.roles.is_some();
    }
    matches.sort_by(reading_order);
    if let Some(n) = nth {
        return match matches.get(n - 1) {
            Some(w) => Ok(vec![*w]),
            None if matches.is_empty() => Ok(Vec::new()),
            None => Err(format!(
                "#{n}, but it names {} widget{} (counted top to bottom, then left to right)",
                matches.len(),
                if matches.len() == 1 { "" } else { "s" }
            )),
        };
    }
    let clickable: Vec<&SeenWidget> = matches
        .iter()
        .copied()
        .filter(|w| is_interactive(w.role))
        .collect();
    Ok(if matches.len() > 1 && clickable.len() == 1 && !by_role {
        clickable
    } else {
        matches
    })
}

/// How to name each of several widgets one highlight matches (in reading order): by its role
/// where that tells it from the others, with `#N` among those of its role where not, and by
/// its label and `#N` for a role no highlight names.
fn candidates(matches: &[&SeenWidget]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, w) in matches.iter().enumerate() {
        let candidate = match role_name(w.role) {
            Some(role) => {
                let same: Vec<&&SeenWidget> = matches
                    .iter()
                    .filter(|m| role_name(m.role) == Some(role))
                    .collect();
                match same.len() {
                    1 => format!("{role}: {}", w.label),
                    _ => {
                        let k = same.iter().position(|m| std::ptr::eq(**m, *w)).unwrap_or(0);
                        format!("{role}: {} #{}", w.label, k + 1)
                    }
                }
            }
            None => format!("{} #{}", w.label, i + 1),
        };
        out.push(crate::scenario::quoted(&candidate));
    }
    out
}

/// The red frames (and badges) of a capture's `highlight`: each label must name exactly one
/// widget of the figure, else the capture is refused with how to name the ones it matches, or
/// the labels that are there.
fn annotations(
    name: &str,
    step: usize,
    seen: &Seen,
    highlight: &[String],
    numbered: bool,
) -> Result<Vec<Annotation>, ShotError> {
    let mut out = Vec::new();
    for (i, label) in highlight.iter().enumerate() {
        let matches = match label.trim().is_empty() {
            // Many widgets have no label: an empty highlight names none of them.
            true => Vec::new(),
            false => highlighted(seen, label).map_err(|why| ShotError::HighlightRole {
                name: name.to_owned(),
                step,
                label: label.clone(),
                why,
            })?,
        };
        if matches.len() > 1 {
            return Err(ShotError::Highlight {
                name: name.to_owned(),
                step,
                label: label.clone(),
                found: matches.len(),
                there: format!("name one as {}", candidates(&matches).join(" or ")),
            });
        }
        if matches.len() != 1 {
            // The labels a highlight could name: once each, paragraphs shortened (a label
            // ending in … names the labels it begins), without the window's resize handles.
            let mut there: Vec<String> = Vec::new();
            for w in &seen.widgets {
                let label = match w.label.char_indices().nth(40) {
                    Some((cut, _)) => format!("{}…", &w.label[..cut]),
                    None => w.label.clone(),
                };
                if !label.is_empty()
                    && !w.label.starts_with("Resize window")
                    && !there.contains(&label)
                {
                    there.push(label);
                }
            }
            return Err(ShotError::Highlight {
                name: name.to_owned(),
                step,
                label: label.clone(),
                found: matches.len(),
                there: format!("the labels there: {}", there.join(", ")),
            });
        }
        out.push(Annotation {
            rect: matches[0].rect,
            number: numbered.then_some(i + 1),
        });
    }
    Ok(out)
}

/// Alt text made of what the figure shows: the window's title, what the lab knows it shows
/// that its widgets do not say as text (`facts`: a contact list's groups, registry data), its
/// texts (banners, error texts, list rows with the selected ones marked, filled fields),
/// shortened for a reader.
fn alt_text(
    lab: &crate::lab::Lab,
    pc: crate::lab::ComputerIx,
    seen: &Seen,
    facts: &[String],
) -> String {
    const MAX: usize = 700;
    let mut parts: Vec<String> = Vec::new();
    let push = |parts: &mut Vec<String>, text: String| {
        if !text.is_empty() && !parts.contains(&text) {
            parts.push(text);
        }
    };
    for fact in facts {
        push(&mut parts, fact.clone());
    }
    for w in &seen.widgets {
        match w.role {
            Role::Label | Role::Link | Role::Group => push(&mut parts, w.label.clone()),
            Role::ListItem | Role::Tab | Role::TreeItem if w.selected => {
                push(&mut parts, format!("{} (selected)", w.label))
            }
            Role::ListItem | Role::TreeItem => push(&mut parts, w.label.clone()),
            Role::TextInput | Role::MultilineTextInput | Role::ComboBox if !w.value.is_empty() => {
                // A field's caption is often a label of its own just before it: said once,
                // with the value ("Subject: Budget review", not "Subject. Subject: ...").
                let caption = w.label.trim_end_matches(':');
                if !caption.is_empty()
                    && parts
                        .last()
                        .is_some_and(|p| p.trim_end_matches(':') == caption)
                {
                    parts.pop();
                }
                if caption.is_empty() {
                    push(&mut parts, w.value.clone())
                } else {
                    push(&mut parts, format!("{caption}: {}", w.value))
                }
            }
            _ => {}
        }
    }
    let head = match &seen.title {
        Some(title) => format!("The window \"{title}\" on {}.", seen.computer),
        None => {
            let who = lab
                .screen_of(pc)
                .logged_on
                .map(|u| lab.directory().name(u).to_owned())
                .unwrap_or_else(|| "nobody".into());
            let windows = if seen.windows.is_empty() {
                "no windows open".to_owned()
            } else {
                format!(
                    "the windows {} open, \"{}\" in front",
                    seen.windows
                        .iter()
                        .map(|t| format!("\"{t}\""))
                        .collect::<Vec<_>>()
                        .join(", "),
                    seen.windows.last().map(String::as_str).unwrap_or_default()
                )
            };
            format!(
                "The desktop of {} ({who} logged on), with {windows}.",
                seen.computer
            )
        }
    };
    let mut text = head;
    for part in parts {
        let part = format!(" {part}");
        if text.chars().count() + part.chars().count() > MAX {
            text.push_str(" …");
            break;
        }
        text.push_str(&part);
        if !text.ends_with(['.', '!', '?', ':']) {
            text.push('.');
        }
    }
    text
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
    /// The files already held these bytes: left untouched, so documentation does not churn.
    Unchanged,
}

/// A shot's PNG bytes.
pub fn png(shot: &Shot) -> Result<Vec<u8>, String> {
    let mut png = Vec::new();
    shot.image
        .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(png)
}

/// A shot's alt text as its `.txt` holds it.
pub fn alt_file_text(shot: &Shot) -> String {
    format!("{}\n", shot.alt)
}

/// Writes a shot (its PNG bytes `png`) under `dir` — the PNG, then its alt text beside it
/// (`<name>.txt`), so no alt text is left without its figure — each only when it differs from
/// what is there, so documentation does not churn. Each goes through the atomic writer: a
/// temporary file created anew and renamed over the name, so whatever has the name (a FIFO, a
/// symlink) is replaced, never written through.
pub fn write(shot: &Shot, png: &[u8], dir: &Path) -> Result<Written, ShotError> {
    let path = dir.join(&shot.file_name);
    let fail = |message: String, path: &Path| ShotError::Write {
        message,
        path: path.to_owned(),
    };
    let existed = std::fs::symlink_metadata(&path).is_ok();
    let png_same = holds(&path, png);
    if !png_same {
        // No .bak for figures: the repository keeps their history.
        crate::session::write_file(&path, png, crate::session::Backup::None)
            .map_err(|e| fail(e.to_string(), &path))?;
    }
    let alt_path = path.with_extension("txt");
    let alt = alt_file_text(shot);
    let alt_same = holds(&alt_path, alt.as_bytes());
    if !alt_same {
        crate::session::write_file(&alt_path, alt.as_bytes(), crate::session::Backup::None)
            .map_err(|e| fail(e.to_string(), &alt_path))?;
    }
    let written = if png_same && alt_same {
        Written::Unchanged
    } else if existed {
        Written::Updated
    } else {
        Written::Created
    };
    Ok(written)
}

/// Whether `path` is a regular file holding exactly `bytes`. Only a regular file is read — not
/// a FIFO (opening one for reading would wait for a writer), a device, or a symlink (which
/// may lead anywhere, /dev/zero included) — and no more of it than `bytes` is long.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read as _;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        libc::O_NONBLOCK | libc::O_NOFOLLOW,
    );
    #[cfg(not(unix))]
    {
        if !std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
            return false;
        }
    }
    let Ok(file) = options.open(path) else {
        return false;
    };
    if !file
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
    {
        return false;
    }
    let mut old = Vec::with_capacity(bytes.len());
    file.take(bytes.len() as u64 + 1)
        .read_to_end(&mut old)
        .is_ok()
        && old == bytes
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
