//! UI tests of the Lync side of the seed article: real widgets found by role and label,
//! clicked through egui_kittest, with assertions on the lab model.

mod common;

use common::{action, banners, group, record, registry, seat, seed};
use delegate_lab::lab::shell::PROMPT;
use delegate_lab::lab::{LabSpec, Outcome};
use delegate_lab::ui::app::{LabApp, Session};
use delegate_lab::ui::harness;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// The contoso lab with User21 already an Outlook delegate of User20 (the Outlook side is
/// issue 4's), Outlook running on USER20-PC.
fn app() -> LabApp {
    let mut session = Session::new("UI test", LabSpec::contoso());
    for line in [
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
        r#"AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")"#,
    ] {
        assert_eq!(session.apply(action(line)), Outcome::Ok);
    }
    LabApp::new(session)
}

fn look_at(harness: &mut Harness<'_, LabApp>, computer: &str) {
    harness
        .get_by_role_and_label(Role::Button, computer)
        .click();
    harness.run();
}

fn taskbar(harness: &mut Harness<'_, LabApp>, app: &str) {
    harness.get_by_role_and_label(Role::Button, app).click();
    harness.run();
}

fn sign_in_here(harness: &mut Harness<'_, LabApp>) {
    taskbar(harness, "Lync");
    harness
        .get_by_role_and_label(Role::Button, "Sign In")
        .click();
    harness.run();
}

/// Show Menu ▾ → File → Sign Out or Exit.
fn lync_menu(harness: &mut Harness<'_, LabApp>, item: &str) {
    harness
        .get_by_role_and_label(Role::Button, "Show Menu")
        .click();
    harness.run();
    // The lab's own File menu is "File" too: Lync's is in the popup, drawn last.
    harness
        .get_all_by_label("File")
        .last()
        .expect("Lync's File")
        .click();
    harness.run();
    harness.get_by_label(item).click();
    harness.run();
}

fn type_in_shell(harness: &mut Harness<'_, LabApp>, line: &str) {
    let input = harness.get_by_role_and_label(Role::TextInput, PROMPT);
    input.focus();
    input.type_text(line);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
}

