//! Proptest strategies shared by the property tests: actions of every verb, with names that
//! exist, names in other spellings, and names that do not.

use delegate_lab::lab::exchange::{Level, MeetingRequestDelivery, Permissions};
use delegate_lab::lab::install::LyncEdition;
use delegate_lab::lab::voice::{ForwardTarget, Forwarding, SimulRingTarget};
use delegate_lab::lab::{Action, ActorName, ComputerName, Fault, UserName};
use proptest::prelude::*;

const USERS: &[&str] = &[
    "user20",
    "user21",
    "administrator",
    "User20",
    "sip:user21@contoso.com",
    "ghost",
];
const COMPUTERS: &[&str] = &[
    "USER20-PC",
    "USER21-PC",
    "USER21-LAPTOP",
    "LYNC-FE01",
    "user20-pc",
    "NOWHERE",
];
const WINDOWS: &[&str] = &[
    "Outlook",
    "Lync",
    "Registry Editor",
    "Lync Server Management Shell",
    "Delegates",
    "Add Users",
    "Open a Shared Calendar",
    "Meeting",
    "Microsoft Outlook",
    "Delegate Permissions: User21",
    "Lync - Options",
    "Call Forwarding - Delegates",
    "Choose a Delegate",
    "Lync message box",
    "Call for User20",
    "About Lync",
    "Configuration Information",
    "Paint",
];
const COMMANDS: &[&str] = &[
    "Set-CsClientPolicy Global –EnableExchangeDelegateSync $True",
    "Set-CsClientPolicy -EnableExchangeDelegateSync $false",
    "Set-CsClientPolicy -EnableExchangeDelegateSync $null",
    "New-CsClientPolicy Sync -EnableExchangeDelegateSync 1",
    "Grant-CsClientPolicy user20 -PolicyName Sync",
    "Grant-CsClientPolicy user21@contoso.com -PolicyName $null",
    "Remove-CsClientPolicy Sync",
    "Get-CsUser | Grant-CsClientPolicy -PolicyName Sync",
    "Set-CsUser User21 -EnterpriseVoiceEnabled $true",
    "Set-CsUser User20 -EnterpriseVoiceEnabled $true -LineURI tel:+14255550120",
    "New-CsVoicePolicy NoDelegation -EnableDelegation $false",
    "Grant-CsVoicePolicy user20 -PolicyName NoDelegation",
    "Set-CsVoicePolicy Global -EnableDelegation $false",
    "New-CsTrustedApplicationPool sefautil.contoso.com -Registrar lync-fe01.contoso.com -Site Site:1",
    "New-CsTrustedApplication -ApplicationId sefautil -TrustedApplicationPoolFqdn sefautil.contoso.com -Port 7489",
    "Enable-CsTopology",
    "SEFAUtil.exe /server:lync-fe01.contoso.com user20@contoso.com /adddelegate:user21@contoso.com /simulringdelegates",
    "SEFAUtil.exe /server:lync-fe01.contoso.com user20@contoso.com /removedelegate:user21@contoso.com",
];

/// One of `options`, as whichever name type the field wants.
fn name<T: From<&'static str> + Clone + std::fmt::Debug>(
    options: &'static [&'static str],
) -> impl Strategy<Value = T> + Clone {
    prop::sample::select(options).prop_map(T::from)
}

fn level() -> impl Strategy<Value = Level> {
    prop::sample::select(Level::ALL.to_vec())
}

fn permissions() -> impl Strategy<Value = Permissions> {
    (
        level(),
        level(),
        level(),
        prop::option::of(any::<bool>()),
        any::<bool>(),
    )
        .prop_map(
            |(calendar, tasks, inbox, receives_meeting_copies, see_private_items)| Permissions {
                calendar,
                tasks,
                inbox,
                receives_meeting_copies,
                see_private_items,
                ..Permissions::default()
            },
        )
}

pub fn forwarding() -> impl Strategy<Value = Forwarding> {
    prop_oneof![
        Just(Forwarding::Off),
        Just(Forwarding::ForwardTo(ForwardTarget::VoiceMail)),
        Just(Forwarding::ForwardTo(ForwardTarget::Delegates)),
        name::<UserName>(USERS).prop_map(|u| Forwarding::ForwardTo(ForwardTarget::Contact(u))),
        Just(Forwarding::ForwardTo(ForwardTarget::Number(
            "+14255550199".into()
        ))),
        Just(Forwarding::SimultaneouslyRing(SimulRingTarget::Delegates)),
        Just(Forwarding::SimultaneouslyRing(SimulRingTarget::TeamCall)),
        Just(Forwarding::SimultaneouslyRing(SimulRingTarget::Number(
            "12".into()
        ))),
    ]
}

fn command() -> impl Strategy<Value = String> {
    prop_oneof![4 => name::<String>(COMMANDS), 1 => ".{0,40}"]
}

