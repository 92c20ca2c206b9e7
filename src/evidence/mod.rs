//! The customer's case in (issue "evidence import"): what a customer sends — Get-CsUser,
//! Get-CsClientPolicy and Get-CsVoicePolicy output in PowerShell's list format, a Registry
//! Editor export of the Lync key, the Lync build from About, SEFAUtil's printout — read into a
//! scenario whose lab is the customer's. Every value taken is said in the case file with the
//! file and line it came from; properties the lab does not model are listed, not guessed
//! at; an input that cannot be read is one line naming the file, the line and what is wrong,
//! and then no case is written.

pub mod format_list;
mod reg;

use crate::text;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::lab::directory::{ClientPolicySpec, LabSpec, RegistrySpec, User};
use crate::lab::install::{Build, ComputerSpec, LyncEdition};
use crate::lab::lync_server::CLIENT_POLICY_SCHEMA;
use crate::lab::policy::{GLOBAL, normalize_policy_identity};
use crate::lab::voice::{VOICE_POLICY_PROPERTIES, VoicePolicySpec};
use crate::lab::{Action, Lab, UserIx};
use crate::scenario::write::Line;
use crate::scenario::{Narration, Step};
use format_list::Block;

/// Evidence files are text of a few kilobytes; larger ones are refused before they are read.
pub const MAX_EVIDENCE_BYTES: u64 = 16 * 1024 * 1024;

/// One piece of evidence as given: a file, or a Lync build typed in, and the computer it is
/// from (`USER21-PC=hkcu.reg`, `USER21-PC=15.0.4569.1503`; a registry export and a build
/// need one, as neither says which computer it came from).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub computer: Option<String>,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Build(String),
}

impl Input {
    /// `FILE`, `COMPUTER=FILE` or `COMPUTER=BUILD` (a computer name has no `=`).
    pub fn parse(arg: &str) -> Input {
        let (computer, rest) = match arg.split_once('=') {
            Some((computer, rest)) if is_computer_name(computer) => {
                (Some(computer.to_uppercase()), rest)
            }
            _ => (None, arg),
        };
        // A build typed in: digits and dots (a bad one is said to be a bad build, not a
        // missing file).
        let looks_like_build = rest.starts_with(|c: char| c.is_ascii_digit())
            && rest.contains('.')
            && !rest.contains(['/', '\\'])
            && !rest.to_ascii_lowercase().ends_with(".txt");
        let source = if looks_like_build && !Path::new(rest).exists() {
            Source::Build(rest.to_owned())
        } else {
            Source::File(PathBuf::from(rest))
        };
        Input { computer, source }
    }

    /// How the input is named in messages and comments.
    pub fn label(&self) -> String {
        let what = match &self.source {
            Source::File(path) => path.display().to_string(),
            Source::Build(build) => format!("build {build}"),
        };
        match &self.computer {
            Some(computer) => format!("{computer}={what}"),
            None => what,
        }
    }
}

/// A NetBIOS computer name, as the lab takes them.
fn is_computer_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 15
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Why one input could not be read: the file, where, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub input: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.input, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.input, self.line, self.column, self.message
            )
        }
    }
}

/// The customer's case: the lab, the setup steps that bring it where the evidence says it is
/// (grants, settings, SEFAUtil delegates), and what was taken from where.
#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    pub spec: LabSpec,
    pub setup: Vec<Line>,
    /// What was taken from which input and line, and what the lab assumed: the case file's
    /// comments.
    pub taken: Vec<String>,
    /// Properties and values the lab does not model, with where they were.
    pub ignored: Vec<String>,
}

impl Case {
    /// The scenario file: the provenance as comments before it, the lab, and the setup.
    pub fn text(&self, title: &str) -> String {
        let mut out = String::from(
            "// A customer's case, made by `delegate-lab import` from the evidence below.\n",
        );
        for line in &self.taken {
            out.push_str(&format!("// {line}\n"));
        }
        if !self.ignored.is_empty() {
            out.push_str("// Not modelled by the lab, left out:\n");
            for line in &self.ignored {
                out.push_str(&format!("//   {line}\n"));
            }
        }
        let mut lines = self.setup.clone();
        lines.push(Line::Comment(
            "Add what the customer did, and the symptom as an expectation (then: delegate-lab diagnose)."
                .into(),
        ));
        out.push_str(&crate::scenario::write::to_text(title, &self.spec, &lines));
        out
    }
}

