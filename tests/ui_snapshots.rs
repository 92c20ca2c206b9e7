//! Image snapshots of the lab window at moments of the seed walkthrough (light theme, no
//! cursor, bundled fonts, rendered by wgpu — Mesa's lavapipe on machines without a GPU).
//! References live in tests/snapshots; `UPDATE_SNAPSHOTS=1 cargo test --test ui_snapshots`
//! rewrites them after an intended change.

mod common;

use common::seed::{at_capture, looking_at, through};
use delegate_lab::lab::Action;
use delegate_lab::ui::harness;
use egui_kittest::kittest::Queryable;

const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);

#[test]
fn lync_with_the_added_banner_and_group() {
    let mut harness = harness::harness_sized(looking_at(at_capture("figure-4"), "USER21-PC"), SIZE);
    harness.run();
    harness.get_by_label("You were added as a delegate for User20");
    harness.snapshot("lync-added-banner");
}

#[test]
fn registry_editor_with_the_delegator_lists() {
    let mut harness = harness::harness_sized(looking_at(at_capture("figure-6"), "USER21-PC"), SIZE);
    harness.run();
    harness.snapshot("registry-editor");
}

#[test]
fn management_shell_with_output_and_an_error() {
    let mut app = looking_at(through("Set-CsClientPolicy Global"), "LYNC-FE01");
    for command in [
        "Get-CsClientPolicy",
        "Get-CsUser user21",
        "Set-CsClientPolicy -Foo 1",
    ] {
        app.session.apply(Action::Shell {
            command: command.into(),
        });
    }
    // A line being typed: it sits on the prompt's baseline, the caret after it.
    app.view.desktops[3].shell.input = "Get-CsUser user20".into();
    let mut harness = harness::harness_sized(app, SIZE);
    harness.run();
    harness.snapshot("management-shell");
}

#[test]
fn back_end_inspector_after_the_cleanup_was_started() {
    let mut app = looking_at(through("RemoveFromDelegatesGroup"), "USER20-PC");
    app.view.inspector_open = true;
    let mut harness = harness::harness_sized(app, SIZE);
    harness.run();
    harness.get_by_role_and_label(egui::accesskit::Role::Window, "Back End Inspector");
    harness.snapshot("back-end-inspector");
}

#[test]
fn delegates_dialog_listing_user21() {
    // Figure 1: right after AddDelegate the Delegates dialog is open.
    let mut harness = harness::harness_sized(looking_at(at_capture("figure-1"), "USER20-PC"), SIZE);
    harness.run();
    harness.get_by_role_and_label(egui::accesskit::Role::Window, "Delegates");
    harness.snapshot("outlook-delegates");
}

#[test]
fn delegate_permissions_with_outlooks_defaults() {
    let mut app = looking_at(at_capture("figure-1"), "USER20-PC");
    app.session.apply(Action::OpenWindow {
        computer: "USER20-PC".into(),
        window: "Delegate Permissions: User21".into(),
    });
    let mut harness = harness::harness_sized(app, SIZE);
    harness.run();
    harness.snapshot("outlook-delegate-permissions");
}

#[test]
fn the_addins_error_box_over_the_meeting_form() {
    // Figure 3.
    let mut harness = harness::harness_sized(looking_at(at_capture("figure-3"), "USER21-PC"), SIZE);
    harness.run();
    harness.snapshot("outlook-addin-error");
}

#[test]
fn the_meeting_form_with_the_join_block() {
    // Figure 5.
    let mut harness = harness::harness_sized(looking_at(at_capture("figure-5"), "USER21-PC"), SIZE);
    harness.run();
    harness.get_by_label("Join Lync Meeting");
    harness.snapshot("outlook-meeting-join-block");
}

#[test]
fn outlook_backstage_account_settings() {
    let mut harness = harness::harness_sized(
        looking_at(through(r#"SignIn(user: "user20""#), "USER20-PC"),
        SIZE,
    );
    harness.run();
    harness.get_by_label("FILE").click();
    harness.run();
    harness.get_by_label("Account\nSettings ▾").click();
    harness.run();
    harness.snapshot("outlook-backstage");
}

#[test]
fn add_users_in_the_address_books_layout() {
    let mut app = looking_at(through(r#"SignIn(user: "user20""#), "USER20-PC");
    for window in ["Delegates", "Add Users"] {
        app.session.apply(Action::OpenWindow {
            computer: "USER20-PC".into(),
            window: window.into(),
        });
    }
    let mut harness = harness::harness_sized(app, SIZE);
    harness.run();
    harness.get_by_role_and_label(egui::accesskit::Role::Window, "Add Users");
    harness.snapshot("outlook-add-users");
}

#[test]
fn the_meeting_forms_address_book() {
    let mut app = looking_at(at_capture("figure-5"), "USER21-PC");
    app.session.apply(Action::OpenWindow {
        computer: "USER21-PC".into(),
        window: "Select Attendees and Resources".into(),
    });
    let mut harness = harness::harness_sized(app, SIZE);
    harness.run();
    harness.get_by_role_and_label(
        egui::accesskit::Role::Window,
        "Select Attendees and Resources: Global Address List",
    );
    harness.snapshot("outlook-select-attendees");
}
