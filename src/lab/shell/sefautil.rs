//! SEFAUtil.exe (Lync Server 2013 Resource Kit) as the Management Shell runs it (B12): the
//! documented switches for delegates and delegate ringing, and the documented output.
//!
//! It runs only once a trusted application `sefautil` exists and the topology is published.

use super::{ShellLine, ShellResult};
use crate::lab::lync_server::{RecordOrigin, RecordRoute};
use crate::lab::voice::{ForwardTarget, Forwarding, SimulRingTarget, UNANSWERED_SECONDS};
use crate::lab::{Lab, Notes, UserIx};

/// Whether a line runs SEFAUtil (`SEFAUtil.exe ...`, `.\SEFAUtil.exe ...`, `SEFAUtil ...`).
pub(super) fn is_sefautil(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or_default();
    let name = first
        .trim_start_matches(".\\")
        .trim_start_matches("./")
        .trim_matches('"')
        .to_ascii_lowercase();
    name == "sefautil.exe" || name == "sefautil"
}

const USAGE: &[&str] = &[
    "Usage: SEFAUtil.exe /server:<Lync Server FQDN> <user SIP address> [options]",
    "  /adddelegate:<SIP address>     /removedelegate:<SIP address>",
    "  /simulringdelegates            /delayringdelegates:<seconds>",
    "  /fwdtodelegates",
];

/// One switch as typed, read.
enum Switch {
    Server(String),
    AddDelegate(String),
    RemoveDelegate(String),
    SimulRingDelegates,
    DelayRingDelegates(String),
    FwdToDelegates,
}

fn parse(arg: &str) -> Option<Switch> {
    let body = arg.strip_prefix('/').or_else(|| arg.strip_prefix('-'))?;
    let (name, value) = match body.split_once(':') {
        // `/adddelegate:` with nothing after it is incomplete.
        Some((_, "")) => return None,
        Some((name, value)) => (name.to_ascii_lowercase(), Some(value.to_owned())),
        None => (body.to_ascii_lowercase(), None),
    };
    match (name.as_str(), value) {
        ("server", Some(v)) => Some(Switch::Server(v)),
        ("adddelegate", Some(v)) => Some(Switch::AddDelegate(v)),
        ("removedelegate", Some(v)) => Some(Switch::RemoveDelegate(v)),
        ("simulringdelegates", None) => Some(Switch::SimulRingDelegates),
        ("delayringdelegates", Some(v)) => Some(Switch::DelayRingDelegates(v)),
        ("fwdtodelegates", None) => Some(Switch::FwdToDelegates),
        _ => None,
    }
}

fn fail(result: &mut ShellResult, lines: &[&str], message: String) {
    if result.error.is_none() {
        result.error = Some(message.clone());
    }
    result.lines.push(ShellLine {
        text: message,
        error: true,
    });
    for line in lines {
        result.lines.push(ShellLine {
            text: (*line).to_owned(),
            error: false,
        });
    }
}

