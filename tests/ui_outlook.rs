//! UI tests of the Outlook side of the seed article: FILE → Account Settings → Delegate Access
//! → Add... → Add Users → Delegate Permissions → OK; the shared calendar, the meeting form,
//! the Lync Meeting add-in's error and join block; Outlook's permission error.

mod common;

use common::{action, seat};
use delegate_lab::lab::exchange::{Level, NO_CREATE_PERMISSION};
use delegate_lab::lab::{LabSpec, Outcome};
use delegate_lab::ui::app::{LabApp, Session};
use delegate_lab::ui::harness;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

const ADDIN_ERROR: &str = "You do not have permissions to schedule Lync Meetings on behalf of the owner of this account. Please contact the owner of the account to get delegate permissions in Microsoft Lync.";

fn app_with(lines: &[&str]) -> LabApp {
    let mut session = Session::new("UI test", LabSpec::contoso());
    for line in lines {
        assert_eq!(session.apply(action(line)), Outcome::Ok, "{line}");
    }
    LabApp::new(session)
}

fn click(harness: &mut Harness<'_, LabApp>, role: Role, label: &str) {
    harness.get_by_role_and_label(role, label).click();
    harness.run();
}

fn look_at(harness: &mut Harness<'_, LabApp>, computer: &str) {
    click(harness, Role::Button, computer);
}

fn in_window(harness: &mut Harness<'_, LabApp>, window: &str, role: Role, label: &str) {
    harness
        .get_by_role_and_label(Role::Window, window)
        .get_by_role_and_label(role, label)
        .click();
    harness.run();
}

/// User20 adds User21 through the dialogs, as in Figure 1.
fn add_user21_through_the_dialogs(harness: &mut Harness<'_, LabApp>) {
    click(harness, Role::Button, "FILE");
    click(harness, Role::Button, "Account\nSettings ▾");
    harness
        .get_by_role_and_label(Role::MenuItem, "Delegate Access")
        .click();
    harness.run();
    harness.get_by_role_and_label(Role::Window, "Delegates");
    in_window(harness, "Delegates", Role::Button, "Add...");
    harness
        .get_by_role_and_label(Role::ListItem, "User21")
        .click();
    harness.run();
    in_window(harness, "Add Users", Role::Button, "Add ->");
    in_window(harness, "Add Users", Role::Button, "OK");
}

#[test]
fn user20_adds_user21_with_outlooks_defaults_and_ok_writes_it() {
    let mut harness = harness::harness(app_with(&[
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
    ]));
    harness.run();
    add_user21_through_the_dialogs(&mut harness);
    // Delegate Permissions: User21 shows the defaults of B1.
    let permissions = harness.get_by_role_and_label(Role::Window, "Delegate Permissions: User21");
    for (folder, level) in [
        ("Calendar", Level::Editor),
        ("Tasks", Level::Editor),
        ("Inbox", Level::None),
    ] {
        let combo = permissions.get_by_label(folder);
        assert_eq!(combo.value().as_deref(), Some(level.label()), "{folder}");
    }
    let copies =
        permissions.get_by_label("Delegate receives copies of meeting-related messages sent to me");
    assert_eq!(
        copies.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True)
    );
    in_window(
        &mut harness,
        "Delegate Permissions: User21",
        Role::Button,
        "OK",
    );
    // Nothing is written until OK (or Apply) in Delegates.
    let lab = &harness.state().session.lab();
    assert!(
        lab.mailbox(seat(lab, "user20", "USER20-PC").0)
            .delegates
            .is_empty()
    );
    harness
        .get_by_role_and_label(Role::Window, "Delegates")
        .get_by_label("User21");
    in_window(&mut harness, "Delegates", Role::Button, "OK");
    let lab = &harness.state().session.lab();
    let delegates = &lab.mailbox(seat(lab, "user20", "USER20-PC").0).delegates;
    assert_eq!(delegates.len(), 1);
    assert_eq!(delegates[0].permissions.calendar, Level::Editor);
    assert!(delegates[0].permissions.receives_meeting_copies);
    assert!(
        harness
            .query_by_role_and_label(Role::Window, "Delegates")
            .is_none()
    );
}

