//! An application window in the Office 2013 / Windows 8 style: white, a 1 px grey border, a
//! flat title bar with the window's title and a close button — and what every window file
//! draws with: dialog buttons and the keys that press them, list rows, X buttons, "Expect
//! this", how a figure wants the window drawn. Window files take their helpers from here and
//! from `ui/mod.rs` only, never from one another.

use egui::{
    Color32, Frame, Id, Margin, Pos2, Rect, Role, Sense, Stroke, StrokeKind, Ui, WidgetInfo, vec2,
};

use super::theme;

/// Where and how a window appears.
pub struct WindowSpec<'a> {
    pub id: Id,
    pub title: &'a str,
    /// Where the window first appears (later moves are kept by egui).
    pub default_rect: Rect,
    /// The desktop: windows cannot leave it.
    pub bounds: Rect,
    pub resizable: bool,
    /// Fill of the content area.
    pub fill: Color32,
    /// Put it here now (a message box reappearing over its owner); else egui keeps its place.
    pub place_at: Option<Pos2>,
    /// A modal window of its own is open: nothing in it takes a click, a drag or the keyboard.
    pub blocked: bool,
    /// Drawn with a highlighted border and title, as Windows flashes a modal dialog when its
    /// blocked owner is clicked.
    pub flash: bool,
    /// This size now, whatever the user made it (a figure's `size`).
    pub size: Option<egui::Vec2>,
}

/// What a shown window reports.
pub struct Shown<R> {
    pub inner: Option<R>,
    pub close_clicked: bool,
    pub rect: Option<Rect>,
    /// The pointer was pressed on it while it was blocked.
    pub blocked_press: bool,
}

/// No window is drawn smaller, by hand or for a figure: below it, a window's layout has no
/// room for its title bar and buttons.
pub const MIN_SIZE: egui::Vec2 = vec2(200.0, 120.0);

/// Shows a window with an Office title bar; the content goes below it.
pub fn show<R>(
    ctx: &egui::Context,
    spec: WindowSpec<'_>,
    add_contents: impl FnOnce(&mut Ui) -> R,
) -> Shown<R> {
    let mut close_clicked = false;
    let mut blocked_press = false;
    let frame = Frame::new()
        .fill(spec.fill)
        .stroke(Stroke::new(1.0, theme::BORDER))
        .shadow(ctx.global_style().visuals.window_shadow)
        .inner_margin(Margin::ZERO);
    // The smallest size first: a figure's fixed size below replaces it.
    let mut window = egui::Window::new(spec.title).min_size(MIN_SIZE);
    if let Some(pos) = spec.place_at {
        window = window.current_pos(pos);
    }
    if let Some(size) = spec.size {
        window = window.fixed_size(size.max(MIN_SIZE));
    }
    let response = window
        .id(spec.id)
        .title_bar(false)
        .frame(frame)
        .constrain_to(spec.bounds)
        .default_rect(spec.default_rect)
        .resizable(spec.resizable)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.spacing_mut().item_spacing.y = 0.0;
            close_clicked = title_bar(ui, spec.title, spec.flash);
            ui.spacing_mut().item_spacing.y = 5.0;
            let inner = add_contents(ui);
            if let Some(size) = spec.size {
                // A figure's size: a window whose contents are shorter fills it, as a window
                // resized by hand would. (The space comes after the last item's spacing, and
                // the frame's 1-point border is outside the contents, top and bottom.)
                let short = size.y - ui.min_rect().height() - ui.spacing().item_spacing.y - 2.0;
                if short > 0.0 {
                    ui.add_space(short);
                }
            }
            let whole = ui.min_rect().union(ui.max_rect()).intersect(ui.clip_rect());
            if spec.blocked {
                blocked_press = block(ui, whole);
                close_clicked = false;
            }
            if spec.flash {
                ui.ctx().layer_painter(ui.layer_id()).rect_stroke(
                    whole.expand(1.0),
                    0.0,
                    Stroke::new(2.0, theme::OUTLOOK_BLUE),
                    StrokeKind::Inside,
                );
            }
            inner
        });
    Shown {
        rect: response.as_ref().map(|r| r.response.rect),
        inner: response.and_then(|r| r.inner),
        close_clicked,
        blocked_press,
    }
}

/// Covers a blocked window with one widget added last, so it alone is hovered, clicked or
/// dragged there (the window's own widgets and its move by dragging see nothing), and takes
/// the keyboard from it. Returns whether the pointer was pressed on it.
fn block(ui: &mut Ui, rect: Rect) -> bool {
    let cover = ui.interact(
        rect,
        ui.scope_id().with("blocked-by-modal"),
        Sense::CLICK | Sense::DRAG,
    );
    let layer = ui.layer_id();
    let ctx = ui.ctx();
    if let Some(focused) = ctx.memory(|m| m.focused())
        && ctx
            .read_response(focused)
            .is_some_and(|r| r.layer_id == layer)
    {
        ctx.memory_mut(|m| m.surrender_focus(focused));
    }
    cover.hovered() && ui.input(|i| i.pointer.any_pressed())
}

