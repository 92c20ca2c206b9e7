//! The Outlook main window (W3): ribbon, the Calendar module with "Shared Calendars", the
//! FILE backstage with Account Settings, and Open a Shared Calendar (W7).

use crate::ui::Commands;
use egui::{Align2, Color32, Pos2, Rect, RichText, Sense, Stroke, Ui, vec2};

use super::address_book::{self, Answer, Book};
use super::{AddUsersDraft, DelegatesDraft, OutlookUi, ribbon_button, ribbon_group, ribbon_tabs};
use crate::lab::clock::LabTime;
use crate::lab::{Action, UserIx, WindowClass, WindowName};
use crate::ui::window::{DialogKeys, OkCancel, dialog_buttons, just_opened};
use crate::ui::{Actor, theme};

const TABS: [&str; 5] = ["FILE", "HOME", "SEND / RECEIVE", "FOLDER", "VIEW"];

/// Account Settings ▾ items, each with its sub-caption (W3).
pub const ACCOUNT_SETTINGS_ITEMS: [(&str, &str); 3] = [
    (
        "Account Settings...",
        "Add and remove accounts or change existing connection settings.",
    ),
    (
        "Delegate Access",
        "Give others permission to receive items and respond on your behalf.",
    ),
    (
        "Download Address Book...",
        "Download a copy of the Global Address Book.",
    ),
];

pub fn ui(ui: &mut Ui, actor: Actor<'_>, state: &mut OutlookUi, actions: &mut Commands) {
    if state.ribbon_tab == 0 {
        state.ribbon_tab = 1;
    }
    if state.backstage {
        backstage(ui, actor, state, actions);
        return;
    }
    ui.add_space(2.0);
    if let Some(tab) = ribbon_tabs(ui, &TABS, state.ribbon_tab) {
        if tab == 0 {
            state.backstage = true;
        } else {
            state.ribbon_tab = tab;
        }
    }
    ribbon(ui, actor, state, actions);
    ui.separator();
    let area = ui.available_rect_before_wrap();
    ui.allocate_rect(area, Sense::hover());
    let status = Rect::from_min_max(Pos2::new(area.left(), area.bottom() - 20.0), area.max);
    let nav = Rect::from_min_max(area.min, Pos2::new(area.left() + 190.0, status.top()));
    let main = Rect::from_min_max(
        Pos2::new(nav.right(), area.top()),
        Pos2::new(area.right(), status.top()),
    );
    ui.scope_builder(egui::UiBuilder::new().max_rect(nav.shrink(6.0)), |ui| {
        navigation(ui, actor, state)
    });
    ui.painter().line_segment(
        [nav.right_top(), nav.right_bottom()],
        Stroke::new(1.0, theme::BORDER),
    );
    calendars(ui, actor, state, main.shrink(6.0));
    ui.painter().rect_filled(status, 0.0, theme::LIGHT_FILL);
    let items = actor.lab.mailbox(actor.seat.0).calendar.len();
    ui.painter().text(
        status.left_center() + vec2(8.0, 0.0),
        Align2::LEFT_CENTER,
        format!("ITEMS: {items}"),
        theme::font(11.0),
        theme::SUBTLE_TEXT,
    );
}

