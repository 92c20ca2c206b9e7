//! The Lync Server Management Shell (B11): real cmdlet syntax, PowerShell's output and errors,
//! and odd input that must never break the lab.

mod common;

use delegate_lab::lab::{Action, Lab, Outcome};

/// Runs a line; returns the outcome and what the console printed.
fn shell(lab: &mut Lab, command: &str) -> (Outcome, Vec<String>) {
    let outcome = lab.apply(&Action::Shell {
        command: command.to_owned(),
    });
    let entry = lab.shell_history().last().expect("every line is recorded");
    assert_eq!(entry.command, command);
    (
        outcome,
        entry.lines.iter().map(|l| l.text.clone()).collect(),
    )
}

/// Runs a line that must succeed; returns what the console printed.
fn shell_ok(lab: &mut Lab, command: &str) -> Vec<String> {
    let (outcome, output) = shell(lab, command);
    assert_eq!(outcome, Outcome::Ok, "{command}: {output:#?}");
    output
}

fn global_sync(lab: &Lab) -> Option<bool> {
    lab.server()
        .policy("Global")
        .unwrap()
        .enable_exchange_delegate_sync
}

#[test]
fn the_articles_command_with_its_en_dash_sets_the_global_policy() {
    let mut lab = Lab::default();
    let (outcome, output) = shell(
        &mut lab,
        "Set-CsClientPolicy Global –EnableExchangeDelegateSync $True",
    );
    assert_eq!(outcome, Outcome::Ok);
    assert!(output.is_empty(), "Set-* prints nothing: {output:?}");
    assert_eq!(global_sync(&lab), Some(true));
}

#[test]
fn parameters_are_case_insensitive_shortened_and_take_every_boolean_spelling() {
    let mut lab = Lab::default();
    for (line, expected) in [
        (
            "set-csclientpolicy -identity global -enableexchangedelegatesync $false",
            Some(false),
        ),
        // Shortened while unambiguous (`-EnableEx` is not: -EnableExchangeContactSync too).
        ("Set-CsClientPolicy -EnableExchangeD 1", Some(true)),
        (
            "Set-CsClientPolicy -Identity Global -EnableExchangeDelegateSync:0",
            Some(false),
        ),
        (
            "Set-CsClientPolicy —EnableExchangeDelegateSync $TRUE",
            Some(true),
        ),
        ("Set-CsClientPolicy -EnableExchangeDelegateSync $null", None),
    ] {
        let (outcome, output) = shell(&mut lab, line);
        assert_eq!(outcome, Outcome::Ok, "{line}: {output:?}");
        assert_eq!(global_sync(&lab), expected, "{line}");
    }
}