/// Runs one SEFAUtil command line.
pub(super) fn run(lab: &mut Lab, line: &str, notes: &mut Notes) -> ShellResult {
    let mut result = ShellResult::default();
    let args: Vec<String> = line
        .split_whitespace()
        .skip(1)
        .map(|a| a.trim_matches('"').to_owned())
        .collect();
    let mut server = None;
    let mut target = None;
    let mut switches = Vec::new();
    for arg in &args {
        if arg.starts_with('/') || (arg.starts_with('-') && arg.len() > 1) {
            match parse(arg) {
                Some(Switch::Server(s)) => server = Some(s),
                Some(switch) => switches.push(switch),
                None => {
                    fail(
                        &mut result,
                        USAGE,
                        format!("Unknown or incomplete option: {arg}"),
                    );
                    return result;
                }
            }
        } else if target.is_none() {
            target = Some(arg.clone());
        } else {
            fail(&mut result, USAGE, format!("Unexpected argument: {arg}"));
            return result;
        }
    }
    if !lab.server.sefautil_ready() {
        fail(
            &mut result,
            &[],
            "SEFAUtil cannot start: no trusted application \"sefautil\" is published for this server. Create a trusted application pool (New-CsTrustedApplicationPool), the application (New-CsTrustedApplication -ApplicationId sefautil ...), then run Enable-CsTopology (lab wording).".into(),
        );
        notes.say("SEFAUtil needs its trusted application first (B12).");
        return result;
    }
    let pool = lab.front_end_pool();
    match server.as_deref().map(|s| s.trim().to_lowercase()) {
        None => {
            fail(&mut result, USAGE, "The /server option is required.".into());
            return result;
        }
        Some(s) if s != pool => {
            fail(
                &mut result,
                &[],
                format!(
                    "Cannot connect to the server {s}: the lab's Lync Server pool is {pool} (lab wording)."
                ),
            );
            return result;
        }
        Some(_) => {}
    }
    let Some(target) = target else {
        fail(&mut result, USAGE, "No user SIP address was given.".into());
        return result;
    };
    let Some(user) = lab.dir.find_user(&target).filter(|&u| !lab.dir.is_group(u)) else {
        fail(
            &mut result,
            &[],
            format!("User not found: {target} (lab wording)."),
        );
        return result;
    };
    let ringing_switch = switches.iter().any(|s| {
        matches!(
            s,
            Switch::SimulRingDelegates | Switch::DelayRingDelegates(_) | Switch::FwdToDelegates
        )
    });
    if ringing_switch && !lab.dir.user(user).enterprise_voice {
        fail(
            &mut result,
            &[],
            format!(
                "{} is not enabled for Enterprise Voice: delegate ringing cannot be set (lab wording; /adddelegate and /removedelegate work without it) (B12).",
                lab.dir.sip_uri(user)
            ),
        );
        return result;
    }
    for switch in &switches {
        if let Err(message) = apply(lab, user, switch, notes) {
            fail(&mut result, &[], message);
            return result;
        }
    }
    for text in settings_lines(lab, user) {
        result.lines.push(ShellLine { text, error: false });
    }
    result
}

fn apply(lab: &mut Lab, user: UserIx, switch: &Switch, notes: &mut Notes) -> Result<(), String> {
    let name = lab.dir.name(user).to_owned();
    let find = |lab: &Lab, who: &str| {
        lab.dir
            .find_user(who)
            .ok_or_else(|| format!("User not found: {who} (lab wording)."))
    };
    match switch {
        Switch::Server(_) => {}
        Switch::AddDelegate(who) => {
            let delegate = find(lab, who)?;
            if lab.dir.is_group(delegate) {
                return Err(format!(
                    "{} is a security group: SEFAUtil cannot make it a delegate — \"Creating a security group and adding delegation permissions for that security group isn't supported.\" (lab wording around Microsoft's; B15)",
                    lab.dir.sip_uri(delegate)
                ));
            }
            if delegate == user {
                return Err("A user cannot be their own delegate (lab wording).".into());
            }
            if lab.server.record(user, delegate).is_none()
                && let Some(why) = lab.over_delegation_limit(user, delegate)
            {
                return Err(format!("{why}."));
            }
            let origin = RecordOrigin {
                created: lab.now,
                action_number: lab.steps,
                route: RecordRoute::SefaUtil,
            };
            if lab.server.create_record(user, delegate, origin) {
                notes.say(format!(
                    "Back end: delegate record {name} → {} written at once by SEFAUtil (Enterprise Voice not needed on either side) (B12).",
                    lab.dir.name(delegate)
                ));
                lab.record_changed(user, delegate, notes);
            } else {
                notes.say(format!(
                    "SEFAUtil: {} is already {name}'s delegate.",
                    lab.dir.name(delegate)
                ));
            }
        }
        Switch::RemoveDelegate(who) => {
            let delegate = find(lab, who)?;
            if lab.server.delete_record(user, delegate) {
                notes.say(format!(
                    "Back end: delegate record {name} → {} deleted at once by SEFAUtil (B12).",
                    lab.dir.name(delegate)
                ));
                lab.record_changed(user, delegate, notes);
            } else {
                notes.say(format!(
                    "SEFAUtil: {} is not {name}'s delegate; nothing to remove.",
                    lab.dir.name(delegate)
                ));
            }
        }
        Switch::SimulRingDelegates | Switch::DelayRingDelegates(_) | Switch::FwdToDelegates => {
            if lab.server.delegates_of(user).is_empty() {
                return Err(format!(
                    "{} has no delegates: add one with /adddelegate first (lab wording).",
                    lab.dir.sip_uri(user)
                ));
            }
            let (forwarding, delay) = match switch {
                Switch::SimulRingDelegates => (
                    Forwarding::SimultaneouslyRing(SimulRingTarget::Delegates),
                    Some(0),
                ),
                Switch::DelayRingDelegates(seconds) => {
                    let seconds: u32 = seconds
                        .trim()
                        .parse()
                        .ok()
                        .filter(|s| *s <= 60)
                        .ok_or_else(|| {
                            format!("Invalid delay: {seconds} (0 to 60 seconds) (lab wording).")
                        })?;
                    (
                        Forwarding::SimultaneouslyRing(SimulRingTarget::Delegates),
                        Some(seconds),
                    )
                }
                _ => (Forwarding::ForwardTo(ForwardTarget::Delegates), None),
            };
            notes.say(format!(
                "SEFAUtil: {name}'s call forwarding: {forwarding}{} (B12).",
                match delay {
                    Some(s) if s > 0 => format!(", delegates ring after {s} seconds"),
                    _ => String::new(),
                }
            ));
            lab.server.update_calls(user, |c| {
                c.forwarding = forwarding;
                if let Some(delay) = delay {
                    c.ring_delay = delay;
                }
            });
        }
    }
    Ok(())
}

