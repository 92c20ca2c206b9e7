//! Synthetic labs and action streams for benchmarks and soak tests: deterministic, sized at
//! will, and shaped like real use (managers with assistants signing in and out, delegates
//! added and removed, banners dismissed, policies changed).

use crate::lab::directory::{ClientPolicySpec, LabSpec, User};
use crate::lab::exchange::Permissions;
use crate::lab::{Action, ActorName, ComputerName, UserName};

/// A lab with `users` users (`u0`, `u1`, …) and `computers` computers (`PC0`, …) plus the
/// front-end server `LYNC-FE01`; Global has delegate sync on.
pub fn lab_spec(users: usize, computers: usize) -> LabSpec {
    LabSpec {
        domain: "contoso.com".into(),
        users: (0..users)
            .map(|i| User {
                id: format!("u{i}"),
                name: format!("User {i}"),
                enterprise_voice: false,
            })
            .collect(),
        computers: (0..computers)
            .map(|i| format!("PC{i}").into())
            .chain(std::iter::once("LYNC-FE01".into()))
            .collect(),
        client_policies: vec![ClientPolicySpec {
            identity: "Global".into(),
            enable_exchange_delegate_sync: Some(true),
        }],
        voice_policies: crate::lab::voice::VoicePolicySpec::defaults(),
        groups: Vec::new(),
        registry: Vec::new(),
    }
}

/// `count` actions over a lab made by [`lab_spec`]: manager `u(2k)` works with assistant
/// `u(2k+1)`. The same arguments always give the same actions.
pub fn actions(users: usize, computers: usize, count: usize) -> Vec<Action> {
    let mut state: u64 = 0x5EED;
    let mut next = move |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) % n.max(1) as u64) as usize
    };
    let pairs = (users / 2).max(1);
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let pair = next(pairs);
        let manager = UserName(format!("u{}", 2 * pair));
        let assistant = UserName(format!("u{}", (2 * pair + 1).min(users.saturating_sub(1))));
        let pc = ComputerName(format!("PC{}", next(computers)));
        let user = || ActorName(manager.0.clone());
        let computer = || pc.clone();
        let action = match next(20) {
            0..=2 => Action::StartOutlook {
                user: user(),
                computer: computer(),
            },
            3..=5 => Action::SignIn {
                user: user(),
                computer: computer(),
            },
            6 => Action::SignOut {
                user: user(),
                computer: computer(),
            },
            7 => Action::CloseOutlook {
                user: user(),
                computer: computer(),
            },
            8..=9 => Action::AddDelegate {
                user: user(),
                computer: computer(),
                delegate: assistant.clone(),
                permissions: Permissions::default(),
            },
            10 => Action::RemoveDelegate {
                user: user(),
                computer: computer(),
                delegate: assistant.clone(),
            },
            11..=12 => Action::SignIn {
                user: ActorName(assistant.0.clone()),
                computer: computer(),
            },
            13 => Action::DismissBanner {
                user: ActorName(assistant.0.clone()),
                computer: computer(),
                delegator: manager.clone(),
            },
            14 => Action::RemoveFromDelegatesGroup {
                user: user(),
                computer: computer(),
                delegate: assistant.clone(),
            },
            15 => Action::ExitLync {
                user: user(),
                computer: computer(),
            },
            16 => Action::OpenSharedCalendar {
                user: ActorName(assistant.0.clone()),
                computer: computer(),
                owner: manager.clone(),
            },
            17 => Action::NewMeeting {
                user: ActorName(assistant.0.clone()),
                computer: computer(),
                owner: manager.clone(),
                subject: "Weekly".into(),
                attendees: vec![manager.clone()],
            },
            18 => Action::AddLyncMeeting {
                user: ActorName(assistant.0.clone()),
                computer: computer(),
            },
            _ => {
                if next(50) == 0 {
                    Action::Shell {
                        command: format!("Grant-CsClientPolicy {manager} -PolicyName $null"),
                    }
                } else {
                    Action::SendMeeting {
                        user: ActorName(assistant.0.clone()),
                        computer: computer(),
                    }
                }
            }
        };
        out.push(action);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::{Lab, Outcome};

    #[test]
    fn the_workload_exercises_the_rules_not_just_errors() {
        let mut lab = Lab::new(lab_spec(200, 10));
        let actions = actions(200, 10, 5_000);
        assert_eq!(actions, super::actions(200, 10, 5_000), "deterministic");
        let ok = actions
            .iter()
            .filter(|a| lab.apply(a) == Outcome::Ok)
            .count();
        assert!(ok > 1_500, "only {ok} of 5000 actions succeeded");
        assert!(lab.server().records().count() > 20);
        let banners = lab
            .clients()
            .filter(|(seat, _)| !lab.banners(*seat).is_empty())
            .count();
        assert!(banners > 5, "{banners} clients show banners");
    }
}