/// Every property of Lync Server 2013's client policy, in the order W12 gives.
const CLIENT_POLICY_PROPERTIES: [&str; 76] = [
    "Identity",
    "PolicyEntry",
    "Description",
    "AddressBookAvailability",
    "AttendantSafeTransfer",
    "AutoDiscoveryRetryInterval",
    "BlockConversationFromFederatedContacts",
    "CalendarStatePublicationInterval",
    "ConferenceIMIdleTimeout",
    "CustomizedHelpUrl",
    "CustomLinkInErrorMessages",
    "CustomStateUrl",
    "DGRefreshInterval",
    "DisableCalendarPresence",
    "DisableContactCardOrganizationTab",
    "DisableEmailComparisonCheck",
    "DisableEmoticons",
    "DisableFederatedPromptDisplayName",
    "DisableFeedsTab",
    "DisableFreeBusyInfo",
    "DisableHandsetOnLockedMachine",
    "DisableHtmlIm",
    "DisableInkIM",
    "DisableMeetingSubjectAndLocation",
    "DisableOneNote12Integration",
    "DisableOnlineContextualSearch",
    "DisablePhonePresence",
    "DisablePICPromptDisplayName",
    "DisablePoorDeviceWarnings",
    "DisablePoorNetworkWarnings",
    "DisablePresenceNote",
    "DisableRTFIM",
    "DisableSavingIM",
    "DisplayPhoto",
    "EnableAppearOffline",
    "EnableCallLogAutoArchiving",
    "EnableClientMusicOnHold",
    "EnableConversationWindowTabs",
    "EnableEnterpriseCustomizedHelp",
    "EnableEventLogging",
    "EnableExchangeContactSync",
    "EnableExchangeDelegateSync",
    "EnableFullScreenVideo",
    "EnableHighPerformanceConferencingAppSharing",
    "EnableHighPerformanceP2PAppSharing",
    "EnableHotdesking",
    "EnableIMAutoArchiving",
    "EnableMediaRedirection",
    "EnableNotificationForNewSubscribers",
    "EnableSQMData",
    "EnableTracing",
    "EnableUnencryptedFileTransfer",
    "EnableURL",
    "EnableVOIPCallDefault",
    "ExcludedContactFolders",
    "HelpEnvironment",
    "HotdeskingTimeout",
    "IMWarning",
    "MAPIPollInterval",
    "MaximumDGsAllowedInContactList",
    "MaximumNumberOfContacts",
    "MaxPhotoSizeKB",
    "MusicOnHoldAudioFile",
    "P2PAppSharingEncryption",
    "PlayAbbreviatedDialTone",
    "SearchPrefixFlags",
    "ShowManagePrivacyRelationships",
    "ShowRecentContacts",
    "ShowSharepointPhotoEditLink",
    "SPSearchCenterExternalURL",
    "SPSearchCenterInternalURL",
    "SPSearchExternalURL",
    "SPSearchInternalURL",
    "TabURL",
    "TracingLevel",
    "WebServicePollInterval",
];

/// `Name : Value` as PowerShell's list format prints a client policy: names padded to the
/// longest, EnableHighPerformanceConferencingAppSharing (43 characters); nothing after the
/// colon for an empty value.
fn policy_line(name: &str, value: &str) -> String {
    format!("{name:<43} : {value}").trim_end().to_owned()
}

#[test]
fn get_cs_client_policy_prints_every_property_in_order_unset_ones_empty() {
    let mut lab = Lab::default();
    shell_ok(
        &mut lab,
        "Set-CsClientPolicy -Identity Global -EnableExchangeDelegateSync $True",
    );
    let (outcome, output) = shell(&mut lab, "Get-CsClientPolicy Global");
    assert_eq!(outcome, Outcome::Ok);
    let mut expected = vec![String::new()];
    expected.extend(CLIENT_POLICY_PROPERTIES.iter().map(|&name| {
        let value = match name {
            "Identity" => "Global",
            "PolicyEntry" => "{}",
            "EnableExchangeDelegateSync" => "True",
            // Microsoft documents these defaults; every other property is not set.
            "EnableClientMusicOnHold" | "EnableHighPerformanceP2PAppSharing" => "False",
            "HotdeskingTimeout" => "00:05:00",
            _ => "",
        };
        policy_line(name, value)
    }));
    expected.push(String::new());
    assert_eq!(output, expected);
    assert_eq!(
        output[1],
        "Identity                                    : Global"
    );
    assert_eq!(output[44], "EnableHighPerformanceConferencingAppSharing :");
}

#[test]
fn other_client_policy_properties_are_kept_and_printed() {
    let mut lab = Lab::default();
    // A customer's command may set more than delegate sync; it runs as it did for them.
    let (outcome, output) = shell(
        &mut lab,
        "Set-CsClientPolicy Global -EnableExchangeDelegateSync $true -DisableEmoticons $True -TabURL https://intranet/tabs.xml",
    );
    assert_eq!(outcome, Outcome::Ok, "{output:?}");
    assert_eq!(global_sync(&lab), Some(true));
    let output = shell_ok(&mut lab, "Get-CsClientPolicy");
    assert!(output.contains(&policy_line("DisableEmoticons", "True")));
    assert!(output.contains(&policy_line("TabURL", "https://intranet/tabs.xml")));
    // $null unsets; a documented default shows again.
    shell_ok(
        &mut lab,
        "Set-CsClientPolicy -DisableEmoticons $null -EnableClientMusicOnHold $true",
    );
    let output = shell_ok(&mut lab, "Get-CsClientPolicy Global");
    assert!(output.contains(&policy_line("DisableEmoticons", "")));
    assert!(output.contains(&policy_line("EnableClientMusicOnHold", "True")));
    shell_ok(
        &mut lab,
        "Set-CsClientPolicy -EnableClientMusicOnHold $null",
    );
    let output = shell_ok(&mut lab, "Get-CsClientPolicy Global");
    assert!(output.contains(&policy_line("EnableClientMusicOnHold", "False")));
    // A Boolean property takes Booleans only, as in PowerShell.
    let (text, _) = error_of(&mut lab, "Set-CsClientPolicy -DisableEmoticons maybe");
    assert!(text.contains("Cannot convert value \"maybe\""), "{text}");
}

