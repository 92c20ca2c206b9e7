use super::*;

fn err(source: &str) -> (usize, usize, String) {
    match parse(source) {
        Err(ScenarioError::Invalid {
            line,
            column,
            message,
            ..
        }) => (line, column, message),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn the_spec_example_parses_on_the_default_lab() {
    let text = r#"Scenario(
    title: "Delegates without Enterprise Voice",
    steps: [
        StartOutlook(user: "user20", computer: "USER20-PC"),
        AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21"),
        Capture(name: "figure-1", computer: "USER20-PC", window: Some("Delegates")),
        ExpectOk,
        ExpectError(contains: "You do not have permissions to schedule Lync Meetings"),
        Shell(command: "Set-CsClientPolicy Global –EnableExchangeDelegateSync $True"),
        ExpectGroup(user: "user21", computer: "USER21-PC", group: "People I Manage Calls For", members: ["user20"]),
    ],
)"#;
    let scenario = parse(text).unwrap();
    assert_eq!(scenario.steps.len(), 7);
    assert!(scenario.lab.is_none());
    assert_eq!(scenario.lab_spec(), LabSpec::contoso());
}

#[test]
fn a_lab_may_be_given_with_or_without_some() {
    for lab in [
        r#"Lab(domain: "fabrikam.com", users: [User(id: "boss", name: "Boss", enterprise_voice: false), User(id: "pa", name: "PA")], computers: ["BOSS-PC"], client_policies: [ClientPolicy(identity: "Global", enable_exchange_delegate_sync: Some(true))])"#,
        r#"Some(Lab(domain: "fabrikam.com", users: [User(id: "boss", name: "Boss"), User(id: "pa", name: "PA")], computers: ["BOSS-PC"], client_policies: [ClientPolicy(identity: "Global", enable_exchange_delegate_sync: true)]))"#,
    ] {
        let text = format!(
            "Scenario(title: \"f\", lab: {lab}, steps: [SignIn(user: \"boss\", computer: \"BOSS-PC\")])"
        );
        let scenario = parse(&text).unwrap();
        let spec = scenario.lab_spec();
        assert_eq!(spec.domain, "fabrikam.com");
        assert_eq!(
            spec.client_policies[0].enable_exchange_delegate_sync,
            Some(true)
        );
    }
}

#[test]
fn unknown_users_and_computers_are_refused_at_their_line_and_column() {
    let text = "Scenario(\n    title: \"t\",\n    steps: [\n        SignIn(user: \"user20\", computer: \"USER20-PC\"),\n        AddDelegate(user: \"user20\", computer: \"USER20-PC\", delegate: \"user99\"),\n    ],\n)";
    let (line, column, message) = err(text);
    assert_eq!((line, column), (5, 70));
    assert!(message.contains("unknown user \"user99\""), "{message}");
    assert!(message.contains("step 2"), "{message}");

    let text = "Scenario(title: \"t\", steps: [\n  ExpectGroup(user: \"user21\", computer: \"USER21-PC\", group: \"Delegates\", members: [\"user20\", \"ghost\"]),\n  Reboot(computer: \"USER22-PC\"),\n])";
    let (line, column, message) = err(text);
    assert_eq!((line, column), (2, 94));
    assert!(message.contains("\"ghost\""));

    let text = "Scenario(title: \"t\", steps: [\n  Reboot(computer: \"USER22-PC\"),\n])";
    let (line, column, message) = err(text);
    assert_eq!((line, column), (2, 20));
    assert!(message.contains("unknown computer \"USER22-PC\""));
}

#[test]
fn unknown_verbs_fields_groups_and_values_are_refused() {
    let (line, _, message) =
        err("Scenario(title: \"t\", steps: [\n  ExpectOk,\n  Dance(user: \"user20\"),\n])");
    assert_eq!(line, 3);
    assert!(message.contains("Dance"), "{message}");

    let (line, _, message) = err(
        "Scenario(title: \"t\", steps: [\n  SignIn(usr: \"user20\", computer: \"USER20-PC\"),\n])",
    );
    assert_eq!(line, 2);
    assert!(message.contains("usr"), "{message}");

    let (_, _, message) = err(
        "Scenario(title: \"t\", steps: [ExpectNoGroup(user: \"user20\", computer: \"USER20-PC\", group: \"Friends\")])",
    );
    assert!(message.contains("unknown contact-list group \"Friends\""));

    let (_, column, message) = err(
        "Scenario(title: \"t\", steps: [ExpectRegistry(user: \"user20\", computer: \"USER20-PC\", value: \"Last List\", entries: [])])",
    );
    assert!(message.contains("unknown registry value"));
    assert_eq!(column, 91);
}

#[test]
fn malformed_ron_reports_where_it_broke() {
    let (line, column, _) = err(
        "Scenario(\n  title: \"t\",\n  steps: [\n    SignIn(user: \"user20\" computer: \"USER20-PC\"),\n  ],\n)",
    );
    assert_eq!(line, 4);
    assert!(column > 20);
    let (line, _, message) =
        err("Scenario(title: \"t\", steps: [SignIn(user: \"user20\", computer: \"USER20-PC\")");
    assert_eq!(line, 1);
    assert!(!message.is_empty());
    // Deep nesting hits RON's recursion limit rather than the stack.
    let deep = format!(
        "Scenario(title: \"t\", steps: {}{})",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let (_, _, message) = err(&deep);
    assert!(!message.is_empty());
}

#[test]
fn a_bad_lab_is_refused_where_the_problem_is() {
    let text = "Scenario(title: \"t\", lab: Lab(domain: \"c.com\", users: [User(id: \"a\", name: \"A\"), User(id: \"a\", name: \"B\")], computers: [\"PC\"]), steps: [])";
    let (line, column, message) = err(text);
    assert_eq!((line, column), (1, 91));
    assert!(message.contains("listed twice"), "{message}");
}

#[test]
fn a_scenario_prints_back_to_the_same_scenario() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/saves/seed-walkthrough.ron"
    ))
    .unwrap();
    let scenario = parse(&text).unwrap();
    let again = parse(&scenario.to_string()).unwrap();
    assert_eq!(again, scenario);
}

