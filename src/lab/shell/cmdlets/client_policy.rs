//! The client policies' family of Get-, Set-, New-, Remove- and Grant-CsClientPolicy
//! ([`super::policy`]): their EnableExchangeDelegateSync decides whether Lync keeps Outlook's
//! delegates in sync (B4).

use std::collections::BTreeMap;

use super::Obj;
use super::policy::{FORCE, IDENTITY, MANDATORY_IDENTITY, PASS_THRU, PolicyFamily, reach};
use super::reach::ReadAtSignIn;
use crate::lab::lync_server::{
    CLIENT_POLICY_PROPERTIES, CLIENT_POLICY_SCHEMA, ClientPolicy, PropertyValue,
};
use crate::lab::policy::sync_setting;
use crate::lab::shell::bind::ParamType::{NullableBool, PolicyName, Text};
use crate::lab::shell::bind::{Invocation, ParamDef, Value, p};
use crate::lab::{Lab, Notes, UserIx};

/// The client policies (B4).
pub(super) struct ClientFamily;

impl PolicyFamily for ClientFamily {
    type Policy = ClientPolicy;
    const KIND: &'static str = "client";
    const NOUN: &'static str = "ClientPolicy";
    const DEFAULTS: &'static str = "EnableExchangeDelegateSync not set";
    const READ: ReadAtSignIn = ReadAtSignIn::ClientPolicy;

    fn policies(lab: &Lab) -> &[ClientPolicy] {
        &lab.server.policies
    }

    fn policies_mut(lab: &mut Lab) -> &mut Vec<ClientPolicy> {
        &mut lab.server.policies
    }

    fn grants_mut(lab: &mut Lab) -> &mut BTreeMap<UserIx, String> {
        &mut lab.server.grants
    }

    fn in_force(lab: &Lab, user: UserIx) -> &ClientPolicy {
        lab.server.effective_policy(user)
    }

    fn blank(identity: String) -> ClientPolicy {
        ClientPolicy::new(identity)
    }

    fn identity(policy: &ClientPolicy) -> &str {
        &policy.identity
    }

    fn obj(identity: String) -> Obj {
        Obj::Policy(identity)
    }

    fn set(lab: &mut Lab, id: &str, inv: &Invocation, notes: &mut Notes) {
        if let Some(value) = inv.get("EnableExchangeDelegateSync") {
            let policy = Self::find_mut(lab, id).expect("the caller found it");
            let before = policy.enable_exchange_delegate_sync;
            policy.enable_exchange_delegate_sync = match value {
                Value::Bool(b) => Some(*b),
                _ => None,
            };
            notes.say(format!(
                "Lync Server: client policy {id}: EnableExchangeDelegateSync {} → {}.",
                sync_setting(before),
                sync_setting(policy.enable_exchange_delegate_sync)
            ));
            reach::<Self>(lab, id, notes);
        }
        if let Some(value) = inv.get("Description") {
            Self::find_mut(lab, id)
                .expect("the caller found it")
                .description = value.shown();
            notes.say(format!("Lync Server: client policy {id}: Description set."));
        }
        apply_settings(lab, id, inv, notes);
    }

    fn made(lab: &mut Lab, id: &str, inv: &Invocation, notes: &mut Notes) {
        let policy = Self::find_mut(lab, id).expect("just made");
        policy.description = inv.get("Description").map(Value::shown).unwrap_or_default();
        policy.enable_exchange_delegate_sync = match inv.get("EnableExchangeDelegateSync") {
            Some(Value::Bool(b)) => Some(*b),
            _ => None,
        };
        notes.say(format!(
            "Lync Server: new client policy {id} (EnableExchangeDelegateSync {}).",
            sync_setting(policy.enable_exchange_delegate_sync)
        ));
        apply_settings(lab, id, inv, notes);
    }
}

/// Every property of the client policy ([`CLIENT_POLICY_SCHEMA`], W12, in Get-CsClientPolicy's
/// order) as a parameter of Set- and New-CsClientPolicy, as in the Lync Server 2013
/// reference, then -Force: so shortened names are ambiguous where PowerShell finds them so
/// (`-Enable`, `-EnableEx`), and a customer's command that sets other properties too runs as
/// it did for them. Boolean properties take Booleans (or `$null`); the others keep the text
/// typed (lab assumption: their types — TimeSpan, UInt32, enumerations — are not checked).
/// The parameters' own order, which PowerShell's "Possible matches include" follows, is not
/// documented for Lync Server 2013: the lab uses Get-CsClientPolicy's (lab assumption).
const fn params(identity: ParamDef) -> [ParamDef; CLIENT_POLICY_SCHEMA.len() + 1] {
    let mut params = [FORCE; CLIENT_POLICY_SCHEMA.len() + 1];
    // The schema's first property is the Identity.
    params[0] = identity;
    let mut i = 1;
    while i < CLIENT_POLICY_SCHEMA.len() {
        let (name, holds) = CLIENT_POLICY_SCHEMA[i];
        let ty = match holds {
            PropertyValue::Boolean => NullableBool,
            PropertyValue::Text => Text,
        };
        params[i] = p(name, ty, None, false);
        i += 1;
    }
    params
}

pub(super) const SET_PARAMS: &[ParamDef] = &params(IDENTITY);
pub(super) const NEW_PARAMS: &[ParamDef] = &params(MANDATORY_IDENTITY);

pub(super) const GRANT_PARAMS: &[ParamDef] = &[
    MANDATORY_IDENTITY,
    p("PolicyName", PolicyName, Some(1), true),
    PASS_THRU,
];

/// The parameters that set a property kept in [`ClientPolicy::settings`]: not the identity,
/// the ones with a field of their own, PolicyEntry (no entries in the lab) or the switches.
fn is_setting(name: &str) -> bool {
    CLIENT_POLICY_PROPERTIES.contains(&name)
        && !matches!(
            name,
            "Identity" | "PolicyEntry" | "Description" | "EnableExchangeDelegateSync"
        )
}

/// Sets the other properties bound on the command line (`$null` unsets), saying each in the
/// log; and says that PolicyEntry is not kept.
fn apply_settings(lab: &mut Lab, id: &str, inv: &Invocation, notes: &mut Notes) {
    if inv.has("PolicyEntry") {
        notes.say(format!(
            "Lync Server: client policy {id}: PolicyEntry was not changed (the lab keeps no policy entries; lab limitation)."
        ));
    }
    for (name, value) in inv.bound() {
        if !is_setting(name) {
            continue;
        }
        let policy = ClientFamily::find_mut(lab, id).expect("the caller found the policy");
        let before = policy.settings.get(name).cloned();
        match value {
            Value::Null => policy.settings.remove(name),
            value => policy.settings.insert(name, value.shown()),
        };
        let after = policy.settings.get(name).cloned();
        let shown = |v: Option<String>| v.unwrap_or_else(|| "not set".into());
        notes.say(format!(
            "Lync Server: client policy {id}: {name} {} → {} (shown by Get-CsClientPolicy; no rule of the lab uses it).",
            shown(before),
            shown(after)
        ));
    }
}