/// Reads every input (regular files only, bounded) and builds the case.
pub fn import(inputs: &[Input]) -> Result<Case, Vec<Problem>> {
    let mut read = Vec::new();
    let mut problems = Vec::new();
    for input in inputs {
        match &input.source {
            Source::Build(_) => read.push((input.clone(), Vec::new())),
            Source::File(path) => match crate::scenario::read_regular(path, MAX_EVIDENCE_BYTES) {
                Ok(bytes) => read.push((input.clone(), bytes)),
                Err(e) => problems.push(Problem {
                    input: input.label(),
                    line: 0,
                    column: 0,
                    message: e.to_string(),
                }),
            },
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    import_bytes(&read)
}

/// Builds the case from inputs already read (a build's bytes are empty).
pub fn import_bytes(inputs: &[(Input, Vec<u8>)]) -> Result<Case, Vec<Problem>> {
    let mut evidence = Evidence::default();
    let mut problems = Vec::new();
    for (input, bytes) in inputs {
        let label = input.label();
        let result = match &input.source {
            Source::Build(build) => evidence.build(input, build, &label, None),
            Source::File(_) => evidence.file(input, bytes, &label),
        };
        if let Err(problem) = result {
            problems.push(problem);
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    evidence.case().map_err(|p| vec![p])
}

/// A problem at a place in an input.
fn at(input: &str, line: usize, column: usize, message: impl Into<String>) -> Problem {
    Problem {
        input: input.to_owned(),
        line,
        column,
        message: message.into(),
    }
}

/// A user as the evidence shows them.
#[derive(Clone, Debug, PartialEq, Eq)]
struct UserEvidence {
    sip: String,
    name: Option<String>,
    enterprise_voice: bool,
    line_uri: Option<String>,
    client_policy: Option<String>,
    voice_policy: Option<String>,
    /// Where they were seen first (`file:line`).
    from: String,
    /// Known from a Get-CsUser block (not only named by a registry value or SEFAUtil).
    listed: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct PolicyEvidence<S> {
    spec: S,
    /// Other properties set: `-Name value` of a Set- cmdlet.
    settings: Vec<(&'static str, String)>,
    from: String,
}

/// SEFAUtil's printout of one user: their delegates and how calls ring them.
#[derive(Clone, Debug, PartialEq, Eq)]
struct SefaEvidence {
    user: String,
    delegates: Vec<String>,
    ringing: Option<String>,
    from: String,
}

#[derive(Default)]
struct Evidence {
    users: Vec<UserEvidence>,
    pool: Option<(String, String)>,
    client_policies: Vec<PolicyEvidence<ClientPolicySpec>>,
    voice_policies: Vec<PolicyEvidence<VoicePolicySpec>>,
    computers: Vec<(ComputerSpec, String)>,
    hives: Vec<(RegistrySpec, String)>,
    sefautil: Vec<SefaEvidence>,
    taken: Vec<String>,
    ignored: Vec<String>,
    /// Every list block read so far, by kind and object (SIP address, policy identity), its
    /// properties with where each was (`file:line`): the same object again is merged.
    blocks: Vec<(Kind, String, Vec<Placed>)>,
}

/// A property with where it was read (`file:line`).
type Placed = (format_list::Property, String);

/// The properties of Get-CsUser the lab models (the ones its Shell prints).
const USER_PROPERTIES: &[&str] = &[
    "Identity",
    "VoicePolicy",
    "ClientPolicy",
    "SipAddress",
    "LineURI",
    "EnterpriseVoiceEnabled",
    "DisplayName",
    "Enabled",
    "RegistrarPool",
];

/// What kind of object a list block prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    User,
    ClientPolicy,
    VoicePolicy,
}

impl Kind {
    fn known(self) -> Vec<&'static str> {
        match self {
            Kind::User => USER_PROPERTIES.to_vec(),
            Kind::ClientPolicy => CLIENT_POLICY_SCHEMA.iter().map(|(n, _)| *n).collect(),
            Kind::VoicePolicy => VOICE_POLICY_PROPERTIES.to_vec(),
        }
    }

    fn what(self) -> &'static str {
        match self {
            Kind::User => "Get-CsUser",
            Kind::ClientPolicy => "Get-CsClientPolicy",
            Kind::VoicePolicy => "Get-CsVoicePolicy",
        }
    }
}

/// Levenshtein distance of two names, ignoring case.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

/// The known property a misspelt name stands for: one or two letters off a name of six or
/// more (a newer server's own properties are further from every name the lab knows).
fn misspelt<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    if name.len() < 6 {
        return None;
    }
    known
        .iter()
        .copied()
        .filter(|k| !k.eq_ignore_ascii_case(name))
        .map(|k| (distance(name, k), k))
        .filter(|&(d, _)| d <= 2)
        .min()
        .map(|(_, k)| k)
}

fn boolean(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "$true" => Some(true),
        "false" | "$false" => Some(false),
        _ => None,
    }
}

/// A SIP address `sip:local@domain` → (`local`, `domain`), lower-cased.
fn sip_parts(sip: &str) -> Option<(String, String)> {
    let sip = sip.trim();
    let rest = sip
        .get(..4)
        .filter(|s| s.eq_ignore_ascii_case("sip:"))
        .map(|_| &sip[4..]);
    let (local, domain) = rest.unwrap_or(sip).split_once('@')?;
    let valid_local = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
    let valid_domain = domain.contains('.')
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-".contains(c));
    (valid_local && valid_domain).then(|| (local.to_lowercase(), domain.to_lowercase()))
}

fn normal_sip(sip: &str) -> Option<String> {
    sip_parts(sip).map(|(local, domain)| format!("sip:{local}@{domain}"))
}

/// A value for a Shell command line: bare when it is one word, else quoted.
fn shell_value(value: &str) -> String {
    if !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ":.+-_/".contains(c))
    {
        value.to_owned()
    } else if value.contains('\'') {
        format!("\"{value}\"")
    } else {
        format!("'{value}'")
    }
}

