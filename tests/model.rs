//! Model tests: every behaviour rule B1–B11 of the SPEC through `Lab::apply`, including the
//! orderings the SPEC names.

mod common;

use common::*;
use delegate_lab::lab::exchange::{Level, NO_CREATE_PERMISSION};
use delegate_lab::lab::outlook_rules::{ADD_YOURSELF, NO_LYNC_DELEGATE_PERMISSION};
use delegate_lab::lab::{Lab, MeetingRequestDelivery, Outcome};

// ----- B1: Outlook delegates -------------------------------------------------------------------

#[test]
fn b1_adding_a_delegate_needs_outlook_running_and_changes_nothing_otherwise() {
    let mut lab = Lab::default();
    let text = error_text(lab.apply(&action(
        r#"AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")"#,
    )));
    assert_eq!(text, "Outlook is not running for User20 on USER20-PC.");
    assert!(
        lab.mailbox(seat(&lab, "user20", "USER20-PC").0)
            .delegates
            .is_empty()
    );
    // Control: with Outlook running the same action adds the delegate.
    run(
        &mut lab,
        r#"
        StartOutlook(user: "user20", computer: "USER20-PC")
        AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")
        "#,
    );
    assert_eq!(
        lab.mailbox(seat(&lab, "user20", "USER20-PC").0)
            .delegates
            .len(),
        1
    );
}

#[test]
fn b1_a_new_delegate_gets_outlooks_defaults_and_is_written_without_lync() {
    let mut lab = Lab::default();
    ok(
        &mut lab,
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
    );
    ok(
        &mut lab,
        r#"AddDelegate(user: "user20", computer: "USER20-PC", delegate: "User21")"#,
    );
    let (user20, _) = seat(&lab, "user20", "USER20-PC");
    let delegate = &lab.mailbox(user20).delegates[0];
    let p = delegate.permissions;
    assert_eq!(lab.directory().id(delegate.user), "user21");
    assert_eq!(
        (p.calendar, p.tasks, p.inbox, p.contacts, p.notes),
        (
            Level::Editor,
            Level::Editor,
            Level::None,
            Level::None,
            Level::None
        )
    );
    assert!(p.receives_meeting_copies && !p.see_private_items);
    // Nobody is signed in to Lync: the Exchange change stands, and there is no record.
    assert!(!record(&lab, "user20", "user21"));
    // Control: with the sync on, User20's sign-in writes it.
    run(
        &mut lab,
        &format!(
            r#"
            {SYNC_ON}
            SignIn(user: "user20", computer: "USER20-PC")
            "#
        ),
    );
    assert!(record(&lab, "user20", "user21"));
}

#[test]
fn b1_receives_copies_is_only_kept_while_calendar_is_editor() {
    let mut lab = Lab::default();
    ok(
        &mut lab,
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
    );
    ok(
        &mut lab,
        r#"AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21", permissions: Permissions(calendar: Author, receives_meeting_copies: true))"#,
    );
    let user20 = seat(&lab, "user20", "USER20-PC").0;
    assert!(
        !lab.mailbox(user20).delegates[0]
            .permissions
            .receives_meeting_copies
    );
    assert!(
        lab.log()
            .last()
            .unwrap()
            .lines
            .iter()
            .any(|l| l.contains("needs Calendar Editor"))
    );
    ok(
        &mut lab,
        r#"SetDelegatePermissions(user: "user20", computer: "USER20-PC", delegate: "user21", permissions: Permissions(calendar: Editor, inbox: Reviewer))"#,
    );
    let p = lab.mailbox(user20).delegates[0].permissions;
    assert_eq!((p.calendar, p.inbox), (Level::Editor, Level::Reviewer));
    assert!(p.receives_meeting_copies);
}

#[test]
fn b1_outlook_refuses_oneself_and_duplicates_with_a_message_box() {
    let mut lab = Lab::default();
    ok(
        &mut lab,
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
    );
    ok(
        &mut lab,
        r#"AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")"#,
    );
    let again = lab.apply(&action(
        r#"AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")"#,
    ));
    assert_eq!(error_text(again), "User21 is already a delegate.");
    let pc = seat(&lab, "user20", "USER20-PC").1;
    assert!(
        lab.window_titles(pc)
            .contains(&"Microsoft Outlook".to_owned())
    );
    let myself = lab.apply(&action(
        r#"AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user20")"#,
    ));
    assert_eq!(error_text(myself), ADD_YOURSELF);
    assert_eq!(
        lab.mailbox(seat(&lab, "user20", "USER20-PC").0)
            .delegates
            .len(),
        1
    );
}

#[test]
fn b1_meeting_request_delivery_routes_requests_to_delegates() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        r#"
        StartOutlook(user: "administrator", computer: "LYNC-FE01")
        AddDelegate(user: "administrator", computer: "LYNC-FE01", delegate: "user21")
        SetMeetingRequestDelivery(user: "administrator", computer: "LYNC-FE01", deliver: DelegatesOnly)
        StartOutlook(user: "user20", computer: "USER20-PC")
        NewMeeting(user: "user20", computer: "USER20-PC", owner: "user20", subject: "Plan", attendees: ["administrator"])
        SendMeeting(user: "user20", computer: "USER20-PC")
        "#,
    );
    let admin = lab.directory().find_user("administrator").unwrap();
    let user21 = lab.directory().find_user("user21").unwrap();
    assert_eq!(
        lab.mailbox(admin).delivery,
        MeetingRequestDelivery::DelegatesOnly
    );
    assert!(
        lab.mailbox(admin).inbox.is_empty(),
        "DelegatesOnly: nothing to the manager"
    );
    assert_eq!(lab.mailbox(user21).inbox.len(), 1);
    assert_eq!(lab.mailbox(user21).inbox[0].for_user, Some(admin));
}

// ----- B2: meetings on someone else's calendar -------------------------------------------------

