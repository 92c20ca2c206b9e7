//! "What would fix it?": on the seed walkthrough at Figure 3 and on every case of the field
//! catalogue just before its fix, `diagnose` finds the documented fix first — and each
//! symptom does fail there (the positive control), and the documented fix itself clears it.

mod common;

use common::{lab_command, text};
use delegate_lab::diagnose::{self, RemedyKind};
use delegate_lab::field;
use delegate_lab::lab::Lab;
use delegate_lab::scenario::{self, Step};

/// The lab of a shipped scenario just before its first step written `before` (its number
/// too, 1-based as `check` numbers them).
fn lab_before(file: &str, before: &str) -> (Lab, usize) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let scenario = scenario::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let at = scenario
        .steps
        .iter()
        .position(|s| s.to_string() == before)
        .unwrap_or_else(|| panic!("{file} has no step {before}"));
    (scenario::run_each(&scenario, Some(at), |_, _, _, _| {}), at)
}

fn steps(lab: &Lab, symptom: &[&str]) -> Vec<Step> {
    let owned: Vec<String> = symptom.iter().map(|s| (*s).to_owned()).collect();
    diagnose::parse_symptom(lab, &owned).unwrap_or_else(|e| panic!("{e}"))
}

const LYNC_MEETING_OK: &[&str] = &[
    r#"AddLyncMeeting(user: "user21", computer: "USER21-PC")"#,
    "ExpectOk",
];

