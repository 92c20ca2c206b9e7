//! A computer's desktop (W2): the windows of the user logged on there and a taskbar that
//! starts Outlook, Lync, Registry Editor (and on the front-end server the Management Shell),
//! chooses who is logged on, and reboots.

use crate::ui::Commands;
use egui::{Align2, Color32, Id, LayerId, Order, Pos2, Rect, RichText, Sense, Stroke, Ui, vec2};

use super::window::{self, DialogKeys, FigureView, WindowSpec};
use super::{Actor, inspector, lync, lync_info, lync_voice, outlook, regedit, shell_window, theme};
use crate::lab::screen::{Window, WindowKind};
use crate::lab::windows::{ModalOwner, Modality, Opening, Placement};
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

/// The egui layer a lab window is drawn on.
fn layer_of(id: Id) -> LayerId {
    LayerId::new(Order::Middle, id)
}

/// How a desktop's windows stand this frame: which modal window blocks which (from the table
/// of windows, [`Modality`]) and their order on screen (egui's, from the last frame).
struct Stack<'a> {
    windows: Vec<&'a Window>,
    ids: Vec<Id>,
    /// For each window, the window it blocks until closed (an index into `windows`).
    owners: Vec<Option<usize>>,
    /// Places in egui's order of layers, bottom to top; None for a window not drawn yet (it
    /// appears on top).
    ranks: Vec<Option<usize>>,
}

impl<'a> Stack<'a> {
    fn new(ctx: &egui::Context, computer: ComputerIx, windows: Vec<&'a Window>) -> Self {
        let ids: Vec<Id> = windows.iter().map(|w| window_id(computer, w)).collect();
        let order: Vec<LayerId> = ctx.memory(|m| m.layer_ids().collect());
        let ranks = ids
            .iter()
            .map(|id| order.iter().position(|l| *l == layer_of(*id)))
            .collect();
        let mut stack = Stack {
            windows,
            ids,
            owners: Vec::new(),
            ranks,
        };
        stack.owners = (0..stack.windows.len())
            .map(|i| stack.owner_of(ctx, i))
            .collect();
        stack
    }

    /// Sorts windows front to back: drawn last frame by egui's order, new ones on top in the
    /// order the lab opened them.
    fn height(&self, i: usize) -> (bool, Option<usize>, usize) {
        (self.ranks[i].is_none(), self.ranks[i], i)
    }

    fn owner_of(&self, ctx: &egui::Context, i: usize) -> Option<usize> {
        let Modality::Modal { owner } = self.windows[i].kind.class().modality() else {
            return None;
        };
        match owner {
            ModalOwner::Class(class) => (0..self.windows.len())
                .rev()
                .find(|&j| j != i && self.windows[j].kind.class() == class),
            ModalOwner::Active => {
                // Remembered from when it appeared: the front-most window of the same
                // application below it in the lab's order (opened before it).
                let memory = self.ids[i].with("modal-owner");
                let appeared =
                    !ctx.memory(|m| m.areas().visible_last_frame(&layer_of(self.ids[i])));
                let remembered = ctx.data(|d| d.get_temp::<String>(memory));
                if !appeared
                    && let Some(key) = remembered
                    && let Some(j) = (0..i).find(|&j| self.windows[j].key() == key)
                {
                    return Some(j);
                }
                let outlook = self.windows[i].kind.is_outlook();
                let j = (0..i)
                    .filter(|&j| {
                        let other_box = matches!(
                            self.windows[j].kind.class().modality(),
                            Modality::Modal {
                                owner: ModalOwner::Active
                            }
                        );
                        self.windows[j].kind.is_outlook() == outlook && !other_box
                    })
                    .max_by_key(|&j| self.height(j))?;
                ctx.data_mut(|d| d.insert_temp(memory, self.windows[j].key()));
                Some(j)
            }
        }
    }

