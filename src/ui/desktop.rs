//! A computer's desktop (W2): the windows of the user logged on there and a taskbar that
//! starts Outlook, Lync, Registry Editor (and on the front-end server the Management Shell),
//! chooses who is logged on, and reboots.

use crate::ui::Gestures;
use egui::{Align2, Color32, Id, LayerId, Order, Pos2, Rect, RichText, Sense, Stroke, Ui, vec2};

use super::window::{self, WindowSpec};
use super::{Actor, inspector, lync, outlook, regedit, shell_window, theme};
use crate::lab::screen::{Window, WindowKind};
use crate::lab::windows::{Opening, Placement};
use crate::lab::{Action, ComputerIx, Lab, WindowClass, WindowName};
pub use crate::session::view::DesktopState;

pub const TASKBAR_HEIGHT: f32 = 40.0;

/// The applications on the taskbar of a computer.
fn taskbar_apps(lab: &Lab, computer: ComputerIx) -> impl Iterator<Item = WindowClass> {
    let front_end = lab.directory().front_end() == Some(computer);
    WindowClass::ALL.into_iter().filter(move |class| {
        class.opening() == Opening::Application && class.installed_on(front_end)
    })
}

/// The egui id of a lab window, stable for its computer, user and kind.
pub fn window_id(computer: ComputerIx, window: &Window) -> Id {
    Id::unique(("lab-window", computer.0, window.key()))
}

/// Where a window of `class` first appears on a desktop (its placement in the table of
/// windows, kept within the desktop).
fn default_rect(class: WindowClass, desktop: Rect) -> Rect {
    let fit = |w: f32, h: f32| {
        vec2(
            w.min(desktop.width() - 20.0),
            h.min(desktop.height() - 20.0),
        )
    };
    match class.placement() {
        Placement::At {
            x,
            y,
            width,
            height,
        } => Rect::from_min_size(desktop.min + vec2(x, y), fit(width, height)),
        Placement::RightEdge { width, max_height } => {
            let size = fit(width, (desktop.height() - 32.0).min(max_height));
            Rect::from_min_size(
                Pos2::new(desktop.right() - size.x - 24.0, desktop.top() + 16.0),
                size,
            )
        }
        Placement::Centered { width, height } => {
            Rect::from_center_size(desktop.center(), vec2(width, height))
        }
    }
}

/// Draws a window's contents: the one place that says which file draws each kind of window.
fn contents_ui(
    ui: &mut Ui,
    actor: Actor<'_>,
    window: &Window,
    state: &mut DesktopState,
    actions: &mut Gestures,
) {
    let outlook = &mut state.outlook;
    match &window.kind {
        WindowKind::OutlookMain => outlook::main_window::ui(ui, actor, outlook, actions),
        WindowKind::Delegates => outlook::delegates::delegates_ui(ui, actor, outlook, actions),
        WindowKind::AddUsers => outlook::delegates::add_users_ui(ui, actor, outlook, actions),
        WindowKind::DelegatePermissions(delegate) => {
            outlook::delegates::permissions_ui(ui, actor, *delegate, outlook, actions)
        }
        WindowKind::OpenSharedCalendar => {
            outlook::main_window::open_shared_calendar_ui(ui, actor, outlook, actions)
        }
        WindowKind::MeetingForm => outlook::meeting::ui(ui, actor, outlook, actions),
        WindowKind::MessageBox { text } => outlook::message_box(ui, actor, text, actions),
        WindowKind::LyncMain => lync::ui(ui, actor, &mut state.lync, actions),
        WindowKind::RegistryEditor => regedit::ui(ui, actor, &mut state.registry_editor, actions),
        WindowKind::ManagementShell => shell_window::ui(ui, actor.lab, &mut state.shell, actions),
    }
}

/// Draws one computer's desktop into `rect`, pushing the actions its gestures make.
pub fn ui(
    ui: &mut Ui,
    lab: &Lab,
    computer: ComputerIx,
    state: &mut DesktopState,
    actions: &mut Gestures,
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
    actions: &mut Gestures,
) {
    let seat = (window.user, computer);
    let actor = Actor { lab, seat };
    let title = window.title(lab.directory(), lab.meeting_subject(seat));
    // The console is white on dark blue; every other window is white.
    let fill = if window.kind == WindowKind::ManagementShell {
        theme::SHELL_BACKGROUND
    } else {
        Color32::WHITE
    };
    let class = window.kind.class();
    let key = window.key();
    let first_rect = match state.window_rects.get(&key) {
        Some(&[x, y, w, h]) => Rect::from_min_size(desktop.min + vec2(x, y), vec2(w, h)),
        None => default_rect(class, desktop),
    };
    let shown = window::show(
        ctx,
        WindowSpec {
            id: window_id(computer, window),
            title: &title,
            default_rect: first_rect,
            bounds: desktop,
            resizable: class.resizable(),
            fill,
        },
        |ui| contents_ui(ui, actor, window, state, actions),
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
        actions.push(actor.close_window(WindowName::new(title)));
    }
}

fn taskbar_ui(ui: &mut Ui, lab: &Lab, computer: ComputerIx, actions: &mut Gestures) {
    let rect = ui.max_rect();
    ui.painter().rect_filled(rect, 0.0, theme::TASKBAR);
    let screen = lab.screen_of(computer);
    let dir = lab.directory();
    ui.horizontal_centered(|ui| {
        ui.add_space(8.0);
        ui.visuals_mut().override_text_color = Some(Color32::WHITE);
        let logged_on = screen.logged_on;
        for class in taskbar_apps(lab, computer) {
            let label = class.name();
            let open = logged_on.and_then(|u| {
                screen
                    .windows
                    .iter()
                    .find(|w| w.user == u && w.kind.class() == class)
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
                        .open_window(WindowName::of(class)),
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
                    computer: dir.computer(computer).into(),
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
                                user: info.id.as_str().into(),
                                computer: dir.computer(computer).into(),
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
pub fn inspector_window(
    ctx: &egui::Context,
    lab: &Lab,
    bounds: Rect,
    open: &mut bool,
    gestures: &mut Gestures,
) {
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
        |ui| inspector::ui(ui, lab, gestures),
    );
    if shown.close_clicked {
        *open = false;
    }
}
