//! The voice policies' family of Get-, Set-, New-, Remove- and Grant-CsVoicePolicy
//! ([`super::policy`]): their EnableDelegation gates call delegation and, with the client
//! policy, the delegate sync (B5, B12).

use std::collections::BTreeMap;

use super::Obj;
use super::policy::{FORCE, IDENTITY, MANDATORY_IDENTITY, PASS_THRU, PolicyFamily, reach};
use super::reach::ReadAtSignIn;
use crate::lab::shell::bind::ParamType::{Bool, PolicyName, Text};
use crate::lab::shell::bind::{Invocation, ParamDef, Value, p};
use crate::lab::voice::{VOICE_POLICY_PROPERTIES, VoicePolicy, bool_text};
use crate::lab::{Lab, Notes, UserIx};

/// The voice policies (B12).
pub(super) struct VoiceFamily;

impl PolicyFamily for VoiceFamily {
    type Policy = VoicePolicy;
    const KIND: &'static str = "voice";
    const NOUN: &'static str = "VoicePolicy";
    const DEFAULTS: &'static str = "EnableDelegation True";
    const READ: ReadAtSignIn = ReadAtSignIn::VoicePolicy;

    fn policies(lab: &Lab) -> &[VoicePolicy] {
        &lab.server.voice.policies
    }

    fn policies_mut(lab: &mut Lab) -> &mut Vec<VoicePolicy> {
        &mut lab.server.voice.policies
    }

    fn grants_mut(lab: &mut Lab) -> &mut BTreeMap<UserIx, String> {
        &mut lab.server.voice.grants
    }

    fn in_force(lab: &Lab, user: UserIx) -> &VoicePolicy {
        lab.server.voice.effective(user)
    }

    fn blank(identity: String) -> VoicePolicy {
        VoicePolicy::new(identity)
    }

    fn identity(policy: &VoicePolicy) -> &str {
        &policy.identity
    }

    fn obj(identity: String) -> Obj {
        Obj::VoicePolicy(identity)
    }

    fn set(lab: &mut Lab, id: &str, inv: &Invocation, notes: &mut Notes) {
        apply(lab, id, inv, notes);
        if inv.has("EnableDelegation") {
            reach::<Self>(lab, id, notes);
        }
    }

    fn made(lab: &mut Lab, id: &str, inv: &Invocation, notes: &mut Notes) {
        notes.say(format!("Lync Server: new voice policy {id}."));
        apply(lab, id, inv, notes);
        let delegation = Self::find(lab, id).expect("just made").enable_delegation;
        notes.say(format!(
            "Lync Server: voice policy {id} has EnableDelegation {}.",
            bool_text(delegation)
        ));
    }
}

/// The parameters of Set- and New-CsVoicePolicy in the Lync Server 2013 reference's order
/// (research/ev-and-field-faults.md §3.1), which is not the order Get-CsVoicePolicy prints
/// the properties in ([`VOICE_POLICY_PROPERTIES`]). Booleans take Booleans; the others keep
/// the text typed (lab assumption: list modifiers and enumerations are not checked).
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
            FORCE,
            p("Name", Text, None, false),
            p("PreventPSTNTollBypass", Bool, None, false),
            p("PstnUsages", Text, None, false),
            p("PSTNVoicemailEscapeTimer", Text, None, false),
            p("Tenant", Text, None, false),
            p("VoiceDeploymentMode", Text, None, false),
        ]
    };
}

pub(super) const SET_PARAMS: &[ParamDef] = voice_params!(IDENTITY);
pub(super) const NEW_PARAMS: &[ParamDef] = voice_params!(MANDATORY_IDENTITY);

pub(super) const GRANT_PARAMS: &[ParamDef] = &[
    MANDATORY_IDENTITY,
    p("PolicyName", PolicyName, Some(1), false),
    p("DomainController", Text, None, false),
    PASS_THRU,
];

/// Sets what the command line binds: EnableDelegation and Description in their fields, the
/// other properties as Get-CsVoicePolicy shows them.
fn apply(lab: &mut Lab, id: &str, inv: &Invocation, notes: &mut Notes) {
    for (name, value) in inv.bound() {
        let policy = VoiceFamily::find_mut(lab, id).expect("the caller found it");
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