fn with_calendar_level(level: &str) -> Lab {
    let mut lab = Lab::default();
    run(
        &mut lab,
        &format!(
            r#"
            StartOutlook(user: "user20", computer: "USER20-PC")
            AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21", permissions: Permissions(calendar: {level}))
            StartOutlook(user: "user21", computer: "USER21-PC")
            "#
        ),
    );
    lab
}

#[test]
fn b2_reviewer_opens_read_only_and_cannot_create() {
    let mut lab = with_calendar_level("Reviewer");
    ok(
        &mut lab,
        r#"OpenSharedCalendar(user: "user21", computer: "USER21-PC", owner: "user20")"#,
    );
    let outcome = lab.apply(&action(
        r#"NewMeeting(user: "user21", computer: "USER21-PC", owner: "user20", subject: "x")"#,
    ));
    assert_eq!(error_text(outcome), NO_CREATE_PERMISSION);
    assert!(
        lab.outlook(seat(&lab, "user21", "USER21-PC"))
            .unwrap()
            .draft
            .is_none()
    );
    // Control: raised to Author, the same New Meeting opens a form.
    run(
        &mut lab,
        r#"
        SetDelegatePermissions(user: "user20", computer: "USER20-PC", delegate: "user21", permissions: Permissions(calendar: Author))
        NewMeeting(user: "user21", computer: "USER21-PC", owner: "user20", subject: "x")
        "#,
    );
    assert!(
        lab.outlook(seat(&lab, "user21", "USER21-PC"))
            .unwrap()
            .draft
            .is_some()
    );
}

#[test]
fn b2_none_cannot_open_and_author_can_create_on_behalf() {
    let mut lab = with_calendar_level("None");
    let outcome = lab.apply(&action(
        r#"OpenSharedCalendar(user: "user21", computer: "USER21-PC", owner: "user20")"#,
    ));
    assert!(error_text(outcome).contains("do not have permission"));

    let mut lab = with_calendar_level("Author");
    run(
        &mut lab,
        r#"
        OpenSharedCalendar(user: "user21", computer: "USER21-PC", owner: "user20")
        NewMeeting(user: "user21", computer: "USER21-PC", owner: "user20", subject: "1:1", attendees: ["administrator"])
        "#,
    );
    ok(
        &mut lab,
        r#"SendMeeting(user: "user21", computer: "USER21-PC")"#,
    );
    assert!(lab.log().last().unwrap().lines[0].contains("from User21 on behalf of User20"));
    let user20 = seat(&lab, "user20", "USER20-PC").0;
    assert_eq!(lab.mailbox(user20).calendar.len(), 1);
}

#[test]
fn b1_adding_yourself_gets_outlooks_refusal_in_a_message_box_and_changes_nothing() {
    let mut lab = Lab::default();
    ok(
        &mut lab,
        r#"StartOutlook(user: "user21", computer: "USER21-PC")"#,
    );
    let outcome = lab.apply(&action(
        r#"AddDelegate(user: "user21", computer: "USER21-PC", delegate: "User21")"#,
    ));
    assert_eq!(
        outcome,
        Outcome::Error {
            text: "You cannot add yourself as a delegate.".into()
        }
    );
    let pc = seat(&lab, "user21", "USER21-PC").1;
    let titles = lab.window_titles(pc);
    assert_eq!(titles.last().unwrap(), "Microsoft Outlook", "{titles:?}");
    assert!(titles.contains(&"Delegates".to_owned()), "{titles:?}");
    let user21 = seat(&lab, "user21", "USER21-PC").0;
    assert!(lab.mailbox(user21).delegates.is_empty());
    assert!(
        lab.log().last().unwrap().lines[0].contains("User21 cannot be their own delegate"),
        "{:?}",
        lab.log().last()
    );
}

/// User21 opens a meeting form on User20's calendar while a delegate (Calendar Editor, and the
/// back-end record when `synced`).
fn form_open(synced: bool) -> Lab {
    let mut lab = if synced {
        delegated_lab()
    } else {
        with_calendar_level("Editor")
    };
    meeting_form_on_user20s_calendar(&mut lab);
    lab
}

/// `form_open`, then User20 changes something in Outlook.
fn form_open_then(synced: bool, change: &str) -> Lab {
    let mut lab = form_open(synced);
    ok(&mut lab, change);
    lab
}

const REMOVE_USER21: &str =
    r#"RemoveDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")"#;

/// Nothing on User20's calendar, nobody got a request, and the form is still open with its
/// meeting.
fn assert_nothing_sent(lab: &Lab) {
    let user20 = seat(lab, "user20", "USER20-PC").0;
    assert!(lab.mailbox(user20).calendar.is_empty(), "nothing saved");
    assert!(lab.meeting(1).is_none(), "nothing sent");
    for (user, _) in lab.directory().users() {
        assert!(lab.mailbox(user).inbox.is_empty(), "nothing delivered");
    }
    let (user21, pc) = seat(lab, "user21", "USER21-PC");
    let draft = lab.outlook((user21, pc)).unwrap().draft.as_ref().unwrap();
    assert_eq!(draft.subject, "Budget review");
    assert!(
        lab.window_titles(pc)
            .contains(&"Budget review - Meeting".to_owned()),
        "the form stays open: {:?}",
        lab.window_titles(pc)
    );
}

