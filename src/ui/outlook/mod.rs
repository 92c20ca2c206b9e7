//! Outlook 2013's windows (W3–W9): the main window with the calendar and the backstage, the
//! Delegates, Add Users, Delegate Permissions and Open a Shared Calendar dialogs, the meeting
//! form with the Lync Meeting add-in, and Outlook's message boxes.
//!
//! What is typed or chosen in a dialog stays window state ([`OutlookUi`], saved with the
//! session) until OK, Apply or Send turn it into actions.

pub(super) mod address_book;
pub(super) mod delegates;
pub(super) mod main_window;
pub(super) mod meeting;

use super::{Actor, NOT_IN_THIS_LAB, theme};
use crate::lab::exchange::NO_CREATE_PERMISSION;
use crate::lab::outlook_rules::{NAME_NOT_MATCHED, NO_LYNC_DELEGATE_PERMISSION};
use crate::lab::{WindowClass, WindowName};
pub use crate::session::view::{
    AddUsersDraft, DelegatesDraft, MeetingEdit, OutlookUi, PermissionsDraft,
};
use crate::ui::Commands;
use crate::ui::window::{DialogKeys, message_box_ok};
use egui::{Align2, Color32, Rect, RichText, Sense, Ui, vec2};

/// W9 and Outlook's other message boxes: a warning icon, the text, OK.
/// Enter and Escape both answer OK, as in Windows' message boxes with one button.
pub(super) fn message_box(
    ui: &mut Ui,
    actor: Actor<'_>,
    text: &str,
    keys: DialogKeys,
    actions: &mut Commands,
) {
    egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(16, 14))
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                let (rect, _) = ui.allocate_exact_size(vec2(40.0, 34.0), Sense::hover());
                paint_warning(ui.painter(), rect);
                let label = ui.add(egui::Label::new(text).wrap());
                let verbatim = [NO_CREATE_PERMISSION, NO_LYNC_DELEGATE_PERMISSION].contains(&text);
                let note = if verbatim {
                    "The text is Outlook's own; the title \"Microsoft Outlook\" is a lab assumption."
                } else if text == NAME_NOT_MATCHED {
                    "Lab assumption: the wording is Outlook's as troubleshooting pages quote it; no Microsoft page found confirms it for Outlook 2013, nor the title."
                } else {
                    "Lab assumption: no public source gives this message's exact wording or title."
                };
                label.on_hover_text(note);
            });
            ui.add_space(10.0);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Max), |ui| {
                if message_box_ok(ui, keys) {
                    actions.push(actor.close_window(WindowName::of(WindowClass::MessageBox)));
                }
            });
        });
}

/// The yellow warning triangle of a message box, painted.
pub fn paint_warning(painter: &egui::Painter, rect: Rect) {
    let c = rect.center();
    let points = vec![
        c + vec2(0.0, -15.0),
        c + vec2(16.0, 13.0),
        c + vec2(-16.0, 13.0),
    ];
    painter.add(egui::Shape::convex_polygon(
        points,
        Color32::from_rgb(0xF8, 0xC8, 0x1C),
        egui::Stroke::new(1.0, Color32::from_rgb(0xC8, 0x96, 0x00)),
    ));
    painter.text(
        c + vec2(0.0, 3.0),
        Align2::CENTER_CENTER,
        "!",
        theme::semibold_font(17.0),
        Color32::BLACK,
    );
}

/// Upper-case ribbon tabs (FILE in Outlook blue); returns the index clicked.
fn ribbon_tabs(ui: &mut Ui, tabs: &[&str], selected: usize) -> Option<usize> {
    let mut clicked = None;
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 2.0;
        for (i, tab) in tabs.iter().enumerate() {
            let file = i == 0;
            let text = RichText::new(*tab).size(11.5).color(if file {
                Color32::WHITE
            } else if i == selected {
                theme::OUTLOOK_BLUE
            } else {
                theme::SUBTLE_TEXT
            });
            let button = egui::Button::new(text)
                .fill(if file {
                    theme::OUTLOOK_BLUE
                } else if i == selected {
                    Color32::WHITE
                } else {
                    Color32::TRANSPARENT
                })
                .stroke(if i == selected && !file {
                    egui::Stroke::new(1.0, theme::BORDER)
                } else {
                    egui::Stroke::NONE
                })
                .min_size(vec2(48.0, 24.0));
            if ui.add(button).clicked() {
                clicked = Some(i);
            }
        }
    });
    clicked
}

