//! Lync's About dialog (W16) and Configuration Information (W17, B14), and the icon in the
//! taskbar's notification area that opens the latter (Ctrl + right-click).

use egui::{Align2, Color32, RichText, Sense, Ui, vec2};

use super::window::{DialogKeys, message_box_ok};
use super::{Actor, Commands, theme};
use crate::lab::{Lab, Seat, WindowClass, WindowName};

/// About Lync (W16): the build in its first line, then the suite, and OK.
pub fn about_ui(ui: &mut Ui, actor: Actor<'_>, keys: DialogKeys, actions: &mut Commands) {
    egui::Frame::new().inner_margin(16.0).show(ui, |ui| {
        ui.label(RichText::new("Lync").font(theme::light_font(28.0)).color(theme::OUTLOOK_BLUE));
        ui.add_space(8.0);
        ui.label(actor.lab.install(actor.seat.1).about_line()).on_hover_text(
            "Lab assumption: the layout of this line is reconstructed; the build is the one installed (Help > About shows it in the first line).",
        );
        ui.label("Part of Microsoft Office Professional Plus 2013");
        ui.label(RichText::new("© 2012 Microsoft Corporation. All rights reserved.").color(theme::SUBTLE_TEXT));
        ui.add_space(10.0);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
            if message_box_ok(ui, keys) {
                actions.push(actor.close_window(WindowName::of(WindowClass::AboutLync)));
            }
        });
    });
}

/// Configuration Information's rows (W17): names and values, MAPI's as B14 says.
fn configuration_rows(lab: &Lab, seat: Seat) -> Vec<(&'static str, String)> {
    let dir = lab.directory();
    let (user, _) = seat;
    let signed_in = lab.signed_in(seat);
    let pool = lab.front_end_pool();
    let when_signed_in = |value: String| if signed_in { value } else { String::new() };
    let line = lab.line_uri(user).unwrap_or_default();
    let client = lab.client(seat);
    let ev = client
        .and_then(|c| c.voice_read.as_ref())
        .is_some_and(|v| v.enterprise_voice);
    vec![
        (
            "DG URL Internal",
            when_signed_in(format!("https://{pool}/groupexpansion/service.svc")),
        ),
        (
            "Focus Factory",
            when_signed_in(format!(
                "sip:{}@{};gruu;opaque=app:conf:focusfactory",
                dir.id(user),
                dir.domain
            )),
        ),
        ("Line", when_signed_in(line)),
        ("Location Profile", String::new()),
        ("Server Address Internal", when_signed_in(pool.clone())),
        ("Server SIP URI", dir.sip_uri(user)),
        ("Inside User Status", when_signed_in("TRUE".into())),
        (
            "Contact List Provider",
            when_signed_in("Lync Server".into()),
        ),
        (
            "Telephony Mode",
            when_signed_in(
                if ev {
                    "Unified Communications Enabled"
                } else {
                    "Audio/Video Only"
                }
                .into(),
            ),
        ),
        ("EWS Information", when_signed_in("EWS Status OK".into())),
        ("MAPI Information", lab.mapi_status(seat).to_owned()),
        ("Exum Enabled", when_signed_in("FALSE".into())),
    ]
}

const MAPI_NOTE: &str =
    "The MAPI line's texts are Microsoft's (B14); the other rows' values are the lab's.";

/// Configuration Information (W17): a two-column grid and Copy.
pub fn configuration_ui(ui: &mut Ui, actor: Actor<'_>, actions: &mut Commands) {
    let rows = configuration_rows(actor.lab, actor.seat);
    egui::Frame::new().inner_margin(10.0).show(ui, |ui| {
        // Every row fits: no scrolling needed.
        egui::Grid::new("configuration-rows")
            .striped(true)
            .num_columns(2)
            .min_col_width(170.0)
            .show(ui, |ui| {
                for (name, value) in &rows {
                    ui.label(RichText::new(*name).strong());
                    let value = ui.add(egui::Label::new(value.as_str()).wrap());
                    if *name == "MAPI Information" {
                        value.on_hover_text(MAPI_NOTE);
                    }
                    ui.end_row();
                }
            });
        ui.add_space(6.0);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
            if ui
                .add_sized([84.0, 24.0], egui::Button::new("Copy"))
                .clicked()
            {
                let text: String = rows
                    .iter()
                    .map(|(name, value)| format!("{name}\t{value}\n"))
                    .collect();
                ui.ctx().copy_text(text);
            }
            if ui
                .add_sized([84.0, 24.0], egui::Button::new("Close"))
                .clicked()
            {
                actions.push(
                    actor.close_window(WindowName::of(WindowClass::ConfigurationInformation)),
                );
            }
        });
    });
}

/// Lync's icon in the notification area, while Lync runs for the logged-on user: right-click
/// for its menu; with Ctrl held, the menu also has "Configuration Information" (B14).
pub fn notification_icon(ui: &mut Ui, actor: Actor<'_>, actions: &mut Commands) {
    let lab = actor.lab;
    let (rect, response) = ui.allocate_exact_size(vec2(22.0, 22.0), Sense::click());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Button, true, "Lync notification icon")
    });
    let painter = ui.painter();
    painter.rect_filled(rect.shrink(2.0), 3.0, theme::OUTLOOK_BLUE);
    painter.text(
        rect.center(),
        Align2::CENTER_CENTER,
        "L",
        theme::semibold_font(13.0),
        Color32::WHITE,
    );
    painter.circle_filled(
        rect.right_bottom() - vec2(4.0, 4.0),
        3.5,
        theme::presence_color(lab.presence(actor.seat.0)),
    );
    let ctrl_id = egui::Id::unique(("lync-tray-ctrl", actor.seat.1.0));
    if response.secondary_clicked() {
        let ctrl = ui.input(|i| {
            i.modifiers.ctrl
                || i.events.iter().any(|e| {
                    matches!(
                        e,
                        egui::Event::PointerButton {
                            button: egui::PointerButton::Secondary,
                            modifiers,
                            ..
                        } if modifiers.ctrl || modifiers.command
                    )
                })
        });
        ui.ctx().data_mut(|d| d.insert_temp(ctrl_id, ctrl));
    }
    let response = response.on_hover_text(format!(
        "Lync - {}",
        theme::presence_label(lab.presence(actor.seat.0))
    ));
    if response.clicked() {
        actions.push(actor.open_window(WindowName::of(WindowClass::LyncMain)));
    }
    response.context_menu(|ui| {
        let ctrl = ui
            .ctx()
            .data(|d| d.get_temp::<bool>(ctrl_id))
            .unwrap_or(false);
        if ctrl && ui.button("Configuration Information").clicked() {
            actions.push(actor.open_window(WindowName::of(WindowClass::ConfigurationInformation)));
            ui.close();
        }
        if ui.button("Open Lync").clicked() {
            actions.push(actor.open_window(WindowName::of(WindowClass::LyncMain)));
            ui.close();
        }
        if lab.signed_in(actor.seat) && ui.button("Sign Out").clicked() {
            actions.push(actor.sign_out());
            ui.close();
        }
        if ui.button("Exit").clicked() {
            actions.push(actor.exit_lync());
            ui.close();
        }
    });
}