#[test]
fn the_lync_side_of_the_seed_article() {
    let mut harness = harness::harness(app());

    // Sign in User20 on USER20-PC and User21 on USER21-PC through the Lync sign-in page.
    sign_in_here(&mut harness);
    let lab = &harness.state().session.lab();
    assert!(lab.signed_in(seat(lab, "user20", "USER20-PC")));
    look_at(&mut harness, "USER21-PC");
    sign_in_here(&mut harness);
    let lab = &harness.state().session.lab();
    assert!(lab.signed_in(seat(lab, "user21", "USER21-PC")));
    assert!(
        !record(lab, "user20", "user21"),
        "Global has no delegate sync yet"
    );

    // The article's own command, en dash included, in the Management Shell on LYNC-FE01.
    look_at(&mut harness, "LYNC-FE01");
    taskbar(&mut harness, "Lync Server Management Shell");
    type_in_shell(
        &mut harness,
        "Set-CsClientPolicy Global –EnableExchangeDelegateSync $True",
    );
    let lab = &harness.state().session.lab();
    assert_eq!(
        lab.server()
            .policy("Global")
            .unwrap()
            .enable_exchange_delegate_sync,
        Some(true)
    );
    assert!(
        !record(lab, "user20", "user21"),
        "the client reads its policy only at sign-in"
    );
    // History on the arrow keys brings the line back.
    harness
        .get_by_role_and_label(Role::TextInput, PROMPT)
        .focus();
    harness.key_press(egui::Key::ArrowUp);
    harness.run();
    assert_eq!(
        harness.state().view.desktops[3].shell.input,
        "Set-CsClientPolicy Global –EnableExchangeDelegateSync $True"
    );

    // User20 signs out and back in: the sync runs.
    look_at(&mut harness, "USER20-PC");
    lync_menu(&mut harness, "Sign Out");
    assert!(!harness.state().session.lab().signed_in(seat(
        harness.state().session.lab(),
        "user20",
        "USER20-PC"
    )));
    harness
        .get_by_role_and_label(Role::Button, "Sign In")
        .click();
    harness.run();
    let lab = &harness.state().session.lab();
    assert!(record(lab, "user20", "user21"));

    // User21 sees the banner and the group, at once.
    look_at(&mut harness, "USER21-PC");
    let added = "You were added as a delegate for User20";
    harness.get_by_label(added);
    harness.get_by_label("People I Manage Calls For");
    let lab = &harness.state().session.lab();
    assert_eq!(
        group(lab, "user21", "USER21-PC", "People I Manage Calls For"),
        Some(vec!["user20".into()])
    );

    // Close the banner with its X: Outstanding → Dismissed.
    harness
        .get_by_role_and_label(Role::Button, &format!("Close the banner \"{added}\""))
        .click();
    harness.run();
    let lab = &harness.state().session.lab();
    assert!(banners(lab, "user21", "USER21-PC").is_empty());
    assert_eq!(
        registry(lab, "user21", "USER21-PC"),
        (
            "sip:user20@contoso.com".into(),
            String::new(),
            "sip:user20@contoso.com".into()
        )
    );
    assert!(harness.query_by_label(added).is_none());

    // Registry Editor shows the values.
    taskbar(&mut harness, "Registry Editor");
    harness.get_by_role_and_label(Role::Window, "Registry Editor");
    for name in [
        "Last DelegatorList",
        "Outstanding DelegatorList",
        "Dismissed DelegatorList",
    ] {
        harness.get_by_label(name);
    }
    assert_eq!(
        harness.get_all_by_label("sip:user20@contoso.com").count(),
        2,
        "Last and Dismissed"
    );

    // User20 removes User21 from the Delegates group with the right-click menu.
    look_at(&mut harness, "USER20-PC");
    harness
        .get_all_by_label("User21")
        .last()
        .expect("User21 in Delegates")
        .click_secondary();
    harness.run();
    // Only the clicked row is highlighted, not User21's row in Other Contacts.
    let toggled: Vec<bool> = harness
        .get_by_role_and_label(Role::Window, "Lync")
        .get_all_by_role_and_label(Role::ListItem, "User21")
        .map(|n| n.accesskit_node().toggled() == Some(egui::accesskit::Toggled::True))
        .collect();
    assert_eq!(toggled, [false, true]);
    harness.get_by_label("Remove from Group").click();
    harness.run();
    let lab = &harness.state().session.lab();
    assert_eq!(
        group(lab, "user20", "USER20-PC", "Delegates"),
        None,
        "gone from the client at once"
    );
    assert!(
        record(lab, "user20", "user21"),
        "the record goes at the next sign-in"
    );

    // Sign out and in: the record is deleted, User21 sees the removal banner.
    lync_menu(&mut harness, "Sign Out");
    harness
        .get_by_role_and_label(Role::Button, "Sign In")
        .click();
    harness.run();
    let lab = &harness.state().session.lab();
    assert!(!record(lab, "user20", "user21"));
    look_at(&mut harness, "USER21-PC");
    harness.get_by_label("You were removed as a delegate for User20");
    assert!(
        harness
            .query_by_label("People I Manage Calls For")
            .is_none()
    );
    let lab = &harness.state().session.lab();
    assert_eq!(
        registry(lab, "user21", "USER21-PC"),
        (String::new(), String::new(), String::new())
    );
}

#[test]
fn closing_a_window_and_rebooting_go_through_the_lab() {
    let mut harness = harness::harness(app());
    sign_in_here(&mut harness);
    taskbar(&mut harness, "Registry Editor");
    let lab = &harness.state().session.lab();
    let pc = seat(lab, "user20", "USER20-PC").1;
    assert!(
        lab.window_titles(pc)
            .contains(&"Registry Editor".to_owned())
    );
    harness
        .get_by_role_and_label(Role::Window, "Registry Editor")
        .get_by_role_and_label(Role::Button, "Close")
        .click();
    harness.run();
    assert!(
        !harness
            .state()
            .session
            .lab()
            .window_titles(pc)
            .contains(&"Registry Editor".to_owned())
    );

    harness
        .get_by_role_and_label(Role::Button, "Reboot")
        .click();
    harness.run();
    let lab = &harness.state().session.lab();
    assert!(!lab.signed_in(seat(lab, "user20", "USER20-PC")));
    assert!(lab.window_titles(pc).is_empty());
    assert!(
        harness
            .query_by_role_and_label(Role::Window, "Lync")
            .is_none()
    );
}

#[test]
fn the_window_does_not_repaint_while_nothing_changes() {
    let mut harness = harness::harness(LabApp::default_lab());
    harness.run();
    let idle = |harness: &Harness<'_, LabApp>| {
        harness.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay
            == std::time::Duration::MAX
    };
    assert!(idle(&harness), "an idle lab asks for no frames");
    // A step changes the lab: one more frame shows it, then it is idle again. (The
    // walkthrough opens with notes; its first action comes after them.)
    while harness.state().session.lab().log().is_empty() {
        harness
            .get_by_role_and_label(Role::Button, "Next step")
            .click();
        harness.run();
        assert!(idle(&harness));
    }
    assert_eq!(harness.state().session.lab().log().len(), 1);
    // The event log shows the applied action and what it did.
    harness.get_by_label("Event log").click();
    harness.run();
    harness.get_by_label("  1  09:01  User20 starts Outlook on USER20-PC");
    harness.get_by_label("User20 started Outlook on USER20-PC.");
}

