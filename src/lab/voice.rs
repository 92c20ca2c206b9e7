//! Enterprise Voice on the Lync Server side (B12): voice policies, each user's call forwarding
//! and call-delegation settings, trusted applications (for SEFAUtil), and calls.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::directory::{ComputerIx, UserIx};
use super::names::{NameRef, Refers, UserName};
use super::policy::{GLOBAL, normalize_policy_identity};

/// A voice policy as a scenario's `lab` lists it:
/// `VoicePolicy(identity: "Tag:NoDelegation", enable_delegation: false)`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "VoicePolicy")]
#[serde(deny_unknown_fields)]
pub struct VoicePolicySpec {
    pub identity: String,
    /// EnableDelegation; True by default, as Microsoft documents it.
    #[serde(default = "yes")]
    pub enable_delegation: bool,
}

fn yes() -> bool {
    true
}

impl VoicePolicySpec {
    /// The default lab's: Global with EnableDelegation True.
    pub fn defaults() -> Vec<VoicePolicySpec> {
        vec![VoicePolicySpec {
            identity: GLOBAL.into(),
            enable_delegation: true,
        }]
    }

    pub fn are_defaults(specs: &[VoicePolicySpec]) -> bool {
        specs == Self::defaults().as_slice()
    }
}

/// A voice policy on the server: `Global` or a tag policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VoicePolicy {
    pub identity: String,
    pub description: String,
    /// Whether users with this policy may set up call delegation (B5, B12).
    pub enable_delegation: bool,
    /// The other properties set with Set- or New-CsVoicePolicy, as Get-CsVoicePolicy prints
    /// them; no rule of the lab reads them. A property not here shows its default.
    pub settings: BTreeMap<&'static str, String>,
}

impl VoicePolicy {
    pub fn new(identity: String) -> Self {
        VoicePolicy {
            identity,
            description: String::new(),
            enable_delegation: true,
            settings: BTreeMap::new(),
        }
    }

    /// What Get-CsVoicePolicy prints for one of [`VOICE_POLICY_PROPERTIES`].
    pub fn shown(&self, property: &str) -> String {
        match property {
            "Identity" => self.identity.clone(),
            "Description" => self.description.clone(),
            "EnableDelegation" => bool_text(self.enable_delegation).into(),
            // Lab assumption: a new policy's Name is DefaultPolicy for Global (Microsoft's
            // default), and the tag's own name for a tag policy.
            "Name" => match self.settings.get("Name") {
                Some(name) => name.clone(),
                None => match self.identity.strip_prefix("Tag:") {
                    Some(tag) => tag.to_owned(),
                    None => "DefaultPolicy".into(),
                },
            },
            other => match self.settings.get(other) {
                Some(value) => value.clone(),
                None => voice_default(other).into(),
            },
        }
    }
}

/// Every voice-policy property in the order Get-CsVoicePolicy prints them (the names are
/// Microsoft's; the order is reconstructed, research/ev-and-field-faults.md §3.1).
pub const VOICE_POLICY_PROPERTIES: &[&str] = &[
    "Identity",
    "PstnUsages",
    "CustomCallForwardingSimulRingUsages",
    "Description",
    "AllowSimulRing",
    "AllowCallForwarding",
    "AllowPSTNReRouting",
    "Name",
    "EnableDelegation",
    "EnableTeamCall",
    "EnableCallTransfer",
    "EnableCallPark",
    "EnableMaliciousCallTracing",
    "EnableBWPolicyOverride",
    "PreventPSTNTollBypass",
    "CallForwardingSimulRingUsageType",
    "VoiceDeploymentMode",
    "EnableVoicemailEscapeTimer",
    "PSTNVoicemailEscapeTimer",
];

/// Microsoft's documented defaults (New-CsVoicePolicy).
fn voice_default(property: &str) -> &'static str {
    match property {
        "PstnUsages" | "CustomCallForwardingSimulRingUsages" => "{}",
        "AllowSimulRing"
        | "AllowCallForwarding"
        | "AllowPSTNReRouting"
        | "EnableTeamCall"
        | "EnableCallTransfer" => "True",
        "EnableCallPark"
        | "EnableMaliciousCallTracing"
        | "EnableBWPolicyOverride"
        | "PreventPSTNTollBypass"
        | "EnableVoicemailEscapeTimer" => "False",
        "CallForwardingSimulRingUsageType" => "VoicePolicyUsage",
        "VoiceDeploymentMode" => "OnPrem",
        "PSTNVoicemailEscapeTimer" => "1500",
        _ => "",
    }
}

