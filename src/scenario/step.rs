//! A scenario step: an action, an expectation or a capture, written flat in one list
//! (`StartOutlook(...)`, `ExpectOk`, `Capture(...)`).

use std::fmt;

use serde::de::value::EnumAccessDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::lab::action::one_line_ron;
use crate::lab::names::names_of;
use crate::lab::{
    Action, ComputerName, GroupName, NameRef, Refers, RegistryValueName, UserName, WindowName,
};

crate::verbs! {
    /// Expectations about the lab or about the previous action's outcome.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub enum Expectation {
        ExpectOk,
        ExpectError { contains: String },
        ExpectNoResponse,
        ExpectBanner { user: UserName, computer: ComputerName, text: String },
        ExpectNoBanner { user: UserName, computer: ComputerName },
        ExpectGroup {
            user: UserName,
            computer: ComputerName,
            group: GroupName,
            members: Vec<UserName>,
        },
        ExpectNoGroup { user: UserName, computer: ComputerName, group: GroupName },
        ExpectRegistry {
            user: UserName,
            computer: ComputerName,
            value: RegistryValueName,
            entries: Vec<UserName>,
        },
        ExpectBackendDelegate { delegator: UserName, delegate: UserName, present: bool },
        ExpectClientPolicy {
            user: UserName,
            computer: ComputerName,
            exchange_delegate_sync: bool,
        },
        /// What that signed-in client read of its voice policy at sign-in (B12).
        ExpectVoicePolicy { user: UserName, computer: ComputerName, enable_delegation: bool },
        /// Exactly these users' Lync rang for the previous `PlaceCall` (B12).
        ExpectRinging { users: Vec<UserName> },
        /// Configuration Information's MAPI line for that signed-in client says "MAPI Status
        /// OK" (`ok: true`) or the failure (B14).
        ExpectMapiStatus { user: UserName, computer: ComputerName, ok: bool },
        /// A window is open (or not) for the user logged on at that computer.
        ExpectWindow { computer: ComputerName, window: WindowName, open: bool },
    }
}

/// A capture's `size: Some((width, height))`, in points (whole or not).
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct CaptureSize(pub f32, pub f32);

impl PartialEq for CaptureSize {
    fn eq(&self, other: &Self) -> bool {
        self.0.to_bits() == other.0.to_bits() && self.1.to_bits() == other.1.to_bits()
    }
}

impl Eq for CaptureSize {}

impl CaptureSize {
    /// The largest size a capture may ask for: the desktop figures are drawn on (`shots` lays
    /// the lab out at 1440×900 points, leaving the desktop this), which no window outgrows.
    pub const MAX: CaptureSize = CaptureSize(1094.0, 847.0);

    /// Why no window can be drawn at this size, or None.
    pub fn problem(self) -> Option<String> {
        let CaptureSize(w, h) = self;
        let max = Self::MAX;
        if !(w > 0.0 && h > 0.0 && w.is_finite() && h.is_finite()) {
            Some(format!(
                "the size {w}×{h}: a width and a height must be numbers of points more than 0"
            ))
        } else if w > max.0 || h > max.1 {
            Some(format!(
                "the size {w}×{h}, larger than the desktop figures are drawn on: at most {}×{} points",
                max.0, max.1
            ))
        } else {
            None
        }
    }
}

impl crate::lab::names::Refers for CaptureSize {
    fn refers<'a>(&'a self, _: &'static str, _: &mut dyn FnMut(NameRef<'a>)) {}
}

crate::verbs! {
    /// `Capture(name, computer, window)`: a PNG in `shots`, skipped by other commands.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub enum Capture {
        Capture {
            name: String,
            computer: ComputerName,
            #[serde(default)]
            window: Option<WindowName>,
            /// A red frame around each widget with this label (found as the tests find
            /// widgets); a label that matches none or several refuses the capture.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            highlight: Vec<String>,
            /// Numbered badges 1, 2, 3 beside the highlights, in list order.
            #[serde(default, skip_serializing_if = "std::ops::Not::not")]
            numbered: bool,
            /// The window's size for this capture, in points.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            size: Option<CaptureSize>,
            /// The figure's alt text; generated from the window's contents when left out.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            alt: Option<String>,
        },
    }
}