#[test]
fn cancel_discards_and_apply_writes_without_closing() {
    let mut harness = harness::harness(app_with(&[
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
    ]));
    harness.run();
    add_user21_through_the_dialogs(&mut harness);
    in_window(
        &mut harness,
        "Delegate Permissions: User21",
        Role::Button,
        "OK",
    );
    in_window(&mut harness, "Delegates", Role::Button, "Cancel");
    let lab = &harness.state().session.lab();
    assert!(
        lab.mailbox(seat(lab, "user20", "USER20-PC").0)
            .delegates
            .is_empty(),
        "Cancel discards"
    );

    add_user21_through_the_dialogs(&mut harness);
    in_window(
        &mut harness,
        "Delegate Permissions: User21",
        Role::Button,
        "OK",
    );
    harness
        .get_by_role_and_label(Role::Window, "Delegates")
        .get_by_label("My delegates and me")
        .click();
    harness.run();
    in_window(&mut harness, "Delegates", Role::Button, "Apply");
    let lab = &harness.state().session.lab();
    let mailbox = lab.mailbox(seat(lab, "user20", "USER20-PC").0);
    assert_eq!(mailbox.delegates.len(), 1, "Apply writes");
    assert_eq!(
        mailbox.delivery,
        delegate_lab::lab::MeetingRequestDelivery::DelegatesAndMe
    );
    harness.get_by_role_and_label(Role::Window, "Delegates");
}

#[test]
fn receives_copies_is_disabled_unless_calendar_is_editor() {
    let mut harness = harness::harness(app_with(&[
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
    ]));
    harness.run();
    add_user21_through_the_dialogs(&mut harness);
    harness
        .get_by_role_and_label(Role::Window, "Delegate Permissions: User21")
        .get_by_label("Calendar")
        .click();
    harness.run();
    harness.get_by_label("Reviewer (can read items)").click();
    harness.run();
    let copies =
        harness.get_by_label("Delegate receives copies of meeting-related messages sent to me");
    assert!(copies.accesskit_node().is_disabled());
    in_window(
        &mut harness,
        "Delegate Permissions: User21",
        Role::Button,
        "OK",
    );
    in_window(&mut harness, "Delegates", Role::Button, "OK");
    let lab = &harness.state().session.lab();
    let p = lab.mailbox(seat(lab, "user20", "USER20-PC").0).delegates[0].permissions;
    assert_eq!(p.calendar, Level::Reviewer);
    assert!(!p.receives_meeting_copies);
}

/// User21 on USER21-PC with User20's calendar open: Open Calendar ▾ → Open Shared Calendar...
fn open_user20s_calendar(harness: &mut Harness<'_, LabApp>) {
    look_at(harness, "USER21-PC");
    harness.get_by_label("Open Calendar ▾").click();
    harness.run();
    harness.get_by_label("Open Shared Calendar...").click();
    harness.run();
    let field = harness
        .get_by_role_and_label(Role::Window, "Open a Shared Calendar")
        .get_by_role(Role::TextInput);
    field.focus();
    field.type_text("User20");
    harness.run();
    in_window(harness, "Open a Shared Calendar", Role::Button, "OK");
}

fn new_meeting_for_administrator(harness: &mut Harness<'_, LabApp>) {
    click(harness, Role::Button, "New Meeting");
    let form = harness.get_by_role_and_label(Role::Window, "Untitled - Meeting");
    let to = form.get_by_role_and_label(Role::TextInput, "To...");
    to.focus();
    to.type_text("Administrator");
    harness.run();
    let subject = harness
        .get_by_role_and_label(Role::Window, "Untitled - Meeting")
        .get_by_role_and_label(Role::TextInput, "Subject");
    subject.focus();
    subject.type_text("Budget review");
    harness.run();
}

