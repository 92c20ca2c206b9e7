//! Whatever the session loader accepts is what the window can draw: the scenario player's
//! marks match its steps, its next step is within them, and the window state names only users
//! and places the lab has (the window indexes by them).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(loaded) = delegate_lab::session::parse_session(text, std::path::Path::new("fuzz.ron"))
    else {
        return;
    };
    if let Some(player) = &loaded.player {
        assert_eq!(player.problem(), None);
        assert_eq!(player.marks.len(), player.scenario.steps.len());
        assert!(player.next <= player.scenario.steps.len());
    }
    let users = loaded.session.lab().directory().user_count();
    if let Some(view) = &loaded.view {
        assert_eq!(view.problem(users), None);
    }
});
