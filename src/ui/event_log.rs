//! The Event log tab: every applied action in plain words, its outcome, and what it changed
//! or why nothing did. Lines wrap to the panel's width, so everything is readable without
//! hovering; only the rows in view are laid out, so a log of any length costs what the panel
//! shows.

use std::sync::Arc;

use egui::{Color32, RichText, Ui};

use super::theme;
use crate::lab::{LOG_KEPT_LINES, Lab, LogEntry, Outcome, Presence};

/// What the Event log keeps between frames.
pub struct EventLogView {
    /// Leave out opening and closing windows that only show the lab.
    pub hide_gestures: bool,
    /// Where each row goes, for the log, filter and width it was made for.
    layout: Option<Layout>,
    /// Scroll to the newest entry at the next frame (a log just shown, or a session opened).
    pub to_bottom: bool,
}

impl Default for EventLogView {
    fn default() -> Self {
        EventLogView {
            hide_gestures: true,
            layout: None,
            to_bottom: true,
        }
    }
}

/// The rows of the log and their estimated tops.
struct Layout {
    /// (log length, entries no longer kept, filter, width in whole points) it was made for.
    key: (usize, u64, bool, u32),
    /// The newest entry it was made for: another log of the same length (a branch restored)
    /// is laid out anew. Held, so its address is never another entry's.
    newest: Option<Arc<LogEntry>>,
    /// (entry, row within the entry): 0 the action, 1 its outcome, 2.. what it changed.
    rows: Vec<(usize, usize)>,
    /// Each row's top, from an estimate of how many lines it wraps to; and the total height.
    tops: Vec<f32>,
    height: f32,
}

const GAP: f32 = 2.0;

fn row_text(lab: &Lab, (e, r): (usize, usize)) -> (String, Color32, f32) {
    let entry = &lab.log()[e];
    match r {
        0 => (
            format!(
                "{:>3}  {}  {}",
                entry.number,
                entry.time.hhmm(),
                entry.plain
            ),
            theme::TEXT,
            12.0,
        ),
        1 => (
            format!("→ {}", entry.outcome),
            match entry.outcome {
                Outcome::Ok => theme::TEXT,
                Outcome::Error { .. } => theme::presence_color(Presence::Busy),
                Outcome::NoResponse => Color32::from_rgb(0xD8, 0x8C, 0x00),
            },
            12.0,
        ),
        _ => (entry.lines[r - 2].clone(), theme::SUBTLE_TEXT, 11.5),
    }
}

/// How far a row is set in: the action at the left, what followed under it.
fn indent((_, r): (usize, usize)) -> f32 {
    if r == 0 { 0.0 } else { 36.0 }
}

impl Layout {
    fn new(lab: &Lab, hide_gestures: bool, width: f32) -> Layout {
        let rows: Vec<(usize, usize)> = lab
            .log()
            .iter()
            .enumerate()
            .filter(|(_, entry)| !(hide_gestures && entry.gesture))
            .flat_map(|(e, entry)| (0..entry.lines.len() + 2).map(move |r| (e, r)))
            .collect();
        // Open Sans averages about 0.53 em a character; rows in view are laid out for real.
        let mut tops = Vec::with_capacity(rows.len());
        let mut y = 0.0;
        for &row in &rows {
            tops.push(y);
            let (text, _, size) = row_text(lab, row);
            let per_line = ((width - indent(row)) / (size * 0.53)).max(8.0);
            let lines = (text.chars().count() as f32 / per_line).ceil().max(1.0);
            y += lines * size * 1.35 + GAP;
        }
        Layout {
            key: key(lab, hide_gestures, width),
            newest: lab.log().last().cloned(),
            rows,
            tops,
            height: y,
        }
    }
}

fn key(lab: &Lab, hide_gestures: bool, width: f32) -> (usize, u64, bool, u32) {
    (
        lab.log().len(),
        lab.log_dropped(),
        hide_gestures,
        width as u32,
    )
}

/// The line over the log once it let its first entries go.
pub fn earlier_entries(lab: &Lab) -> Option<String> {
    match lab.log_dropped() {
        0 => None,
        1 => Some(format!(
            "The first action is no longer kept here: the event log keeps its newest {LOG_KEPT_LINES} lines."
        )),
        n => Some(format!(
            "The first {n} actions are no longer kept here: the event log keeps its newest {LOG_KEPT_LINES} lines."
        )),
    }
}

pub fn ui(ui: &mut Ui, lab: &Lab, view: &mut EventLogView) {
    let width = (ui.available_width() - 14.0).max(60.0);
    let key = key(lab, view.hide_gestures, width);
    let newest = lab.log().last();
    let stale = |l: &Layout| {
        l.key != key
            || match (&l.newest, newest) {
                (Some(a), Some(b)) => !Arc::ptr_eq(a, b),
                (None, None) => false,
                (Some(_), None) | (None, Some(_)) => true,
            }
    };
    if view.layout.as_ref().is_none_or(stale) {
        view.layout = Some(Layout::new(lab, view.hide_gestures, width));
    }
    let layout = view.layout.as_ref().expect("made above");
    if let Some(notice) = earlier_entries(lab) {
        ui.label(RichText::new(notice).size(11.5).color(theme::SUBTLE_TEXT));
    }
    if layout.rows.is_empty() {
        ui.label(RichText::new("Nothing has happened yet.").color(theme::SUBTLE_TEXT));
        return;
    }
    let mut scroll = egui::ScrollArea::vertical()
        .id_salt("event-log")
        .stick_to_bottom(true)
        .auto_shrink([false, false]);
    if std::mem::take(&mut view.to_bottom) {
        // Within the content: an offset past its end springs back frame after frame.
        let most = (layout.height - ui.available_height()).max(0.0);
        scroll = scroll.vertical_scroll_offset(most);
    }
    scroll.show_viewport(ui, |ui, viewport| {
        ui.set_height(layout.height);
        ui.set_width(width);
        let origin = ui.min_rect().min;
        let first = layout.tops.partition_point(|&top| top <= viewport.min.y);
        let first = first.saturating_sub(1);
        // Rows in view follow each other at their real heights from the first one's top.
        let mut y = layout.tops[first];
        for &row in &layout.rows[first..] {
            if y > viewport.max.y {
                break;
            }
            let (text, color, size) = row_text(lab, row);
            // An entry's outcome and explanations sit under its action, wrapped lines too.
            let x = indent(row);
            let place =
                egui::Rect::from_min_size(origin + egui::vec2(x, y), egui::vec2(width - x, 0.0));
            let response = ui
                .scope_builder(
                    egui::UiBuilder::new()
                        .max_rect(place.with_max_y(f32::INFINITY))
                        .layout(egui::Layout::top_down(egui::Align::Min)),
                    |ui| {
                        ui.add(egui::Label::new(RichText::new(text).size(size).color(color)).wrap())
                    },
                )
                .inner;
            y += response.rect.height() + GAP;
            if row.1 == 0 {
                let entry = &lab.log()[row.0];
                // The action as a scenario writes it.
                response.on_hover_text(&entry.action);
            }
        }
    });
}
