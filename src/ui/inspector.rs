//! The back-end inspector (W13, the lab's own): every delegate record with when and by which
//! route it was created, each user's server-side groups, the pending deletions of B9, the
//! client and voice policies with their grants, call forwarding, trusted applications and
//! lab faults; and, folded, the `rtc` database's routing rows as an administrator's SQL query
//! shows them (issue 23).

use egui::{RichText, Ui};

use super::theme;
use super::window::expect_this;
use crate::lab::lync_server::{DELEGATES, FAVORITES, OTHER_CONTACTS, PEOPLE_I_MANAGE_CALLS_FOR};
use crate::lab::rtc::{self, RtcTables};
use crate::lab::voice::bool_text;
use crate::lab::{Lab, sync_setting};
use crate::scenario::Expectation;
use crate::ui::Commands;

fn heading(ui: &mut Ui, text: &str) {
    ui.add_space(6.0);
    ui.label(
        RichText::new(text)
            .font(theme::semibold_font(13.0))
            .color(theme::OUTLOOK_BLUE),
    );
}

pub fn ui(ui: &mut Ui, lab: &Lab, gestures: &mut Commands) {
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
                                    if expect_this(ui) {
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
                                ui.label(origin.route.describe(dir));
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
                            "{}: \"{DELEGATES}\": {}",
                            info.name,
                            names(&delegates)
                        ));
                    }
                    if !delegators.is_empty() {
                        ui.label(format!(
                            "{}: \"{PEOPLE_I_MANAGE_CALLS_FOR}\": {}",
                            info.name,
                            names(&delegators)
                        ));
                    }
                }
                if !any {
                    ui.label(
                        RichText::new(format!("Only {FAVORITES} and {OTHER_CONTACTS}."))
                            .color(theme::SUBTLE_TEXT),
                    );
                }
                heading(ui, "Client policies");
                for policy in &lab.server().policies {
                    ui.label(policy_line(
                        lab,
                        &policy.identity,
                        &format!(
                            "EnableExchangeDelegateSync {}",
                            sync_setting(policy.enable_exchange_delegate_sync)
                        ),
                        &lab.server().grants,
                    ));
                }
                voice_ui(ui, lab);
                let mut faults: Vec<String> = lab
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
                faults.extend(lab.mapi_faults().map(|(u, c)| {
                    format!(
                        "MAPI unavailable: {} on {} (B14)",
                        dir.name(u),
                        dir.computer(c)
                    )
                }));
                if !faults.is_empty() {
                    heading(ui, "Lab faults");
                    for fault in faults {
                        ui.label(fault);
                    }
                }
                ui.add_space(6.0);
                rtc_ui(ui, lab);
            });
    });
}

/// Voice policies, Enterprise Voice users, call forwarding and trusted applications (B12).
fn voice_ui(ui: &mut Ui, lab: &Lab) {
    let dir = lab.directory();
    let server = lab.server();
    heading(ui, "Voice policies");
    for policy in &server.voice.policies {
        ui.label(policy_line(
            lab,
            &policy.identity,
            &format!("EnableDelegation {}", bool_text(policy.enable_delegation)),
            &server.voice.grants,
        ));
    }
    heading(ui, "Enterprise Voice and call forwarding");
    let mut any = false;
    for (user, info) in dir.users() {
        let settings = server.call_settings(user);
        if !info.enterprise_voice && settings.is_default() {
            continue;
        }
        any = true;
        let mut text = format!(
            "{}: {}; {}",
            info.name,
            match lab.line_uri(user) {
                Some(uri) if info.enterprise_voice => format!("Enterprise Voice, {uri}"),
                _ => "no Enterprise Voice".to_owned(),
            },
            settings.forwarding
        );
        if settings.ring_delay > 0 {
            text.push_str(&format!("; delegates ring after {} s", settings.ring_delay));
        }
        if !settings.receive_calls_off.is_empty() {
            let off: Vec<&str> = settings
                .receive_calls_off
                .iter()
                .map(|&u| dir.name(u))
                .collect();
            text.push_str(&format!("; Receive Calls off for {}", off.join(", ")));
        }
        ui.label(text);
    }
    if !any {
        ui.label(
            RichText::new("Nobody is enabled for Enterprise Voice.").color(theme::SUBTLE_TEXT),
        );
    }
    if let Some(call) = lab.last_call() {
        let rang: Vec<String> = call
            .users()
            .into_iter()
            .map(|u| dir.name(u).to_owned())
            .collect();
        ui.label(format!(
            "{} call: {} → {}; rang: {}",
            if call.active { "Ringing" } else { "Last" },
            dir.name(call.caller),
            dir.name(call.callee),
            if rang.is_empty() {
                "nobody".to_owned()
            } else {
                rang.join(", ")
            }
        ));
    }
    heading(ui, "Trusted applications");
    if server.trusted_pools.is_empty() && server.trusted_apps.is_empty() {
        ui.label(RichText::new("None (SEFAUtil cannot run).").color(theme::SUBTLE_TEXT));
    }
    for pool in &server.trusted_pools {
        ui.label(format!("Pool {} (registrar {})", pool.fqdn, pool.registrar));
    }
    for app in &server.trusted_apps {
        ui.label(format!(
            "{} on {}, port {}{}",
            app.application_id,
            app.pool_fqdn,
            app.port,
            if app.published {
                ""
            } else {
                " (not published yet: run Enable-CsTopology)"
            }
        ));
    }
}

