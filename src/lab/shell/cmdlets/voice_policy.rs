//! Get-, Set-, New-, Remove- and Grant-CsVoicePolicy: the voice policies whose
//! EnableDelegation gates call delegation and, with the client policy, the delegate sync
//! (B5, B12).

use super::reach::{ReadAtSignIn, policy_reach};
use super::{
    Call, CmdletResult, Obj, already_exists, find_user, global_not_grantable, not_found, pass_thru,
    print_what_if, remove_grants,
};
use crate::lab::lync_server::GLOBAL;
use crate::lab::shell::bind::ParamType::{Bool, PolicyName, Switch, Text};
use crate::lab::shell::bind::{Invocation, ParamDef, Value, p};
use crate::lab::shell::format::ErrorRecord;
use crate::lab::voice::{VOICE_POLICY_PROPERTIES, VoicePolicy, bool_text};
use crate::lab::{Lab, Notes};

pub(super) const GET_PARAMS: &[ParamDef] = &[p("Identity", Text, Some(0), false)];

pub(super) fn get(call: Call<'_>) -> CmdletResult {
    let Call {
        lab, inv, identity, ..
    } = call;
    match identity {
        None => Ok(lab
            .server
            .voice
            .policies
            .iter()
            .map(|p| Obj::VoicePolicy(p.identity.clone()))
            .collect()),
        Some(id) => {
            let id = policy_identity(inv, &id)?;
            if lab.server.voice.get(&id).is_none() {
                return Err(not_found(inv, "VoicePolicy", &id));
            }
            Ok(vec![Obj::VoicePolicy(id)])
        }
    }
}

/// The parameters of Set- and New-CsVoicePolicy in the Lync Server 2013 reference's order
/// (research/ev-and-field-faults.md §3.1). Booleans take Booleans; the others keep the text
/// typed (lab assumption: list modifiers and enumerations are not checked).
macro_rules! voice_params {
    ($identity:expr) => {
        &[
            $identity,
            p("AllowCallForwarding", Bool, None, false),
            p("AllowPSTNReRouting", Bool, None, false),
            p("AllowSimulRing", Bool, None, false),
            p("CallForwardingSimulRingUsageType", Text, None, false),
            p("CustomCallForwardingSimulRingUsages", Text, None, false),
            p("Description", Text, None, false),
            p("EnableBWPolicyOverride", Bool, None, false),
            p("EnableCallPark", Bool, None, false),
            p("EnableCallTransfer", Bool, None, false),
            p("EnableDelegation", Bool, None, false),
            p("EnableMaliciousCallTracing", Bool, None, false),
            p("EnableTeamCall", Bool, None, false),
            p("EnableVoicemailEscapeTimer", Bool, None, false),
            p("Force", Switch, None, false),
            p("Name", Text, None, false),
            p("PreventPSTNTollBypass", Bool, None, false),
            p("PstnUsages", Text, None, false),
            p("PSTNVoicemailEscapeTimer", Text, None, false),
            p("Tenant", Text, None, false),
            p("VoiceDeploymentMode", Text, None, false),
        ]
    };
}

pub(super) const SET_PARAMS: &[ParamDef] = voice_params!(p("Identity", Text, Some(0), false));
pub(super) const NEW_PARAMS: &[ParamDef] = voice_params!(p("Identity", Text, Some(0), true));

/// Sets what the command line binds: EnableDelegation and Description in their fields, the
/// other properties as Get-CsVoicePolicy shows them.
fn apply(lab: &mut Lab, id: &str, inv: &Invocation, notes: &mut Notes) {
    for (name, value) in inv.bound() {
        let policy = lab.server.voice.get_mut(id).expect("the caller found it");
        match name {
            "Identity" | "Force" | "Tenant" | "WhatIf" | "Confirm" | "Verbose" | "Debug"
            | "ErrorAction" | "WarningAction" => continue,
            "EnableDelegation" => {
                let before = policy.enable_delegation;
                policy.enable_delegation = matches!(value, Value::Bool(true));
                notes.say(format!(
                    "Lync Server: voice policy {id}: EnableDelegation {} → {}.",
                    bool_text(before),
                    bool_text(policy.enable_delegation)
                ));
            }
            "Description" => {
                policy.description = value.shown();
                notes.say(format!("Lync Server: voice policy {id}: Description set."));
            }
            other => {
                let Some(&property) = VOICE_POLICY_PROPERTIES.iter().find(|p| **p == other) else {
                    continue;
                };
                policy.settings.insert(property, value.shown());
                notes.say(format!(
                    "Lync Server: voice policy {id}: {property} = {} (shown by Get-CsVoicePolicy; no rule of the lab uses it).",
                    value.shown()
                ));
            }
        }
    }
}