fn ribbon(ui: &mut Ui, actor: Actor<'_>, state: &mut OutlookUi, actions: &mut Commands) {
    let not_here = |ui: &mut Ui, label: &str| {
        ui.add(egui::Button::new(label).frame(false))
            .on_hover_text(crate::ui::NOT_IN_THIS_LAB);
    };
    ui.horizontal(|ui| match state.ribbon_tab {
        1 => {
            ribbon_group(ui, "New", |ui| {
                ribbon_button(ui, "New Appointment", false);
                if ribbon_button(ui, "New Meeting", true).clicked() {
                    // On the calendar selected in the navigation pane, if it is still open.
                    let open = actor
                        .lab
                        .outlook(actor.seat)
                        .map(|s| s.shared_calendars.clone())
                        .unwrap_or_default();
                    let owner = state
                        .selected_calendar
                        .filter(|o| open.contains(o))
                        .unwrap_or(actor.seat.0);
                    state.meeting = None;
                    actions.push(Action::NewMeeting {
                        user: actor.user(),
                        computer: actor.computer(),
                        owner: actor.id_of(owner),
                        subject: String::new(),
                        attendees: Vec::new(),
                    });
                }
            });
            ribbon_group(ui, "Go To", |ui| ribbon_button(ui, "Today", false));
            ribbon_group(ui, "Arrange", |ui| {
                ribbon_button(ui, "Day", false);
                ribbon_button(ui, "Work Week", false);
                ribbon_button(ui, "Month", false);
            });
            ribbon_group(ui, "Manage Calendars", |ui| {
                ui.vertical(|ui| {
                    ui.add_space(4.0);
                    ui.menu_button("Open Calendar ▾", |ui| {
                        if ui.button("Open Shared Calendar...").clicked() {
                            state.shared_calendar_name.clear();
                            state.shared_calendar_error = None;
                            actions.push(
                                actor.open_window(WindowName::of(WindowClass::OpenSharedCalendar)),
                            );
                            ui.close();
                        }
                        not_here(ui, "From Address Book...");
                    });
                    not_here(ui, "Calendar Groups ▾");
                });
            });
            ribbon_group(ui, "Share", |ui| ribbon_button(ui, "Share Calendar", false));
            ribbon_group(ui, "Find", |ui| ribbon_button(ui, "Address Book", false));
        }
        2 => {
            ribbon_group(ui, "Send & Receive", |ui| {
                ribbon_button(ui, "Send/Receive All Folders", false);
                ribbon_button(ui, "Update Folder", false);
            });
        }
        3 => {
            ribbon_group(ui, "New", |ui| ribbon_button(ui, "New Calendar", false));
            ribbon_group(ui, "Properties", |ui| {
                ribbon_button(ui, "Calendar Permissions", false)
            });
        }
        _ => {
            ribbon_group(ui, "Current View", |ui| {
                ribbon_button(ui, "Change View", false);
                ribbon_button(ui, "Reset View", false);
            });
        }
    });
}

fn navigation(ui: &mut Ui, actor: Actor<'_>, state: &mut OutlookUi) {
    let lab = actor.lab;
    let dir = lab.directory();
    month(ui, lab.now());
    ui.add_space(8.0);
    ui.label(RichText::new("My Calendars").font(theme::semibold_font(12.5)));
    if ui
        .add(egui::Button::selectable(
            state.selected_calendar.is_none(),
            "   Calendar",
        ))
        .clicked()
    {
        state.selected_calendar = None;
    }
    let shared: Vec<UserIx> = lab
        .outlook(actor.seat)
        .map(|s| s.shared_calendars.clone())
        .unwrap_or_default();
    ui.add_space(6.0);
    ui.label(RichText::new("Shared Calendars").font(theme::semibold_font(12.5)));
    for owner in shared {
        let selected = state.selected_calendar == Some(owner);
        if ui
            .add(egui::Button::selectable(
                selected,
                format!("   {}", dir.name(owner)),
            ))
            .clicked()
        {
            state.selected_calendar = Some(owner);
        }
    }
}

