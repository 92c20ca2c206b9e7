//! The Lync 2013 main window (W10): the sign-in page, or the signed-in user's name, presence,
//! note, banners, tabs and contact list with its groups.

use crate::ui::Commands;
use egui::{Align2, Color32, Rect, RichText, Sense, Stroke, Ui, vec2};

use super::window::{expect_this, paint_disclosure, x_button};
use super::{Actor, theme};
use crate::lab::lync_client::Banner;
use crate::lab::lync_server::{ContactGroup, DELEGATES};
use crate::lab::{Action, Lab, Presence, UserIx, WindowClass, WindowName};
use crate::scenario::Expectation;

pub use crate::session::view::{LyncTab as Tab, LyncUi, LyncView as View};

impl Tab {
    const ALL: [Tab; 4] = [Tab::Groups, Tab::Status, Tab::Relationships, Tab::New];

    fn label(self) -> &'static str {
        match self {
            Tab::Groups => "GROUPS",
            Tab::Status => "STATUS",
            Tab::Relationships => "RELATIONSHIPS",
            Tab::New => "NEW",
        }
    }
}

pub const ROW_HEIGHT: f32 = 26.0;

pub fn ui(ui: &mut Ui, actor: Actor<'_>, state: &mut LyncUi, actions: &mut Commands) {
    // Both pages fill the window, so it keeps its size across sign-in and sign-out.
    ui.set_min_size(ui.available_size().max(egui::Vec2::ZERO));
    if actor.lab.signed_in(actor.seat) {
        signed_in_ui(ui, actor, state, actions);
    } else {
        sign_in_page(ui, actor, state, actions);
    }
}

fn sign_in_page(ui: &mut Ui, actor: Actor<'_>, state: &mut LyncUi, actions: &mut Commands) {
    let dir = actor.lab.directory();
    egui::Frame::new().inner_margin(24.0).show(ui, |ui| {
        ui.set_min_height((ui.available_height() - 48.0).max(0.0));
        ui.label(RichText::new("Lync").font(theme::light_font(34.0)).color(theme::OUTLOOK_BLUE));
        ui.add_space(30.0);
        if state.sign_in_address.is_empty() {
            state.sign_in_address = dir.email(actor.seat.0);
        }
        let label = ui.label("Sign-in address");
        let field = ui.add(
            egui::TextEdit::singleline(&mut state.sign_in_address)
                .desired_width(f32::INFINITY)
                .hint_text("someone@example.com"),
        );
        let field = field.labelled_by(label.id);
        ui.add_space(12.0);
        let sign_in = ui.add(egui::Button::new(RichText::new("Sign In").color(Color32::WHITE)).fill(theme::OUTLOOK_BLUE));
        let submitted = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let own = dir.find_user(&state.sign_in_address) == Some(actor.seat.0);
        if !own {
            ui.add_space(8.0);
            ui.colored_label(
                theme::presence_color(Presence::Busy),
                format!(
                    "This computer's Windows session belongs to {}. Use {} to sign in here (lab: credentials are the logged-on user's).",
                    dir.name(actor.seat.0),
                    dir.email(actor.seat.0)
                ),
            );
        }
        if (sign_in.clicked() || submitted) && own {
            actions.push(actor.sign_in());
        }
    });
}

const PRESENCE_ASSUMPTION: &str =
    "The lab's presence follows sign-in: Available when signed in, Offline when not.";

