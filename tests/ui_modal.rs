//! Modal dialogs and the keyboard, as in Windows (issue 12, items 2 and 3): a dialog blocks
//! its owner until closed; Enter presses the default button, Escape cancels; the first field
//! has the keyboard when a dialog opens; Alt+F4 closes the front-most window.

mod common;

use common::{action, seat};
use delegate_lab::lab::exchange::Level;
use delegate_lab::lab::{ComputerIx, LabSpec, WindowName};
use delegate_lab::ui::app::{LabApp, Session};
use delegate_lab::ui::{desktop, harness};
use egui::accesskit::Role;
use egui::{Key, LayerId, Modifiers, Order};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const OUTLOOK: &str = "Calendar - user20@contoso.com - Outlook";
const PERMISSIONS: &str = "Delegate Permissions: User21";

/// An app at USER20-PC after `lines` (outcomes are not checked: a refusal may be the point).
fn started(lines: &[&str]) -> Harness<'static, LabApp> {
    let mut session = Session::new("UI test", LabSpec::contoso());
    for line in lines {
        session.apply(action(line));
    }
    let mut harness = harness::harness(LabApp::new(session));
    harness.run();
    harness
}

fn is_open(harness: &Harness<'_, LabApp>, window: &str) -> bool {
    harness
        .state()
        .session
        .lab()
        .find_window(ComputerIx(0), &WindowName::new(window))
        .is_some()
}

/// The title of the front-most window on USER20-PC, by egui's order of layers.
fn front(harness: &Harness<'_, LabApp>) -> String {
    let lab = harness.state().session.lab();
    let pc = ComputerIx(0);
    let top = harness.ctx.memory(|m| {
        m.layer_ids()
            .filter(|l| l.order == Order::Middle)
            .collect::<Vec<_>>()
    });
    let screen = lab.screen_of(pc);
    top.iter()
        .rev()
        .find_map(|layer| {
            screen
                .visible()
                .find(|w| LayerId::new(Order::Middle, desktop::window_id(pc, w)) == *layer)
        })
        .map(|w| w.title(lab.directory(), lab.meeting_subject((w.user, pc))))
        .unwrap_or_default()
}

fn press(harness: &mut Harness<'_, LabApp>, key: Key) {
    harness.key_press(key);
    harness.run();
}

fn click_in(harness: &mut Harness<'_, LabApp>, window: &str, role: Role, label: &str) {
    harness
        .get_by_role_and_label(Role::Window, window)
        .get_by_role_and_label(role, label)
        .click();
    harness.run();
}

fn log_len(harness: &Harness<'_, LabApp>) -> usize {
    harness.state().session.lab().log().len()
}

#[test]
fn a_click_on_outlook_while_delegates_is_open_changes_nothing_and_brings_delegates_forward() {
    let mut harness = started(&[
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
        r#"OpenWindow(computer: "USER20-PC", window: "Delegates")"#,
    ]);
    assert_eq!(front(&harness), "Delegates");
    let before = log_len(&harness);
    click_in(&mut harness, OUTLOOK, Role::Button, "New Meeting");
    assert_eq!(log_len(&harness), before, "the click reached Outlook");
    assert!(!is_open(&harness, "Meeting"));
    assert!(is_open(&harness, "Delegates"));
    assert_eq!(front(&harness), "Delegates");
    // Its close button is blocked too.
    click_in(&mut harness, OUTLOOK, Role::Button, "Close");
    assert!(is_open(&harness, "Outlook"));
    // Outlook's taskbar button brings Outlook forward with Delegates above it.
    harness
        .get_by_role_and_label(Role::Button, "Outlook")
        .click();
    harness.run();
    assert_eq!(front(&harness), "Delegates");
    // Closed, Delegates no longer blocks Outlook.
    press(&mut harness, Key::Escape);
    assert!(!is_open(&harness, "Delegates"));
    click_in(&mut harness, OUTLOOK, Role::Button, "New Meeting");
    assert!(is_open(&harness, "Meeting"));
}

#[test]
fn add_users_blocks_delegates_and_outlook() {
    let mut harness = started(&[
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
        r#"OpenWindow(computer: "USER20-PC", window: "Delegates")"#,
    ]);
    click_in(&mut harness, "Delegates", Role::Button, "Add...");
    assert_eq!(front(&harness), "Add Users");
    click_in(&mut harness, "Delegates", Role::Button, "Cancel");
    assert!(is_open(&harness, "Delegates"));
    click_in(&mut harness, OUTLOOK, Role::Button, "New Meeting");
    assert_eq!(front(&harness), "Add Users");
    assert!(!is_open(&harness, "Meeting"));
}

