//! The one headless harness: UI tests and the `shots` command run the app through it, so
//! documentation images and test images come from the same code, fonts and frames, painted by
//! the same software renderer ([`crate::raster`]): no GPU, no Vulkan, and the same bytes on
//! every machine. [`wgpu_builder`] draws with wgpu instead, for the one test that holds the
//! two renderers to each other.

use egui_kittest::Harness;

use super::app::LabApp;
use super::theme;

/// Logical size of the lab window in tests and screenshots.
pub const SIZE: egui::Vec2 = egui::vec2(1440.0, 900.0);

/// A harness around the whole app: light theme, bundled fonts, no painted cursor.
pub fn harness(app: LabApp) -> Harness<'static, LabApp> {
    harness_sized(app, SIZE)
}

pub fn harness_sized(app: LabApp, size: egui::Vec2) -> Harness<'static, LabApp> {
    builder(size, 1.0).build_ui_state(|ui, app: &mut LabApp| app.ui_root(ui), app)
}

/// The builder behind every harness — tests' and figures': fixed size and scale, light
/// theme, bundled fonts, no cursor, the software renderer ([`crate::raster`]).
pub fn builder(size: egui::Vec2, pixels_per_point: f32) -> egui_kittest::HarnessBuilder<LabApp> {
    unrendered(size, pixels_per_point).renderer(crate::raster::SoftwareRenderer::default())
}

/// The same harness drawn by wgpu (on Mesa's lavapipe where there is no GPU): only to check
/// that the software renderer paints what a GPU paints.
pub fn wgpu_builder(
    size: egui::Vec2,
    pixels_per_point: f32,
) -> egui_kittest::HarnessBuilder<LabApp> {
    unrendered(size, pixels_per_point).wgpu()
}

fn unrendered(size: egui::Vec2, pixels_per_point: f32) -> egui_kittest::HarnessBuilder<LabApp> {
    Harness::builder()
        .with_size(size)
        .with_pixels_per_point(pixels_per_point)
        .with_theme(egui::Theme::Light)
        .with_render_cursor(false)
        .with_context_setup(theme::install)
}