#[test]
fn the_meeting_on_user20s_calendar_the_addins_error_then_the_join_block() {
    let app = app_with(&[
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
        r#"SignIn(user: "user20", computer: "USER20-PC")"#,
        r#"AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")"#,
        r#"StartOutlook(user: "user21", computer: "USER21-PC")"#,
        r#"SignIn(user: "user21", computer: "USER21-PC")"#,
    ]);
    let mut harness = harness::harness(app);
    harness.run();
    open_user20s_calendar(&mut harness);
    let lab = &harness.state().session.lab();
    let s21 = seat(lab, "user21", "USER21-PC");
    assert_eq!(
        lab.outlook(s21).unwrap().shared_calendars,
        vec![seat(lab, "user20", "USER20-PC").0]
    );
    new_meeting_for_administrator(&mut harness);
    let form_title = "Untitled - Meeting";
    harness
        .get_by_role_and_label(Role::Window, form_title)
        .get_by_label("User21 on behalf of User20");
    // Lync Meeting: the add-in's error box, exactly.
    in_window(&mut harness, form_title, Role::Button, "Lync Meeting");
    let lab = &harness.state().session.lab();
    assert_eq!(
        lab.log().last().unwrap().outcome,
        Outcome::Error {
            text: ADDIN_ERROR.into()
        }
    );
    harness
        .get_by_role_and_label(Role::Window, "Microsoft Outlook")
        .get_by_label(ADDIN_ERROR);
    let draft = lab.outlook(s21).unwrap().draft.clone().unwrap();
    assert_eq!(
        draft.subject, "Budget review",
        "what was typed reached the lab"
    );
    assert_eq!(
        draft.attendees,
        vec![lab.directory().find_user("administrator").unwrap()]
    );
    in_window(&mut harness, "Microsoft Outlook", Role::Button, "OK");
    assert!(
        harness
            .query_by_role_and_label(Role::Window, "Microsoft Outlook")
            .is_none()
    );

    // The policy and sign-in steps of the article, then Lync Meeting succeeds.
    {
        let session = &mut harness.state_mut().session;
        for line in [
            r#"Shell(command: "Set-CsClientPolicy Global –EnableExchangeDelegateSync $True")"#,
            r#"SignOut(user: "user20", computer: "USER20-PC")"#,
            r#"SignIn(user: "user20", computer: "USER20-PC")"#,
        ] {
            assert_eq!(session.apply(action(line)), Outcome::Ok);
        }
        session.apply(action(r#"LogOn(user: "user21", computer: "USER21-PC")"#));
    }
    harness.run();
    in_window(
        &mut harness,
        "Budget review - Meeting",
        Role::Button,
        "Lync Meeting",
    );
    let lab = &harness.state().session.lab();
    let join = lab
        .outlook(s21)
        .unwrap()
        .draft
        .clone()
        .unwrap()
        .join
        .expect("the join block");
    assert!(join.url.starts_with("https://meet.contoso.com/user20/"));
    let form = harness.get_by_role_and_label(Role::Window, "Budget review - Meeting");
    form.get_by_label("Join Lync Meeting");
    form.get_by_label(&format!("Conference ID: {}", join.conference_id));
    in_window(
        &mut harness,
        "Budget review - Meeting",
        Role::Button,
        "Send",
    );
    let lab = &harness.state().session.lab();
    let owner = seat(lab, "user20", "USER20-PC").0;
    let sent = lab.meeting(lab.mailbox(owner).calendar[0]).unwrap();
    assert_eq!((sent.sender, sent.owner), (s21.0, owner));
    assert!(sent.join.is_some());
}

#[test]
fn with_reviewer_creating_a_meeting_on_user20s_calendar_gives_outlooks_error() {
    let app = app_with(&[
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
        r#"AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21", permissions: Permissions(calendar: Reviewer))"#,
        r#"StartOutlook(user: "user21", computer: "USER21-PC")"#,
    ]);
    let mut harness = harness::harness(app);
    harness.run();
    open_user20s_calendar(&mut harness);
    click(&mut harness, Role::Button, "New Meeting");
    let lab = &harness.state().session.lab();
    assert_eq!(
        lab.log().last().unwrap().outcome,
        Outcome::Error {
            text: NO_CREATE_PERMISSION.into()
        }
    );
    harness
        .get_by_role_and_label(Role::Window, "Microsoft Outlook")
        .get_by_label(NO_CREATE_PERMISSION);
    assert!(
        lab.outlook(seat(lab, "user21", "USER21-PC"))
            .unwrap()
            .draft
            .is_none()
    );
}

#[test]
fn adding_yourself_in_add_users_gets_outlooks_refusal_in_a_message_box() {
    let mut harness = harness::harness(app_with(&[
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
    ]));
    harness.run();
    click(&mut harness, Role::Button, "FILE");
    click(&mut harness, Role::Button, "Account\nSettings ▾");
    harness
        .get_by_role_and_label(Role::MenuItem, "Delegate Access")
        .click();
    harness.run();
    in_window(&mut harness, "Delegates", Role::Button, "Add...");
    in_window(&mut harness, "Add Users", Role::ListItem, "User20");
    in_window(&mut harness, "Add Users", Role::Button, "Add ->");
    in_window(&mut harness, "Add Users", Role::Button, "OK");
    // Not dropped silently: Outlook's message box, and nothing to give permissions to.
    harness
        .get_by_role_and_label(Role::Window, "Microsoft Outlook")
        .get_by_label("You cannot add yourself as a delegate.");
    assert!(
        harness
            .query_by_role_and_label(Role::Window, "Delegate Permissions: User20")
            .is_none()
    );
    let lab = &harness.state().session.lab();
    assert!(
        lab.mailbox(seat(lab, "user20", "USER20-PC").0)
            .delegates
            .is_empty()
    );
    in_window(&mut harness, "Microsoft Outlook", Role::Button, "OK");
    assert!(
        harness
            .query_by_role_and_label(Role::Window, "Microsoft Outlook")
            .is_none()
    );
    harness.get_by_role_and_label(Role::Window, "Delegates");
}

const SELECT_ATTENDEES: &str = "Select Attendees and Resources: Global Address List";
const SELECT_NAME: &str = "Select Name: Global Address List";
const NAME_NOT_MATCHED: &str = "The name cannot be matched to a name in the address list.";

/// A double-click on a row of a window's list: two clicks well after the last one (which would
/// make it a triple click). The harness lets frames pass between the clicks, so the test
/// allows a slow double-click.
fn double_click_in(harness: &mut Harness<'_, LabApp>, window: &str, label: &str) {
    harness
        .ctx
        .options_mut(|o| o.input_options.max_double_click_delay = 1.0);
    harness.run_steps(8);
    for _ in 0..2 {
        harness
            .get_by_role_and_label(Role::Window, window)
            .get_by_role_and_label(Role::ListItem, label)
            .click();
        harness.step();
    }
    harness.run_steps(8);
    harness.run();
}

fn meeting_to(harness: &Harness<'_, LabApp>) -> Option<String> {
    harness
        .get_by_role_and_label(Role::Window, "Untitled - Meeting")
        .get_by_role_and_label(Role::TextInput, "To...")
        .value()
}

#[test]
fn to_opens_the_address_book_whose_ok_puts_the_chosen_names_into_to() {
    let mut harness = harness::harness(app_with(&[
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
        r#"NewMeeting(user: "user20", computer: "USER20-PC", owner: "user20", subject: "")"#,
    ]));
    harness.run();
    let attendees = |harness: &Harness<'_, LabApp>| {
        let lab = harness.state().session.lab();
        let draft = lab
            .outlook(seat(lab, "user20", "USER20-PC"))
            .unwrap()
            .draft
            .clone();
        let dir = lab.directory();
        draft
            .unwrap()
            .attendees
            .iter()
            .map(|&a| dir.name(a).to_owned())
            .collect::<Vec<_>>()
    };
    in_window(&mut harness, "Untitled - Meeting", Role::Button, "To...");
    let book = harness.get_by_role_and_label(Role::Window, SELECT_ATTENDEES);
    assert!(
        book.get_by_label("Search:").is_focused(),
        "the search box has the keyboard"
    );
    // Every lab user is listed.
    let users: Vec<String> = {
        let lab = harness.state().session.lab();
        lab.directory()
            .users()
            .map(|(_, u)| u.name.clone())
            .collect()
    };
    for name in &users {
        book.get_by_role_and_label(Role::ListItem, name);
    }
    // A double-click adds; so does a row selected and "Required ->".
    double_click_in(&mut harness, SELECT_ATTENDEES, "User21");
    in_window(
        &mut harness,
        SELECT_ATTENDEES,
        Role::ListItem,
        "Administrator",
    );
    in_window(&mut harness, SELECT_ATTENDEES, Role::Button, "Required ->");
    // Nothing reaches the form before OK.
    assert!(attendees(&harness).is_empty());
    in_window(&mut harness, SELECT_ATTENDEES, Role::Button, "OK");
    assert!(
        harness
            .query_by_role_and_label(Role::Window, SELECT_ATTENDEES)
            .is_none()
    );
    assert_eq!(attendees(&harness), ["User21", "Administrator"]);
    assert_eq!(
        meeting_to(&harness).as_deref(),
        Some("User21; Administrator")
    );
    // Opened again it starts from To; Cancel discards what was chosen since.
    in_window(&mut harness, "Untitled - Meeting", Role::Button, "To...");
    double_click_in(&mut harness, SELECT_ATTENDEES, "User20");
    in_window(&mut harness, SELECT_ATTENDEES, Role::Button, "Cancel");
    assert_eq!(attendees(&harness), ["User21", "Administrator"]);
    assert_eq!(
        meeting_to(&harness).as_deref(),
        Some("User21; Administrator")
    );
}

#[test]
fn the_address_book_is_modal_over_the_meeting_form() {
    let mut harness = harness::harness(app_with(&[
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
        r#"NewMeeting(user: "user20", computer: "USER20-PC", owner: "user20", subject: "")"#,
    ]));
    harness.run();
    in_window(&mut harness, "Untitled - Meeting", Role::Button, "To...");
    let before = harness.state().session.lab().log().len();
    in_window(&mut harness, "Untitled - Meeting", Role::Button, "Send");
    assert_eq!(
        harness.state().session.lab().log().len(),
        before,
        "Send was blocked"
    );
    harness.get_by_role_and_label(Role::Window, SELECT_ATTENDEES);
}

#[test]
fn name_opens_the_address_book_and_an_unknown_name_gets_outlooks_message_box() {
    let mut harness = harness::harness(app_with(&[
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
        r#"AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")"#,
        r#"StartOutlook(user: "user21", computer: "USER21-PC")"#,
    ]));
    harness.run();
    look_at(&mut harness, "USER21-PC");
    harness.get_by_label("Open Calendar ▾").click();
    harness.run();
    harness.get_by_label("Open Shared Calendar...").click();
    harness.run();
    in_window(
        &mut harness,
        "Open a Shared Calendar",
        Role::Button,
        "Name...",
    );
    // One name: the second choice replaces the first; OK fills the Name box.
    double_click_in(&mut harness, SELECT_NAME, "Administrator");
    in_window(&mut harness, SELECT_NAME, Role::ListItem, "User20");
    in_window(&mut harness, SELECT_NAME, Role::Button, "Name ->");
    in_window(&mut harness, SELECT_NAME, Role::Button, "OK");
    let field = harness
        .get_by_role_and_label(Role::Window, "Open a Shared Calendar")
        .get_by_role(Role::TextInput);
    assert_eq!(field.value().as_deref(), Some("User20"));
    // A name the address list does not have: Outlook's message box, nothing opened.
    field.focus();
    field.type_text("x");
    harness.run();
    in_window(&mut harness, "Open a Shared Calendar", Role::Button, "OK");
    harness
        .get_by_role_and_label(Role::Window, "Microsoft Outlook")
        .get_by_label(NAME_NOT_MATCHED);
    let lab = harness.state().session.lab();
    assert_eq!(
        lab.log().last().unwrap().outcome,
        Outcome::Error {
            text: NAME_NOT_MATCHED.into()
        }
    );
    assert!(
        lab.outlook(seat(lab, "user21", "USER21-PC"))
            .unwrap()
            .shared_calendars
            .is_empty()
    );
    in_window(&mut harness, "Microsoft Outlook", Role::Button, "OK");
    harness.get_by_role_and_label(Role::Window, "Open a Shared Calendar");
}

#[test]
fn delegate_permissions_drop_downs_keep_one_width_whatever_is_chosen() {
    let mut harness = harness::harness(app_with(&[
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
        r#"AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")"#,
        r#"OpenWindow(computer: "USER20-PC", window: "Delegates")"#,
        r#"OpenWindow(computer: "USER20-PC", window: "Delegate Permissions: User21")"#,
    ]));
    harness.run();
    let widths = |harness: &Harness<'_, LabApp>| {
        let window = harness.get_by_role_and_label(Role::Window, "Delegate Permissions: User21");
        ["Calendar", "Tasks", "Inbox", "Contacts", "Notes"]
            .map(|folder| window.get_by_label(folder).rect().width())
    };
    // Editor (the longest) beside None (the shortest).
    let before = widths(&harness);
    assert!(
        before.iter().all(|w| (w - before[0]).abs() < 0.5),
        "{before:?}"
    );
    // Inbox to Reviewer: still the same width.
    harness
        .get_by_role_and_label(Role::Window, "Delegate Permissions: User21")
        .get_by_label("Inbox")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Reviewer (can read items)")
        .click();
    harness.run();
    let after = widths(&harness);
    assert_eq!(after, before);
}

