//! The Lync Server Management Shell (W12): a PowerShell console — white text on dark blue,
//! the prompt, the history of commands with their output and red errors, and a command line
//! with history on the arrow keys.

use crate::ui::Commands;
use egui::{Key, Modifiers, RichText, Ui};

use super::theme;
use crate::lab::shell::PROMPT;
use crate::lab::{Action, Lab, SHELL_SCROLLBACK};
use crate::session::view::ShellUi;

const BANNER: [&str; 2] = [
    "Windows PowerShell",
    "Copyright (C) 2012 Microsoft Corporation. All rights reserved.",
];

fn mono(text: impl Into<String>) -> RichText {
    RichText::new(text).monospace().color(theme::SHELL_TEXT)
}

/// The console's first line once its scrollback let earlier output go (the banner went
/// first), saying how much went.
pub fn earlier_output(lab: &Lab) -> Option<String> {
    match lab.shell_dropped_lines() {
        0 => None,
        1 => Some(format!(
            "(1 earlier line is no longer kept: the console keeps its last {SHELL_SCROLLBACK} lines)"
        )),
        n => Some(format!(
            "({n} earlier lines are no longer kept: the console keeps its last {SHELL_SCROLLBACK} lines)"
        )),
    }
}

pub fn ui(ui: &mut Ui, lab: &Lab, state: &mut ShellUi, actions: &mut Commands) {
    let history = lab.shell_history();
    let start = history.iter().rposition(|e| e.clears).map_or(0, |i| i + 1);
    let input_id = ui.scope_id().with("shell-input");
    // The prompt takes the keyboard when the console appears (opened, or its computer chosen
    // in the lab chrome): the console was not drawn in the previous pass.
    let pass = ui.ctx().cumulative_pass_nr();
    let drawn_id = input_id.with("drawn");
    let last_drawn = ui.data_mut(|d| d.get_temp::<u64>(drawn_id));
    ui.data_mut(|d| d.insert_temp(drawn_id, pass));
    let pending_id = input_id.with("focus pending");
    if last_drawn.is_none_or(|last| last + 1 < pass) {
        ui.data_mut(|d| d.insert_temp(pending_id, true));
    }
    // Not in a pass whose input still holds the click that showed the console (the taskbar,
    // the computer buttons): egui would take the focus back at that click.
    let pending = ui.data(|d| d.get_temp::<bool>(pending_id).unwrap_or(false));
    // Nor in a window's first, invisible sizing pass.
    let settled = !ui.is_sizing_pass() && ui.is_visible();
    if pending && settled && !ui.input(|i| i.pointer.any_click() || i.pointer.any_pressed()) {
        ui.data_mut(|d| d.remove::<bool>(pending_id));
        ui.memory_mut(|m| m.request_focus(input_id));
    }
    let focused = ui.memory(|m| m.has_focus(input_id));
    if focused {
        // Escape clears the line and keeps the caret in it (the input's event filter keeps
        // egui from taking the focus away).
        if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            state.input.clear();
            state.history_back = 0;
        }
        let commands: Vec<&str> = history.iter().map(|e| e.command.as_str()).collect();
        // A saved position past the history (an edited file) starts again at the bottom.
        state.history_back = state.history_back.min(commands.len());
        if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::ArrowUp))
            && state.history_back < commands.len()
        {
            state.history_back += 1;
            state.input = commands[commands.len() - state.history_back].to_owned();
        }
        if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::ArrowDown))
            && state.history_back > 0
        {
            state.history_back -= 1;
            state.input = match state.history_back {
                0 => String::new(),
                back => commands[commands.len() - back].to_owned(),
            };
        }
    }
    let console = egui::Frame::new()
        .inner_margin(8.0)
        .fill(theme::SHELL_BACKGROUND)
        .show(ui, |ui| {
            ui.spacing_mut().item_spacing.y = 1.0;
            egui::ScrollArea::vertical()
                .id_salt("shell-scroll")
                .stick_to_bottom(true)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.visuals_mut().selection.bg_fill = egui::Color32::from_rgb(0xEE, 0xED, 0xF0);
                    ui.visuals_mut().selection.stroke.color = theme::SHELL_BACKGROUND;
                    // The caret: light on dark blue.
                    ui.visuals_mut().text_cursor.stroke = egui::Stroke::new(2.0, theme::SHELL_TEXT);
                    if start == 0 {
                        match earlier_output(lab) {
                            None => {
                                for line in BANNER {
                                    ui.add(egui::Label::new(mono(line)).selectable(true));
                                }
                            }
                            Some(notice) => {
                                ui.add(egui::Label::new(mono(notice)).selectable(true).wrap());
                            }
                        }
                        ui.label(mono(""));
                    }
                    for entry in &history[start..] {
                        if entry.clears {
                            continue;
                        }
                        ui.add(
                            egui::Label::new(mono(format!("{PROMPT} {}", entry.command)))
                                .selectable(true),
                        );
                        for line in &entry.lines {
                            let text = if line.error {
                                RichText::new(&line.text)
                                    .monospace()
                                    .color(theme::SHELL_ERROR)
                            } else {
                                mono(&line.text)
                            };
                            ui.add(egui::Label::new(text).selectable(true).wrap());
                        }
                    }
                    // Top-aligned, so the typed text sits on the prompt's baseline (the input is
                    // taller than a line: the theme's minimum height).
                    ui.with_layout(egui::Layout::left_to_right(egui::Align::Min), |ui| {
                        ui.spacing_mut().item_spacing.x = 6.0;
                        let prompt = ui.label(mono(PROMPT));
                        let input = ui.add(
                            egui::TextEdit::singleline(&mut state.input)
                                .id(input_id)
                                .font(egui::TextStyle::Monospace)
                                .text_color(theme::SHELL_TEXT)
                                .frame(egui::Frame::new())
                                .event_filter(egui::EventFilter {
                                    escape: true,
                                    horizontal_arrows: true,
                                    vertical_arrows: true,
                                    tab: false,
                                })
                                .align(egui::Align2::LEFT_TOP)
                                .desired_width(f32::INFINITY),
                        );
                        let input = input.labelled_by(prompt.id);
                        if input.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                            let command = std::mem::take(&mut state.input);
                            state.history_back = 0;
                            actions.push(Action::Shell { command });
                            input.request_focus();
                        }
                    });
                });
        });
    // A click anywhere in the console (not a drag that selects text) focuses the prompt.
    let clicked_here = ui.input(|i| i.pointer.primary_clicked())
        && ui.rect_contains_pointer(console.response.rect);
    if clicked_here {
        ui.memory_mut(|m| m.request_focus(input_id));
    }
}
