//! Registry Editor (W11): the key tree of the (user, computer) hive and the values list with
//! the three DelegatorList values behind the delegate banner (B7).

use egui::{Align2, Color32, Rect, RichText, Sense, Ui, vec2};

use super::window::{expect_this, paint_disclosure};
use super::{Actor, theme};
use crate::lab::registry::{DelegatorListValue, VALUE_TYPE, lync_key_parts};
use crate::scenario::Expectation;
use crate::session::view::RegistryEditorUi;
use crate::ui::Commands;
use crate::ui::command::AppCommand;

const ROOTS: [&str; 5] = [
    "HKEY_CLASSES_ROOT",
    "HKEY_CURRENT_USER",
    "HKEY_LOCAL_MACHINE",
    "HKEY_USERS",
    "HKEY_CURRENT_CONFIG",
];

/// One key in the tree: its full path and depth.
struct Key {
    path: String,
    name: String,
    depth: usize,
    has_children: bool,
}

/// The keys the lab models: the hive roots and the path down to the user's Lync key.
fn keys(actor: Actor<'_>) -> Vec<Key> {
    let lab = actor.lab;
    let email = lab.directory().email(actor.seat.0);
    let user_key_exists = lab.delegator_lists(actor.seat).is_some();
    let mut parts = lync_key_parts(&email);
    if !user_key_exists {
        parts.pop();
    }
    let mut keys = vec![Key {
        path: "Computer".into(),
        name: "Computer".into(),
        depth: 0,
        has_children: true,
    }];
    for root in ROOTS {
        if root == "HKEY_CURRENT_USER" {
            for (i, part) in parts.iter().enumerate() {
                keys.push(Key {
                    path: format!("Computer\\{}", parts[..=i].join("\\")),
                    name: part.clone(),
                    depth: i + 1,
                    has_children: i + 1 < parts.len(),
                });
            }
        } else {
            keys.push(Key {
                path: format!("Computer\\{root}"),
                name: root.into(),
                depth: 1,
                has_children: false,
            });
        }
    }
    keys
}

/// Tree indent per level and the offset of a key's name from its indent.
const INDENT: f32 = 16.0;
const NAME_OFFSET: f32 = 34.0;
const TREE_FONT: f32 = 12.5;
const ROW_HEIGHT: f32 = 20.0;
/// Padding right of a column's widest text, as regedit's auto-size leaves.
const COLUMN_PAD: f32 = 10.0;
/// The value-name icon ("ab") and its gap before the name.
const ICON_WIDTH: f32 = 20.0;

/// Why the value type is what it is: shown on every value row and on the Type column.
pub const VALUE_TYPE_ASSUMPTION: &str =
    "Lab assumption: the DelegatorList values are REG_SZ strings of SIP URIs joined by ';'.";

pub fn ui(ui: &mut Ui, actor: Actor<'_>, state: &mut RegistryEditorUi, gestures: &mut Commands) {
    let lab = actor.lab;
    let email = lab.directory().email(actor.seat.0);
    let user_key = format!("Computer\\{}", lync_key_parts(&email).join("\\"));
    let keys = keys(actor);
    let selected = state
        .selected
        .clone()
        .filter(|s| keys.iter().any(|k| &k.path == s))
        .unwrap_or_else(|| {
            if lab.delegator_lists(actor.seat).is_some() {
                user_key.clone()
            } else {
                "Computer".into()
            }
        });
    let visible = visible_keys(&keys, state);
    // Fixed regions (menu, tree | values, status bar) filling the window; the tree is as wide
    // as its widest visible key, as after a double-click on the splitter.
    let area = ui.available_rect_before_wrap();
    ui.allocate_rect(area, Sense::hover());
    let menu = Rect::from_min_size(area.min, vec2(area.width(), 24.0));
    let status = Rect::from_min_max(egui::pos2(area.left(), area.bottom() - 22.0), area.max);
    let widest_key = visible
        .iter()
        .map(|k| key_name_x(k) + text_width(ui, &k.name, TREE_FONT) + COLUMN_PAD)
        .fold(180.0, f32::max);
    let tree_width = widest_key.min(area.width() * 0.6);
    let tree = Rect::from_min_max(
        egui::pos2(area.left(), menu.bottom()),
        egui::pos2(area.left() + tree_width, status.top()),
    );
    let values = Rect::from_min_max(
        egui::pos2(tree.right(), menu.bottom()),
        egui::pos2(area.right(), status.top()),
    );
    let painter = ui.painter();
    for rect in [tree, values] {
        painter.rect_stroke(
            rect,
            0.0,
            egui::Stroke::new(1.0, theme::BORDER),
            egui::StrokeKind::Inside,
        );
    }
    painter.line_segment(
        [status.left_top(), status.right_top()],
        egui::Stroke::new(1.0, theme::BORDER),
    );
    let region = |rect: Rect, margin: f32| {
        egui::UiBuilder::new()
            .max_rect(rect.shrink(margin))
            .layout(egui::Layout::top_down(egui::Align::Min))
    };
    ui.scope_builder(region(menu, 2.0), |ui| menu_bar(ui, actor, gestures));
    ui.scope_builder(region(tree, 1.0), |ui| {
        egui::ScrollArea::both()
            .id_salt("regedit-tree")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.spacing_mut().item_spacing.y = 0.0;
                for key in &visible {
                    let collapsed = state.collapsed.contains(&key.path);
                    tree_row(ui, key, key.path == selected, collapsed, state);
                }
            });
    });
    ui.scope_builder(region(values, 1.0), |ui| {
        egui::ScrollArea::both()
            .id_salt("regedit-values")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                values_table(ui, actor, selected == user_key, state, gestures);
            });
    });
    ui.scope_builder(region(status, 3.0), |ui| {
        ui.label(
            RichText::new(&selected)
                .size(11.5)
                .color(theme::SUBTLE_TEXT),
        );
    });
}

