//! Names as scenario files write them — of users, computers, contact-list groups, registry
//! values and windows — each a type of its own, so every verb says in its fields which names
//! it uses, and the verb lists, seats and name checks are derived from the verbs themselves
//! ([`verbs!`](crate::verbs)).

use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Serialize};

use super::windows::WindowName;

/// What a name in a step must name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    User,
    Computer,
    Group,
    RegistryValue,
    Window,
}

/// A name a step uses, with the field it is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameRef<'a> {
    pub field: &'static str,
    pub value: &'a str,
    pub kind: NameKind,
    /// The user who acts ([`ActorName`]) rather than one acted on: by its type, not its
    /// field's name.
    pub acts: bool,
}

/// A value that may hold names: it reports each, with the field it is in.
pub trait Refers {
    fn refers<'a>(&'a self, field: &'static str, each: &mut dyn FnMut(NameRef<'a>));
}

macro_rules! name_type {
    ($(#[$meta:meta])* $Name:ident => $kind:ident) => {
        name_type!($(#[$meta])* $Name => $kind, acts: false);
    };
    ($(#[$meta:meta])* $Name:ident => $kind:ident, acts: $acts:expr) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $Name(pub String);

        impl Deref for $Name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $Name {
            fn from(name: &str) -> Self {
                $Name(name.to_owned())
            }
        }

        impl From<String> for $Name {
            fn from(name: String) -> Self {
                $Name(name)
            }
        }

        impl PartialEq<&str> for $Name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl fmt::Display for $Name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Refers for $Name {
            fn refers<'a>(&'a self, field: &'static str, each: &mut dyn FnMut(NameRef<'a>)) {
                each(NameRef {
                    field,
                    value: &self.0,
                    kind: NameKind::$kind,
                    acts: $acts,
                });
            }
        }
    };
}

name_type! {
    /// A user: by id, display name, e-mail address or SIP URI.
    UserName => User
}
name_type! {
    /// The user who does an action at a computer (its seat, with the action's
    /// [`ComputerName`]): named as a [`UserName`] is.
    ActorName => User, acts: true
}
name_type! {
    /// A computer, any case.
    ComputerName => Computer
}
name_type! {
    /// A contact-list group ("Delegates", "People I Manage Calls For", ...).
    GroupName => Group
}
name_type! {
    /// A registry value of the delegate banner (B7).
    RegistryValueName => RegistryValue
}

impl Refers for WindowName {
    fn refers<'a>(&'a self, field: &'static str, each: &mut dyn FnMut(NameRef<'a>)) {
        each(NameRef {
            field,
            value: self.as_str(),
            kind: NameKind::Window,
            acts: false,
        });
    }
}

impl<T: Refers> Refers for Vec<T> {
    fn refers<'a>(&'a self, field: &'static str, each: &mut dyn FnMut(NameRef<'a>)) {
        for item in self {
            item.refers(field, each);
        }
    }
}

impl<T: Refers> Refers for Option<T> {
    fn refers<'a>(&'a self, field: &'static str, each: &mut dyn FnMut(NameRef<'a>)) {
        if let Some(item) = self {
            item.refers(field, each);
        }
    }
}

/// Values that name nothing.
macro_rules! refers_to_nothing {
    ($($t:ty),* $(,)?) => {
        $(impl Refers for $t {
            fn refers<'a>(&'a self, _: &'static str, _: &mut dyn FnMut(NameRef<'a>)) {}
        })*
    };
}

refers_to_nothing!(String, bool, u32);

/// Defines an enum of verbs (actions, expectations, captures) and derives from its variants
/// what would otherwise be kept in step by hand: `VERBS` (every verb, as files spell them),
/// `verb()`, and the names each one uses ([`Refers`], from the types of its fields). A
/// variant is a struct variant, a unit variant, or a tuple variant of one field.
#[macro_export]
macro_rules! verbs {
    (
        $(#[$meta:meta])*
        pub enum $Enum:ident {
            $(
                $(#[$variant_meta:meta])*
                $Verb:ident $({ $($fields:tt)* })? $(($inner:ty))?
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        pub enum $Enum {
            $(
                $(#[$variant_meta])*
                $Verb $({ $($fields)* })? $(($inner))?
            ),*
        }

        impl $Enum {
            /// Every verb, as scenario files spell them.
            pub const VERBS: &'static [&'static str] = &[$(stringify!($Verb)),*];

            /// This one's verb.
            pub fn verb(&self) -> &'static str {
                match self {
                    $(Self::$Verb { .. } => stringify!($Verb)),*
                }
            }
        }

        impl $crate::lab::names::Refers for $Enum {
            fn refers<'a>(
                &'a self,
                _field: &'static str,
                each: &mut dyn FnMut($crate::lab::names::NameRef<'a>),
            ) {
                match self {
                    $(this @ Self::$Verb { .. } => $crate::verbs!(
                        @refers this, each, $Verb $({ $($fields)* })? $(($inner))?
                    )),*
                }
            }
        }
    };
    (@refers $this:ident, $each:ident, $Verb:ident {
        $($(#[$field_meta:meta])* $field:ident : $ty:ty),* $(,)?
    }) => {{
        // The outer match chose the variant; an enum of one variant makes this irrefutable.
        #[allow(irrefutable_let_patterns)]
        if let Self::$Verb { $($field),* } = $this {
            $($crate::lab::names::Refers::refers($field, stringify!($field), $each);)*
        }
    }};
    (@refers $this:ident, $each:ident, $Verb:ident ($ty:ty)) => {{
        #[allow(irrefutable_let_patterns)]
        if let Self::$Verb(inner) = $this {
            $crate::lab::names::Refers::refers(inner, stringify!($Verb), $each);
        }
    }};
    (@refers $this:ident, $each:ident, $Verb:ident) => {{
        let _ = ($this, $each);
    }};
}

/// Every name a value uses, in the order its fields are written.
pub fn names_of(value: &impl Refers) -> Vec<NameRef<'_>> {
    let mut names = Vec::new();
    value.refers("", &mut |name| names.push(name));
    names
}
