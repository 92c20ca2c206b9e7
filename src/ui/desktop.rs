//! A computer's desktop (W2): the windows of the user logged on there and a taskbar that
//! starts Outlook, Lync, Registry Editor (and on the front-end server the Management Shell),
//! chooses who is logged on, and reboots.

use std::collections::BTreeSet;

use egui::{Align2, Color32, Id, LayerId, Order, Pos2, Rect, RichText, Sense, Stroke, Ui, vec2};
use serde::{Deserialize, Serialize};

use super::window::{self, WindowSpec};
use super::{Actor, inspector, lync, outlook, regedit, shell_window, theme};
use crate::lab::screen::{Window, WindowKind};
use crate::lab::{Action, ComputerIx, Lab};

/// Window state of one computer's desktop that is not part of the lab: text being typed,
/// selections, collapsed groups. Saved with a session, never read by `apply`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
/// Every field has a default, so sessions written before a field existed still load.
#[serde(default)]
pub struct DesktopState {
    /// Lync: the sign-in page's address box (empty: the logged-on user's address).
    pub sign_in_address: String,
    /// Lync: "What's happening today?"
    pub lync_note: String,
    pub lync_tab: lync::Tab,
    pub collapsed_groups: BTreeSet<String>,
    /// Lync: the contact selected in the list.
    pub selected_contact: Option<u32>,
    /// Management Shell: the line being typed and the position in its history.
    pub shell_input: String,
    pub shell_history_back: usize,
    /// Registry Editor: the selected key (path) and collapsed keys.
    pub regedit_selected: Option<String>,
    pub regedit_collapsed: BTreeSet<String>,
    pub outlook: outlook::OutlookUi,
    /// Where each window was last (x, y, width, height relative to the desktop), so a resumed
    /// session puts them back.
    pub window_rects: std::collections::BTreeMap<String, [f32; 4]>,
}

pub const TASKBAR_HEIGHT: f32 = 40.0;

/// The applications on the taskbar: (label, window name for `OpenWindow`).
fn taskbar_apps(lab: &Lab, computer: ComputerIx) -> Vec<(&'static str, &'static str)> {
    let mut apps = vec![
        ("Outlook", "Outlook"),
        ("Lync", "Lync"),
        ("Registry Editor", "Registry Editor"),
    ];
    if lab.directory().front_end() == Some(computer) {
        apps.push((
            "Lync Server Management Shell",
            "Lync Server Management Shell",
        ));
    }
    apps
}

/// A lab window's key on its desktop, stable for its user and kind.
fn window_key(window: &Window) -> String {
    let kind = match &window.kind {
        WindowKind::MessageBox { .. } => "message-box".to_owned(),
        WindowKind::DelegatePermissions(d) => format!("delegate-permissions-{}", d.0),
        other => format!("{other:?}"),
    };
    format!("{}:{kind}", window.user.0)
}

/// The egui id of a lab window, stable for its computer, user and kind.
pub fn window_id(computer: ComputerIx, window: &Window) -> Id {
    Id::unique(("lab-window", computer.0, window_key(window)))
}

/// Where a window first appears on a desktop.
fn default_rect(kind: &WindowKind, desktop: Rect) -> Rect {
    let at = |x: f32, y: f32, w: f32, h: f32| {
        let w = w.min(desktop.width() - 20.0);
        let h = h.min(desktop.height() - 20.0);
        Rect::from_min_size(desktop.min + vec2(x, y), vec2(w, h))
    };
    match kind {
        WindowKind::OutlookMain => at(16.0, 16.0, 720.0, 540.0),
        WindowKind::LyncMain => {
            let w = 330.0_f32.min(desktop.width() - 20.0);
            Rect::from_min_size(
                Pos2::new(desktop.right() - w - 24.0, desktop.top() + 16.0),
                vec2(w, (desktop.height() - 32.0).min(600.0)),
            )
        }
        WindowKind::RegistryEditor => at(40.0, 150.0, 640.0, 340.0),
        WindowKind::ManagementShell => at(30.0, 30.0, 780.0, 440.0),
        WindowKind::Delegates => at(120.0, 70.0, 540.0, 470.0),
        WindowKind::AddUsers => at(170.0, 100.0, 560.0, 420.0),
        WindowKind::DelegatePermissions(_) => at(200.0, 90.0, 470.0, 460.0),
        WindowKind::OpenSharedCalendar => at(220.0, 180.0, 400.0, 150.0),
        WindowKind::MeetingForm => at(90.0, 30.0, 700.0, 600.0),
        WindowKind::MessageBox { .. } => {
            let size = vec2(480.0, 190.0);
            Rect::from_center_size(desktop.center(), size)
        }
    }
}