/// A ribbon group: its buttons, its name under them, and a divider after it (as Office
/// 2013's ribbon draws "New", "Go To", "Manage Calendars", ...).
fn ribbon_group<R>(ui: &mut Ui, name: &str, add: impl FnOnce(&mut Ui) -> R) -> R {
    let inner = ui
        .vertical(|ui| {
            let inner = ui.horizontal(|ui| {
                ui.set_height(58.0);
                add(ui)
            });
            let width = ui.min_rect().width();
            ui.allocate_ui(vec2(width, 14.0), |ui| {
                ui.centered_and_justified(|ui| {
                    let caption =
                        ui.label(RichText::new(name).size(10.0).color(theme::SUBTLE_TEXT));
                    // The caption names the group of buttons above it (as Office's does), so a
                    // figure can frame it as the group it is, apart from a button of that name.
                    ui.ctx().accesskit_node_builder(caption.id, |node| {
                        node.set_role(egui::accesskit::Role::Group);
                    });
                });
            });
            inner.inner
        })
        .inner;
    ui.separator();
    inner
}

/// A ribbon button: text under a painted square icon, like Office's large buttons. One the
/// lab does not model looks the same (a greyed ribbon looks broken in screenshots) but does
/// nothing, and says so on hover.
fn ribbon_button(ui: &mut Ui, label: &str, modelled: bool) -> egui::Response {
    ribbon_button_with_icon(ui, label, modelled, paint_generic_icon)
}

/// Office's generic large-button icon: a window with a title bar, in Outlook blue.
fn paint_generic_icon(painter: &egui::Painter, rect: Rect) {
    let icon = Rect::from_center_size(rect.center(), vec2(22.0, 20.0));
    let tint = theme::OUTLOOK_BLUE;
    painter.rect_stroke(
        icon,
        1.0,
        egui::Stroke::new(1.5, tint),
        egui::StrokeKind::Inside,
    );
    painter.line_segment(
        [
            icon.left_top() + vec2(0.0, 6.0),
            icon.right_top() + vec2(0.0, 6.0),
        ],
        egui::Stroke::new(1.5, tint),
    );
}

/// A ribbon button with its own icon, painted by `icon` into a 26 × 26 square above the text.
fn ribbon_button_with_icon(
    ui: &mut Ui,
    label: &str,
    modelled: bool,
    icon: impl FnOnce(&egui::Painter, Rect),
) -> egui::Response {
    let text_width = ui
        .painter()
        .layout_no_wrap(label.to_owned(), theme::font(11.0), theme::TEXT)
        .size()
        .x;
    let size = vec2((text_width + 12.0).clamp(52.0, 76.0), 58.0);
    let (rect, response) = ui.allocate_exact_size(
        size,
        if modelled {
            Sense::click()
        } else {
            Sense::hover()
        },
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, modelled, label));
    let painter = ui.painter();
    if response.hovered() {
        painter.rect_filled(rect, 0.0, theme::HOVER_FILL);
    }
    icon(
        painter,
        Rect::from_center_size(rect.center_top() + vec2(0.0, 16.0), vec2(26.0, 26.0)),
    );
    let galley = painter.layout(
        label.to_owned(),
        theme::font(11.0),
        theme::TEXT,
        size.x - 4.0,
    );
    let pos = egui::pos2(rect.center().x - galley.size().x / 2.0, rect.top() + 30.0);
    painter.galley(pos, galley, theme::TEXT);
    if modelled {
        response
    } else {
        response.on_hover_text(NOT_IN_THIS_LAB)
    }
}