/// The rect of the Registry Editor's window.
fn window_rect(harness: &Harness<'_, LabApp>, title: &str) -> egui::Rect {
    harness.get_by_role_and_label(Role::Window, title).rect()
}

#[test]
fn registry_editor_columns_fit_their_contents_and_a_click_selects_the_row() {
    let app = seed::looking_at(seed::at_capture("figure-6"), "USER21-PC");
    let mut harness = harness::harness(app);
    harness.run();
    let window = window_rect(&harness, "Registry Editor");
    // The Data column shows the SIP URI in full, inside the window.
    for data in harness.get_all_by_label("sip:user20@contoso.com") {
        let rect = data.rect();
        assert!(
            rect.right() <= window.right() - 4.0,
            "{rect:?} cut by {window:?}"
        );
        let text = egui::Rect::from_min_size(rect.min, egui::vec2(140.0, 1.0));
        assert!(rect.width() >= text.width(), "the whole URI is laid out");
    }
    // The tree shows the user's key in full: its row reaches past the name's width.
    let key = harness.get_by_role_and_label(Role::TreeItem, "user21@contoso.com");
    assert!(key.rect().right() <= window.right());
    // Headers are left-aligned column headers, in regedit's order.
    let headers: Vec<f32> = ["Name", "Type", "Data"]
        .iter()
        .map(|h| {
            harness
                .get_by_role_and_label(Role::ColumnHeader, h)
                .rect()
                .left()
        })
        .collect();
    assert!(headers.windows(2).all(|w| w[0] < w[1]));
    // A click anywhere on a row selects the value.
    harness
        .get_by_role_and_label(Role::ListItem, "Dismissed DelegatorList")
        .click();
    harness.run();
    assert_eq!(
        harness.state().view.desktops[1]
            .registry_editor
            .selected_value
            .as_deref(),
        Some("Dismissed DelegatorList")
    );
    // View → Refresh is there and works; File's items other than Export... are not part of the
    // lab (Export... is tests/ui_regedit.rs's).
    let menu = |harness: &mut Harness<'_, LabApp>, name: &str| {
        harness
            .get_by_role_and_label(Role::Window, "Registry Editor")
            .get_by_role_and_label(Role::Button, name)
            .click();
        harness.run();
    };
    menu(&mut harness, "View");
    harness.get_by_label_contains("Refresh").click();
    harness.run();
    assert!(
        harness.query_by_label_contains("Refresh").is_none(),
        "the menu closed"
    );
    menu(&mut harness, "File");
    harness.run();
    assert!(
        harness
            .get_by_label("Import...")
            .accesskit_node()
            .is_disabled()
    );
    assert!(
        !harness
            .get_by_label("Export...")
            .accesskit_node()
            .is_disabled()
    );
}

fn shell_focused(harness: &Harness<'_, LabApp>) -> bool {
    harness
        .get_by_role_and_label(Role::TextInput, PROMPT)
        .accesskit_node()
        .is_focused()
}

#[test]
fn the_management_shell_keeps_the_keyboard_on_its_prompt() {
    let mut harness = harness::harness(app());
    // Switching to LYNC-FE01 and opening the shell: the prompt has the keyboard.
    look_at(&mut harness, "LYNC-FE01");
    taskbar(&mut harness, "Lync Server Management Shell");
    assert!(shell_focused(&harness), "opened: the prompt is focused");
    // Away and back: the prompt has it again.
    look_at(&mut harness, "USER20-PC");
    look_at(&mut harness, "LYNC-FE01");
    assert!(shell_focused(&harness), "switched to LYNC-FE01");
    // Typing goes into the prompt; Escape clears the line and keeps the caret there.
    harness
        .get_by_role_and_label(Role::TextInput, PROMPT)
        .type_text("Get-CsUser");
    harness.run();
    assert_eq!(harness.state().view.desktops[3].shell.input, "Get-CsUser");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(harness.state().view.desktops[3].shell.input, "");
    assert!(shell_focused(&harness), "Escape keeps the focus");
    // Tab moves the keyboard away; a click on the console's banner text brings it back.
    harness.key_press(egui::Key::Tab);
    harness.run();
    assert!(!shell_focused(&harness));
    harness.get_by_label("Windows PowerShell").click();
    harness.run();
    assert!(shell_focused(&harness), "a click in the console");
    harness
        .get_by_role_and_label(Role::TextInput, PROMPT)
        .type_text("Get-CsUser");
    harness.run();
    assert_eq!(harness.state().view.desktops[3].shell.input, "Get-CsUser");
}

