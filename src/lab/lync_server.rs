//! Lync Server: client policies and grants (B4), back-end delegate records (B5, B8, B9) and the
//! server-side contact lists they shape (B6).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::clock::LabTime;
use super::directory::{ClientPolicySpec, ComputerIx, Directory, UserIx};
pub use super::policy::{GLOBAL, normalize_policy_identity, sync_setting};
use super::voice::{CallSettings, TrustedApp, TrustedPool, VoicePolicies, VoicePolicySpec};
use PropertyValue::{Boolean, Text};

/// A client policy: `Global` or a tag policy `Tag:Name`.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct ClientPolicy {
    pub identity: String,
    pub description: String,
    /// True, False or not set; not set behaves as False (B4).
    pub enable_exchange_delegate_sync: Option<bool>,
    /// The client policy's other properties (W12) that were set with Set- or
    /// New-CsClientPolicy, as Get-CsClientPolicy prints them. No rule of the lab reads them;
    /// a property not here is not set.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub settings: BTreeMap<&'static str, String>,
}

/// As derived, but `settings` only when some are set: the lab's fingerprint (its state's
/// `Debug` form) stays what it was for every session that never sets another property.
impl std::fmt::Debug for ClientPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = f.debug_struct("ClientPolicy");
        out.field("identity", &self.identity)
            .field("description", &self.description)
            .field(
                "enable_exchange_delegate_sync",
                &self.enable_exchange_delegate_sync,
            );
        if !self.settings.is_empty() {
            out.field("settings", &self.settings);
        }
        out.finish()
    }
}

impl ClientPolicy {
    /// A policy with nothing set but its identity.
    pub fn new(identity: String) -> Self {
        ClientPolicy {
            identity,
            description: String::new(),
            enable_exchange_delegate_sync: None,
            settings: BTreeMap::new(),
        }
    }

    pub fn is_global(&self) -> bool {
        self.identity == GLOBAL
    }

    /// What Get-CsClientPolicy prints for one of [`CLIENT_POLICY_PROPERTIES`]: the value set,
    /// else the documented default, else nothing (W12).
    pub fn shown(&self, property: &str) -> String {
        match property {
            "Identity" => self.identity.clone(),
            // A list of policy entries; the lab never has any.
            "PolicyEntry" => "{}".into(),
            "Description" => self.description.clone(),
            "EnableExchangeDelegateSync" => match self.enable_exchange_delegate_sync {
                None => String::new(),
                Some(true) => "True".into(),
                Some(false) => "False".into(),
            },
            other => match self.settings.get(other) {
                Some(value) => value.clone(),
                None => documented_default(other).unwrap_or_default().into(),
            },
        }
    }
}