#[test]
fn b2_send_checks_permission_again_a_removed_delegate_cannot_send_an_open_form() {
    for synced in [false, true] {
        // Control: nothing changed, the open form sends.
        let mut control = form_open(synced);
        ok(
            &mut control,
            r#"SendMeeting(user: "user21", computer: "USER21-PC")"#,
        );
        assert!(control.meeting(1).is_some(), "sent");
        let mut lab = form_open_then(synced, REMOVE_USER21);
        let outcome = lab.apply(&action(
            r#"SendMeeting(user: "user21", computer: "USER21-PC")"#,
        ));
        assert_eq!(error_text(outcome), NO_CREATE_PERMISSION);
        let pc = seat(&lab, "user21", "USER21-PC").1;
        assert_eq!(lab.window_titles(pc).last().unwrap(), "Microsoft Outlook");
        assert_nothing_sent(&lab);
        let lines = &lab.log().last().unwrap().lines;
        assert!(
            lines[0].starts_with(
                "Not sent: User21 no longer has Author or Editor on User20's calendar (B2): User20 removed User21 as a delegate"
            ),
            "{lines:?}"
        );
        assert!(
            !lines.iter().any(|l| l.contains("on behalf of")),
            "{lines:?}"
        );
    }
}

#[test]
fn b2_send_refuses_a_delegate_lowered_to_reviewer_and_works_once_author_again() {
    let mut lab = form_open_then(
        false,
        r#"SetDelegatePermissions(user: "user20", computer: "USER20-PC", delegate: "user21", permissions: Permissions(calendar: Reviewer))"#,
    );
    let outcome = lab.apply(&action(
        r#"SendMeeting(user: "user21", computer: "USER21-PC")"#,
    ));
    assert_eq!(error_text(outcome), NO_CREATE_PERMISSION);
    assert_nothing_sent(&lab);
    assert!(
        lab.log().last().unwrap().lines[0]
            .contains("User21's Calendar permission there is now Reviewer")
    );
    // Given Author again, the same open form sends, on behalf of User20.
    ok(
        &mut lab,
        r#"SetDelegatePermissions(user: "user20", computer: "USER20-PC", delegate: "user21", permissions: Permissions(calendar: Author))"#,
    );
    ok(
        &mut lab,
        r#"SendMeeting(user: "user21", computer: "USER21-PC")"#,
    );
    assert!(lab.log().last().unwrap().lines[0].contains("from User21 on behalf of User20"));
    let user20 = seat(&lab, "user20", "USER20-PC").0;
    assert_eq!(lab.mailbox(user20).calendar.len(), 1);
}

#[test]
fn b2_lync_meeting_on_an_open_form_after_removal_follows_b3_then_b2() {
    // Control: nothing changed, the add-in adds the join block.
    let mut control = form_open(true);
    ok(
        &mut control,
        r#"AddLyncMeeting(user: "user21", computer: "USER21-PC")"#,
    );
    let (user21, pc) = seat(&control, "user21", "USER21-PC");
    let draft = control
        .outlook((user21, pc))
        .unwrap()
        .draft
        .clone()
        .unwrap();
    assert!(draft.join.is_some(), "the join block");

    // Removed in Outlook with the back-end record left (B8): B3's silent case decides.
    let mut lab = form_open_then(true, REMOVE_USER21);
    let outcome = lab.apply(&action(
        r#"AddLyncMeeting(user: "user21", computer: "USER21-PC")"#,
    ));
    assert_eq!(outcome, Outcome::NoResponse);
    assert_nothing_sent(&lab);

    // Removed, and no record ever written: B3's error box decides.
    let mut lab = form_open_then(false, REMOVE_USER21);
    ok(&mut lab, r#"SignIn(user: "user21", computer: "USER21-PC")"#);
    let outcome = lab.apply(&action(
        r#"AddLyncMeeting(user: "user21", computer: "USER21-PC")"#,
    ));
    assert_eq!(error_text(outcome), NO_LYNC_DELEGATE_PERMISSION);
    assert_nothing_sent(&lab);

    // Still a delegate with the record, but Calendar lowered to Reviewer: B3 would let it
    // through, B2 refuses — no join block, the form unchanged, nothing sent.
    let mut lab = form_open_then(
        true,
        r#"SetDelegatePermissions(user: "user20", computer: "USER20-PC", delegate: "user21", permissions: Permissions(calendar: Reviewer))"#,
    );
    assert!(record(&lab, "user20", "user21"));
    let outcome = lab.apply(&action(
        r#"AddLyncMeeting(user: "user21", computer: "USER21-PC")"#,
    ));
    assert_eq!(error_text(outcome), NO_CREATE_PERMISSION);
    let pc = seat(&lab, "user21", "USER21-PC").1;
    assert_eq!(lab.window_titles(pc).last().unwrap(), "Microsoft Outlook");
    let (user21, _) = seat(&lab, "user21", "USER21-PC");
    let draft = lab.outlook((user21, pc)).unwrap().draft.clone().unwrap();
    assert!(draft.join.is_none(), "no join block");
    assert_nothing_sent(&lab);
    assert!(
        lab.log().last().unwrap().lines[0].starts_with(
            "The add-in added nothing: User21 no longer has Author or Editor on User20's calendar (B2)"
        ),
        "{:?}",
        lab.log().last()
    );
    let outcome = lab.apply(&action(
        r#"SendMeeting(user: "user21", computer: "USER21-PC")"#,
    ));
    assert_eq!(error_text(outcome), NO_CREATE_PERMISSION);
    assert_nothing_sent(&lab);
}

// ----- B3: the Lync Meeting button -------------------------------------------------------------

/// User21 opens a meeting form on User20's calendar, starting Outlook first unless it runs
/// already (`with_calendar_level` starts it; `delegated_lab` does not).
fn meeting_form_on_user20s_calendar(lab: &mut Lab) {
    if lab.outlook(seat(lab, "user21", "USER21-PC")).is_none() {
        ok(
            lab,
            r#"StartOutlook(user: "user21", computer: "USER21-PC")"#,
        );
    }
    run(
        lab,
        r#"
        OpenSharedCalendar(user: "user21", computer: "USER21-PC", owner: "user20")
        NewMeeting(user: "user21", computer: "USER21-PC", owner: "user20", subject: "Budget review", attendees: ["administrator"])
        "#,
    );
}

#[test]
fn b3_without_a_back_end_record_the_add_in_shows_its_error() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        r#"
        StartOutlook(user: "user20", computer: "USER20-PC")
        AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")
        SignIn(user: "user21", computer: "USER21-PC")
        "#,
    );
    meeting_form_on_user20s_calendar(&mut lab);
    let outcome = lab.apply(&action(
        r#"AddLyncMeeting(user: "user21", computer: "USER21-PC")"#,
    ));
    assert_eq!(
        error_text(outcome),
        "You do not have permissions to schedule Lync Meetings on behalf of the owner of this account. Please contact the owner of the account to get delegate permissions in Microsoft Lync."
    );
    let pc = seat(&lab, "user21", "USER21-PC").1;
    assert_eq!(lab.window_titles(pc).last().unwrap(), "Microsoft Outlook");
    // Control: the record written (sync on, User20 signs in), the same button adds the block.
    run(
        &mut lab,
        &format!(
            r#"
            CloseWindow(computer: "USER21-PC", window: "Microsoft Outlook")
            {SYNC_ON}
            SignIn(user: "user20", computer: "USER20-PC")
            AddLyncMeeting(user: "user21", computer: "USER21-PC")
            "#
        ),
    );
    let (user21, _) = seat(&lab, "user21", "USER21-PC");
    let draft = lab.outlook((user21, pc)).unwrap().draft.clone().unwrap();
    assert!(draft.join.is_some(), "the join block");
}

