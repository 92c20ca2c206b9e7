//! The meeting form (W8) with the Lync Meeting add-in's button and the join block.

use crate::ui::Commands;
use crate::ui::window::{DialogKeys, just_opened};
use egui::{Align2, Color32, Painter, Pos2, Rect, RichText, Sense, Stroke, Ui, vec2};

use super::address_book::{self, Answer, Book};
use super::{
    AddUsersDraft, MeetingEdit, OutlookUi, ribbon_button, ribbon_button_with_icon, ribbon_group,
    ribbon_tabs,
};
use crate::lab::exchange::{JoinInfo, Meeting};
use crate::lab::{Action, UserIx, WindowClass, WindowName};
use crate::ui::{Actor, NOT_IN_THIS_LAB, theme};

const TABS: [&str; 5] = ["FILE", "MEETING", "INSERT", "FORMAT TEXT", "REVIEW"];

/// "User21 on behalf of User20" for a delegate's meeting, else the sender's address.
pub fn from_text(actor: Actor<'_>, meeting: &Meeting) -> String {
    let dir = actor.lab.directory();
    meeting
        .on_behalf_of(dir)
        .unwrap_or_else(|| dir.email(meeting.owner))
}

/// Resolves "Administrator; user21@contoso.com" to users; Err names the first unknown one.
fn resolve(actor: Actor<'_>, to: &str) -> Result<Vec<UserIx>, String> {
    let dir = actor.lab.directory();
    let mut users = Vec::new();
    for name in to
        .split([';', ','])
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        match dir.find_user(name) {
            Some(u) if !users.contains(&u) => users.push(u),
            Some(_) => {}
            None => return Err(name.to_owned()),
        }
    }
    Ok(users)
}

pub fn ui(ui: &mut Ui, actor: Actor<'_>, state: &mut OutlookUi, actions: &mut Commands) {
    let Some(draft) = actor.lab.outlook(actor.seat).and_then(|s| s.draft.clone()) else {
        return;
    };
    let dir = actor.lab.directory();
    let edit = state.meeting.get_or_insert_with(|| MeetingEdit {
        to: draft
            .attendees
            .iter()
            .map(|&a| dir.name(a))
            .collect::<Vec<_>>()
            .join("; "),
        subject: draft.subject.clone(),
        location: draft.location.clone(),
        error: None,
    });
    ui.add_space(2.0);
    ribbon_tabs(ui, &TABS, 1);
    let mut lync_meeting = false;
    ui.horizontal(|ui| {
        ribbon_group(ui, "Actions", |ui| ribbon_button(ui, "Delete", false));
        lync_meeting = ribbon_group(ui, "Lync Meeting", |ui| {
            ribbon_button_with_icon(ui, "Lync Meeting", true, paint_lync_icon)
                .on_hover_text("Lync Meeting Add-in for Microsoft Office 2013")
                .clicked()
        });
        ribbon_group(ui, "Meeting Notes", |ui| {
            ribbon_button(ui, "Meeting Notes", false)
        });
        ribbon_group(ui, "Attendees", |ui| {
            ribbon_button(ui, "Address Book", false);
            ribbon_button(ui, "Check Names", false);
        });
    });
    ui.separator();
    let mut send = false;
    let mut address_book = false;
    egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(10, 4))
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                send = ui
                    .add(
                        egui::Button::new(RichText::new("Send").size(14.0))
                            .min_size(vec2(64.0, 84.0)),
                    )
                    .clicked();
                egui::Grid::new("meeting-fields")
                    .num_columns(2)
                    .spacing(vec2(10.0, 6.0))
                    .show(ui, |ui| {
                        ui.add(egui::Button::new("From ▾").min_size(vec2(70.0, 20.0)))
                            .on_hover_text(format!("Send from another account: {NOT_IN_THIS_LAB}"));
                        ui.label(from_text(actor, &draft));
                        ui.end_row();
                        let to = ui.add(egui::Button::new("To...").min_size(vec2(70.0, 20.0)));
                        address_book = to.clicked();
                        ui.add(
                            egui::TextEdit::singleline(&mut edit.to).desired_width(f32::INFINITY),
                        )
                        .labelled_by(to.id);
                        ui.end_row();
                        let subject = ui.label("Subject");
                        ui.add(
                            egui::TextEdit::singleline(&mut edit.subject)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(subject.id);
                        ui.end_row();
                        let location = ui.label("Location");
                        ui.add(
                            egui::TextEdit::singleline(&mut edit.location)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(location.id);
                        ui.end_row();
                        for (label, time) in [("Start time", draft.start), ("End time", draft.end)]
                        {
                            ui.label(label);
                            ui.horizontal(|ui| {
                                date_time_field(ui, label, "date", &time.us_date(), 120.0);
                                date_time_field(ui, label, "time", &time.us_time(), 90.0);
                            });
                            ui.end_row();
                        }
                    });
            });
            if let Some(error) = &edit.error {
                ui.colored_label(theme::presence_color(crate::lab::Presence::Busy), error);
            }
            ui.separator();
            // The body.
            egui::ScrollArea::vertical()
                .id_salt("meeting-body")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    if let Some(join) = &draft.join {
                        join_block(ui, join);
                    }
                });
        });
    if address_book {
        // The address book starts from To (see select_attendees_ui).
        state.select_attendees = AddUsersDraft::default();
        actions.push(actor.open_window(WindowName::of(WindowClass::SelectAttendees)));
        return;
    }
    if lync_meeting || send {
        match resolve(actor, &edit.to) {
            Err(name) => {
                edit.error = Some(format!(
                    "Outlook does not recognize one or more names. ({name})"
                ))
            }
            Ok(attendees) => {
                edit.error = None;
                let changed = edit.subject != draft.subject
                    || edit.location != draft.location
                    || attendees != draft.attendees;
                if changed {
                    actions.push(Action::EditMeeting {
                        user: actor.user(),
                        computer: actor.computer(),
                        subject: edit.subject.clone(),
                        location: edit.location.clone(),
                        attendees: attendees.iter().map(|&a| actor.id_of(a)).collect(),
                    });
                }
                if lync_meeting {
                    actions.push(Action::AddLyncMeeting {
                        user: actor.user(),
                        computer: actor.computer(),
                    });
                }
                if send {
                    actions.push(Action::SendMeeting {
                        user: actor.user(),
                        computer: actor.computer(),
                    });
                    state.meeting = None;
                }
            }
        }
    }
}