/// Every property of Lync Server 2013's client policy, in the order Get-CsClientPolicy prints
/// them (W12): Identity, PolicyEntry and Description first, then the others alphabetically;
/// with what each holds. The names are Microsoft's (the Lync Server 2013 Set-CsClientPolicy
/// reference); the order is a lab assumption, as no real Get-CsClientPolicy listing was found.
/// The one list of them: [`CLIENT_POLICY_PROPERTIES`] (the printout) and the parameters of
/// Set- and New-CsClientPolicy are made from it.
pub const CLIENT_POLICY_SCHEMA: &[(&str, PropertyValue)] = &[
    ("Identity", Text),
    ("PolicyEntry", Text),
    ("Description", Text),
    ("AddressBookAvailability", Text),
    ("AttendantSafeTransfer", Boolean),
    ("AutoDiscoveryRetryInterval", Text),
    ("BlockConversationFromFederatedContacts", Boolean),
    ("CalendarStatePublicationInterval", Text),
    ("ConferenceIMIdleTimeout", Text),
    ("CustomizedHelpUrl", Text),
    ("CustomLinkInErrorMessages", Text),
    ("CustomStateUrl", Text),
    ("DGRefreshInterval", Text),
    ("DisableCalendarPresence", Boolean),
    ("DisableContactCardOrganizationTab", Boolean),
    ("DisableEmailComparisonCheck", Boolean),
    ("DisableEmoticons", Boolean),
    ("DisableFederatedPromptDisplayName", Boolean),
    ("DisableFeedsTab", Boolean),
    ("DisableFreeBusyInfo", Boolean),
    ("DisableHandsetOnLockedMachine", Boolean),
    ("DisableHtmlIm", Boolean),
    ("DisableInkIM", Boolean),
    ("DisableMeetingSubjectAndLocation", Boolean),
    ("DisableOneNote12Integration", Boolean),
    ("DisableOnlineContextualSearch", Boolean),
    ("DisablePhonePresence", Boolean),
    ("DisablePICPromptDisplayName", Boolean),
    ("DisablePoorDeviceWarnings", Boolean),
    ("DisablePoorNetworkWarnings", Boolean),
    ("DisablePresenceNote", Boolean),
    ("DisableRTFIM", Boolean),
    ("DisableSavingIM", Boolean),
    ("DisplayPhoto", Text),
    ("EnableAppearOffline", Boolean),
    ("EnableCallLogAutoArchiving", Boolean),
    ("EnableClientMusicOnHold", Boolean),
    ("EnableConversationWindowTabs", Boolean),
    ("EnableEnterpriseCustomizedHelp", Boolean),
    ("EnableEventLogging", Boolean),
    ("EnableExchangeContactSync", Boolean),
    ("EnableExchangeDelegateSync", Boolean),
    ("EnableFullScreenVideo", Boolean),
    ("EnableHighPerformanceConferencingAppSharing", Boolean),
    ("EnableHighPerformanceP2PAppSharing", Boolean),
    ("EnableHotdesking", Boolean),
    ("EnableIMAutoArchiving", Boolean),
    ("EnableMediaRedirection", Boolean),
    ("EnableNotificationForNewSubscribers", Boolean),
    ("EnableSQMData", Boolean),
    ("EnableTracing", Boolean),
    ("EnableUnencryptedFileTransfer", Boolean),
    ("EnableURL", Boolean),
    ("EnableVOIPCallDefault", Boolean),
    ("ExcludedContactFolders", Text),
    ("HelpEnvironment", Text),
    ("HotdeskingTimeout", Text),
    ("IMWarning", Text),
    ("MAPIPollInterval", Text),
    ("MaximumDGsAllowedInContactList", Text),
    ("MaximumNumberOfContacts", Text),
    ("MaxPhotoSizeKB", Text),
    ("MusicOnHoldAudioFile", Text),
    ("P2PAppSharingEncryption", Text),
    ("PlayAbbreviatedDialTone", Boolean),
    ("SearchPrefixFlags", Text),
    ("ShowManagePrivacyRelationships", Boolean),
    ("ShowRecentContacts", Boolean),
    ("ShowSharepointPhotoEditLink", Boolean),
    ("SPSearchCenterExternalURL", Text),
    ("SPSearchCenterInternalURL", Text),
    ("SPSearchExternalURL", Text),
    ("SPSearchInternalURL", Text),
    ("TabURL", Text),
    ("TracingLevel", Text),
    ("WebServicePollInterval", Text),
];

/// What a client-policy property holds (W12).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PropertyValue {
    /// True, False or not set.
    Boolean,
    /// Anything else — a TimeSpan, a UInt32, an enumeration, text: kept as typed (lab
    /// assumption: those types are not checked).
    Text,
}

/// The names of [`CLIENT_POLICY_SCHEMA`]'s properties, in its order.
pub const CLIENT_POLICY_PROPERTIES: &[&str] = &property_names();

const fn property_names() -> [&'static str; CLIENT_POLICY_SCHEMA.len()] {
    let mut names = [""; CLIENT_POLICY_SCHEMA.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = CLIENT_POLICY_SCHEMA[i].0;
        i += 1;
    }
    names
}

/// The value a property shows while not set, where Microsoft documents one (W12): "most of
/// the policy settings do not have default values", so the others print empty.
pub fn documented_default(property: &str) -> Option<&'static str> {
    match property {
        "EnableClientMusicOnHold" | "EnableHighPerformanceP2PAppSharing" => Some("False"),
        "HotdeskingTimeout" => Some("00:05:00"),
        _ => None,
    }
}

/// Who wrote a back-end delegate record, and how.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RecordOrigin {
    pub created: LabTime,
    /// Which applied action (1-based) created it.
    pub action_number: u32,
    pub route: RecordRoute,
}

/// The three routes to a back-end delegate record (B12: "a back-end delegate record is one
/// thing whatever created it").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum RecordRoute {
    /// The delegate sync pass of the delegator's Lync on that computer (B5).
    OutlookSync { user: UserIx, computer: ComputerIx },
    /// The delegator's Call Forwarding - Delegates dialog on that computer (B12).
    CallForwarding { user: UserIx, computer: ComputerIx },
    /// SEFAUtil on the server (B12).
    SefaUtil,
}

impl RecordRoute {
    /// "by Outlook sync (User20's Lync on USER20-PC)", as the inspector and expectations say.
    pub fn describe(&self, dir: &Directory) -> String {
        match *self {
            RecordRoute::OutlookSync { user, computer } => format!(
                "by Outlook sync ({}'s Lync on {})",
                dir.name(user),
                dir.computer(computer)
            ),
            RecordRoute::CallForwarding { user, computer } => format!(
                "by Call Forwarding ({}'s Lync on {})",
                dir.name(user),
                dir.computer(computer)
            ),
            RecordRoute::SefaUtil => "by SEFAUtil".into(),
        }
    }
}