    /// The modal windows blocking window `j`.
    fn blockers(&self, j: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.windows.len()).filter(move |&i| self.owners[i] == Some(j))
    }

    fn blocked(&self, j: usize) -> bool {
        self.blockers(j).next().is_some()
    }

    /// Window `i` and, above it, the modal windows blocking it, and theirs, in order.
    fn chain(&self, i: usize, out: &mut Vec<usize>) {
        out.push(i);
        for k in self.blockers(i) {
            self.chain(k, out);
        }
    }

    /// Brings window `j` forward with its modal windows above it; returns the one that is not
    /// blocked (the dialog that answers).
    fn bring_forward(&self, ctx: &egui::Context, j: usize) -> usize {
        let mut chain = Vec::new();
        self.chain(j, &mut chain);
        for &k in &chain {
            ctx.move_to_top(layer_of(self.ids[k]));
        }
        chain
            .iter()
            .rev()
            .copied()
            .find(|&k| !self.blocked(k))
            .unwrap_or(j)
    }

    /// Keeps every modal window above its owner (the owner may have been brought forward from
    /// the taskbar or by a capture): true when something had to move.
    fn keep_modals_above_owners(&self, ctx: &egui::Context) -> bool {
        let mut moved = false;
        for (i, owner) in self.owners.iter().enumerate() {
            if let Some(o) = *owner
                && let (Some(mine), Some(theirs)) = (self.ranks[i], self.ranks[o])
                && mine < theirs
            {
                self.bring_forward(ctx, i);
                moved = true;
            }
        }
        moved
    }

    /// The front-most window.
    fn front(&self) -> Option<usize> {
        (0..self.windows.len()).max_by_key(|&i| self.height(i))
    }
}

/// How long a modal window flashes when its blocked owner is clicked (UI time, never the
/// lab's), and how long each flash lasts.
const FLASH_SECONDS: f64 = 0.45;
const FLASH_PHASE: f64 = 0.075;

fn flash_id(computer: ComputerIx) -> Id {
    Id::unique(("lab-window-flash", computer.0))
}

/// Whether window `id` is lit this frame (asks for the next frame while it flashes).
fn flashing(ctx: &egui::Context, computer: ComputerIx, id: Id) -> bool {
    let Some((flashed, start)) = ctx.data(|d| d.get_temp::<(Id, f64)>(flash_id(computer))) else {
        return false;
    };
    let elapsed = ctx.input(|i| i.time) - start;
    if flashed != id || !(0.0..FLASH_SECONDS).contains(&elapsed) {
        return false;
    }
    ctx.request_repaint();
    ((elapsed / FLASH_PHASE) as u32).is_multiple_of(2)
}

/// Where a window of `class` first appears on a desktop (its placement in the table of
/// windows, kept within the desktop); `owner` is the rect of the window it is modal over.
fn default_rect(class: WindowClass, desktop: Rect, owner: Option<Rect>) -> Rect {
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
            Rect::from_center_size(owner.unwrap_or(desktop).center(), vec2(width, height))
        }
        Placement::BottomRight { width, height } => {
            let size = fit(width, height);
            Rect::from_min_size(desktop.max - size - vec2(16.0, 16.0), size)
        }
    }
}

