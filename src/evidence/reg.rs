//! A Registry Editor export as evidence: the DelegatorList values under each user's Lync key
//! (B7), for the computer the export came from.

use super::{Evidence, Problem, at, normal_sip};
use crate::lab::directory::RegistrySpec;
use crate::lab::registry::DelegatorListValue;
use crate::regfile::{self, RegData};

/// `HKEY_CURRENT_USER\Software\Microsoft\Office\15.0\Lync` (any case; `HKCU` too).
const LYNC_KEY: &str = "software\\microsoft\\office\\15.0\\lync";

impl Evidence {
    pub(super) fn registry(
        &mut self,
        bytes: &[u8],
        computer: &str,
        label: &str,
    ) -> Result<(), Problem> {
        let file = regfile::parse(bytes).map_err(|e| at(label, e.line, e.column, e.message))?;
        let mut found = false;
        let mut lync_key = None;
        for key in &file.keys {
            let path = key.path.to_lowercase();
            let below_hive = path
                .strip_prefix("hkey_current_user\\")
                .or_else(|| path.strip_prefix("hkcu\\"));
            if below_hive == Some(LYNC_KEY) && !key.delete {
                lync_key.get_or_insert(key.line);
            }
            let user = below_hive
                .and_then(|p| p.strip_prefix(LYNC_KEY))
                .and_then(|p| p.strip_prefix('\\'))
                .filter(|rest| !rest.contains('\\'));
            let Some(user) = user.filter(|_| !key.delete) else {
                for value in &key.values {
                    self.ignored.push(format!(
                        "[{}] {} ({label}:{}): not a value the lab models",
                        key.path,
                        value.name.as_deref().unwrap_or("@"),
                        value.line
                    ));
                }
                continue;
            };
            let sip = normal_sip(user).ok_or_else(|| {
                at(
                    label,
                    key.line,
                    1,
                    format!("the Lync key of {user:?}: not a user's address (user@domain)"),
                )
            })?;
            found = true;
            let mut hive = RegistrySpec {
                user: sip.clone(),
                computer: computer.to_owned(),
                last: Vec::new(),
                outstanding: Vec::new(),
                dismissed: Vec::new(),
            };
            for value in &key.values {
                let name = value.name.as_deref().unwrap_or("@");
                let Some(which) = DelegatorListValue::from_name(name) else {
                    self.ignored.push(format!(
                        "{name} under {sip}'s Lync key ({label}:{}): not a value the lab models",
                        value.line
                    ));
                    continue;
                };
                let entries: Vec<String> = match &value.data {
                    RegData::Sz(text) => text
                        .split(';')
                        .map(str::trim)
                        .filter(|e| !e.is_empty())
                        .map(str::to_owned)
                        .collect(),
                    RegData::MultiSz(items) => items.clone(),
                    RegData::Delete => Vec::new(),
                    RegData::ExpandSz(_)
                    | RegData::Dword(_)
                    | RegData::Qword(_)
                    | RegData::Binary(_)
                    | RegData::Other { .. } => {
                        return Err(at(
                            label,
                            value.line,
                            1,
                            format!("{name} is not a string value (REG_SZ) as Lync writes it"),
                        ));
                    }
                };
                let mut uris = Vec::new();
                for entry in entries {
                    let uri = normal_sip(&entry).ok_or_else(|| {
                        at(
                            label,
                            value.line,
                            1,
                            format!("{name} holds {entry:?}, not a SIP address"),
                        )
                    })?;
                    if !uris.contains(&uri) {
                        uris.push(uri);
                    }
                }
                let list = match which {
                    DelegatorListValue::Last => &mut hive.last,
                    DelegatorListValue::Outstanding => &mut hive.outstanding,
                    DelegatorListValue::Dismissed => &mut hive.dismissed,
                };
                *list = uris;
            }
            let from = format!("{label}:{}", key.line);
            let seat = (hive.user.clone(), hive.computer.clone());
            if let Some((_, before)) = self
                .hives
                .iter()
                .find(|(h, _)| (h.user.clone(), h.computer.clone()) == seat)
            {
                return Err(at(
                    label,
                    key.line,
                    1,
                    format!("the registry of {sip} on {computer} was given before ({before})"),
                ));
            }
            self.computer(computer);
            self.hives.push((hive, from));
        }
        match (found, lync_key) {
            (true, _) => {}
            // The key with no user's key under it: nobody has signed in to Lync there yet.
            (false, Some(line)) => {
                self.computer(computer);
                self.taken.push(format!(
                    "{computer}: the Lync key holds no user's key ({label}:{line}): nobody has signed in to Lync there"
                ));
            }
            (false, None) => {
                return Err(at(
                    label,
                    1,
                    1,
                    "no key HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\15.0\\Lync in it: export that key (Registry Editor: select it, File > Export..., Selected branch)",
                ));
            }
        }
        Ok(())
    }
}
