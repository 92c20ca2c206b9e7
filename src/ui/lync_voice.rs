//! Lync's Enterprise Voice windows (B12): the Phone view and the call-forwarding menu of the
//! main window, "Lync - Options" with its Call Forwarding page (W14), "Call Forwarding -
//! Delegates" and "Choose a Delegate" (W15), Lync's message box, and the call toast (W18).

use egui::{Align2, Color32, RichText, Stroke, Ui, vec2};

use super::window::{
    DialogButton, DialogKeys, OkCancel, dialog_buttons, just_opened, list_row, message_box_ok,
};
use super::{Actor, Commands, NOT_IN_THIS_LAB, theme};
use crate::lab::voice::{ForwardTarget, Forwarding, RING_DELAYS, SimulRingTarget};
use crate::lab::{Action, UserIx, WindowClass, WindowName};
pub use crate::session::view::CallForwardingUi;

/// "Edit my delegate members" (W14).
const EDIT_DELEGATES: &str = "Edit my delegate members";
/// The Delegates dialog's delay control (W15).
const RING_DELAY_LABEL: &str = "Ring your delegates after this many seconds:";
/// The Delegates dialog's intro (reconstructed, research/ev-and-field-faults.md §2.1).
const DELEGATES_INTRO: &str =
    "Delegates can schedule Lync Meetings, make calls, and receive calls on your behalf.";

/// Options pages, in Lync 2013's order; only Call Forwarding is modelled.
const OPTION_PAGES: [&str; 14] = [
    "General",
    "Personal",
    "Contacts List",
    "Status",
    "My Picture",
    "Phones",
    "Alerts",
    "IM",
    "Ringtones and Sounds",
    "Audio Device",
    "Video Device",
    "Call Forwarding",
    "File Saving",
    "Recording",
];

fn delay_text(seconds: u32) -> String {
    if seconds == 0 {
        "0 - at the same time".into()
    } else {
        seconds.to_string()
    }
}

/// The sentence under "Your current call forwarding settings" (reconstructed wording, W14).
fn current_settings(actor: Actor<'_>) -> String {
    let forwarding = actor.lab.server().call_settings(actor.seat.0).forwarding;
    settings_sentence(actor, &forwarding)
}

/// That sentence for a setting (the page shows its draft's).
fn settings_sentence(actor: Actor<'_>, forwarding: &Forwarding) -> String {
    let lab = actor.lab;
    let user = actor.seat.0;
    let number = lab
        .line_uri(user)
        .map(|uri| uri.trim_start_matches("tel:").to_owned())
        .unwrap_or_else(|| "your work number".into());
    match forwarding {
        Forwarding::Off => format!("Calls will ring you at {number}."),
        Forwarding::SimultaneouslyRing(SimulRingTarget::Delegates) => {
            format!("Calls will ring you at {number} and also ring your delegates.")
        }
        Forwarding::SimultaneouslyRing(SimulRingTarget::TeamCall) => {
            format!("Calls will ring you at {number} and also ring your team-call group.")
        }
        Forwarding::SimultaneouslyRing(SimulRingTarget::Number(n)) => {
            format!("Calls will ring you at {number} and also ring {n}.")
        }
        Forwarding::ForwardTo(target) => {
            let to = match target {
                ForwardTarget::VoiceMail => "voice mail".to_owned(),
                ForwardTarget::Delegates => "your delegates".to_owned(),
                ForwardTarget::Contact(u) => lab.plain_user(u),
                ForwardTarget::Number(n) => n.clone(),
            };
            format!("Calls will be forwarded directly to {to}.")
        }
    }
}

/// The caption of the call-forwarding menu at the bottom of the main window (lab wording).
fn forwarding_caption(forwarding: &Forwarding) -> &'static str {
    match forwarding {
        Forwarding::Off => "Call Forwarding Off",
        Forwarding::ForwardTo(ForwardTarget::VoiceMail) => "Forwarding to Voice Mail",
        Forwarding::ForwardTo(ForwardTarget::Delegates) => "Forwarding to My Delegates",
        Forwarding::ForwardTo(_) => "Forwarding Calls",
        Forwarding::SimultaneouslyRing(SimulRingTarget::Delegates) => {
            "Simultaneously ringing My Delegates"
        }
        Forwarding::SimultaneouslyRing(_) => "Simultaneously Ringing",
    }
}