pub fn bool_text(value: bool) -> &'static str {
    if value { "True" } else { "False" }
}

/// Voice policies and their grants (B12), kept like client policies (B4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VoicePolicies {
    /// Global first, then tag policies in the order they were created.
    pub policies: Vec<VoicePolicy>,
    /// User → granted tag policy identity.
    pub grants: BTreeMap<UserIx, String>,
}

impl VoicePolicies {
    pub fn new(specs: &[VoicePolicySpec]) -> Self {
        let mut policies = vec![VoicePolicy::new(GLOBAL.into())];
        for spec in specs {
            let Some(identity) = normalize_policy_identity(&spec.identity) else {
                continue;
            };
            match policies.iter_mut().find(|p| p.identity == identity) {
                Some(existing) => existing.enable_delegation = spec.enable_delegation,
                None => policies.push(VoicePolicy {
                    enable_delegation: spec.enable_delegation,
                    ..VoicePolicy::new(identity)
                }),
            }
        }
        VoicePolicies {
            policies,
            grants: BTreeMap::new(),
        }
    }

    pub fn get(&self, identity: &str) -> Option<&VoicePolicy> {
        self.policies.iter().find(|p| p.identity == identity)
    }

    pub fn get_mut(&mut self, identity: &str) -> Option<&mut VoicePolicy> {
        self.policies.iter_mut().find(|p| p.identity == identity)
    }

    /// The policy in force for a user: the granted one, else Global.
    pub fn effective(&self, user: UserIx) -> &VoicePolicy {
        self.grants
            .get(&user)
            .and_then(|identity| self.get(identity))
            .unwrap_or(&self.policies[0])
    }
}

/// Where "Forward my calls to:" sends calls (W14).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ForwardTarget {
    VoiceMail,
    Delegates,
    Contact(UserName),
    Number(String),
}

/// What "Simultaneously ring:" rings besides the user (W14).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SimulRingTarget {
    Delegates,
    TeamCall,
    Number(String),
}

/// A user's call forwarding setting (B12), as `SetCallForwarding` writes it.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Forwarding {
    /// "Turn off call forwarding": calls ring the user at work.
    #[default]
    Off,
    ForwardTo(ForwardTarget),
    SimultaneouslyRing(SimulRingTarget),
}

impl Refers for Forwarding {
    fn refers<'a>(&'a self, field: &'static str, each: &mut dyn FnMut(NameRef<'a>)) {
        if let Forwarding::ForwardTo(ForwardTarget::Contact(user)) = self {
            user.refers(field, each);
        }
    }
}

impl Forwarding {
    /// Calls go to the delegates, by forwarding or by simultaneous ringing.
    pub fn rings_delegates(&self) -> bool {
        matches!(
            self,
            Forwarding::ForwardTo(ForwardTarget::Delegates)
                | Forwarding::SimultaneouslyRing(SimulRingTarget::Delegates)
        )
    }

    /// The phone number in the setting, if any, for checking.
    pub fn number(&self) -> Option<&str> {
        match self {
            Forwarding::ForwardTo(ForwardTarget::Number(n))
            | Forwarding::SimultaneouslyRing(SimulRingTarget::Number(n)) => Some(n),
            _ => None,
        }
    }
}

impl fmt::Display for Forwarding {
    /// As the Call Forwarding page's radio button and drop-down read together.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Forwarding::Off => f.write_str("Turn off call forwarding"),
            Forwarding::ForwardTo(target) => write!(f, "Forward my calls to: {target}"),
            Forwarding::SimultaneouslyRing(target) => write!(f, "Simultaneously ring: {target}"),
        }
    }
}

impl fmt::Display for ForwardTarget {
    /// As the "Forward my calls to:" drop-down shows it (a contact by the name written).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ForwardTarget::VoiceMail => f.write_str("Voice Mail"),
            ForwardTarget::Delegates => f.write_str("My Delegates"),
            ForwardTarget::Contact(user) => f.write_str(user),
            ForwardTarget::Number(n) => f.write_str(n),
        }
    }
}

impl fmt::Display for SimulRingTarget {
    /// As the "Simultaneously ring:" drop-down shows it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SimulRingTarget::Delegates => f.write_str("My Delegates"),
            SimulRingTarget::TeamCall => f.write_str("My Team-Call Group"),
            SimulRingTarget::Number(n) => f.write_str(n),
        }
    }
}

