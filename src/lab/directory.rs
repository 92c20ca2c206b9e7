//! The directory: users, computers, SIP URIs — and the lab description (`Lab(...)`) that a
//! scenario file may carry (SPEC section S).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::install::ComputerSpec;
pub use super::registry::RegistrySpec;
use super::voice::VoicePolicySpec;

/// Index of a user in the directory (stable for the life of a lab).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct UserIx(pub u32);

/// Index of a computer in the directory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ComputerIx(pub u16);

/// One user, as a scenario's `lab` lists it: `User(id: "user20", name: "User20", enterprise_voice: false)`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "User")]
#[serde(deny_unknown_fields)]
pub struct User {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub enterprise_voice: bool,
}

/// A client policy as a scenario's `lab` lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "ClientPolicy")]
#[serde(deny_unknown_fields)]
pub struct ClientPolicySpec {
    pub identity: String,
    #[serde(default)]
    pub enable_exchange_delegate_sync: Option<bool>,
}

/// A mail-enabled security group as a scenario's `lab` lists it (B15):
/// `Group(id: "assistants", name: "Assistants", members: ["user21"])`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Group")]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub members: Vec<String>,
}

/// The lab a scenario runs on: `Lab(domain, users, computers, client_policies)`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Lab")]
#[serde(deny_unknown_fields)]
pub struct LabSpec {
    pub domain: String,
    pub users: Vec<User>,
    pub computers: Vec<ComputerSpec>,
    #[serde(default)]
    pub client_policies: Vec<ClientPolicySpec>,
    /// Global with EnableDelegation True when left out (SPEC's default lab).
    #[serde(
        default = "VoicePolicySpec::defaults",
        skip_serializing_if = "VoicePolicySpec::are_defaults"
    )]
    pub voice_policies: Vec<VoicePolicySpec>,
    /// Mail-enabled security groups (B15); none in the default lab.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupSpec>,
    /// DelegatorList values some hives already hold when the lab starts (what a customer's
    /// Registry Editor export showed); none in the default lab.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub registry: Vec<RegistrySpec>,
}

/// As derived, but `registry` only when the lab starts with some: the lab's fingerprint (its
/// state's `Debug` form, the spec in it) stays what it was for every session saved before
/// labs could start with registry values.
impl std::fmt::Debug for LabSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = f.debug_struct("LabSpec");
        out.field("domain", &self.domain)
            .field("users", &self.users)
            .field("computers", &self.computers)
            .field("client_policies", &self.client_policies)
            .field("voice_policies", &self.voice_policies)
            .field("groups", &self.groups);
        if !self.registry.is_empty() {
            out.field("registry", &self.registry);
        }
        out.finish()
    }
}

impl LabSpec {
    /// The default "contoso" lab of the SPEC.
    pub fn contoso() -> Self {
        let user = |id: &str, name: &str| User {
            id: id.to_owned(),
            name: name.to_owned(),
            enterprise_voice: false,
        };
        LabSpec {
            domain: "contoso.com".into(),
            users: vec![
                user("user20", "User20"),
                user("user21", "User21"),
                user("administrator", "Administrator"),
            ],
            computers: ["USER20-PC", "USER21-PC", "USER21-LAPTOP", "LYNC-FE01"]
                .map(ComputerSpec::from)
                .to_vec(),
            client_policies: vec![ClientPolicySpec {
                identity: "Global".into(),
                enable_exchange_delegate_sync: None,
            }],
            voice_policies: VoicePolicySpec::defaults(),
            groups: Vec::new(),
            registry: Vec::new(),
        }
    }