fn set_forwarding(actor: Actor<'_>, forwarding: Forwarding) -> Action {
    Action::SetCallForwarding {
        user: actor.user(),
        computer: actor.computer(),
        forwarding,
    }
}

/// The call-forwarding menu at the lower left of the main window (EV users, B12).
pub fn forwarding_menu(ui: &mut Ui, actor: Actor<'_>, actions: &mut Commands) {
    let settings = actor.lab.server().call_settings(actor.seat.0);
    let has_delegates = delegates_offered(actor);
    let caption = format!("{} ▾", forwarding_caption(&settings.forwarding));
    let button =
        egui::Button::new(RichText::new(caption).color(theme::SUBTLE_TEXT).small()).frame(false);
    let (response, _) = egui::containers::menu::MenuButton::from_button(button).ui(ui, |ui| {
        if ui.button("Turn Off Call Forwarding").clicked() {
            actions.push(set_forwarding(actor, Forwarding::Off));
            ui.close();
        }
        ui.menu_button("Forward Calls To", |ui| {
            if ui.button("Voice Mail").clicked() {
                actions.push(set_forwarding(
                    actor,
                    Forwarding::ForwardTo(ForwardTarget::VoiceMail),
                ));
                ui.close();
            }
            ui.add_enabled(false, egui::Button::new("New Number or Contact..."))
                .on_disabled_hover_text(NOT_IN_THIS_LAB);
            if ui
                .add_enabled(has_delegates, egui::Button::new("My Delegates"))
                .on_disabled_hover_text(DELEGATES_FIRST)
                .clicked()
            {
                actions.push(set_forwarding(
                    actor,
                    Forwarding::ForwardTo(ForwardTarget::Delegates),
                ));
                ui.close();
            }
        });
        ui.menu_button("Simultaneously Ring", |ui| {
            ui.add_enabled(false, egui::Button::new("New Number..."))
                .on_disabled_hover_text(NOT_IN_THIS_LAB);
            if ui.button("My Team-Call Group").clicked() {
                actions.push(set_forwarding(
                    actor,
                    Forwarding::SimultaneouslyRing(SimulRingTarget::TeamCall),
                ));
                ui.close();
            }
            if ui
                .add_enabled(has_delegates, egui::Button::new("My Delegates"))
                .on_disabled_hover_text(DELEGATES_FIRST)
                .clicked()
            {
                actions.push(set_forwarding(
                    actor,
                    Forwarding::SimultaneouslyRing(SimulRingTarget::Delegates),
                ));
                ui.close();
            }
        });
        ui.separator();
        if ui.button("Call Forwarding Settings...").clicked() {
            actions.push(actor.open_window(WindowName::of(WindowClass::LyncOptions)));
            ui.close();
        }
    });
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, "Call forwarding"));
}

/// The Phone view of an EV user: the number and the way to the Call Forwarding page.
pub fn phone_view(ui: &mut Ui, actor: Actor<'_>, actions: &mut Commands) {
    egui::Frame::new().inner_margin(14.0).show(ui, |ui| {
        let number = actor.lab.line_uri(actor.seat.0).unwrap_or_default();
        ui.label(RichText::new("Phone").font(theme::light_font(18.0)));
        ui.label(
            RichText::new(format!(
                "Your number: {}",
                number.trim_start_matches("tel:")
            ))
            .color(theme::SUBTLE_TEXT),
        );
        ui.add_space(8.0);
        ui.label(current_settings(actor));
        ui.add_space(8.0);
        if ui.link("Call Forwarding Settings...").clicked() {
            actions.push(actor.open_window(WindowName::of(WindowClass::LyncOptions)));
        }
        ui.add_space(12.0);
        ui.add_enabled(false, egui::Button::new("Voice Mail"))
            .on_disabled_hover_text(NOT_IN_THIS_LAB);
    });
}