#[test]
fn an_ambiguous_shortened_parameter_gets_powershells_error() {
    let mut lab = Lab::default();
    let line = "Set-CsClientPolicy -Enable $True";
    let (text, output) = error_of(&mut lab, line);
    let message = "Parameter cannot be processed because the parameter name 'Enable' is ambiguous. Possible matches include: -EnableAppearOffline -EnableCallLogAutoArchiving -EnableClientMusicOnHold -EnableConversationWindowTabs -EnableEnterpriseCustomizedHelp -EnableEventLogging -EnableExchangeContactSync -EnableExchangeDelegateSync -EnableFullScreenVideo -EnableHighPerformanceConferencingAppSharing -EnableHighPerformanceP2PAppSharing -EnableHotdesking -EnableIMAutoArchiving -EnableMediaRedirection -EnableNotificationForNewSubscribers -EnableSQMData -EnableTracing -EnableUnencryptedFileTransfer -EnableURL -EnableVOIPCallDefault.";
    assert_eq!(text, message);
    assert_eq!(
        output,
        vec![
            format!("Set-CsClientPolicy : {message}"),
            "At line:1 char:20".to_owned(),
            format!("+ {line}"),
            "+                    ~~~~~~~".to_owned(),
            "    + CategoryInfo          : InvalidArgument: (:) [Set-CsClientPolicy], ParameterBindingException".to_owned(),
            "    + FullyQualifiedErrorId : AmbiguousParameter,Set-CsClientPolicy".to_owned(),
        ]
    );
    // Nothing was set, and a prefix that names one parameter still works.
    assert_eq!(global_sync(&lab), None);
    let (text, _) = error_of(&mut lab, "Set-CsClientPolicy -EnableEx $True");
    assert!(
        text.ends_with(
            "Possible matches include: -EnableExchangeContactSync -EnableExchangeDelegateSync."
        ),
        "{text}"
    );
    let (outcome, _) = shell(&mut lab, "Set-CsClientPolicy -EnableExchangeDel $True");
    assert_eq!(outcome, Outcome::Ok);
    assert_eq!(global_sync(&lab), Some(true));
}

#[test]
fn tag_policies_are_created_granted_listed_and_removed() {
    let mut lab = Lab::default();
    let (outcome, output) = shell(
        &mut lab,
        "New-CsClientPolicy -Identity \"Delegation Sync\" -EnableExchangeDelegateSync $true",
    );
    assert_eq!(outcome, Outcome::Ok, "{output:?}");
    assert!(output.contains(&policy_line("Identity", "Tag:Delegation Sync")));
    // Users by SIP URI, e-mail address or display name; policies by Tag:Name or Name.
    for user in [
        "sip:user20@contoso.com",
        "user21@contoso.com",
        "Administrator",
    ] {
        let (outcome, output) = shell(
            &mut lab,
            &format!("Grant-CsClientPolicy -Identity {user} -PolicyName 'Tag:Delegation Sync'"),
        );
        assert_eq!(outcome, Outcome::Ok, "{user}: {output:?}");
    }
    let user20 = lab.directory().find_user("user20").unwrap();
    assert_eq!(
        lab.server().effective_policy(user20).identity,
        "Tag:Delegation Sync"
    );
    let output = shell_ok(&mut lab, "Get-CsUser user20");
    assert!(
        output.contains(&"ClientPolicy           : Delegation Sync".to_owned()),
        "{output:?}"
    );
    assert!(output.contains(&"SipAddress             : sip:user20@contoso.com".to_owned()));
    // Granting $null falls back to Global.
    shell_ok(&mut lab, "Grant-CsClientPolicy user20 -PolicyName $null");
    assert_eq!(lab.server().effective_policy(user20).identity, "Global");
    // Removing the policy ungrants it.
    let (outcome, _) = shell(&mut lab, "Remove-CsClientPolicy 'Delegation Sync'");
    assert_eq!(outcome, Outcome::Ok);
    let user21 = lab.directory().find_user("user21").unwrap();
    assert_eq!(lab.server().effective_policy(user21).identity, "Global");
    assert!(lab.server().policy("Tag:Delegation Sync").is_none());
}

