//! The customer's evidence in: for every shipped scenario, what a customer would send from
//! its lab — each hive's Registry Editor export, each computer's About Lync line, and the
//! Management Shell's own Get-CsUser, Get-CsClientPolicy and Get-CsVoicePolicy output — read
//! back by `import` gives a lab that matches on everything that evidence covers. And evidence
//! that cannot be read gets one line naming the file, the line and what is wrong, and no case.

mod common;

use std::path::{Path, PathBuf};

use common::{lab_command, text};
use delegate_lab::evidence::{self, Input, Source};
use delegate_lab::lab::{Action, Lab};
use delegate_lab::regfile;
use delegate_lab::report::LabReport;
use delegate_lab::scenario;

/// What the Management Shell prints for a command, as the console shows it.
fn shell_output(lab: &Lab, command: &str) -> Vec<String> {
    let mut lab = lab.clone();
    let outcome = lab.apply(&Action::Shell {
        command: command.into(),
    });
    assert!(outcome.is_ok(), "{command}: {outcome}");
    lab.last_entry().expect("the command is logged").output
}

/// As Windows PowerShell's `>` writes a file: UTF-16LE with its mark, CRLF.
fn as_powershell_file(lines: &[String]) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    let text: String = lines.iter().map(|l| format!("{l}\r\n")).collect();
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

/// Everything a customer sends from this lab, as named inputs.
fn evidence_of(lab: &Lab) -> Vec<(Input, Vec<u8>)> {
    let dir = lab.directory();
    let mut inputs = Vec::new();
    for (command, file) in [
        ("Get-CsUser", "users.txt"),
        ("Get-CsClientPolicy", "client-policies.txt"),
        ("Get-CsVoicePolicy", "voice-policies.txt"),
    ] {
        inputs.push((
            Input {
                computer: None,
                source: Source::File(PathBuf::from(file)),
            },
            as_powershell_file(&shell_output(lab, command)),
        ));
    }
    for ((user, computer), _) in lab.hives() {
        let keys = regfile::lync_hive_keys(lab, user, computer);
        let pc = dir.computer(computer).to_owned();
        inputs.push((
            Input {
                computer: Some(pc.clone()),
                source: Source::File(PathBuf::from(format!("{pc}-{}.reg", dir.id(user)))),
            },
            regfile::write(&keys),
        ));
    }
    for (c, pc) in dir.computers().filter(|(c, _)| Some(*c) != dir.front_end()) {
        inputs.push((
            Input {
                computer: Some(pc.to_owned()),
                source: Source::File(PathBuf::from(format!("about-{pc}.txt"))),
            },
            lab.install(c).about_line().into_bytes(),
        ));
    }
    inputs
}

/// What the evidence covers, as `state --json` shows it: each user's directory and policy
/// facts, each policy with its grants, each hive's registry values, each computer's Lync.
/// Computers the case adds (for a user the evidence puts at none) are the lab's assumption,
/// said in the case: only `computers` are compared.
fn covered(lab: &Lab, computers: &[String]) -> serde_json::Value {
    let report = serde_json::to_value(LabReport::new(lab)).expect("the report is JSON");
    let users: Vec<serde_json::Value> = report["users"]
        .as_array()
        .expect("users")
        .iter()
        .map(|u| {
            serde_json::json!({
                "id": u["id"], "name": u["name"], "sip_uri": u["sip_uri"],
                "enterprise_voice": u["enterprise_voice"], "line_uri": u["line_uri"],
                "effective_client_policy": u["effective_client_policy"],
                "effective_voice_policy": u["effective_voice_policy"],
            })
        })
        .collect();
    let registry: Vec<serde_json::Value> = report["seats"]
        .as_array()
        .expect("seats")
        .iter()
        .filter(|s| !s["registry"].is_null())
        .map(|s| serde_json::json!([s["user"], s["computer"], s["registry"]]))
        .collect();
    let dir = lab.directory();
    let installs: Vec<String> = dir
        .computers()
        .filter(|(c, pc)| Some(*c) != dir.front_end() && computers.iter().any(|n| n == pc))
        .map(|(c, pc)| format!("{pc}: {}", lab.install(c).about_line()))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    serde_json::json!({
        "users": users,
        "client_policies": report["client_policies"],
        "voice_policies": report["voice_policies"],
        "registry": registry,
        "installs": installs,
        "Get-CsClientPolicy": shell_output(lab, "Get-CsClientPolicy"),
        "Get-CsVoicePolicy": shell_output(lab, "Get-CsVoicePolicy"),
        "Get-CsUser": shell_output(lab, "Get-CsUser"),
    })
}

