//! Delegates (W4), Add Users (W5) and Delegate Permissions (W6).

use crate::ui::Commands;
use egui::{Color32, Painter, Pos2, Rect, Sense, Stroke, Ui, vec2};

use super::address_book::{self, Answer, Book};
use super::{AddUsersDraft, DelegatesDraft, OutlookUi, PermissionsDraft};
use crate::lab::exchange::{DelegatePermissions, Level, MeetingRequestDelivery, Permissions};
use crate::lab::{Action, UserIx, WindowClass, WindowName};
use crate::ui::window::{DialogButton, DialogKeys, OkCancel, dialog_buttons, list_row};
use crate::ui::{Actor, theme};

pub const DELEGATES_INTRO: &str = "Delegates can send items on your behalf, including creating and responding to meeting requests. If you want to grant folder permissions without giving send-on-behalf-of permissions, close this dialog box, right-click the folder, click Change Sharing Permissions, and then change the options on the Permissions tab.";
pub const DELIVERY_CAPTION: &str = "Deliver meeting requests addressed to me and responses to meeting requests where I am the organizer to:";

/// The delegates as the dialog shows them: Exchange's, with the draft's changes.
pub fn shown_delegates(
    actor: Actor<'_>,
    draft: &DelegatesDraft,
) -> Vec<(UserIx, DelegatePermissions)> {
    let mailbox = actor.lab.mailbox(actor.seat.0);
    let mut list: Vec<(UserIx, DelegatePermissions)> = mailbox
        .delegates
        .iter()
        .filter(|d| !draft.removes.contains(&d.user))
        .map(|d| {
            let changed = draft
                .changes
                .iter()
                .rev()
                .find(|(u, _)| *u == d.user)
                .map(|(_, p)| *p);
            (d.user, changed.unwrap_or(d.permissions))
        })
        .collect();
    list.extend(draft.adds.iter().copied());
    list
}

/// The actions that apply a draft (Remove, permission changes, Add, delivery).
fn draft_actions(actor: Actor<'_>, draft: &DelegatesDraft) -> Vec<Action> {
    let (user, computer) = (actor.user(), actor.computer());
    let mut actions = Vec::new();
    for &d in &draft.removes {
        actions.push(Action::RemoveDelegate {
            user: user.clone(),
            computer: computer.clone(),
            delegate: actor.id_of(d),
        });
    }
    for (d, p) in &draft.changes {
        if !draft.removes.contains(d) {
            actions.push(Action::SetDelegatePermissions {
                user: user.clone(),
                computer: computer.clone(),
                delegate: actor.id_of(*d),
                permissions: p.to_permissions(),
            });
        }
    }
    for (d, p) in &draft.adds {
        actions.push(Action::AddDelegate {
            user: user.clone(),
            computer: computer.clone(),
            delegate: actor.id_of(*d),
            permissions: p.to_permissions(),
        });
    }
    if let Some(deliver) = draft.delivery {
        actions.push(Action::SetMeetingRequestDelivery {
            user,
            computer,
            deliver,
        });
    }
    actions
}

/// Delegates' buttons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OkCancelApply {
    Ok,
    Cancel,
    Apply,
}

impl OkCancelApply {
    const BUTTONS: [OkCancelApply; 3] = [
        OkCancelApply::Ok,
        OkCancelApply::Cancel,
        OkCancelApply::Apply,
    ];
}

impl From<OkCancelApply> for DialogButton {
    fn from(button: OkCancelApply) -> Self {
        match button {
            OkCancelApply::Ok => DialogButton::Ok,
            OkCancelApply::Cancel => DialogButton::Cancel,
            OkCancelApply::Apply => DialogButton::Apply,
        }
    }
}

