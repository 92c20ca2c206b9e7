//! Outlook 2013's windows (W3–W9): the main window with the calendar and the backstage, the
//! Delegates, Add Users, Delegate Permissions and Open a Shared Calendar dialogs, the meeting
//! form with the Lync Meeting add-in, and Outlook's message boxes.
//!
//! What is typed or chosen in a dialog stays window state ([`OutlookUi`]) until OK, Apply or
//! Send turn it into actions.

mod delegates;
mod main_window;
mod meeting;

use egui::{Align2, Color32, Rect, RichText, Sense, Ui, vec2};
use serde::{Deserialize, Serialize};

use super::{Actor, theme};
use crate::lab::Action;
use crate::lab::UserIx;
use crate::lab::exchange::NO_CREATE_PERMISSION;
use crate::lab::exchange::{DelegatePermissions, MeetingRequestDelivery};
use crate::lab::outlook_rules::NO_LYNC_DELEGATE_PERMISSION;
use crate::lab::screen::{MESSAGE_BOX_TITLE, Window, WindowKind};

/// Outlook's window state on one desktop.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
/// Every field has a default, so sessions written before a field existed still load.
#[serde(default)]
pub struct OutlookUi {
    /// FILE is open (the backstage).
    pub backstage: bool,
    pub ribbon_tab: usize,
    /// The calendar New Meeting creates on: None for one's own.
    pub selected_calendar: Option<UserIx>,
    /// Changes made in the Delegates dialog, not yet applied.
    pub delegates: DelegatesDraft,
    pub add_users: AddUsersDraft,
    pub permissions: Option<PermissionsDraft>,
    /// Open a Shared Calendar: the name typed.
    pub shared_calendar_name: String,
    pub shared_calendar_error: Option<String>,
    /// The meeting form's fields as typed; None until the form is first shown.
    pub meeting: Option<MeetingEdit>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
/// Every field has a default, so sessions written before a field existed still load.
#[serde(default)]
pub struct DelegatesDraft {
    pub adds: Vec<(UserIx, DelegatePermissions)>,
    pub changes: Vec<(UserIx, DelegatePermissions)>,
    pub removes: Vec<UserIx>,
    pub delivery: Option<MeetingRequestDelivery>,
    pub selected: Option<UserIx>,
}

impl DelegatesDraft {
    pub fn is_empty(&self) -> bool {
        self.adds.is_empty()
            && self.changes.is_empty()
            && self.removes.is_empty()
            && self.delivery.is_none()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
/// Every field has a default, so sessions written before a field existed still load.
#[serde(default)]
pub struct AddUsersDraft {
    pub search: String,
    pub more_columns: bool,
    pub selected: Option<UserIx>,
    pub chosen: Vec<UserIx>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PermissionsDraft {
    /// Who the dialog is for; several when added together from Add Users.
    pub delegates: Vec<UserIx>,
    /// Being added (from Add Users) rather than changed.
    pub new: bool,
    pub permissions: DelegatePermissions,
    /// "Automatically send a message to delegate summarizing these permissions" (the message
    /// itself is not modelled).
    pub send_summary: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
/// Every field has a default, so sessions written before a field existed still load.
#[serde(default)]
pub struct MeetingEdit {
    pub to: String,
    pub subject: String,
    pub location: String,
    pub error: Option<String>,
}

pub fn ui(
    ui: &mut Ui,
    actor: Actor<'_>,
    window: &Window,
    state: &mut OutlookUi,
    actions: &mut Vec<Action>,
) {
    match &window.kind {
        WindowKind::OutlookMain => main_window::ui(ui, actor, state, actions),
        WindowKind::Delegates => delegates::delegates_ui(ui, actor, state, actions),
        WindowKind::AddUsers => delegates::add_users_ui(ui, actor, state, actions),
        WindowKind::DelegatePermissions(delegate) => {
            delegates::permissions_ui(ui, actor, *delegate, state, actions)
        }
        WindowKind::OpenSharedCalendar => {
            main_window::open_shared_calendar_ui(ui, actor, state, actions)
        }
        WindowKind::MeetingForm => meeting::ui(ui, actor, state, actions),
        WindowKind::MessageBox { text } => message_box(ui, actor, text, actions),
        _ => {}
    }
}

/// W9 and Outlook's other message boxes: a warning icon, the text, OK.
fn message_box(ui: &mut Ui, actor: Actor<'_>, text: &str, actions: &mut Vec<Action>) {
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
                } else {
                    "Lab assumption: no public source gives this message's exact wording or title."
                };
                label.on_hover_text(note);
            });
            ui.add_space(10.0);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Max), |ui| {
                if ui
                    .add_sized([84.0, 24.0], egui::Button::new("OK"))
                    .clicked()
                {
                    actions.push(actor.close_window(MESSAGE_BOX_TITLE));
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

/// A ribbon button: text under a painted square icon, like Office's large buttons.
fn ribbon_button(ui: &mut Ui, label: &str, enabled: bool) -> egui::Response {
    let size = vec2(76.0, 58.0);
    let (rect, response) = ui.allocate_exact_size(
        size,
        if enabled {
            Sense::click()
        } else {
            Sense::hover()
        },
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, label));
    let painter = ui.painter();
    if enabled && response.hovered() {
        painter.rect_filled(rect, 0.0, theme::HOVER_FILL);
    }
    let icon = Rect::from_center_size(rect.center_top() + vec2(0.0, 16.0), vec2(22.0, 20.0));
    let tint = if enabled {
        theme::OUTLOOK_BLUE
    } else {
        theme::BORDER
    };
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
    let galley = painter.layout(
        label.to_owned(),
        theme::font(11.0),
        if enabled { theme::TEXT } else { theme::BORDER },
        size.x - 4.0,
    );
    let pos = egui::pos2(rect.center().x - galley.size().x / 2.0, rect.top() + 30.0);
    painter.galley(pos, galley, theme::TEXT);
    if enabled {
        response
    } else {
        response.on_hover_text("Not modelled in the lab")
    }
}

/// Dialog buttons on the right: returns the label clicked.
fn dialog_buttons<'a>(ui: &mut Ui, labels: &[&'a str]) -> Option<&'a str> {
    let mut clicked = None;
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        for label in labels.iter().rev() {
            if ui
                .add_sized([80.0, 24.0], egui::Button::new(*label))
                .clicked()
            {
                clicked = Some(*label);
            }
        }
    });
    clicked
}