#[test]
fn removing_global_resets_it_and_pipelines_bind_identity() {
    let mut lab = Lab::default();
    shell_ok(
        &mut lab,
        "Set-CsClientPolicy -EnableExchangeDelegateSync $true",
    );
    let (outcome, _) = shell(&mut lab, "Remove-CsClientPolicy -Identity Global");
    assert_eq!(outcome, Outcome::Ok);
    assert_eq!(global_sync(&lab), None);
    let output = shell_ok(
        &mut lab,
        "New-CsClientPolicy Sync -EnableExchangeDelegateSync $true | Out-Null",
    );
    assert!(output.is_empty());
    assert!(lab.server().policy("Tag:Sync").is_some());
    // An unknown command anywhere in a pipeline stops it before anything runs.
    let (outcome, _) = shell(&mut lab, "Remove-CsClientPolicy Sync | Foo");
    assert!(matches!(outcome, Outcome::Error { .. }));
    assert!(lab.server().policy("Tag:Sync").is_some());
    let (outcome, output) = shell(
        &mut lab,
        "Get-CsUser | Grant-CsClientPolicy -PolicyName Sync",
    );
    assert_eq!(outcome, Outcome::Ok, "{output:?}");
    for (u, _) in lab.directory().users() {
        assert_eq!(lab.server().effective_policy(u).identity, "Tag:Sync");
    }
    let output = shell_ok(
        &mut lab,
        "Get-CsClientPolicy | fl; Get-CsUser administrator",
    );
    assert_eq!(
        output.iter().filter(|l| l.starts_with("Identity")).count(),
        3
    );
}

#[test]
fn set_cs_user_switches_enterprise_voice_and_what_if_changes_nothing() {
    let mut lab = Lab::default();
    let user20 = lab.directory().find_user("user20").unwrap();
    let output = shell_ok(
        &mut lab,
        "Set-CsUser user20 -EnterpriseVoiceEnabled $true -WhatIf",
    );
    assert!(output[0].starts_with("What if:"), "{output:?}");
    assert!(!lab.directory().user(user20).enterprise_voice);
    shell_ok(
        &mut lab,
        "Set-CsUser -Identity \"User20\" -EnterpriseVoiceEnabled $true",
    );
    assert!(lab.directory().user(user20).enterprise_voice);
}

fn error_of(lab: &mut Lab, line: &str) -> (String, Vec<String>) {
    let (outcome, output) = shell(lab, line);
    match outcome {
        Outcome::Error { text } => (text, output),
        other => panic!("{line}: expected an error, got {other:?} {output:?}"),
    }
}