fn signed_in_ui(ui: &mut Ui, actor: Actor<'_>, state: &mut LyncUi, actions: &mut Commands) {
    let lab = actor.lab;
    let (user, _) = actor.seat;
    let dir = lab.directory();
    // The Phone tab is there when Enterprise Voice was on at sign-in (B12).
    let enterprise_voice = lab.client(actor.seat).is_some_and(|c| c.has_phone());
    if state.view == View::Phone && !enterprise_voice {
        state.view = View::Contacts;
    }
    // Header: picture, note, name, presence menu, location.
    egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(12, 8))
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                let (avatar, _) = ui.allocate_exact_size(vec2(60.0, 60.0), Sense::hover());
                paint_avatar(
                    ui.painter(),
                    avatar,
                    theme::presence_color(lab.presence(user)),
                );
                ui.vertical(|ui| {
                    ui.spacing_mut().item_spacing.y = 1.0;
                    let note = ui.add(
                        egui::TextEdit::singleline(&mut state.note)
                            .hint_text("What's happening today?")
                            .frame(egui::Frame::new())
                            .desired_width(f32::INFINITY),
                    );
                    note.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::TextInput,
                            true,
                            "What's happening today?",
                        )
                    });
                    ui.label(RichText::new(dir.name(user)).font(theme::light_font(22.0)));
                    presence_menu(ui, lab.presence(user));
                    ui.add_enabled(
                        false,
                        egui::Button::new(
                            RichText::new("Set Your Location ▾")
                                .color(theme::SUBTLE_TEXT)
                                .small(),
                        )
                        .frame(false),
                    )
                    .on_disabled_hover_text(super::NOT_IN_THIS_LAB);
                });
            });
        });
    // Banners (B7).
    for banner in lab.banners(actor.seat) {
        banner_ui(ui, actor, &banner, actions);
    }
    // The icon tabs, with Options and Show Menu on the right.
    ui.horizontal(|ui| {
        ui.add_space(10.0);
        for view in View::ALL {
            if view == View::Phone && !enterprise_voice {
                continue;
            }
            if icon_tab(ui, view, state.view == view).clicked() {
                state.view = view;
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.add_space(6.0);
            show_menu(ui, actor, actions);
            let (rect, options) = ui.allocate_exact_size(vec2(26.0, 26.0), Sense::click());
            options.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, "Options"));
            let options = options.on_hover_text("Options");
            if options.hovered() {
                ui.painter().rect_filled(rect, 0.0, theme::HOVER_FILL);
            }
            paint_gear(ui.painter(), rect.center(), theme::SUBTLE_TEXT);
            if options.clicked() {
                actions.push(actor.open_window(WindowName::of(WindowClass::LyncOptions)));
            }
        });
    });
    ui.add_space(2.0);
    let bottom = if enterprise_voice { 26.0 } else { 0.0 };
    let body = ui.available_height() - bottom;
    ui.allocate_ui(
        vec2(ui.available_width(), body.max(0.0)),
        |ui| match state.view {
            View::Contacts => contacts_ui(ui, actor, state, actions),
            View::Phone => super::lync_voice::phone_view(ui, actor, actions),
            other => {
                ui.add_space(24.0);
                ui.vertical_centered(|ui| {
                    ui.label(
                        RichText::new(format!("{} (not part of this lab)", other.label()))
                            .color(theme::SUBTLE_TEXT),
                    );
                });
            }
        },
    );
    if enterprise_voice {
        // The call-forwarding menu at the lower left (B12).
        ui.horizontal(|ui| {
            ui.add_space(8.0);
            super::lync_voice::forwarding_menu(ui, actor, actions);
        });
    }
}

impl View {
    const ALL: [View; 4] = [
        View::Contacts,
        View::Conversations,
        View::Phone,
        View::Meetings,
    ];

    fn label(self) -> &'static str {
        match self {
            View::Contacts => "Contacts",
            View::Conversations => "Conversations",
            View::Phone => "Phone",
            View::Meetings => "Meetings",
        }
    }
}