#[test]
fn b3_with_record_and_delegate_the_join_block_is_added() {
    let mut lab = delegated_lab();
    meeting_form_on_user20s_calendar(&mut lab);
    ok(
        &mut lab,
        r#"AddLyncMeeting(user: "user21", computer: "USER21-PC")"#,
    );
    let form = lab
        .outlook(seat(&lab, "user21", "USER21-PC"))
        .unwrap()
        .draft
        .clone()
        .unwrap();
    let join = form.join.unwrap();
    let id = join
        .url
        .strip_prefix("https://meet.contoso.com/user20/")
        .expect("owner's meet URL");
    assert_eq!(id.len(), 8);
    assert!(
        id.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()),
        "{id}"
    );
    assert!(join.conference_id.chars().all(|c| c.is_ascii_digit()));
}

#[test]
fn b3_with_a_stale_record_nothing_happens_at_all() {
    // Control: before the removal the add-in answers (and adds the join block).
    let mut control = delegated_lab();
    meeting_form_on_user20s_calendar(&mut control);
    ok(
        &mut control,
        r#"AddLyncMeeting(user: "user21", computer: "USER21-PC")"#,
    );
    let mut lab = delegated_lab();
    meeting_form_on_user20s_calendar(&mut lab);
    ok(
        &mut lab,
        r#"RemoveDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")"#,
    );
    let pc = seat(&lab, "user21", "USER21-PC").1;
    let windows_before = lab.window_titles(pc);
    let outcome = lab.apply(&action(
        r#"AddLyncMeeting(user: "user21", computer: "USER21-PC")"#,
    ));
    assert_eq!(outcome, Outcome::NoResponse);
    assert_eq!(lab.window_titles(pc), windows_before, "no dialog");
    let form = lab
        .outlook(seat(&lab, "user21", "USER21-PC"))
        .unwrap()
        .draft
        .clone()
        .unwrap();
    assert!(form.join.is_none(), "no change to the meeting");
    assert!(lab.log().last().unwrap().lines[0].contains("no longer"));
}

#[test]
fn b3_lync_must_be_signed_in_but_own_meetings_need_nothing_else() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        r#"
        StartOutlook(user: "user20", computer: "USER20-PC")
        NewMeeting(user: "user20", computer: "USER20-PC", owner: "user20", subject: "Mine")
        "#,
    );
    let outcome = lab.apply(&action(
        r#"AddLyncMeeting(user: "user20", computer: "USER20-PC")"#,
    ));
    assert!(error_text(outcome).contains("not signed in to Lync"));
    ok(&mut lab, r#"SignIn(user: "user20", computer: "USER20-PC")"#);
    ok(
        &mut lab,
        r#"AddLyncMeeting(user: "user20", computer: "USER20-PC")"#,
    );
}

// ----- B4: client policy read at sign-in -------------------------------------------------------

#[test]
fn b4_a_policy_changed_while_signed_in_waits_for_the_next_sign_in() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        r#"
        StartOutlook(user: "user20", computer: "USER20-PC")
        SignIn(user: "user20", computer: "USER20-PC")
        AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")
        "#,
    );
    ok(&mut lab, SYNC_ON);
    let reading = lab
        .client(seat(&lab, "user20", "USER20-PC"))
        .unwrap()
        .policy_read
        .clone()
        .unwrap();
    assert_eq!(reading.enable_exchange_delegate_sync, None);
    // A delegate change now still does not sync: the client has the old reading.
    ok(
        &mut lab,
        r#"SetDelegatePermissions(user: "user20", computer: "USER20-PC", delegate: "user21", permissions: Permissions(tasks: Reviewer))"#,
    );
    assert!(!record(&lab, "user20", "user21"));
    run(
        &mut lab,
        r#"
        SignOut(user: "user20", computer: "USER20-PC")
        SignIn(user: "user20", computer: "USER20-PC")
        "#,
    );
    assert!(record(&lab, "user20", "user21"));
}

