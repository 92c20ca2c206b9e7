//! The cmdlets. `CMDLETS` maps each name to its parameters and its function; the functions
//! live with their parameter lists, one file per cmdlet family (the client and the voice
//! policies share theirs, `policy.rs`). Adding a cmdlet = a parameter list and a function (in
//! a family's file, or a new one) + one entry in the table.

mod client_policy;
mod console;
mod policy;
mod reach;
mod trusted;
mod user;
mod voice_policy;

use super::ShellResult;
use super::bind::{Invocation, ParamDef, Value};
use super::format::ErrorRecord;
use crate::lab::{Lab, Notes, UserIx};
use client_policy::ClientFamily;
use voice_policy::VoiceFamily;

/// Every command the shell knows: name, parameters and function (and aliases). `changes`
/// cmdlets change configuration: they also take -WhatIf and -Confirm.
const CMDLETS: &[Cmdlet] = &[
    reads(
        "Get-CsClientPolicy",
        policy::GET_PARAMS,
        policy::get::<ClientFamily>,
    ),
    changes(
        "Set-CsClientPolicy",
        client_policy::SET_PARAMS,
        policy::set::<ClientFamily>,
    ),
    changes(
        "New-CsClientPolicy",
        client_policy::NEW_PARAMS,
        policy::new::<ClientFamily>,
    ),
    changes(
        "Remove-CsClientPolicy",
        policy::REMOVE_PARAMS,
        policy::remove::<ClientFamily>,
    ),
    changes(
        "Grant-CsClientPolicy",
        client_policy::GRANT_PARAMS,
        policy::grant::<ClientFamily>,
    ),
    reads(
        "Get-CsVoicePolicy",
        policy::GET_PARAMS,
        policy::get::<VoiceFamily>,
    ),
    changes(
        "Set-CsVoicePolicy",
        voice_policy::SET_PARAMS,
        policy::set::<VoiceFamily>,
    ),
    changes(
        "New-CsVoicePolicy",
        voice_policy::NEW_PARAMS,
        policy::new::<VoiceFamily>,
    ),
    changes(
        "Remove-CsVoicePolicy",
        policy::REMOVE_PARAMS,
        policy::remove::<VoiceFamily>,
    ),
    changes(
        "Grant-CsVoicePolicy",
        voice_policy::GRANT_PARAMS,
        policy::grant::<VoiceFamily>,
    ),
    changes(
        "New-CsTrustedApplicationPool",
        trusted::NEW_POOL_PARAMS,
        trusted::new_pool,
    ),
    changes(
        "New-CsTrustedApplication",
        trusted::NEW_APP_PARAMS,
        trusted::new_app,
    ),
    reads(
        "Get-CsTrustedApplication",
        trusted::GET_APP_PARAMS,
        trusted::get_app,
    ),
    changes(
        "Enable-CsTopology",
        trusted::ENABLE_TOPOLOGY_PARAMS,
        trusted::enable_topology,
    ),
    reads("Get-CsUser", user::GET_PARAMS, user::get),
    changes("Set-CsUser", user::SET_PARAMS, user::set),
    reads("Format-List", &[], console::format_list).aliases(&["fl"]),
    reads("Select-Object", console::SELECT_PARAMS, console::select).aliases(&["select"]),
    reads("Out-Null", &[], console::out_null),
    reads("Clear-Host", &[], console::clear_host).aliases(&["cls", "clear"]),
];

pub(super) struct Cmdlet {
    pub(super) name: &'static str,
    aliases: &'static [&'static str],
    pub(super) params: &'static [ParamDef],
    /// Changes configuration: takes -WhatIf and -Confirm.
    pub(super) changes: bool,
    run: Run,
}

/// A cmdlet's function: the objects it writes to the pipeline, or its error.
type Run = fn(Call<'_>) -> CmdletResult;
type CmdletResult = Result<Vec<Obj>, ErrorRecord>;

/// A cmdlet that changes no configuration.
const fn reads(name: &'static str, params: &'static [ParamDef], run: Run) -> Cmdlet {
    Cmdlet {
        name,
        aliases: &[],
        params,
        changes: false,
        run,
    }
}

/// A cmdlet that changes configuration.
const fn changes(name: &'static str, params: &'static [ParamDef], run: Run) -> Cmdlet {
    Cmdlet {
        changes: true,
        ..reads(name, params, run)
    }
}

impl Cmdlet {
    /// Other names it answers to, such as `fl`.
    const fn aliases(self, aliases: &'static [&'static str]) -> Self {
        Cmdlet { aliases, ..self }
    }
}

/// The cmdlet a name or alias means, in any case.
pub(super) fn find(name: &str) -> Option<&'static Cmdlet> {
    CMDLETS.iter().find(|c| {
        c.name.eq_ignore_ascii_case(name) || c.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    })
}

/// An object on the pipeline.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Obj {
    Policy(String),
    VoicePolicy(String),
    User(UserIx),
    /// A trusted application, by its application id.
    TrustedApp(String),
    /// What Select-Object made: these properties only, in order.
    Selected(Vec<(String, String)>),
}

