//! A scenario step: an action, an expectation or a capture, written flat in one list
//! (`StartOutlook(...)`, `ExpectOk`, `Capture(...)`).

use std::fmt;

use serde::de::value::EnumAccessDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::{NameKind, NameRef};
use crate::lab::action::one_line_ron;
use crate::lab::{Action, Fault};

/// Expectations about the lab or about the previous action's outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Expectation {
    ExpectOk,
    ExpectError {
        contains: String,
    },
    ExpectNoResponse,
    ExpectBanner {
        user: String,
        computer: String,
        text: String,
    },
    ExpectNoBanner {
        user: String,
        computer: String,
    },
    ExpectGroup {
        user: String,
        computer: String,
        group: String,
        members: Vec<String>,
    },
    ExpectNoGroup {
        user: String,
        computer: String,
        group: String,
    },
    ExpectRegistry {
        user: String,
        computer: String,
        value: String,
        entries: Vec<String>,
    },
    ExpectBackendDelegate {
        delegator: String,
        delegate: String,
        present: bool,
    },
    ExpectClientPolicy {
        user: String,
        computer: String,
        exchange_delegate_sync: bool,
    },
}

impl Expectation {
    pub const VERBS: &'static [&'static str] = &[
        "ExpectOk",
        "ExpectError",
        "ExpectNoResponse",
        "ExpectBanner",
        "ExpectNoBanner",
        "ExpectGroup",
        "ExpectNoGroup",
        "ExpectRegistry",
        "ExpectBackendDelegate",
        "ExpectClientPolicy",
    ];
}

/// `Capture(name, computer, window)`: a PNG in `shots`, skipped by other commands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Capture {
    Capture {
        name: String,
        computer: String,
        #[serde(default)]
        window: Option<String>,
    },
}

/// One step of a scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Action(Action),
    Expect(Expectation),
    Capture(Capture),
}

/// Every verb a step may start with (actions, expectations, `Capture`), for error messages.
pub static STEP_VERBS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    let mut verbs = Action::VERBS.to_vec();
    verbs.extend(Expectation::VERBS);
    verbs.push("Capture");
    verbs
});

impl Serialize for Step {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Step::Action(a) => a.serialize(s),
            Step::Expect(e) => e.serialize(s),
            Step::Capture(c) => c.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Step {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_enum("Step", &STEP_VERBS, StepVisitor)
    }
}

struct StepVisitor;

impl<'de> Visitor<'de> for StepVisitor {
    type Value = Step;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a scenario step such as StartOutlook(...), ExpectOk or Capture(...)")
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Step, A::Error> {
        let (name, variant) = data.variant_seed(VerbSeed)?;
        let replay = || Replay {
            name: name.clone(),
            variant,
        };
        if Action::VERBS.contains(&name.as_str()) {
            Action::deserialize(EnumAccessDeserializer::new(replay())).map(Step::Action)
        } else if Expectation::VERBS.contains(&name.as_str()) {
            Expectation::deserialize(EnumAccessDeserializer::new(replay())).map(Step::Expect)
        } else if name == "Capture" {
            Capture::deserialize(EnumAccessDeserializer::new(replay())).map(Step::Capture)
        } else {
            Err(de::Error::unknown_variant(&name, &STEP_VERBS))
        }
    }
}

/// Reads a variant's name as an identifier.
struct VerbSeed;

impl<'de> DeserializeSeed<'de> for VerbSeed {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        struct Ident;
        impl Visitor<'_> for Ident {
            type Value = String;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a step verb")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
                Ok(v.to_owned())
            }
        }
        d.deserialize_identifier(Ident)
    }
}

/// Hands an already-read variant name and its content to the enum that owns the verb.
struct Replay<V> {
    name: String,
    variant: V,
}

impl<'de, V: de::VariantAccess<'de>> EnumAccess<'de> for Replay<V> {
    type Error = V::Error;
    type Variant = V;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, V), V::Error> {
        let name: de::value::StringDeserializer<V::Error> = self.name.into_deserializer();
        Ok((seed.deserialize(name)?, self.variant))
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&one_line_ron(self))
    }
}