pub fn delegates_ui(
    ui: &mut Ui,
    actor: Actor<'_>,
    state: &mut OutlookUi,
    keys: DialogKeys,
    actions: &mut Commands,
) {
    let dir = actor.lab.directory();
    let shown = shown_delegates(actor, &state.delegates);
    egui::Frame::new().inner_margin(12.0).show(ui, |ui| {
        ui.add(egui::Label::new(DELEGATES_INTRO).wrap());
        ui.add_space(6.0);
        ui.horizontal_top(|ui| {
            // The list of delegates.
            egui::Frame::new()
                .stroke(egui::Stroke::new(1.0, theme::BORDER))
                .show(ui, |ui| {
                    ui.set_width((ui.available_width() - 120.0).max(0.0));
                    ui.set_height(130.0);
                    ui.spacing_mut().item_spacing.y = 0.0;
                    for (delegate, _) in &shown {
                        let selected = state.delegates.selected == Some(*delegate);
                        let name = dir.name(*delegate);
                        let (rect, row) = list_row(ui, 20.0, egui::Role::ListItem, name, selected);
                        ui.painter().text(
                            rect.left_center() + vec2(6.0, 0.0),
                            egui::Align2::LEFT_CENTER,
                            name,
                            theme::font(12.5),
                            theme::TEXT,
                        );
                        if row.clicked() {
                            state.delegates.selected = Some(*delegate);
                        }
                        if row.double_clicked() {
                            open_permissions(actor, state, *delegate, &shown, actions);
                        }
                    }
                });
            ui.vertical(|ui| {
                let selected = state
                    .delegates
                    .selected
                    .filter(|s| shown.iter().any(|(d, _)| d == s));
                if ui
                    .add_sized([106.0, 24.0], egui::Button::new("Add..."))
                    .clicked()
                {
                    state.add_users = AddUsersDraft::default();
                    actions.push(actor.open_window(WindowName::of(WindowClass::AddUsers)));
                }
                if ui
                    .add_enabled(
                        selected.is_some(),
                        egui::Button::new("Remove").min_size(vec2(106.0, 24.0)),
                    )
                    .clicked()
                    && let Some(d) = selected
                {
                    let draft = &mut state.delegates;
                    if let Some(pos) = draft.adds.iter().position(|(u, _)| *u == d) {
                        draft.adds.remove(pos);
                    } else {
                        draft.removes.push(d);
                    }
                    draft.selected = None;
                }
                if ui
                    .add_enabled(
                        selected.is_some(),
                        egui::Button::new("Permissions...").min_size(vec2(106.0, 24.0)),
                    )
                    .clicked()
                    && let Some(d) = selected
                {
                    open_permissions(actor, state, d, &shown, actions);
                }
            });
        });
        ui.add_space(8.0);
        ui.add(egui::Label::new(DELIVERY_CAPTION).wrap());
        let current = state
            .delegates
            .delivery
            .unwrap_or(actor.lab.mailbox(actor.seat.0).delivery);
        for choice in MeetingRequestDelivery::ALL {
            if ui.radio(current == choice, choice.label()).clicked() {
                state.delegates.delivery = Some(choice);
            }
        }
        ui.add_space(10.0);
        match dialog_buttons(ui, &OkCancelApply::BUTTONS, keys) {
            Some(OkCancelApply::Ok) => {
                actions.extend(draft_actions(actor, &state.delegates));
                state.delegates = DelegatesDraft::default();
                actions.push(actor.close_window(WindowName::of(WindowClass::Delegates)));
            }
            Some(OkCancelApply::Apply) => {
                actions.extend(draft_actions(actor, &state.delegates));
                let selected = state.delegates.selected;
                state.delegates = DelegatesDraft {
                    selected,
                    ..DelegatesDraft::default()
                };
            }
            Some(OkCancelApply::Cancel) => {
                state.delegates = DelegatesDraft::default();
                actions.push(actor.close_window(WindowName::of(WindowClass::Delegates)));
            }
            None => {}
        }
    });
}

fn open_permissions(
    actor: Actor<'_>,
    state: &mut OutlookUi,
    delegate: UserIx,
    shown: &[(UserIx, DelegatePermissions)],
    actions: &mut Commands,
) {
    let Some((_, permissions)) = shown.iter().find(|(d, _)| *d == delegate) else {
        return;
    };
    let new = state.delegates.adds.iter().any(|(d, _)| *d == delegate);
    state.permissions = Some(PermissionsDraft {
        delegates: vec![delegate],
        new,
        permissions: *permissions,
        send_summary: false,
    });
    actions.push(actor.open_window(WindowName::new(
        WindowClass::DelegatePermissions.title(actor.lab.directory().name(delegate)),
    )));
}

pub fn add_users_ui(
    ui: &mut Ui,
    actor: Actor<'_>,
    state: &mut OutlookUi,
    keys: DialogKeys,
    actions: &mut Commands,
) {
    let dir = actor.lab.directory();
    let answer = address_book::ui(ui, actor, &mut state.add_users, Book::AddUsers, keys);
    match answer {
        Some(Answer::Ok(chosen)) => {
            actions.push(actor.close_window(WindowName::of(WindowClass::AddUsers)));
            let owner = actor.seat.0;
            if chosen.contains(&owner) {
                // Yourself: Outlook refuses in a message box (B1). The refusal is the
                // model's, so adding yourself is an action like any other, and the event
                // log and the timeline show it. The others chosen go on to their
                // permissions (lab assumption: the refusal stops only yourself).
                actions.push(Action::AddDelegate {
                    user: actor.user(),
                    computer: actor.computer(),
                    delegate: actor.id_of(owner),
                    permissions: Permissions::default(),
                });
            }
            let chosen: Vec<UserIx> = chosen.into_iter().filter(|&u| u != owner).collect();
            if let Some(&first) = chosen.first() {
                state.permissions = Some(PermissionsDraft {
                    delegates: chosen,
                    new: true,
                    permissions: DelegatePermissions::default(),
                    send_summary: false,
                });
                actions.push(actor.open_window(WindowName::new(
                    WindowClass::DelegatePermissions.title(dir.name(first)),
                )));
            }
        }
        Some(Answer::Cancel) => {
            actions.push(actor.close_window(WindowName::of(WindowClass::AddUsers)))
        }
        None => {}
    }
}