/// What SEFAUtil prints about a user, in the documented layout.
fn settings_lines(lab: &Lab, user: UserIx) -> Vec<String> {
    let settings = lab.server.call_settings(user);
    let delegates = lab
        .server
        .delegates_of(user)
        .into_iter()
        .map(|d| lab.dir.sip_uri(d))
        .collect::<Vec<_>>()
        .join(" ");
    let mut lines = vec![
        format!("User Aor: {}", lab.dir.sip_uri(user)),
        format!("Display Name: {}", lab.dir.name(user)),
        // Lab assumption: every user has Exchange UM voice mail.
        "UM Enabled: True".to_owned(),
    ];
    match &settings.forwarding {
        Forwarding::SimultaneouslyRing(SimulRingTarget::Delegates) if settings.ring_delay == 0 => {
            lines.push(format!("Simultaneously Ringing Delegates: {delegates}"));
        }
        Forwarding::SimultaneouslyRing(SimulRingTarget::Delegates) => {
            lines.push("Simulring enabled: False".into());
            lines.push(format!(
                "Delay Ringing Delegates (delay:{} seconds): {delegates}",
                settings.ring_delay
            ));
        }
        Forwarding::ForwardTo(ForwardTarget::Delegates) => {
            lines.push(format!("Forwarding calls to Delegates: {delegates}"));
        }
        Forwarding::SimultaneouslyRing(SimulRingTarget::Number(n)) => {
            lines.push("Simulring enabled: True".into());
            lines.push(format!("Simulring destination: {n}"));
        }
        Forwarding::ForwardTo(target) => {
            let to = match target {
                ForwardTarget::VoiceMail => "voicemail".to_owned(),
                ForwardTarget::Contact(u) => lab
                    .dir
                    .find_user(u)
                    .map_or_else(|| u.to_string(), |u| lab.dir.sip_uri(u)),
                ForwardTarget::Number(n) => n.clone(),
                ForwardTarget::Delegates => "Delegates".to_owned(),
            };
            lines.push(format!("Forward immediate to: {to}"));
        }
        Forwarding::Off | Forwarding::SimultaneouslyRing(SimulRingTarget::TeamCall) => {
            lines.push("Simulring enabled: False".into());
            lines.push(format!("User Ring time: 00:00:{UNANSWERED_SECONDS:02}"));
            lines.push("Call Forward No Answer to: voicemail".into());
        }
    }
    lines
}