#[test]
fn b4_a_granted_tag_policy_beats_global() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        r#"
        Shell(command: "New-CsClientPolicy -Identity DelegateSync -EnableExchangeDelegateSync $true")
        Shell(command: "Grant-CsClientPolicy -Identity user20@contoso.com -PolicyName DelegateSync")
        StartOutlook(user: "user20", computer: "USER20-PC")
        AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")
        SignIn(user: "user20", computer: "USER20-PC")
        SignIn(user: "user21", computer: "USER21-PC")
        "#,
    );
    let reading = lab
        .client(seat(&lab, "user20", "USER20-PC"))
        .unwrap()
        .policy_read
        .clone()
        .unwrap();
    assert_eq!(reading.identity, "Tag:DelegateSync");
    assert!(record(&lab, "user20", "user21"));
    // User21 was not granted it: Global, not set.
    let reading = lab
        .client(seat(&lab, "user21", "USER21-PC"))
        .unwrap()
        .policy_read
        .clone()
        .unwrap();
    assert_eq!(
        (
            reading.identity.as_str(),
            reading.enable_exchange_delegate_sync
        ),
        ("Global", None)
    );
}

// ----- B5: delegate sync -------------------------------------------------------------------------

#[test]
fn b5_outlook_closed_then_started_syncs_when_outlook_starts() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        &format!(
            r#"
            {SYNC_ON}
            StartOutlook(user: "user20", computer: "USER20-PC")
            AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")
            CloseOutlook(user: "user20", computer: "USER20-PC")
            SignIn(user: "user20", computer: "USER20-PC")
            "#
        ),
    );
    assert!(
        !record(&lab, "user20", "user21"),
        "no Outlook, no MAPI, no sync"
    );
    let why = lab.log().last().unwrap().lines.join(" ");
    assert!(why.contains("Outlook is not running on USER20-PC"), "{why}");
    ok(
        &mut lab,
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
    );
    assert!(record(&lab, "user20", "user21"));
}

#[test]
fn b5_outlook_on_another_computer_does_not_count() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        &format!(
            r#"
            {SYNC_ON}
            SignIn(user: "user20", computer: "USER20-PC")
            StartOutlook(user: "user20", computer: "USER21-LAPTOP")
            AddDelegate(user: "user20", computer: "USER21-LAPTOP", delegate: "user21")
            "#
        ),
    );
    assert!(!record(&lab, "user20", "user21"));
    // Control: Outlook started on the computer User20 is signed in to, the pass runs there.
    ok(
        &mut lab,
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
    );
    assert!(record(&lab, "user20", "user21"));
}

#[test]
fn b5_only_author_and_editor_delegates_are_published() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        &format!(
            r#"
            {SYNC_ON}
            StartOutlook(user: "user20", computer: "USER20-PC")
            SignIn(user: "user20", computer: "USER20-PC")
            AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21", permissions: Permissions(calendar: Reviewer))
            AddDelegate(user: "user20", computer: "USER20-PC", delegate: "administrator", permissions: Permissions(calendar: Author))
            "#
        ),
    );
    assert!(!record(&lab, "user20", "user21"));
    assert!(record(&lab, "user20", "administrator"));
    // Raising User21 to Editor is a delegate-list change: the pass publishes them.
    ok(
        &mut lab,
        r#"SetDelegatePermissions(user: "user20", computer: "USER20-PC", delegate: "user21", permissions: Permissions())"#,
    );
    assert!(record(&lab, "user20", "user21"));
}

#[test]
fn b5_records_remember_when_and_which_client_created_them() {
    let lab = delegated_lab();
    let (user20, pc) = seat(&lab, "user20", "USER20-PC");
    let user21 = lab.directory().find_user("user21").unwrap();
    let origin = lab.server().record(user20, user21).unwrap();
    assert_eq!(
        origin.route,
        delegate_lab::lab::lync_server::RecordRoute::OutlookSync {
            user: user20,
            computer: pc
        }
    );
    assert_eq!(origin.action_number, 5);
    assert_eq!(origin.created.to_string(), "Mon 2014-07-07 09:05");
}

// ----- B6: groups --------------------------------------------------------------------------------

#[test]
fn b6_groups_appear_at_once_on_every_signed_in_computer_and_at_later_sign_ins() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        &format!(
            r#"
            {SYNC_ON}
            SignIn(user: "user21", computer: "USER21-PC")
            SignIn(user: "user21", computer: "USER21-LAPTOP")
            StartOutlook(user: "user20", computer: "USER20-PC")
            SignIn(user: "user20", computer: "USER20-PC")
            AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")
            "#
        ),
    );
    for pc in ["USER21-PC", "USER21-LAPTOP"] {
        assert_eq!(
            group(&lab, "user21", pc, "People I Manage Calls For"),
            Some(vec!["user20".into()])
        );
    }
    assert_eq!(
        group(&lab, "user20", "USER20-PC", "Delegates"),
        Some(vec!["user21".into()])
    );
    ok(
        &mut lab,
        r#"SignIn(user: "user20", computer: "USER21-LAPTOP")"#,
    );
    assert_eq!(
        group(&lab, "user20", "USER21-LAPTOP", "Delegates"),
        Some(vec!["user21".into()])
    );
    assert_eq!(
        group(&lab, "user20", "USER20-PC", "People I Manage Calls For"),
        None
    );
}

// ----- B7: banners and registry -------------------------------------------------------------------