/// The keys the tree shows: those not below a collapsed key.
fn visible_keys<'k>(keys: &'k [Key], state: &RegistryEditorUi) -> Vec<&'k Key> {
    let mut shown = Vec::new();
    let mut hidden_below: Option<usize> = None;
    for key in keys {
        if let Some(depth) = hidden_below {
            if key.depth > depth {
                continue;
            }
            hidden_below = None;
        }
        shown.push(key);
        if state.collapsed.contains(&key.path) {
            hidden_below = Some(key.depth);
        }
    }
    shown
}

fn key_name_x(key: &Key) -> f32 {
    8.0 + key.depth as f32 * INDENT + NAME_OFFSET - 8.0
}

fn text_width(ui: &Ui, text: &str, size: f32) -> f32 {
    ui.painter()
        .layout_no_wrap(text.to_owned(), theme::font(size), theme::TEXT)
        .size()
        .x
}

/// File, Edit, View, Favorites, Help: File → Export... and View → Refresh work, the rest is
/// not part of the lab.
fn menu_bar(ui: &mut Ui, actor: Actor<'_>, gestures: &mut Commands) {
    let disabled = |ui: &mut Ui, items: &[&str]| {
        for item in items {
            if item.is_empty() {
                ui.separator();
            } else {
                ui.add_enabled(false, egui::Button::new(*item))
                    .on_disabled_hover_text(super::NOT_IN_THIS_LAB);
            }
        }
    };
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            disabled(ui, &["Import..."]);
            let export = ui
                .button("Export...")
                .on_hover_text("Writes HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\15.0\\Lync as a .reg file, as Registry Editor exports it.");
            if export.clicked() {
                gestures.push(AppCommand::ExportRegistry(actor.seat));
                ui.close();
            }
            disabled(
                ui,
                &[
                    "",
                    "Load Hive...",
                    "Unload Hive...",
                    "",
                    "Connect Network Registry...",
                    "Disconnect Network Registry...",
                    "",
                    "Print...",
                    "",
                    "Exit",
                ],
            );
        });
        ui.menu_button("Edit", |ui| {
            disabled(
                ui,
                &[
                    "New",
                    "",
                    "Permissions...",
                    "",
                    "Delete",
                    "Rename",
                    "",
                    "Copy Key Name",
                    "",
                    "Find...",
                    "Find Next",
                ],
            );
        });
        ui.menu_button("View", |ui| {
            disabled(ui, &["Status Bar", "", "Split", ""]);
            let refresh = ui
                .add(egui::Button::new("Refresh").shortcut_text("F5"))
                .on_hover_text("The lab shows the hive as it is now, at every step.");
            // The values list reads the hive every frame, so a refresh has nothing to reload.
            if refresh.clicked() {
                ui.close();
            }
        });
        ui.menu_button("Favorites", |ui| {
            disabled(ui, &["Add to Favorites...", "Remove Favorite..."]);
        });
        ui.menu_button("Help", |ui| {
            disabled(ui, &["Help Topics", "", "About Registry Editor"]);
        });
    });
}