/// One icon tab: a painted icon, blue and underlined when selected; its name on hover.
fn icon_tab(ui: &mut Ui, view: View, selected: bool) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(vec2(44.0, 34.0), Sense::click());
    response
        .widget_info(|| egui::WidgetInfo::selected(egui::Role::Tab, true, selected, view.label()));
    let response = response.on_hover_text(view.label());
    let painter = ui.painter();
    if response.hovered() && !selected {
        painter.rect_filled(rect, 0.0, theme::HOVER_FILL);
    }
    let color = if selected {
        theme::OUTLOOK_BLUE
    } else {
        theme::SUBTLE_TEXT
    };
    if selected {
        painter.rect_filled(
            Rect::from_min_max(rect.left_bottom() - vec2(0.0, 3.0), rect.right_bottom()),
            0.0,
            theme::OUTLOOK_BLUE,
        );
    }
    let c = rect.center() - vec2(0.0, 1.0);
    let pen = Stroke::new(1.6, color);
    match view {
        View::Contacts => {
            painter.circle_stroke(c - vec2(0.0, 4.0), 4.0, pen);
            painter.add(egui::Shape::line(
                vec![
                    c + vec2(-8.0, 9.0),
                    c + vec2(-6.0, 3.0),
                    c + vec2(0.0, 1.5),
                    c + vec2(6.0, 3.0),
                    c + vec2(8.0, 9.0),
                ],
                pen,
            ));
        }
        View::Conversations => {
            let bubble = Rect::from_center_size(c - vec2(0.0, 2.0), vec2(18.0, 12.0));
            painter.rect_stroke(bubble, 2.0, pen, egui::StrokeKind::Middle);
            painter.add(egui::Shape::line(
                vec![
                    bubble.left_bottom() + vec2(4.0, 0.0),
                    bubble.left_bottom() + vec2(3.0, 5.0),
                    bubble.left_bottom() + vec2(9.0, 0.0),
                ],
                pen,
            ));
        }
        View::Phone => {
            painter.add(egui::Shape::line(
                vec![
                    c + vec2(-7.0, -7.0),
                    c + vec2(-3.0, -7.0),
                    c + vec2(-2.0, -3.0),
                    c + vec2(-4.0, -1.0),
                    c + vec2(1.0, 4.0),
                    c + vec2(3.0, 2.0),
                    c + vec2(7.0, 3.0),
                    c + vec2(7.0, 7.0),
                    c + vec2(3.0, 8.0),
                    c + vec2(-7.0, -2.0),
                    c + vec2(-7.0, -7.0),
                ],
                pen,
            ));
        }
        View::Meetings => {
            let page = Rect::from_center_size(c, vec2(18.0, 16.0));
            painter.rect_stroke(page, 0.0, pen, egui::StrokeKind::Middle);
            painter.rect_filled(
                Rect::from_min_size(page.min, vec2(page.width(), 4.0)),
                0.0,
                color,
            );
            for (dx, dy) in [(-4.0, 2.0), (0.0, 2.0), (4.0, 2.0), (-4.0, 6.0), (0.0, 6.0)] {
                painter.rect_filled(
                    Rect::from_center_size(c + vec2(dx, dy - 1.0), vec2(2.0, 2.0)),
                    0.0,
                    color,
                );
            }
        }
    }
    response
}

/// A gear: a toothed ring.
fn paint_gear(painter: &egui::Painter, c: egui::Pos2, color: Color32) {
    for i in 0..8 {
        let angle = i as f32 * std::f32::consts::TAU / 8.0;
        let dir = vec2(angle.cos(), angle.sin());
        painter.line_segment([c + dir * 5.0, c + dir * 8.0], Stroke::new(2.6, color));
    }
    painter.circle_stroke(c, 5.0, Stroke::new(2.2, color));
}

/// "Available ▾": Lync's presence menu. The lab derives presence from sign-in, so the
/// states are shown but not chosen.
fn presence_menu(ui: &mut Ui, presence: Presence) {
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 2.0;
        presence_dot(ui, presence);
        let button = egui::Button::new(
            RichText::new(format!("{} ▾", theme::presence_label(presence))).color(theme::TEXT),
        )
        .frame(false);
        egui::containers::menu::MenuButton::from_button(button)
            .ui(ui, |ui| {
                for item in [
                    "Available",
                    "Busy",
                    "Do Not Disturb",
                    "Be Right Back",
                    "Off Work",
                    "Appear Away",
                    "",
                    "Reset Status",
                ] {
                    if item.is_empty() {
                        ui.separator();
                    } else {
                        ui.add_enabled(false, egui::Button::new(item))
                            .on_disabled_hover_text(PRESENCE_ASSUMPTION);
                    }
                }
            })
            .0
            .on_hover_text("Presence");
    });
}

/// "Show Menu ▾": File (Sign Out, Exit), Meet Now, Tools, Help; what the lab does not model
/// is disabled.
fn show_menu(ui: &mut Ui, actor: Actor<'_>, actions: &mut Commands) {
    let disabled = |ui: &mut Ui, item: &str| {
        ui.add_enabled(false, egui::Button::new(item))
            .on_disabled_hover_text(super::NOT_IN_THIS_LAB);
    };
    let button = egui::Button::new(RichText::new("▾").color(theme::SUBTLE_TEXT)).frame(false);
    let (response, _) = egui::containers::menu::MenuButton::from_button(button).ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if ui.button("Sign Out").clicked() {
                actions.push(actor.sign_out());
                ui.close();
            }
            disabled(ui, "Sign In");
            ui.separator();
            disabled(ui, "Open Conversation History Folder");
            disabled(ui, "Save Contacts");
            ui.separator();
            if ui.button("Exit").clicked() {
                actions.push(actor.exit_lync());
                ui.close();
            }
        });
        disabled(ui, "Meet Now");
        ui.menu_button("Tools", |ui| {
            if ui.button("Options").clicked() {
                actions.push(actor.open_window(WindowName::of(WindowClass::LyncOptions)));
                ui.close();
            }
            // The lab's second way to it (B14); Lync's own is Ctrl + right-click on its
            // notification-area icon.
            if ui.button("Configuration Information").clicked() {
                actions
                    .push(actor.open_window(WindowName::of(WindowClass::ConfigurationInformation)));
                ui.close();
            }
        });
        ui.menu_button("Help", |ui| {
            if ui.button("About Microsoft Lync").clicked() {
                actions.push(actor.open_window(WindowName::of(WindowClass::AboutLync)));
                ui.close();
            }
        });
        ui.separator();
        disabled(ui, "Show Menu Bar");
    });
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, "Show Menu"));
    response.on_hover_text("Show Menu");
}

