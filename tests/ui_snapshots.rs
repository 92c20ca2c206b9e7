//! Image snapshots of the lab window at moments of the seed walkthrough (light theme, no
//! cursor, bundled fonts, rendered by wgpu — Mesa's lavapipe on machines without a GPU).
//! References live in tests/snapshots; `UPDATE_SNAPSHOTS=1 cargo test --test ui_snapshots`
//! rewrites them after an intended change.

use delegate_lab::lab::Action;
use delegate_lab::scenario;
use delegate_lab::ui::app::{LabApp, SEED_WALKTHROUGH};
use delegate_lab::ui::harness;
use egui_kittest::kittest::Queryable;

const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);

/// The seed walkthrough played up to (and including) step `n`, looking at `computer`.
fn seed_at(n: usize, computer: &str) -> LabApp {
    let mut app = LabApp::from_scenario(scenario::parse(SEED_WALKTHROUGH).unwrap());
    for _ in 0..n {
        assert!(app.step());
    }
    let dir = app.session.lab.directory();
    app.view.computer = dir.find_computer(computer).unwrap();
    app
}

#[test]
fn lync_with_the_added_banner_and_group() {
    let mut harness = harness::harness_sized(seed_at(31, "USER21-PC"), SIZE);
    harness.run();
    harness.get_by_label("You were added as a delegate for User20");
    harness.snapshot("lync-added-banner");
}

#[test]
fn registry_editor_with_the_delegator_lists() {
    let mut harness = harness::harness_sized(seed_at(41, "USER21-PC"), SIZE);
    harness.run();
    harness.snapshot("registry-editor");
}

#[test]
fn management_shell_with_output_and_an_error() {
    let mut app = seed_at(21, "LYNC-FE01");
    for command in [
        "Get-CsClientPolicy",
        "Get-CsUser user21",
        "Set-CsClientPolicy -Foo 1",
    ] {
        app.session.apply(Action::Shell {
            command: command.into(),
        });
    }
    let mut harness = harness::harness_sized(app, SIZE);
    harness.run();
    harness.snapshot("management-shell");
}

#[test]
fn back_end_inspector_after_the_cleanup_was_started() {
    let mut app = seed_at(65, "USER20-PC");
    app.view.inspector_open = true;
    let mut harness = harness::harness_sized(app, SIZE);
    harness.run();
    harness.get_by_role_and_label(egui::accesskit::Role::Window, "Back End Inspector");
    harness.snapshot("back-end-inspector");
}