/// The users named in To that the address list knows, in order, each once.
fn known_names(actor: Actor<'_>, to: &str) -> Vec<UserIx> {
    let dir = actor.lab.directory();
    let mut users = Vec::new();
    for user in to.split([';', ',']).filter_map(|n| dir.find_user(n.trim())) {
        if !users.contains(&user) {
            users.push(user);
        }
    }
    users
}

/// "Select Attendees and Resources: Global Address List", opened by To...: OK puts the chosen
/// names into To (with what else was typed, as Send would), Cancel leaves To as it was.
pub fn select_attendees_ui(
    ui: &mut Ui,
    actor: Actor<'_>,
    state: &mut OutlookUi,
    keys: DialogKeys,
    actions: &mut Commands,
) {
    // Opened with nothing chosen yet (To..., or a scenario's step): the names already in To
    // that the address list knows start in "Required ->".
    if just_opened(ui) && state.select_attendees == AddUsersDraft::default() {
        let to = match &state.meeting {
            Some(edit) => edit.to.clone(),
            None => actor
                .lab
                .outlook(actor.seat)
                .and_then(|s| s.draft.as_ref())
                .map(|d| {
                    let dir = actor.lab.directory();
                    d.attendees
                        .iter()
                        .map(|&a| dir.name(a))
                        .collect::<Vec<_>>()
                        .join("; ")
                })
                .unwrap_or_default(),
        };
        state.select_attendees.chosen = known_names(actor, &to);
    }
    let answer = address_book::ui(
        ui,
        actor,
        &mut state.select_attendees,
        Book::Attendees,
        keys,
    );
    let close = actor.close_window(WindowName::of(WindowClass::SelectAttendees));
    match answer {
        Some(Answer::Ok(chosen)) => {
            let dir = actor.lab.directory();
            let draft = actor.lab.outlook(actor.seat).and_then(|s| s.draft.as_ref());
            if let Some(draft) = draft {
                let (subject, location) = match &state.meeting {
                    Some(edit) => (edit.subject.clone(), edit.location.clone()),
                    None => (draft.subject.clone(), draft.location.clone()),
                };
                if let Some(edit) = state.meeting.as_mut() {
                    edit.to = chosen
                        .iter()
                        .map(|&u| dir.name(u))
                        .collect::<Vec<_>>()
                        .join("; ");
                    edit.error = None;
                }
                actions.push(Action::EditMeeting {
                    user: actor.user(),
                    computer: actor.computer(),
                    subject,
                    location,
                    attendees: chosen.iter().map(|&a| actor.id_of(a)).collect(),
                });
            }
            state.select_attendees = AddUsersDraft::default();
            actions.push(close);
        }
        Some(Answer::Cancel) => {
            state.select_attendees = AddUsersDraft::default();
            actions.push(close);
        }
        None => {}
    }
}