#[test]
fn lyncs_icon_tabs_search_box_and_contact_menu() {
    let mut harness = harness::harness(app());
    sign_in_here(&mut harness);
    let signed_in = window_rect(&harness, "Lync");
    // Contacts, Conversations, Meetings; no Phone for a user without Enterprise Voice.
    for tab in ["Contacts", "Conversations", "Meetings"] {
        harness.get_by_role_and_label(Role::Tab, tab);
    }
    assert!(
        harness
            .query_by_role_and_label(Role::Tab, "Phone")
            .is_none()
    );
    harness.get_by_role_and_label(Role::Tab, "Meetings").click();
    harness.run();
    assert_eq!(
        harness.state().view.desktops[0].lync.view,
        delegate_lab::session::view::LyncView::Meetings
    );
    harness.get_by_role_and_label(Role::Tab, "Contacts").click();
    harness.run();
    // The search box finds people in the directory.
    let search = harness.get_by_role_and_label(Role::SearchInput, "Find someone or dial a number");
    search.focus();
    search.type_text("user21");
    harness.run();
    harness.get_by_label("Search Results");
    let lync = harness.get_by_role_and_label(Role::Window, "Lync");
    assert_eq!(lync.get_all_by_label("User21").count(), 1);
    assert!(lync.query_by_label("Other Contacts").is_none());
    // Right-click selects the row and shows Lync's contact menu.
    harness
        .get_by_role_and_label(Role::Window, "Lync")
        .get_by_label("User21")
        .click_secondary();
    harness.run();
    for item in [
        "Send an IM",
        "Call",
        "Remove from Group",
        "See Contact Card",
    ] {
        harness.get_by_label(item);
    }
    assert!(
        harness
            .get_by_label("Send an IM")
            .accesskit_node()
            .is_disabled()
    );
    assert!(
        harness
            .get_by_label("Remove from Group")
            .accesskit_node()
            .is_disabled(),
        "not in Delegates"
    );
    harness.key_press(egui::Key::Escape);
    harness.run();
    // The window keeps its size when signed out.
    lync_menu(&mut harness, "Sign Out");
    assert_eq!(window_rect(&harness, "Lync"), signed_in);
}

#[test]
fn an_enterprise_voice_user_has_the_phone_tab() {
    let mut session = Session::new("UI test", LabSpec::contoso());
    assert_eq!(
        session.apply(action(
            r#"Shell(command: "Set-CsUser user20 -EnterpriseVoiceEnabled $True")"#
        )),
        Outcome::Ok
    );
    let mut harness = harness::harness(LabApp::new(session));
    sign_in_here(&mut harness);
    harness.get_by_role_and_label(Role::Tab, "Phone");
}

/// Issue 25: the console keeps a scrollback. Past it, its first line says how much earlier
/// output went instead of the banner; the event log says which actions it no longer keeps.
#[test]
fn the_console_and_the_event_log_say_what_they_no_longer_keep() {
    use delegate_lab::lab::{LOG_KEPT_LINES, SHELL_SCROLLBACK};
    let console = |commands: usize| {
        let mut session = Session::new("UI test", LabSpec::contoso());
        for _ in 0..commands {
            assert_eq!(
                session.apply(action(r#"Shell(command: "Get-CsClientPolicy")"#)),
                Outcome::Ok
            );
        }
        let mut harness = harness::harness(LabApp::new(session));
        look_at(&mut harness, "LYNC-FE01");
        harness
    };
    let prompts = |harness: &Harness<'_, LabApp>| {
        harness
            .get_all_by_label(&format!("{PROMPT} Get-CsClientPolicy"))
            .count()
    };
    let notice = "earlier lines are no longer kept: the console keeps its last";
    // Control: two commands, the banner and both.
    let harness = console(2);
    harness.get_by_label("Windows PowerShell");
    assert_eq!(prompts(&harness), 2);
    assert!(harness.query_by_label_contains(notice).is_none());
    // Past the scrollback: the notice, the newest commands, no banner.
    let harness = console(SHELL_SCROLLBACK / 50);
    let lab = harness.state().session.lab();
    let kept = lab.shell_history().len();
    let dropped = lab.shell_dropped_lines();
    assert!(dropped > 0 && kept < SHELL_SCROLLBACK / 50);
    harness.get_by_label(&format!(
        "({dropped} earlier lines are no longer kept: the console keeps its last {SHELL_SCROLLBACK} lines)"
    ));
    assert!(harness.query_by_label("Windows PowerShell").is_none());
    assert_eq!(prompts(&harness), kept);

    // The event log, past what it keeps: a line over it names how many actions went.
    let mut harness = console(LOG_KEPT_LINES / 50);
    harness.get_by_label("Event log").click();
    harness.run();
    let gone = harness.state().session.lab().log_dropped();
    assert!(gone > 0);
    harness.get_by_label(&format!(
        "The first {gone} actions are no longer kept here: the event log keeps its newest {LOG_KEPT_LINES} lines."
    ));
}