crate::verbs! {
    /// Steps for people and for time, which are not actions: an expectation about "the
    /// previous action" skips them.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub enum Narration {
        /// A caption: shown in the step list, printed by `check`, prose in reports. It changes
        /// nothing and moves no clock.
        Note { text: String },
        /// Moves the lab clock on by exactly this many minutes (no rule runs on a timer).
        Wait { minutes: u32 },
    }
}

/// One step of a scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Action(Action),
    Expect(Expectation),
    Capture(Capture),
    Narration(Narration),
}

/// Every verb a step may start with (actions, expectations, `Capture`, `Note`, `Wait`).
pub static STEP_VERBS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    [
        Action::VERBS,
        Expectation::VERBS,
        Capture::VERBS,
        Narration::VERBS,
    ]
    .concat()
});

impl Serialize for Step {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Step::Action(a) => a.serialize(s),
            Step::Expect(e) => e.serialize(s),
            Step::Capture(c) => c.serialize(s),
            Step::Narration(n) => n.serialize(s),
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
        } else if Capture::VERBS.contains(&name.as_str()) {
            Capture::deserialize(EnumAccessDeserializer::new(replay())).map(Step::Capture)
        } else if Narration::VERBS.contains(&name.as_str()) {
            Narration::deserialize(EnumAccessDeserializer::new(replay())).map(Step::Narration)
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

impl Expectation {
    /// Whether it is about the previous action's outcome rather than the lab's state (an
    /// exercise's goals must be about the state).
    pub fn is_about_the_previous_action(&self) -> bool {
        match self {
            Expectation::ExpectOk
            | Expectation::ExpectError { .. }
            | Expectation::ExpectNoResponse => true,
            Expectation::ExpectBanner { .. }
            | Expectation::ExpectNoBanner { .. }
            | Expectation::ExpectGroup { .. }
            | Expectation::ExpectNoGroup { .. }
            | Expectation::ExpectRegistry { .. }
            | Expectation::ExpectBackendDelegate { .. }
            | Expectation::ExpectClientPolicy { .. }
            | Expectation::ExpectVoicePolicy { .. }
            | Expectation::ExpectRinging { .. }
            | Expectation::ExpectMapiStatus { .. }
            | Expectation::ExpectWindow { .. } => false,
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&one_line_ron(self))
    }
}

impl Refers for Step {
    fn refers<'a>(&'a self, field: &'static str, each: &mut dyn FnMut(NameRef<'a>)) {
        match self {
            Step::Action(action) => action.refers(field, each),
            Step::Expect(expectation) => expectation.refers(field, each),
            Step::Capture(capture) => capture.refers(field, each),
            Step::Narration(narration) => narration.refers(field, each),
        }
    }
}

impl Step {
    /// The names this step uses, so a file naming someone who does not exist is refused.
    pub fn names(&self) -> Vec<NameRef<'_>> {
        names_of(self)
    }

    /// The step in plain words, as the step list and reports show it; `lab` is the lab the
    /// step runs on (for display names and the windows it acts in).
    pub fn plain(&self, lab: &crate::lab::Lab) -> String {
        match self {
            Step::Action(action) => action.plain(lab),
            Step::Expect(expectation) => expectation.plain(lab),
            Step::Capture(capture) => capture.plain(lab),
            Step::Narration(Narration::Note { text }) => text.clone(),
            Step::Narration(Narration::Wait { minutes: 1 }) => "Wait 1 minute".into(),
            Step::Narration(Narration::Wait { minutes }) => format!("Wait {minutes} minutes"),
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
                Note(text: "User20 gives User21 delegate access."),
                Wait(minutes: 30),
            ]"#,
        )
        .unwrap();
        assert_eq!(steps.len(), 8);
        assert_eq!(steps[7], Step::Narration(Narration::Wait { minutes: 30 }));
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
