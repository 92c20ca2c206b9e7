//! Outlook 2013's address book as its pickers show it (W5, W7, W8): Add Users (Add...),
//! "Select Attendees and Resources: Global Address List" (the meeting form's To...) and
//! "Select Name: Global Address List" (Open a Shared Calendar's Name...). One layout:
//! "Search:" with Name only / More columns, the search box and Go, the Address Book drop-down
//! and Advanced Find, the address list with Outlook's columns, the "... ->" buttons with what
//! was chosen, OK and Cancel.

use egui::{Align2, Rect, Sense, Stroke, Ui, pos2, vec2};

use super::AddUsersDraft;
use crate::lab::UserIx;
use crate::ui::window::{DialogKeys, OkCancel, dialog_buttons, just_opened, list_row};
use crate::ui::{Actor, NOT_IN_THIS_LAB, theme};

/// Which picker it is: what its "... ->" buttons say and how many names it takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Book {
    /// Add Users (W5): "Add ->", any number of users.
    AddUsers,
    /// The meeting's attendees: "Required ->" (Optional and Resources are not modelled).
    Attendees,
    /// One name: "Name ->", a new choice replaces the last.
    OneName,
}

impl Book {
    fn add_label(self) -> &'static str {
        match self {
            Book::AddUsers => "Add ->",
            Book::Attendees => "Required ->",
            Book::OneName => "Name ->",
        }
    }

    fn chosen_hover(self) -> &'static str {
        match self {
            Book::AddUsers => "Users to add as delegates",
            Book::Attendees => "Required attendees",
            Book::OneName => "The calendar's owner",
        }
    }
}

/// How the picker was closed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Answer {
    /// OK, with the names chosen, in the order chosen.
    Ok(Vec<UserIx>),
    Cancel,
}

/// The address list's columns as Outlook 2013 shows them, with their widths (the last takes
/// the rest). The lab's users have a name and an address only; the other cells stay empty.
const COLUMNS: [(&str, f32); 6] = [
    ("Name", 150.0),
    ("Title", 70.0),
    ("Business Phone", 104.0),
    ("Location", 74.0),
    ("Department", 86.0),
    ("E-mail Address", 0.0),
];

const LEFT_PART: f32 = 300.0;

/// Draws the picker's contents; returns how it was closed this frame, if it was.
pub(super) fn ui(
    ui: &mut Ui,
    actor: Actor<'_>,
    draft: &mut AddUsersDraft,
    book: Book,
    keys: DialogKeys,
) -> Option<Answer> {
    let dir = actor.lab.directory();
    egui::Frame::new()
        .inner_margin(12.0)
        .show(ui, |ui| {
            // "Search:  (o) Name only  ( ) More columns        Address Book"
            let (search_label, book_label) = ui
                .horizontal(|ui| {
                    let label = row_part(ui, |ui| {
                        let label = ui.label("Search:");
                        ui.radio_value(&mut draft.more_columns, false, "Name only");
                        ui.radio_value(&mut draft.more_columns, true, "More columns");
                        label
                    });
                    (label, ui.label("Address Book"))
                })
                .inner;
            // "[search        ] [Go]               [Global Address List - ... v] [Advanced Find]"
            let go = ui
                .horizontal(|ui| {
                    let go = row_part(ui, |ui| {
                        let search = ui
                            .add(egui::TextEdit::singleline(&mut draft.search).desired_width(236.0))
                            .labelled_by(search_label.id);
                        if just_opened(ui) {
                            search.request_focus();
                        }
                        ui.add_sized([44.0, 22.0], egui::Button::new("Go"))
                            .clicked()
                    });
                    let list = format!("Global Address List - {}", dir.email(actor.seat.0));
                    let mut selected = 0usize;
                    let combo = egui::ComboBox::from_id_salt("address-book")
                        .selected_text(list.as_str())
                        .width(220.0)
                        .truncate()
                        .show_index(ui, &mut selected, 1, |_| list.clone());
                    combo
                        .labelled_by(book_label.id)
                        .on_hover_text("Address Book: the lab has the Global Address List only.");
                    ui.add(egui::Button::new("Advanced Find"))
                        .on_hover_text(NOT_IN_THIS_LAB);
                    go
                })
                .inner;
            ui.add_space(4.0);
            let needle = draft.search.trim().to_lowercase();
            let matches = |name: &str, email: &str| {
                needle.is_empty()
                    || name.to_lowercase().starts_with(&needle)
                    || (draft.more_columns && email.contains(&needle))
            };
            if go
                && let Some((user, _)) = dir
                    .users()
                    .find(|(u, info)| matches(&info.name, &dir.email(*u)))
            {
                draft.selected = Some(user);
            }
            // Add Users lists security groups too (B15); the other pickers take people only.
            let groups = dir
                .groups()
                .filter(|_| book == Book::AddUsers)
                .map(|(g, info, _)| (g, info));
            let shown: Vec<(UserIx, String, String)> = dir
                .users()
                .chain(groups)
                .map(|(u, info)| (u, info.name.clone(), dir.email(u)))
                .filter(|(_, name, email)| matches(name, email))
                .collect();
            let mut add = None;
            egui::Frame::new()
                .stroke(Stroke::new(1.0, theme::BORDER))
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.set_height(190.0);
                    ui.spacing_mut().item_spacing.y = 0.0;
                    headers(ui);
                    egui::ScrollArea::vertical()
                        .id_salt("address-list")
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            for (user, name, email) in &shown {
                                let selected = draft.selected == Some(*user);
                                let (rect, row) =
                                    list_row(ui, 20.0, egui::Role::ListItem, name, selected);
                                let group = dir.is_group(*user);
                                paint_entry_icon(ui, rect, group);
                                paint_cell(ui, rect.with_min_x(rect.left() + 16.0), 0, name, theme::TEXT);
                                if group {
                                    row.clone().on_hover_text(
                                        "A mail-enabled security group: Outlook accepts it as a delegate; Lync's delegate sync does not (B15).",
                                    );
                                }
                                paint_cell(ui, rect, COLUMNS.len() - 1, email, theme::TEXT);
                                if row.clicked() {
                                    draft.selected = Some(*user);
                                }
                                if row.double_clicked() {
                                    add = Some(*user);
                                }
                            }
                        });
                });
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let button = ui.add_sized([96.0, 22.0], egui::Button::new(book.add_label()));
                if button.clicked()
                    && let Some(user) = draft.selected
                {
                    add = Some(user);
                }
                let mut names = draft
                    .chosen
                    .iter()
                    .map(|&u| dir.name(u))
                    .collect::<Vec<_>>()
                    .join("; ");
                ui.add(
                    egui::TextEdit::singleline(&mut names)
                        .desired_width(f32::INFINITY)
                        .interactive(false),
                )
                .labelled_by(button.id)
                .on_hover_text(book.chosen_hover());
            });
            if book == Book::Attendees {
                for label in ["Optional ->", "Resources ->"] {
                    ui.horizontal(|ui| {
                        let button = ui
                            .add_sized([96.0, 22.0], egui::Button::new(label))
                            .on_hover_text(NOT_IN_THIS_LAB);
                        let mut empty = String::new();
                        ui.add(
                            egui::TextEdit::singleline(&mut empty)
                                .desired_width(f32::INFINITY)
                                .interactive(false),
                        )
                        .labelled_by(button.id);
                    });
                }
            }
            if let Some(user) = add {
                match book {
                    Book::OneName => draft.chosen = vec![user],
                    Book::AddUsers | Book::Attendees => {
                        if !draft.chosen.contains(&user) {
                            draft.chosen.push(user);
                        }
                    }
                }
            }
            ui.add_space(8.0);
            match dialog_buttons(ui, &OkCancel::BUTTONS, keys) {
                Some(OkCancel::Ok) => {
                    // One name: a row selected but not moved across is the one meant.
                    if book == Book::OneName
                        && draft.chosen.is_empty()
                        && let Some(user) = draft.selected
                    {
                        draft.chosen.push(user);
                    }
                    Some(Answer::Ok(draft.chosen.clone()))
                }
                Some(OkCancel::Cancel) => Some(Answer::Cancel),
                None => None,
            }
        })
        .inner
}