/// Lync - Options (W14): the list of pages on the left, the Call Forwarding page on the right.
pub fn options_ui(
    ui: &mut Ui,
    actor: Actor<'_>,
    state: &mut CallForwardingUi,
    keys: DialogKeys,
    actions: &mut Commands,
) {
    let client = actor.lab.client(actor.seat);
    let phone = client.is_some_and(|c| c.has_phone());
    let delegation = actor.lab.offers_delegate_members_link(actor.seat);
    let pages: Vec<&str> = OPTION_PAGES
        .into_iter()
        .filter(|p| phone || *p != "Call Forwarding")
        .collect();
    let page = state
        .options_page
        .clone()
        .filter(|p| pages.contains(&p.as_str()))
        .unwrap_or_else(|| if phone { "Call Forwarding" } else { "General" }.to_owned());
    egui::Frame::new().inner_margin(10.0).show(ui, |ui| {
        // A fixed height for the page: the separator between list and page fills it.
        ui.allocate_ui(vec2(ui.available_width(), 360.0), |ui| {
            ui.horizontal_top(|ui| {
                ui.vertical(|ui| {
                    ui.set_width(150.0);
                    ui.spacing_mut().item_spacing.y = 0.0;
                    for name in &pages {
                        let (rect, row) =
                            list_row(ui, 22.0, egui::Role::Tab, name, *name == page.as_str());
                        ui.painter().text(
                            rect.left_center() + vec2(8.0, 0.0),
                            Align2::LEFT_CENTER,
                            *name,
                            theme::font(12.5),
                            theme::TEXT,
                        );
                        if row.clicked() {
                            state.options_page = Some((*name).to_owned());
                        }
                    }
                });
                ui.separator();
                ui.vertical(|ui| {
                    if page == "Call Forwarding" {
                        call_forwarding_page(ui, actor, state, delegation, actions);
                    } else {
                        ui.label(RichText::new(page.as_str()).font(theme::light_font(20.0)));
                        ui.add_space(10.0);
                        ui.label(RichText::new(NOT_IN_THIS_LAB).color(theme::SUBTLE_TEXT));
                    }
                });
            });
        });
        ui.add_space(6.0);
        // A row of its own: the buttons' layout centres them in the height it is given.
        let clicked = ui
            .allocate_ui(vec2(ui.available_width(), 28.0), |ui| {
                dialog_buttons(ui, &OkCancel::BUTTONS, keys)
            })
            .inner;
        match clicked {
            Some(OkCancel::Ok) => {
                if let Some(forwarding) = state.forwarding.take() {
                    actions.push(set_forwarding(actor, forwarding));
                }
                actions.push(actor.close_window(WindowName::of(WindowClass::LyncOptions)));
            }
            Some(OkCancel::Cancel) => {
                state.forwarding = None;
                actions.push(actor.close_window(WindowName::of(WindowClass::LyncOptions)));
            }
            None => {}
        }
    });
}

