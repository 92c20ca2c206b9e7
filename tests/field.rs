//! Model tests for the field rules B13–B16, clause by clause, through `Lab::apply`.

mod common;

use common::*;
use delegate_lab::lab::Lab;
use delegate_lab::lab::directory::{GroupSpec, LabSpec, User};
use delegate_lab::lab::field_rules::{MAPI_OK, MAPI_UNAVAILABLE};
use delegate_lab::lab::install::{ComputerSpec, LyncEdition};

/// Contoso with the sync on in Global, and `extra` managers user30.. with their computers.
fn lab_with(extra_managers: usize, edit: impl FnOnce(&mut LabSpec)) -> Lab {
    let mut spec = LabSpec::contoso();
    spec.client_policies[0].enable_exchange_delegate_sync = Some(true);
    for i in 0..extra_managers {
        spec.users.push(User {
            id: format!("user{}", 30 + i),
            name: format!("User{}", 30 + i),
            enterprise_voice: false,
        });
        spec.computers
            .push(ComputerSpec::from(format!("USER{}-PC", 30 + i)));
    }
    edit(&mut spec);
    Lab::new(spec)
}

/// `manager` makes user21 an Outlook delegate with Outlook and Lync on their own computer.
fn delegate_to_user21(lab: &mut Lab, manager: &str) {
    let pc = format!("{}-PC", manager.to_uppercase());
    run(
        lab,
        &format!(
            r#"
            StartOutlook(user: "{manager}", computer: "{pc}")
            SignIn(user: "{manager}", computer: "{pc}")
            AddDelegate(user: "{manager}", computer: "{pc}", delegate: "user21")
            "#
        ),
    );
    assert!(record(lab, manager, "user21"), "{manager}");
}

fn log_text(lab: &Lab) -> String {
    lab.log().last().unwrap().lines.join("\n")
}

// ----- B13: more than two delegators, builds ---------------------------------------------------