/// The Contacts view: the search box, the sub-tabs and the contact list (or search results).
fn contacts_ui(ui: &mut Ui, actor: Actor<'_>, state: &mut LyncUi, actions: &mut Commands) {
    let lab = actor.lab;
    egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(12, 4))
        .show(ui, |ui| {
            egui::Frame::new()
                .stroke(Stroke::new(1.0, theme::BORDER))
                .inner_margin(egui::Margin::symmetric(6, 3))
                .show(ui, |ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut state.search)
                            .hint_text("Find someone or dial a number")
                            .frame(egui::Frame::new())
                            .desired_width(f32::INFINITY),
                    )
                    .widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::SearchInput,
                            true,
                            "Find someone or dial a number",
                        )
                    });
                });
        });
    let groups = lab.contact_groups(actor.seat).unwrap_or_default();
    let rows = if state.search.trim().is_empty() {
        // Sub-tabs.
        ui.horizontal(|ui| {
            ui.add_space(12.0);
            for tab in Tab::ALL {
                let selected = state.tab == tab;
                let text = RichText::new(tab.label()).size(11.0).color(if selected {
                    theme::OUTLOOK_BLUE
                } else {
                    theme::SUBTLE_TEXT
                });
                if ui
                    .add(egui::Button::selectable(selected, text).frame_when_inactive(false))
                    .clicked()
                {
                    state.tab = tab;
                }
            }
        });
        rows(lab, &groups, state)
    } else {
        search_rows(lab, state.search.trim())
    };
    ui.add_space(2.0);
    let bottom_bar = 10.0;
    let list_height = (ui.available_height() - bottom_bar).max(60.0);
    egui::ScrollArea::vertical()
        .id_salt("contacts")
        .max_height(list_height)
        .auto_shrink([false, false])
        .show_rows(ui, ROW_HEIGHT, rows.len(), |ui, range| {
            for row in &rows[range] {
                row_ui(ui, actor, row, state, actions);
            }
        });
}

/// The directory's users whose name or address contains the search text.
fn search_rows(lab: &Lab, text: &str) -> Vec<Row> {
    let needle = text.to_lowercase();
    let dir = lab.directory();
    let found: Vec<UserIx> = dir
        .users()
        .filter(|(ix, u)| {
            u.name.to_lowercase().contains(&needle) || dir.email(*ix).contains(&needle)
        })
        .map(|(ix, _)| ix)
        .collect();
    let mut rows = vec![Row::Header {
        name: "Search Results".into(),
        group: "",
        online: found
            .iter()
            .filter(|&&u| lab.presence(u) != Presence::Offline)
            .count(),
        total: found.len(),
        collapsed: false,
    }];
    rows.extend(found.into_iter().map(|user| Row::Member {
        group: "",
        user,
        presence: lab.presence(user),
    }));
    rows
}

fn banner_ui(ui: &mut Ui, actor: Actor<'_>, banner: &Banner, actions: &mut Commands) {
    let text = actor.lab.banner_text(banner);
    egui::Frame::new()
        .fill(theme::BANNER_FILL)
        .stroke(Stroke::new(1.0, theme::BANNER_BORDER))
        .inner_margin(egui::Margin::symmetric(10, 6))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                let label = ui.add(egui::Label::new(&text).sense(Sense::click()));
                label.context_menu(|ui| {
                    if expect_this(ui) {
                        actions.push(Expectation::ExpectBanner {
                            user: actor.user_name(),
                            computer: actor.computer(),
                            text: text.clone(),
                        });
                    }
                });
                if banner.kind == crate::lab::lync_client::BannerKind::Removed {
                    label.on_hover_text("Lab assumption: the wording of the removal banner.");
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let label = format!("Close the banner \"{text}\"");
                    if x_button(ui, &label, theme::TEXT).clicked() {
                        actions.push(Action::DismissBanner {
                            user: actor.user(),
                            computer: actor.computer(),
                            delegator: actor.id_of(banner.delegator),
                        });
                    }
                });
            });
        });
}

