//! Get-, Set-, New-, Remove- and Grant-CsClientPolicy: the client policies whose
//! EnableExchangeDelegateSync decides whether Lync keeps Outlook's delegates in sync (B4).

use super::reach::{policy_reach, user_reach};
use super::{Call, CmdletResult, Obj, find_user, not_found, pass_thru, print_what_if};
use crate::lab::lync_rules::sync_setting;
use crate::lab::lync_server::{ClientPolicy, GLOBAL, normalize_policy_identity};
use crate::lab::shell::bind::ParamType::{NullableBool, PolicyName, Switch, Text};
use crate::lab::shell::bind::{Invocation, ParamDef, Value, p};
use crate::lab::shell::format::ErrorRecord;
use crate::lab::{Lab, Notes, UserIx};

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

pub(super) const SET_PARAMS: &[ParamDef] = &[
    p("Identity", Text, Some(0), false),
    p("EnableExchangeDelegateSync", NullableBool, None, false),
    p("Description", Text, None, false),
];

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
        policy_reach(lab, &id, notes);
    }
    if let Some(value) = inv.get("Description") {
        lab.server.policy_mut(&id).expect("found above").description = value.shown();
        notes.say(format!("Lync Server: client policy {id}: Description set."));
    }
    Ok(Vec::new())
}

pub(super) const NEW_PARAMS: &[ParamDef] = &[
    p("Identity", Text, Some(0), true),
    p("EnableExchangeDelegateSync", NullableBool, None, false),
    p("Description", Text, None, false),
];

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
        return Err(inv.error(
            format!("Cannot create \"{id}\" because it already exists."),
            &format!(
                "InvalidOperation: ({id}:String) [{}], InvalidOperationException",
                inv.cmdlet.name
            ),
            "InstanceAlreadyExists",
        ));
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
        identity: id.clone(),
        description: inv.get("Description").map(Value::shown).unwrap_or_default(),
        enable_exchange_delegate_sync: sync,
    });
    notes.say(format!(
        "Lync Server: new client policy {id} (EnableExchangeDelegateSync {}).",
        sync_setting(sync)
    ));
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
    notes.say("Lync Server: the Global client policy cannot be removed; its settings were reset to their defaults (EnableExchangeDelegateSync not set).");
    policy_reach(lab, GLOBAL, notes);
}

/// Removes a tag policy; the users it was granted to get Global.
fn remove_tag(lab: &mut Lab, id: &str, notes: &mut Notes) {
    lab.server.policies.retain(|p| p.identity != id);
    let granted: Vec<UserIx> = lab
        .server
        .grants
        .iter()
        .filter(|(_, g)| **g == id)
        .map(|(&u, _)| u)
        .collect();
    for u in &granted {
        lab.server.grants.remove(u);
    }
    notes.say(format!(
        "Lync Server: removed client policy {id}{}.",
        if granted.is_empty() {
            String::new()
        } else {
            format!("; {} user(s) granted it now get Global", granted.len())
        }
    ));
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
    user_reach(lab, user, notes);
    Ok(pass_thru(inv, Obj::User(user)))
}

/// The identity of a policy -PolicyName may grant: an existing one other than Global.
fn grantable(inv: &Invocation, lab: &Lab, name: &str) -> Result<String, ErrorRecord> {
    let id = policy_identity(inv, name)?;
    if id == GLOBAL {
        return Err(inv.error(
            "The Global policy cannot be granted: it applies to every user without a granted policy. Use -PolicyName $null to remove a grant.".into(),
            &format!("InvalidArgument: (:) [{}], ArgumentException", inv.cmdlet.name),
            "InvalidPolicyName",
        ));
    }
    if lab.server.policy(&id).is_none() {
        return Err(not_found(inv, "ClientPolicy", &id));
    }
    Ok(id)
}

fn policy_identity(inv: &Invocation, id: &str) -> Result<String, ErrorRecord> {
    normalize_policy_identity(id).ok_or_else(|| {
        inv.error(
            format!("\"{id}\" is not a valid client policy identity. Use \"Global\", \"Tag:<name>\" or \"<name>\"."),
            &format!("InvalidArgument: ({id}:String) [{}], ArgumentException", inv.cmdlet.name),
            "InvalidIdentity",
        )
    })
}