fn dismiss_all(lab: &mut Lab, managers: &[&str]) {
    for m in managers {
        ok(
            lab,
            &format!(r#"DismissBanner(user: "user21", computer: "USER21-PC", delegator: "{m}")"#),
        );
    }
}

#[test]
fn b13_with_three_delegators_an_old_build_shows_dismissed_notices_again_at_sign_in() {
    let mut lab = lab_with(2, |_| {});
    let managers = ["user20", "user30", "user31"];
    for m in managers {
        delegate_to_user21(&mut lab, m);
    }
    ok(&mut lab, r#"SignIn(user: "user21", computer: "USER21-PC")"#);
    dismiss_all(&mut lab, &managers);
    assert!(banners(&lab, "user21", "USER21-PC").is_empty());
    run(
        &mut lab,
        r#"
        SignOut(user: "user21", computer: "USER21-PC")
        SignIn(user: "user21", computer: "USER21-PC")
        "#,
    );
    assert_eq!(banners(&lab, "user21", "USER21-PC").len(), 3);
    assert!(log_text(&lab).contains("KB3114502"));
    // The registry stays as B7 computes it: in both Dismissed and Last (the KB's symptom).
    let (last, _outstanding, dismissed) = registry(&lab, "user21", "USER21-PC");
    assert_eq!(last, dismissed);
    assert!(last.contains("sip:user31@contoso.com"));
    // Closing a re-shown notice hides it until the next sign-in.
    ok(
        &mut lab,
        r#"DismissBanner(user: "user21", computer: "USER21-PC", delegator: "user30")"#,
    );
    assert_eq!(banners(&lab, "user21", "USER21-PC").len(), 2);
}

#[test]
fn b13_two_delegators_or_the_fixed_build_keep_b7_as_written() {
    let mut lab = lab_with(1, |_| {});
    for m in ["user20", "user30"] {
        delegate_to_user21(&mut lab, m);
    }
    ok(&mut lab, r#"SignIn(user: "user21", computer: "USER21-PC")"#);
    assert_eq!(banners(&lab, "user21", "USER21-PC").len(), 2);
    dismiss_all(&mut lab, &["user20", "user30"]);
    run(
        &mut lab,
        r#"
        SignOut(user: "user21", computer: "USER21-PC")
        SignIn(user: "user21", computer: "USER21-PC")
        "#,
    );
    assert!(
        banners(&lab, "user21", "USER21-PC").is_empty(),
        "two is fine"
    );

    let mut lab = lab_with(2, |spec| {
        spec.computers[1] = ComputerSpec {
            lync_build: delegate_lab::lab::install::Build("15.0.4787.1002".into()),
            ..ComputerSpec::from("USER21-PC")
        };
    });
    for m in ["user20", "user30", "user31"] {
        delegate_to_user21(&mut lab, m);
    }
    ok(&mut lab, r#"SignIn(user: "user21", computer: "USER21-PC")"#);
    assert_eq!(banners(&lab, "user21", "USER21-PC").len(), 3);
    dismiss_all(&mut lab, &["user20", "user30", "user31"]);
    run(
        &mut lab,
        r#"
        SignOut(user: "user21", computer: "USER21-PC")
        SignIn(user: "user21", computer: "USER21-PC")
        "#,
    );
    assert!(
        banners(&lab, "user21", "USER21-PC").is_empty(),
        "fixed build"
    );
}

#[test]
fn b13_install_lync_is_refused_while_lync_runs_and_applies_at_the_next_sign_in() {
    let mut lab = lab_with(0, |_| {});
    ok(&mut lab, r#"SignIn(user: "user21", computer: "USER21-PC")"#);
    let text = error_text(lab.apply(&action(
        r#"InstallLync(computer: "USER21-PC", edition: Basic, build: "15.0.4787.1002")"#,
    )));
    assert!(text.contains("Lync is running"), "{text}");
    ok(
        &mut lab,
        r#"ExitLync(user: "user21", computer: "USER21-PC")"#,
    );
    let text = error_text(lab.apply(&action(
        r#"InstallLync(computer: "USER21-PC", edition: Basic, build: "16.0.1.2")"#,
    )));
    assert!(text.contains("not a Lync 2013 build"), "{text}");
    ok(
        &mut lab,
        r#"InstallLync(computer: "USER21-PC", edition: Basic, build: "15.0.4787.1002")"#,
    );
    let pc = lab.directory().find_computer("USER21-PC").unwrap();
    assert_eq!(lab.install(pc).edition, LyncEdition::Basic);
    ok(&mut lab, r#"SignIn(user: "user21", computer: "USER21-PC")"#);
    let seat = seat(&lab, "user21", "USER21-PC");
    assert!(!lab.client(seat).unwrap().is_full());
}

#[test]
fn b13_beyond_25_delegates_the_server_refuses_the_record() {
    let mut lab = lab_with(0, |spec| {
        for i in 0..26 {
            spec.users.push(User {
                id: format!("pa{i}"),
                name: format!("PA {i}"),
                enterprise_voice: false,
            });
        }
    });
    run(
        &mut lab,
        r#"
        StartOutlook(user: "user20", computer: "USER20-PC")
        SignIn(user: "user20", computer: "USER20-PC")
        "#,
    );
    for i in 0..26 {
        ok(
            &mut lab,
            &format!(r#"AddDelegate(user: "user20", computer: "USER20-PC", delegate: "pa{i}")"#),
        );
    }
    let user20 = lab.directory().find_user("user20").unwrap();
    assert_eq!(lab.server().delegates_of(user20).len(), 25);
    assert!(
        log_text(&lab).contains(
            "Delegation doesn't work if the threshold of 25 delegators and 25 delegates is exceeded."
        ),
        "{}",
        log_text(&lab)
    );
}

// ----- B14: MAPI ---------------------------------------------------------------------------------

#[test]
fn b14_mapi_is_ok_only_with_outlook_running_and_no_fault() {
    let mut lab = lab_with(0, |_| {});
    let seat = seat(&lab, "user20", "USER20-PC");
    ok(&mut lab, r#"SignIn(user: "user20", computer: "USER20-PC")"#);
    assert_eq!(lab.mapi_status(seat), MAPI_UNAVAILABLE);
    ok(
        &mut lab,
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
    );
    assert_eq!(lab.mapi_status(seat), MAPI_OK);
    ok(
        &mut lab,
        r#"InjectFault(MapiUnavailable(user: "user20", computer: "USER20-PC"))"#,
    );
    assert_eq!(lab.mapi_status(seat), MAPI_UNAVAILABLE);
    ok(
        &mut lab,
        r#"AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")"#,
    );
    assert!(
        !record(&lab, "user20", "user21"),
        "no pass while MAPI is down"
    );
    assert!(log_text(&lab).contains("MAPI unavailable"));
    ok(
        &mut lab,
        r#"ClearFault(MapiUnavailable(user: "user20", computer: "USER20-PC"))"#,
    );
    assert!(record(&lab, "user20", "user21"), "a pass runs at once");
    let text = error_text(lab.apply(&action(
        r#"ClearFault(MapiUnavailable(user: "user20", computer: "USER20-PC"))"#,
    )));
    assert!(text.contains("no MapiUnavailable fault"), "{text}");
    let text = error_text(lab.apply(&action(
        r#"ClearFault(StuckSync(user: "user20", computer: "USER20-PC"))"#,
    )));
    assert!(text.contains("workaround"), "{text}");
}

// ----- B15: security groups --------------------------------------------------------------------

fn group_lab() -> Lab {
    lab_with(0, |spec| {
        spec.groups.push(GroupSpec {
            id: "assistants".into(),
            name: "Assistants".into(),
            members: vec!["user21".into()],
        })
    })
}

#[test]
fn b15_a_group_delegate_syncs_nothing_but_its_members_get_its_folder_permissions() {
    let mut lab = group_lab();
    run(
        &mut lab,
        r#"
        StartOutlook(user: "user20", computer: "USER20-PC")
        SignIn(user: "user20", computer: "USER20-PC")
        AddDelegate(user: "user20", computer: "USER20-PC", delegate: "assistants")
        "#,
    );
    assert!(!record(&lab, "user20", "assistants"));
    assert!(!record(&lab, "user20", "user21"));
    assert!(log_text(&lab).contains("isn't supported"));
    let (user20, user21) = (
        lab.directory().find_user("user20").unwrap(),
        lab.directory().find_user("user21").unwrap(),
    );
    assert!(lab.calendar_level(user20, user21).can_create());
    run(
        &mut lab,
        r#"
        StartOutlook(user: "user21", computer: "USER21-PC")
        OpenSharedCalendar(user: "user21", computer: "USER21-PC", owner: "user20")
        NewMeeting(user: "user21", computer: "USER21-PC", owner: "user20", subject: "S")
        "#,
    );
    ok(
        &mut lab,
        r#"SendMeeting(user: "user21", computer: "USER21-PC")"#,
    );
    // Other delegates sync as usual (the group breaks only itself).
    ok(
        &mut lab,
        r#"AddDelegate(user: "user20", computer: "USER20-PC", delegate: "administrator")"#,
    );
    assert!(record(&lab, "user20", "administrator"));
}

#[test]
fn b15_a_group_cannot_act_own_a_calendar_or_be_a_call_delegate() {
    let mut lab = group_lab();
    let text = error_text(lab.apply(&action(
        r#"SignIn(user: "assistants", computer: "USER21-PC")"#,
    )));
    assert!(text.contains("security group"), "{text}");
    // Control: a member of the group signs in there.
    ok(&mut lab, r#"SignIn(user: "user21", computer: "USER21-PC")"#);
    ok(
        &mut lab,
        r#"StartOutlook(user: "user21", computer: "USER21-PC")"#,
    );
    let text = error_text(lab.apply(&action(
        r#"OpenSharedCalendar(user: "user21", computer: "USER21-PC", owner: "assistants")"#,
    )));
    assert!(text.contains("is a group, not a person"), "{text}");
    run(
        &mut lab,
        r#"
        Shell(command: "Set-CsUser user20 -EnterpriseVoiceEnabled $True")
        Shell(command: "Set-CsUser user21 -EnterpriseVoiceEnabled $True")
        SignIn(user: "user20", computer: "USER20-PC")
        "#,
    );
    let text = error_text(lab.apply(&action(
        r#"AddCallDelegate(user: "user20", computer: "USER20-PC", delegate: "assistants")"#,
    )));
    assert!(text.contains("isn't supported"), "{text}");
    // Control: a member of the group is taken as a call delegate.
    ok(
        &mut lab,
        r#"AddCallDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")"#,
    );
    assert!(record(&lab, "user20", "user21"));
}

// ----- B16: Lync Basic ---------------------------------------------------------------------------

#[test]
fn b16_lync_basic_has_no_delegate_groups_banners_registry_or_sync() {
    let mut lab = lab_with(0, |spec| {
        spec.computers[1] = ComputerSpec {
            lync_edition: LyncEdition::Basic,
            ..ComputerSpec::from("USER21-PC")
        };
    });
    delegate_to_user21(&mut lab, "user20");
    ok(&mut lab, r#"SignIn(user: "user21", computer: "USER21-PC")"#);
    assert_eq!(
        group(&lab, "user21", "USER21-PC", "People I Manage Calls For"),
        None
    );
    assert!(banners(&lab, "user21", "USER21-PC").is_empty());
    let seat21 = seat(&lab, "user21", "USER21-PC");
    assert!(lab.delegator_lists(seat21).is_none(), "no registry changes");
    assert!(log_text(&lab).contains("Lync Basic does not include any Delegate functionality"));
    // The Lync Meeting add-in on Basic refuses someone else's calendar with B3's text.
    run(
        &mut lab,
        r#"
        StartOutlook(user: "user21", computer: "USER21-PC")
        OpenSharedCalendar(user: "user21", computer: "USER21-PC", owner: "user20")
        NewMeeting(user: "user21", computer: "USER21-PC", owner: "user20", subject: "S")
        "#,
    );
    let text = error_text(lab.apply(&action(
        r#"AddLyncMeeting(user: "user21", computer: "USER21-PC")"#,
    )));
    assert!(text.starts_with("You do not have permissions to schedule Lync Meetings"));
    // The same user on a Full client elsewhere sees it all.
    ok(
        &mut lab,
        r#"SignIn(user: "user21", computer: "USER21-LAPTOP")"#,
    );
    assert_eq!(
        group(&lab, "user21", "USER21-LAPTOP", "People I Manage Calls For"),
        Some(vec!["user20".into()])
    );
}

#[test]
fn b16_a_basic_delegator_runs_no_sync_pass() {
    // Control: on the Full client the same steps write the record (the helper checks it).
    delegate_to_user21(&mut lab_with(0, |_| {}), "user20");
    let mut lab = lab_with(0, |spec| {
        spec.computers[0] = ComputerSpec {
            lync_edition: LyncEdition::Basic,
            ..ComputerSpec::from("USER20-PC")
        };
    });
    run(
        &mut lab,
        r#"
        StartOutlook(user: "user20", computer: "USER20-PC")
        SignIn(user: "user20", computer: "USER20-PC")
        AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")
        "#,
    );
    assert!(!record(&lab, "user20", "user21"));
    assert!(log_text(&lab).contains("Lync Basic 2013"));
}