    /// Checks the description for what would make the lab ambiguous. Each problem is named
    /// with the field it is in so the scenario loader can point at it.
    pub fn problems(&self) -> Vec<LabSpecProblem> {
        let mut problems = Vec::new();
        if self.domain.trim().is_empty() || self.domain.contains(char::is_whitespace) {
            problems.push(LabSpecProblem {
                duplicate: false,
                field: "domain",
                value: self.domain.clone(),
                message: format!("the domain {:?} is not a DNS domain", self.domain),
            });
        }
        if self.users.is_empty() {
            problems.push(LabSpecProblem {
                duplicate: false,
                field: "users",
                value: String::new(),
                message: "a lab needs at least one user".into(),
            });
        }
        if self.computers.is_empty() {
            problems.push(LabSpecProblem {
                duplicate: false,
                field: "computers",
                value: String::new(),
                message: "a lab needs at least one computer".into(),
            });
        }
        let mut seen = BTreeMap::new();
        for user in &self.users {
            let valid = !user.id.is_empty()
                && user
                    .id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
            if !valid {
                problems.push(LabSpecProblem {
                    duplicate: false,
                    field: "id",
                    value: user.id.clone(),
                    message: format!(
                        "the user id {:?} must be letters, digits, '.', '_' or '-'",
                        user.id
                    ),
                });
            }
            if user.name.trim().is_empty() {
                problems.push(LabSpecProblem {
                    duplicate: false,
                    field: "id",
                    value: user.id.clone(),
                    message: format!("the user {:?} has an empty display name", user.id),
                });
            }
            for key in [user.id.to_lowercase(), user.name.to_lowercase()] {
                if let Some(other) = seen.insert(key.clone(), user.id.clone())
                    && other != user.id
                {
                    problems.push(LabSpecProblem {
                        duplicate: true,
                        field: "id",
                        value: user.id.clone(),
                        message: format!(
                            "the user {:?} is named like the user {:?} ({key:?})",
                            user.id, other
                        ),
                    });
                }
            }
        }
        let mut ids: Vec<&str> = self.users.iter().map(|u| u.id.as_str()).collect();
        ids.sort_unstable();
        for pair in ids.windows(2) {
            if pair[0].eq_ignore_ascii_case(pair[1]) {
                problems.push(LabSpecProblem {
                    duplicate: true,
                    field: "id",
                    value: pair[1].to_owned(),
                    message: format!("the user id {:?} is listed twice", pair[1]),
                });
            }
        }
        let mut computers: Vec<String> = self
            .computers
            .iter()
            .map(|c| c.name.to_uppercase())
            .collect();
        computers.sort_unstable();
        for pair in computers.windows(2) {
            if pair[0] == pair[1] {
                problems.push(LabSpecProblem {
                    duplicate: true,
                    field: "computers",
                    value: pair[1].clone(),
                    message: format!("the computer {:?} is listed twice", pair[1]),
                });
            }
        }
        for computer in &self.computers {
            if !computer.lync_build.is_valid() {
                problems.push(LabSpecProblem {
                    duplicate: false,
                    field: "lync_build",
                    value: computer.lync_build.to_string(),
                    message: format!(
                        "the Lync build {:?} of {} is not a Lync 2013 build (15.0.x.y)",
                        computer.lync_build.0, computer.name
                    ),
                });
            }
            let name = &computer.name;
            let valid = !name.is_empty()
                && name.len() <= 15
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
            if !valid {
                problems.push(LabSpecProblem {
                duplicate: false,
                    field: "computers",
                    value: name.clone(),
                    message: format!(
                        "the computer name {name:?} must be 1 to 15 letters, digits or '-' (a NetBIOS name)"
                    ),
                });
            }
        }
        let user_ids: Vec<String> = self.users.iter().map(|u| u.id.to_lowercase()).collect();
        let user_names: Vec<String> = self.users.iter().map(|u| u.name.to_lowercase()).collect();
        let mut group_keys = BTreeMap::new();
        for group in &self.groups {
            let clash = [group.id.to_lowercase(), group.name.to_lowercase()]
                .into_iter()
                .find(|k| user_ids.contains(k) || user_names.contains(k));
            let mut keys = vec![group.id.to_lowercase(), group.name.to_lowercase()];
            keys.dedup();
            let repeated = keys
                .into_iter()
                .find(|k| group_keys.insert(k.clone(), ()).is_some());
            if let Some(key) = clash.or(repeated) {
                problems.push(LabSpecProblem {
                    duplicate: true,
                    field: "id",
                    value: group.id.clone(),
                    message: format!(
                        "the group {:?} is named like another user or group ({key:?})",
                        group.id
                    ),
                });
            }
            for member in &group.members {
                let known = user_ids.contains(&member.to_lowercase())
                    || user_names.contains(&member.to_lowercase());
                if !known {
                    problems.push(LabSpecProblem {
                        duplicate: false,
                        field: "members",
                        value: member.clone(),
                        message: format!(
                            "the group {:?} has the member {member:?}, who is not a user of this lab",
                            group.id
                        ),
                    });
                }
            }
        }
        for identity in self
            .voice_policies
            .iter()
            .map(|p| &p.identity)
            .filter(|i| crate::lab::policy::normalize_policy_identity(i).is_none())
        {
            problems.push(LabSpecProblem {
                duplicate: false,
                field: "identity",
                value: identity.clone(),
                message: format!(
                    "the voice policy identity {identity:?} must be \"Global\", \"Tag:Name\" or \"Name\""
                ),
            });
        }
        // The same policy listed twice (`Tag:X` and `X` are one): the later one is refused.
        for (kind, identities) in [
            (
                "client",
                self.client_policies
                    .iter()
                    .map(|p| p.identity.as_str())
                    .collect::<Vec<_>>(),
            ),
            (
                "voice",
                self.voice_policies
                    .iter()
                    .map(|p| p.identity.as_str())
                    .collect(),
            ),
        ] {
            let mut seen = std::collections::BTreeSet::new();
            for identity in identities {
                let Some(normal) = crate::lab::policy::normalize_policy_identity(identity) else {
                    continue;
                };
                if !seen.insert(normal.clone()) {
                    problems.push(LabSpecProblem {
                        duplicate: true,
                        field: "identity",
                        value: identity.to_owned(),
                        message: format!(
                            "the {kind} policy {normal:?} is listed twice (as {identity:?})"
                        ),
                    });
                }
            }
        }
        problems.extend(self.registry_problems(&user_ids, &user_names));
        for policy in &self.client_policies {
            if crate::lab::policy::normalize_policy_identity(&policy.identity).is_none() {
                problems.push(LabSpecProblem {
                duplicate: false,
                    field: "identity",
                    value: policy.identity.clone(),
                    message: format!(
                        "the client policy identity {:?} must be \"Global\", \"Tag:Name\" or \"Name\"",
                        policy.identity
                    ),
                });
            }
        }
        problems
    }
}