/// The date navigator: the month of the lab clock, today highlighted.
fn month(ui: &mut Ui, now: LabTime) {
    let (y, m, d) = now.date();
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    ui.label(
        RichText::new(format!("{} {y}", MONTHS[(m - 1) as usize])).font(theme::semibold_font(12.0)),
    );
    let (rect, _) = ui.allocate_exact_size(vec2(175.0, 7.0 * 17.0), Sense::hover());
    let painter = ui.painter_at(rect);
    let cell = vec2(25.0, 17.0);
    for (i, name) in ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        .iter()
        .enumerate()
    {
        painter.text(
            rect.min + vec2(cell.x * (i as f32 + 0.5), 8.0),
            Align2::CENTER_CENTER,
            *name,
            theme::font(9.5),
            theme::SUBTLE_TEXT,
        );
    }
    // Day of week of the 1st: the lab's epoch day 0 is Monday 2014-07-07.
    let first_index = now.day_index() as i64 - (d as i64 - 1);
    let first_weekday = first_index.rem_euclid(7) as usize;
    let days_in_month = match m {
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    for day in 1..=days_in_month {
        let slot = first_weekday + day as usize - 1;
        let (row, col) = (slot / 7 + 1, slot % 7);
        let center = rect.min + vec2(cell.x * (col as f32 + 0.5), cell.y * row as f32 + 8.0);
        if day == d {
            painter.rect_filled(
                Rect::from_center_size(center, cell - vec2(3.0, 1.0)),
                0.0,
                theme::OUTLOOK_BLUE,
            );
        }
        painter.text(
            center,
            Align2::CENTER_CENTER,
            day.to_string(),
            theme::font(10.5),
            if day == d {
                Color32::WHITE
            } else {
                theme::TEXT
            },
        );
    }
}

/// The work week of the lab clock, one column group per calendar, side by side.
fn calendars(ui: &mut Ui, actor: Actor<'_>, state: &OutlookUi, rect: Rect) {
    let lab = actor.lab;
    let dir = lab.directory();
    let mut owners = vec![actor.seat.0];
    if let Some(session) = lab.outlook(actor.seat) {
        owners.extend(session.shared_calendars.iter().copied());
    }
    let painter = ui.painter_at(rect);
    let gutter = 40.0;
    let header = 38.0;
    let first_hour = 8u32;
    let hours = 10u32;
    let hour_height = ((rect.height() - header) / hours as f32).max(14.0);
    let week = lab.now().week_start();
    let group_width = (rect.width() - gutter) / owners.len() as f32;
    for h in 0..hours {
        let y = rect.top() + header + h as f32 * hour_height;
        painter.line_segment(
            [
                Pos2::new(rect.left() + gutter, y),
                Pos2::new(rect.right(), y),
            ],
            Stroke::new(1.0, Color32::from_rgb(0xE1, 0xE1, 0xE1)),
        );
        let hour = first_hour + h;
        let label = if hour < 12 {
            format!("{hour} AM")
        } else if hour == 12 {
            "12 PM".into()
        } else {
            format!("{} PM", hour - 12)
        };
        painter.text(
            Pos2::new(rect.left() + gutter - 4.0, y + 2.0),
            Align2::RIGHT_TOP,
            label,
            theme::font(9.5),
            theme::SUBTLE_TEXT,
        );
    }
    for (g, &owner) in owners.iter().enumerate() {
        let left = rect.left() + gutter + g as f32 * group_width;
        let selected = if owner == actor.seat.0 {
            state.selected_calendar.is_none()
        } else {
            state.selected_calendar == Some(owner)
        };
        let title = if owner == actor.seat.0 {
            "Calendar".to_owned()
        } else {
            dir.name(owner).to_owned()
        };
        let tab = Rect::from_min_size(
            Pos2::new(left + 2.0, rect.top()),
            vec2(group_width - 4.0, 16.0),
        );
        painter.rect_filled(
            tab,
            0.0,
            if selected {
                theme::OUTLOOK_BLUE
            } else {
                theme::SELECTED_FILL
            },
        );
        painter.text(
            tab.left_center() + vec2(6.0, 0.0),
            Align2::LEFT_CENTER,
            title,
            theme::font(10.5),
            if selected {
                Color32::WHITE
            } else {
                theme::TEXT
            },
        );
        let day_width = group_width / 5.0;
        for day in 0..5u32 {
            let x = left + day as f32 * day_width;
            let date = week.plus_minutes(day * 24 * 60);
            let today = date.day_index() == lab.now().day_index();
            painter.text(
                Pos2::new(x + 4.0, rect.top() + 20.0),
                Align2::LEFT_TOP,
                format!("{} {}", date.date().2, date.weekday().to_uppercase()),
                theme::font(9.5),
                if today {
                    theme::OUTLOOK_BLUE
                } else {
                    theme::SUBTLE_TEXT
                },
            );
            painter.line_segment(
                [Pos2::new(x, rect.top() + 18.0), Pos2::new(x, rect.bottom())],
                Stroke::new(1.0, Color32::from_rgb(0xE1, 0xE1, 0xE1)),
            );
        }
        for id in &lab.mailbox(owner).calendar {
            let Some(meeting) = lab.meeting(*id) else {
                continue;
            };
            if meeting.start.week_start() != week
                || meeting.start.day_index() - week.day_index() >= 5
            {
                continue;
            }
            let day = (meeting.start.day_index() - week.day_index()) as f32;
            let minutes = |t: LabTime| {
                (t.minute_of_day() as f32 - first_hour as f32 * 60.0) / 60.0 * hour_height
            };
            let top = rect.top() + header + minutes(meeting.start).max(0.0);
            let bottom =
                rect.top() + header + minutes(meeting.end).max(minutes(meeting.start) + 12.0);
            let block = Rect::from_min_max(
                Pos2::new(left + day * day_width + 2.0, top),
                Pos2::new(left + (day + 1.0) * day_width - 2.0, bottom),
            );
            painter.rect_filled(block, 0.0, Color32::from_rgb(0xC7, 0xE0, 0xF4));
            painter.rect_filled(
                Rect::from_min_size(block.min, vec2(3.0, block.height())),
                0.0,
                theme::OUTLOOK_BLUE,
            );
            // The subject stays inside its day column, as Outlook cuts it.
            painter.with_clip_rect(block.shrink(1.0)).text(
                block.min + vec2(6.0, 2.0),
                Align2::LEFT_TOP,
                &meeting.subject,
                theme::font(10.5),
                theme::TEXT,
            );
        }
    }
}

fn backstage(ui: &mut Ui, actor: Actor<'_>, state: &mut OutlookUi, actions: &mut Commands) {
    let area = ui.available_rect_before_wrap();
    ui.allocate_rect(area, Sense::hover());
    let column = Rect::from_min_max(area.min, Pos2::new(area.left() + 150.0, area.bottom()));
    ui.painter().rect_filled(column, 0.0, theme::OUTLOOK_BLUE);
    ui.scope_builder(egui::UiBuilder::new().max_rect(column.shrink(8.0)), |ui| {
        ui.visuals_mut().override_text_color = Some(Color32::WHITE);
        let back = ui.add(
            egui::Button::new(RichText::new("←  Back").size(14.0))
                .fill(Color32::TRANSPARENT)
                .frame(false),
        );
        if back.clicked() {
            state.backstage = false;
        }
        ui.add_space(12.0);
        // The selected item: Office 2013's darker blue, white text (as the backstage shows it).
        ui.add(
            egui::Button::new(RichText::new("Info").size(14.0).color(Color32::WHITE))
                .fill(BACKSTAGE_SELECTED)
                .stroke(egui::Stroke::NONE)
                .min_size(vec2(column.width() - 16.0, 30.0)),
        );
        for item in [
            "Open & Export",
            "Save As",
            "Save Attachments",
            "Print",
            "Office Account",
            "Options",
            "Exit",
        ] {
            ui.add_enabled(
                false,
                egui::Label::new(
                    RichText::new(item)
                        .size(14.0)
                        .color(Color32::from_white_alpha(200)),
                ),
            );
            ui.add_space(2.0);
        }
    });
    let content = Rect::from_min_max(
        Pos2::new(column.right() + 24.0, area.top() + 12.0),
        area.max - vec2(12.0, 12.0),
    );
    ui.scope_builder(egui::UiBuilder::new().max_rect(content), |ui| {
        ui.label(RichText::new("Account Information").font(theme::light_font(28.0)));
        ui.add_space(6.0);
        ui.label(
            RichText::new(actor.lab.directory().email(actor.seat.0))
                .font(theme::semibold_font(13.0)),
        );
        ui.label(RichText::new("Microsoft Exchange").color(theme::SUBTLE_TEXT));
        ui.add_space(14.0);
        ui.horizontal_top(|ui| {
            // The caption at the top, the icon under it.
            let button =
                ui.add(egui::Button::new("Account\nSettings ▾").min_size(vec2(90.0, 90.0)));
            account_settings_menu(&button, area, |ui| {
                for (caption, sub) in ACCOUNT_SETTINGS_ITEMS {
                    if menu_item(ui, caption, sub).clicked() {
                        if caption == "Delegate Access" {
                            state.backstage = false;
                            state.delegates = DelegatesDraft::default();
                            actions.push(actor.open_window(WindowName::of(WindowClass::Delegates)));
                        }
                        ui.close();
                    }
                }
            });
            account_settings_icon(ui.painter(), button.rect);
            ui.vertical(|ui| {
                ui.label(RichText::new("Account Settings").font(theme::semibold_font(14.0)));
                ui.label("Change settings for this account or set up more connections.");
            });
        });
        ui.add_space(14.0);
        ui.label(RichText::new("Automatic Replies").font(theme::semibold_font(14.0)));
        ui.label(
            RichText::new("Use automatic replies to notify others that you are out of office.")
                .color(theme::SUBTLE_TEXT),
        );
    });
}

/// The Account Settings ▾ drop-down: under the button, or above it when the window has no room
/// below, and moved and narrowed (its sub-captions wrap) so it stays inside the Outlook window
/// `bounds`, as a real Office drop-down stays inside its window.
fn account_settings_menu(button: &egui::Response, bounds: Rect, content: impl FnOnce(&mut Ui)) {
    const MARGIN: f32 = 6.0;
    let width = (bounds.width() - 2.0 * MARGIN).clamp(120.0, 420.0);
    let popup = egui::Popup::menu(button);
    let size = popup
        .get_expected_size()
        .unwrap_or(vec2(width, 3.0 * 48.0 + 12.0));
    let x = button
        .rect
        .left()
        .min(bounds.right() - MARGIN - width)
        .max(bounds.left() + MARGIN);
    let below = button.rect.bottom();
    let y = if below + size.y <= bounds.bottom() - MARGIN {
        below
    } else {
        (button.rect.top() - size.y).max(bounds.top() + MARGIN)
    };
    popup
        .at_position(Pos2::new(x, y))
        .align(egui::RectAlign::BOTTOM_START)
        .align_alternatives(&[])
        .gap(0.0)
        .width(width)
        .show(|ui| {
            let frame = ui.spacing().menu_margin.sum().x;
            ui.set_width(width - frame);
            content(ui)
        });
}

/// Office 2013's backstage: the selected item's darker blue on the blue column.
const BACKSTAGE_SELECTED: Color32 = Color32::from_rgb(0x00, 0x4E, 0x8C);

/// The Account Settings button's icon, under its caption: a person and a gear.
fn account_settings_icon(painter: &egui::Painter, button: Rect) {
    let c = Pos2::new(button.center().x, button.bottom() - 30.0);
    let blue = theme::OUTLOOK_BLUE;
    painter.circle_filled(c + vec2(-5.0, -7.0), 5.5, blue);
    painter.rect_filled(
        Rect::from_min_max(c + vec2(-14.0, 0.0), c + vec2(4.0, 12.0)),
        egui::CornerRadius {
            nw: 8,
            ne: 8,
            sw: 0,
            se: 0,
        },
        blue,
    );
    let gear = c + vec2(9.0, 6.0);
    for k in 0..8 {
        let a = k as f32 * std::f32::consts::TAU / 8.0;
        let d = vec2(a.cos(), a.sin());
        painter.line_segment(
            [gear + d * 4.0, gear + d * 8.0],
            Stroke::new(2.5, theme::TEXT),
        );
    }
    painter.circle_filled(gear, 5.0, theme::TEXT);
    painter.circle_filled(gear, 2.2, Color32::WHITE);
}

/// A menu item with a caption and a sub-caption under it.
fn menu_item(ui: &mut Ui, caption: &str, sub: &str) -> egui::Response {
    let width = ui.available_width();
    // The sub-caption wraps when the menu is narrowed to stay inside the window.
    let galley = ui.painter().layout(
        sub.to_owned(),
        theme::font(11.5),
        theme::SUBTLE_TEXT,
        width - 20.0,
    );
    let height = (25.0 + galley.size().y + 7.0).max(46.0);
    let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::MenuItem, true, caption));
    let painter = ui.painter();
    if response.hovered() {
        painter.rect_filled(rect, 0.0, theme::HOVER_FILL);
    }
    painter.text(
        rect.left_top() + vec2(10.0, 6.0),
        Align2::LEFT_TOP,
        caption,
        theme::semibold_font(12.5),
        theme::TEXT,
    );
    painter.galley(
        rect.left_top() + vec2(10.0, 25.0),
        galley,
        theme::SUBTLE_TEXT,
    );
    response
}