pub fn action() -> impl Strategy<Value = Action> {
    let seat = (name::<ActorName>(USERS), name::<ComputerName>(COMPUTERS));
    prop_oneof![
        1 => seat.clone().prop_map(|(user, computer)| Action::StartOutlook { user, computer }),
        1 => seat.clone().prop_map(|(user, computer)| Action::CloseOutlook { user, computer }),
        3 => seat.clone().prop_map(|(user, computer)| Action::SignIn { user, computer }),
        2 => seat.clone().prop_map(|(user, computer)| Action::SignOut { user, computer }),
        1 => seat.clone().prop_map(|(user, computer)| Action::ExitLync { user, computer }),
        3 => (seat.clone(), name(USERS), permissions()).prop_map(|((user, computer), delegate, permissions)| Action::AddDelegate { user, computer, delegate, permissions }),
        1 => (seat.clone(), name(USERS), permissions()).prop_map(|((user, computer), delegate, permissions)| Action::SetDelegatePermissions { user, computer, delegate, permissions }),
        2 => (seat.clone(), name(USERS)).prop_map(|((user, computer), delegate)| Action::RemoveDelegate { user, computer, delegate }),
        1 => (seat.clone(), prop::sample::select(MeetingRequestDelivery::ALL.to_vec())).prop_map(|((user, computer), deliver)| Action::SetMeetingRequestDelivery { user, computer, deliver }),
        1 => (seat.clone(), name(USERS)).prop_map(|((user, computer), owner)| Action::OpenSharedCalendar { user, computer, owner }),
        1 => (seat.clone(), name(USERS), prop::collection::vec(name(USERS), 0..3)).prop_map(|((user, computer), owner, attendees)| Action::NewMeeting { user, computer, owner, subject: "Sync".into(), attendees }),
        1 => seat.clone().prop_map(|(user, computer)| Action::AddLyncMeeting { user, computer }),
        1 => (seat.clone(), ".{0,12}", prop::collection::vec(name(USERS), 0..3)).prop_map(|((user, computer), subject, attendees)| Action::EditMeeting { user, computer, subject, location: "Room 1".into(), attendees }),
        1 => seat.clone().prop_map(|(user, computer)| Action::SendMeeting { user, computer }),
        2 => (seat.clone(), name(USERS)).prop_map(|((user, computer), delegator)| Action::DismissBanner { user, computer, delegator }),
        2 => (seat.clone(), name(USERS)).prop_map(|((user, computer), delegate)| Action::RemoveFromDelegatesGroup { user, computer, delegate }),
        2 => command().prop_map(|command| Action::Shell { command }),
        1 => seat.clone().prop_map(|(user, computer)| Action::DeleteLyncProfile { user, computer }),
        1 => name(COMPUTERS).prop_map(|computer| Action::Reboot { computer }),
        1 => seat.clone().prop_map(|(user, computer)| Action::InjectFault(Fault::StuckSync { user, computer })),
        1 => (name(COMPUTERS), name(WINDOWS)).prop_map(|(computer, window)| Action::OpenWindow { computer, window }),
        1 => (name(COMPUTERS), name(WINDOWS)).prop_map(|(computer, window)| Action::CloseWindow { computer, window }),
        1 => seat.clone().prop_map(|(user, computer)| Action::LogOn { user, computer }),
        2 => (seat.clone(), name(USERS)).prop_map(|((user, computer), delegate)| Action::AddCallDelegate { user, computer, delegate }),
        1 => (seat.clone(), name(USERS)).prop_map(|((user, computer), delegate)| Action::RemoveCallDelegate { user, computer, delegate }),
        1 => (seat.clone(), name(USERS), any::<bool>()).prop_map(|((user, computer), delegate, receive)| Action::SetReceiveCalls { user, computer, delegate, receive }),
        1 => (seat.clone(), prop::sample::select(vec![0u32, 5, 7, 10, 15])).prop_map(|((user, computer), seconds)| Action::SetDelegateRingDelay { user, computer, seconds }),
        1 => (seat.clone(), forwarding()).prop_map(|((user, computer), forwarding)| Action::SetCallForwarding { user, computer, forwarding }),
        2 => (seat.clone(), name(USERS)).prop_map(|((user, computer), callee)| Action::PlaceCall { user, computer, callee }),
        1 => seat.clone().prop_map(|(user, computer)| Action::InjectFault(Fault::MapiUnavailable { user, computer })),
        1 => seat.clone().prop_map(|(user, computer)| Action::ClearFault(Fault::MapiUnavailable { user, computer })),
        1 => seat.clone().prop_map(|(user, computer)| Action::ClearFault(Fault::StuckSync { user, computer })),
        1 => (name(COMPUTERS), any::<bool>(), prop::sample::select(vec!["15.0.4569.1503", "15.0.4787.1002", "16.0.1.1", "x"])).prop_map(|(computer, basic, build)| Action::InstallLync { computer, edition: if basic { LyncEdition::Basic } else { LyncEdition::Full }, build: build.into() }),
    ]
}