/// W14's page: radio buttons with drop-downs, the current settings box and the links. Choices
/// are a draft until the Options window's OK (`SetCallForwarding`); Cancel drops them.
fn call_forwarding_page(
    ui: &mut Ui,
    actor: Actor<'_>,
    state: &mut CallForwardingUi,
    delegation: bool,
    actions: &mut Commands,
) {
    let lab = actor.lab;
    let user = actor.seat.0;
    let saved = lab.server().call_settings(user).forwarding;
    let delegates_offered = delegates_offered(actor);
    let mut draft = state.forwarding.clone().unwrap_or_else(|| saved.clone());
    ui.label(RichText::new("Call Forwarding").font(theme::light_font(20.0)));
    ui.add_space(6.0);
    let caption = |ui: &mut Ui, text: &str| {
        ui.horizontal(|ui| {
            ui.add_space(22.0);
            ui.label(RichText::new(text).small().color(theme::SUBTLE_TEXT))
                .on_hover_text(
                    "Lab assumption: sub-caption reconstructed from a replica of the Lync client.",
                );
        });
    };
    if ui
        .radio(draft == Forwarding::Off, "Turn off call forwarding")
        .clicked()
    {
        draft = Forwarding::Off;
    }
    caption(ui, "Calls will ring you at work and not be forwarded.");
    ui.horizontal(|ui| {
        let on = matches!(draft, Forwarding::ForwardTo(_));
        let radio = ui.radio(on, "Forward my calls to:");
        if radio.clicked() && !on {
            draft = Forwarding::ForwardTo(ForwardTarget::VoiceMail);
        }
        let shown = match &draft {
            Forwarding::ForwardTo(ForwardTarget::Contact(u)) => lab.plain_user(u),
            Forwarding::ForwardTo(target) => target.to_string(),
            Forwarding::Off | Forwarding::SimultaneouslyRing(_) => {
                "Select from this list".to_owned()
            }
        };
        egui::ComboBox::from_id_salt("forward-to")
            .width(170.0)
            .selected_text(shown)
            .show_ui(ui, |ui| {
                if ui.selectable_label(false, "Voice Mail").clicked() {
                    draft = Forwarding::ForwardTo(ForwardTarget::VoiceMail);
                }
                if ui
                    .add_enabled(
                        delegates_offered,
                        egui::Button::selectable(false, "My Delegates"),
                    )
                    .on_disabled_hover_text(DELEGATES_FIRST)
                    .clicked()
                {
                    draft = Forwarding::ForwardTo(ForwardTarget::Delegates);
                }
                ui.add_enabled(
                    false,
                    egui::Button::selectable(false, "New Number or Contact"),
                )
                .on_disabled_hover_text(NOT_IN_THIS_LAB);
            })
            .response
            .labelled_by(radio.id);
    });
    caption(
        ui,
        "Calls will be forwarded immediately and not ring your work number.",
    );
    ui.horizontal(|ui| {
        let on = matches!(draft, Forwarding::SimultaneouslyRing(_));
        let radio = ui.radio(on, "Simultaneously ring:");
        if radio.clicked() && !on {
            draft = Forwarding::SimultaneouslyRing(if delegates_offered {
                SimulRingTarget::Delegates
            } else {
                SimulRingTarget::TeamCall
            });
        }
        let shown = match &draft {
            Forwarding::SimultaneouslyRing(target) => target.to_string(),
            Forwarding::Off | Forwarding::ForwardTo(_) => "Select from this list".to_owned(),
        };
        ui.add_space(8.0);
        egui::ComboBox::from_id_salt("simultaneously-ring")
            .width(170.0)
            .selected_text(shown)
            .show_ui(ui, |ui| {
                if ui
                    .add_enabled(
                        delegates_offered,
                        egui::Button::selectable(false, "My Delegates"),
                    )
                    .on_disabled_hover_text(DELEGATES_FIRST)
                    .clicked()
                {
                    draft = Forwarding::SimultaneouslyRing(SimulRingTarget::Delegates);
                }
                if ui.selectable_label(false, "My Team-Call Group").clicked() {
                    draft = Forwarding::SimultaneouslyRing(SimulRingTarget::TeamCall);
                }
                ui.add_enabled(false, egui::Button::selectable(false, "New Number"))
                    .on_disabled_hover_text(NOT_IN_THIS_LAB);
            })
            .response
            .labelled_by(radio.id);
    });
    caption(
        ui,
        "Calls will ring you at work and also ring another number or person.",
    );
    state.forwarding = (draft != saved).then(|| draft.clone());
    ui.add_space(8.0);
    egui::Frame::new()
        .stroke(Stroke::new(1.0, theme::BORDER))
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new("Your current call forwarding settings").strong());
            ui.label(settings_sentence(actor, &draft));
            ui.horizontal(|ui| {
                ui.label("Unanswered calls will go to:");
                ui.add_enabled(false, egui::Link::new("Voice mail in 20 seconds"))
                    .on_disabled_hover_text(NOT_IN_THIS_LAB);
            });
            ui.horizontal(|ui| {
                ui.label("These settings will apply:");
                ui.add_enabled(false, egui::Link::new("All of the time"))
                    .on_disabled_hover_text(NOT_IN_THIS_LAB);
            });
        });
    ui.add_space(8.0);
    ui.add_enabled(false, egui::Link::new("Edit my team-call group members"))
        .on_disabled_hover_text(NOT_IN_THIS_LAB);
    if delegation {
        if ui.link(EDIT_DELEGATES).clicked() {
            actions.push(actor.open_window(WindowName::of(WindowClass::CallForwardingDelegates)));
        }
    } else {
        ui.label(
            RichText::new(
                "(No \"Edit my delegate members\": the voice policy read at sign-in has EnableDelegation False.)",
            )
            .small()
            .color(theme::SUBTLE_TEXT),
        );
    }
}

/// "My Delegates" is offered, in the menu and on the page, as the lab accepts it.
fn delegates_offered(actor: Actor<'_>) -> bool {
    actor.lab.my_delegates_offered(actor.seat).is_ok()
}

/// Why "My Delegates" is greyed.
const DELEGATES_FIRST: &str =
    "Add delegates first (Edit my delegate members); the voice policy must allow delegation.";