impl Step {
    /// The names this step uses, so a file naming someone who does not exist is refused.
    pub(crate) fn names(&self) -> Vec<NameRef<'_>> {
        use NameKind::*;
        fn n<'a>(field: &'static str, value: &'a str, kind: NameKind) -> NameRef<'a> {
            NameRef { field, value, kind }
        }
        fn seat<'a>(user: &'a str, computer: &'a str) -> Vec<NameRef<'a>> {
            vec![
                n("user", user, NameKind::User),
                n("computer", computer, NameKind::Computer),
            ]
        }
        match self {
            Step::Action(action) => {
                let mut names = Vec::new();
                match action {
                    Action::InjectFault(Fault::StuckSync { user, computer }) => {
                        names.extend(seat(user, computer))
                    }
                    Action::Shell { .. } => {}
                    Action::Reboot { computer }
                    | Action::OpenWindow { computer, .. }
                    | Action::CloseWindow { computer, .. } => {
                        names.push(n("computer", computer, Computer))
                    }
                    Action::StartOutlook { user, computer }
                    | Action::CloseOutlook { user, computer }
                    | Action::SignIn { user, computer }
                    | Action::SignOut { user, computer }
                    | Action::ExitLync { user, computer }
                    | Action::SetMeetingRequestDelivery { user, computer, .. }
                    | Action::AddLyncMeeting { user, computer }
                    | Action::SendMeeting { user, computer }
                    | Action::DeleteLyncProfile { user, computer }
                    | Action::LogOn { user, computer } => names.extend(seat(user, computer)),
                    Action::AddDelegate {
                        user,
                        computer,
                        delegate,
                        ..
                    }
                    | Action::SetDelegatePermissions {
                        user,
                        computer,
                        delegate,
                        ..
                    }
                    | Action::RemoveDelegate {
                        user,
                        computer,
                        delegate,
                    }
                    | Action::RemoveFromDelegatesGroup {
                        user,
                        computer,
                        delegate,
                    } => {
                        names.extend(seat(user, computer));
                        names.push(n("delegate", delegate, User));
                    }
                    Action::OpenSharedCalendar {
                        user,
                        computer,
                        owner,
                    } => {
                        names.extend(seat(user, computer));
                        names.push(n("owner", owner, User));
                    }
                    Action::NewMeeting {
                        user,
                        computer,
                        owner,
                        attendees,
                        ..
                    } => {
                        names.extend(seat(user, computer));
                        names.push(n("owner", owner, User));
                        names.extend(attendees.iter().map(|a| n("attendees", a, User)));
                    }
                    Action::EditMeeting {
                        user,
                        computer,
                        attendees,
                        ..
                    } => {
                        names.extend(seat(user, computer));
                        names.extend(attendees.iter().map(|a| n("attendees", a, User)));
                    }
                    Action::DismissBanner {
                        user,
                        computer,
                        delegator,
                    } => {
                        names.extend(seat(user, computer));
                        names.push(n("delegator", delegator, User));
                    }
                }
                names
            }
            Step::Expect(expectation) => {
                use Expectation::*;
                match expectation {
                    ExpectOk | ExpectError { .. } | ExpectNoResponse => Vec::new(),
                    ExpectBanner { user, computer, .. }
                    | ExpectNoBanner { user, computer }
                    | ExpectClientPolicy { user, computer, .. } => seat(user, computer),
                    ExpectGroup {
                        user,
                        computer,
                        group,
                        members,
                    } => {
                        let mut names = seat(user, computer);
                        names.push(n("group", group, Group));
                        names.extend(members.iter().map(|m| n("members", m, User)));
                        names
                    }
                    ExpectNoGroup {
                        user,
                        computer,
                        group,
                    } => {
                        let mut names = seat(user, computer);
                        names.push(n("group", group, Group));
                        names
                    }
                    ExpectRegistry {
                        user,
                        computer,
                        value,
                        entries,
                    } => {
                        let mut names = seat(user, computer);
                        names.push(n("value", value, RegistryValue));
                        names.extend(entries.iter().map(|e| n("entries", e, User)));
                        names
                    }
                    ExpectBackendDelegate {
                        delegator,
                        delegate,
                        ..
                    } => vec![
                        n("delegator", delegator, User),
                        n("delegate", delegate, User),
                    ],
                }
            }
            Step::Capture(Capture::Capture { computer, .. }) => {
                vec![n("computer", computer, Computer)]
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_verb_reads_as_a_step() {
        for verb in STEP_VERBS.iter() {
            let err = ron::from_str::<Step>(&format!("{verb}(nonsense: 1)"))
                .map(|_| ())
                .unwrap_err();
            assert!(
                !err.to_string().contains(&format!("named `{verb}`")),
                "{verb}: {err}"
            );
        }
        assert!(STEP_VERBS.contains(&"Capture") && STEP_VERBS.contains(&"ExpectOk"));
    }

    #[test]
    fn steps_of_every_kind_read_from_one_list() {
        let steps: Vec<Step> = ron::from_str(
            r#"[
                StartOutlook(user: "user20", computer: "USER20-PC"),
                ExpectOk,
                ExpectError(contains: "permissions"),
                InjectFault(StuckSync(user: "user20", computer: "USER20-PC")),
                Capture(name: "figure-1", computer: "USER20-PC", window: Some("Delegates")),
                Capture(name: "desk", computer: "USER20-PC", window: None),
            ]"#,
        )
        .unwrap();
        assert_eq!(steps.len(), 6);
        assert!(matches!(
            steps[0],
            Step::Action(Action::StartOutlook { .. })
        ));
        assert_eq!(steps[1], Step::Expect(Expectation::ExpectOk));
        assert!(matches!(steps[3], Step::Action(Action::InjectFault(_))));
        for step in &steps {
            let again: Step = ron::from_str(&step.to_string()).unwrap();
            assert_eq!(&again, step);
        }
    }

    #[test]
    fn an_unknown_verb_is_named_in_the_error() {
        let err = ron::from_str::<Vec<Step>>(
            "[\n  StartOutlook(user: \"a\", computer: \"b\"),\n  Frobnicate(user: \"a\"),\n]",
        )
        .unwrap_err();
        assert!(err.to_string().contains("Frobnicate"), "{err}");
        assert_eq!(err.span.start.line, 3);
    }
}
