//! The Lync 2013 client of one user on one computer: signed in or not, the policy it read at
//! sign-in (B4), its profile with what it has published (B5, B9, B10) and its banners (B7).

use std::collections::BTreeSet;

use serde::Serialize;

use super::directory::UserIx;
use super::install::LyncInstall;

/// What a client read of its client policy when it signed in (B4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PolicyReading {
    pub identity: String,
    pub enable_exchange_delegate_sync: Option<bool>,
}

impl PolicyReading {
    /// Not set behaves as False (B4).
    pub fn syncs_delegates(&self) -> bool {
        self.enable_exchange_delegate_sync == Some(true)
    }
}

/// What a client read of its voice policy and its user's Enterprise Voice setting when it
/// signed in (B5, B12): both are read only then.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VoiceReading {
    pub identity: String,
    pub enable_delegation: bool,
    pub enterprise_voice: bool,
}

/// The Lync profile under %LOCALAPPDATA% on the computer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Profile {
    /// Delegates this client has published to the back end (B5).
    pub published: BTreeSet<UserIx>,
    /// Delegates removed from the "Delegates" group whose back-end record is deleted at the
    /// next sign-in (B9).
    pub pending_removals: BTreeSet<UserIx>,
}

/// One yellow banner in the Lync main window (B7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum BannerKind {
    Added,
    Removed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Banner {
    pub kind: BannerKind,
    pub delegator: UserIx,
}

impl Banner {
    /// "You were added as a delegate for User20" (exact); the removal wording is a lab
    /// assumption.
    pub fn text(&self, delegator_name: &str) -> String {
        match self.kind {
            BannerKind::Added => format!("You were added as a delegate for {delegator_name}"),
            BannerKind::Removed => format!("You were removed as a delegate for {delegator_name}"),
        }
    }
}

/// Lync on one computer for one user.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LyncClient {
    pub running: bool,
    pub signed_in: bool,
    /// Set at sign-in, kept until sign-out.
    pub policy_read: Option<PolicyReading>,
    /// Set at sign-in, kept until sign-out (B12).
    pub voice_read: Option<VoiceReading>,
    /// The Lync installed on the computer when this client signed in (B13, B16).
    pub install_read: Option<LyncInstall>,
    /// "Added" banners shown again at this sign-in for dismissed delegators by a build
    /// without KB3114502's fix (B13): not stored, gone when closed or at sign-out.
    pub reshown_banners: Vec<UserIx>,
    /// None until the first sign-in, and again after the profile is deleted.
    pub profile: Option<Profile>,
    /// "You were removed as a delegate for …" banners: not stored, gone when closed or at
    /// sign-out (B7).
    pub removal_banners: Vec<UserIx>,
}

impl LyncClient {
    /// Signed in with Enterprise Voice as of sign-in: the Phone tab and the Call Forwarding
    /// page exist (B12).
    pub fn has_phone(&self) -> bool {
        self.signed_in
            && self.voice_read.as_ref().is_some_and(|v| v.enterprise_voice)
            && self.is_full()
    }

    /// Signed in on a Full client: Lync Basic has no delegate functionality (B16).
    pub fn is_full(&self) -> bool {
        self.signed_in
            && self
                .install_read
                .as_ref()
                .is_some_and(|i| i.edition.is_full())
    }

    pub fn pending_removals(&self) -> impl Iterator<Item = UserIx> + '_ {
        self.profile
            .iter()
            .flat_map(|p| p.pending_removals.iter().copied())
    }
}