#[test]
fn b7_dismissing_on_one_computer_leaves_the_banner_on_the_others() {
    let mut lab = delegated_lab();
    ok(
        &mut lab,
        r#"SignIn(user: "user21", computer: "USER21-LAPTOP")"#,
    );
    let added = "You were added as a delegate for User20".to_owned();
    assert_eq!(banners(&lab, "user21", "USER21-PC"), vec![added.clone()]);
    assert_eq!(
        registry(&lab, "user21", "USER21-PC"),
        (
            "sip:user20@contoso.com".into(),
            "sip:user20@contoso.com".into(),
            String::new()
        )
    );
    ok(
        &mut lab,
        r#"DismissBanner(user: "user21", computer: "USER21-PC", delegator: "user20")"#,
    );
    assert!(banners(&lab, "user21", "USER21-PC").is_empty());
    assert_eq!(
        registry(&lab, "user21", "USER21-PC"),
        (
            "sip:user20@contoso.com".into(),
            String::new(),
            "sip:user20@contoso.com".into()
        )
    );
    assert_eq!(
        banners(&lab, "user21", "USER21-LAPTOP"),
        vec![added.clone()]
    );
    run(
        &mut lab,
        r#"
        SignOut(user: "user21", computer: "USER21-LAPTOP")
        SignIn(user: "user21", computer: "USER21-LAPTOP")
        SignOut(user: "user21", computer: "USER21-PC")
        SignIn(user: "user21", computer: "USER21-PC")
        "#,
    );
    assert_eq!(banners(&lab, "user21", "USER21-LAPTOP"), vec![added]);
    assert!(banners(&lab, "user21", "USER21-PC").is_empty());
    let again = lab.apply(&action(
        r#"DismissBanner(user: "user21", computer: "USER21-PC", delegator: "user20")"#,
    ));
    assert!(error_text(again).contains("shows no banner"));
}

#[test]
fn b7_a_client_signed_in_later_learns_its_delegators_at_sign_in() {
    let mut lab = delegated_lab();
    ok(
        &mut lab,
        r#"SignIn(user: "user21", computer: "USER21-LAPTOP")"#,
    );
    assert_eq!(banners(&lab, "user21", "USER21-LAPTOP").len(), 1);
    assert_eq!(
        registry(&lab, "user21", "USER21-LAPTOP").1,
        "sip:user20@contoso.com"
    );
}

// ----- B8 and B9: stale remnants and cleanup ----------------------------------------------------------

#[test]
fn b8_removing_in_outlook_leaves_the_record_group_and_banner() {
    // Control: before the removal User21 can create on User20's calendar.
    let mut control = delegated_lab();
    meeting_form_on_user20s_calendar(&mut control);
    let mut lab = delegated_lab();
    run(
        &mut lab,
        r#"
        StartOutlook(user: "user21", computer: "USER21-PC")
        OpenSharedCalendar(user: "user21", computer: "USER21-PC", owner: "user20")
        RemoveDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")
        SignOut(user: "user21", computer: "USER21-PC")
        SignIn(user: "user21", computer: "USER21-PC")
        "#,
    );
    assert!(record(&lab, "user20", "user21"));
    assert_eq!(
        group(&lab, "user21", "USER21-PC", "People I Manage Calls For"),
        Some(vec!["user20".into()])
    );
    assert_eq!(
        banners(&lab, "user21", "USER21-PC"),
        vec!["You were added as a delegate for User20"]
    );
    let outcome = lab.apply(&action(
        r#"NewMeeting(user: "user21", computer: "USER21-PC", owner: "user20", subject: "x")"#,
    ));
    assert_eq!(error_text(outcome), NO_CREATE_PERMISSION);
}

#[test]
fn b9_removal_in_lync_while_still_an_outlook_delegate() {
    let mut lab = delegated_lab();
    ok(
        &mut lab,
        r#"RemoveFromDelegatesGroup(user: "user20", computer: "USER20-PC", delegate: "user21")"#,
    );
    // Gone from the client at once; the record stays until the next sign-in.
    assert_eq!(group(&lab, "user20", "USER20-PC", "Delegates"), None);
    assert!(record(&lab, "user20", "user21"));
    assert_eq!(
        group(&lab, "user21", "USER21-PC", "People I Manage Calls For"),
        Some(vec!["user20".into()])
    );
    run(
        &mut lab,
        r#"
        SignOut(user: "user20", computer: "USER20-PC")
        SignIn(user: "user20", computer: "USER20-PC")
        "#,
    );
    assert!(!record(&lab, "user20", "user21"), "deleted at sign-in");
    assert_eq!(
        group(&lab, "user21", "USER21-PC", "People I Manage Calls For"),
        None
    );
    assert_eq!(
        banners(&lab, "user21", "USER21-PC"),
        vec!["You were removed as a delegate for User20"]
    );
    assert_eq!(
        registry(&lab, "user21", "USER21-PC"),
        (String::new(), String::new(), String::new())
    );
    // Still an Outlook delegate, and the profile remembers it as published: no re-create,
    // not even when Outlook restarts.
    run(
        &mut lab,
        r#"
        CloseOutlook(user: "user20", computer: "USER20-PC")
        StartOutlook(user: "user20", computer: "USER20-PC")
        "#,
    );
    assert!(!record(&lab, "user20", "user21"));
    // Removing in Outlook and adding again does re-create it.
    run(
        &mut lab,
        r#"
        RemoveDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")
        AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")
        "#,
    );
    assert!(record(&lab, "user20", "user21"));
    assert_eq!(
        banners(&lab, "user21", "USER21-PC"),
        vec!["You were added as a delegate for User20"]
    );
}

#[test]
fn b9_the_removal_banner_goes_when_closed_and_is_not_stored() {
    let mut lab = delegated_lab();
    run(
        &mut lab,
        r#"
        RemoveFromDelegatesGroup(user: "user20", computer: "USER20-PC", delegate: "user21")
        ExitLync(user: "user20", computer: "USER20-PC")
        SignIn(user: "user20", computer: "USER20-PC")
        "#,
    );
    assert_eq!(
        banners(&lab, "user21", "USER21-PC"),
        vec!["You were removed as a delegate for User20"]
    );
    ok(
        &mut lab,
        r#"DismissBanner(user: "user21", computer: "USER21-PC", delegator: "user20")"#,
    );
    assert!(banners(&lab, "user21", "USER21-PC").is_empty());
    run(
        &mut lab,
        r#"
        SignOut(user: "user21", computer: "USER21-PC")
        SignIn(user: "user21", computer: "USER21-PC")
        "#,
    );
    assert!(banners(&lab, "user21", "USER21-PC").is_empty());
}