impl Evidence {
    /// One file: a registry export, an About text, SEFAUtil's printout, or list output.
    fn file(&mut self, input: &Input, bytes: &[u8], label: &str) -> Result<(), Problem> {
        let (text, _) = text::decode(bytes).map_err(|e| at(label, e.line, e.column, e.message))?;
        let first = text::lines(&text)
            .find(|l| !l.trim().is_empty())
            .unwrap_or_default()
            .trim();
        if first.starts_with("Windows Registry Editor") || first.eq_ignore_ascii_case("REGEDIT4") {
            let Some(computer) = &input.computer else {
                return Err(at(
                    label,
                    0,
                    0,
                    format!(
                        "a registry export does not say which computer it is from: give it as COMPUTER={label}"
                    ),
                ));
            };
            return self.registry(bytes, computer, label);
        }
        if text::lines(&text).any(|l| l.trim_start().starts_with("User Aor:")) {
            return self.sefautil(&text, label);
        }
        if let Some((n, line)) = text::lines(&text)
            .enumerate()
            .find(|(_, l)| l.contains("Lync") && find_build(l).is_some())
            .filter(|_| !text::lines(&text).any(|l| l.contains(" : ")))
        {
            let build = find_build(line).unwrap_or_default();
            let basic = line.contains("Basic");
            return self.build(input, &build, label, Some((n + 1, basic)));
        }
        self.list_output(&text, label)
    }

    /// A Lync build for a computer: typed in, or the first line of About Lync.
    fn build(
        &mut self,
        input: &Input,
        build: &str,
        label: &str,
        about: Option<(usize, bool)>,
    ) -> Result<(), Problem> {
        let Some(computer) = &input.computer else {
            return Err(at(
                label,
                0,
                0,
                format!(
                    "a Lync build does not say which computer it is from: give it as COMPUTER={label}"
                ),
            ));
        };
        let line = about.map_or(0, |(n, _)| n);
        let build = Build(build.to_owned());
        if !build.is_valid() {
            return Err(at(
                label,
                line,
                1,
                format!("{:?} is not a Lync 2013 build (15.0.x.y)", build.0),
            ));
        }
        let edition = if about.is_some_and(|(_, basic)| basic) {
            LyncEdition::Basic
        } else {
            LyncEdition::Full
        };
        let from = if line == 0 {
            label.to_owned()
        } else {
            format!("{label}:{line}")
        };
        self.taken
            .push(format!("{computer}: {edition} {build} (from {from})"));
        self.computer(computer).lync_build = build;
        self.computer(computer).lync_edition = edition;
        Ok(())
    }

    /// The computer of that name, added if new.
    fn computer(&mut self, name: &str) -> &mut ComputerSpec {
        let name = name.to_uppercase();
        let at = match self.computers.iter().position(|(c, _)| c.name == name) {
            Some(at) => at,
            None => {
                self.computers
                    .push((ComputerSpec::from(name.as_str()), String::new()));
                self.computers.len() - 1
            }
        };
        &mut self.computers[at].0
    }

    /// The user with that SIP address, added if new (named only, until a Get-CsUser block
    /// says more).
    fn user(&mut self, sip: &str, from: &str) -> &mut UserEvidence {
        let at = match self.users.iter().position(|u| u.sip == sip) {
            Some(at) => at,
            None => {
                self.users.push(UserEvidence {
                    sip: sip.to_owned(),
                    name: None,
                    enterprise_voice: false,
                    line_uri: None,
                    client_policy: None,
                    voice_policy: None,
                    from: from.to_owned(),
                    listed: false,
                });
                self.users.len() - 1
            }
        };
        &mut self.users[at]
    }

    fn list_output(&mut self, text: &str, label: &str) -> Result<(), Problem> {
        let blocks = format_list::parse(text::lines(text)).map_err(|e| {
            at(
                label,
                e.line,
                e.column,
                format!(
                    "not a `Property : Value` line of PowerShell's list format ({:?}); send the output of Get-CsUser, Get-CsClientPolicy or Get-CsVoicePolicy | Format-List",
                    crate::scenario::cut(&e.text, 60).0
                ),
            )
        })?;
        if blocks.is_empty() {
            return Err(at(label, 1, 1, "no evidence the lab can read in it"));
        }
        // Properties the lab does not model: each name once, with the lines it is on.
        let mut unknown: Vec<(String, Vec<usize>)> = Vec::new();
        for block in &blocks {
            let kind = kind_of(block).ok_or_else(|| {
                at(
                    label,
                    block.line,
                    1,
                    "a block of properties of no kind the lab reads (not Get-CsUser, Get-CsClientPolicy or Get-CsVoicePolicy output)",
                )
            })?;
            let known = kind.known();
            for property in &block.properties {
                if known.iter().any(|k| k.eq_ignore_ascii_case(&property.name)) {
                    continue;
                }
                if let Some(meant) = misspelt(&property.name, &known) {
                    return Err(at(
                        label,
                        property.line,
                        1,
                        format!(
                            "{} is not a property {} prints: did you mean {meant}?",
                            property.name,
                            kind.what()
                        ),
                    ));
                }
                match unknown.iter_mut().find(|(name, _)| *name == property.name) {
                    Some((_, lines)) => lines.push(property.line),
                    None => unknown.push((property.name.clone(), vec![property.line])),
                }
            }
            // The same object printed again (the cmdlet run twice, the file sent twice, a
            // Format-List of a few properties beside the whole): one object, if they agree.
            let merged = self.merge_with_earlier(kind, block, label)?;
            let block = merged.as_ref().unwrap_or(block);
            match kind {
                Kind::User => self.user_block(block, label)?,
                Kind::ClientPolicy => self.client_policy_block(block, label)?,
                Kind::VoicePolicy => self.voice_policy_block(block, label)?,
            }
        }
        // One line a property, with every line of the file it is on.
        for (name, lines) in unknown {
            let lines: Vec<String> = lines.iter().map(ToString::to_string).collect();
            self.ignored.push(format!(
                "{name} ({label}:{}): not a property the lab models",
                lines.join(", ")
            ));
        }
        Ok(())
    }

