//! What the client policies (B4) and the voice policies (B12) share: Get-, Set-, New-,
//! Remove- and Grant-Cs*Policy over a Global policy and tag policies, once for both. A family
//! ([`PolicyFamily`]) says where its policies and grants are kept and what its own
//! properties do; `client_policy.rs` and `voice_policy.rs` are the two families.

use std::collections::BTreeMap;

use super::reach::{ReadAtSignIn, policy_reach, user_reach};
use super::{
    Call, CmdletResult, Obj, already_exists, find_user, not_found, pass_thru, print_what_if,
};
use crate::lab::lync_server::{GLOBAL, normalize_policy_identity};
use crate::lab::shell::ShellResult;
use crate::lab::shell::bind::ParamType::{Switch, Text};
use crate::lab::shell::bind::{Invocation, ParamDef, Value, p};
use crate::lab::shell::format::ErrorRecord;
use crate::lab::{Lab, Notes, UserIx};

/// A family of policies: Global first, then tag policies in the order they were created,
/// and the users' grants of tag policies (Global applies to the others).
pub(super) trait PolicyFamily {
    type Policy;
    /// "client" or "voice", as the log and the errors name the family.
    const KIND: &'static str;
    /// "ClientPolicy" or "VoicePolicy", as "Cannot find …" names one.
    const NOUN: &'static str;
    /// What Remove- of Global resets it to, as the log says it.
    const DEFAULTS: &'static str;
    /// What a client reads of it at sign-in and keeps until the next (B4, B12).
    const READ: ReadAtSignIn;

    fn policies(lab: &Lab) -> &[Self::Policy];
    fn policies_mut(lab: &mut Lab) -> &mut Vec<Self::Policy>;
    fn grants_mut(lab: &mut Lab) -> &mut BTreeMap<UserIx, String>;
    /// The policy in force for a user: the granted one, else Global.
    fn in_force(lab: &Lab, user: UserIx) -> &Self::Policy;
    /// A policy with nothing set but its identity.
    fn blank(identity: String) -> Self::Policy;
    fn identity(policy: &Self::Policy) -> &str;
    /// A policy on the pipeline.
    fn obj(identity: String) -> Obj;

    /// Set-: applies what the command line binds to the existing policy `id`.
    fn set(lab: &mut Lab, id: &str, inv: &Invocation, notes: &mut Notes);
    /// New-: the policy `id` was just made blank; sets what the command line binds.
    fn made(lab: &mut Lab, id: &str, inv: &Invocation, notes: &mut Notes);

    fn find<'l>(lab: &'l Lab, id: &str) -> Option<&'l Self::Policy> {
        Self::policies(lab)
            .iter()
            .find(|policy| Self::identity(policy) == id)
    }

    fn find_mut<'l>(lab: &'l mut Lab, id: &str) -> Option<&'l mut Self::Policy> {
        Self::policies_mut(lab)
            .iter_mut()
            .find(|policy| Self::identity(policy) == id)
    }
}

/// -Identity where Global is meant when it is left out (and Get-'s, where all are meant).
pub(super) const IDENTITY: ParamDef = p("Identity", Text, Some(0), false);
/// -Identity where it must be given.
pub(super) const MANDATORY_IDENTITY: ParamDef = p("Identity", Text, Some(0), true);
pub(super) const FORCE: ParamDef = p("Force", Switch, None, false);
pub(super) const PASS_THRU: ParamDef = p("PassThru", Switch, None, false);

pub(super) const GET_PARAMS: &[ParamDef] = &[IDENTITY];
pub(super) const REMOVE_PARAMS: &[ParamDef] = &[MANDATORY_IDENTITY, FORCE];

pub(super) fn get<F: PolicyFamily>(call: Call<'_>) -> CmdletResult {
    match &call.identity {
        None => Ok(F::policies(call.lab)
            .iter()
            .map(|policy| F::obj(F::identity(policy).to_owned()))
            .collect()),
        Some(id) => Ok(vec![F::obj(existing::<F>(call.inv, call.lab, id)?)]),
    }
}

pub(super) fn set<F: PolicyFamily>(call: Call<'_>) -> CmdletResult {
    let typed = call.identity.as_deref().unwrap_or(GLOBAL);
    let id = existing::<F>(call.inv, call.lab, typed)?;
    if !only_what_if(call.inv, &id, call.result) {
        F::set(call.lab, &id, call.inv, call.notes);
    }
    Ok(Vec::new())
}

pub(super) fn new<F: PolicyFamily>(call: Call<'_>) -> CmdletResult {
    let id = policy_identity::<F>(call.inv, call.identity.as_deref().unwrap_or_default())?;
    if F::find(call.lab, &id).is_some() {
        return Err(already_exists(call.inv, &id));
    }
    if id == GLOBAL {
        return Err(not_found(call.inv, F::NOUN, &id));
    }
    if only_what_if(call.inv, &id, call.result) {
        return Ok(Vec::new());
    }
    F::policies_mut(call.lab).push(F::blank(id.clone()));
    F::made(call.lab, &id, call.inv, call.notes);
    Ok(vec![F::obj(id)])
}