/// User20 with User21 as a delegate (Inbox None), Delegates and Delegate Permissions open;
/// Inbox set to Reviewer in the dialog.
fn permissions_with_inbox_reviewer() -> Harness<'static, LabApp> {
    let mut harness = started(&[
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
        r#"AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")"#,
        r#"OpenWindow(computer: "USER20-PC", window: "Delegates")"#,
        r#"OpenWindow(computer: "USER20-PC", window: "Delegate Permissions: User21")"#,
    ]);
    assert_eq!(front(&harness), PERMISSIONS);
    harness
        .get_by_role_and_label(Role::Window, PERMISSIONS)
        .get_by_label("Inbox")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, Level::Reviewer.label())
        .click();
    harness.run();
    harness
}

fn inbox_level(harness: &Harness<'_, LabApp>) -> Level {
    let lab = harness.state().session.lab();
    let user20 = seat(lab, "user20", "USER20-PC").0;
    let user21 = seat(lab, "user21", "USER21-PC").0;
    lab.mailbox(user20)
        .delegate(user21)
        .expect("User21 is a delegate")
        .permissions
        .inbox
}

#[test]
fn enter_in_delegate_permissions_and_delegates_applies() {
    let mut harness = permissions_with_inbox_reviewer();
    press(&mut harness, Key::Enter);
    assert!(!is_open(&harness, PERMISSIONS));
    assert_eq!(front(&harness), "Delegates");
    assert_eq!(
        inbox_level(&harness),
        Level::None,
        "written only by Delegates' OK"
    );
    press(&mut harness, Key::Enter);
    assert!(!is_open(&harness, "Delegates"));
    assert_eq!(inbox_level(&harness), Level::Reviewer);
}

#[test]
fn escape_in_delegate_permissions_and_delegates_cancels() {
    let mut harness = permissions_with_inbox_reviewer();
    press(&mut harness, Key::Escape);
    assert!(!is_open(&harness, PERMISSIONS));
    assert!(is_open(&harness, "Delegates"));
    press(&mut harness, Key::Enter);
    assert_eq!(inbox_level(&harness), Level::None);
    // Escape in Delegates discards what it holds.
    let mut harness = permissions_with_inbox_reviewer();
    press(&mut harness, Key::Enter);
    press(&mut harness, Key::Escape);
    assert!(!is_open(&harness, "Delegates"));
    assert_eq!(inbox_level(&harness), Level::None);
}

#[test]
fn add_users_opens_with_the_search_box_focused_and_takes_enter_and_escape() {
    let mut harness = started(&[
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
        r#"OpenWindow(computer: "USER20-PC", window: "Delegates")"#,
    ]);
    click_in(&mut harness, "Delegates", Role::Button, "Add...");
    let search = harness
        .get_by_role_and_label(Role::Window, "Add Users")
        .get_by_label("Search:");
    assert!(search.is_focused(), "the search box has the keyboard");
    press(&mut harness, Key::Escape);
    assert!(!is_open(&harness, "Add Users"));
    assert!(!is_open(&harness, PERMISSIONS));
    assert!(is_open(&harness, "Delegates"));
    // Enter is OK: the chosen user goes on to Delegate Permissions.
    click_in(&mut harness, "Delegates", Role::Button, "Add...");
    harness
        .get_by_role_and_label(Role::ListItem, "User21")
        .click();
    harness.run();
    click_in(&mut harness, "Add Users", Role::Button, "Add ->");
    press(&mut harness, Key::Enter);
    assert!(!is_open(&harness, "Add Users"));
    assert!(is_open(&harness, PERMISSIONS));
    assert_eq!(front(&harness), PERMISSIONS);
}