impl LabSpec {
    /// The hives listed at the start: each of a user (not a group) on a computer of the lab,
    /// once, naming users only.
    fn registry_problems(&self, user_ids: &[String], user_names: &[String]) -> Vec<LabSpecProblem> {
        let person = |name: &str| {
            let name = name.trim().to_lowercase();
            let name = name.strip_prefix("sip:").unwrap_or(&name);
            let id = name
                .strip_suffix(&format!("@{}", self.domain.to_lowercase()))
                .unwrap_or(name);
            user_ids.iter().any(|u| u == id) || user_names.iter().any(|u| u == id)
        };
        let computer = |name: &str| {
            self.computers
                .iter()
                .any(|c| c.name.eq_ignore_ascii_case(name.trim()))
        };
        let mut problems = Vec::new();
        let mut seats = std::collections::BTreeSet::new();
        for hive in &self.registry {
            let problem = |field, value: &str, message: String| LabSpecProblem {
                duplicate: false,
                field,
                value: value.to_owned(),
                message,
            };
            if !person(&hive.user) {
                problems.push(problem(
                    "user",
                    &hive.user,
                    format!("the registry of {:?}: no such user in this lab", hive.user),
                ));
            }
            if !computer(&hive.computer) {
                problems.push(problem(
                    "computer",
                    &hive.computer,
                    format!(
                        "the registry of {:?} on {:?}: no such computer in this lab",
                        hive.user, hive.computer
                    ),
                ));
            }
            let seat = (hive.user.to_lowercase(), hive.computer.to_uppercase());
            if !seats.insert(seat) {
                problems.push(LabSpecProblem {
                    duplicate: true,
                    ..problem(
                        "computer",
                        &hive.computer,
                        format!(
                            "the registry of {:?} on {:?} is listed twice",
                            hive.user, hive.computer
                        ),
                    )
                });
            }
            for (field, entries) in [
                ("last", &hive.last),
                ("outstanding", &hive.outstanding),
                ("dismissed", &hive.dismissed),
            ] {
                for entry in entries.iter().filter(|e| !person(e)) {
                    problems.push(problem(
                        field,
                        entry,
                        format!(
                            "the registry of {:?} on {:?} names {entry:?}, who is not a user of this lab",
                            hive.user, hive.computer
                        ),
                    ));
                }
            }
        }
        problems
    }
}