/// What a cmdlet's function runs with.
struct Call<'a> {
    lab: &'a mut Lab,
    inv: &'a Invocation,
    /// The object piped in, if any.
    input: Option<Obj>,
    /// -Identity, else the identity of the object piped in.
    identity: Option<String>,
    notes: &'a mut Notes,
    result: &'a mut ShellResult,
}

/// Runs a bound cmdlet on one object piped in (or none).
pub(super) fn invoke(
    lab: &mut Lab,
    inv: &Invocation,
    input: Option<Obj>,
    notes: &mut Notes,
    result: &mut ShellResult,
) -> CmdletResult {
    let identity = identity_from(inv, &input, lab);
    if let Some(def) =
        inv.cmdlet.params.iter().find(|d| {
            d.mandatory && !inv.has(d.name) && !(d.name == "Identity" && identity.is_some())
        })
    {
        return Err(inv.error(
            format!(
                "Cannot process command because of one or more missing mandatory parameters: {}.",
                def.name
            ),
            "InvalidArgument: (:) [], ParameterBindingException",
            "MissingMandatoryParameter",
        ));
    }
    (inv.cmdlet.run)(Call {
        lab,
        inv,
        input,
        identity,
        notes,
        result,
    })
}

fn identity_from(inv: &Invocation, input: &Option<Obj>, lab: &Lab) -> Option<String> {
    match inv.get("Identity") {
        Some(Value::Text(t)) => Some(t.clone()),
        Some(_) => None,
        None => match input {
            Some(Obj::Policy(id) | Obj::VoicePolicy(id) | Obj::TrustedApp(id)) => Some(id.clone()),
            Some(Obj::User(u)) => Some(lab.dir.sip_uri(*u)),
            Some(Obj::Selected(props)) => props
                .iter()
                .find(|(name, _)| name == "Identity" || name == "SipAddress")
                .map(|(_, value)| value.clone()),
            None => None,
        },
    }
}

fn not_found(inv: &Invocation, what: &str, id: &str) -> ErrorRecord {
    inv.error(
        format!("Cannot find {what} \"{id}\" because it does not exist."),
        &format!(
            "ObjectNotFound: ({id}:String) [{}], ItemNotFoundException",
            inv.cmdlet.name
        ),
        "ItemNotFound",
    )
}

/// A Lync user: a security group (B15) is no Lync user, so the Shell does not find it.
fn find_user(inv: &Invocation, lab: &Lab, id: &str) -> Result<UserIx, ErrorRecord> {
    lab.dir
        .find_user(id)
        .filter(|&u| !lab.dir.is_group(u))
        .ok_or_else(|| {
            inv.error(
                format!("Management object not found for identity \"{id}\"."),
                &format!(
                    "NotSpecified: (:) [{}], ManagementException",
                    inv.cmdlet.name
                ),
                "Microsoft.Rtc.Management.AD.ManagementException",
            )
        })
}

/// `New-Cs*Policy` of an identity that exists.
fn already_exists(inv: &Invocation, id: &str) -> ErrorRecord {
    inv.error(
        format!("Cannot create \"{id}\" because it already exists."),
        &format!(
            "InvalidOperation: ({id}:String) [{}], InvalidOperationException",
            inv.cmdlet.name
        ),
        "InstanceAlreadyExists",
    )
}

/// -WhatIf: says what would be done instead of doing it.
fn print_what_if(inv: &Invocation, target: &str, result: &mut ShellResult) {
    result.print(format!(
        "What if: Performing operation \"{}\" on Target \"{target}\".",
        inv.cmdlet.name
    ));
}

/// -PassThru: the changed object goes on down the pipeline.
fn pass_thru(inv: &Invocation, obj: Obj) -> Vec<Obj> {
    if inv.has("PassThru") {
        vec![obj]
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases_are_unique_and_found_in_any_case() {
        let mut names: Vec<String> = CMDLETS
            .iter()
            .flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()))
            .map(str::to_ascii_lowercase)
            .collect();
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count, "a name or alias is in the table twice");
        for name in names {
            assert!(find(&name.to_ascii_uppercase()).is_some(), "{name}");
        }
        assert_eq!(find("FL").map(|c| c.name), Some("Format-List"));
        assert!(find("Get-CsConferencingPolicy").is_none());
    }

    #[test]
    fn set_and_new_client_policy_take_every_property_in_gets_order() {
        use crate::lab::lync_server::CLIENT_POLICY_PROPERTIES;
        for params in [client_policy::SET_PARAMS, client_policy::NEW_PARAMS] {
            let names: Vec<&str> = params.iter().map(|d| d.name).collect();
            assert_eq!(
                names[..CLIENT_POLICY_PROPERTIES.len()],
                *CLIENT_POLICY_PROPERTIES
            );
            assert_eq!(names[CLIENT_POLICY_PROPERTIES.len()..], ["Force"]);
        }
    }
}