#[test]
fn open_a_shared_calendar_focuses_the_name_box_enter_opens_escape_cancels() {
    let mut harness = started(&[
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
        r#"OpenWindow(computer: "USER20-PC", window: "Open a Shared Calendar")"#,
    ]);
    let window = harness.get_by_role_and_label(Role::Window, "Open a Shared Calendar");
    let name = window.get_by_role(Role::TextInput);
    assert!(name.is_focused(), "the Name box has the keyboard");
    name.type_text("User21");
    harness.run();
    let before = log_len(&harness);
    press(&mut harness, Key::Enter);
    assert!(!is_open(&harness, "Open a Shared Calendar"));
    let lab = harness.state().session.lab();
    assert!(
        lab.log()[before..]
            .iter()
            .any(|e| e.action.starts_with("OpenSharedCalendar")),
        "Enter is OK"
    );
    // Escape cancels: nothing but the window's closing is logged.
    harness.state_mut().session.apply(action(
        r#"OpenWindow(computer: "USER20-PC", window: "Open a Shared Calendar")"#,
    ));
    harness.run();
    let before = log_len(&harness);
    press(&mut harness, Key::Escape);
    assert!(!is_open(&harness, "Open a Shared Calendar"));
    let lab = harness.state().session.lab();
    assert!(lab.log()[before..].iter().all(|e| e.gesture));
}

#[test]
fn a_message_box_is_centred_on_its_owner_blocks_it_and_enter_closes_it() {
    // Adding yourself is refused in a message box over Delegates.
    let mut harness = started(&[
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
        r#"AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user20")"#,
    ]);
    assert!(is_open(&harness, "Delegates"));
    assert_eq!(front(&harness), "Microsoft Outlook");
    let owner = harness
        .get_by_role_and_label(Role::Window, "Delegates")
        .rect();
    let message = harness
        .get_by_role_and_label(Role::Window, "Microsoft Outlook")
        .rect();
    // (Both appear in the same frame here: the box is placed before Delegates has its final
    // height, a few points off.)
    assert!(
        (owner.center() - message.center()).length() < 6.0,
        "{owner:?} {message:?}"
    );
    let ok = harness
        .get_by_role_and_label(Role::Window, "Microsoft Outlook")
        .get_by_role_and_label(Role::Button, "OK");
    assert!(ok.is_focused(), "OK has the keyboard");
    let before = log_len(&harness);
    click_in(&mut harness, "Delegates", Role::Button, "Cancel");
    click_in(&mut harness, OUTLOOK, Role::Button, "New Meeting");
    assert_eq!(log_len(&harness), before);
    assert_eq!(front(&harness), "Microsoft Outlook");
    press(&mut harness, Key::Enter);
    assert!(!is_open(&harness, "Microsoft Outlook"));
    assert!(is_open(&harness, "Delegates"));
    assert_eq!(front(&harness), "Delegates");
}

#[test]
fn alt_f4_closes_the_front_most_window_only() {
    let mut harness = started(&[
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
        r#"OpenWindow(computer: "USER20-PC", window: "Registry Editor")"#,
    ]);
    assert_eq!(front(&harness), "Registry Editor");
    harness.key_press_modifiers(Modifiers::ALT, Key::F4);
    harness.run();
    assert!(!is_open(&harness, "Registry Editor"));
    assert!(is_open(&harness, "Outlook"));
    // Enter and Escape mean nothing to a main window.
    press(&mut harness, Key::Escape);
    press(&mut harness, Key::Enter);
    assert!(is_open(&harness, "Outlook"));
    harness.key_press_modifiers(Modifiers::ALT, Key::F4);
    harness.run();
    assert!(!is_open(&harness, "Outlook"));
}

#[test]
fn a_dialog_opened_again_comes_to_the_front() {
    let mut harness = started(&[
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
        r#"OpenWindow(computer: "USER20-PC", window: "Delegates")"#,
        r#"OpenWindow(computer: "USER20-PC", window: "Registry Editor")"#,
    ]);
    assert_eq!(front(&harness), "Registry Editor");
    harness
        .get_by_role_and_label(Role::Button, "Outlook")
        .click();
    harness.run();
    assert_eq!(front(&harness), "Delegates");
}

/// The layer of the widget with the keyboard, if any.
fn focused_layer(harness: &Harness<'_, LabApp>) -> Option<LayerId> {
    let id = harness.ctx.memory(|m| m.focused())?;
    harness.ctx.read_response(id).map(|r| r.layer_id)
}

/// The layer a window of USER20-PC is drawn on.
fn layer_of(harness: &Harness<'_, LabApp>, window: &str) -> LayerId {
    let lab = harness.state().session.lab();
    let pc = ComputerIx(0);
    let window = lab.find_window(pc, &WindowName::new(window)).unwrap();
    LayerId::new(Order::Middle, desktop::window_id(pc, window))
}