    /// The block with what an earlier block of the same object said (none: the first), or
    /// where they disagree. The earlier blocks are remembered, merged, for the next.
    fn merge_with_earlier(
        &mut self,
        kind: Kind,
        block: &Block,
        label: &str,
    ) -> Result<Option<Block>, Problem> {
        let key_property = match kind {
            Kind::User => "SipAddress",
            Kind::ClientPolicy | Kind::VoicePolicy => "Identity",
        };
        let Some(key) = block.get(key_property).map(|p| {
            let value = p.value.trim();
            match kind {
                Kind::User => normal_sip(value).unwrap_or_else(|| value.to_lowercase()),
                Kind::ClientPolicy | Kind::VoicePolicy => {
                    normalize_policy_identity(value).unwrap_or_else(|| value.to_owned())
                }
            }
        }) else {
            return Ok(None);
        };
        let from = |p: &format_list::Property, label: &str| format!("{label}:{}", p.line);
        let Some(earlier) = self
            .blocks
            .iter_mut()
            .find(|(k, key2, _)| *k == kind && *key2 == key)
        else {
            let labelled = block
                .properties
                .iter()
                .map(|p| (p.clone(), from(p, label)))
                .collect();
            self.blocks.push((kind, key, labelled));
            return Ok(None);
        };
        for p in &block.properties {
            match earlier
                .2
                .iter()
                .find(|(q, _)| q.name.eq_ignore_ascii_case(&p.name))
            {
                Some((q, there)) if q.value.trim() != p.value.trim() => {
                    return Err(at(
                        label,
                        p.line,
                        1,
                        format!(
                            "{key}'s {} is {:?} here but {:?} at {there}: which is it?",
                            p.name,
                            p.value.trim(),
                            q.value.trim()
                        ),
                    ));
                }
                Some(_) => {}
                None => earlier.2.push((p.clone(), from(p, label))),
            }
        }
        Ok(Some(Block {
            line: block.line,
            properties: earlier.2.iter().map(|(p, _)| p.clone()).collect(),
        }))
    }

    fn user_block(&mut self, block: &Block, label: &str) -> Result<(), Problem> {
        let Some(sip) = block.get("SipAddress") else {
            return Err(at(
                label,
                block.line,
                1,
                "a Get-CsUser block without its SipAddress",
            ));
        };
        let from = format!("{label}:{}", sip.line);
        let normal = normal_sip(&sip.value).ok_or_else(|| {
            at(
                label,
                sip.line,
                1,
                format!(
                    "SipAddress {:?} is not a SIP address (sip:name@domain)",
                    sip.value
                ),
            )
        })?;
        let mut seen = UserEvidence {
            sip: normal.clone(),
            name: block
                .get("DisplayName")
                .map(|p| p.value.trim().to_owned())
                .filter(|n| !n.is_empty()),
            enterprise_voice: false,
            line_uri: block
                .get("LineURI")
                .map(|p| p.value.trim().to_owned())
                .filter(|v| !v.is_empty()),
            client_policy: None,
            voice_policy: None,
            from: from.clone(),
            listed: true,
        };
        if let Some(ev) = block.get("EnterpriseVoiceEnabled") {
            seen.enterprise_voice = boolean(&ev.value).ok_or_else(|| {
                at(
                    label,
                    ev.line,
                    1,
                    format!(
                        "EnterpriseVoiceEnabled is {:?}: not True or False",
                        ev.value
                    ),
                )
            })?;
        }
        for (property, slot) in [
            ("ClientPolicy", &mut seen.client_policy),
            ("VoicePolicy", &mut seen.voice_policy),
        ] {
            let Some(p) = block.get(property).filter(|p| !p.value.trim().is_empty()) else {
                continue;
            };
            let identity = normalize_policy_identity(&p.value)
                .filter(|i| i != GLOBAL)
                .ok_or_else(|| {
                    at(
                        label,
                        p.line,
                        1,
                        format!("{property} {:?} is not a tag policy's name", p.value),
                    )
                })?;
            *slot = Some(identity);
        }
        if let Some(pool) = block
            .get("RegistrarPool")
            .filter(|p| !p.value.trim().is_empty())
        {
            let fqdn = pool.value.trim().to_lowercase();
            match &self.pool {
                Some((known, _)) if *known != fqdn => {
                    return Err(at(
                        label,
                        pool.line,
                        1,
                        format!(
                            "RegistrarPool {fqdn}: the lab has one front-end pool, and {known} was given before"
                        ),
                    ));
                }
                Some(_) => {}
                None => self.pool = Some((fqdn, format!("{label}:{}", pool.line))),
            }
        }
        // Listed before (its blocks merged, see `list_output`): where it was seen first stays.
        let user = self.user(&normal, &from);
        if user.listed {
            seen.from.clone_from(&user.from);
        }
        *user = seen;
        Ok(())
    }