/// Something wrong in a lab description, with the field and value to point at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabSpecProblem {
    pub field: &'static str,
    /// The value is written more than once; the later place is the one to point at.
    pub duplicate: bool,
    pub value: String,
    pub message: String,
}

/// The users and computers of a lab, with look-ups by every name a person might use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directory {
    pub domain: String,
    /// The users, then the security groups (B15) as principals of their own: a group has a
    /// [`UserIx`] past the users, a name and an address, but no mailbox or computer.
    users: Vec<User>,
    /// How many of `users` are people.
    people: usize,
    /// Group → its members.
    groups: BTreeMap<UserIx, Vec<UserIx>>,
    computers: Vec<String>,
    /// Lower-cased id, display name, `id@domain`, `sip:id@domain` and `DOMAIN\id` → user.
    user_names: BTreeMap<String, UserIx>,
    computer_names: BTreeMap<String, ComputerIx>,
}

impl Directory {
    pub fn new(spec: &LabSpec) -> Self {
        let domain = spec.domain.to_lowercase();
        let netbios = domain.split('.').next().unwrap_or_default().to_owned();
        let mut user_names = BTreeMap::new();
        let mut principals = spec.users.clone();
        principals.extend(spec.groups.iter().map(|g| User {
            id: g.id.clone(),
            name: g.name.clone(),
            enterprise_voice: false,
        }));
        for (i, user) in principals.iter().enumerate() {
            let ix = UserIx(i as u32);
            let id = user.id.to_lowercase();
            for key in [
                user.name.to_lowercase(),
                format!("{netbios}\\{id}"),
                format!("sip:{id}@{domain}"),
                format!("{id}@{domain}"),
                id,
            ] {
                user_names.entry(key).or_insert(ix);
            }
        }
        let computer_names = spec
            .computers
            .iter()
            .enumerate()
            .map(|(i, c)| (c.name.to_uppercase(), ComputerIx(i as u16)))
            .collect();
        let find = |name: &String| user_names.get(&name.trim().to_lowercase()).copied();
        let groups = spec
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let members = g
                    .members
                    .iter()
                    .filter_map(find)
                    .filter(|m: &UserIx| (m.0 as usize) < spec.users.len())
                    .collect();
                (UserIx((spec.users.len() + i) as u32), members)
            })
            .collect();
        Directory {
            domain,
            people: spec.users.len(),
            groups,
            users: principals,
            computers: spec
                .computers
                .iter()
                .map(|c| c.name.to_uppercase())
                .collect(),
            user_names,
            computer_names,
        }
    }

    /// Finds a user by id, display name, e-mail address, SIP URI or `DOMAIN\id`, ignoring case.
    pub fn find_user(&self, name: &str) -> Option<UserIx> {
        self.user_names.get(&name.trim().to_lowercase()).copied()
    }

    pub fn find_computer(&self, name: &str) -> Option<ComputerIx> {
        self.computer_names
            .get(&name.trim().to_uppercase())
            .copied()
    }

    pub fn user(&self, ix: UserIx) -> &User {
        &self.users[ix.0 as usize]
    }

    pub fn set_enterprise_voice(&mut self, ix: UserIx, enabled: bool) {
        self.users[ix.0 as usize].enterprise_voice = enabled;
    }

    /// The people of the lab (not its groups).
    pub fn users(&self) -> impl ExactSizeIterator<Item = (UserIx, &User)> {
        self.users[..self.people]
            .iter()
            .enumerate()
            .map(|(i, u)| (UserIx(i as u32), u))
    }

    /// The security groups (B15) with their members.
    pub fn groups(&self) -> impl Iterator<Item = (UserIx, &User, &[UserIx])> {
        self.groups
            .iter()
            .map(|(&g, members)| (g, &self.users[g.0 as usize], members.as_slice()))
    }

    /// Whether a principal is a security group rather than a person (B15).
    pub fn is_group(&self, ix: UserIx) -> bool {
        ix.0 as usize >= self.people
    }

    /// A group's members (none for a person).
    pub fn members(&self, group: UserIx) -> &[UserIx] {
        self.groups.get(&group).map_or(&[], Vec::as_slice)
    }

    pub fn computers(&self) -> impl ExactSizeIterator<Item = (ComputerIx, &str)> {
        self.computers
            .iter()
            .enumerate()
            .map(|(i, c)| (ComputerIx(i as u16), c.as_str()))
    }

    /// How many people (not groups) the lab has.
    pub fn user_count(&self) -> usize {
        self.people
    }

    /// People and security groups: every index a user picker can hold (Add Users lists the
    /// groups after the people, B15).
    pub fn principal_count(&self) -> usize {
        self.users.len()
    }

    /// The display name ("User20").
    pub fn name(&self, ix: UserIx) -> &str {
        &self.user(ix).name
    }

    /// The short id ("user20").
    pub fn id(&self, ix: UserIx) -> &str {
        &self.user(ix).id
    }

    pub fn computer(&self, ix: ComputerIx) -> &str {
        &self.computers[ix.0 as usize]
    }

    /// `sip:user20@contoso.com`
    pub fn sip_uri(&self, ix: UserIx) -> String {
        format!("sip:{}", self.email(ix))
    }

    /// `user20@contoso.com`
    pub fn email(&self, ix: UserIx) -> String {
        format!("{}@{}", self.id(ix).to_lowercase(), self.domain)
    }

    /// The front-end server where the Lync Server Management Shell runs: the first computer
    /// whose name starts with "LYNC" (lab assumption for labs other than contoso).
    pub fn front_end(&self) -> Option<ComputerIx> {
        self.computers()
            .find(|(_, name)| name.starts_with("LYNC"))
            .map(|(ix, _)| ix)
    }

    /// Who is logged on to a computer when the lab starts (lab assumption): the user whose id
    /// the computer is named after (`USER21-LAPTOP` → user21), the administrator on the
    /// front-end server, else nobody.
    pub fn default_logon(&self, computer: ComputerIx) -> Option<UserIx> {
        let name = self.computer(computer);
        if Some(computer) == self.front_end() {
            return self.find_user("administrator");
        }
        let stem = name.split('-').next().unwrap_or(name);
        self.find_user(stem)
    }

    /// Names for error messages: "user20, user21, administrator" (shortened for big labs).
    pub fn user_list(&self) -> String {
        list_some(self.users.iter().map(|u| u.id.as_str()))
    }

    /// The people's ids only, for messages about who can act.
    pub fn people_list(&self) -> String {
        list_some(self.users[..self.people].iter().map(|u| u.id.as_str()))
    }

    pub fn computer_list(&self) -> String {
        list_some(self.computers.iter().map(String::as_str))
    }
}