/// Lync Server's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LyncServer {
    /// Global first, then tag policies in the order they were created.
    pub policies: Vec<ClientPolicy>,
    /// User → granted tag policy identity.
    pub grants: BTreeMap<UserIx, String>,
    /// (delegator, delegate) → how the record came to be.
    records: BTreeMap<(UserIx, UserIx), RecordOrigin>,
    /// (delegate, delegator), the same records indexed the other way.
    by_delegate: BTreeSet<(UserIx, UserIx)>,
    /// Voice policies and their grants (B12).
    pub voice: VoicePolicies,
    /// Call forwarding and call-delegation settings of the users who have any (B12).
    pub calls: BTreeMap<UserIx, CallSettings>,
    /// LineURIs set with `Set-CsUser -LineURI` (others have the lab's default).
    pub line_uris: BTreeMap<UserIx, String>,
    pub trusted_pools: Vec<TrustedPool>,
    pub trusted_apps: Vec<TrustedApp>,
}

impl LyncServer {
    pub fn new(specs: &[ClientPolicySpec], voice: &[VoicePolicySpec]) -> Self {
        let mut policies = vec![ClientPolicy::new(GLOBAL.into())];
        for spec in specs {
            let Some(identity) = normalize_policy_identity(&spec.identity) else {
                continue;
            };
            match policies.iter_mut().find(|p| p.identity == identity) {
                Some(existing) => {
                    existing.enable_exchange_delegate_sync = spec.enable_exchange_delegate_sync
                }
                None => policies.push(ClientPolicy {
                    enable_exchange_delegate_sync: spec.enable_exchange_delegate_sync,
                    ..ClientPolicy::new(identity)
                }),
            }
        }
        LyncServer {
            policies,
            grants: BTreeMap::new(),
            records: BTreeMap::new(),
            by_delegate: BTreeSet::new(),
            voice: VoicePolicies::new(voice),
            calls: BTreeMap::new(),
            line_uris: BTreeMap::new(),
            trusted_pools: Vec::new(),
            trusted_apps: Vec::new(),
        }
    }

    /// A user's call settings (the defaults when never changed).
    pub fn call_settings(&self, user: UserIx) -> CallSettings {
        self.calls.get(&user).cloned().unwrap_or_default()
    }

    /// Changes a user's call settings, dropping them again when back to the defaults.
    pub fn update_calls(&mut self, user: UserIx, change: impl FnOnce(&mut CallSettings)) {
        let settings = self.calls.entry(user).or_default();
        change(settings);
        if settings.is_default() {
            self.calls.remove(&user);
        }
    }

    /// Whether SEFAUtil can run: its trusted application exists and the topology was
    /// published after it was created (B12).
    pub fn sefautil_ready(&self) -> bool {
        self.trusted_apps
            .iter()
            .any(|a| a.application_id.eq_ignore_ascii_case("sefautil") && a.published)
    }

    pub fn policy(&self, identity: &str) -> Option<&ClientPolicy> {
        self.policies.iter().find(|p| p.identity == identity)
    }

    pub fn policy_mut(&mut self, identity: &str) -> Option<&mut ClientPolicy> {
        self.policies.iter_mut().find(|p| p.identity == identity)
    }

    /// The policy in force for a user: the granted one, else Global (B4).
    pub fn effective_policy(&self, user: UserIx) -> &ClientPolicy {
        self.grants
            .get(&user)
            .and_then(|identity| self.policy(identity))
            .unwrap_or(&self.policies[0])
    }

    pub fn record(&self, delegator: UserIx, delegate: UserIx) -> Option<&RecordOrigin> {
        self.records.get(&(delegator, delegate))
    }

    /// Creates a record unless it exists; true when it was created.
    pub fn create_record(
        &mut self,
        delegator: UserIx,
        delegate: UserIx,
        origin: RecordOrigin,
    ) -> bool {
        if self.records.contains_key(&(delegator, delegate)) {
            return false;
        }
        self.records.insert((delegator, delegate), origin);
        self.by_delegate.insert((delegate, delegator));
        true
    }

    /// Deletes a record; true when there was one. Its "Receive Calls" setting goes with it.
    pub fn delete_record(&mut self, delegator: UserIx, delegate: UserIx) -> bool {
        self.by_delegate.remove(&(delegate, delegator));
        self.update_calls(delegator, |c| {
            c.receive_calls_off.remove(&delegate);
        });
        self.records.remove(&(delegator, delegate)).is_some()
    }

    /// Every record, ordered by delegator then delegate.
    pub fn records(&self) -> impl Iterator<Item = (UserIx, UserIx, &RecordOrigin)> {
        self.records.iter().map(|(&(a, b), origin)| (a, b, origin))
    }