/// W7: Open a Shared Calendar — "Name..." and a text box, OK, Cancel.
pub fn open_shared_calendar_ui(
    ui: &mut Ui,
    actor: Actor<'_>,
    state: &mut OutlookUi,
    keys: DialogKeys,
    actions: &mut Commands,
) {
    let dir = actor.lab.directory();
    egui::Frame::new().inner_margin(12.0).show(ui, |ui| {
        ui.horizontal(|ui| {
            let name_button = ui.add(egui::Button::new("Name...").min_size(vec2(70.0, 22.0)));
            if name_button.clicked() {
                // The address book, with the name typed (if the list knows it) chosen.
                let chosen = dir
                    .find_user(state.shared_calendar_name.trim())
                    .into_iter()
                    .collect();
                state.select_name = AddUsersDraft {
                    chosen,
                    ..AddUsersDraft::default()
                };
                actions.push(actor.open_window(WindowName::of(WindowClass::SelectName)));
            }
            let field = ui.add(
                egui::TextEdit::singleline(&mut state.shared_calendar_name)
                    .desired_width(f32::INFINITY),
            );
            let field = field.labelled_by(name_button.id);
            if just_opened(ui) {
                field.request_focus();
            }
        });
        if let Some(error) = &state.shared_calendar_error {
            ui.colored_label(theme::presence_color(crate::lab::Presence::Busy), error);
        }
        ui.add_space(8.0);
        match dialog_buttons(ui, &OkCancel::BUTTONS, keys) {
            Some(OkCancel::Ok) => {
                let typed = state.shared_calendar_name.trim();
                match dir.find_user(typed) {
                    Some(owner) => {
                        actions.push(
                            actor.close_window(WindowName::of(WindowClass::OpenSharedCalendar)),
                        );
                        actions.push(Action::OpenSharedCalendar {
                            user: actor.user(),
                            computer: actor.computer(),
                            owner: actor.id_of(owner),
                        });
                        state.selected_calendar = Some(owner);
                    }
                    // Nothing typed: nothing to open (the dialog stays).
                    None if typed.is_empty() => {}
                    // A name the address list does not have: Outlook says so in a message box
                    // over the dialog, which stays open (the lab's refusal, so the log shows it).
                    None => actions.push(Action::OpenSharedCalendar {
                        user: actor.user(),
                        computer: actor.computer(),
                        owner: typed.into(),
                    }),
                }
            }
            Some(OkCancel::Cancel) => {
                actions.push(actor.close_window(WindowName::of(WindowClass::OpenSharedCalendar)))
            }
            None => {}
        }
    });
}

/// "Select Name: Global Address List", opened by Name...: OK puts the name chosen into the
/// Name box; Cancel leaves it as it was.
pub fn select_name_ui(
    ui: &mut Ui,
    actor: Actor<'_>,
    state: &mut OutlookUi,
    keys: DialogKeys,
    actions: &mut Commands,
) {
    let answer = address_book::ui(ui, actor, &mut state.select_name, Book::OneName, keys);
    let close = actor.close_window(WindowName::of(WindowClass::SelectName));
    match answer {
        Some(Answer::Ok(chosen)) => {
            if let Some(&owner) = chosen.first() {
                state.shared_calendar_name = actor.lab.directory().name(owner).to_owned();
                state.shared_calendar_error = None;
            }
            state.select_name = AddUsersDraft::default();
            actions.push(close);
        }
        Some(Answer::Cancel) => {
            state.select_name = AddUsersDraft::default();
            actions.push(close);
        }
        None => {}
    }
}
