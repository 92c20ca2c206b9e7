//! Get-, Set-, New-, Remove- and Grant-CsClientPolicy: the client policies whose
//! EnableExchangeDelegateSync decides whether Lync keeps Outlook's delegates in sync (B4).

use super::reach::{ReadAtSignIn, policy_reach, user_reach};
use super::{
    Call, CmdletResult, Obj, already_exists, find_user, global_not_grantable, not_found, pass_thru,
    print_what_if, remove_grants,
};
use crate::lab::lync_rules::sync_setting;
use crate::lab::lync_server::{
    CLIENT_POLICY_PROPERTIES, CLIENT_POLICY_SCHEMA, ClientPolicy, GLOBAL, PropertyValue,
};
use crate::lab::shell::bind::ParamType::{NullableBool, PolicyName, Switch, Text};
use crate::lab::shell::bind::{Invocation, ParamDef, Value, p};
use crate::lab::shell::format::ErrorRecord;
use crate::lab::{Lab, Notes};

pub(super) const GET_PARAMS: &[ParamDef] = &[p("Identity", Text, Some(0), false)];

pub(super) fn get(call: Call<'_>) -> CmdletResult {
    let Call {
        lab, inv, identity, ..
    } = call;
    match identity {
        None => Ok(lab
            .server
            .policies
            .iter()
            .map(|p| Obj::Policy(p.identity.clone()))
            .collect()),
        Some(id) => {
            let id = policy_identity(inv, &id)?;
            if lab.server.policy(&id).is_none() {
                return Err(not_found(inv, "ClientPolicy", &id));
            }
            Ok(vec![Obj::Policy(id)])
        }
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

const FORCE: ParamDef = p("Force", Switch, None, false);

pub(super) const SET_PARAMS: &[ParamDef] = &params(p("Identity", Text, Some(0), false));

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
        let policy = lab
            .server
            .policy_mut(id)
            .expect("the caller found the policy");
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
    let Some(policy) = lab.server.policy(&id) else {
        return Err(not_found(inv, "ClientPolicy", &id));
    };
    if inv.what_if() {
        print_what_if(inv, &id, result);
        return Ok(Vec::new());
    }
    let before = policy.enable_exchange_delegate_sync;
    if let Some(value) = inv.get("EnableExchangeDelegateSync") {
        let value = match value {
            Value::Bool(b) => Some(*b),
            _ => None,
        };
        lab.server
            .policy_mut(&id)
            .expect("found above")
            .enable_exchange_delegate_sync = value;
        notes.say(format!(
            "Lync Server: client policy {id}: EnableExchangeDelegateSync {} → {}.",
            sync_setting(before),
            sync_setting(value)
        ));
        client_policy_reach(lab, &id, notes);
    }
    if let Some(value) = inv.get("Description") {
        lab.server.policy_mut(&id).expect("found above").description = value.shown();
        notes.say(format!("Lync Server: client policy {id}: Description set."));
    }
    apply_settings(lab, &id, inv, notes);
    Ok(Vec::new())
}

pub(super) const NEW_PARAMS: &[ParamDef] = &params(p("Identity", Text, Some(0), true));

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
    if lab.server.policy(&id).is_some() {
        return Err(already_exists(inv, &id));
    }
    if id == GLOBAL {
        return Err(not_found(inv, "ClientPolicy", &id));
    }
    if inv.what_if() {
        print_what_if(inv, &id, result);
        return Ok(Vec::new());
    }
    let sync = match inv.get("EnableExchangeDelegateSync") {
        Some(Value::Bool(b)) => Some(*b),
        _ => None,
    };
    lab.server.policies.push(ClientPolicy {
        description: inv.get("Description").map(Value::shown).unwrap_or_default(),
        enable_exchange_delegate_sync: sync,
        ..ClientPolicy::new(id.clone())
    });
    notes.say(format!(
        "Lync Server: new client policy {id} (EnableExchangeDelegateSync {}).",
        sync_setting(sync)
    ));
    apply_settings(lab, &id, inv, notes);
    Ok(vec![Obj::Policy(id)])
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
    if lab.server.policy(&id).is_none() {
        return Err(not_found(inv, "ClientPolicy", &id));
    }
    if inv.what_if() {
        print_what_if(inv, &id, result);
        return Ok(Vec::new());
    }
    if id == GLOBAL {
        reset_global(lab, notes);
    } else {
        remove_tag(lab, &id, notes);
    }
    Ok(Vec::new())
}

/// The Global policy cannot be removed: removing it resets it.
fn reset_global(lab: &mut Lab, notes: &mut Notes) {
    let global = lab.server.policy_mut(GLOBAL).expect("Global always exists");
    global.enable_exchange_delegate_sync = None;
    global.description.clear();
    global.settings.clear();
    notes.say("Lync Server: the Global client policy cannot be removed; its settings were reset to their defaults (EnableExchangeDelegateSync not set).");
    client_policy_reach(lab, GLOBAL, notes);
}

/// Removes a tag policy; the users it was granted to get Global.
fn remove_tag(lab: &mut Lab, id: &str, notes: &mut Notes) {
    lab.server.policies.retain(|p| p.identity != id);
    remove_grants(&mut lab.server.grants, "client", id, notes);
}

pub(super) const GRANT_PARAMS: &[ParamDef] = &[
    p("Identity", Text, Some(0), true),
    p("PolicyName", PolicyName, Some(1), true),
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
        Some(Value::Text(name)) => Some(grantable(inv, lab, name)?),
        _ => None,
    };
    let who = lab.dir.name(user).to_owned();
    if inv.what_if() {
        print_what_if(inv, &who, result);
        return Ok(Vec::new());
    }
    match &policy {
        Some(id) => {
            lab.server.grants.insert(user, id.clone());
            notes.say(format!("Lync Server: granted client policy {id} to {who}."));
        }
        None => {
            lab.server.grants.remove(&user);
            notes.say(format!(
                "Lync Server: {who} has no granted client policy now; Global applies."
            ));
        }
    }
    user_reach(lab, user, ReadAtSignIn::ClientPolicy, notes);
    Ok(pass_thru(inv, Obj::User(user)))
}

/// The identity of a policy -PolicyName may grant: an existing one other than Global.
fn grantable(inv: &Invocation, lab: &Lab, name: &str) -> Result<String, ErrorRecord> {
    let id = policy_identity(inv, name)?;
    if id == GLOBAL {
        return Err(global_not_grantable(inv));
    }
    if lab.server.policy(&id).is_none() {
        return Err(not_found(inv, "ClientPolicy", &id));
    }
    Ok(id)
}

fn policy_identity(inv: &Invocation, id: &str) -> Result<String, ErrorRecord> {
    super::policy_identity(inv, id, "client")
}

/// B4: a changed client policy reaches clients only at their next sign-in.
fn client_policy_reach(lab: &Lab, identity: &str, notes: &mut Notes) {
    policy_reach(
        lab,
        identity,
        |u| &lab.server.effective_policy(u).identity,
        ReadAtSignIn::ClientPolicy,
        notes,
    );
}