/// The Delegates dialog's list as shown: the records, with the draft's changes.
fn shown_call_delegates(actor: Actor<'_>, state: &CallForwardingUi) -> Vec<(UserIx, bool)> {
    let server = actor.lab.server();
    let user = actor.seat.0;
    let settings = server.call_settings(user);
    let mut list: Vec<(UserIx, bool)> = server
        .delegates_of(user)
        .into_iter()
        .filter(|d| !state.removes.contains(d))
        .map(|d| {
            let receive = state
                .receive
                .get(&d)
                .copied()
                .unwrap_or(!settings.receive_calls_off.contains(&d));
            (d, receive)
        })
        .collect();
    for &add in &state.adds {
        if !list.iter().any(|(d, _)| *d == add) {
            let receive = state.receive.get(&add).copied().unwrap_or(true);
            list.push((add, receive));
        }
    }
    list
}

/// The actions OK makes of the draft: removes, adds, Receive Calls, the delay.
fn apply_draft(actor: Actor<'_>, state: &CallForwardingUi) -> Vec<Action> {
    let server = actor.lab.server();
    let user = actor.seat.0;
    let settings = server.call_settings(user);
    let current = server.delegates_of(user);
    let mut out = Vec::new();
    for &d in &state.removes {
        if current.contains(&d) {
            out.push(Action::RemoveCallDelegate {
                user: actor.user(),
                computer: actor.computer(),
                delegate: actor.id_of(d),
            });
        }
    }
    for &d in &state.adds {
        if !current.contains(&d) && !state.removes.contains(&d) {
            out.push(Action::AddCallDelegate {
                user: actor.user(),
                computer: actor.computer(),
                delegate: actor.id_of(d),
            });
        }
    }
    for (&d, &receive) in &state.receive {
        let was = !settings.receive_calls_off.contains(&d);
        let listed =
            (current.contains(&d) || state.adds.contains(&d)) && !state.removes.contains(&d);
        if listed && receive != was {
            out.push(Action::SetReceiveCalls {
                user: actor.user(),
                computer: actor.computer(),
                delegate: actor.id_of(d),
                receive,
            });
        }
    }
    if let Some(delay) = state.delay
        && delay != settings.ring_delay
    {
        out.push(Action::SetDelegateRingDelay {
            user: actor.user(),
            computer: actor.computer(),
            seconds: delay,
        });
    }
    out
}

