//! Model tests for Enterprise Voice call delegation (B12) and the voice-policy half of B5,
//! clause by clause, through `Lab::apply`.

mod common;

use common::*;
use delegate_lab::lab::directory::{LabSpec, User};
use delegate_lab::lab::voice::VoicePolicySpec;
use delegate_lab::lab::{Lab, Outcome, WindowName};

/// Contoso with User20, User21 and the administrator enabled for Enterprise Voice, User22
/// without, and a computer for User22.
fn ev_lab() -> Lab {
    let mut spec = LabSpec::contoso();
    for user in &mut spec.users {
        user.enterprise_voice = true;
    }
    spec.users.push(User {
        id: "user22".into(),
        name: "User22".into(),
        enterprise_voice: false,
    });
    spec.computers.push("USER22-PC".into());
    let mut lab = Lab::new(spec);
    run(
        &mut lab,
        r#"
        SignIn(user: "user20", computer: "USER20-PC")
        SignIn(user: "user21", computer: "USER21-PC")
        SignIn(user: "administrator", computer: "LYNC-FE01")
        "#,
    );
    lab
}

const ADD_USER21: &str =
    r#"AddCallDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")"#;
const CALL_USER20: &str =
    r#"PlaceCall(user: "administrator", computer: "LYNC-FE01", callee: "user20")"#;

/// Lync's reminder message box (titled "Lync", like the main window).
fn reminder() -> WindowName {
    WindowName::new("Lync message box")
}

fn rang(lab: &Lab) -> Vec<String> {
    let dir = lab.directory();
    lab.last_call()
        .expect("a call was placed")
        .users()
        .into_iter()
        .map(|u| dir.id(u).to_owned())
        .collect()
}

fn log_text(lab: &Lab) -> String {
    lab.log().last().unwrap().lines.join("\n")
}

fn shell_action(command: &str) -> delegate_lab::lab::Action {
    delegate_lab::lab::Action::Shell {
        command: command.into(),
    }
}

/// Runs a Management Shell line that may be refused; returns its outcome.
fn shell(lab: &mut Lab, command: &str) -> Outcome {
    lab.apply(&shell_action(command))
}

/// Runs a Management Shell line that must succeed.
fn shell_ok(lab: &mut Lab, command: &str) {
    apply_ok(lab, &shell_action(command));
}

// ----- voice policies and Enterprise Voice are read at sign-in only ------------------------