const FOLDERS: [&str; 5] = ["Calendar", "Tasks", "Inbox", "Contacts", "Notes"];

fn level_mut(p: &mut DelegatePermissions, folder: usize) -> &mut Level {
    match folder {
        0 => &mut p.calendar,
        1 => &mut p.tasks,
        2 => &mut p.inbox,
        3 => &mut p.contacts,
        _ => &mut p.notes,
    }
}

pub fn permissions_ui(
    ui: &mut Ui,
    actor: Actor<'_>,
    delegate: UserIx,
    state: &mut OutlookUi,
    keys: DialogKeys,
    actions: &mut Commands,
) {
    let title = WindowClass::DelegatePermissions.title(actor.lab.directory().name(delegate));
    // Opened by a scenario step rather than through the dialogs: start from what Exchange has.
    if state
        .permissions
        .as_ref()
        .is_none_or(|p| p.delegates.first() != Some(&delegate))
    {
        let current = actor
            .lab
            .mailbox(actor.seat.0)
            .delegate(delegate)
            .map(|d| d.permissions);
        state.permissions = Some(PermissionsDraft {
            delegates: vec![delegate],
            new: current.is_none(),
            permissions: current.unwrap_or_default(),
            send_summary: false,
        });
    }
    let clicked = egui::Frame::new().inner_margin(12.0).show(ui, |ui| {
        let draft = state.permissions.as_mut()?;
        ui.label("This delegate has the following permissions");
        ui.add_space(4.0);
        // Every drop-down as wide as the longest choice, whatever is chosen (as Windows'
        // fixed-width combo boxes).
        let combo_width = Level::ALL
            .iter()
            .map(|l| {
                ui.painter()
                    .layout_no_wrap(
                        l.label().to_owned(),
                        egui::TextStyle::Button.resolve(ui.style()),
                        theme::TEXT,
                    )
                    .size()
                    .x
            })
            .fold(0.0, f32::max)
            + ui.spacing().icon_width
            + ui.spacing().button_padding.x * 2.0
            + ui.spacing().icon_spacing;
        egui::Grid::new("permission-rows")
            .num_columns(2)
            .spacing(vec2(12.0, 8.0))
            .show(ui, |ui| {
                for (i, folder) in FOLDERS.iter().enumerate() {
                    let label = ui
                        .horizontal(|ui| {
                            let (rect, _) =
                                ui.allocate_exact_size(vec2(18.0, 18.0), Sense::hover());
                            paint_folder_icon(ui.painter(), rect, i);
                            ui.label(*folder)
                        })
                        .inner;
                    let level = level_mut(&mut draft.permissions, i);
                    let combo = egui::ComboBox::from_id_salt(("permission", i))
                        .selected_text(level.label())
                        .width(combo_width)
                        .show_ui(ui, |ui| {
                            for choice in Level::ALL {
                                ui.selectable_value(level, choice, choice.label());
                            }
                        });
                    combo.response.labelled_by(label.id);
                    ui.end_row();
                }
            });
        // B1 as Exchange stores permissions: "receives copies" only while Calendar is Editor.
        let p = &mut draft.permissions;
        *p = p.to_permissions().resolve().0;
        ui.add_space(4.0);
        ui.add_enabled(
            copies_kept(p),
            egui::Checkbox::new(
                &mut p.receives_meeting_copies,
                "Delegate receives copies of meeting-related messages sent to me",
            ),
        )
        .on_disabled_hover_text(
            "Only while Calendar is Editor (can read, create, and modify items).",
        );
        ui.checkbox(
            &mut draft.send_summary,
            "Automatically send a message to delegate summarizing these permissions",
        )
        .on_hover_text("Lab assumption: the summary message itself is not modelled.");
        ui.checkbox(
            &mut draft.permissions.see_private_items,
            "Delegate can see my private items",
        );
        ui.add_space(10.0);
        dialog_buttons(ui, &OkCancel::BUTTONS, keys)
    });
    match clicked.inner {
        Some(OkCancel::Ok) => {
            let Some(draft) = state.permissions.take() else {
                return;
            };
            for d in draft.delegates {
                let list = if draft.new {
                    &mut state.delegates.adds
                } else {
                    &mut state.delegates.changes
                };
                list.retain(|(u, _)| *u != d);
                list.push((d, draft.permissions));
            }
            actions.push(actor.close_window(WindowName::new(title)));
        }
        Some(OkCancel::Cancel) => {
            state.permissions = None;
            actions.push(actor.close_window(WindowName::new(title)));
        }
        None => {}
    }
}