#[test]
fn the_account_settings_drop_down_stays_inside_a_small_outlook_window() {
    // Small lab windows make small desktops, and Outlook's window fits its desktop.
    for (width, height) in [(860.0, 520.0), (960.0, 440.0), (1400.0, 900.0)] {
        let app = app_with(&[r#"StartOutlook(user: "user20", computer: "USER20-PC")"#]);
        let mut harness = harness::harness_sized(app, egui::vec2(width, height));
        harness.run();
        click(&mut harness, Role::Button, "FILE");
        click(&mut harness, Role::Button, "Account\nSettings ▾");
        let outlook = harness
            .get_by_role_and_label(Role::Window, "Calendar - user20@contoso.com - Outlook")
            .rect();
        for caption in [
            "Account Settings...",
            "Delegate Access",
            "Download Address Book...",
        ] {
            let item = harness
                .get_by_role_and_label(Role::MenuItem, caption)
                .rect();
            assert!(
                outlook.expand(0.5).contains_rect(item),
                "{width}x{height}: {caption} at {item:?} is outside Outlook at {outlook:?}"
            );
        }
        // And it still works.
        harness
            .get_by_role_and_label(Role::MenuItem, "Delegate Access")
            .click();
        harness.run();
        harness.get_by_role_and_label(Role::Window, "Delegates");
    }
}