/// Draws one computer's desktop into `rect`, pushing the actions its gestures make.
pub fn ui(
    ui: &mut Ui,
    lab: &Lab,
    computer: ComputerIx,
    state: &mut DesktopState,
    actions: &mut Vec<Action>,
) {
    let rect = ui.available_rect_before_wrap();
    let desktop = Rect::from_min_max(rect.min, Pos2::new(rect.max.x, rect.max.y - TASKBAR_HEIGHT));
    let taskbar = Rect::from_min_max(Pos2::new(rect.min.x, desktop.max.y), rect.max);
    ui.painter().rect_filled(desktop, 0.0, theme::DESKTOP);
    let screen = lab.screen_of(computer);
    let name = lab.directory().computer(computer);
    ui.painter().text(
        desktop.right_bottom() - vec2(16.0, 12.0),
        Align2::RIGHT_BOTTOM,
        name,
        theme::light_font(28.0),
        Color32::from_white_alpha(70),
    );
    if screen.logged_on.is_none() {
        ui.painter().text(
            desktop.center(),
            Align2::CENTER_CENTER,
            "Nobody is logged on. Choose a user on the taskbar.",
            theme::font(16.0),
            Color32::WHITE,
        );
    }
    ui.scope_builder(egui::UiBuilder::new().max_rect(taskbar), |ui| {
        taskbar_ui(ui, lab, computer, actions);
    });
    ui.allocate_rect(rect, Sense::hover());
    for window in screen.visible() {
        window_ui(ui.ctx(), lab, computer, window, desktop, state, actions);
    }
}

fn window_ui(
    ctx: &egui::Context,
    lab: &Lab,
    computer: ComputerIx,
    window: &Window,
    desktop: Rect,
    state: &mut DesktopState,
    actions: &mut Vec<Action>,
) {
    let seat = (window.user, computer);
    let actor = Actor { lab, seat };
    let title = window.title(lab.directory(), lab.meeting_subject(seat));
    let fill = match window.kind {
        WindowKind::ManagementShell => theme::SHELL_BACKGROUND,
        _ => Color32::WHITE,
    };
    let resizable = !matches!(
        window.kind,
        WindowKind::MessageBox { .. } | WindowKind::OpenSharedCalendar
    );
    let key = window_key(window);
    let first_rect = match state.window_rects.get(&key) {
        Some(&[x, y, w, h]) => Rect::from_min_size(desktop.min + vec2(x, y), vec2(w, h)),
        None => default_rect(&window.kind, desktop),
    };
    let shown = window::show(
        ctx,
        WindowSpec {
            id: window_id(computer, window),
            title: &title,
            default_rect: first_rect,
            bounds: desktop,
            resizable,
            fill,
        },
        |ui| match &window.kind {
            WindowKind::LyncMain => lync::ui(ui, actor, state, actions),
            WindowKind::RegistryEditor => regedit::ui(ui, actor, state),
            WindowKind::ManagementShell => shell_window::ui(ui, lab, state, actions),
            _ => outlook::ui(ui, actor, window, &mut state.outlook, actions),
        },
    );
    if let Some(rect) = shown.rect {
        let at = rect.min - desktop.min;
        let saved = [
            at.x.round(),
            at.y.round(),
            rect.width().round(),
            rect.height().round(),
        ];
        if state.window_rects.get(&key) != Some(&saved) {
            state.window_rects.insert(key, saved);
        }
    }
    if shown.close_clicked {
        actions.push(actor.close_window(&title));
    }
}