/// One line of the virtual contact list.
#[derive(Clone, Debug, PartialEq)]
pub enum Row {
    Header {
        name: String,
        /// The contact-list group it heads ("" for the Status and Relationships tabs' lists,
        /// which are not groups).
        group: &'static str,
        online: usize,
        total: usize,
        collapsed: bool,
    },
    Member {
        group: &'static str,
        user: UserIx,
        presence: Presence,
    },
}

/// Every contact once, in directory order.
fn everyone(groups: &[ContactGroup]) -> Vec<UserIx> {
    let mut users: Vec<UserIx> = groups
        .iter()
        .flat_map(|g| g.members.iter().copied())
        .collect();
    users.sort();
    users.dedup();
    users
}

/// The flat list of rows the contact list shows on the current tab.
pub fn rows(lab: &Lab, groups: &[ContactGroup], state: &LyncUi) -> Vec<Row> {
    let mut rows = Vec::new();
    let push_group = |rows: &mut Vec<Row>, name: &str, group: &'static str, members: &[UserIx]| {
        let presences: Vec<Presence> = members.iter().map(|&u| lab.presence(u)).collect();
        let collapsed = state.collapsed_groups.contains(name);
        rows.push(Row::Header {
            name: name.to_owned(),
            group,
            online: presences
                .iter()
                .filter(|p| **p != Presence::Offline)
                .count(),
            total: members.len(),
            collapsed,
        });
        if !collapsed {
            rows.extend(
                members
                    .iter()
                    .zip(presences)
                    .map(|(&user, presence)| Row::Member {
                        group,
                        user,
                        presence,
                    }),
            );
        }
    };
    match state.tab {
        Tab::Groups => {
            for group in groups {
                push_group(&mut rows, group.name, group.name, &group.members);
            }
        }
        Tab::Status => {
            let (online, offline): (Vec<UserIx>, Vec<UserIx>) = everyone(groups)
                .into_iter()
                .partition(|&u| lab.presence(u) != Presence::Offline);
            push_group(&mut rows, "Online", "", &online);
            push_group(&mut rows, "Offline", "", &offline);
        }
        Tab::Relationships => push_group(&mut rows, "Colleagues", "", &everyone(groups)),
        Tab::New => {}
    }
    rows
}