fn shipped_scenarios() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves");
    let mut files = Vec::new();
    for dir in [root.clone(), root.join("field")] {
        for entry in std::fs::read_dir(&dir).expect("saves/ is there") {
            let path = entry.expect("an entry").path();
            let is_scenario = path.extension().is_some_and(|e| e == "ron")
                && scenario::file_kind(&path).as_deref() == Some("Scenario");
            if is_scenario {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_shipped_scenarios_evidence_imports_to_a_lab_that_matches_it() {
    let files = shipped_scenarios();
    assert!(files.len() >= 10, "the scenarios are found: {files:?}");
    let mut hives = 0;
    for file in files {
        let scenario = scenario::load(&file).unwrap_or_else(|e| panic!("{e}"));
        // At the end, and halfway: a lab mid-case has other registry values and grants.
        for at in [scenario.steps.len() / 2, scenario.steps.len()] {
            let lab = scenario::run_each(&scenario, Some(at), |_, _, _, _| {});
            hives += lab.hives().count();
            let case = evidence::import_bytes(&evidence_of(&lab))
                .unwrap_or_else(|p| panic!("{} at {at}: {p:?}", file.display()));
            let text = case.text("Round trip");
            let imported = scenario::parse(&text)
                .unwrap_or_else(|e| panic!("{} at {at}: {e}\n{text}", file.display()));
            let run = scenario::run(&imported, None);
            assert!(
                run.results.iter().all(|r| match &r.kind {
                    scenario::StepResultKind::Action(entry) => entry.outcome.is_ok(),
                    _ => true,
                }),
                "{} at {at}: every setup step goes through\n{text}",
                file.display()
            );
            let computers: Vec<String> = lab
                .directory()
                .computers()
                .map(|(_, pc)| pc.to_owned())
                .collect();
            let (got, want) = (covered(&run.lab, &computers), covered(&lab, &computers));
            for key in want.as_object().expect("an object").keys() {
                assert_eq!(
                    got[key],
                    want[key],
                    "{} at {at}: {key}\n{text}",
                    file.display()
                );
            }
        }
    }
    assert!(
        hives > 10,
        "the round trip covers registry values ({hives} hives)"
    );
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("a file in the temporary folder");
    path.display().to_string()
}

#[test]
fn evidence_that_cannot_be_read_gets_one_line_each_and_no_case() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let good_users = "Identity : CN=User20,CN=Users,DC=contoso,DC=com\r\nSipAddress : sip:user20@contoso.com\r\nDisplayName : User20\r\nEnterpriseVoiceEnabled : False\r\n";
    let users = write(dir.path(), "users.txt", good_users.as_bytes());
    let case = dir.path().join("case.ron");
    let case_arg = case.display().to_string();

    // The positive control: good evidence makes a case.
    let out = lab_command(&["import", &users, "--out", &case_arg]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(case.is_file());
    std::fs::remove_file(&case).expect("the control's case removed");

    let lab = Lab::default();
    let reg = regfile::write(&regfile::lync_hive_keys(
        &lab,
        delegate_lab::lab::UserIx(1),
        delegate_lab::lab::ComputerIx(1),
    ));
    let hkcu = String::from_utf16_lossy(
        &reg[2..]
            .chunks_exact(2)
            .map(|p| u16::from_le_bytes([p[0], p[1]]))
            .collect::<Vec<_>>(),
    );
    assert!(
        hkcu.starts_with("Windows Registry Editor Version 5.00"),
        "{hkcu}"
    );
    // Cut inside the first key's name.
    let cut_at = hkcu.find("Office").expect("the key") + 3;
    let truncated: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(hkcu[..cut_at].encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let unmarked: Vec<u8> = good_users
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let typo = "Identity                   : Global\r\nPolicyEntry                : {}\r\nEnableExchangeDelegatSync  : True\r\n";
    let bad = [
        (
            "truncated.reg",
            truncated,
            "USER21-PC=",
            "truncated.reg:3:42: a key line that does not end with ]",
        ),
        ("unmarked.txt", unmarked, "", "without a byte-order mark"),
        (
            "typo.txt",
            typo.as_bytes().to_vec(),
            "",
            "did you mean EnableExchangeDelegateSync",
        ),
        ("empty.txt", Vec::new(), "", "the file is empty"),
        (
            "binary.png",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec(),
            "",
            "binary",
        ),
    ];
    for (name, bytes, prefix, says) in bad {
        let path = write(dir.path(), name, &bytes);
        let arg = format!("{prefix}{path}");
        let out = lab_command(&["import", &users, &arg, "--out", &case_arg]);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", text(&out.stdout));
        let stderr = text(&out.stderr);
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(
            lines.len(),
            1,
            "{name}: one line, saying no case was written:\n{stderr}"
        );
        assert!(
            lines[0].starts_with(&format!("error: {arg}"))
                && lines[0].contains(says)
                && lines[0].ends_with("(no case written)"),
            "{name}: {stderr}"
        );
        assert!(!case.exists(), "{name}: no partial case");
    }
    // The typo is named at its line.
    let out = lab_command(&[
        "import",
        &write(dir.path(), "t.txt", typo.as_bytes()),
        "--out",
        &case_arg,
    ]);
    assert!(
        text(&out.stderr).contains("t.txt:3:1: EnableExchangeDelegatSync"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn what_customers_paste_is_read_and_what_the_lab_does_not_model_is_listed() {
    // Wrapped values, a prompt line, an error record, properties of a newer server, CRLF,
    // UTF-8 with its mark; a SEFAUtil printout; an About line; a build typed in.
    let users = "\u{feff}PS C:\\Users\\administrator.CONTOSO> Get-CsUser | fl\r\n\r\n\
Identity               : CN=Jane Doe,OU=Executives,DC=fabrikam,DC=com\r\n\
VoicePolicy            :\r\n\
ClientPolicy           : ExecutivesDelegation\r\n\
SipAddress             : sip:jane.doe@fabrikam.com\r\n\
LineURI                : tel:+14255550199\r\n\
EnterpriseVoiceEnabled : True\r\n\
HostedVoiceMail        :\r\n\
DisplayName            : Jane Doe\r\n\
RegistrarPool          : lyncpool01.fabrikam.c\r\n                         om\r\n\
\r\n\
Identity               : CN=John Smith,OU=Assistants,DC=fabrikam,DC=com\r\n\
SipAddress             : sip:john.smith@fabrikam.com\r\n\
EnterpriseVoiceEnabled : True\r\n\
DisplayName            : John Smith\r\n\
RegistrarPool          : lyncpool01.fabrikam.com\r\n";
    let policies = "Identity                   : Tag:ExecutivesDelegation\r\n\
PolicyEntry                : {}\r\n\
Description                : Executives and their assistants\r\n\
EnableExchangeDelegateSync : True\r\n\
EnableSkypeUI              : False\r\n";
    let sefautil = "User Aor: sip:jane.doe@fabrikam.com\r\n\
Display Name: Jane Doe\r\n\
UM Enabled: True\r\n\
Simultaneously Ringing Delegates: sip:john.smith@fabrikam.com\r\n";
    let inputs = vec![
        (Input::parse("users.txt"), users.as_bytes().to_vec()),
        (Input::parse("policies.txt"), policies.as_bytes().to_vec()),
        (Input::parse("sefautil.txt"), sefautil.as_bytes().to_vec()),
        (
            Input::parse("JANE-PC=about.txt"),
            "Microsoft® Lync® 2013 (15.0.4753.1000) MSO (15.0.4753.1000) 32-bit\r\n"
                .as_bytes()
                .to_vec(),
        ),
        (Input::parse("JOHN-PC=15.0.4787.1002"), Vec::new()),
    ];
    assert_eq!(inputs[4].0.source, Source::Build("15.0.4787.1002".into()));
    let case = evidence::import_bytes(&inputs).unwrap_or_else(|p| panic!("{p:?}"));
    let text = case.text("Fabrikam");
    let imported = scenario::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let lab = scenario::run(&imported, None).lab;
    let report = LabReport::new(&lab);
    let jane = &report.users[0];
    assert_eq!(
        (jane.id.as_str(), jane.name.as_str(), jane.sip_uri.as_str()),
        ("jane.doe", "Jane Doe", "sip:jane.doe@fabrikam.com")
    );
    assert_eq!(jane.effective_client_policy, "Tag:ExecutivesDelegation");
    assert_eq!(jane.line_uri.as_deref(), Some("tel:+14255550199"));
    assert!(jane.enterprise_voice);
    assert_eq!(
        jane.backend_delegates,
        ["john.smith"],
        "SEFAUtil's delegate:\n{text}"
    );
    assert_eq!(jane.call_forwarding, "Simultaneously ring: My Delegates");
    assert_eq!(
        report.client_policies[1].enable_exchange_delegate_sync,
        Some(true)
    );
    let dir = lab.directory();
    let jane_pc = dir.find_computer("JANE-PC").expect("JANE-PC");
    assert_eq!(lab.install(jane_pc).build.0, "15.0.4753.1000");
    let john_pc = dir.find_computer("JOHN-PC").expect("JOHN-PC");
    assert_eq!(lab.install(john_pc).build.0, "15.0.4787.1002");
    // The wrapped pool name was joined; the lab's front end stands for it, and says so.
    assert!(
        text.contains("RegistrarPool lyncpool01.fabrikam.com"),
        "{text}"
    );
    // What came from where, and what was left out, are comments in the case.
    assert!(
        text.contains(
            "// user jane.doe (Jane Doe, sip:jane.doe@fabrikam.com): Get-CsUser, users.txt:"
        ),
        "{text}"
    );
    assert!(
        text.contains("//   HostedVoiceMail (users.txt:9): not a property the lab models"),
        "{text}"
    );
    assert!(
        text.contains("//   EnableSkypeUI (policies.txt:5)"),
        "{text}"
    );
    assert!(
        text.contains("JANE-PC: Lync 2013 15.0.4753.1000 (from JANE-PC=about.txt:1)"),
        "{text}"
    );
}

#[test]
fn the_same_object_twice_is_one_and_where_they_disagree_is_said() {
    let users = "SipAddress : sip:user20@contoso.com\r\nDisplayName : User20\r\nEnterpriseVoiceEnabled : False\r\n";
    let again = evidence::import_bytes(&[
        (Input::parse("a.txt"), users.as_bytes().to_vec()),
        (Input::parse("b.txt"), users.as_bytes().to_vec()),
    ])
    .unwrap_or_else(|p| panic!("the same user twice is one: {p:?}"));
    assert_eq!(again.spec.users.len(), 1);
    // A few properties of a policy beside all of them: one policy.
    let whole = "Identity : Global\r\nPolicyEntry : {}\r\nEnableExchangeDelegateSync : True\r\nDisableEmoticons : True\r\n";
    let few = "Identity : Global\r\nEnableExchangeDelegateSync : True\r\n";
    let case = evidence::import_bytes(&[
        (Input::parse("a.txt"), users.as_bytes().to_vec()),
        (Input::parse("whole.txt"), whole.as_bytes().to_vec()),
        (Input::parse("few.txt"), few.as_bytes().to_vec()),
    ])
    .unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(
        case.spec.client_policies[0].enable_exchange_delegate_sync,
        Some(true)
    );
    // They disagree: the place of each.
    let other = "Identity : Global\r\nEnableExchangeDelegateSync : False\r\n";
    let err = evidence::import_bytes(&[
        (Input::parse("a.txt"), users.as_bytes().to_vec()),
        (Input::parse("whole.txt"), whole.as_bytes().to_vec()),
        (Input::parse("other.txt"), other.as_bytes().to_vec()),
    ])
    .unwrap_err();
    assert_eq!(err.len(), 1);
    assert_eq!(
        err[0].to_string(),
        "other.txt:2:1: Global's EnableExchangeDelegateSync is \"False\" here but \"True\" at whole.txt:3: which is it?"
    );
}

#[test]
fn sefautil_alone_makes_its_ringing_user_enterprise_voice_and_a_key_only_export_is_read() {
    let sefautil = "User Aor: sip:user20@contoso.com\r\nDisplay Name: User20\r\nForwarding calls to Delegates: sip:user21@contoso.com\r\n";
    let case = evidence::import_bytes(&[(Input::parse("sefa.txt"), sefautil.as_bytes().to_vec())])
        .unwrap_or_else(|p| panic!("{p:?}"));
    let user20 = case.spec.users.iter().find(|u| u.id == "user20").unwrap();
    assert!(
        user20.enterprise_voice,
        "SEFAUtil rings only an EV user's delegates"
    );
    let lab = scenario::run(&scenario::parse(&case.text("t")).unwrap(), None).lab;
    assert_eq!(LabReport::new(&lab).users[0].backend_delegates, ["user21"]);

    // The lab's own export of a seat where Lync never signed in: the Lync key alone.
    let lab = Lab::default();
    let keys = regfile::lync_hive_keys(
        &lab,
        delegate_lab::lab::UserIx(1),
        delegate_lab::lab::ComputerIx(1),
    );
    assert_eq!(keys.len(), 1, "setup: the Lync key only");
    let users = "SipAddress : sip:user21@contoso.com\r\nDisplayName : User21\r\n";
    let case = evidence::import_bytes(&[
        (Input::parse("u.txt"), users.as_bytes().to_vec()),
        (Input::parse("USER21-PC=k.reg"), regfile::write(&keys)),
    ])
    .unwrap_or_else(|p| panic!("{p:?}"));
    assert!(case.spec.registry.is_empty());
    assert!(case.spec.computers.iter().any(|c| c.name == "USER21-PC"));
    assert!(
        case.taken
            .iter()
            .any(|t| t.contains("nobody has signed in to Lync there")),
        "{:?}",
        case.taken
    );
}