    fn client_policy_block(&mut self, block: &Block, label: &str) -> Result<(), Problem> {
        let identity = policy_identity(block, label)?;
        let mut spec = ClientPolicySpec {
            identity: identity.clone(),
            enable_exchange_delegate_sync: None,
        };
        let mut settings = Vec::new();
        for &(name, kind) in CLIENT_POLICY_SCHEMA {
            let Some(p) = block.get(name) else { continue };
            let value = p.value.trim();
            let is_bool = matches!(kind, crate::lab::lync_server::PropertyValue::Boolean);
            let flag = if is_bool && !value.is_empty() {
                Some(boolean(value).ok_or_else(|| {
                    at(
                        label,
                        p.line,
                        1,
                        format!("{name} is {value:?}: not True or False"),
                    )
                })?)
            } else {
                None
            };
            match name {
                "Identity" | "PolicyEntry" => {}
                "EnableExchangeDelegateSync" => spec.enable_exchange_delegate_sync = flag,
                _ if value.is_empty()
                    || value == "{}"
                    || Some(value) == crate::lab::lync_server::documented_default(name) => {}
                _ => settings.push((name, parameter_value(flag, value))),
            }
        }
        let seen = PolicyEvidence {
            spec,
            settings,
            from: format!("{label}:{}", block.line),
        };
        add_policy(&mut self.client_policies, seen, &identity);
        Ok(())
    }

    fn voice_policy_block(&mut self, block: &Block, label: &str) -> Result<(), Problem> {
        let identity = policy_identity(block, label)?;
        let mut spec = VoicePolicySpec {
            identity: identity.clone(),
            enable_delegation: true,
        };
        let mut settings = Vec::new();
        let shown = crate::lab::voice::VoicePolicy::new(identity.clone());
        for &name in VOICE_POLICY_PROPERTIES {
            let Some(p) = block.get(name) else { continue };
            let value = p.value.trim();
            match name {
                "Identity" | "Name" => {}
                "EnableDelegation" => {
                    spec.enable_delegation = boolean(value).ok_or_else(|| {
                        at(
                            label,
                            p.line,
                            1,
                            format!("EnableDelegation is {value:?}: not True or False"),
                        )
                    })?;
                }
                _ if value == shown.shown(name) => {}
                _ if value.starts_with('{') => self.ignored.push(format!(
                    "{name} = {value} ({label}:{}): list values are not replayed",
                    p.line
                )),
                _ => settings.push((name, parameter_value(boolean(value), value))),
            }
        }
        let seen = PolicyEvidence {
            spec,
            settings,
            from: format!("{label}:{}", block.line),
        };
        add_policy(&mut self.voice_policies, seen, &identity);
        Ok(())
    }

    /// SEFAUtil's printout of one or more users (`User Aor: sip:...` starts each).
    fn sefautil(&mut self, text: &str, label: &str) -> Result<(), Problem> {
        let mut current: Option<SefaEvidence> = None;
        for (i, line) in text::lines(text).enumerate() {
            let n = i + 1;
            let line = line.trim();
            let command = line.trim_start_matches(".\\").to_ascii_lowercase();
            if line.is_empty()
                || (line.starts_with("PS ") && line.contains('>'))
                || command.starts_with("sefautil")
            {
                continue;
            }
            let Some((name, value)) = line.split_once(':') else {
                return Err(at(
                    label,
                    n,
                    1,
                    format!(
                        "not a line of SEFAUtil's printout: {:?}",
                        crate::scenario::cut(line, 60).0
                    ),
                ));
            };
            let value = value.trim();
            let uris = |value: &str| -> Result<Vec<String>, Problem> {
                value
                    .split_whitespace()
                    .map(|u| {
                        normal_sip(u)
                            .ok_or_else(|| at(label, n, 1, format!("{u:?} is not a SIP address")))
                    })
                    .collect()
            };
            let name = name.trim();
            if name.eq_ignore_ascii_case("User Aor") {
                if let Some(done) = current.take() {
                    self.sefautil.push(done);
                }
                let user = normal_sip(value).ok_or_else(|| {
                    at(
                        label,
                        n,
                        1,
                        format!("User Aor {value:?} is not a SIP address"),
                    )
                })?;
                current = Some(SefaEvidence {
                    user,
                    delegates: Vec::new(),
                    ringing: None,
                    from: format!("{label}:{n}"),
                });
                continue;
            }
            let Some(sefa) = current.as_mut() else {
                return Err(at(
                    label,
                    n,
                    1,
                    "SEFAUtil's printout starts with its User Aor line",
                ));
            };
            if name.eq_ignore_ascii_case("Simultaneously Ringing Delegates") {
                sefa.delegates = uris(value)?;
                sefa.ringing = Some("/simulringdelegates".into());
            } else if name.eq_ignore_ascii_case("Forwarding calls to Delegates") {
                sefa.delegates = uris(value)?;
                sefa.ringing = Some("/fwdtodelegates".into());
            } else if let Some(delay) =
                name.strip_prefix("Delay Ringing Delegates (delay")
                    .map(|_| {
                        line.split_once("delay:")
                            .map(|(_, r)| {
                                r.split_whitespace().next().unwrap_or_default().to_owned()
                            })
                            .unwrap_or_default()
                    })
            {
                let (_, rest) = line.split_once("):").unwrap_or(("", ""));
                sefa.delegates = uris(rest.trim())?;
                sefa.ringing = Some(format!("/delayringdelegates:{delay}"));
            } else if [
                "Display Name",
                "UM Enabled",
                "Simulring enabled",
                "User Ring time",
                "Call Forward No Answer to",
                "Simulring destination",
                "Forward immediate to",
            ]
            .iter()
            .any(|k| k.eq_ignore_ascii_case(name))
            {
                if !name.eq_ignore_ascii_case("Display Name") {
                    self.ignored.push(format!("SEFAUtil's {name}: {value} ({label}:{n}): only delegates and their ringing are taken"));
                }
            } else {
                self.ignored.push(format!(
                    "SEFAUtil's {name} ({label}:{n}): not a line the lab reads"
                ));
            }
        }
        match current {
            Some(done) => self.sefautil.push(done),
            None => return Err(at(label, 1, 1, "no User Aor line: not SEFAUtil's printout")),
        }
        Ok(())
    }