#[test]
fn unknown_windows_are_refused_when_the_file_is_read() {
    let text = "Scenario(title: \"t\", steps: [\n  OpenWindow(computer: \"USER21-PC\", window: \"Registry Editor\"),\n  CloseWindow(computer: \"USER21-PC\", window: \"Paint\"),\n])";
    let (line, column, message) = err(text);
    assert_eq!((line, column), (3, 46));
    assert!(
        message.contains("unknown window \"Paint\" in step 2"),
        "{message}"
    );
    assert!(
        message.contains("windows: Outlook, Lync, Registry Editor"),
        "{message}"
    );

    let text = "Scenario(title: \"t\", steps: [\n  Capture(name: \"x\", computer: \"USER21-PC\", window: Some(\"Regedit\")),\n])";
    let (line, _, message) = err(text);
    assert_eq!(line, 2);
    assert!(message.contains("unknown window \"Regedit\""), "{message}");

    let text = "Scenario(title: \"t\", steps: [OpenWindow(computer: \"USER20-PC\", window: \"Delegate Permissions: Ghost\")])";
    let (_, _, message) = err(text);
    assert!(message.contains("unknown user \"Ghost\""), "{message}");
    assert!(
        message.contains("(users: user20, user21, administrator)"),
        "{message}"
    );
    let text = "Scenario(title: \"t\", steps: [Capture(name: \"x\", computer: \"USER20-PC\", window: Some(\"Calendar - user99@contoso.com - Outlook\"))])";
    let (_, _, message) = err(text);
    assert!(
        message.contains("unknown user \"user99@contoso.com\""),
        "{message}"
    );

    // Every title that names a user is checked, the call toast's too (the table of windows
    // says which titles name one), at the name's line and column.
    let text = "Scenario(title: \"t\", steps: [\n  Capture(name: \"x\", computer: \"USER21-PC\", window: Some(\"Call for user99\")),\n])";
    let (line, column, message) = err(text);
    assert_eq!((line, column), (2, 58), "{message}");
    assert!(
        message.contains("unknown user \"user99\" in the window name \"Call for user99\""),
        "{message}"
    );
    // The same title with a user the lab has reads.
    let text = "Scenario(title: \"t\", steps: [\n  Capture(name: \"x\", computer: \"USER21-PC\", window: Some(\"Call for User20\")),\n])";
    parse(text).unwrap();

    // Titles in any case and the short names all read.
    let text = "Scenario(title: \"t\", steps: [\n  CloseWindow(computer: \"USER21-PC\", window: \"budget review - meeting\"),\n  Capture(name: \"x\", computer: \"USER21-PC\", window: Some(\"Lync 2013\")),\n  OpenWindow(computer: \"USER20-PC\", window: \"Delegate Permissions: User21\"),\n])";
    parse(text).unwrap();
}