#[test]
fn errors_use_powershells_wording_and_layout() {
    let mut lab = Lab::default();
    let (text, output) = error_of(&mut lab, "Foo -Bar");
    assert_eq!(
        text,
        "The term 'Foo' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again."
    );
    assert_eq!(output[0], format!("Foo : {text}"));
    assert_eq!(&output[1..4], ["At line:1 char:1", "+ Foo -Bar", "+ ~~~"]);
    assert!(output[5].contains("CommandNotFoundException"));

    let (text, _) = error_of(&mut lab, "Set-CsClientPolicy -Foo 1");
    assert_eq!(
        text,
        "A parameter cannot be found that matches parameter name 'Foo'."
    );
    let (text, _) = error_of(&mut lab, "Set-CsClientPolicy -E $true");
    assert!(text.contains("is ambiguous"), "{text}");
    let (text, _) = error_of(
        &mut lab,
        "Set-CsClientPolicy -EnableExchangeDelegateSync yes",
    );
    assert!(text.contains(
        "Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0."
    ));
    let (text, _) = error_of(&mut lab, "Set-CsClientPolicy -EnableExchangeDelegateSync");
    assert!(text.starts_with("Missing an argument for parameter 'EnableExchangeDelegateSync'"));
    let (text, _) = error_of(&mut lab, "Get-CsUser nobody");
    assert_eq!(text, "Management object not found for identity \"nobody\".");
    let (text, _) = error_of(&mut lab, "Get-CsClientPolicy Tag:Missing");
    assert!(text.contains("\"Tag:Missing\" because it does not exist"));
    let (text, _) = error_of(&mut lab, "Grant-CsClientPolicy");
    assert!(
        text.contains("missing mandatory parameters: Identity"),
        "{text}"
    );
    let (text, _) = error_of(&mut lab, "Get-CsUser a b");
    assert_eq!(
        text,
        "A positional parameter cannot be found that accepts argument 'b'."
    );
    let (text, _) = error_of(
        &mut lab,
        "Set-CsClientPolicy -Identity Global -Identity Global",
    );
    assert!(text.contains("specified more than once"));
    let (text, _) = error_of(&mut lab, "New-CsClientPolicy Global");
    assert!(text.contains("already exists"));
    let (text, _) = error_of(&mut lab, "Grant-CsClientPolicy user20 -PolicyName Global");
    assert!(text.contains("cannot be granted"));
    // Nothing changed through all of that; control: the right line changes it.
    assert_eq!(global_sync(&lab), None);
    shell_ok(
        &mut lab,
        "Set-CsClientPolicy -EnableExchangeDelegateSync $true",
    );
    assert_eq!(global_sync(&lab), Some(true));
}

#[test]
fn odd_input_always_gets_an_answer() {
    let mut lab = Lab::default();
    let long = format!("Get-CsUser {}", "x".repeat(100_000));
    let odd = [
        "",
        "   ",
        "# just a comment",
        "Get-CsUser \"user20",
        "Set-CsClientPolicy 'Global",
        "\u{0}\u{1}\u{7f}Get-CsUser\u{1b}[31m",
        "|",
        "Get-CsUser |",
        "| Get-CsUser",
        ";;;",
        "-",
        "–",
        "-EnableExchangeDelegateSync $true",
        "$true",
        "$",
        "`",
        "Get-CsUser `",
        "Get-CsUser -Identity:",
        "Get-CsUser -Identity:'",
        "Set-CsClientPolicy -EnableExchangeDelegateSync 1e400",
        "Set-CsClientPolicy -EnableExchangeDelegateSync NaN",
        "Grant-CsClientPolicy \u{202e}user20 -PolicyName x",
        "ÄÖÜ ß 漢字 🙂",
        long.as_str(),
    ];
    for line in odd {
        let (outcome, output) = shell(&mut lab, line);
        if line.contains("\"user20") || line.contains("'Global") {
            let Outcome::Error { text } = &outcome else {
                panic!("{line}")
            };
            assert!(
                text.starts_with("The string is missing the terminator"),
                "{text}"
            );
        }
        if let Outcome::Error { text } = outcome {
            assert!(!text.is_empty());
            assert!(!output.is_empty(), "an error is printed: {line:?}");
        }
    }
    assert_eq!(lab.shell_history().len(), odd.len());
    assert_eq!(global_sync(&lab), None);
    // Control: the console still works after all of it.
    shell_ok(
        &mut lab,
        "Set-CsClientPolicy -EnableExchangeDelegateSync $true",
    );
    assert_eq!(global_sync(&lab), Some(true));
}