/// Call Forwarding - Delegates (W15).
pub fn delegates_ui(
    ui: &mut Ui,
    actor: Actor<'_>,
    state: &mut CallForwardingUi,
    keys: DialogKeys,
    actions: &mut Commands,
) {
    let dir = actor.lab.directory();
    let list = shown_call_delegates(actor, state);
    egui::Frame::new().inner_margin(12.0).show(ui, |ui| {
        ui.label(DELEGATES_INTRO).on_hover_text(
            "Lab assumption: reconstructed from a replica of the Lync client's dialog.",
        );
        ui.add_space(6.0);
        egui::Frame::new()
            .stroke(Stroke::new(1.0, theme::BORDER))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.set_height(170.0);
                ui.horizontal(|ui| {
                    ui.add_space(4.0);
                    ui.add_sized(
                        [90.0, 18.0],
                        egui::Label::new(RichText::new("Receive Calls").small()),
                    );
                    ui.label(RichText::new("Delegate").small());
                });
                ui.spacing_mut().item_spacing.y = 0.0;
                for (delegate, receive) in &list {
                    let name = dir.name(*delegate);
                    let selected = state.selected == Some(*delegate);
                    let (rect, row) = list_row(ui, 22.0, egui::Role::ListItem, name, selected);
                    let mut checked = *receive;
                    let check_rect = egui::Rect::from_center_size(
                        rect.left_center() + vec2(40.0, 0.0),
                        vec2(18.0, 18.0),
                    );
                    let check = ui
                        .put(check_rect, egui::Checkbox::without_text(&mut checked))
                        .on_hover_text(format!("Receive Calls: {name}"));
                    check.widget_info(|| {
                        egui::WidgetInfo::selected(
                            egui::Role::CheckBox,
                            true,
                            checked,
                            format!("Receive Calls: {name}"),
                        )
                    });
                    if check.changed() {
                        state.receive.insert(*delegate, checked);
                    }
                    ui.painter().text(
                        rect.left_center() + vec2(98.0, 0.0),
                        Align2::LEFT_CENTER,
                        name,
                        theme::font(12.5),
                        theme::TEXT,
                    );
                    if row.clicked() {
                        state.selected = Some(*delegate);
                    }
                }
            });
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let add = ui.add_sized([80.0, 24.0], egui::Button::new("Add..."));
            if just_opened(ui) {
                add.request_focus();
            }
            if add.clicked() {
                actions.push(actor.open_window(WindowName::of(WindowClass::ChooseDelegate)));
            }
            let selected = state.selected.filter(|s| list.iter().any(|(d, _)| d == s));
            if ui
                .add_enabled(
                    selected.is_some(),
                    egui::Button::new("Remove").min_size(vec2(80.0, 24.0)),
                )
                .clicked()
                && let Some(d) = selected
            {
                state.adds.retain(|a| *a != d);
                state.removes.insert(d);
                state.selected = None;
            }
        });
        ui.add_space(8.0);
        let delay = state
            .delay
            .unwrap_or(actor.lab.server().call_settings(actor.seat.0).ring_delay);
        ui.horizontal(|ui| {
            let label = ui.label(RING_DELAY_LABEL);
            egui::ComboBox::from_id_salt("ring-delay")
                .width(140.0)
                .selected_text(delay_text(delay))
                .show_ui(ui, |ui| {
                    for seconds in RING_DELAYS {
                        if ui
                            .selectable_label(seconds == delay, delay_text(seconds))
                            .clicked()
                        {
                            state.delay = Some(seconds);
                        }
                    }
                })
                .response
                .labelled_by(label.id);
        });
        ui.add_space(10.0);
        match dialog_buttons(ui, &OkCancel::BUTTONS, keys) {
            Some(OkCancel::Ok) => {
                actions.extend(apply_draft(actor, state));
                actions
                    .push(actor.close_window(WindowName::of(WindowClass::CallForwardingDelegates)));
                *state = CallForwardingUi {
                    options_page: state.options_page.take(),
                    ..CallForwardingUi::default()
                };
            }
            Some(OkCancel::Cancel) => {
                actions
                    .push(actor.close_window(WindowName::of(WindowClass::CallForwardingDelegates)));
                *state = CallForwardingUi {
                    options_page: state.options_page.take(),
                    ..CallForwardingUi::default()
                };
            }
            None => {}
        }
    });
}