/// "Ring your delegates after this many seconds:" offers these (W15).
pub const RING_DELAYS: [u32; 4] = [0, 5, 10, 15];

/// Unanswered calls go to voice mail after this long (W14: "Voice mail in 20 seconds").
pub const UNANSWERED_SECONDS: u32 = 20;

/// One user's call settings on the server (B12). Delegates themselves are the back-end
/// delegate records; this keeps what the Call Forwarding - Delegates dialog adds to them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CallSettings {
    pub forwarding: Forwarding,
    /// Seconds before delegates ring (0 = at the same time).
    pub ring_delay: u32,
    /// Delegates whose "Receive Calls" box is cleared (it is on when added).
    pub receive_calls_off: BTreeSet<UserIx>,
}

impl CallSettings {
    pub fn is_default(&self) -> bool {
        *self == CallSettings::default()
    }
}

/// A trusted application pool (`New-CsTrustedApplicationPool`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TrustedPool {
    pub fqdn: String,
    pub registrar: String,
}

/// A trusted application (`New-CsTrustedApplication`); it works once the topology is
/// published after it was created (`Enable-CsTopology`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TrustedApp {
    pub application_id: String,
    pub pool_fqdn: String,
    pub port: u32,
    pub published: bool,
}

/// Why a user's Lync rang for a call (B12).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum RingReason {
    /// The callee's own client.
    Callee,
    /// A delegate of the callee, after this many seconds.
    Delegate { after: u32 },
    /// The contact the callee forwards to.
    ForwardedTo,
}

impl fmt::Display for RingReason {
    /// "callee", "delegate", "delegate, after 10 s", "forwarded to".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RingReason::Callee => f.write_str("callee"),
            RingReason::Delegate { after: 0 } => f.write_str("delegate"),
            RingReason::Delegate { after } => write!(f, "delegate, after {after} s"),
            RingReason::ForwardedTo => f.write_str("forwarded to"),
        }
    }
}

/// One call and who rang for it: the lab ends every call at the next action (B12).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Call {
    pub caller: UserIx,
    pub callee: UserIx,
    /// Every client that rang, in order of user then computer.
    pub rang: Vec<(UserIx, ComputerIx, RingReason)>,
    /// Still ringing: true until the next action.
    pub active: bool,
    /// The number of the action that placed it.
    pub placed_by: u32,
}

impl Call {
    /// The users whose Lync rang (each once).
    pub fn users(&self) -> BTreeSet<UserIx> {
        self.rang.iter().map(|&(u, _, _)| u).collect()
    }
}

/// The LineURI a user has unless one was set with `Set-CsUser -LineURI` (lab assumption,
/// SPEC B12): `tel:+1425555` and four digits from the user's place, `tel:+14255550101` first.
pub fn default_line_uri(user: UserIx) -> String {
    format!("tel:+1425555{:04}", 101 + user.0 % 9899)
}

/// A phone number as the Call Forwarding page accepts it: `+`, then 7 to 15 digits (spaces,
/// dashes, dots and brackets allowed between them).
pub fn valid_number(number: &str) -> bool {
    let Some(rest) = number.trim().strip_prefix('+') else {
        return false;
    };
    let digits = rest.chars().filter(char::is_ascii_digit).count();
    (7..=15).contains(&digits)
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || " -.()".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_voice_policy_allows_delegation_and_prints_documented_defaults() {
        let policies = VoicePolicies::new(&VoicePolicySpec::defaults());
        let global = policies.effective(UserIx(0));
        assert!(global.enable_delegation);
        assert_eq!(global.shown("Name"), "DefaultPolicy");
        assert_eq!(global.shown("PSTNVoicemailEscapeTimer"), "1500");
        assert_eq!(global.shown("EnableCallPark"), "False");
    }

    #[test]
    fn line_uris_follow_the_users_place() {
        assert_eq!(default_line_uri(UserIx(0)), "tel:+14255550101");
        assert_eq!(default_line_uri(UserIx(1)), "tel:+14255550102");
    }

    #[test]
    fn numbers_need_a_plus_and_digits() {
        assert!(valid_number("+1 (425) 555-0199"));
        assert!(!valid_number("4255550199"));
        assert!(!valid_number("+1abc"));
    }
}