/// Whether Exchange keeps "Delegate receives copies…" with these permissions (B1, by its own
/// rule: [`crate::lab::exchange::Permissions::resolve`]).
fn copies_kept(p: &DelegatePermissions) -> bool {
    let asked = DelegatePermissions {
        receives_meeting_copies: true,
        ..*p
    };
    asked.to_permissions().resolve().0.receives_meeting_copies
}

/// The small icon Outlook shows before each folder of Delegate Permissions, painted: the
/// calendar's page, the task's check, the inbox tray, the contact card, the note.
fn paint_folder_icon(painter: &Painter, rect: Rect, folder: usize) {
    let blue = theme::OUTLOOK_BLUE;
    let pen = Stroke::new(1.2, blue);
    let r = rect.shrink(2.0);
    match folder {
        // Calendar: a page with a blue top and a grid of days.
        0 => {
            painter.rect_filled(r, 1.0, Color32::WHITE);
            painter.rect_stroke(r, 1.0, pen, egui::StrokeKind::Inside);
            painter.rect_filled(Rect::from_min_size(r.min, vec2(r.width(), 4.0)), 1.0, blue);
            for i in 1..3 {
                let x = r.left() + r.width() * i as f32 / 3.0;
                let y = r.top() + 4.0 + (r.height() - 4.0) * i as f32 / 3.0;
                painter.line_segment(
                    [Pos2::new(x, r.top() + 4.0), Pos2::new(x, r.bottom())],
                    Stroke::new(0.8, blue),
                );
                painter.line_segment(
                    [Pos2::new(r.left(), y), Pos2::new(r.right(), y)],
                    Stroke::new(0.8, blue),
                );
            }
        }
        // Tasks: a box with a check mark.
        1 => {
            painter.rect_stroke(r, 1.0, pen, egui::StrokeKind::Inside);
            let c = r.center();
            painter.line_segment(
                [c + vec2(-4.0, 0.0), c + vec2(-1.0, 3.5)],
                Stroke::new(2.0, blue),
            );
            painter.line_segment(
                [c + vec2(-1.0, 3.5), c + vec2(5.0, -4.0)],
                Stroke::new(2.0, blue),
            );
        }
        // Inbox: a tray.
        2 => {
            let top = r.top() + r.height() * 0.35;
            let tray = Rect::from_min_max(Pos2::new(r.left(), top), r.max);
            painter.rect_stroke(tray, 1.0, pen, egui::StrokeKind::Inside);
            let dip = top + tray.height() * 0.45;
            painter.line_segment(
                [Pos2::new(r.left(), dip), Pos2::new(r.left() + 4.0, dip)],
                pen,
            );
            painter.line_segment(
                [Pos2::new(r.right() - 4.0, dip), Pos2::new(r.right(), dip)],
                pen,
            );
            painter.line_segment(
                [
                    Pos2::new(r.left() + 4.0, dip),
                    Pos2::new(r.right() - 4.0, dip),
                ],
                Stroke::new(0.8, blue),
            );
            painter.line_segment(
                [
                    Pos2::new(r.center().x, r.top()),
                    Pos2::new(r.center().x, dip - 2.0),
                ],
                pen,
            );
        }
        // Contacts: a card with a person.
        3 => {
            painter.rect_stroke(r, 1.0, pen, egui::StrokeKind::Inside);
            let head = Pos2::new(r.left() + 5.0, r.center().y - 2.0);
            painter.circle_filled(head, 2.2, blue);
            painter.rect_filled(
                Rect::from_center_size(head + vec2(0.0, 5.0), vec2(6.0, 3.0)),
                1.0,
                blue,
            );
            for dy in [-2.0, 1.5] {
                let y = r.center().y + dy;
                painter.line_segment(
                    [Pos2::new(r.left() + 9.0, y), Pos2::new(r.right() - 2.0, y)],
                    Stroke::new(1.0, blue),
                );
            }
        }
        // Notes: a yellow note with a turned corner.
        _ => {
            let yellow = Color32::from_rgb(0xF8, 0xE0, 0x6A);
            painter.rect_filled(r, 0.0, yellow);
            painter.rect_stroke(
                r,
                0.0,
                Stroke::new(1.0, Color32::from_rgb(0xC8, 0xA8, 0x20)),
                egui::StrokeKind::Inside,
            );
            let corner = vec![
                r.right_bottom() + vec2(-5.0, 0.0),
                r.right_bottom() + vec2(0.0, -5.0),
                r.right_bottom() + vec2(-5.0, -5.0),
            ];
            painter.add(egui::Shape::convex_polygon(
                corner,
                Color32::from_rgb(0xC8, 0xA8, 0x20),
                Stroke::NONE,
            ));
        }
    }
}
