//! Output formatting: PowerShell's list output (`Format-List`, the default for these objects)
//! and the layout of an error record.

use super::ShellResult;
use super::cmdlets::Obj;
use crate::lab::lync_server::CLIENT_POLICY_PROPERTIES;
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

/// Prints the objects a pipeline ends with, each as a list of `Name : Value` lines.
pub(super) fn render(lab: &Lab, objects: &[Obj], result: &mut ShellResult) {
    if objects.is_empty() {
        return;
    }
    result.print(String::new());
    for obj in objects {
        let props = match obj {
            Obj::Policy(id) => {
                let Some(props) = policy_properties(lab, id) else {
                    continue;
                };
                props
            }
            Obj::User(u) => user_properties(lab, *u),
        };
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
    let pool = lab
        .dir
        .front_end()
        .map(|c| format!("{}.{}", lab.dir.computer(c).to_lowercase(), lab.dir.domain))
        .unwrap_or_default();
    vec![
        (
            "Identity",
            format!("CN={},CN=Users,{}", user.name, domain_dn(&lab.dir.domain)),
        ),
        ("VoicePolicy", String::new()),
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
        ("LineURI", String::new()),
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