pub(super) fn set(call: Call<'_>) -> CmdletResult {
    let Call {
        lab,
        inv,
        identity,
        notes,
        result,
        ..
    } = call;
    let id = policy_identity(inv, identity.as_deref().unwrap_or(GLOBAL))?;
    if lab.server.voice.get(&id).is_none() {
        return Err(not_found(inv, "VoicePolicy", &id));
    }
    if inv.what_if() {
        print_what_if(inv, &id, result);
        return Ok(Vec::new());
    }
    apply(lab, &id, inv, notes);
    if inv.has("EnableDelegation") {
        voice_policy_reach(lab, &id, notes);
    }
    Ok(Vec::new())
}

pub(super) fn new(call: Call<'_>) -> CmdletResult {
    let Call {
        lab,
        inv,
        identity,
        notes,
        result,
        ..
    } = call;
    let id = policy_identity(inv, identity.as_deref().unwrap_or_default())?;
    if lab.server.voice.get(&id).is_some() {
        return Err(already_exists(inv, &id));
    }
    if id == GLOBAL {
        return Err(not_found(inv, "VoicePolicy", &id));
    }
    if inv.what_if() {
        print_what_if(inv, &id, result);
        return Ok(Vec::new());
    }
    lab.server.voice.policies.push(VoicePolicy::new(id.clone()));
    notes.say(format!("Lync Server: new voice policy {id}."));
    apply(lab, &id, inv, notes);
    let delegation = lab
        .server
        .voice
        .get(&id)
        .expect("just made")
        .enable_delegation;
    notes.say(format!(
        "Lync Server: voice policy {id} has EnableDelegation {}.",
        bool_text(delegation)
    ));
    Ok(vec![Obj::VoicePolicy(id)])
}

pub(super) const REMOVE_PARAMS: &[ParamDef] = &[
    p("Identity", Text, Some(0), true),
    p("Force", Switch, None, false),
];

pub(super) fn remove(call: Call<'_>) -> CmdletResult {
    let Call {
        lab,
        inv,
        identity,
        notes,
        result,
        ..
    } = call;
    let id = policy_identity(inv, identity.as_deref().unwrap_or_default())?;
    if lab.server.voice.get(&id).is_none() {
        return Err(not_found(inv, "VoicePolicy", &id));
    }
    if inv.what_if() {
        print_what_if(inv, &id, result);
        return Ok(Vec::new());
    }
    if id == GLOBAL {
        let global = lab
            .server
            .voice
            .get_mut(GLOBAL)
            .expect("Global always exists");
        *global = VoicePolicy::new(GLOBAL.into());
        notes.say("Lync Server: the Global voice policy cannot be removed; its settings were reset to their defaults (EnableDelegation True).");
        voice_policy_reach(lab, GLOBAL, notes);
        return Ok(Vec::new());
    }
    lab.server.voice.policies.retain(|p| p.identity != id);
    remove_grants(&mut lab.server.voice.grants, "voice", &id, notes);
    Ok(Vec::new())
}

pub(super) const GRANT_PARAMS: &[ParamDef] = &[
    p("Identity", Text, Some(0), true),
    p("PolicyName", PolicyName, Some(1), false),
    p("DomainController", Text, None, false),
    p("PassThru", Switch, None, false),
];

pub(super) fn grant(call: Call<'_>) -> CmdletResult {
    let Call {
        lab,
        inv,
        identity,
        notes,
        result,
        ..
    } = call;
    let user = find_user(inv, lab, identity.as_deref().unwrap_or_default())?;
    let policy = match inv.get("PolicyName") {
        Some(Value::Text(name)) => {
            let id = policy_identity(inv, name)?;
            if id == GLOBAL {
                return Err(global_not_grantable(inv));
            }
            if lab.server.voice.get(&id).is_none() {
                return Err(not_found(inv, "VoicePolicy", &id));
            }
            Some(id)
        }
        _ => None,
    };
    let who = lab.dir.name(user).to_owned();
    if inv.what_if() {
        print_what_if(inv, &who, result);
        return Ok(Vec::new());
    }
    match &policy {
        Some(id) => {
            lab.server.voice.grants.insert(user, id.clone());
            notes.say(format!("Lync Server: granted voice policy {id} to {who}."));
        }
        None => {
            lab.server.voice.grants.remove(&user);
            notes.say(format!(
                "Lync Server: {who} has no granted voice policy now; Global applies."
            ));
        }
    }
    super::reach::user_reach(lab, user, ReadAtSignIn::VoicePolicy, notes);
    Ok(pass_thru(inv, Obj::User(user)))
}

/// B12: a changed voice policy reaches clients only at their next sign-in.
fn voice_policy_reach(lab: &Lab, identity: &str, notes: &mut Notes) {
    policy_reach(
        lab,
        identity,
        |u| &lab.server.voice.effective(u).identity,
        ReadAtSignIn::VoicePolicy,
        notes,
    );
}

fn policy_identity(inv: &Invocation, id: &str) -> Result<String, ErrorRecord> {
    super::policy_identity(inv, id, "voice")
}
