//! Outlook's windows (W3–W9). The full Outlook side arrives with issue 4; until then each
//! Outlook window shows what the lab knows about it, read-only.

use egui::{RichText, Ui};

use super::{Actor, theme};
use crate::lab::Action;
use crate::lab::screen::{Window, WindowKind};

pub fn ui(ui: &mut Ui, actor: Actor<'_>, window: &Window, actions: &mut Vec<Action>) {
    let lab = actor.lab;
    let dir = lab.directory();
    egui::Frame::new()
        .inner_margin(12.0)
        .show(ui, |ui| match &window.kind {
            WindowKind::MessageBox { text } => {
                ui.horizontal_top(|ui| {
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(36.0, 32.0), egui::Sense::hover());
                    paint_warning(ui.painter(), rect);
                    ui.add(egui::Label::new(text.as_str()).wrap());
                });
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Max), |ui| {
                    if ui
                        .add_sized([80.0, 24.0], egui::Button::new("OK"))
                        .clicked()
                    {
                        actions.push(actor.close_window(crate::lab::screen::MESSAGE_BOX_TITLE));
                    }
                });
            }
            _ => {
                ui.label(
                    RichText::new("Outlook")
                        .font(theme::light_font(24.0))
                        .color(theme::OUTLOOK_BLUE),
                );
                ui.label(format!(
                    "{} — {}",
                    dir.name(window.user),
                    dir.email(window.user)
                ));
                let mailbox = lab.mailbox(window.user);
                ui.label(format!("Delegates: {}", mailbox.delegates.len()));
                for delegate in &mailbox.delegates {
                    ui.label(format!(
                        "  {} ({})",
                        dir.name(delegate.user),
                        delegate.permissions.summary()
                    ));
                }
                if let Some(session) = lab.outlook(actor.seat) {
                    for owner in &session.shared_calendars {
                        ui.label(format!("Shared calendar: {}", dir.name(*owner)));
                    }
                    if let Some(draft) = &session.draft {
                        ui.label(format!("Meeting form: {:?}", draft.subject));
                        if let Some(join) = &draft.join {
                            ui.label(format!("Join Lync Meeting: {}", join.url));
                        }
                    }
                }
            }
        });
}

/// The yellow warning triangle of a message box, painted.
pub fn paint_warning(painter: &egui::Painter, rect: egui::Rect) {
    let c = rect.center();
    let points = vec![
        c + egui::vec2(0.0, -14.0),
        c + egui::vec2(15.0, 12.0),
        c + egui::vec2(-15.0, 12.0),
    ];
    painter.add(egui::Shape::convex_polygon(
        points,
        egui::Color32::from_rgb(0xF8, 0xC8, 0x1C),
        egui::Stroke::new(1.0, egui::Color32::from_rgb(0xC8, 0x96, 0x00)),
    ));
    painter.text(
        c + egui::vec2(0.0, 2.0),
        egui::Align2::CENTER_CENTER,
        "!",
        theme::semibold_font(17.0),
        egui::Color32::BLACK,
    );
}