/// Draws a window's contents: the one place that says which file draws each kind of window.
#[warn(clippy::wildcard_enum_match_arm)]
fn contents_ui(
    ui: &mut Ui,
    actor: Actor<'_>,
    window: &Window,
    state: &mut DesktopState,
    keys: DialogKeys,
    actions: &mut Commands,
) {
    let outlook = &mut state.outlook;
    match &window.kind {
        WindowKind::OutlookMain => outlook::main_window::ui(ui, actor, outlook, actions),
        WindowKind::Delegates => {
            outlook::delegates::delegates_ui(ui, actor, outlook, keys, actions)
        }
        WindowKind::AddUsers => outlook::delegates::add_users_ui(ui, actor, outlook, keys, actions),
        WindowKind::DelegatePermissions(delegate) => {
            outlook::delegates::permissions_ui(ui, actor, *delegate, outlook, keys, actions)
        }
        WindowKind::OpenSharedCalendar => {
            outlook::main_window::open_shared_calendar_ui(ui, actor, outlook, keys, actions)
        }
        WindowKind::MeetingForm => outlook::meeting::ui(ui, actor, outlook, actions),
        WindowKind::MessageBox { text } => outlook::message_box(ui, actor, text, keys, actions),
        WindowKind::SelectAttendees => {
            outlook::meeting::select_attendees_ui(ui, actor, outlook, keys, actions)
        }
        WindowKind::SelectName => {
            outlook::main_window::select_name_ui(ui, actor, outlook, keys, actions)
        }
        WindowKind::LyncMain => lync::ui(ui, actor, &mut state.lync, actions),
        WindowKind::RegistryEditor => regedit::ui(ui, actor, &mut state.registry_editor, actions),
        WindowKind::ManagementShell => shell_window::ui(ui, actor.lab, &mut state.shell, actions),
        WindowKind::LyncOptions => {
            lync_voice::options_ui(ui, actor, &mut state.call_forwarding, keys, actions)
        }
        WindowKind::CallForwardingDelegates => {
            lync_voice::delegates_ui(ui, actor, &mut state.call_forwarding, keys, actions)
        }
        WindowKind::ChooseDelegate => {
            lync_voice::choose_delegate_ui(ui, actor, &mut state.call_forwarding, keys, actions)
        }
        WindowKind::LyncMessageBox { text } => {
            lync_voice::message_box(ui, actor, text, keys, actions)
        }
        WindowKind::CallToast { .. } => {
            let lab = actor.lab;
            let title = window.title(lab.directory(), lab.meeting_subject(actor.seat));
            lync_voice::call_toast(ui, actor, &title, actions)
        }
        WindowKind::AboutLync => lync_info::about_ui(ui, actor, keys, actions),
        WindowKind::ConfigurationInformation => lync_info::configuration_ui(ui, actor, actions),
    }
}

/// Draws one computer's desktop into `rect`, pushing the actions its gestures make. With
/// `keyboard`, keys go to its front-most window (Enter, Escape, Alt+F4); without, the lab's
/// own modal questions have them.
pub fn ui(
    ui: &mut Ui,
    lab: &Lab,
    computer: ComputerIx,
    state: &mut DesktopState,
    keyboard: bool,
    figure: Option<&FigureView>,
    actions: &mut Commands,
) {
    let rect = ui.available_rect_before_wrap();
    let desktop = Rect::from_min_max(rect.min, Pos2::new(rect.max.x, rect.max.y - TASKBAR_HEIGHT));
    let taskbar = Rect::from_min_max(Pos2::new(rect.min.x, desktop.max.y), rect.max);
    ui.painter().rect_filled(desktop, 0.0, theme::DESKTOP);
    let screen = lab.screen_of(computer);
    state.forget_closed(|class| screen.visible().any(|w| w.kind.class() == class));
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
    let ctx = ui.ctx().clone();
    let desktop_moved = desktop_moved(&ctx, computer, desktop);
    let stack = Stack::new(&ctx, computer, screen.visible().collect());
    ui.scope_builder(egui::UiBuilder::new().max_rect(taskbar), |ui| {
        taskbar_ui(ui, lab, computer, &stack, actions);
    });
    ui.allocate_rect(rect, Sense::hover());
    let front = stack.front();
    let keys = if keyboard && let Some(front) = front {
        front_keys(&ctx, lab, computer, &stack, front, actions)
    } else {
        DialogKeys::default()
    };
    for (i, window) in stack.windows.iter().enumerate() {
        // A figure of one window draws that window alone.
        let solo = figure.and_then(|f| f.solo.as_deref());
        if solo.is_some_and(|key| key != window.key()) {
            continue;
        }
        let keys = if Some(i) == front {
            keys
        } else {
            DialogKeys::default()
        };
        let owner_rect = stack.owners[i].and_then(|o| {
            let [x, y, w, h] = *state.window_rects.get(&stack.windows[o].key())?;
            Some(Rect::from_min_size(desktop.min + vec2(x, y), vec2(w, h)))
        });
        let drawn = WindowDrawing {
            window,
            id: stack.ids[i],
            blocked: stack.blocked(i),
            owner_rect,
            keys,
            desktop_moved,
            size: figure.and_then(|f| f.size).filter(|_| solo.is_some()),
        };
        if window_ui(&ctx, lab, computer, drawn, desktop, state, actions) {
            // A click on a blocked window brings its modal window forward, which flashes.
            let answering = stack.bring_forward(&ctx, i);
            let now = ctx.input(|i| i.time);
            ctx.data_mut(|d| d.insert_temp(flash_id(computer), (stack.ids[answering], now)));
            ctx.request_repaint();
        }
    }
    if stack.keep_modals_above_owners(&ctx) {
        ctx.request_repaint();
    }
    let focused = ctx.memory(|m| m.focused());
    ctx.data_mut(|d| d.insert_temp(focus_memory(computer), focused));
}

