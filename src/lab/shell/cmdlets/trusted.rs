//! New-CsTrustedApplicationPool, New-CsTrustedApplication, Get-CsTrustedApplication and
//! Enable-CsTopology: what SEFAUtil needs before it runs (B12).

use super::{Call, CmdletResult, Obj, print_what_if};
use crate::lab::shell::bind::ParamType::{Switch, Text};
use crate::lab::shell::bind::{Invocation, ParamDef, Value, p};
use crate::lab::shell::format::ErrorRecord;
use crate::lab::voice::{TrustedApp, TrustedPool};

pub(super) const NEW_POOL_PARAMS: &[ParamDef] = &[
    p("Identity", Text, Some(0), true),
    p("Registrar", Text, None, true),
    p("Site", Text, None, false),
    p("ComputerFqdn", Text, None, false),
    p("RequiresReplication", Text, None, false),
    p("ThrottleAsServer", Text, None, false),
    p("TreatAsAuthenticated", Text, None, false),
    p("Force", Switch, None, false),
];

fn text(inv: &Invocation, name: &str) -> String {
    inv.get(name).map(Value::shown).unwrap_or_default()
}

fn invalid(inv: &Invocation, message: String) -> ErrorRecord {
    inv.error(
        message,
        &format!(
            "InvalidArgument: (:) [{}], ArgumentException",
            inv.cmdlet.name
        ),
        "InvalidArgument",
    )
}

pub(super) fn new_pool(call: Call<'_>) -> CmdletResult {
    let Call {
        lab,
        inv,
        identity,
        notes,
        result,
        ..
    } = call;
    let fqdn = identity.unwrap_or_default().trim().to_lowercase();
    if fqdn.is_empty() || !fqdn.contains('.') {
        return Err(invalid(
            inv,
            format!("\"{fqdn}\" is not a fully qualified domain name."),
        ));
    }
    let registrar = text(inv, "Registrar").trim().to_lowercase();
    let front_end = lab.front_end_pool();
    if registrar != front_end && registrar != format!("registrar:{front_end}") {
        return Err(invalid(
            inv,
            format!(
                "Cannot find a Registrar service for \"{registrar}\". The lab's pool is {front_end}."
            ),
        ));
    }
    if lab.server.trusted_pools.iter().any(|p| p.fqdn == fqdn) {
        return Err(super::already_exists(inv, &fqdn));
    }
    if inv.what_if() {
        print_what_if(inv, &fqdn, result);
        return Ok(Vec::new());
    }
    let site = text(inv, "Site");
    notes.say(format!(
        "Lync Server topology: trusted application pool {fqdn} (registrar {front_end}{}); it takes effect when the topology is published (Enable-CsTopology).",
        if site.is_empty() {
            String::new()
        } else {
            format!(", {site}")
        }
    ));
    lab.server.trusted_pools.push(TrustedPool {
        fqdn,
        registrar: front_end,
    });
    Ok(Vec::new())
}

pub(super) const NEW_APP_PARAMS: &[ParamDef] = &[
    p("ApplicationId", Text, None, true),
    p("TrustedApplicationPoolFqdn", Text, None, true),
    p("Port", Text, None, true),
    p("EnableTcp", Switch, None, false),
    p("Force", Switch, None, false),
];

pub(super) fn new_app(call: Call<'_>) -> CmdletResult {
    let Call {
        lab,
        inv,
        notes,
        result,
        ..
    } = call;
    let id = text(inv, "ApplicationId").trim().to_owned();
    let id = id
        .strip_prefix("urn:application:")
        .unwrap_or(&id)
        .to_owned();
    let pool = text(inv, "TrustedApplicationPoolFqdn")
        .trim()
        .to_lowercase();
    let port: u32 = match text(inv, "Port").trim().parse() {
        Ok(port) if (1..=65535).contains(&port) => port,
        _ => {
            return Err(invalid(
                inv,
                format!(
                    "Cannot bind parameter 'Port'. \"{}\" is not a port number (1 to 65535).",
                    text(inv, "Port")
                ),
            ));
        }
    };
    if id.is_empty() {
        return Err(invalid(inv, "The ApplicationId cannot be empty.".into()));
    }
    if !lab.server.trusted_pools.iter().any(|p| p.fqdn == pool) {
        return Err(invalid(
            inv,
            format!(
                "Cannot find the trusted application pool \"{pool}\". Create it with New-CsTrustedApplicationPool first."
            ),
        ));
    }
    if lab
        .server
        .trusted_apps
        .iter()
        .any(|a| a.application_id.eq_ignore_ascii_case(&id))
    {
        return Err(inv.error(
            format!("Cannot create \"{pool}/urn:application:{id}\" because it already exists."),
            &format!(
                "InvalidOperation: (:) [{}], InvalidOperationException",
                inv.cmdlet.name
            ),
            "InstanceAlreadyExists",
        ));
    }
    if inv.what_if() {
        print_what_if(inv, &format!("{pool}/urn:application:{id}"), result);
        return Ok(Vec::new());
    }
    notes.say(format!(
        "Lync Server topology: trusted application {id} on {pool}, port {port}; it works once the topology is published (Enable-CsTopology) (B12)."
    ));
    lab.server.trusted_apps.push(TrustedApp {
        application_id: id.clone(),
        pool_fqdn: pool,
        port,
        published: false,
    });
    Ok(vec![Obj::TrustedApp(id)])
}

pub(super) const GET_APP_PARAMS: &[ParamDef] = &[p("Identity", Text, Some(0), false)];

pub(super) fn get_app(call: Call<'_>) -> CmdletResult {
    let Call { lab, identity, .. } = call;
    Ok(lab
        .server
        .trusted_apps
        .iter()
        .filter(|a| {
            identity.as_deref().is_none_or(|id| {
                let id = id.trim().to_lowercase();
                id == a.application_id.to_lowercase()
                    || id.ends_with(&format!(
                        "urn:application:{}",
                        a.application_id.to_lowercase()
                    ))
            })
        })
        .map(|a| Obj::TrustedApp(a.application_id.clone()))
        .collect())
}

pub(super) const ENABLE_TOPOLOGY_PARAMS: &[ParamDef] = &[p("Force", Switch, None, false)];

pub(super) fn enable_topology(call: Call<'_>) -> CmdletResult {
    let Call {
        lab,
        notes,
        result,
        inv,
        ..
    } = call;
    if inv.what_if() {
        print_what_if(inv, "topology", result);
        return Ok(Vec::new());
    }
    let mut published = Vec::new();
    for app in &mut lab.server.trusted_apps {
        if !app.published {
            app.published = true;
            published.push(app.application_id.clone());
        }
    }
    if published.is_empty() {
        notes.say("Lync Server topology published; nothing new to enable.");
    } else {
        notes.say(format!(
            "Lync Server topology published: trusted application(s) {} enabled.",
            published.join(", ")
        ));
    }
    Ok(Vec::new())
}
