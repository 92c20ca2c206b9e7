//! The back-end inspector (W13, the lab's own): every delegate record with when and by which
//! client it was created, each user's server-side groups, the pending deletions of B9, and the
//! client policies with their grants.

use egui::{RichText, Ui};

use super::theme;
use crate::lab::{Lab, sync_setting};
use crate::scenario::Expectation;
use crate::ui::Gestures;

fn heading(ui: &mut Ui, text: &str) {
    ui.add_space(6.0);
    ui.label(
        RichText::new(text)
            .font(theme::semibold_font(13.0))
            .color(theme::OUTLOOK_BLUE),
    );
}

pub fn ui(ui: &mut Ui, lab: &Lab, gestures: &mut Gestures) {
    let dir = lab.directory();
    egui::Frame::new().inner_margin(10.0).show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("inspector")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                heading(ui, "Delegate records");
                let records: Vec<_> = lab.server().records().collect();
                if records.is_empty() {
                    ui.label(RichText::new("No delegate records.").color(theme::SUBTLE_TEXT));
                } else {
                    egui::Grid::new("records")
                        .striped(true)
                        .num_columns(3)
                        .show(ui, |ui| {
                            ui.strong("Delegator → delegate");
                            ui.strong("Created");
                            ui.strong("By");
                            ui.end_row();
                            for (delegator, delegate, origin) in records {
                                let pair = egui::Label::new(format!(
                                    "{} → {}",
                                    dir.name(delegator),
                                    dir.name(delegate)
                                ))
                                .sense(egui::Sense::click());
                                ui.add(pair).context_menu(|ui| {
                                    if super::lync::expect_this(ui) {
                                        gestures.push(Expectation::ExpectBackendDelegate {
                                            delegator: dir.id(delegator).into(),
                                            delegate: dir.id(delegate).into(),
                                            present: true,
                                        });
                                    }
                                });
                                ui.label(format!(
                                    "{} (action {})",
                                    origin.created, origin.action_number
                                ));
                                ui.label(format!(
                                    "delegate sync of {}'s Lync on {}",
                                    dir.name(origin.client_user),
                                    dir.computer(origin.client_computer)
                                ));
                                ui.end_row();
                            }
                        });
                }
                heading(ui, "Pending deletions (B9: at the client's next sign-in)");
                let mut any = false;
                for ((user, computer), client) in lab.clients() {
                    for delegate in client.pending_removals() {
                        any = true;
                        ui.label(format!(
                            "{} → {}: removed from \"Delegates\" in {}'s Lync on {}",
                            dir.name(user),
                            dir.name(delegate),
                            dir.name(user),
                            dir.computer(computer)
                        ));
                    }
                }
                if !any {
                    ui.label(RichText::new("None.").color(theme::SUBTLE_TEXT));
                }
                heading(ui, "Server-side groups");
                let mut any = false;
                for (user, info) in dir.users() {
                    let delegates = lab.server().delegates_of(user);
                    let delegators = lab.server().delegators_of(user);
                    if delegates.is_empty() && delegators.is_empty() {
                        continue;
                    }
                    any = true;
                    let names = |users: &[crate::lab::UserIx]| {
                        users
                            .iter()
                            .map(|&u| dir.name(u))
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    if !delegates.is_empty() {
                        ui.label(format!(
                            "{}: \"Delegates\": {}",
                            info.name,
                            names(&delegates)
                        ));
                    }
                    if !delegators.is_empty() {
                        ui.label(format!(
                            "{}: \"People I Manage Calls For\": {}",
                            info.name,
                            names(&delegators)
                        ));
                    }
                }
                if !any {
                    ui.label(
                        RichText::new("Only Favorites and Other Contacts.")
                            .color(theme::SUBTLE_TEXT),
                    );
                }
                heading(ui, "Client policies");
                for policy in &lab.server().policies {
                    let granted: Vec<&str> = lab
                        .server()
                        .grants
                        .iter()
                        .filter(|(_, g)| **g == policy.identity)
                        .map(|(&u, _)| dir.name(u))
                        .collect();
                    ui.label(format!(
                        "{}: EnableExchangeDelegateSync {}{}",
                        policy.identity,
                        sync_setting(policy.enable_exchange_delegate_sync),
                        if granted.is_empty() {
                            String::new()
                        } else {
                            format!("; granted to {}", granted.join(", "))
                        }
                    ));
                }
                let faults: Vec<String> = lab
                    .faults()
                    .map(|((u, c), f)| {
                        format!(
                            "Stuck sync: {} on {}{}",
                            dir.name(u),
                            dir.computer(c),
                            if f.profile_deleted {
                                " (profile deleted; a reboot clears it)"
                            } else {
                                ""
                            }
                        )
                    })
                    .collect();
                if !faults.is_empty() {
                    heading(ui, "Lab faults");
                    for fault in faults {
                        ui.label(fault);
                    }
                }
            });
    });
}