fn row_ui(ui: &mut Ui, actor: Actor<'_>, row: &Row, state: &mut LyncUi, actions: &mut Commands) {
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(vec2(width, ROW_HEIGHT), Sense::click());
    let painter = ui.painter_at(rect);
    let lab = actor.lab;
    match row {
        Row::Header {
            name,
            group,
            online,
            total,
            collapsed,
        } => {
            let label = format!("{name} {online}/{total}");
            if !group.is_empty() {
                response.context_menu(|ui| {
                    if expect_this(ui) {
                        let members = lab
                            .contact_groups(actor.seat)
                            .and_then(|groups| {
                                let found = groups.iter().find(|g| g.name == *group)?;
                                Some(found.members.iter().map(|&u| actor.id_of(u)).collect())
                            })
                            .unwrap_or_default();
                        actions.push(Expectation::ExpectGroup {
                            user: actor.user_name(),
                            computer: actor.computer(),
                            group: (*group).into(),
                            members,
                        });
                    }
                });
            }
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
            paint_disclosure(
                &painter,
                rect.left_center() + vec2(14.0, 0.0),
                !collapsed,
                theme::SUBTLE_TEXT,
            );
            painter.text(
                rect.left_center() + vec2(26.0, 0.0),
                Align2::LEFT_CENTER,
                label,
                theme::font(13.0),
                theme::TEXT,
            );
            if response.clicked() {
                if *collapsed {
                    state.collapsed_groups.remove(name);
                } else {
                    state.collapsed_groups.insert(name.clone());
                }
            }
        }
        Row::Member {
            group,
            user,
            presence,
        } => {
            let name = lab.directory().name(*user);
            let selected = state.selected_contact == Some(*user)
                && state.selected_group.as_deref().is_none_or(|g| g == *group);
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::ListItem, true, selected, name)
            });
            if selected {
                painter.rect_filled(rect, 0.0, theme::SELECTED_FILL);
            } else if response.hovered() {
                painter.rect_filled(rect, 0.0, theme::HOVER_FILL);
            }
            let bar = Rect::from_min_size(
                rect.left_top() + vec2(28.0, 4.0),
                vec2(4.0, ROW_HEIGHT - 8.0),
            );
            painter.rect_filled(bar, 0.0, theme::presence_color(*presence));
            painter.text(
                rect.left_center() + vec2(40.0, 0.0),
                Align2::LEFT_CENTER,
                name,
                theme::font(13.0),
                theme::TEXT,
            );
            painter.text(
                rect.right_center() - vec2(10.0, 0.0),
                Align2::RIGHT_CENTER,
                theme::presence_label(*presence),
                theme::font(11.0),
                theme::SUBTLE_TEXT,
            );
            if response.clicked() || response.secondary_clicked() {
                state.selected_contact = Some(*user);
                state.selected_group = Some((*group).to_owned());
            }
            let in_delegates = *group == DELEGATES;
            response.context_menu(|ui| {
                let disabled = |ui: &mut Ui, item: &str| {
                    ui.add_enabled(false, egui::Button::new(item))
                        .on_disabled_hover_text(super::NOT_IN_THIS_LAB);
                };
                for item in ["Send an IM", "Send an Email Message", "Start a Video Call"] {
                    disabled(ui, item);
                }
                ui.menu_button("Call", |ui| {
                    if ui.button("Lync Call").clicked() {
                        actions.push(Action::PlaceCall {
                            user: actor.user(),
                            computer: actor.computer(),
                            callee: actor.id_of(*user),
                        });
                        ui.close();
                    }
                });
                ui.add_enabled_ui(false, |ui| {
                    ui.menu_button("Share", |_| {})
                        .response
                        .on_disabled_hover_text(super::NOT_IN_THIS_LAB);
                });
                disabled(ui, "Schedule a Meeting");
                disabled(ui, "Find Previous Conversations");
                ui.separator();
                disabled(ui, "Copy");
                disabled(ui, "Add to Favorites");
                disabled(ui, "Copy Contact To");
                disabled(ui, "Move Contact To");
                let remove = ui.add_enabled(in_delegates, egui::Button::new("Remove from Group"));
                let remove = if in_delegates {
                    remove
                } else {
                    remove.on_disabled_hover_text(
                        "The lab models removing members of the Delegates group only.",
                    )
                };
                if remove.clicked() {
                    actions.push(Action::RemoveFromDelegatesGroup {
                        user: actor.user(),
                        computer: actor.computer(),
                        delegate: actor.id_of(*user),
                    });
                    ui.close();
                }
                disabled(ui, "Remove from Contacts List");
                disabled(ui, "Tag for Status Change Alerts");
                disabled(ui, "Change Privacy Relationship");
                ui.separator();
                disabled(ui, "See Contact Card");
            });
        }
    }
}

fn presence_dot(ui: &mut Ui, presence: Presence) {
    let (rect, _) = ui.allocate_exact_size(vec2(10.0, 14.0), Sense::hover());
    ui.painter().rect_filled(
        Rect::from_center_size(rect.center(), vec2(8.0, 8.0)),
        0.0,
        theme::presence_color(presence),
    );
}

/// A grey picture placeholder with a presence bar on its left, as Lync 2013 draws the user.
fn paint_avatar(painter: &egui::Painter, rect: Rect, presence: Color32) {
    let bar = Rect::from_min_size(rect.min, vec2(5.0, rect.height()));
    let picture = Rect::from_min_max(rect.min + vec2(7.0, 0.0), rect.max);
    painter.rect_filled(bar, 0.0, presence);
    painter.rect_filled(picture, 0.0, Color32::from_rgb(0xD4, 0xD4, 0xD4));
    let c = picture.center();
    let face = Color32::from_rgb(0xF4, 0xF4, 0xF4);
    painter.circle_filled(c - vec2(0.0, 7.0), 9.0, face);
    painter.rect_filled(
        Rect::from_center_size(c + vec2(0.0, 15.0), vec2(30.0, 18.0)),
        8.0,
        face,
    );
}