pub(super) fn remove<F: PolicyFamily>(call: Call<'_>) -> CmdletResult {
    let typed = call.identity.as_deref().unwrap_or_default();
    let id = existing::<F>(call.inv, call.lab, typed)?;
    if only_what_if(call.inv, &id, call.result) {
        return Ok(Vec::new());
    }
    if id == GLOBAL {
        reset_global::<F>(call.lab, call.notes);
    } else {
        remove_tag::<F>(call.lab, &id, call.notes);
    }
    Ok(Vec::new())
}

/// The Global policy cannot be removed: removing it resets it.
fn reset_global<F: PolicyFamily>(lab: &mut Lab, notes: &mut Notes) {
    let global = F::find_mut(lab, GLOBAL).expect("Global always exists");
    *global = F::blank(GLOBAL.into());
    notes.say(format!(
        "Lync Server: the Global {} policy cannot be removed; its settings were reset to their defaults ({}).",
        F::KIND,
        F::DEFAULTS
    ));
    reach::<F>(lab, GLOBAL, notes);
}

/// Removes a tag policy; the users it was granted to get Global. Says so in the log.
fn remove_tag<F: PolicyFamily>(lab: &mut Lab, id: &str, notes: &mut Notes) {
    F::policies_mut(lab).retain(|policy| F::identity(policy) != id);
    let grants = F::grants_mut(lab);
    let before = grants.len();
    grants.retain(|_, granted| granted != id);
    let ungranted = before - grants.len();
    notes.say(format!(
        "Lync Server: removed {} policy {id}{}.",
        F::KIND,
        if ungranted == 0 {
            String::new()
        } else {
            format!("; {ungranted} user(s) granted it now get Global")
        }
    ));
}

/// Grant-: -PolicyName a tag policy, or `$null` to remove the user's grant.
pub(super) fn grant<F: PolicyFamily>(call: Call<'_>) -> CmdletResult {
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
        Some(Value::Text(name)) => Some(grantable::<F>(inv, lab, name)?),
        _ => None,
    };
    let who = lab.dir.name(user).to_owned();
    if only_what_if(inv, &who, result) {
        return Ok(Vec::new());
    }
    let kind = F::KIND;
    match &policy {
        Some(id) => {
            F::grants_mut(lab).insert(user, id.clone());
            notes.say(format!("Lync Server: granted {kind} policy {id} to {who}."));
        }
        None => {
            F::grants_mut(lab).remove(&user);
            notes.say(format!(
                "Lync Server: {who} has no granted {kind} policy now; Global applies."
            ));
        }
    }
    user_reach(lab, user, F::READ, notes);
    Ok(pass_thru(inv, Obj::User(user)))
}

/// The identity of a policy -PolicyName may grant: an existing one other than Global.
fn grantable<F: PolicyFamily>(
    inv: &Invocation,
    lab: &Lab,
    name: &str,
) -> Result<String, ErrorRecord> {
    let id = policy_identity::<F>(inv, name)?;
    if id == GLOBAL {
        return Err(global_not_grantable(inv));
    }
    known::<F>(inv, lab, id)
}

/// The identity of an existing policy of the family, as typed.
fn existing<F: PolicyFamily>(inv: &Invocation, lab: &Lab, id: &str) -> Result<String, ErrorRecord> {
    known::<F>(inv, lab, policy_identity::<F>(inv, id)?)
}

/// A policy identity, if the family has that policy.
fn known<F: PolicyFamily>(inv: &Invocation, lab: &Lab, id: String) -> Result<String, ErrorRecord> {
    match F::find(lab, &id) {
        Some(_) => Ok(id),
        None => Err(not_found(inv, F::NOUN, &id)),
    }
}

/// A policy identity as typed (`Global`, `Tag:Name`, `Name`), or PowerShell's refusal (of a
/// site or service scope, say).
fn policy_identity<F: PolicyFamily>(inv: &Invocation, id: &str) -> Result<String, ErrorRecord> {
    normalize_policy_identity(id).ok_or_else(|| {
        inv.error(
            format!(
                "\"{id}\" is not a valid {} policy identity. Use \"Global\", \"Tag:<name>\" or \"<name>\".",
                F::KIND
            ),
            &format!("InvalidArgument: ({id}:String) [{}], ArgumentException", inv.cmdlet.name),
            "InvalidIdentity",
        )
    })
}

/// `Grant-Cs*Policy -PolicyName Global`.
fn global_not_grantable(inv: &Invocation) -> ErrorRecord {
    inv.error(
        "The Global policy cannot be granted: it applies to every user without a granted policy. Use -PolicyName $null to remove a grant.".into(),
        &format!("InvalidArgument: (:) [{}], ArgumentException", inv.cmdlet.name),
        "InvalidPolicyName",
    )
}

/// -WhatIf: says what would be done instead of doing it; true when it did.
fn only_what_if(inv: &Invocation, target: &str, result: &mut ShellResult) -> bool {
    let what_if = inv.what_if();
    if what_if {
        print_what_if(inv, target, result);
    }
    what_if
}

/// A changed policy reaches clients only at their next sign-in (B4, B12): says which wait.
pub(super) fn reach<F: PolicyFamily>(lab: &Lab, id: &str, notes: &mut Notes) {
    policy_reach(
        lab,
        id,
        |user| F::identity(F::in_force(lab, user)),
        F::READ,
        notes,
    );
}