/// A button of a dialog, by what it does: its label, exactly as the dialog shows it (UI tests
/// find buttons by it), and the key that presses it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogButton {
    Ok,
    Cancel,
    Apply,
    Yes,
    No,
    Save,
    DontSave,
    Open,
    Resume,
    Discard,
    Dismiss,
    Import,
}

/// The keys that press a dialog's buttons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogKey {
    /// The default button.
    Enter,
    /// The button that backs out.
    Escape,
}

impl DialogButton {
    pub const fn label(self) -> &'static str {
        match self {
            DialogButton::Ok => "OK",
            DialogButton::Cancel => "Cancel",
            DialogButton::Apply => "Apply",
            DialogButton::Yes => "Yes",
            DialogButton::No => "No",
            DialogButton::Save => "Save",
            DialogButton::DontSave => "Don't Save",
            DialogButton::Open => "Open",
            DialogButton::Resume => "Resume",
            DialogButton::Discard => "Discard",
            DialogButton::Dismiss => "Dismiss",
            DialogButton::Import => "Import",
        }
    }

    /// The key that presses it in a dialog that has the keyboard: Enter the default button,
    /// Escape the one that backs out. Apply, Don't Save and Discard take a click (Escape must
    /// not throw recovered work away); a notice's Dismiss is not in a dialog.
    pub const fn key(self) -> Option<DialogKey> {
        match self {
            DialogButton::Ok
            | DialogButton::Yes
            | DialogButton::Save
            | DialogButton::Open
            | DialogButton::Resume
            | DialogButton::Import => Some(DialogKey::Enter),
            DialogButton::Cancel | DialogButton::No => Some(DialogKey::Escape),
            DialogButton::Apply
            | DialogButton::DontSave
            | DialogButton::Discard
            | DialogButton::Dismiss => None,
        }
    }
}

/// OK and Cancel: the buttons of most dialogs. A dialog with other buttons has a small enum
/// of its own, so that its `match` names exactly the buttons it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OkCancel {
    Ok,
    Cancel,
}

impl OkCancel {
    pub const BUTTONS: [OkCancel; 2] = [OkCancel::Ok, OkCancel::Cancel];
}

impl From<OkCancel> for DialogButton {
    fn from(button: OkCancel) -> Self {
        match button {
            OkCancel::Ok => DialogButton::Ok,
            OkCancel::Cancel => DialogButton::Cancel,
        }
    }
}

/// Keys meant for the front-most window of the desktop looked at, taken from egui's input
/// before the windows are drawn: Enter presses a dialog's default button, Escape cancels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DialogKeys {
    pub enter: bool,
    pub escape: bool,
}

impl DialogKeys {
    /// Which of `buttons` (those that can be pressed now) the keys press: Enter the default
    /// one, else Escape the one that backs out — or, as in Windows' message boxes with one
    /// button, that button.
    pub fn pressed<B: Copy + Into<DialogButton>>(self, buttons: &[B]) -> Option<B> {
        let with = |key| {
            buttons
                .iter()
                .copied()
                .find(|b| (*b).into().key() == Some(key))
        };
        let by_enter = if self.enter {
            with(DialogKey::Enter)
        } else {
            None
        };
        by_enter.or_else(|| {
            if !self.escape {
                return None;
            }
            with(DialogKey::Escape).or(match buttons {
                [only] => Some(*only),
                _ => None,
            })
        })
    }
}

/// Dialog buttons on the right, made left to right so Tab goes through them in the order
/// they are seen: returns the button clicked, or the one Enter (the default, OK) or Escape
/// (Cancel) presses.
pub fn dialog_buttons<B: Copy + Into<DialogButton>>(
    ui: &mut Ui,
    buttons: &[B],
    keys: DialogKeys,
) -> Option<B> {
    const SIZE: [f32; 2] = [80.0, 24.0];
    let mut clicked = None;
    // The row as a right-to-left layout sizes it (the figures keep their size), filled from
    // the left.
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
            let gap = ui.spacing().item_spacing.x;
            let count = buttons.len() as f32;
            let width = count * SIZE[0] + (count - 1.0).max(0.0) * gap;
            ui.add_space((ui.available_width() - width).max(0.0));
            for &button in buttons {
                let label = button.into().label();
                if ui.add_sized(SIZE, egui::Button::new(label)).clicked() {
                    clicked = Some(button);
                }
            }
        });
    });
    clicked.or_else(|| keys.pressed(buttons))
}

/// The OK of a message box, its one button: it has the keyboard when the box appears; true
/// when clicked, or pressed by Enter or Escape.
pub fn message_box_ok(ui: &mut Ui, keys: DialogKeys) -> bool {
    let ok = ui.add_sized([84.0, 24.0], egui::Button::new(DialogButton::Ok.label()));
    if just_opened(ui) {
        ok.request_focus();
    }
    ok.clicked() || keys.pressed(&[DialogButton::Ok]).is_some()
}

