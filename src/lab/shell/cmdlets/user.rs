//! Get-CsUser and Set-CsUser.

use super::{Call, CmdletResult, Obj, find_user, pass_thru, print_what_if};
use crate::lab::shell::bind::ParamType::{Bool, Switch, Text};
use crate::lab::shell::bind::{ParamDef, Value, p};

pub(super) const GET_PARAMS: &[ParamDef] = &[p("Identity", Text, Some(0), false)];

pub(super) fn get(call: Call<'_>) -> CmdletResult {
    let Call {
        lab, inv, identity, ..
    } = call;
    match identity {
        None => Ok(lab.dir.users().map(|(u, _)| Obj::User(u)).collect()),
        Some(id) => Ok(vec![Obj::User(find_user(inv, lab, &id)?)]),
    }
}

pub(super) const SET_PARAMS: &[ParamDef] = &[
    p("Identity", Text, Some(0), true),
    p("EnterpriseVoiceEnabled", Bool, None, false),
    p("PassThru", Switch, None, false),
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
    let user = find_user(inv, lab, identity.as_deref().unwrap_or_default())?;
    if inv.what_if() {
        let who = lab.dir.name(user).to_owned();
        print_what_if(inv, &who, result);
        return Ok(Vec::new());
    }
    if let Some(Value::Bool(ev)) = inv.get("EnterpriseVoiceEnabled") {
        std::sync::Arc::make_mut(&mut lab.dir).set_enterprise_voice(user, *ev);
        notes.say(format!(
            "Lync Server: {} EnterpriseVoiceEnabled = {}.",
            lab.dir.name(user),
            if *ev { "True" } else { "False" }
        ));
    }
    Ok(pass_thru(inv, Obj::User(user)))
}
