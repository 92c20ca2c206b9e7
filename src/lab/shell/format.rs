//! Output formatting: PowerShell's list output (`Format-List`, the default for these objects)
//! and the layout of an error record.

use super::ShellResult;
use super::cmdlets::Obj;
use crate::lab::lync_server::CLIENT_POLICY_PROPERTIES;
use crate::lab::voice::{TrustedApp, VOICE_POLICY_PROPERTIES};
use crate::lab::{Lab, UserIx};

/// A PowerShell error record, laid out as the console prints it.
pub(super) struct ErrorRecord {
    pub(super) command: String,
    pub(super) message: String,
    pub(super) category: String,
    pub(super) error_id: String,
    /// Char span to underline.
    pub(super) start: usize,
    pub(super) end: usize,
}

impl ErrorRecord {
    /// An error the parser reports, before any command runs.
    pub(super) fn parser(message: String, error_id: &str, start: usize, end: usize) -> Self {
        ErrorRecord {
            command: String::new(),
            message,
            category: "ParserError: (:) [], ParentContainsErrorRecordException".into(),
            error_id: error_id.into(),
            start,
            end,
        }
    }

    pub(super) fn lines(&self, line: &[char]) -> Vec<String> {
        let text: String = line.iter().collect();
        let width = self.end.saturating_sub(self.start).max(1);
        let prefix = if self.command.is_empty() {
            String::new()
        } else {
            format!("{} : ", self.command)
        };
        vec![
            format!("{prefix}{}", self.message),
            format!("At line:1 char:{}", self.start + 1),
            format!("+ {}", text.trim_end()),
            format!("+ {}{}", " ".repeat(self.start), "~".repeat(width)),
            format!("    + CategoryInfo          : {}", self.category),
            format!("    + FullyQualifiedErrorId : {}", self.error_id),
        ]
    }
}

/// An object's properties in the order the list output prints them.
pub(super) fn properties(lab: &Lab, obj: &Obj) -> Vec<(&'static str, String)> {
    match obj {
        Obj::Policy(id) => policy_properties(lab, id).unwrap_or_default(),
        Obj::User(u) => user_properties(lab, *u),
        Obj::VoicePolicy(id) => match lab.server.voice.get(id) {
            Some(policy) => VOICE_POLICY_PROPERTIES
                .iter()
                .map(|&name| (name, policy.shown(name)))
                .collect(),
            None => Vec::new(),
        },
        Obj::TrustedApp(id) => lab
            .server
            .trusted_apps
            .iter()
            .find(|a| a.application_id == *id)
            .map(trusted_app_properties)
            .unwrap_or_default(),
        // Selected properties have names of their own; `render` prints them as a table.
        Obj::Selected(_) => Vec::new(),
    }
}

/// Prints the objects a pipeline ends with, each as a list of `Name : Value` lines — or, for
/// what Select-Object made, as PowerShell's table (one header for the run of them).
pub(super) fn render(lab: &Lab, objects: &[Obj], result: &mut ShellResult) {
    if objects.is_empty() {
        return;
    }
    result.print(String::new());
    let mut i = 0;
    while i < objects.len() {
        if let Obj::Selected(first) = &objects[i] {
            // A run of selected objects with the same properties: one table.
            let names: Vec<&String> = first.iter().map(|(n, _)| n).collect();
            let run: Vec<&Vec<(String, String)>> = objects[i..]
                .iter()
                .map_while(|o| match o {
                    Obj::Selected(props)
                        if props.iter().map(|(n, _)| n).eq(names.iter().copied()) =>
                    {
                        Some(props)
                    }
                    _ => None,
                })
                .collect();
            i += run.len();
            let widths: Vec<usize> = names
                .iter()
                .enumerate()
                .map(|(c, n)| {
                    run.iter()
                        .map(|props| props[c].1.chars().count())
                        .fold(n.chars().count(), usize::max)
                })
                .collect();
            let line = |cells: Vec<String>| {
                cells
                    .iter()
                    .zip(&widths)
                    .map(|(cell, w)| format!("{cell:<w$}"))
                    .collect::<Vec<_>>()
                    .join(" ")
                    .trim_end()
                    .to_owned()
            };
            result.print(line(names.iter().map(|n| (*n).clone()).collect()));
            result.print(line(
                names
                    .iter()
                    .map(|n| "-".repeat(n.chars().count()))
                    .collect(),
            ));
            for props in run {
                result.print(line(props.iter().map(|(_, v)| v.clone()).collect()));
            }
            result.print(String::new());
            continue;
        }
        let props = properties(lab, &objects[i]);
        i += 1;
        if props.is_empty() {
            continue;
        }
        let width = props
            .iter()
            .map(|(n, _)| n.chars().count())
            .max()
            .unwrap_or(0);
        for (name, value) in props {
            let text = format!("{name:<width$} : {value}");
            result.print(text.trim_end().to_owned());
        }
        result.print(String::new());
    }
}

/// Every property of the client policy, in order (W12).
fn policy_properties(lab: &Lab, id: &str) -> Option<Vec<(&'static str, String)>> {
    let policy = lab.server.policy(id)?;
    Some(
        CLIENT_POLICY_PROPERTIES
            .iter()
            .map(|&name| (name, policy.shown(name)))
            .collect(),
    )
}

fn user_properties(lab: &Lab, u: UserIx) -> Vec<(&'static str, String)> {
    let user = lab.dir.user(u);
    let pool = lab.front_end_pool();
    vec![
        (
            "Identity",
            format!("CN={},CN=Users,{}", user.name, domain_dn(&lab.dir.domain)),
        ),
        (
            "VoicePolicy",
            lab.server
                .voice
                .grants
                .get(&u)
                .and_then(|g| g.strip_prefix("Tag:"))
                .unwrap_or_default()
                .to_owned(),
        ),
        (
            "ClientPolicy",
            lab.server
                .grants
                .get(&u)
                .and_then(|g| g.strip_prefix("Tag:"))
                .unwrap_or_default()
                .to_owned(),
        ),
        ("SipAddress", lab.dir.sip_uri(u)),
        ("LineURI", lab.line_uri(u).unwrap_or_default()),
        (
            "EnterpriseVoiceEnabled",
            if user.enterprise_voice {
                "True"
            } else {
                "False"
            }
            .into(),
        ),
        ("DisplayName", user.name.clone()),
        ("Enabled", "True".into()),
        ("RegistrarPool", pool),
    ]
}

fn domain_dn(domain: &str) -> String {
    domain
        .split('.')
        .map(|part| format!("DC={part}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// A trusted application as New- and Get-CsTrustedApplication print it (the property names
/// are Microsoft's; the values the lab's).
fn trusted_app_properties(app: &TrustedApp) -> Vec<(&'static str, String)> {
    let urn = format!("urn:application:{}", app.application_id.to_lowercase());
    vec![
        ("Identity", format!("{}/{urn}", app.pool_fqdn)),
        ("ComputerGruus", "{}".into()),
        (
            "ServiceGruu",
            format!(
                "sip:{};gruu;opaque=srvr:{}",
                app.pool_fqdn, app.application_id
            ),
        ),
        ("Protocol", "Mtls".into()),
        ("ApplicationId", urn),
        ("TrustedApplicationPoolFqdn", app.pool_fqdn.clone()),
        ("Port", app.port.to_string()),
        ("LegacyApplicationName", app.application_id.clone()),
    ]
}