/// The lab's "Expect this" item in a right-click menu: true when chosen (the menu closes).
pub fn expect_this(ui: &mut Ui) -> bool {
    let chosen = ui
        .button("Expect this")
        .on_hover_text("Add an expectation that this is what the lab shows here, at the current step (File → Save as Scenario... keeps it)")
        .clicked();
    if chosen {
        ui.close();
    }
    chosen
}

/// How `shots` wants the next frame drawn (SPEC §S, Capture's optional fields).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FigureView {
    /// The key of the only window drawn ([`crate::lab::screen::Window::key`]): the crop then
    /// holds nothing of the others.
    pub solo: Option<String>,
    /// The solo window's size, in points.
    pub size: Option<egui::Vec2>,
    /// Where the desktop's top left is drawn, for a frame of the desktop alone (no lab
    /// chrome): (0, 0) for a whole desktop, or off to the top left so the solo window sits
    /// at the frame's margin, the frame then no larger than the figure (fewer pixels to
    /// render). None: the lab as usual.
    pub desktop_at: Option<egui::Pos2>,
    /// Red frames around widgets, with a number beside each when numbered.
    pub annotations: Vec<Annotation>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    pub rect: egui::Rect,
    pub number: Option<usize>,
}

/// Whether the window `ui` draws into appeared this frame (it was not shown the frame before).
pub fn just_opened(ui: &Ui) -> bool {
    let layer = ui.layer_id();
    !ui.ctx().memory(|m| m.areas().visible_last_frame(&layer))
}

/// The title bar; true when its close button was clicked.
fn title_bar(ui: &mut Ui, title: &str, flash: bool) -> bool {
    let width = ui.available_width().max(120.0);
    let (rect, _) = ui.allocate_exact_size(vec2(width, 30.0), Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    painter.text(
        rect.left_center() + vec2(10.0, 0.0),
        egui::Align2::LEFT_CENTER,
        title,
        theme::font(12.0),
        if flash {
            theme::OUTLOOK_BLUE
        } else {
            theme::SUBTLE_TEXT
        },
    );
    let close_rect = Rect::from_min_size(rect.right_top() - vec2(40.0, 0.0), vec2(40.0, 26.0));
    let close = ui
        .interact(
            close_rect,
            ui.scope_id().with("window-close"),
            // Not in the Tab order, as in Windows.
            Sense::CLICK,
        )
        .on_hover_text("Close");
    close.widget_info(|| WidgetInfo::labeled(Role::Button, true, "Close"));
    let (fill, stroke) = if close.hovered() {
        (Color32::from_rgb(0xE8, 0x11, 0x23), Color32::WHITE)
    } else {
        (Color32::TRANSPARENT, theme::SUBTLE_TEXT)
    };
    painter.rect_filled(close_rect, 0.0, fill);
    let c = close_rect.center();
    let d = 4.5;
    let pen = Stroke::new(1.3, stroke);
    painter.line_segment([c + vec2(-d, -d), c + vec2(d, d)], pen);
    painter.line_segment([c + vec2(-d, d), c + vec2(d, -d)], pen);
    close.clicked()
}

/// A painted X button with an accessible label (for banners and small panes).
pub fn x_button(ui: &mut Ui, label: &str, color: Color32) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(vec2(18.0, 18.0), Sense::click());
    response.widget_info(|| WidgetInfo::labeled(Role::Button, true, label));
    let response = response.on_hover_text(label);
    let painter = ui.painter();
    if response.hovered() {
        painter.rect_filled(rect, 0.0, Color32::from_black_alpha(20));
    }
    let c = rect.center();
    let d = 4.0;
    let pen = Stroke::new(1.3, color);
    painter.line_segment([c + vec2(-d, -d), c + vec2(d, d)], pen);
    painter.line_segment([c + vec2(-d, d), c + vec2(d, -d)], pen);
    response
}

/// A full-width row of a list or tree with its selected / hover fill and an accessible name;
/// the caller paints what the row shows.
pub fn list_row(
    ui: &mut Ui,
    height: f32,
    role: Role,
    name: &str,
    selected: bool,
) -> (Rect, egui::Response) {
    let (rect, response) =
        ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::click());
    response.widget_info(|| WidgetInfo::selected(role, true, selected, name));
    if selected {
        ui.painter().rect_filled(rect, 0.0, theme::SELECTED_FILL);
    } else if response.hovered() {
        ui.painter().rect_filled(rect, 0.0, theme::HOVER_FILL);
    }
    (rect, response)
}

/// A small triangle (expanded: pointing down) painted for tree rows and group headers.
pub fn paint_disclosure(
    painter: &egui::Painter,
    center: egui::Pos2,
    expanded: bool,
    color: Color32,
) {
    let s = 3.5;
    let points = if expanded {
        vec![
            center + vec2(-s, -s * 0.6),
            center + vec2(s, -s * 0.6),
            center + vec2(0.0, s * 0.8),
        ]
    } else {
        vec![
            center + vec2(-s * 0.6, -s),
            center + vec2(s * 0.8, 0.0),
            center + vec2(-s * 0.6, s),
        ]
    };
    painter.add(egui::Shape::convex_polygon(points, color, Stroke::NONE));
}
