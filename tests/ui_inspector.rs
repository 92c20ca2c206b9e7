//! The Back End Inspector's folded "rtc database (as SQL shows it)" section (issue 23): opened
//! by clicking, it shows the routing XML a support engineer compares with the customer's SQL
//! query, and says which parts the lab reconstructed.

mod common;

use common::seed::{looking_at, through};
use delegate_lab::ui::harness;
use delegate_lab::ui::inspector::RTC_SECTION;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

const USER21_TARGET: &str = r#"<target uri="sip:user21@contoso.com"></target>"#;

#[test]
fn the_inspector_shows_user20s_routing_row_listing_user21_once_opened() {
    // Through the sign-in whose sync pass wrote the record (the first expectation of it).
    let app = looking_at(
        through(r#"ExpectBackendDelegate(delegator: "user20", delegate: "user21", present: true)"#),
        "USER20-PC",
    );
    let mut harness = harness::harness_sized(app, egui::vec2(1280.0, 900.0));
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Back End Inspector")
        .click();
    harness.run();
    let inspector = harness.get_by_role_and_label(Role::Window, "Back End Inspector");
    assert!(
        inspector.query_by_label_contains(USER21_TARGET).is_none(),
        "folded at first: the XML is not shown"
    );
    // The section is last: scrolled to, as a user would, then clicked.
    inspector.get_by_label(RTC_SECTION).scroll_to_me();
    harness.run();
    harness
        .get_by_role_and_label(Role::Window, "Back End Inspector")
        .get_by_label(RTC_SECTION)
        .click();
    harness.run();
    let inspector = harness.get_by_role_and_label(Role::Window, "Back End Inspector");
    inspector.get_by_label_contains("Reconstructed (lab assumption)");
    inspector.get_by_label("user20@contoso.com");
    let routing = inspector
        .query_all_by_label_contains("<routing xmlns=")
        .count();
    assert_eq!(routing, 3, "a routing row per user of the contoso lab");
    inspector.get_by_label_contains(&format!(r#"<list name="delegates">{USER21_TARGET}</list>"#));
    // User21 delegates to nobody: their list is empty (and the XML is not User20's twice).
    assert_eq!(
        inspector.query_all_by_label_contains(USER21_TARGET).count(),
        1
    );
    if let Ok(path) = std::env::var("RTC_SHOT") {
        harness
            .get_by_role_and_label(Role::Window, "Back End Inspector")
            .get_by_label_contains(USER21_TARGET)
            .scroll_to_me();
        harness.run();
        harness
            .render()
            .expect("rendered")
            .save(path)
            .expect("saved");
    }
}