/// Takes the keys meant for the front-most window: Alt+F4 closes it (as its close button
/// does); a modal window gets Enter and Escape. Not while a text field elsewhere (the lab's
/// own) has the keyboard, nor while a drop-down is open (its keys are its own).
fn front_keys(
    ctx: &egui::Context,
    lab: &Lab,
    computer: ComputerIx,
    stack: &Stack<'_>,
    front: usize,
    actions: &mut Commands,
) -> DialogKeys {
    let layer = layer_of(stack.ids[front]);
    if egui::Popup::is_any_open(ctx) {
        return DialogKeys::default();
    }
    let window = stack.windows[front];
    if matches!(window.kind.class().modality(), Modality::Modal { .. }) {
        tab_within(ctx, computer, layer);
    }
    let focus_elsewhere = ctx.egui_wants_keyboard_input()
        && ctx
            .memory(|m| m.focused())
            .and_then(|id| ctx.read_response(id))
            .is_none_or(|r| r.layer_id != layer);
    if focus_elsewhere {
        return DialogKeys::default();
    }
    if ctx.input_mut(|i| i.consume_key(egui::Modifiers::ALT, egui::Key::F4)) {
        let seat = (window.user, computer);
        let title = window.title(lab.directory(), lab.meeting_subject(seat));
        actions.push(Actor { lab, seat }.close_window(WindowName::new(title)));
        return DialogKeys::default();
    }
    match window.kind.class().modality() {
        Modality::Modal { .. } => ctx.input_mut(|i| DialogKeys {
            enter: i.consume_key(egui::Modifiers::NONE, egui::Key::Enter),
            escape: i.consume_key(egui::Modifiers::NONE, egui::Key::Escape),
        }),
        Modality::Modeless => DialogKeys::default(),
    }
}

fn focus_memory(computer: ComputerIx) -> Id {
    Id::unique(("desktop-focus", computer.0))
}

/// Tab and Shift+Tab in a modal window go round its own widgets, in the order it draws them
/// (the layout's), and never on to its owner or the lab chrome — when the keyboard was in it,
/// or nowhere, at the end of the last frame (a field of the lab's own keeps its Tab).
fn tab_within(ctx: &egui::Context, computer: ComputerIx, layer: LayerId) {
    let (forward, back) = ctx.input(|i| {
        let tab = i.key_pressed(egui::Key::Tab);
        (
            tab && i.modifiers.is_none(),
            tab && i.modifiers.shift_only(),
        )
    });
    if !forward && !back {
        return;
    }
    let widgets: Vec<Id> = ctx.viewport(|v| {
        v.prev_pass
            .widgets
            .get_layer(layer)
            .filter(|w| w.enabled && w.sense.is_focusable())
            .map(|w| w.id)
            .collect()
    });
    let was = ctx
        .data(|d| d.get_temp::<Option<Id>>(focus_memory(computer)))
        .flatten();
    let at = was.and_then(|f| widgets.iter().position(|w| *w == f));
    if widgets.is_empty() || (was.is_some() && at.is_none()) {
        return;
    }
    let n = widgets.len();
    let next = match (at, forward) {
        (Some(i), true) => (i + 1) % n,
        (Some(i), false) => (i + n - 1) % n,
        (None, true) => 0,
        (None, false) => n - 1,
    };
    let modifiers = if forward {
        egui::Modifiers::NONE
    } else {
        egui::Modifiers::SHIFT
    };
    ctx.input_mut(|i| i.consume_key(modifiers, egui::Key::Tab));
    ctx.memory_mut(|m| {
        m.move_focus(egui::FocusDirection::None);
        m.request_focus(widgets[next]);
    });
}

