//! CPU time of one egui pass of the lab window, without a GPU: layout plus tessellation, as
//! eframe does each frame. Goals: ≤ 1 ms with every window of one desktop open, ≤ 2 ms with a
//! 1,000-contact list.
//!
//! Run with `cargo bench --bench frame`.

use criterion::{Criterion, criterion_group, criterion_main};
use delegate_lab::lab::{Action, LabSpec};
use delegate_lab::raster::SoftwareRenderer;
use delegate_lab::ui::app::{LabApp, Session};
use delegate_lab::ui::theme;
use delegate_lab::workload;

fn act(text: &str) -> Action {
    ron::from_str(text).expect("a valid action")
}

/// USER21-PC with every window it can show open: Outlook, its meeting form and a message box,
/// Lync signed in with a banner, Registry Editor.
fn every_window() -> LabApp {
    let mut session = Session::new("bench", LabSpec::contoso());
    for line in [
        r#"Shell(command: "Set-CsClientPolicy -EnableExchangeDelegateSync $true")"#,
        r#"StartOutlook(user: "user20", computer: "USER20-PC")"#,
        r#"SignIn(user: "user20", computer: "USER20-PC")"#,
        r#"AddDelegate(user: "user20", computer: "USER20-PC", delegate: "user21")"#,
        r#"StartOutlook(user: "user21", computer: "USER21-PC")"#,
        r#"SignIn(user: "user21", computer: "USER21-PC")"#,
        r#"OpenWindow(computer: "USER21-PC", window: "Registry Editor")"#,
        r#"OpenSharedCalendar(user: "user21", computer: "USER21-PC", owner: "user20")"#,
        r#"NewMeeting(user: "user21", computer: "USER21-PC", owner: "user20", subject: "Budget review")"#,
        r#"AddLyncMeeting(user: "user21", computer: "USER21-PC")"#,
        r#"AddDelegate(user: "user21", computer: "USER21-PC", delegate: "user21")"#,
    ] {
        session.apply(act(line));
    }
    let mut app = LabApp::new(session);
    let pc = app
        .session
        .lab()
        .directory()
        .find_computer("USER21-PC")
        .unwrap();
    app.view.computer = pc;
    let open = app.session.lab().window_titles(pc);
    assert!(open.len() >= 6, "every window open: {open:?}");
    app
}

/// A user whose contact list holds 1,000 other users, signed in.
fn thousand_contacts() -> LabApp {
    let mut session = Session::new("bench", workload::lab_spec(1_001, 1));
    session.apply(act(r#"SignIn(user: "u0", computer: "PC0")"#));
    let mut app = LabApp::new(session);
    let seat = (
        app.session.lab().directory().find_user("u0").unwrap(),
        app.session.lab().directory().find_computer("PC0").unwrap(),
    );
    app.view.computer = seat.1;
    let contacts: usize = app
        .session
        .lab()
        .contact_groups(seat)
        .unwrap()
        .iter()
        .map(|g| g.members.len())
        .sum();
    assert_eq!(contacts, 1_000);
    app
}

fn frame_bench(c: &mut Criterion, name: &str, mut app: LabApp) {
    let ctx = egui::Context::default();
    theme::install(&ctx);
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1440.0, 900.0),
        )),
        ..Default::default()
    };
    // Warm up: fonts, layout caches and window positions settle.
    for _ in 0..5 {
        let out = ctx.run_ui(input(), |ui| app.ui_root(ui));
        let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
    }
    c.bench_function(name, |b| {
        b.iter(|| {
            let out = ctx.run_ui(input(), |ui| app.ui_root(ui));
            ctx.tessellate(out.shapes, out.pixels_per_point)
        })
    });
}

/// Painting that frame's triangles on the CPU, as `shots` does for figures (1440×900 pixels).
fn paint_bench(c: &mut Criterion, name: &str, mut app: LabApp) {
    use egui_kittest::TestRenderer;
    let ctx = egui::Context::default();
    theme::install(&ctx);
    let mut renderer = SoftwareRenderer::default();
    let mut shapes = Vec::new();
    for _ in 0..5 {
        let mut out = ctx.run_ui(
            egui::RawInput {
                screen_rect: Some(egui::Rect::from_min_size(
                    egui::Pos2::ZERO,
                    egui::vec2(1440.0, 900.0),
                )),
                ..Default::default()
            },
            |ui| app.ui_root(ui),
        );
        renderer.handle_delta(&mut out.textures_delta);
        shapes = out.shapes;
    }
    let primitives = ctx.tessellate(shapes, 1.0);
    c.bench_function(name, |b| {
        b.iter(|| renderer.paint(&primitives, 1.0, [1440, 900]).unwrap())
    });
}

fn frames(c: &mut Criterion) {
    frame_bench(c, "frame: every window of USER21-PC open", every_window());
    paint_bench(
        c,
        "paint: that frame, 1440x900, software renderer",
        every_window(),
    );
    frame_bench(c, "frame: 1,000-contact list", thousand_contacts());
}

criterion_group!(benches, frames);
criterion_main!(benches);