    /// The lab and its setup.
    fn case(mut self) -> Result<Case, Problem> {
        let for_case = |message: String| at("the evidence", 0, 0, message);
        // Every user named: by Get-CsUser, the registry, SEFAUtil.
        let named: Vec<(String, String)> = self
            .hives
            .iter()
            .flat_map(|(h, from)| {
                std::iter::once(h.user.clone())
                    .chain(
                        h.last
                            .iter()
                            .chain(&h.outstanding)
                            .chain(&h.dismissed)
                            .cloned(),
                    )
                    .map(move |sip| (sip, from.clone()))
            })
            .chain(self.sefautil.iter().flat_map(|s| {
                std::iter::once(s.user.clone())
                    .chain(s.delegates.iter().cloned())
                    .map(move |sip| (sip, s.from.clone()))
            }))
            .collect();
        for (sip, from) in named {
            self.user(&sip, &from);
        }
        // SEFAUtil rings delegates only for a user enabled for Enterprise Voice.
        let ringing: Vec<SefaEvidence> = self
            .sefautil
            .iter()
            .filter(|s| s.ringing.is_some())
            .cloned()
            .collect();
        for sefa in &ringing {
            let (user_from, listed, ev) = {
                let u = self.user(&sefa.user, &sefa.from);
                (u.from.clone(), u.listed, u.enterprise_voice)
            };
            if listed && !ev {
                return Err(for_case(format!(
                    "SEFAUtil's printout ({}) rings {}'s delegates, which it does only for a user enabled for Enterprise Voice, but Get-CsUser ({user_from}) says EnterpriseVoiceEnabled False: which is it?",
                    sefa.from, sefa.user
                )));
            }
            if !listed && !ev {
                self.user(&sefa.user, &sefa.from).enterprise_voice = true;
                self.taken.push(format!(
                    "{} enabled for Enterprise Voice: SEFAUtil rings their delegates ({})",
                    sefa.user, sefa.from
                ));
            }
        }
        if self.users.is_empty() {
            return Err(for_case(
                "no users in any input: send Get-CsUser's output (or a registry export or SEFAUtil's printout naming them)".into(),
            ));
        }
        // Each SIP domain with where it was first seen.
        let mut domains: Vec<(String, String)> = Vec::new();
        for u in &self.users {
            let Some((_, domain)) = sip_parts(&u.sip) else {
                continue;
            };
            if !domains.iter().any(|(d, _)| *d == domain) {
                domains.push((domain, u.from.clone()));
            }
        }
        if domains.len() > 1 {
            let listed: Vec<String> = domains
                .iter()
                .map(|(d, from)| format!("{d} at {from}"))
                .collect();
            return Err(for_case(format!(
                "users in {} SIP domains ({}): the lab has one",
                domains.len(),
                listed.join(", ")
            )));
        }
        let domain = domains
            .into_iter()
            .next()
            .map(|(d, _)| d)
            .unwrap_or_default();
        let mut taken = Vec::new();
        let mut users = Vec::new();
        for u in &self.users {
            let (id, _) = sip_parts(&u.sip).unwrap_or_default();
            let name = u.name.clone().unwrap_or_else(|| id.clone());
            let what = if u.listed { "Get-CsUser" } else { "named only" };
            taken.push(format!("user {id} ({name}, {}): {what}, {}", u.sip, u.from));
            users.push(User {
                id,
                name,
                enterprise_voice: u.enterprise_voice,
            });
        }
        // The front end: the lab's is the computer whose name starts with LYNC.
        let front_end = match &self.pool {
            Some((fqdn, from)) => {
                let host = fqdn.split('.').next().unwrap_or_default().to_uppercase();
                let name = if host.starts_with("LYNC") && is_computer_name(&host) {
                    host
                } else {
                    "LYNC-FE01".to_owned()
                };
                taken.push(format!(
                    "front end {name}: RegistrarPool {fqdn} ({from}){}",
                    if name.to_lowercase() == fqdn.split('.').next().unwrap_or_default() {
                        String::new()
                    } else {
                        " (lab assumption: the lab's front end is a computer named LYNC…)"
                            .to_owned()
                    }
                ));
                name
            }
            None => {
                taken.push(
                    "front end LYNC-FE01: lab assumption (no RegistrarPool in the evidence)".into(),
                );
                "LYNC-FE01".to_owned()
            }
        };
        let mut computers: Vec<ComputerSpec> =
            self.computers.iter().map(|(c, _)| c.clone()).collect();
        if !computers.iter().any(|c| c.name.starts_with("LYNC")) {
            computers.push(ComputerSpec::from(front_end.as_str()));
        }
        // A user no evidence puts at a computer gets one named after them, where they are the
        // one logged on (the lab's rule: USER20-PC is user20's).
        let mut added = Vec::new();
        for user in &users {
            let stem: String = user
                .id
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .take(12)
                .collect::<String>()
                .to_uppercase();
            let seated = self
                .hives
                .iter()
                .any(|(h, _)| sip_parts(&h.user).is_some_and(|(id, _)| id == user.id));
            let named = computers
                .iter()
                .any(|c| c.name.split('-').next() == Some(stem.as_str()));
            if seated || named {
                continue;
            }
            let mut name = format!("{stem}-PC");
            let mut n = 2;
            while computers.iter().any(|c| c.name == name) {
                name = format!("{stem}-PC{n}");
                n += 1;
            }
            let at = computers.len() - 1;
            computers.insert(at, ComputerSpec::from(name.as_str()));
            added.push(name);
        }
        if !added.is_empty() {
            taken.push(format!(
                "computers {}: lab assumption (the evidence puts these users at no computer; rename them to the customer's)",
                added.join(", ")
            ));
        }
        taken.extend(self.taken.iter().cloned());
        let mut client_policies: Vec<ClientPolicySpec> = Vec::new();
        let mut voice_policies: Vec<VoicePolicySpec> = Vec::new();
        for p in &self.client_policies {
            taken.push(format!(
                "client policy {} (EnableExchangeDelegateSync {}): {}",
                p.spec.identity,
                crate::lab::sync_setting(p.spec.enable_exchange_delegate_sync),
                p.from
            ));
            client_policies.push(p.spec.clone());
        }
        for p in &self.voice_policies {
            taken.push(format!(
                "voice policy {} (EnableDelegation {}): {}",
                p.spec.identity,
                crate::lab::voice::bool_text(p.spec.enable_delegation),
                p.from
            ));
            voice_policies.push(p.spec.clone());
        }
        if !client_policies.iter().any(|p| p.identity == GLOBAL) {
            taken.push("client policy Global: not in the evidence (EnableExchangeDelegateSync not set, as a new deployment's)".into());
            client_policies.insert(
                0,
                ClientPolicySpec {
                    identity: GLOBAL.into(),
                    enable_exchange_delegate_sync: None,
                },
            );
        }
        if !voice_policies.iter().any(|p| p.identity == GLOBAL) {
            if !self.voice_policies.is_empty() {
                taken.push(
                    "voice policy Global: not in the evidence (EnableDelegation True, its default)"
                        .into(),
                );
            }
            voice_policies.insert(
                0,
                VoicePolicySpec {
                    identity: GLOBAL.into(),
                    enable_delegation: true,
                },
            );
        }
        // Policies granted but not shown.
        for u in &self.users {
            if let Some(tag) = &u.client_policy
                && !client_policies.iter().any(|p| &p.identity == tag)
            {
                taken.push(format!("client policy {tag}: granted ({}) but not in the evidence: nothing set (send its Get-CsClientPolicy output)", u.from));
                client_policies.push(ClientPolicySpec {
                    identity: tag.clone(),
                    enable_exchange_delegate_sync: None,
                });
            }
            if let Some(tag) = &u.voice_policy
                && !voice_policies.iter().any(|p| &p.identity == tag)
            {
                taken.push(format!("voice policy {tag}: granted ({}) but not in the evidence: EnableDelegation True, its default (send its Get-CsVoicePolicy output)", u.from));
                voice_policies.push(VoicePolicySpec {
                    identity: tag.clone(),
                    enable_delegation: true,
                });
            }
        }
        let registry = self
            .hives
            .iter()
            .map(|(h, from)| {
                taken.push(format!("registry of {} on {}: {from}", h.user, h.computer));
                h.clone()
            })
            .collect();
        let spec = LabSpec {
            domain: domain.clone(),
            users,
            computers,
            client_policies,
            voice_policies,
            groups: Vec::new(),
            registry,
        };
        if let Some(problem) = spec.problems().into_iter().next() {
            return Err(for_case(format!(
                "the lab it makes is not valid: {}",
                problem.message
            )));
        }
        // The setup: what only a command on the server sets.
        let mut setup = Vec::new();
        let shell = |command: String| Line::Step(Step::Action(Action::Shell { command }));
        let client = self.client_policies.iter().map(|p| {
            (
                "client",
                "Client",
                p.settings.as_slice(),
                p.spec.identity.as_str(),
                p.from.as_str(),
            )
        });
        let voice = self.voice_policies.iter().map(|p| {
            (
                "voice",
                "Voice",
                p.settings.as_slice(),
                p.spec.identity.as_str(),
                p.from.as_str(),
            )
        });
        for (kind, cmdlet, settings, identity, from) in client.chain(voice) {
            if settings.is_empty() {
                continue;
            }
            setup.push(Line::Comment(format!(
                "The {kind} policy's other settings ({from})."
            )));
            let params: String = settings.iter().map(|(n, v)| format!(" -{n} {v}")).collect();
            setup.push(shell(format!(
                "Set-Cs{cmdlet}Policy -Identity {identity}{params}"
            )));
        }
        let lab = Lab::new(spec.clone());
        for (i, u) in self.users.iter().enumerate() {
            let ix = UserIx(i as u32);
            let grants = [("Client", &u.client_policy), ("Voice", &u.voice_policy)];
            for (kind, tag) in grants {
                if let Some(tag) = tag {
                    setup.push(Line::Comment(format!(
                        "{}'s {} policy ({}).",
                        u.sip,
                        kind.to_lowercase(),
                        u.from
                    )));
                    let name = tag.strip_prefix("Tag:").unwrap_or(tag);
                    setup.push(shell(format!(
                        "Grant-Cs{kind}Policy -Identity {} -PolicyName {name}",
                        u.sip
                    )));
                }
            }
            if let Some(uri) = &u.line_uri
                && Some(uri.to_lowercase()) != lab.line_uri(ix).map(|l| l.to_lowercase())
            {
                setup.push(Line::Comment(format!("{}'s LineURI ({}).", u.sip, u.from)));
                setup.push(shell(format!(
                    "Set-CsUser -Identity {} -LineURI {}",
                    u.sip,
                    shell_value(uri)
                )));
            }
        }
        let with_delegates: Vec<&SefaEvidence> = self
            .sefautil
            .iter()
            .filter(|s| !s.delegates.is_empty())
            .collect();
        if !with_delegates.is_empty() {
            let pool = lab.front_end_pool();
            let app_pool = format!("sefautil.{domain}");
            setup.push(Line::Comment(
                "SEFAUtil ran, so its trusted application exists (B12).".into(),
            ));
            setup.push(shell(format!(
                "New-CsTrustedApplicationPool -Identity {app_pool} -Registrar {pool} -Site Site:1"
            )));
            setup.push(shell(format!("New-CsTrustedApplication -ApplicationId sefautil -TrustedApplicationPoolFqdn {app_pool} -Port 7489")));
            setup.push(shell("Enable-CsTopology".into()));
            for s in with_delegates {
                setup.push(Line::Comment(format!(
                    "{}'s delegates, from SEFAUtil's printout ({}).",
                    s.user, s.from
                )));
                for d in &s.delegates {
                    setup.push(shell(format!(
                        "SEFAUtil.exe /server:{pool} {} /adddelegate:{d}",
                        s.user
                    )));
                }
                if let Some(ringing) = &s.ringing {
                    setup.push(shell(format!(
                        "SEFAUtil.exe /server:{pool} {} {ringing}",
                        s.user
                    )));
                }
            }
        }
        // Every setup step must do what it says on this lab: a case that does not set up is
        // refused, not written.
        let mut check = lab;
        let mut why = "The setup";
        for line in &setup {
            match line {
                Line::Comment(comment) => why = comment.trim_end_matches('.'),
                Line::Step(Step::Action(action)) => {
                    let outcome = check.apply(action);
                    if !outcome.is_ok() {
                        return Err(for_case(format!(
                            "{why}: the setup step {action} is refused by the lab: {outcome}"
                        )));
                    }
                }
                Line::Step(_) => {}
            }
        }
        if setup.is_empty() {
            setup.push(Line::Step(Step::Narration(Narration::Note {
                text: "The customer's lab, from the evidence; nothing to set up on the server."
                    .into(),
            })));
        }
        Ok(Case {
            spec,
            setup,
            taken,
            ignored: self.ignored,
        })
    }
}