    /// The delegates a delegator has on the back end — the "Delegates" group (B6).
    pub fn delegates_of(&self, delegator: UserIx) -> Vec<UserIx> {
        self.records
            .range((delegator, UserIx(0))..=(delegator, UserIx(u32::MAX)))
            .map(|(&(_, delegate), _)| delegate)
            .collect()
    }

    /// The delegators a delegate has on the back end — "People I Manage Calls For" (B6).
    pub fn delegators_of(&self, delegate: UserIx) -> Vec<UserIx> {
        self.by_delegate
            .range((delegate, UserIx(0))..=(delegate, UserIx(u32::MAX)))
            .map(|&(_, delegator)| delegator)
            .collect()
    }
}

/// The contact-list groups, in the order the Lync client shows them (W10).
pub const FAVORITES: &str = "Favorites";
pub const OTHER_CONTACTS: &str = "Other Contacts";
pub const DELEGATES: &str = "Delegates";
pub const PEOPLE_I_MANAGE_CALLS_FOR: &str = "People I Manage Calls For";
pub const GROUP_NAMES: [&str; 4] = [
    FAVORITES,
    OTHER_CONTACTS,
    DELEGATES,
    PEOPLE_I_MANAGE_CALLS_FOR,
];

/// One group of a contact list as a client shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ContactGroup {
    pub name: &'static str,
    pub members: Vec<UserIx>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> RecordOrigin {
        RecordOrigin {
            created: LabTime::START,
            action_number: 1,
            route: RecordRoute::SefaUtil,
        }
    }

    #[test]
    fn a_policy_with_no_other_settings_debugs_as_before_for_the_fingerprint() {
        let mut policy = ClientPolicy::new(GLOBAL.into());
        assert_eq!(
            format!("{policy:?}"),
            r#"ClientPolicy { identity: "Global", description: "", enable_exchange_delegate_sync: None }"#
        );
        policy.settings.insert("TabURL", "x".into());
        assert!(format!("{policy:?}").contains(r#"settings: {"TabURL": "x"}"#));
    }

    #[test]
    fn client_policy_properties_are_unique_and_alphabetical_after_the_first_three() {
        let rest = &CLIENT_POLICY_PROPERTIES[3..];
        assert_eq!(
            &CLIENT_POLICY_PROPERTIES[..3],
            ["Identity", "PolicyEntry", "Description"]
        );
        assert!(
            rest.windows(2)
                .all(|w| w[0].to_lowercase() < w[1].to_lowercase()),
            "W12 lists the others in alphabetical order"
        );
        let longest = CLIENT_POLICY_PROPERTIES.iter().max_by_key(|p| p.len());
        assert_eq!(
            longest,
            Some(&"EnableHighPerformanceConferencingAppSharing")
        );
    }

    #[test]
    fn policy_identities_follow_lync_naming() {
        assert_eq!(
            normalize_policy_identity("global").as_deref(),
            Some("Global")
        );
        assert_eq!(
            normalize_policy_identity("Sales").as_deref(),
            Some("Tag:Sales")
        );
        assert_eq!(
            normalize_policy_identity("tag:Sales").as_deref(),
            Some("Tag:Sales")
        );
        assert_eq!(normalize_policy_identity("site:Redmond"), None);
        assert_eq!(normalize_policy_identity("Tag:"), None);
    }

    #[test]
    fn records_are_indexed_both_ways_and_created_once() {
        let mut server = LyncServer::new(&[], &[]);
        assert!(server.create_record(UserIx(0), UserIx(1), origin()));
        assert!(!server.create_record(UserIx(0), UserIx(1), origin()));
        assert!(server.create_record(UserIx(2), UserIx(1), origin()));
        assert_eq!(server.delegates_of(UserIx(0)), vec![UserIx(1)]);
        assert_eq!(server.delegators_of(UserIx(1)), vec![UserIx(0), UserIx(2)]);
        assert!(server.delete_record(UserIx(0), UserIx(1)));
        assert!(!server.delete_record(UserIx(0), UserIx(1)));
        assert_eq!(server.delegators_of(UserIx(1)), vec![UserIx(2)]);
    }

    #[test]
    fn grants_fall_back_to_global() {
        let mut server = LyncServer::new(
            &[ClientPolicySpec {
                identity: "Delegation".into(),
                enable_exchange_delegate_sync: Some(true),
            }],
            &[],
        );
        assert_eq!(server.effective_policy(UserIx(0)).identity, "Global");
        server.grants.insert(UserIx(0), "Tag:Delegation".into());
        assert_eq!(
            server
                .effective_policy(UserIx(0))
                .enable_exchange_delegate_sync,
            Some(true)
        );
    }
}