/// One row of the tree: click selects, click on the triangle or double-click folds.
fn tree_row(ui: &mut Ui, key: &Key, selected: bool, collapsed: bool, state: &mut RegistryEditorUi) {
    let x0 = ui.max_rect().left();
    let name_x = key_name_x(key);
    let width = name_x + text_width(ui, &key.name, TREE_FONT) + COLUMN_PAD;
    let (rect, response) = ui.allocate_exact_size(
        vec2(width.max(ui.available_width()), ROW_HEIGHT),
        Sense::click(),
    );
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::TreeItem, true, selected, &key.name)
    });
    let painter = ui.painter();
    let x = x0 + 8.0 + key.depth as f32 * INDENT;
    if key.has_children {
        paint_disclosure(
            painter,
            egui::pos2(x, rect.center().y),
            !collapsed,
            theme::SUBTLE_TEXT,
        );
    }
    let folder = Rect::from_min_size(egui::pos2(x + 8.0, rect.center().y - 5.0), vec2(13.0, 10.0));
    painter.rect_filled(folder, 1.0, Color32::from_rgb(0xE8, 0xC0, 0x5A));
    let text_pos = egui::pos2(x0 + name_x, rect.center().y);
    let galley = painter.layout_no_wrap(key.name.clone(), theme::font(TREE_FONT), theme::TEXT);
    if selected {
        painter.rect_filled(
            Rect::from_min_size(
                text_pos - vec2(2.0, galley.size().y / 2.0),
                galley.size() + vec2(4.0, 0.0),
            ),
            0.0,
            theme::SELECTED_FILL,
        );
    }
    painter.galley(
        text_pos - vec2(0.0, galley.size().y / 2.0),
        galley,
        theme::TEXT,
    );
    if response.clicked() {
        let on_triangle = response
            .interact_pointer_pos()
            .is_some_and(|p| p.x < x + 6.0);
        if on_triangle && key.has_children {
            if collapsed {
                state.collapsed.remove(&key.path);
            } else {
                state.collapsed.insert(key.path.clone());
            }
        } else {
            state.selected = Some(key.path.clone());
            state.selected_value = None;
        }
    }
    if response.double_clicked() && key.has_children {
        if collapsed {
            state.collapsed.remove(&key.path);
        } else {
            state.collapsed.insert(key.path.clone());
        }
    }
}

/// One line of the values list.
struct ValueRow<'a> {
    name: String,
    kind: &'static str,
    data: String,
    /// The value's entries, for "Expect this" (None for "(Default)").
    entries: Option<&'a [crate::lab::UserIx]>,
}

fn values_table(
    ui: &mut Ui,
    actor: Actor<'_>,
    is_user_key: bool,
    state: &mut RegistryEditorUi,
    gestures: &mut Commands,
) {
    let lab = actor.lab;
    let mut rows = vec![ValueRow {
        name: "(Default)".into(),
        kind: VALUE_TYPE,
        data: "(value not set)".into(),
        entries: None,
    }];
    if is_user_key && let Some(lists) = lab.delegator_lists(actor.seat) {
        for value in DelegatorListValue::ALL {
            rows.push(ValueRow {
                name: value.name().into(),
                kind: VALUE_TYPE,
                data: lab.registry_text(lists.get(value)),
                entries: Some(lists.get(value)),
            });
        }
    }
    // Each column as wide as its widest text (a double-click on each header divider).
    let size = 12.5;
    let column = |ui: &Ui, header: &str, cells: &mut dyn Iterator<Item = &str>, extra: f32| {
        cells
            .map(|c| text_width(ui, c, size) + extra)
            .fold(text_width(ui, header, 12.0), f32::max)
            + COLUMN_PAD
    };
    let widths = [
        column(
            ui,
            "Name",
            &mut rows.iter().map(|r| r.name.as_str()),
            ICON_WIDTH,
        ) + 6.0,
        column(ui, "Type", &mut rows.iter().map(|r| r.kind), 0.0),
        column(ui, "Data", &mut rows.iter().map(|r| r.data.as_str()), 0.0),
    ];
    let total: f32 = widths.iter().sum();
    ui.spacing_mut().item_spacing = vec2(0.0, 0.0);
    // Header: left-aligned captions with dividers.
    let (header, _) =
        ui.allocate_exact_size(vec2(total.max(ui.available_width()), 22.0), Sense::hover());
    let painter = ui.painter();
    painter.line_segment(
        [header.left_bottom(), header.right_bottom()],
        egui::Stroke::new(1.0, theme::BORDER),
    );
    let mut x = header.left();
    for (caption, width) in ["Name", "Type", "Data"].into_iter().zip(widths) {
        let cell = Rect::from_min_size(egui::pos2(x, header.top()), vec2(width, header.height()));
        let response = ui.interact(
            cell,
            ui.scope_id().with(("regedit-header", caption)),
            Sense::hover(),
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ColumnHeader, true, caption));
        if caption == "Type" {
            response.on_hover_text(VALUE_TYPE_ASSUMPTION);
        }
        let painter = ui.painter();
        painter.text(
            cell.left_center() + vec2(6.0, 0.0),
            Align2::LEFT_CENTER,
            caption,
            theme::font(12.0),
            theme::TEXT,
        );
        painter.line_segment(
            [
                cell.right_top() + vec2(-0.5, 3.0),
                cell.right_bottom() + vec2(-0.5, -3.0),
            ],
            egui::Stroke::new(1.0, theme::BORDER),
        );
        x += width;
    }
    for row in rows {
        let selected = state.selected_value.as_deref() == Some(row.name.as_str());
        value_row(ui, actor, &row, &widths, selected, state, gestures);
    }
}