#[test]
fn captures_that_would_write_one_file_are_refused_naming_both() {
    let text = "Scenario(title: \"t\", steps: [\n  Capture(name: \"a/b\", computer: \"USER21-PC\"),\n  ExpectOk,\n  Capture(name: \"a-b\", computer: \"USER21-PC\"),\n])";
    let (line, column, message) = err(text);
    assert_eq!((line, column), (4, 17));
    assert!(
        message.contains(
            "\"a/b\" (step 1, line 2) and \"a-b\" (step 3) would both be written to a-b.png"
        ),
        "{message}"
    );
    // Letters of every script are kept, so these are two files.
    let text = "Scenario(title: \"t\", steps: [Capture(name: \"会議\", computer: \"USER21-PC\"), Capture(name: \"図\", computer: \"USER21-PC\")])";
    parse(text).unwrap();
}

#[test]
fn long_values_are_cut_in_messages() {
    let long = "x".repeat(1_000_000);
    let text = format!("Scenario(title: \"t\", steps: [Reboot(computer: \"{long}\")])");
    let (_, _, message) = err(&text);
    assert!(message.len() < 400, "{} bytes", message.len());
    assert!(
        message.contains("unknown computer \"xxxx"),
        "{}",
        &message[..100]
    );
    let text = format!("Scenario(title: \"t\", steps: [{long}])");
    let (_, _, message) = err(&text);
    assert!(message.len() < 400, "{} bytes", message.len());
}

#[test]
fn notes_change_nothing_waits_move_the_clock_and_expectations_skip_both() {
    let text = r#"Scenario(title: "t", steps: [
        StartOutlook(user: "user20", computer: "USER20-PC"),
        Note(text: "Outlook is open now."),
        Wait(minutes: 90),
        ExpectOk,
        OpenWindow(computer: "USER20-PC", window: "Delegates"),
        CloseWindow(computer: "USER20-PC", window: "Delegates"),
        CloseOutlook(user: "user20", computer: "USER20-PC"),
    ])"#;
    let scenario = parse(text).unwrap();
    let run = crate::scenario::run(&scenario, None);
    assert!(run.passed(), "ExpectOk looks past the note and the wait");
    assert!(matches!(&run.results[1].kind, StepResultKind::Note(t) if t == "Outlook is open now."));
    let times: Vec<String> = run
        .results
        .iter()
        .filter_map(|r| match &r.kind {
            StepResultKind::Action(entry) => Some(entry.time.hhmm()),
            _ => None,
        })
        .collect();
    // 09:01, then 90 minutes of waiting; opening and closing a dialog moves no clock.
    assert_eq!(times, ["09:01", "10:31", "10:31", "10:32"]);
    assert_eq!(run.lab.steps(), 4, "neither a note nor a wait is an action");
}

#[test]
fn file_stems_keep_letters_of_every_script_and_nothing_that_leaves_the_folder() {
    assert_eq!(
        file_stem("Delegates without EV", "session"),
        "Delegates-without-EV"
    );
    assert_eq!(file_stem("../..//x", "session"), "x");
    assert_eq!(
        file_stem("Übung: Stellvertreter", "session"),
        "Übung-Stellvertreter"
    );
    assert_eq!(file_stem("  ", "session"), "session");
    assert_eq!(file_stem("a_b--c", "session"), "a_b-c");
}

/// Issue 25: a list longer than a file may hold is refused while it is read, where it goes
/// past — shown here with a most of three (the real one, [`MAX_STEPS`], is two million).
#[test]
fn a_list_past_its_most_is_refused_where_it_goes_past() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Listed {
        #[serde(deserialize_with = "three")]
        steps: Vec<Step>,
    }
    fn three<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Step>, D::Error> {
        at_most(d, 3)
    }
    let read = |n: usize| {
        let steps = "        ExpectOk,\n".repeat(n);
        let text = format!("Listed(\n    steps: [\n{steps}    ],\n)");
        ron::from_str::<Listed>(&text).map_err(|e| ScenarioError::from_ron(&e))
    };
    // Control: as many as it may hold.
    assert_eq!(read(3).unwrap().steps.len(), 3);
    let Err(ScenarioError::Invalid {
        line,
        column,
        message,
        ..
    }) = read(4)
    else {
        panic!("four steps were read");
    };
    assert!(message.contains("more than 3 entries"), "{message}");
    // Where the fourth step, on line 6, ends.
    assert_eq!((line, column), (6, 18), "{message}");
    // An export of a million actions (each with its expectation) reads back.
    const { assert!(MAX_STEPS >= 2 * 1_000_000) };
}