/// A policy seen in the evidence, kept once (the same policy again is its merged blocks).
fn add_policy<S: Identified>(
    policies: &mut Vec<PolicyEvidence<S>>,
    seen: PolicyEvidence<S>,
    identity: &str,
) {
    // Listed before: its blocks were merged (`list_output`), so this is the whole of it.
    match policies.iter_mut().find(|p| p.spec.identity() == identity) {
        Some(before) => {
            before.spec = seen.spec;
            before.settings = seen.settings;
        }
        None => policies.push(seen),
    }
}

/// A policy as a lab lists it, by its identity.
trait Identified {
    fn identity(&self) -> &str;
}

impl Identified for ClientPolicySpec {
    fn identity(&self) -> &str {
        &self.identity
    }
}

impl Identified for VoicePolicySpec {
    fn identity(&self) -> &str {
        &self.identity
    }
}

/// A setting as a Set- cmdlet's parameter value: a boolean as `$True`/`$False`.
fn parameter_value(flag: Option<bool>, value: &str) -> String {
    match flag {
        Some(true) => "$True".to_owned(),
        Some(false) => "$False".to_owned(),
        None => shell_value(value),
    }
}

/// A policy block's Identity, as the lab writes it.
fn policy_identity(block: &Block, label: &str) -> Result<String, Problem> {
    let p = block
        .get("Identity")
        .ok_or_else(|| at(label, block.line, 1, "a policy block without its Identity"))?;
    normalize_policy_identity(&p.value).ok_or_else(|| {
        at(
            label,
            p.line,
            1,
            format!(
                "Identity {:?} is not Global or a tag policy (Tag:Name)",
                p.value
            ),
        )
    })
}

/// What a block prints, by the properties only one kind has.
fn kind_of(block: &Block) -> Option<Kind> {
    let has = |names: &[&str]| {
        block.properties.iter().any(|p| {
            names.iter().any(|n| {
                n.eq_ignore_ascii_case(&p.name) && !["Identity", "Description", "Name"].contains(n)
            })
        })
    };
    if has(&[
        "SipAddress",
        "DisplayName",
        "EnterpriseVoiceEnabled",
        "RegistrarPool",
        "LineURI",
        "ClientPolicy",
        "VoicePolicy",
    ]) {
        Some(Kind::User)
    } else if has(VOICE_POLICY_PROPERTIES) {
        Some(Kind::VoicePolicy)
    } else if has(&Kind::ClientPolicy.known()) {
        Some(Kind::ClientPolicy)
    } else {
        None
    }
}

/// The first `15.0.x.y` in a line.
fn find_build(line: &str) -> Option<String> {
    line.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .find(|w| Build((*w).to_owned()).is_valid())
        .map(str::to_owned)
}