/// Choose a Delegate (W15): the user's contacts; OK enables only for an EV user (B12).
pub fn choose_delegate_ui(
    ui: &mut Ui,
    actor: Actor<'_>,
    state: &mut CallForwardingUi,
    keys: DialogKeys,
    actions: &mut Commands,
) {
    let dir = actor.lab.directory();
    egui::Frame::new().inner_margin(12.0).show(ui, |ui| {
        let label = ui.label("Search:");
        let search = ui
            .add(egui::TextEdit::singleline(&mut state.search).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        if just_opened(ui) {
            search.request_focus();
        }
        let needle = state.search.trim().to_lowercase();
        ui.add_space(6.0);
        egui::Frame::new()
            .stroke(Stroke::new(1.0, theme::BORDER))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.set_height((ui.available_height() - 80.0).max(120.0));
                egui::ScrollArea::vertical()
                    .id_salt("choose-delegate")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        ui.spacing_mut().item_spacing.y = 0.0;
                        for (user, info) in dir.users() {
                            if user == actor.seat.0 {
                                continue;
                            }
                            let email = dir.email(user);
                            if !needle.is_empty()
                                && !info.name.to_lowercase().contains(&needle)
                                && !email.contains(&needle)
                            {
                                continue;
                            }
                            let selected = state.chosen == Some(user);
                            let (rect, row) =
                                list_row(ui, 24.0, egui::Role::ListItem, &info.name, selected);
                            ui.painter().text(
                                rect.left_center() + vec2(8.0, 0.0),
                                Align2::LEFT_CENTER,
                                &info.name,
                                theme::font(12.5),
                                theme::TEXT,
                            );
                            ui.painter().text(
                                rect.right_center() - vec2(8.0, 0.0),
                                Align2::RIGHT_CENTER,
                                &email,
                                theme::font(11.5),
                                theme::SUBTLE_TEXT,
                            );
                            if row.clicked() {
                                state.chosen = Some(user);
                            }
                        }
                    });
            });
        let chosen = state.chosen;
        let can_choose = chosen.is_some_and(|u| dir.user(u).enterprise_voice);
        // The hint's row is always there, so the buttons do not move.
        let hint = match chosen {
            Some(u) if !can_choose => format!(
                "{} is not enabled for Enterprise Voice: only Enterprise Voice users can be chosen.",
                dir.name(u)
            ),
            _ => String::new(),
        };
        ui.add_sized(
            [ui.available_width(), 18.0],
            egui::Label::new(RichText::new(hint).small().color(theme::SUBTLE_TEXT)),
        );
        ui.add_space(6.0);
        let close = |actions: &mut Commands| {
            actions.push(actor.close_window(WindowName::of(WindowClass::ChooseDelegate)));
        };
        ui.add_enabled_ui(true, |ui| {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let cancel = ui.add_sized(
                    [80.0, 24.0],
                    egui::Button::new(DialogButton::Cancel.label()),
                );
                let ok = ui.add_enabled_ui(can_choose, |ui| {
                    ui.add_sized([80.0, 24.0], egui::Button::new(DialogButton::Ok.label()))
                });
                let ok = ok.inner.on_disabled_hover_text(
                    "OK enables only for a user enabled for Enterprise Voice (B12).",
                );
                // Enter presses OK only while it is enabled.
                let enabled: &[OkCancel] = if can_choose {
                    &OkCancel::BUTTONS
                } else {
                    &[OkCancel::Cancel]
                };
                let pressed = keys.pressed(enabled);
                if (ok.clicked() || pressed == Some(OkCancel::Ok))
                    && let Some(u) = chosen
                {
                    state.removes.remove(&u);
                    if !state.adds.contains(&u) {
                        state.adds.push(u);
                    }
                    state.chosen = None;
                    state.search.clear();
                    close(actions);
                } else if cancel.clicked() || pressed == Some(OkCancel::Cancel) {
                    state.chosen = None;
                    state.search.clear();
                    close(actions);
                }
            });
        });
    });
}

/// Lync's message box ("Lync"): the text and OK.
pub fn message_box(
    ui: &mut Ui,
    actor: Actor<'_>,
    text: &str,
    keys: DialogKeys,
    actions: &mut Commands,
) {
    egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(16, 14))
        .show(ui, |ui| {
            ui.add(egui::Label::new(text).wrap()).on_hover_text(
                "Lab assumption: no public source gives this reminder's exact wording.",
            );
            ui.add_space(12.0);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Max), |ui| {
                if message_box_ok(ui, keys) {
                    actions.push(actor.close_window(WindowName::of(WindowClass::LyncMessageBox)));
                }
            });
        });
}

/// The call toast on a ringing delegate's desktop (W18): the caller, its title "Call for
/// <Boss>", Answer and Ignore (the lab does not connect calls: both close it).
pub fn call_toast(ui: &mut Ui, actor: Actor<'_>, title: &str, actions: &mut Commands) {
    let lab = actor.lab;
    let dir = lab.directory();
    let caller = lab
        .ringing_call()
        .map(|c| dir.name(c.caller).to_owned())
        .unwrap_or_default();
    egui::Frame::new()
        .fill(Color32::from_rgb(0x1E, 0x5C, 0x9A))
        .inner_margin(12.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(&caller)
                    .font(theme::light_font(20.0))
                    .color(Color32::WHITE),
            );
            ui.label(RichText::new(title).color(Color32::WHITE))
                .on_hover_text("Lab assumption: the toast's wording is reconstructed.");
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let (answer, ignore) = (
                    ui.add(
                        egui::Button::new(RichText::new("Answer").color(Color32::WHITE))
                            .fill(Color32::from_rgb(0x2E, 0x8B, 0x3A)),
                    ),
                    ui.add(
                        egui::Button::new(RichText::new("Ignore").color(Color32::WHITE))
                            .fill(Color32::from_rgb(0x3A, 0x3A, 0x3A)),
                    ),
                );
                let answer = answer.on_hover_text("The lab does not connect calls.");
                if answer.clicked() || ignore.clicked() {
                    actions.push(actor.close_window(WindowName::new(title.to_owned())));
                }
            });
        });
}