// ----- B10: profile, reboot, stuck sync -------------------------------------------------------------

#[test]
fn b10_deleting_the_profile_needs_lync_closed_and_republishes() {
    let mut lab = delegated_lab();
    let refused = lab.apply(&action(
        r#"DeleteLyncProfile(user: "user20", computer: "USER20-PC")"#,
    ));
    assert!(error_text(refused).contains("exit Lync"));
    // Clean the record up through Lync (B9), then delete the profile: the next pass re-creates.
    run(
        &mut lab,
        r#"
        RemoveFromDelegatesGroup(user: "user20", computer: "USER20-PC", delegate: "user21")
        ExitLync(user: "user20", computer: "USER20-PC")
        SignIn(user: "user20", computer: "USER20-PC")
        ExitLync(user: "user20", computer: "USER20-PC")
        "#,
    );
    assert!(!record(&lab, "user20", "user21"));
    ok(
        &mut lab,
        r#"DeleteLyncProfile(user: "user20", computer: "USER20-PC")"#,
    );
    ok(&mut lab, r#"SignIn(user: "user20", computer: "USER20-PC")"#);
    assert!(record(&lab, "user20", "user21"));
}

#[test]
fn b10_reboot_closes_every_application_on_the_computer() {
    let mut lab = delegated_lab();
    let s = seat(&lab, "user20", "USER20-PC");
    assert!(lab.signed_in(s) && lab.outlook(s).is_some());
    assert!(!lab.window_titles(s.1).is_empty());
    ok(&mut lab, r#"Reboot(computer: "USER20-PC")"#);
    assert!(!lab.signed_in(s));
    assert!(lab.outlook(s).is_none());
    assert!(lab.window_titles(s.1).is_empty());
    // Other computers are untouched.
    assert!(lab.signed_in(seat(&lab, "user21", "USER21-PC")));
}

#[test]
fn b10_stuck_sync_and_its_workaround() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        &format!(
            r#"
            {SYNC_ON}
            InjectFault(StuckSync(user: "user20", computer: "USER20-PC"))
            StartOutlook(user: "user20", computer: "USER20-PC")
            SignIn(user: "user20", computer: "USER20-PC")
            SignIn(user: "user21", computer: "USER21-PC")
            AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")
            "#
        ),
    );
    assert!(!record(&lab, "user20", "user21"), "the write did not land");
    assert!(
        banners(&lab, "user21", "USER21-PC").is_empty(),
        "delegation never shows up"
    );
    // Signing in again does not help: the profile thinks it published.
    run(
        &mut lab,
        r#"
        SignOut(user: "user20", computer: "USER20-PC")
        SignIn(user: "user20", computer: "USER20-PC")
        "#,
    );
    assert!(!record(&lab, "user20", "user21"));
    // The workaround: both close Lync, delete the delegator's profile, reboot, both sign in.
    run(
        &mut lab,
        r#"
        ExitLync(user: "user20", computer: "USER20-PC")
        ExitLync(user: "user21", computer: "USER21-PC")
        DeleteLyncProfile(user: "user20", computer: "USER20-PC")
        Reboot(computer: "USER20-PC")
        SignIn(user: "user20", computer: "USER20-PC")
        SignIn(user: "user21", computer: "USER21-PC")
        StartOutlook(user: "user20", computer: "USER20-PC")
        "#,
    );
    assert_eq!(lab.faults().count(), 0);
    assert!(record(&lab, "user20", "user21"));
    assert_eq!(
        banners(&lab, "user21", "USER21-PC"),
        vec!["You were added as a delegate for User20"]
    );
}

#[test]
fn b10_rebooting_without_deleting_the_profile_does_not_clear_the_fault() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        r#"
        InjectFault(StuckSync(user: "user20", computer: "USER20-PC"))
        Reboot(computer: "USER20-PC")
        "#,
    );
    assert_eq!(lab.faults().count(), 1);
    // Control: the profile deleted, the next reboot clears it.
    run(
        &mut lab,
        r#"
        DeleteLyncProfile(user: "user20", computer: "USER20-PC")
        Reboot(computer: "USER20-PC")
        "#,
    );
    assert_eq!(lab.faults().count(), 0);
}

// ----- the log, the clock, bad names ---------------------------------------------------------------

