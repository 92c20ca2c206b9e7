//! Which signed-in clients wait for a changed or granted setting: a client reads its client
//! policy (B4), its voice policy and Enterprise Voice (B12) only at sign-in.

use crate::lab::{Lab, Notes, UserIx};

/// What a client reads at sign-in and keeps until the next.
#[derive(Clone, Copy)]
pub(super) enum ReadAtSignIn {
    ClientPolicy,
    VoicePolicy,
    EnterpriseVoice,
}

impl ReadAtSignIn {
    /// What the client keeps, and the rule that says so.
    fn words(self) -> (&'static str, &'static str) {
        match self {
            ReadAtSignIn::ClientPolicy => ("the policy", "B4"),
            ReadAtSignIn::VoicePolicy => ("the voice policy", "B12"),
            ReadAtSignIn::EnterpriseVoice => ("the Enterprise Voice setting", "B12"),
        }
    }
}

/// A changed policy reaches clients only at their next sign-in; say which are waiting.
/// `in_force` names the policy of that kind a user has now (client or voice).
pub(super) fn policy_reach<'l>(
    lab: &'l Lab,
    identity: &str,
    in_force: impl Fn(UserIx) -> &'l str,
    read: ReadAtSignIn,
    notes: &mut Notes,
) {
    let waiting: Vec<String> = lab
        .clients
        .iter()
        .filter(|((u, _), c)| c.signed_in && in_force(*u) == identity)
        .map(|(&(u, c), _)| format!("{} on {}", lab.dir.name(u), lab.dir.computer(c)))
        .collect();
    say_waiting(waiting, read, notes);
}

/// A user's changed grant or setting: which of their clients wait for it.
pub(super) fn user_reach(lab: &Lab, user: UserIx, read: ReadAtSignIn, notes: &mut Notes) {
    let waiting = lab
        .clients_of(user)
        .into_iter()
        .filter(|&c| lab.signed_in((user, c)))
        .map(|c| format!("{} on {}", lab.dir.name(user), lab.dir.computer(c)))
        .collect();
    say_waiting(waiting, read, notes);
}

fn say_waiting(waiting: Vec<String>, read: ReadAtSignIn, notes: &mut Notes) {
    if waiting.is_empty() {
        return;
    }
    const SHOWN: usize = 5;
    let mut text = waiting
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if waiting.len() > SHOWN {
        text.push_str(&format!(" and {} more", waiting.len() - SHOWN));
    }
    let (what, rule) = read.words();
    notes.say(format!(
        "Signed-in clients keep {what} they read at sign-in until they sign out and back in ({rule}): {text}."
    ));
}