/// One window as this frame draws it.
struct WindowDrawing<'w> {
    window: &'w Window,
    id: Id,
    blocked: bool,
    /// The rect of the window it is modal over.
    owner_rect: Option<Rect>,
    keys: DialogKeys,
    /// The desktop is not where it was last frame (the side panel was resized): windows keep
    /// their places on it.
    desktop_moved: bool,
    /// A figure's size for the window (Capture's `size`).
    size: Option<egui::Vec2>,
}

/// Whether the desktop's top left moved since this computer's desktop was last drawn (the lab's
/// side panel resized, the lab window resized): its windows, placed relative to it, follow.
fn desktop_moved(ctx: &egui::Context, computer: ComputerIx, desktop: Rect) -> bool {
    let id = Id::unique(("desktop-origin", computer.0));
    let last = ctx.data_mut(|d| {
        let last = d.get_temp::<Pos2>(id);
        d.insert_temp(id, desktop.min);
        last
    });
    last.is_some_and(|last| last != desktop.min)
}

/// Draws a window; true when the pointer was pressed on it while a modal window blocks it.
fn window_ui(
    ctx: &egui::Context,
    lab: &Lab,
    computer: ComputerIx,
    drawing: WindowDrawing<'_>,
    desktop: Rect,
    state: &mut DesktopState,
    actions: &mut Commands,
) -> bool {
    let WindowDrawing {
        window,
        id,
        blocked,
        owner_rect,
        keys,
        desktop_moved,
        size,
    } = drawing;
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
    // A window centred on its owner (a message box) is put there each time it appears.
    let centred = matches!(class.placement(), Placement::Centered { .. });
    let appears = !ctx.memory(|m| m.areas().visible_last_frame(&layer_of(id)));
    let first_rect = match state.window_rects.get(&key) {
        Some(&[x, y, w, h]) if !centred => {
            Rect::from_min_size(desktop.min + vec2(x, y), vec2(w, h))
        }
        Some(_) | None => default_rect(class, desktop, owner_rect),
    };
    let shown = window::show(
        ctx,
        WindowSpec {
            id,
            title: &title,
            default_rect: first_rect,
            bounds: desktop,
            resizable: class.resizable(),
            fill,
            place_at: if centred && appears {
                Some(first_rect.min)
            } else if desktop_moved && let Some(&[x, y, _, _]) = state.window_rects.get(&key) {
                Some(desktop.min + vec2(x, y))
            } else {
                None
            },
            blocked,
            flash: flashing(ctx, computer, id),
            size,
        },
        |ui| contents_ui(ui, actor, window, state, keys, actions),
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
    shown.blocked_press
}

fn taskbar_ui(
    ui: &mut Ui,
    lab: &Lab,
    computer: ComputerIx,
    stack: &Stack<'_>,
    actions: &mut Commands,
) {
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
                    // With its modal windows above it, as Windows does.
                    (Some(window), _) => {
                        match stack.windows.iter().position(|w| std::ptr::eq(*w, window)) {
                            Some(j) => {
                                stack.bring_forward(ui.ctx(), j);
                            }
                            None => ui.ctx().move_to_top(layer_of(window_id(computer, window))),
                        }
                    }
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
            // The notification area: Lync's icon while it runs for the user logged on.
            if let Some(user) = logged_on
                && lab.client((user, computer)).is_some_and(|c| c.running)
            {
                ui.add_space(6.0);
                lync_info::notification_icon(
                    ui,
                    Actor {
                        lab,
                        seat: (user, computer),
                    },
                    actions,
                );
                ui.add_space(6.0);
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
    gestures: &mut Commands,
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
            place_at: None,
            size: None,
            blocked: false,
            flash: false,
        },
        |ui| inspector::ui(ui, lab, gestures),
    );
    if shown.close_clicked {
        *open = false;
    }
}