#[test]
fn tab_and_shift_tab_go_round_a_modal_dialog_and_never_leave_it() {
    for dialog in ["Delegates", "Open a Shared Calendar"] {
        let mut harness = started(&[
            r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
            &format!(r#"OpenWindow(computer: "USER20-PC", window: "{dialog}")"#),
        ]);
        // Delegates opens with nothing focused (it has no text field), Open a Shared Calendar
        // with its Name box: either way Tab stays in the dialog.
        let layer = layer_of(&harness, dialog);
        let mut seen = Vec::new();
        for _ in 0..14 {
            press(&mut harness, Key::Tab);
            assert_eq!(
                focused_layer(&harness),
                Some(layer),
                "{dialog}: Tab left it"
            );
            let id = harness.ctx.memory(|m| m.focused()).unwrap();
            if !seen.contains(&id) {
                seen.push(id);
            }
        }
        assert!(
            seen.len() >= 4,
            "{dialog}: Tab went through {} widgets",
            seen.len()
        );
        for _ in 0..14 {
            harness.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
            harness.run();
            assert_eq!(
                focused_layer(&harness),
                Some(layer),
                "{dialog}: Shift+Tab left it"
            );
        }
        assert!(is_open(&harness, dialog));
    }
}

#[test]
fn the_meeting_forms_address_book_takes_enter_and_escape_over_the_form() {
    let mut harness = started(&[
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
        r#"NewMeeting(user: "user20", computer: "USER20-PC", owner: "user20", subject: "")"#,
    ]);
    let book = "Select Attendees and Resources: Global Address List";
    click_in(&mut harness, "Untitled - Meeting", Role::Button, "To...");
    assert_eq!(front(&harness), book);
    let search = harness
        .get_by_role_and_label(Role::Window, book)
        .get_by_label("Search:");
    assert!(search.is_focused(), "the search box has the keyboard");
    let attendees = |harness: &Harness<'_, LabApp>| {
        let lab = harness.state().session.lab();
        let s = seat(lab, "user20", "USER20-PC");
        lab.outlook(s).unwrap().draft.clone().unwrap().attendees
    };
    // Escape is Cancel: nothing reaches the form.
    click_in(&mut harness, book, Role::ListItem, "User21");
    click_in(&mut harness, book, Role::Button, "Required ->");
    press(&mut harness, Key::Escape);
    assert!(!is_open(&harness, book));
    assert!(is_open(&harness, "Untitled - Meeting"));
    assert!(attendees(&harness).is_empty());
    // Enter is OK.
    click_in(&mut harness, "Untitled - Meeting", Role::Button, "To...");
    click_in(&mut harness, book, Role::ListItem, "User21");
    click_in(&mut harness, book, Role::Button, "Required ->");
    press(&mut harness, Key::Enter);
    assert!(!is_open(&harness, book));
    let lab = harness.state().session.lab();
    let user21 = seat(lab, "user21", "USER21-PC").0;
    assert_eq!(attendees(&harness), vec![user21]);
}

#[test]
fn resizing_the_side_panel_does_not_move_desktop_windows() {
    let mut harness = started(&[r#"StartOutlook(user: "user20", computer: "USER20-PC")"#]);
    let relative = |harness: &Harness<'_, LabApp>| {
        let desktop = harness.state().view.desktop_rect.unwrap();
        let outlook = harness.get_by_role_and_label(Role::Window, OUTLOOK).rect();
        (desktop.left(), outlook.min - desktop.min)
    };
    let (left, before) = relative(&harness);
    // Drag the side panel's right edge (the desktop's left edge) 120 points to the right.
    let (from, to, y) = (left - 1.0, left + 119.0, 300.0);
    harness.hover_at(egui::pos2(from, y));
    harness.run_steps(2);
    harness.drag_at(egui::pos2(from, y));
    harness.step();
    harness.hover_at(egui::pos2(to, y));
    harness.step();
    harness.drop_at(egui::pos2(to, y));
    harness.run();
    let (moved_left, after) = relative(&harness);
    assert!(
        (moved_left - left - 120.0).abs() < 2.0,
        "the panel was resized: {left} → {moved_left}"
    );
    assert!(
        (after - before).length() < 1.0,
        "Outlook moved on its desktop: {before:?} → {after:?}"
    );
}