/// Each case: the file, the first step of its documented fix, the symptom, and the remedies
/// of the fix `diagnose` must list first.
const CASES: &[(&str, &str, &[&str], &[RemedyKind])] = &[
    (
        "saves/field/outlook-must-be-open.ron",
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
        &[r#"ExpectBackendDelegate(delegator: "user20", delegate: "user21", present: true)"#],
        &[RemedyKind::StartOutlook],
    ),
    (
        "saves/field/stuck-sync-workaround.ron",
        r#"DeleteLyncProfile(user: "user20", computer: "USER20-PC")"#,
        &[r#"ExpectBackendDelegate(delegator: "user20", delegate: "user21", present: true)"#],
        &[RemedyKind::StuckSyncWorkaround],
    ),
    (
        "saves/field/stale-remnants-after-outlook-removal.ron",
        r#"RemoveFromDelegatesGroup(user: "user20", computer: "USER20-PC", delegate: "user21")"#,
        &[
            r#"ExpectNoGroup(user: "user21", computer: "USER21-PC", group: "People I Manage Calls For")"#,
        ],
        &[RemedyKind::RemoveFromDelegatesGroup],
    ),
    (
        "saves/field/kb3114502-notice-keeps-coming-back.ron",
        r#"InstallLync(computer: "USER21-PC", edition: Full, build: "15.0.4787.1002")"#,
        &[
            r#"SignOut(user: "user21", computer: "USER21-PC")"#,
            r#"SignIn(user: "user21", computer: "USER21-PC")"#,
            r#"ExpectNoBanner(user: "user21", computer: "USER21-PC")"#,
        ],
        &[RemedyKind::InstallFixedBuild],
    ),
    (
        "saves/field/no-delegation-voice-policy.ron",
        r#"Shell(command: "Set-CsVoicePolicy -Identity Tag:NoDelegation -EnableDelegation $True")"#,
        LYNC_MEETING_OK,
        &[RemedyKind::EnableVoiceDelegation, RemedyKind::SignInAgain],
    ),
    (
        "saves/field/mapi-not-connected.ron",
        r#"ClearFault(MapiUnavailable(user: "user20", computer: "USER20-PC"))"#,
        &[r#"ExpectBackendDelegate(delegator: "user20", delegate: "user21", present: true)"#],
        &[RemedyKind::ClearMapi],
    ),
    (
        "saves/field/security-group-as-delegate.ron",
        r#"AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")"#,
        LYNC_MEETING_OK,
        &[RemedyKind::AddOutlookDelegate],
    ),
    (
        "saves/field/assistant-on-lync-basic.ron",
        r#"ExitLync(user: "user21", computer: "USER21-PC")"#,
        LYNC_MEETING_OK,
        &[RemedyKind::InstallFullEdition],
    ),
];

#[test]
fn at_figure_3_the_fix_is_the_policy_and_the_delegators_new_sign_in() {
    let (lab, _) = lab_before(
        "saves/seed-walkthrough.ron",
        "Shell(command: \"Set-CsClientPolicy Global \u{2013}EnableExchangeDelegateSync $True\")",
    );
    let symptom = steps(&lab, LYNC_MEETING_OK);
    let diagnosis = diagnose::diagnose(&lab, &symptom, diagnose::DEFAULT_DEPTH);
    assert!(diagnosis.symptom_present(), "{:?}", diagnosis.today);
    assert!(
        diagnosis.today[0]
            .found
            .contains("You do not have permissions to schedule Lync Meetings"),
        "{:?}",
        diagnosis.today
    );
    let first = &diagnosis.fixes[0];
    let kinds: Vec<RemedyKind> = first.remedies.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [RemedyKind::EnableDelegateSync, RemedyKind::SignInAgain],
        "{first:#?}"
    );
    assert_eq!(first.rules(), ["B4", "B5"]);
    assert_eq!(
        first.remedies[0].actions[0].to_string(),
        r#"Shell(command: "Set-CsClientPolicy -Identity Global -EnableExchangeDelegateSync $True")"#
    );
    assert_eq!(
        first.remedies[1]
            .actions
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        [
            r#"SignOut(user: "user20", computer: "USER20-PC")"#,
            r#"SignIn(user: "user20", computer: "USER20-PC")"#
        ]
    );
    // Every fix listed is the smallest: none of one remedy exists.
    assert!(diagnosis.fixes.iter().all(|f| f.remedies.len() == 2));
    // The sign-in alone (the policy unset) is not a fix.
    assert!(!diagnosis.fixes.iter().any(|f| {
        f.remedies
            .iter()
            .all(|r| r.kind != RemedyKind::EnableDelegateSync)
    }));
    // A fix that works only by the sign-in it comes with (installing a build, deleting the
    // profile) is not listed beside the fix itself.
    assert!(
        diagnosis
            .fixes
            .iter()
            .flat_map(|f| f.remedies.iter())
            .all(|r| !matches!(
                r.kind,
                RemedyKind::InstallFixedBuild | RemedyKind::DeleteLyncProfile
            )),
        "{:#?}",
        diagnosis.fixes
    );
    // Deterministic: the same diagnosis again.
    assert_eq!(
        diagnose::diagnose(&lab, &symptom, diagnose::DEFAULT_DEPTH),
        diagnosis
    );
}

#[test]
fn on_each_field_case_the_documented_fix_comes_first() {
    assert_eq!(CASES.len(), field::CASES.len(), "every field case is here");
    for &(file, before, symptom, expected) in CASES {
        let (lab, at) = lab_before(file, before);
        let symptom = steps(&lab, symptom);
        let diagnosis = diagnose::diagnose(&lab, &symptom, diagnose::DEFAULT_DEPTH);
        assert!(
            diagnosis.symptom_present(),
            "{file} at step {at}: the symptom holds already: {:?}",
            diagnosis.today
        );
        let Some(first) = diagnosis.fixes.first() else {
            panic!("{file}: no fix found in {} sequences", diagnosis.tried);
        };
        let kinds: Vec<RemedyKind> = first.remedies.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, expected, "{file}: {:#?}", diagnosis.fixes);
        // The case it points to, where it has one, is a file that exists.
        for remedy in &first.remedies {
            if let Some(case) = remedy.kind.case() {
                assert!(
                    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                        .join(&case)
                        .is_file(),
                    "{case}"
                );
            }
        }
        // And the remedy's own actions, played and then the symptom, clear it.
        let mut fixed = lab.clone();
        for action in first.remedies.iter().flat_map(|r| &r.actions) {
            assert!(fixed.apply(action).is_ok(), "{file}: {action}");
        }
        assert!(
            diagnose::play(&fixed, &symptom).iter().all(|c| c.passed),
            "{file}"
        );
    }
}

#[test]
fn the_command_lists_the_fix_and_says_when_there_is_nothing_to_fix() {
    let fig3 = [
        "diagnose",
        "saves/seed-walkthrough.ron",
        "--at",
        "27",
        "--symptom",
        r#"AddLyncMeeting(user: "user21", computer: "USER21-PC")"#,
        "--symptom",
        "ExpectOk",
    ];
    let out = lab_command(&fig3);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let first = stdout
        .lines()
        .find(|l| l.starts_with("1. "))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert_eq!(
        first,
        "1. set EnableExchangeDelegateSync on the client policy Global, then User20 signs out of Lync on USER20-PC and back in — B4, B5"
    );
    assert!(
        stdout.contains("Back end: delegate record User20 → User21 created"),
        "{stdout}"
    );

    // At the end of the walkthrough, User21 has no People I Manage Calls For: nothing to fix.
    let out = lab_command(&[
        "diagnose",
        "saves/seed-walkthrough.ron",
        "--symptom",
        r#"ExpectNoGroup(user: "user21", computer: "USER21-PC", group: "People I Manage Calls For")"#,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("The symptom is not there"),
        "{}",
        text(&out.stdout)
    );

    // A symptom about "the previous action" with no action in it, and a depth past the
    // limit, are refused.
    let out = lab_command(&[
        "diagnose",
        "saves/seed-walkthrough.ron",
        "--symptom",
        "ExpectOk",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("the symptom has none before it"),
        "{}",
        text(&out.stderr)
    );
    let mut deep = fig3.to_vec();
    deep.extend(["--depth", "9"]);
    assert_eq!(lab_command(&deep).status.code(), Some(2));

    // A symptom naming nobody the lab has is refused with the names it has.
    let out = lab_command(&[
        "diagnose",
        "saves/seed-walkthrough.ron",
        "--symptom",
        r#"ExpectNoBanner(user: "ghost", computer: "USER21-PC")"#,
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("unknown user \"ghost\"") && stderr.contains("user21"),
        "{stderr}"
    );
}

/// The README's example, as written there: the sample evidence imported, then diagnosed.
#[test]
fn the_readmes_customer_case_imports_and_diagnoses_as_it_says() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let start = readme
        .find("cd saves/evidence\n")
        .expect("the README's example");
    let block = &readme[start..readme[start..].find("```").map(|e| start + e).unwrap()];
    // Its two commands, continuation lines joined, split as a shell splits them.
    let joined = block.replace("\\\n", " ");
    let commands: Vec<Vec<String>> = joined
        .lines()
        .filter(|l| l.starts_with("delegate-lab "))
        .map(|l| shell_words(l.trim_start_matches("delegate-lab ")))
        .collect();
    assert_eq!(commands.len(), 2, "{block}");
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case.ron");
    let run = |args: &[String]| {
        let args: Vec<String> = args
            .iter()
            .map(|a| {
                if a == "/tmp/case.ron" {
                    case.display().to_string()
                } else {
                    a.clone()
                }
            })
            .collect();
        std::process::Command::new(env!("CARGO_BIN_EXE_delegate-lab"))
            .args(&args)
            .current_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/evidence"))
            .output()
            .unwrap()
    };
    let imported = run(&commands[0]);
    assert_eq!(
        imported.status.code(),
        Some(0),
        "{}",
        text(&imported.stderr)
    );
    let diagnosed = run(&commands[1]);
    assert_eq!(
        diagnosed.status.code(),
        Some(0),
        "{}",
        text(&diagnosed.stderr)
    );
    let out = text(&diagnosed.stdout);
    let fixes: Vec<&str> = out
        .lines()
        .filter(|l| {
            l.split_once(". ")
                .is_some_and(|(n, _)| n.parse::<usize>().is_ok())
        })
        .collect();
    assert_eq!(
        fixes,
        [
            "1. set EnableExchangeDelegateSync on the client policy Tag:Executives — B4, B5",
            "2. grant User20 the client policy Global — B4, B5"
        ],
        "{out}"
    );
}

/// Words as a POSIX shell splits them: single quotes keep everything, spaces split.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any || !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                any = false;
            }
            c => word.push(c),
        }
    }
    if any || !word.is_empty() {
        words.push(word);
    }
    words
}