/// A date or time box of the form, as Outlook draws them: the value and a drop-down arrow
/// (the lab sets the time from its clock; the boxes only show it).
fn date_time_field(ui: &mut Ui, row: &str, what: &str, value: &str, width: f32) {
    let (rect, response) = ui.allocate_exact_size(vec2(width, 22.0), Sense::hover());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::TextInput,
            false,
            format!("{row} {what}: {value}"),
        )
    });
    response.on_hover_text(
        "Lab assumption: a new meeting starts at the next half hour of the lab clock and lasts 30 minutes.",
    );
    let painter = ui.painter();
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    painter.rect_stroke(
        rect,
        0.0,
        Stroke::new(1.0, theme::BORDER),
        egui::StrokeKind::Inside,
    );
    painter.text(
        rect.left_center() + vec2(5.0, 0.0),
        Align2::LEFT_CENTER,
        value,
        theme::font(12.5),
        theme::TEXT,
    );
    let c = Pos2::new(rect.right() - 9.0, rect.center().y);
    painter.add(egui::Shape::convex_polygon(
        vec![
            c + vec2(-4.0, -2.0),
            c + vec2(4.0, -2.0),
            c + vec2(0.0, 2.5),
        ],
        theme::SUBTLE_TEXT,
        Stroke::NONE,
    ));
}

/// The Lync Meeting button's icon, painted: Lync 2013's blue tile with its white "L" and a
/// meeting's two people.
fn paint_lync_icon(painter: &Painter, rect: Rect) {
    let tile = Rect::from_center_size(rect.center(), vec2(24.0, 24.0));
    painter.rect_filled(tile, 3.0, theme::OUTLOOK_BLUE);
    painter.text(
        tile.left_center() + vec2(4.0, 0.0),
        Align2::LEFT_CENTER,
        "L",
        theme::semibold_font(16.0),
        Color32::WHITE,
    );
    for (dx, r) in [(5.0, 2.6), (10.0, 2.2)] {
        let head = Pos2::new(tile.center().x + dx - 2.0, tile.top() + 8.0);
        painter.circle_filled(head, r, Color32::WHITE);
        let body = Rect::from_center_size(head + vec2(0.0, r + 4.0), vec2(r * 2.4, 5.0));
        painter.rect_filled(body, 2.0, Color32::WHITE);
    }
}

/// The add-in's arrow before "Join Lync Meeting" (Wingdings "à", shown as ➜), painted.
fn paint_join_arrow(ui: &mut Ui) {
    let (rect, _) = ui.allocate_exact_size(vec2(20.0, 24.0), Sense::hover());
    let c = rect.center();
    let stroke = Stroke::new(3.0, theme::LINK_BLUE);
    ui.painter()
        .line_segment([c + vec2(-8.0, 0.0), c + vec2(2.0, 0.0)], stroke);
    ui.painter().add(egui::Shape::convex_polygon(
        vec![c + vec2(0.0, -6.0), c + vec2(8.0, 0.0), c + vec2(0.0, 6.0)],
        theme::LINK_BLUE,
        Stroke::NONE,
    ));
}

/// A rule of small grey dots (#404040), as the add-in draws them.
fn dotted_rule(ui: &mut Ui) {
    let (rect, _) =
        ui.allocate_exact_size(vec2(ui.available_width().min(560.0), 8.0), Sense::hover());
    let mut x = rect.left();
    while x < rect.right() {
        ui.painter()
            .circle_filled(Pos2::new(x, rect.center().y), 0.9, theme::JOIN_RULE);
        x += 4.0;
    }
}

/// The join block the Lync Meeting add-in writes into the body (W8).
fn join_block(ui: &mut Ui, join: &JoinInfo) {
    let body = |text: &str| {
        RichText::new(text)
            .font(theme::font(14.0))
            .color(Color32::BLACK)
    };
    let link = |text: &str, size: f32| {
        RichText::new(text)
            .font(theme::font(size))
            .color(theme::LINK_BLUE)
            .underline()
    };
    ui.add_space(10.0);
    dotted_rule(ui);
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        paint_join_arrow(ui);
        ui.add(egui::Hyperlink::from_label_and_url(
            link("Join Lync Meeting", 20.0),
            &join.url,
        ))
        .on_hover_text(&join.url);
    });
    ui.add_space(8.0);
    ui.label(body("Join by Phone"));
    ui.label(body(&join.dial_in))
        .on_hover_text("Lab assumption: the lab's dial-in number.");
    ui.add(egui::Hyperlink::from_label_and_url(
        link("Find a local number", 14.0),
        "https://dialin.contoso.com/",
    ));
    ui.add_space(6.0);
    ui.label(body(&format!("Conference ID: {}", join.conference_id)));
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        ui.add(egui::Hyperlink::from_label_and_url(
            link("Forgot your dial-in PIN?", 14.0),
            "https://dialin.contoso.com/",
        ));
        ui.label(body("|"));
        ui.add(egui::Hyperlink::from_label_and_url(
            link("Help", 14.0),
            "https://dialin.contoso.com/",
        ));
    });
    ui.add_space(6.0);
    dotted_rule(ui);
}
