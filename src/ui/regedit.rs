//! Registry Editor (W11): the key tree of the (user, computer) hive and the values list with
//! the three DelegatorList values behind the delegate banner (B7).

use egui::{Align2, Color32, Rect, RichText, Sense, Ui, vec2};

use super::window::paint_disclosure;
use super::{Actor, theme};
use crate::lab::registry::{DelegatorListValue, VALUE_TYPE, lync_key_parts};
use crate::scenario::Expectation;
use crate::session::view::RegistryEditorUi;
use crate::ui::Gestures;

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

pub fn ui(ui: &mut Ui, actor: Actor<'_>, state: &mut RegistryEditorUi, gestures: &mut Gestures) {
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
    // Fixed regions (menu, tree | values, status bar) filling the window.
    let area = ui.available_rect_before_wrap();
    ui.allocate_rect(area, Sense::hover());
    let menu = Rect::from_min_size(area.min, vec2(area.width(), 24.0));
    let status = Rect::from_min_max(egui::pos2(area.left(), area.bottom() - 22.0), area.max);
    let tree_width = (area.width() * 0.36).clamp(180.0, 300.0);
    let tree = Rect::from_min_max(
        egui::pos2(area.left(), menu.bottom()),
        egui::pos2(area.left() + tree_width, status.top()),
    );
    let values = Rect::from_min_max(
        egui::pos2(tree.right(), menu.bottom()),
        egui::pos2(area.right(), status.top()),
    );
    let painter = ui.painter();
    painter.rect_stroke(
        tree,
        0.0,
        egui::Stroke::new(1.0, theme::BORDER),
        egui::StrokeKind::Inside,
    );
    painter.rect_stroke(
        values,
        0.0,
        egui::Stroke::new(1.0, theme::BORDER),
        egui::StrokeKind::Inside,
    );
    painter.line_segment(
        [status.left_top(), status.right_top()],
        egui::Stroke::new(1.0, theme::BORDER),
    );
    let region = |rect: Rect, margin: f32| {
        egui::UiBuilder::new()
            .max_rect(rect.shrink(margin))
            .layout(egui::Layout::top_down(egui::Align::Min))
    };
    ui.scope_builder(region(menu, 4.0), |ui| {
        ui.horizontal(|ui| {
            for menu in ["File", "Edit", "View", "Favorites", "Help"] {
                ui.label(RichText::new(menu).size(12.0));
            }
        });
    });
    ui.scope_builder(region(tree, 1.0), |ui| {
        egui::ScrollArea::both()
            .id_salt("regedit-tree")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let mut hidden_below: Option<usize> = None;
                for key in &keys {
                    if let Some(depth) = hidden_below {
                        if key.depth > depth {
                            continue;
                        }
                        hidden_below = None;
                    }
                    let collapsed = state.collapsed.contains(&key.path);
                    tree_row(ui, key, key.path == selected, collapsed, state);
                    if collapsed {
                        hidden_below = Some(key.depth);
                    }
                }
            });
    });
    ui.scope_builder(region(values, 4.0), |ui| {
        egui::ScrollArea::both()
            .id_salt("regedit-values")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                values_table(ui, actor, selected == user_key, gestures);
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

/// One row of the tree: click selects, click on the triangle or double-click folds.
fn tree_row(ui: &mut Ui, key: &Key, selected: bool, collapsed: bool, state: &mut RegistryEditorUi) {
    let (rect, response) =
        ui.allocate_exact_size(vec2(ui.available_width().max(220.0), 20.0), Sense::click());
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::TreeItem, true, selected, &key.name)
    });
    let painter = ui.painter();
    let x = rect.left() + 8.0 + key.depth as f32 * 16.0;
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
    let text_pos = egui::pos2(x + 26.0, rect.center().y);
    let galley = painter.layout_no_wrap(key.name.clone(), theme::font(12.5), theme::TEXT);
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

fn values_table(ui: &mut Ui, actor: Actor<'_>, is_user_key: bool, gestures: &mut Gestures) {
    let lab = actor.lab;
    // (name, type, data, the value's entries for "Expect this").
    let mut rows: Vec<(String, String, String, Option<&[crate::lab::UserIx]>)> = vec![(
        "(Default)".into(),
        VALUE_TYPE.into(),
        "(value not set)".into(),
        None,
    )];
    if is_user_key && let Some(lists) = lab.delegator_lists(actor.seat) {
        for value in DelegatorListValue::ALL {
            rows.push((
                value.name().into(),
                VALUE_TYPE.into(),
                lab.registry_text(lists.get(value)),
                Some(lists.get(value)),
            ));
        }
    }
    let widths = [200.0, 80.0];
    egui::Grid::new("regedit-values").num_columns(3).spacing(vec2(12.0, 4.0)).striped(false).show(ui, |ui| {
        ui.add_sized([widths[0], 18.0], egui::Label::new(RichText::new("Name").size(12.0)));
        ui.add_sized([widths[1], 18.0], egui::Label::new(RichText::new("Type").size(12.0)))
            .on_hover_text("Lab assumption: the DelegatorList values are REG_SZ strings of SIP URIs joined by ';'.");
        ui.label(RichText::new("Data").size(12.0));
        ui.end_row();
        for (name, kind, data, entries) in rows {
            ui.horizontal(|ui| {
                ui.set_width(widths[0]);
                let (icon, _) = ui.allocate_exact_size(vec2(16.0, 14.0), Sense::hover());
                ui.painter().text(icon.center(), Align2::CENTER_CENTER, "ab", theme::font(9.5), Color32::from_rgb(0xC0, 0x30, 0x30));
                let label = ui.add(egui::Label::new(RichText::new(&name).size(12.5)).sense(Sense::click()));
                if let Some(entries) = entries {
                    label.context_menu(|ui| {
                        if super::lync::expect_this(ui) {
                            gestures.push(Expectation::ExpectRegistry {
                                user: actor.user(),
                                computer: actor.computer(),
                                value: name.as_str().into(),
                                entries: entries.iter().map(|&u| lab.directory().sip_uri(u).into()).collect(),
                            });
                        }
                    });
                }
            });
            ui.label(RichText::new(kind).size(12.5));
            ui.add(egui::Label::new(RichText::new(data).size(12.5)).selectable(true));
            ui.end_row();
        }
    });
}