fn taskbar_ui(ui: &mut Ui, lab: &Lab, computer: ComputerIx, actions: &mut Vec<Action>) {
    let rect = ui.max_rect();
    ui.painter().rect_filled(rect, 0.0, theme::TASKBAR);
    let screen = lab.screen_of(computer);
    let dir = lab.directory();
    ui.horizontal_centered(|ui| {
        ui.add_space(8.0);
        ui.visuals_mut().override_text_color = Some(Color32::WHITE);
        let logged_on = screen.logged_on;
        for (label, window_name) in taskbar_apps(lab, computer) {
            let open = logged_on.and_then(|u| {
                screen.windows.iter().find(|w| {
                    w.user == u
                        && w.answers_to(window_name, dir, lab.meeting_subject((u, computer)))
                })
            });
            let button = egui::Button::new(RichText::new(label).color(Color32::WHITE))
                .fill(if open.is_some() {
                    Color32::from_white_alpha(40)
                } else {
                    Color32::TRANSPARENT
                })
                .stroke(Stroke::new(
                    1.0,
                    Color32::from_white_alpha(if open.is_some() { 90 } else { 30 }),
                ));
            let response = ui
                .add_enabled(logged_on.is_some(), button)
                .on_hover_text(match open {
                    Some(_) => format!("{label} is open: bring it to the front"),
                    None => format!("Start {label}"),
                });
            if response.clicked() {
                match (open, logged_on) {
                    (Some(window), _) => ui
                        .ctx()
                        .move_to_top(LayerId::new(Order::Middle, window_id(computer, window))),
                    (None, Some(user)) => actions.push(
                        Actor {
                            lab,
                            seat: (user, computer),
                        }
                        .open_window(window_name),
                    ),
                    (None, None) => {}
                }
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.add_space(8.0);
            let reboot = ui
                .add(
                    egui::Button::new(RichText::new("Reboot").color(Color32::WHITE))
                        .fill(Color32::TRANSPARENT),
                )
                .on_hover_text(format!(
                    "Restart {}: closes every application on it",
                    dir.computer(computer)
                ));
            if reboot.clicked() {
                actions.push(Action::Reboot {
                    computer: dir.computer(computer).to_owned(),
                });
            }
            let current = logged_on
                .map(|u| dir.name(u).to_owned())
                .unwrap_or_else(|| "nobody".into());
            // Right to left: the chooser, then its label to its left.
            ui.visuals_mut().override_text_color = Some(theme::TEXT);
            let combo = egui::ComboBox::from_id_salt(("logged-on", computer.0))
                .selected_text(current)
                .width(130.0)
                .show_ui(ui, |ui| {
                    for (user, info) in dir.users() {
                        if ui
                            .selectable_label(Some(user) == logged_on, &info.name)
                            .clicked()
                            && Some(user) != logged_on
                        {
                            actions.push(Action::LogOn {
                                user: info.id.clone(),
                                computer: dir.computer(computer).to_owned(),
                            });
                        }
                    }
                });
            ui.visuals_mut().override_text_color = Some(Color32::WHITE);
            let label = ui.label("Logged on:");
            combo.response.labelled_by(label.id);
        });
    });
}

/// The back-end inspector is lab chrome, but it reuses the window look.
pub fn inspector_window(ctx: &egui::Context, lab: &Lab, bounds: Rect, open: &mut bool) {
    let shown = window::show(
        ctx,
        WindowSpec {
            id: Id::unique("back-end-inspector"),
            title: "Back End Inspector",
            default_rect: Rect::from_min_size(
                bounds.min + vec2(bounds.width() * 0.35, 60.0),
                vec2(520.0, 420.0),
            ),
            bounds,
            resizable: true,
            fill: Color32::WHITE,
        },
        |ui| inspector::ui(ui, lab),
    );
    if shown.close_clicked {
        *open = false;
    }
}