/// The left part of a row of the search area, as wide as the search box and Go.
fn row_part<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
    ui.allocate_ui_with_layout(
        vec2(LEFT_PART, 24.0),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            let inner = add(ui);
            ui.add_space((LEFT_PART - ui.min_rect().width()).max(0.0));
            inner
        },
    )
    .inner
}

/// Where column `i` starts and ends in a row.
fn column(rect: Rect, i: usize) -> (f32, f32) {
    let left = rect.left() + COLUMNS[..i].iter().map(|(_, w)| w).sum::<f32>();
    let width = COLUMNS[i].1;
    let right = if width > 0.0 {
        left + width
    } else {
        rect.right()
    };
    (left, right.min(rect.right()))
}

/// The column headers, left-aligned, with Windows' thin dividers between them.
fn headers(ui: &mut Ui) {
    let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), 22.0), Sense::hover());
    let painter = ui.painter();
    painter.rect_filled(rect, 0.0, theme::LIGHT_FILL);
    painter.line_segment(
        [rect.left_bottom(), rect.right_bottom()],
        Stroke::new(1.0, theme::BORDER),
    );
    for (i, (name, _)) in COLUMNS.iter().enumerate() {
        paint_cell(ui, rect, i, name, theme::SUBTLE_TEXT);
        let (_, right) = column(rect, i);
        if i + 1 < COLUMNS.len() {
            ui.painter().line_segment(
                [
                    pos2(right - 1.0, rect.top() + 3.0),
                    pos2(right - 1.0, rect.bottom() - 3.0),
                ],
                Stroke::new(1.0, theme::BORDER),
            );
        }
    }
}

/// The entry's icon at the start of a row: one person, or two for a group (B15).
fn paint_entry_icon(ui: &Ui, rect: Rect, group: bool) {
    let painter = ui.painter();
    let color = theme::SUBTLE_TEXT;
    let person = |x: f32| {
        let c = pos2(x, rect.center().y);
        painter.circle_filled(c - vec2(0.0, 3.5), 2.6, color);
        painter.rect_filled(
            Rect::from_center_size(c + vec2(0.0, 3.0), vec2(7.0, 5.0)),
            2.0,
            color,
        );
    };
    if group {
        person(rect.left() + 8.0);
        person(rect.left() + 14.0);
    } else {
        person(rect.left() + 11.0);
    }
}

/// Text in column `i` of a row, left-aligned and clipped to the column.
fn paint_cell(ui: &Ui, rect: Rect, i: usize, text: &str, color: egui::Color32) {
    let (left, right) = column(rect, i);
    let cell = Rect::from_x_y_ranges(left..=right - 4.0, rect.y_range());
    ui.painter_at(cell).text(
        pos2(left + 6.0, rect.center().y),
        Align2::LEFT_CENTER,
        text,
        theme::font(12.5),
        color,
    );
}
