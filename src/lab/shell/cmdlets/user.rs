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
    p("LineURI", Text, None, false),
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
    let line_uri = match inv.get("LineURI") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(value) => {
            let text = value.shown().trim().to_owned();
            let number = text
                .get(..4)
                .filter(|scheme| scheme.eq_ignore_ascii_case("tel:"))
                .map(|_| &text[4..]);
            let valid = number.is_some_and(|n| {
                let n = n.split(";ext=").next().unwrap_or_default();
                n.starts_with('+') && n.len() > 1 && n[1..].chars().all(|c| c.is_ascii_digit())
            });
            if !valid {
                return Err(inv.error(
                    format!("\"{text}\" is not a valid LineURI. Use the form \"TEL:+14255551297\" or \"TEL:+14255551297;ext=51297\"."),
                    &format!("InvalidArgument: (:) [{}], ArgumentException", inv.cmdlet.name),
                    "InvalidLineUri",
                ));
            }
            Some(Some(format!("tel:{}", &text[4..])))
        }
    };
    if let Some(Value::Bool(ev)) = inv.get("EnterpriseVoiceEnabled") {
        std::sync::Arc::make_mut(&mut lab.dir).set_enterprise_voice(user, *ev);
        notes.say(format!(
            "Lync Server: {} EnterpriseVoiceEnabled = {}.",
            lab.dir.name(user),
            crate::lab::voice::bool_text(*ev)
        ));
        super::reach::user_reach(
            lab,
            user,
            super::reach::ReadAtSignIn::EnterpriseVoice,
            notes,
        );
    }
    match line_uri {
        None => {}
        Some(None) => {
            lab.server.line_uris.remove(&user);
            notes.say(format!(
                "Lync Server: {}'s LineURI cleared.",
                lab.dir.name(user)
            ));
        }
        Some(Some(uri)) => {
            notes.say(format!(
                "Lync Server: {}'s LineURI = {uri}.",
                lab.dir.name(user)
            ));
            lab.server.line_uris.insert(user, uri);
        }
    }
    Ok(pass_thru(inv, Obj::User(user)))
}