fn list_some<'a>(names: impl ExactSizeIterator<Item = &'a str>) -> String {
    const SHOWN: usize = 8;
    let total = names.len();
    let mut text = names.take(SHOWN).collect::<Vec<_>>().join(", ");
    if total > SHOWN {
        text.push_str(&format!(" and {} more", total - SHOWN));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn users_are_found_by_every_name_a_person_uses() {
        let dir = Directory::new(&LabSpec::contoso());
        let user20 = dir.find_user("user20").unwrap();
        for name in [
            "User20",
            "USER20",
            "user20@contoso.com",
            "sip:user20@contoso.com",
            "contoso\\user20",
            " user20 ",
        ] {
            assert_eq!(dir.find_user(name), Some(user20), "{name}");
        }
        assert_eq!(dir.find_user("user99"), None);
        assert_eq!(dir.sip_uri(user20), "sip:user20@contoso.com");
    }

    #[test]
    fn computers_are_case_insensitive_and_logons_follow_names() {
        let dir = Directory::new(&LabSpec::contoso());
        let laptop = dir.find_computer("user21-laptop").unwrap();
        assert_eq!(dir.computer(laptop), "USER21-LAPTOP");
        assert_eq!(dir.default_logon(laptop), dir.find_user("user21"));
        let fe = dir.front_end().unwrap();
        assert_eq!(dir.computer(fe), "LYNC-FE01");
        assert_eq!(dir.default_logon(fe), dir.find_user("administrator"));
    }

    #[test]
    fn the_default_lab_has_no_problems_and_duplicates_are_reported() {
        assert!(LabSpec::contoso().problems().is_empty());
        let mut spec = LabSpec::contoso();
        spec.users.push(spec.users[0].clone());
        spec.computers.push("user20-pc".into());
        let problems = spec.problems();
        assert!(
            problems
                .iter()
                .any(|p| p.message.contains("listed twice") && p.value == "user20")
        );
        assert!(problems.iter().any(|p| p.field == "computers"));
    }
}