/// One value: the whole row selects on a click (highlight across Name, Type and Data); its
/// right-click menu has regedit's items (not part of the lab) and, on the DelegatorList values,
/// "Expect this".
fn value_row(
    ui: &mut Ui,
    actor: Actor<'_>,
    row: &ValueRow<'_>,
    widths: &[f32; 3],
    selected: bool,
    state: &mut RegistryEditorUi,
    gestures: &mut Commands,
) {
    let total: f32 = widths.iter().sum();
    let (rect, response) = ui.allocate_exact_size(vec2(total, ROW_HEIGHT), Sense::click());
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::ListItem, true, selected, &row.name)
    });
    let painter = ui.painter();
    if selected {
        painter.rect_filled(rect, 0.0, theme::SELECTED_FILL);
    } else if response.hovered() {
        painter.rect_filled(rect, 0.0, theme::HOVER_FILL);
    }
    let icon = Rect::from_min_size(rect.left_top() + vec2(6.0, 3.0), vec2(16.0, 14.0));
    painter.text(
        icon.center(),
        Align2::CENTER_CENTER,
        "ab",
        theme::font(9.5),
        Color32::from_rgb(0xC0, 0x30, 0x30),
    );
    painter.text(
        rect.left_center() + vec2(6.0 + ICON_WIDTH, 0.0),
        Align2::LEFT_CENTER,
        &row.name,
        theme::font(12.5),
        theme::TEXT,
    );
    painter.text(
        rect.left_center() + vec2(widths[0] + 6.0, 0.0),
        Align2::LEFT_CENTER,
        row.kind,
        theme::font(12.5),
        theme::TEXT,
    );
    // The data is a label of its own, so a test can measure it.
    let data = Rect::from_min_max(
        egui::pos2(rect.left() + widths[0] + widths[1] + 6.0, rect.top()),
        rect.max,
    );
    ui.scope_builder(
        egui::UiBuilder::new()
            .max_rect(data)
            .layout(egui::Layout::left_to_right(egui::Align::Center)),
        |ui| {
            ui.add(
                egui::Label::new(RichText::new(&row.data).size(12.5))
                    .selectable(false)
                    .extend(),
            );
        },
    );
    if response.clicked() || response.secondary_clicked() {
        state.selected_value = Some(row.name.clone());
    }
    let response = response.on_hover_text(VALUE_TYPE_ASSUMPTION);
    response.context_menu(|ui| {
        for item in ["Modify...", "Modify Binary Data...", "", "Delete", "Rename"] {
            if item.is_empty() {
                ui.separator();
            } else {
                ui.add_enabled(false, egui::Button::new(item))
                    .on_disabled_hover_text(super::NOT_IN_THIS_LAB);
            }
        }
        if let Some(entries) = row.entries {
            ui.separator();
            if expect_this(ui) {
                let lab = actor.lab;
                gestures.push(Expectation::ExpectRegistry {
                    user: actor.user_name(),
                    computer: actor.computer(),
                    value: row.name.as_str().into(),
                    entries: entries
                        .iter()
                        .map(|&u| lab.directory().sip_uri(u).into())
                        .collect(),
                });
            }
        }
    });
}