#[test]
fn a_policy_change_logs_which_clients_wait_for_their_next_sign_in() {
    let mut lab = Lab::default();
    common::ok(&mut lab, r#"SignIn(user: "user20", computer: "USER20-PC")"#);
    shell_ok(
        &mut lab,
        "Set-CsClientPolicy -EnableExchangeDelegateSync $true",
    );
    let lines = &lab.log().last().unwrap().lines;
    assert!(
        lines
            .iter()
            .any(|l| l.contains("until they sign out and back in")
                && l.contains("User20 on USER20-PC")),
        "{lines:?}"
    );
}

/// Lines a console entry takes: its prompt line and what it printed.
fn console_lines(lab: &Lab) -> usize {
    lab.shell_history().iter().map(|e| 1 + e.lines.len()).sum()
}

/// Issue 25: every printout was kept forever — 100,000 Get-CsClientPolicy took 2.3 GB. The
/// console keeps a scrollback, as a real one does, and says how much earlier output went.
#[test]
fn the_console_keeps_its_last_lines_and_counts_what_went() {
    use delegate_lab::lab::SHELL_SCROLLBACK;
    let mut lab = Lab::default();
    let printed = shell_ok(&mut lab, "Get-CsClientPolicy").len() + 1;
    // Control: under the scrollback nothing goes, and the lab is as it was under rules 6.
    let fit = SHELL_SCROLLBACK / printed;
    for _ in 1..fit {
        shell_ok(&mut lab, "Get-CsClientPolicy");
    }
    assert_eq!(lab.shell_history().len(), fit);
    assert_eq!(lab.shell_dropped_lines(), 0);
    assert!(lab.state_as_under(6));
    // Past it, the oldest commands go whole; the newest are kept; what went is counted.
    shell_ok(
        &mut lab,
        "Set-CsClientPolicy -EnableExchangeDelegateSync $true",
    );
    let runs = 3 * fit;
    for _ in 0..runs {
        shell_ok(&mut lab, "Get-CsClientPolicy");
    }
    let kept = console_lines(&lab);
    assert!(
        kept <= SHELL_SCROLLBACK && kept + printed > SHELL_SCROLLBACK,
        "{kept}"
    );
    assert_eq!(lab.shell_history().len(), SHELL_SCROLLBACK / printed);
    let all = (fit + runs) * printed + 1;
    assert_eq!(lab.shell_dropped_lines() as usize, all - kept);
    assert!(
        lab.shell_history()
            .iter()
            .all(|e| e.command == "Get-CsClientPolicy")
    );
    assert!(
        !lab.state_as_under(6),
        "a lab under rules 6 kept everything"
    );
    // The lab itself is unchanged by what its console let go.
    assert_eq!(global_sync(&lab), Some(true));
    let last = shell_ok(&mut lab, "Get-CsClientPolicy");
    assert!(
        last.iter()
            .any(|l| l.contains("EnableExchangeDelegateSync") && l.contains("True"))
    );
}

/// The event log keeps its newest entries, by the lines they hold, and can say which went.
#[test]
fn the_event_log_keeps_its_newest_lines_and_finds_kept_entries_by_number() {
    use delegate_lab::lab::LOG_KEPT_LINES;
    let lines = |lab: &Lab| -> usize {
        lab.log()
            .iter()
            .map(|e| 2 + e.lines.len() + e.output.len())
            .sum()
    };
    let mut lab = Lab::default();
    shell_ok(&mut lab, "Get-CsClientPolicy");
    let each = lines(&lab);
    let fit = LOG_KEPT_LINES / each;
    for _ in 1..fit {
        shell_ok(&mut lab, "Get-CsClientPolicy");
    }
    // Control: everything kept while it fits.
    assert_eq!((lab.log().len(), lab.log_dropped()), (fit, 0));
    assert_eq!(lab.logged(1).map(|e| e.number), Some(1));
    for _ in 0..fit / 2 {
        shell_ok(&mut lab, "Get-CsClientPolicy");
    }
    let steps = lab.steps();
    assert!(lines(&lab) <= LOG_KEPT_LINES);
    assert_eq!(lab.log().len(), fit);
    assert_eq!(lab.log_dropped(), u64::from(steps) - fit as u64);
    assert!(lab.logged(1).is_none(), "the first entries went");
    let first = lab.log_dropped() as u32 + 1;
    assert_eq!(lab.logged(first).map(|e| e.number), Some(first));
    assert_eq!(lab.logged(steps).map(|e| e.number), Some(steps));
    assert!(lab.logged(steps + 1).is_none());
    assert_eq!(lab.last_entry().map(|e| e.number), Some(steps));
}
