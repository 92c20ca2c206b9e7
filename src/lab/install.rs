//! Lync on each computer (B13, B16): the edition (Full or Basic) and the client build, as a
//! lab lists them (`Computer(name: "USER21-PC", lync_edition: Basic, lync_build: "15.0.4787.1002")`
//! or a bare name) and as `InstallLync` changes them.

use std::cmp::Ordering;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Lync 2013's editions: Lync Basic 2013 "does not include any Delegate functionality" (B16).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LyncEdition {
    #[default]
    Full,
    Basic,
}

impl LyncEdition {
    pub fn is_full(self) -> bool {
        self == LyncEdition::Full
    }
}

impl fmt::Display for LyncEdition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LyncEdition::Full => "Lync 2013",
            LyncEdition::Basic => "Lync Basic 2013",
        })
    }
}

/// Office 2013 SP1's Lync build, the lab's default (SPEC's default lab).
pub const DEFAULT_BUILD: &str = "15.0.4569.1503";
/// The first build with KB3114502's fix for the re-shown delegate notice (B13).
pub const FIXED_BUILD: &str = "15.0.4787.1002";

/// A client build `15.0.x.y`, compared number by number.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Build(pub String);

impl Build {
    fn parts(&self) -> Option<[u32; 4]> {
        let mut parts = [0u32; 4];
        let mut count = 0;
        for (i, part) in self.0.trim().split('.').enumerate() {
            if i >= 4 || part.is_empty() || !part.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            parts[i] = part.parse().ok()?;
            count += 1;
        }
        (count == 4).then_some(parts)
    }

    /// Whether it reads as four numbers `15.0.x.y` (a Lync 2013 build).
    pub fn is_valid(&self) -> bool {
        self.parts().is_some_and(|p| p[0] == 15 && p[1] == 0)
    }

    /// Has KB3114502's fix: 15.0.4787.1002 or later (B13).
    pub fn has_delegate_notice_fix(&self) -> bool {
        self.compare(&Build(FIXED_BUILD.into())) != Ordering::Less
    }

    fn compare(&self, other: &Build) -> Ordering {
        self.parts().cmp(&other.parts())
    }
}

impl Default for Build {
    fn default() -> Self {
        Build(DEFAULT_BUILD.into())
    }
}

impl fmt::Display for Build {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What is installed on a computer: edition and build.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LyncInstall {
    pub edition: LyncEdition,
    pub build: Build,
}

impl LyncInstall {
    /// About Lync's first line (W16, lab assumption): the edition and the build; what a
    /// customer copies from Help > About, and `import` reads back.
    pub fn about_line(&self) -> String {
        let product = match self.edition {
            LyncEdition::Full => "Microsoft® Lync® 2013",
            LyncEdition::Basic => "Microsoft® Lync® Basic 2013",
        };
        format!("{product} ({0}) MSO ({0}) 32-bit", self.build)
    }
}

/// A computer as a lab lists it: a bare name, or `Computer(name, lync_edition, lync_build)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComputerSpec {
    pub name: String,
    pub lync_edition: LyncEdition,
    pub lync_build: Build,
}

impl ComputerSpec {
    pub fn install(&self) -> LyncInstall {
        LyncInstall {
            edition: self.lync_edition,
            build: self.lync_build.clone(),
        }
    }

    fn is_plain(&self) -> bool {
        self.lync_edition == LyncEdition::Full && self.lync_build == Build::default()
    }
}

impl From<&str> for ComputerSpec {
    fn from(name: &str) -> Self {
        ComputerSpec::from(name.to_owned())
    }
}

impl From<String> for ComputerSpec {
    fn from(name: String) -> Self {
        ComputerSpec {
            name,
            lync_edition: LyncEdition::Full,
            lync_build: Build::default(),
        }
    }
}

/// The written form of a computer with Lync details.
#[derive(Serialize, Deserialize)]
#[serde(rename = "Computer", deny_unknown_fields)]
struct ComputerFields {
    name: String,
    #[serde(default)]
    lync_edition: LyncEdition,
    #[serde(default)]
    lync_build: Build,
}

impl Serialize for ComputerSpec {
    /// A bare name when Lync is the default, as older files write it.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_plain() {
            return s.serialize_str(&self.name);
        }
        ComputerFields {
            name: self.name.clone(),
            lync_edition: self.lync_edition,
            lync_build: self.lync_build.clone(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for ComputerSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ComputerVisitor;
        impl<'de> Visitor<'de> for ComputerVisitor {
            type Value = ComputerSpec;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a computer: \"NAME\" or Computer(name: \"NAME\", lync_edition: Full | Basic, lync_build: \"15.0.x.y\")",
                )
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<ComputerSpec, E> {
                Ok(ComputerSpec::from(name))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ComputerSpec, A::Error> {
                let fields =
                    ComputerFields::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(ComputerSpec {
                    name: fields.name,
                    lync_edition: fields.lync_edition,
                    lync_build: fields.lync_build,
                })
            }
        }
        d.deserialize_any(ComputerVisitor)
    }
}

/// A value of a verb that names nothing (the verbs' name checks pass over it).
impl super::names::Refers for LyncEdition {
    fn refers<'a>(&'a self, _: &'static str, _: &mut dyn FnMut(super::names::NameRef<'a>)) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_compare_number_by_number() {
        assert!(!Build(DEFAULT_BUILD.into()).has_delegate_notice_fix());
        assert!(Build(FIXED_BUILD.into()).has_delegate_notice_fix());
        assert!(Build("15.0.4800.1000".into()).has_delegate_notice_fix());
        assert!(!Build("15.0.4787.1001".into()).has_delegate_notice_fix());
        assert!(Build("15.0.4420.1017".into()).is_valid());
        assert!(!Build("16.0.1.2".into()).is_valid());
        assert!(!Build("15.0.x.1".into()).is_valid());
    }

    #[test]
    fn computers_read_as_names_or_with_lync_details_and_write_back_the_same() {
        let text = r#"["PC1", Computer(name: "PC2", lync_edition: Basic), Computer(name: "PC3", lync_build: "15.0.4787.1002")]"#;
        let computers: Vec<ComputerSpec> = ron::from_str(text).unwrap();
        assert_eq!(computers[0], ComputerSpec::from("PC1"));
        assert_eq!(computers[1].lync_edition, LyncEdition::Basic);
        assert!(computers[2].lync_build.has_delegate_notice_fix());
        let written = ron::ser::to_string_pretty(
            &computers,
            ron::ser::PrettyConfig::new().struct_names(true),
        )
        .unwrap();
        assert!(written.contains("\"PC1\""), "{written}");
        assert!(written.contains("Computer("), "{written}");
        let back: Vec<ComputerSpec> = ron::from_str(&written).unwrap();
        assert_eq!(back, computers);
        let err = ron::from_str::<Vec<ComputerSpec>>(r#"[Computer(name: "X", edition: Basic)]"#)
            .unwrap_err();
        assert!(err.to_string().contains("edition"), "{err}");
    }
}