#[test]
fn every_action_advances_the_clock_a_minute_and_is_logged_with_its_outcome() {
    let mut lab = Lab::default();
    let outcome = lab.apply(&action(r#"SignOut(user: "user20", computer: "USER20-PC")"#));
    assert_eq!(
        error_text(outcome),
        "User20's Lync is not signed in on USER20-PC."
    );
    let outcome = lab.apply(&action(r#"SignIn(user: "nobody", computer: "USER20-PC")"#));
    assert!(error_text(outcome).contains("There is no user \"nobody\""));
    let outcome = lab.apply(&action(r#"Reboot(computer: "MARS")"#));
    assert!(error_text(outcome).contains("There is no computer \"MARS\""));
    assert_eq!(lab.log().len(), 3);
    assert_eq!(lab.now().to_string(), "Mon 2014-07-07 09:03");
    assert!(matches!(lab.log()[2].outcome, Outcome::Error { .. }));
    // An action that succeeds is logged with its outcome and takes its minute alike.
    ok(&mut lab, r#"SignIn(user: "user20", computer: "USER20-PC")"#);
    assert_eq!(lab.log().len(), 4);
    assert_eq!(lab.now().to_string(), "Mon 2014-07-07 09:04");
    assert_eq!(lab.log()[3].outcome, Outcome::Ok);
}

#[test]
fn capture_windows_follow_the_actions() {
    let mut lab = delegated_lab();
    meeting_form_on_user20s_calendar(&mut lab);
    let pc = seat(&lab, "user21", "USER21-PC").1;
    assert!(
        lab.find_window(pc, &"Budget review - Meeting".into())
            .is_some()
    );
    assert!(lab.find_window(pc, &"Lync".into()).is_some());
    ok(
        &mut lab,
        r#"OpenWindow(computer: "USER21-PC", window: "Registry Editor")"#,
    );
    ok(
        &mut lab,
        r#"CloseWindow(computer: "USER21-PC", window: "Meeting")"#,
    );
    assert!(
        lab.outlook(seat(&lab, "user21", "USER21-PC"))
            .unwrap()
            .draft
            .is_none()
    );
    let refused = lab.apply(&action(
        r#"OpenWindow(computer: "USER21-PC", window: "Lync Server Management Shell")"#,
    ));
    assert!(error_text(refused).contains("front-end server"));
    ok(
        &mut lab,
        r#"OpenWindow(computer: "LYNC-FE01", window: "Lync Server Management Shell")"#,
    );
    let unknown = lab.apply(&action(
        r#"CloseWindow(computer: "USER21-PC", window: "Paint")"#,
    ));
    assert!(error_text(unknown).contains("open: "));
}

#[test]
fn users_in_window_titles_may_be_written_any_way_the_directory_knows_them() {
    let mut lab = delegated_lab();
    let pc = seat(&lab, "user20", "USER20-PC").1;
    ok(
        &mut lab,
        r#"OpenWindow(computer: "USER20-PC", window: "Delegates")"#,
    );
    ok(
        &mut lab,
        r#"OpenWindow(computer: "USER20-PC", window: "Delegate Permissions: user21@contoso.com")"#,
    );
    for name in [
        "Delegate Permissions: User21",
        "Delegate Permissions: sip:user21@contoso.com",
        "delegate permissions: USER21",
        "Calendar - user20@contoso.com - Outlook",
        "Calendar - User20 - Outlook",
    ] {
        assert!(lab.find_window(pc, &name.into()).is_some(), "{name}");
    }
    assert!(
        lab.find_window(pc, &"Calendar - user21@contoso.com - Outlook".into())
            .is_none()
    );
    // Someone else's Outlook is not opened for the user logged on.
    let refused = lab.apply(&action(
        r#"OpenWindow(computer: "USER20-PC", window: "Calendar - user21@contoso.com - Outlook")"#,
    ));
    assert!(error_text(refused).contains("is User21's Outlook; User20 is logged on"));
}

/// Outlook keeps the navigation pane's shared calendars in the mailbox: closing Outlook and
/// starting it again — here or on another computer — shows them again, ready for New Meeting.
#[test]
fn opened_shared_calendars_come_back_when_outlook_starts_again() {
    let mut lab = with_calendar_level("Editor");
    ok(
        &mut lab,
        r#"OpenSharedCalendar(user: "user21", computer: "USER21-PC", owner: "user20")"#,
    );
    ok(
        &mut lab,
        r#"CloseOutlook(user: "user21", computer: "USER21-PC")"#,
    );
    ok(
        &mut lab,
        r#"StartOutlook(user: "user21", computer: "USER21-PC")"#,
    );
    let user20 = lab.directory().find_user("user20").unwrap();
    let shared = |lab: &Lab, pc: &str| {
        lab.outlook(seat(lab, "user21", pc))
            .unwrap()
            .shared_calendars
            .clone()
    };
    assert_eq!(shared(&lab, "USER21-PC"), vec![user20]);
    assert!(
        lab.log()
            .last()
            .unwrap()
            .lines
            .iter()
            .any(|l| l.contains("Shared Calendars shows User20 again")),
        "the log says why"
    );
    ok(
        &mut lab,
        r#"NewMeeting(user: "user21", computer: "USER21-PC", owner: "user20", subject: "After a restart")"#,
    );
    ok(
        &mut lab,
        r#"StartOutlook(user: "user21", computer: "USER21-LAPTOP")"#,
    );
    assert_eq!(shared(&lab, "USER21-LAPTOP"), vec![user20]);
}

// ----- W7: Open a Shared Calendar with a name the address list does not have -----------------

#[test]
fn w7_a_name_that_matches_no_one_gets_outlooks_message_box_only_while_outlook_runs() {
    use delegate_lab::lab::outlook_rules::NAME_NOT_MATCHED;
    use delegate_lab::lab::{Action, ComputerIx, WindowName};
    let open = || Action::OpenSharedCalendar {
        user: "user21".into(),
        computer: "USER21-PC".into(),
        owner: "Nobody".into(),
    };
    let mut lab = Lab::default();
    // Without Outlook: the lab's own refusal, as for any unknown name.
    let text = error_text(lab.apply(&open()));
    assert!(text.starts_with("There is no user \"Nobody\""), "{text}");
    ok(
        &mut lab,
        r#"StartOutlook(user: "user21", computer: "USER21-PC")"#,
    );
    assert_eq!(error_text(lab.apply(&open())), NAME_NOT_MATCHED);
    let (user21, pc) = seat(&lab, "user21", "USER21-PC");
    assert_eq!(pc, ComputerIx(1));
    assert!(
        lab.outlook((user21, pc))
            .unwrap()
            .shared_calendars
            .is_empty()
    );
    assert!(
        lab.find_window(pc, &WindowName::new("Microsoft Outlook"))
            .is_some(),
        "Outlook's message box"
    );
    // Control: a name that matches someone who shares their calendar opens it.
    run(
        &mut lab,
        r#"
        CloseWindow(computer: "USER21-PC", window: "Microsoft Outlook")
        StartOutlook(user: "user20", computer: "USER20-PC")
        AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")
        OpenSharedCalendar(user: "user21", computer: "USER21-PC", owner: "User20")
        "#,
    );
    let user20 = lab.directory().find_user("user20").unwrap();
    assert_eq!(
        lab.outlook((user21, pc)).unwrap().shared_calendars,
        vec![user20]
    );
}
