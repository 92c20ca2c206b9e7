//! The HKCU hive of one (user, computer): the three DelegatorList values behind the delegate
//! banner (B7).

use serde::{Deserialize, Serialize};

use super::directory::UserIx;

/// Lync 2013's key in a user's hive: each user's key is under it.
pub const LYNC_KEY: &str = "HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\15.0\\Lync";

/// `HKEY_CURRENT_USER\Software\Microsoft\Office\15.0\Lync\<user>@<domain>`
pub fn lync_key_path(email: &str) -> String {
    format!("{LYNC_KEY}\\{email}")
}

/// The key path split into the tree Registry Editor shows, from the hive root down.
pub fn lync_key_parts(email: &str) -> Vec<String> {
    lync_key_path(email)
        .split('\\')
        .map(str::to_owned)
        .collect()
}

/// Registry value type of the three lists (lab assumption: REG_SZ, URIs joined by `;`).
pub const VALUE_TYPE: &str = "REG_SZ";

/// One of the three values under the user's Lync key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DelegatorListValue {
    Last,
    Outstanding,
    Dismissed,
}

impl DelegatorListValue {
    pub const ALL: [DelegatorListValue; 3] = [
        DelegatorListValue::Dismissed,
        DelegatorListValue::Last,
        DelegatorListValue::Outstanding,
    ];

    /// The value's name as Registry Editor shows it.
    pub fn name(self) -> &'static str {
        match self {
            DelegatorListValue::Last => "Last DelegatorList",
            DelegatorListValue::Outstanding => "Outstanding DelegatorList",
            DelegatorListValue::Dismissed => "Dismissed DelegatorList",
        }
    }

    /// Finds a value by its name, ignoring case and surrounding spaces.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|v| v.name().eq_ignore_ascii_case(name.trim()))
    }
}

/// The three lists of delegators (as user indexes; SIP URIs when shown).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DelegatorLists {
    pub last: Vec<UserIx>,
    pub outstanding: Vec<UserIx>,
    pub dismissed: Vec<UserIx>,
}

/// What learning the current delegators changed (B7).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Learned {
    /// Delegators that joined Outstanding: a new "added" banner each.
    pub newly_outstanding: Vec<UserIx>,
    /// Delegators that were in Last and are no longer current: a "removed" banner each.
    pub removed: Vec<UserIx>,
}

impl DelegatorLists {
    pub fn get(&self, value: DelegatorListValue) -> &[UserIx] {
        match value {
            DelegatorListValue::Last => &self.last,
            DelegatorListValue::Outstanding => &self.outstanding,
            DelegatorListValue::Dismissed => &self.dismissed,
        }
    }

    /// B7: the client learns its current delegators.
    pub fn learn(&mut self, current: &[UserIx]) -> Learned {
        let removed = self
            .last
            .iter()
            .copied()
            .filter(|d| !current.contains(d))
            .collect();
        self.outstanding.retain(|d| current.contains(d));
        self.dismissed.retain(|d| current.contains(d));
        let mut newly_outstanding = Vec::new();
        for &d in current {
            if !self.dismissed.contains(&d) && !self.outstanding.contains(&d) {
                self.outstanding.push(d);
                newly_outstanding.push(d);
            }
        }
        self.last = current.to_vec();
        Learned {
            newly_outstanding,
            removed,
        }
    }

    /// The banner's X: Outstanding → Dismissed. False when it was not outstanding.
    pub fn dismiss(&mut self, delegator: UserIx) -> bool {
        let Some(pos) = self.outstanding.iter().position(|&d| d == delegator) else {
            return false;
        };
        self.outstanding.remove(pos);
        if !self.dismissed.contains(&delegator) {
            self.dismissed.push(delegator);
        }
        true
    }
}

/// A hive's three values when the lab starts, as a scenario's `lab` lists them (users by id,
/// SIP URI or name): `Registry(user: "user21", computer: "USER21-PC", last: ["user20"],
/// dismissed: ["user20"])`. The Lync key exists from the start.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Registry")]
#[serde(deny_unknown_fields)]
pub struct RegistrySpec {
    pub user: String,
    pub computer: String,
    #[serde(default)]
    pub last: Vec<String>,
    #[serde(default)]
    pub outstanding: Vec<String>,
    #[serde(default)]
    pub dismissed: Vec<String>,
}

/// The HKCU hive of one (user, computer). The Lync key exists once Lync has signed in there.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hive {
    pub delegator_lists: Option<DelegatorLists>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: UserIx = UserIx(0);
    const B: UserIx = UserIx(1);

    #[test]
    fn learning_moves_delegators_between_the_lists() {
        let mut lists = DelegatorLists::default();
        let learned = lists.learn(&[A, B]);
        assert_eq!(learned.newly_outstanding, vec![A, B]);
        assert!(lists.dismiss(A));
        assert!(!lists.dismiss(A));
        assert_eq!(
            (lists.outstanding.clone(), lists.dismissed.clone()),
            (vec![B], vec![A])
        );
        // Learning again changes nothing: A stays dismissed, B outstanding.
        assert_eq!(lists.learn(&[A, B]), Learned::default());
        // A stops being a delegator: leaves Dismissed, and a removal banner is due.
        let learned = lists.learn(&[B]);
        assert_eq!(learned.removed, vec![A]);
        assert_eq!(lists.last, vec![B]);
        assert!(lists.dismissed.is_empty());
    }

    #[test]
    fn value_names_match_the_article() {
        assert_eq!(
            DelegatorListValue::from_name("outstanding delegatorlist"),
            Some(DelegatorListValue::Outstanding)
        );
        assert_eq!(
            lync_key_path("user21@contoso.com"),
            "HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\15.0\\Lync\\user21@contoso.com"
        );
    }
}
