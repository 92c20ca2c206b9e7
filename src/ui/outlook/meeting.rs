//! The meeting form (W8) with the Lync Meeting add-in's button and the join block.

use crate::ui::Gestures;
use egui::{Color32, Pos2, RichText, Sense, Ui, vec2};

use super::{MeetingEdit, OutlookUi, ribbon_button, ribbon_group, ribbon_tabs};
use crate::lab::exchange::{JoinInfo, Meeting};
use crate::lab::{Action, UserIx};
use crate::ui::{Actor, theme};

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

pub fn ui(ui: &mut Ui, actor: Actor<'_>, state: &mut OutlookUi, actions: &mut Gestures) {
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
            ribbon_button(ui, "Lync Meeting", true)
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
                        ui.label("From");
                        ui.label(from_text(actor, &draft));
                        ui.end_row();
                        let to = ui.add(egui::Button::new("To...").min_size(vec2(70.0, 20.0)));
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
                        ui.label("Start time");
                        ui.label(format!(
                            "{}    {}",
                            draft.start.us_date(),
                            draft.start.us_time()
                        ));
                        ui.end_row();
                        ui.label("End time");
                        ui.label(format!(
                            "{}    {}",
                            draft.end.us_date(),
                            draft.end.us_time()
                        ));
                        ui.end_row();
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
    ui.add(egui::Hyperlink::from_label_and_url(
        link("Join Lync Meeting", 20.0),
        &join.url,
    ))
    .on_hover_text(&join.url);
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