/// "Tag:Sales: EnableDelegation False; granted to User20" — a policy, its flag, its grants.
fn policy_line(
    lab: &Lab,
    identity: &str,
    setting: &str,
    grants: &std::collections::BTreeMap<crate::lab::UserIx, String>,
) -> String {
    let granted: Vec<&str> = grants
        .iter()
        .filter(|(_, g)| *g == identity)
        .map(|(&u, _)| lab.directory().name(u))
        .collect();
    let grants = if granted.is_empty() {
        String::new()
    } else {
        format!("; granted to {}", granted.join(", "))
    };
    format!("{identity}: {setting}{grants}")
}

/// The title of the folded section with the `rtc` database's rows.
pub const RTC_SECTION: &str = "rtc database (as SQL shows it)";

/// `rtc.dbo.Resource` and the routing rows of `rtc.dbo.PublishedStaticInstance`, as the
/// lab's [`crate::lab::Lab::rtc`] has them: each `Data` in monospace, selectable, with a Copy
/// button, and a note on what is reconstructed.
fn rtc_ui(ui: &mut Ui, lab: &Lab) {
    let RtcTables {
        resource,
        published_static_instance,
    } = lab.rtc();
    egui::CollapsingHeader::new(
        RichText::new(RTC_SECTION)
            .font(theme::semibold_font(13.0))
            .color(theme::OUTLOOK_BLUE),
    )
    .id_salt("rtc")
    .default_open(false)
    .show(ui, |ui| {
        egui::Frame::new()
            .fill(theme::BANNER_FILL)
            .stroke(egui::Stroke::new(1.0, theme::BANNER_BORDER))
            .inner_margin(6.0)
            .show(ui, |ui| {
                ui.add(egui::Label::new(RichText::new(rtc::RECONSTRUCTED_NOTE).size(11.5)).wrap());
            });
        ui.add_space(4.0);
        ui.strong("rtc.dbo.Resource");
        egui::Grid::new("rtc-resource")
            .striped(true)
            .num_columns(2)
            .show(ui, |ui| {
                ui.strong("ResourceId");
                ui.strong("UserAtHost");
                ui.end_row();
                for row in &resource {
                    ui.monospace(row.resource_id.to_string());
                    ui.monospace(&row.user_at_host);
                    ui.end_row();
                }
            });
        ui.add_space(6.0);
        ui.strong(format!(
            "rtc.dbo.PublishedStaticInstance (CategoryId {}: routing)",
            rtc::ROUTING_CATEGORY_ID
        ));
        for row in &published_static_instance {
            let user = resource
                .iter()
                .find(|r| r.resource_id == row.publisher_id)
                .map_or("", |r| r.user_at_host.as_str());
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                ui.monospace(format!(
                    "PublisherId {}  CategoryId {}  InstanceNum {}  ContainerNum {}  Version {}",
                    row.publisher_id,
                    row.category_id,
                    row.instance_num,
                    row.container_num,
                    row.version
                ));
                ui.label(RichText::new(format!("({user})")).color(theme::SUBTLE_TEXT));
                if ui
                    .small_button("Copy")
                    .on_hover_text(format!(
                        "Copies the Data of {user} (the routing XML) to the clipboard."
                    ))
                    .clicked()
                {
                    ui.ctx().copy_text(row.data_xml.clone());
                }
            });
            egui::Frame::new()
                .fill(theme::LIGHT_FILL)
                .stroke(egui::Stroke::new(1.0, theme::BORDER))
                .inner_margin(4.0)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.add(
                        egui::Label::new(RichText::new(&row.data_xml).monospace().size(11.0))
                            .selectable(true)
                            .wrap(),
                    );
                });
        }
    });
}
