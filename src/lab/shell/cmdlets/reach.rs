//! Which signed-in clients wait for a changed or granted policy (B4).

use crate::lab::{Lab, Notes, UserIx};

/// B4: a changed policy reaches clients only at their next sign-in; say which are waiting.
/// `in_force` names the policy of that kind a user has now (client or voice).
pub(super) fn policy_reach<'l>(
    lab: &'l Lab,
    identity: &str,
    in_force: impl Fn(UserIx) -> &'l str,
    notes: &mut Notes,
) {
    let waiting: Vec<String> = lab
        .clients
        .iter()
        .filter(|((u, _), c)| c.signed_in && in_force(*u) == identity)
        .map(|(&(u, c), _)| format!("{} on {}", lab.dir.name(u), lab.dir.computer(c)))
        .collect();
    say_waiting(waiting, notes);
}

pub(super) fn user_reach(lab: &Lab, user: UserIx, notes: &mut Notes) {
    let waiting = lab
        .clients_of(user)
        .into_iter()
        .filter(|&c| lab.signed_in((user, c)))
        .map(|c| format!("{} on {}", lab.dir.name(user), lab.dir.computer(c)))
        .collect();
    say_waiting(waiting, notes);
}

fn say_waiting(waiting: Vec<String>, notes: &mut Notes) {
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
    notes.say(format!(
        "Signed-in clients keep the policy they read at sign-in until they sign out and back in (B4): {text}."
    ));
}