#[test]
fn b12_enterprise_voice_is_read_at_sign_in_only() {
    let mut lab = Lab::default();
    ok(&mut lab, r#"SignIn(user: "user20", computer: "USER20-PC")"#);
    shell_ok(&mut lab, "Set-CsUser user20 -EnterpriseVoiceEnabled $True");
    // The server says EV; the signed-in client still has no Call Forwarding page.
    let text = error_text(lab.apply(&action(
        r#"SetCallForwarding(user: "user20", computer: "USER20-PC", forwarding: ForwardTo(VoiceMail))"#,
    )));
    assert!(text.contains("has no Call Forwarding page"), "{text}");
    assert!(text.contains("sign out and back in"), "{text}");
    run(
        &mut lab,
        r#"
        SignOut(user: "user20", computer: "USER20-PC")
        SignIn(user: "user20", computer: "USER20-PC")
        "#,
    );
    ok(
        &mut lab,
        r#"SetCallForwarding(user: "user20", computer: "USER20-PC", forwarding: ForwardTo(VoiceMail))"#,
    );
}

#[test]
fn b12_the_voice_policy_is_read_at_sign_in_and_hides_edit_my_delegate_members() {
    let mut lab = ev_lab();
    shell_ok(
        &mut lab,
        "New-CsVoicePolicy NoDelegation -EnableDelegation $False",
    );
    shell_ok(
        &mut lab,
        "Grant-CsVoicePolicy user20 -PolicyName NoDelegation",
    );
    // Still the sign-in reading: delegation allowed.
    ok(&mut lab, ADD_USER21);
    run(
        &mut lab,
        r#"
        SignOut(user: "user20", computer: "USER20-PC")
        SignIn(user: "user20", computer: "USER20-PC")
        "#,
    );
    let text = error_text(lab.apply(&action(
        r#"RemoveCallDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")"#,
    )));
    assert!(
        text.contains("no \"Edit my delegate members\" link"),
        "{text}"
    );
    assert!(text.contains("Tag:NoDelegation"), "{text}");
    // The page itself is still there: forwarding can be set.
    ok(
        &mut lab,
        r#"SetCallForwarding(user: "user20", computer: "USER20-PC", forwarding: Off)"#,
    );
}

#[test]
fn b5_both_policy_flags_are_needed_even_without_enterprise_voice() {
    let mut spec = LabSpec::contoso();
    spec.voice_policies = vec![VoicePolicySpec {
        identity: "Global".into(),
        enable_delegation: false,
    }];
    let mut lab = Lab::new(spec);
    run(
        &mut lab,
        r#"
        Shell(command: "Set-CsClientPolicy Global -EnableExchangeDelegateSync $True")
        StartOutlook(user: "user20", computer: "USER20-PC")
        SignIn(user: "user20", computer: "USER20-PC")
        AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")
        "#,
    );
    assert!(!record(&lab, "user20", "user21"));
    assert!(
        log_text(&lab).contains("EnableDelegation False"),
        "{}",
        log_text(&lab)
    );
    shell_ok(&mut lab, "Set-CsVoicePolicy Global -EnableDelegation $True");
    assert!(!record(&lab, "user20", "user21"), "read at sign-in only");
    run(
        &mut lab,
        r#"
        SignOut(user: "user20", computer: "USER20-PC")
        SignIn(user: "user20", computer: "USER20-PC")
        "#,
    );
    assert!(record(&lab, "user20", "user21"));
}

// ----- the Delegates dialog ------------------------------------------------------------------

#[test]
fn b12_ok_never_enables_for_a_user_without_enterprise_voice() {
    let mut lab = ev_lab();
    let outcome = lab.apply(&action(
        r#"AddCallDelegate(user: "user20", computer: "USER20-PC", delegate: "user22")"#,
    ));
    assert_eq!(outcome, Outcome::NoResponse);
    assert!(log_text(&lab).contains("OK stays disabled for User22"));
    assert!(!record(&lab, "user20", "user22"));
    // The picker checks the server now, not the chosen user's sign-in.
    shell_ok(&mut lab, "Set-CsUser user22 -EnterpriseVoiceEnabled $True");
    ok(
        &mut lab,
        r#"AddCallDelegate(user: "user20", computer: "USER20-PC", delegate: "user22")"#,
    );
    assert!(record(&lab, "user20", "user22"));
}

#[test]
fn b12_records_are_written_and_deleted_at_once_and_groups_follow_live() {
    let mut lab = ev_lab();
    ok(&mut lab, ADD_USER21);
    assert!(record(&lab, "user20", "user21"));
    let (a, b) = (
        seat(&lab, "user20", "USER20-PC").0,
        seat(&lab, "user21", "USER21-PC").0,
    );
    let origin = lab.server().record(a, b).unwrap();
    assert!(
        origin
            .route
            .describe(lab.directory())
            .starts_with("by Call Forwarding"),
        "{:?}",
        origin.route
    );
    assert_eq!(
        group(&lab, "user21", "USER21-PC", "People I Manage Calls For"),
        Some(vec!["user20".into()])
    );
    assert_eq!(
        banners(&lab, "user21", "USER21-PC"),
        vec!["You were added as a delegate for User20"]
    );
    // No Outlook, no MAPI, no client policy was involved; the reminder box is shown.
    let pc = lab.directory().find_computer("USER20-PC").unwrap();
    assert!(lab.find_window(pc, &reminder()).is_some());
    ok(
        &mut lab,
        r#"RemoveCallDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")"#,
    );
    assert!(!record(&lab, "user20", "user21"));
    assert_eq!(
        group(&lab, "user21", "USER21-PC", "People I Manage Calls For"),
        None
    );
    assert_eq!(
        banners(&lab, "user21", "USER21-PC"),
        vec!["You were removed as a delegate for User20"]
    );
}

#[test]
fn b12_no_reminder_when_calls_already_go_to_delegates() {
    let mut lab = ev_lab();
    ok(&mut lab, ADD_USER21);
    ok(
        &mut lab,
        r#"CloseWindow(computer: "USER20-PC", window: "Lync message box")"#,
    );
    ok(
        &mut lab,
        r#"SetCallForwarding(user: "user20", computer: "USER20-PC", forwarding: SimultaneouslyRing(Delegates))"#,
    );
    shell_ok(&mut lab, "Set-CsUser user22 -EnterpriseVoiceEnabled $True");
    ok(
        &mut lab,
        r#"AddCallDelegate(user: "user20", computer: "USER20-PC", delegate: "user22")"#,
    );
    let pc = lab.directory().find_computer("USER20-PC").unwrap();
    assert!(lab.find_window(pc, &reminder()).is_none());
}

#[test]
fn b12_my_delegates_needs_delegates_and_numbers_must_be_numbers() {
    let mut lab = ev_lab();
    let text = error_text(lab.apply(&action(
        r#"SetCallForwarding(user: "user20", computer: "USER20-PC", forwarding: ForwardTo(Delegates))"#,
    )));
    assert!(text.contains("has no delegates yet"), "{text}");
    let text = error_text(lab.apply(&action(
        r#"SetCallForwarding(user: "user20", computer: "USER20-PC", forwarding: SimultaneouslyRing(Number("555")))"#,
    )));
    assert!(text.contains("not a phone number"), "{text}");
    let text = error_text(lab.apply(&action(
        r#"SetDelegateRingDelay(user: "user20", computer: "USER20-PC", seconds: 7)"#,
    )));
    assert!(text.contains("0, 5, 10 or 15"), "{text}");
    // Control: with a delegate, a phone number and a delay the page offers, each is taken.
    run(
        &mut lab,
        &format!(
            r#"
            {ADD_USER21}
            SetCallForwarding(user: "user20", computer: "USER20-PC", forwarding: ForwardTo(Delegates))
            SetCallForwarding(user: "user20", computer: "USER20-PC", forwarding: SimultaneouslyRing(Number("+14255550100")))
            SetDelegateRingDelay(user: "user20", computer: "USER20-PC", seconds: 10)
            "#
        ),
    );
}

// ----- calls: who rings ----------------------------------------------------------------------

#[test]
fn b12_with_forwarding_off_only_the_callee_rings() {
    let mut lab = ev_lab();
    ok(&mut lab, ADD_USER21);
    ok(&mut lab, CALL_USER20);
    assert_eq!(rang(&lab), ["user20"]);
    assert!(log_text(&lab).contains("call forwarding is off"));
    // Control: with simultaneous ring to delegates, the same call rings the delegate too.
    ok(
        &mut lab,
        r#"SetCallForwarding(user: "user20", computer: "USER20-PC", forwarding: SimultaneouslyRing(Delegates))"#,
    );
    ok(&mut lab, CALL_USER20);
    assert_eq!(rang(&lab), ["user20", "user21"]);
}

#[test]
fn b12_simultaneous_ring_rings_callee_and_delegate_after_the_delay() {
    let mut lab = ev_lab();
    run(
        &mut lab,
        &format!(
            r#"
            {ADD_USER21}
            SetCallForwarding(user: "user20", computer: "USER20-PC", forwarding: SimultaneouslyRing(Delegates))
            SetDelegateRingDelay(user: "user20", computer: "USER20-PC", seconds: 10)
            "#
        ),
    );
    ok(&mut lab, CALL_USER20);
    assert_eq!(rang(&lab), ["user20", "user21"]);
    assert!(log_text(&lab).contains("after 10 seconds"));
    // The toast shows on the delegate's desktop while the call rings, and goes at the next action.
    let pc = lab.directory().find_computer("USER21-PC").unwrap();
    assert!(
        lab.window_titles(pc)
            .contains(&"Call for User20".to_owned())
    );
    ok(&mut lab, r#"SignIn(user: "user22", computer: "USER22-PC")"#);
    assert!(
        !lab.window_titles(pc)
            .contains(&"Call for User20".to_owned())
    );
    assert!(lab.ringing_call().is_none());
    assert_eq!(
        rang(&lab),
        ["user20", "user21"],
        "still the previous call's"
    );
}

#[test]
fn b12_forward_to_delegates_rings_only_the_delegates() {
    let mut lab = ev_lab();
    run(
        &mut lab,
        &format!(
            r#"
            {ADD_USER21}
            SetCallForwarding(user: "user20", computer: "USER20-PC", forwarding: ForwardTo(Delegates))
            "#
        ),
    );
    ok(&mut lab, CALL_USER20);
    assert_eq!(rang(&lab), ["user21"]);
}

#[test]
fn b12_receive_calls_off_signed_out_or_not_ev_delegates_do_not_ring_and_the_log_says_why() {
    let mut lab = ev_lab();
    run(
        &mut lab,
        &format!(
            r#"
            {ADD_USER21}
            SetCallForwarding(user: "user20", computer: "USER20-PC", forwarding: SimultaneouslyRing(Delegates))
            SetReceiveCalls(user: "user20", computer: "USER20-PC", delegate: "user21", receive: false)
            "#
        ),
    );
    ok(&mut lab, CALL_USER20);
    assert_eq!(rang(&lab), ["user20"]);
    assert!(
        log_text(&lab).contains(
            "User21 does not ring: Receive Calls is off for User21 in User20's delegates"
        ),
        "{}",
        log_text(&lab)
    );
    // Control: Receive Calls on again, User21 rings.
    ok(
        &mut lab,
        r#"SetReceiveCalls(user: "user20", computer: "USER20-PC", delegate: "user21", receive: true)"#,
    );
    ok(&mut lab, CALL_USER20);
    assert_eq!(rang(&lab), ["user20", "user21"]);
    ok(
        &mut lab,
        r#"SignOut(user: "user21", computer: "USER21-PC")"#,
    );
    ok(&mut lab, CALL_USER20);
    assert_eq!(rang(&lab), ["user20"]);
    assert!(log_text(&lab).contains("not signed in anywhere"));
    // EV taken away on the server: the delegate's next sign-in reads it, and it is not rung.
    shell_ok(&mut lab, "Set-CsUser user21 -EnterpriseVoiceEnabled $False");
    ok(&mut lab, r#"SignIn(user: "user21", computer: "USER21-PC")"#);
    ok(&mut lab, CALL_USER20);
    assert_eq!(rang(&lab), ["user20"]);
    assert!(log_text(&lab).contains("not enabled for Enterprise Voice when that client signed in"));
}

#[test]
fn b12_the_last_delegate_removed_turns_delegate_ringing_off() {
    let mut lab = ev_lab();
    run(
        &mut lab,
        &format!(
            r#"
            {ADD_USER21}
            SetCallForwarding(user: "user20", computer: "USER20-PC", forwarding: ForwardTo(Delegates))
            RemoveCallDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")
            "#
        ),
    );
    assert!(log_text(&lab).contains("ringing to delegates turned off"));
    let user20 = lab.directory().find_user("user20").unwrap();
    assert!(lab.server().call_settings(user20).is_default());
    ok(&mut lab, CALL_USER20);
    assert_eq!(rang(&lab), ["user20"]);
}

#[test]
fn b12_remove_from_group_waits_for_sign_in_then_ringing_goes_off_too() {
    let mut lab = ev_lab();
    run(
        &mut lab,
        &format!(
            r#"
            {ADD_USER21}
            SetCallForwarding(user: "user20", computer: "USER20-PC", forwarding: SimultaneouslyRing(Delegates))
            RemoveFromDelegatesGroup(user: "user20", computer: "USER20-PC", delegate: "user21")
            "#
        ),
    );
    assert!(
        record(&lab, "user20", "user21"),
        "B9: deleted at the next sign-in"
    );
    run(
        &mut lab,
        r#"
        SignOut(user: "user20", computer: "USER20-PC")
        SignIn(user: "user20", computer: "USER20-PC")
        "#,
    );
    assert!(!record(&lab, "user20", "user21"));
    let user20 = lab.directory().find_user("user20").unwrap();
    assert!(
        !lab.server()
            .call_settings(user20)
            .forwarding
            .rings_delegates()
    );
}

#[test]
fn b12_a_non_ev_manager_has_no_call_forwarding_and_calls_just_ring() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        r#"
        SignIn(user: "user20", computer: "USER20-PC")
        SignIn(user: "user21", computer: "USER21-PC")
        "#,
    );
    let text = error_text(lab.apply(&action(ADD_USER21)));
    assert!(text.contains("has no Call Forwarding page"), "{text}");
    ok(
        &mut lab,
        r#"PlaceCall(user: "user21", computer: "USER21-PC", callee: "user20")"#,
    );
    assert_eq!(rang(&lab), ["user20"]);
    // Control: both enabled for Enterprise Voice and User20 signed in again, the page is there.
    shell_ok(&mut lab, "Set-CsUser user20 -EnterpriseVoiceEnabled $True");
    shell_ok(&mut lab, "Set-CsUser user21 -EnterpriseVoiceEnabled $True");
    run(
        &mut lab,
        &format!(
            r#"
            SignOut(user: "user20", computer: "USER20-PC")
            SignIn(user: "user20", computer: "USER20-PC")
            {ADD_USER21}
            "#
        ),
    );
    assert!(record(&lab, "user20", "user21"));
}

// ----- SEFAUtil --------------------------------------------------------------------------------

const SEFA_ADD22: &str =
    "SEFAUtil.exe /server:lync-fe01.contoso.com user20@contoso.com /adddelegate:user22@contoso.com";

fn provision_sefautil(lab: &mut Lab) {
    for command in [
        "New-CsTrustedApplicationPool -Identity sefautil.contoso.com -Registrar lync-fe01.contoso.com -Site Site:1",
        "New-CsTrustedApplication -ApplicationId sefautil -TrustedApplicationPoolFqdn sefautil.contoso.com -Port 7489",
    ] {
        shell_ok(lab, command);
    }
}

#[test]
fn b12_sefautil_works_only_after_its_trusted_application_is_published() {
    let mut lab = ev_lab();
    let text = error_text(shell(&mut lab, SEFA_ADD22));
    assert!(text.contains("trusted application"), "{text}");
    provision_sefautil(&mut lab);
    let text = error_text(shell(&mut lab, SEFA_ADD22));
    assert!(
        text.contains("Enable-CsTopology"),
        "not published yet: {text}"
    );
    shell_ok(&mut lab, "Enable-CsTopology");
    shell_ok(&mut lab, SEFA_ADD22);
    // SEFAUtil prints the delegator's settings after the change.
    let printed = lab.log().last().unwrap().output.clone();
    assert_eq!(
        printed.first().map(String::as_str),
        Some("User Aor: sip:user20@contoso.com"),
        "{printed:?}"
    );
    // Non-EV delegates alike: the record exists, and the groups follow.
    assert!(record(&lab, "user20", "user22"));
    ok(&mut lab, r#"SignIn(user: "user22", computer: "USER22-PC")"#);
    assert_eq!(
        group(&lab, "user22", "USER22-PC", "People I Manage Calls For"),
        Some(vec!["user20".into()])
    );
}

#[test]
fn b12_sefautil_prints_the_documented_settings_and_ringing_switches_need_ev() {
    let mut lab = ev_lab();
    provision_sefautil(&mut lab);
    shell_ok(&mut lab, "Enable-CsTopology");
    shell_ok(
        &mut lab,
        ".\\SEFAUtil.exe /server:lync-fe01.contoso.com sip:user20@contoso.com /adddelegate:user21@contoso.com /simulringdelegates",
    );
    let output = lab.log().last().unwrap().output.clone();
    assert_eq!(
        output,
        [
            "User Aor: sip:user20@contoso.com",
            "Display Name: User20",
            "UM Enabled: True",
            "Simultaneously Ringing Delegates: sip:user21@contoso.com",
        ]
    );
    shell_ok(
        &mut lab,
        "SEFAUtil.exe /server:lync-fe01.contoso.com user20@contoso.com /delayringdelegates:10",
    );
    assert!(lab.log().last().unwrap().output.contains(
        &"Delay Ringing Delegates (delay:10 seconds): sip:user21@contoso.com".to_owned()
    ));
    ok(&mut lab, CALL_USER20);
    assert_eq!(rang(&lab), ["user20", "user21"]);
    // A user without EV: /adddelegate works, ringing switches are refused.
    let text = error_text(shell(
        &mut lab,
        "SEFAUtil.exe /server:lync-fe01.contoso.com user22@contoso.com /fwdtodelegates",
    ));
    assert!(text.contains("not enabled for Enterprise Voice"), "{text}");
    shell_ok(
        &mut lab,
        "SEFAUtil.exe /server:lync-fe01.contoso.com user22@contoso.com /adddelegate:user21@contoso.com",
    );
    // The last delegate removed by SEFAUtil turns delegate ringing off, as documented.
    shell_ok(
        &mut lab,
        "SEFAUtil.exe /server:lync-fe01.contoso.com user20@contoso.com /removedelegate:user21@contoso.com",
    );
    let output = lab.log().last().unwrap().output.clone();
    assert!(
        output.contains(&"Call Forward No Answer to: voicemail".to_owned()),
        "{output:?}"
    );
    // Unknown switches get the usage text.
    let text = error_text(shell(
        &mut lab,
        "SEFAUtil.exe /server:lync-fe01.contoso.com user20@contoso.com /delegateringing",
    ));
    assert!(text.contains("/delegateringing"), "{text}");
}

#[test]
fn b11_voice_policy_cmdlets_print_and_change_the_documented_properties() {
    let mut lab = Lab::default();
    shell_ok(&mut lab, "Get-CsVoicePolicy");
    let output = lab.log().last().unwrap().output.clone();
    assert!(
        output.contains(&"Identity                            : Global".to_owned()),
        "{output:#?}"
    );
    assert!(output.contains(&"EnableDelegation                    : True".to_owned()));
    shell_ok(
        &mut lab,
        "Set-CsVoicePolicy -EnableDelegation $False -AllowSimulRing $False",
    );
    shell_ok(&mut lab, "Get-CsVoicePolicy Global");
    let output = lab.log().last().unwrap().output.clone();
    assert!(output.contains(&"EnableDelegation                    : False".to_owned()));
    assert!(output.contains(&"AllowSimulRing                      : False".to_owned()));
    let text = error_text(shell(
        &mut lab,
        "Set-CsVoicePolicy -EnableDelegatio $True -Foo 1",
    ));
    assert!(text.contains("'Foo'"), "{text}");
    shell_ok(
        &mut lab,
        "Set-CsUser user20 -EnterpriseVoiceEnabled $True -LineURI tel:+14255550120",
    );
    shell_ok(&mut lab, "Get-CsUser user20");
    let output = lab.log().last().unwrap().output.join("\n");
    assert!(
        output.contains("LineURI                : tel:+14255550120"),
        "{output}"
    );
    assert!(output.contains("EnterpriseVoiceEnabled : True"), "{output}");
    let text = error_text(shell(&mut lab, "Set-CsUser user20 -LineURI 4255550120"));
    assert!(text.contains("not a valid LineURI"), "{text}");
}

// ----- found in review -------------------------------------------------------------------------

#[test]
fn b12_the_caller_is_never_rung_for_their_own_call() {
    let mut lab = ev_lab();
    run(
        &mut lab,
        &format!(
            r#"
            {ADD_USER21}
            SetCallForwarding(user: "user20", computer: "USER20-PC", forwarding: ForwardTo(Delegates))
            "#
        ),
    );
    ok(
        &mut lab,
        r#"PlaceCall(user: "user21", computer: "USER21-PC", callee: "user20")"#,
    );
    assert!(rang(&lab).is_empty(), "{:?}", rang(&lab));
    assert!(log_text(&lab).contains("User21 is the one calling"));
    // Control: someone else calling User20 rings User21.
    ok(&mut lab, CALL_USER20);
    assert_eq!(rang(&lab), ["user21"]);
}

#[test]
fn b12_enable_delegation_false_stops_delegate_ringing_and_my_delegates() {
    let mut lab = ev_lab();
    run(
        &mut lab,
        &format!(
            r#"
            {ADD_USER21}
            SetCallForwarding(user: "user20", computer: "USER20-PC", forwarding: SimultaneouslyRing(Delegates))
            "#
        ),
    );
    // Control: before the policy change the delegate rings.
    ok(&mut lab, CALL_USER20);
    assert_eq!(rang(&lab), ["user20", "user21"]);
    shell_ok(
        &mut lab,
        "Set-CsVoicePolicy Global -EnableDelegation $False",
    );
    ok(&mut lab, CALL_USER20);
    assert_eq!(rang(&lab), ["user20"]);
    assert!(log_text(&lab).contains("disables call delegation"));
    run(
        &mut lab,
        r#"
        SignOut(user: "user20", computer: "USER20-PC")
        SignIn(user: "user20", computer: "USER20-PC")
        "#,
    );
    let text = error_text(lab.apply(&action(
        r#"SetCallForwarding(user: "user20", computer: "USER20-PC", forwarding: ForwardTo(Delegates))"#,
    )));
    assert!(text.contains("EnableDelegation False"), "{text}");
}

#[test]
fn b12_a_refused_call_leaves_no_previous_call_to_ring() {
    let mut lab = ev_lab();
    ok(&mut lab, CALL_USER20);
    assert_eq!(rang(&lab), ["user20"]);
    let text = error_text(lab.apply(&action(
        r#"PlaceCall(user: "user21", computer: "USER21-PC", callee: "user21")"#,
    )));
    assert!(text.contains("cannot call yourself"));
    assert!(lab.last_call().is_none());
}

#[test]
fn b12_the_delegates_verbs_are_confirmed_with_ok_and_close_the_dialog() {
    let mut lab = ev_lab();
    run(
        &mut lab,
        r#"
        OpenWindow(computer: "USER20-PC", window: "Lync - Options")
        OpenWindow(computer: "USER20-PC", window: "Call Forwarding - Delegates")
        OpenWindow(computer: "USER20-PC", window: "Choose a Delegate")
        "#,
    );
    let pc = lab.directory().find_computer("USER20-PC").unwrap();
    assert!(
        lab.find_window(pc, &WindowName::new("Choose a Delegate"))
            .is_some()
    );
    ok(&mut lab, ADD_USER21);
    for gone in ["Choose a Delegate", "Call Forwarding - Delegates"] {
        assert!(
            lab.find_window(pc, &WindowName::new(gone)).is_none(),
            "{gone}"
        );
    }
    assert!(
        lab.find_window(pc, &WindowName::new("Lync - Options"))
            .is_some()
    );
    assert!(lab.find_window(pc, &reminder()).is_some());
}

#[test]
fn b12_every_ok_of_the_delegates_dialog_reminds_while_calls_do_not_reach_the_delegates() {
    let mut lab = ev_lab();
    ok(&mut lab, ADD_USER21);
    ok(
        &mut lab,
        r#"CloseWindow(computer: "USER20-PC", window: "Lync message box")"#,
    );
    // Receive Calls changed with OK: delegates still exist and calls still ring only User20.
    ok(
        &mut lab,
        r#"SetReceiveCalls(user: "user20", computer: "USER20-PC", delegate: "user21", receive: false)"#,
    );
    let pc = lab.directory().find_computer("USER20-PC").unwrap();
    assert!(lab.find_window(pc, &reminder()).is_some());
    ok(
        &mut lab,
        r#"CloseWindow(computer: "USER20-PC", window: "Lync message box")"#,
    );
    // With no delegate left there is nothing to remind of.
    ok(
        &mut lab,
        r#"RemoveCallDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")"#,
    );
    assert!(lab.find_window(pc, &reminder()).is_none());
}
