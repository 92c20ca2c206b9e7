//! The Office 2013 / Windows 8 look, installed in one place for the app, the tests and the
//! screenshots: white surfaces, thin grey borders, Outlook blue, the presence colours, and Open
//! Sans (bundled under assets/fonts) as the stand-in for Segoe UI and Calibri.

use std::sync::Arc;

use egui::{
    Color32, CornerRadius, FontData, FontDefinitions, FontFamily, FontId, Stroke, TextStyle,
};

use crate::lab::Presence;

pub const OUTLOOK_BLUE: Color32 = Color32::from_rgb(0x00, 0x72, 0xC6);
pub const LINK_BLUE: Color32 = Color32::from_rgb(0x00, 0x66, 0xCC);
pub const TEXT: Color32 = Color32::from_rgb(0x44, 0x44, 0x44);
pub const SUBTLE_TEXT: Color32 = Color32::from_rgb(0x6D, 0x6D, 0x6D);
pub const BORDER: Color32 = Color32::from_rgb(0xC6, 0xC6, 0xC6);
pub const LIGHT_FILL: Color32 = Color32::from_rgb(0xF3, 0xF3, 0xF3);
pub const HOVER_FILL: Color32 = Color32::from_rgb(0xE5, 0xF1, 0xFB);
pub const SELECTED_FILL: Color32 = Color32::from_rgb(0xCD, 0xE6, 0xF7);
pub const BANNER_FILL: Color32 = Color32::from_rgb(0xFF, 0xF4, 0xC4);
pub const BANNER_BORDER: Color32 = Color32::from_rgb(0xE8, 0xD4, 0x8A);
pub const DESKTOP: Color32 = Color32::from_rgb(0x1D, 0x5A, 0x8A);
pub const TASKBAR: Color32 = Color32::from_rgb(0x12, 0x2B, 0x42);
pub const SHELL_BACKGROUND: Color32 = Color32::from_rgb(0x01, 0x24, 0x56);
pub const SHELL_TEXT: Color32 = Color32::from_rgb(0xEE, 0xED, 0xF0);
pub const SHELL_ERROR: Color32 = Color32::from_rgb(0xFF, 0x60, 0x60);
pub const JOIN_RULE: Color32 = Color32::from_rgb(0x40, 0x40, 0x40);

/// Lync presence colours (SPEC W).
pub fn presence_color(presence: Presence) -> Color32 {
    match presence {
        Presence::Available => Color32::from_rgb(0x7F, 0xBA, 0x00),
        Presence::Away => Color32::from_rgb(0xFC, 0xD1, 0x16),
        Presence::Busy => Color32::from_rgb(0xE8, 0x11, 0x23),
        Presence::Offline => Color32::from_rgb(0x93, 0xAB, 0xBD),
    }
}

pub fn presence_label(presence: Presence) -> &'static str {
    match presence {
        Presence::Available => "Available",
        Presence::Away => "Away",
        Presence::Busy => "Busy",
        Presence::Offline => "Offline",
    }
}

/// Font family of Open Sans Semibold (headings, selected tabs).
pub fn semibold() -> FontFamily {
    FontFamily::Name("semibold".into())
}

/// Font family of Open Sans Light (Lync's large name, backstage titles).
pub fn light() -> FontFamily {
    FontFamily::Name("light".into())
}

pub fn font(size: f32) -> FontId {
    FontId::new(size, FontFamily::Proportional)
}

pub fn semibold_font(size: f32) -> FontId {
    FontId::new(size, semibold())
}

pub fn light_font(size: f32) -> FontId {
    FontId::new(size, light())
}

/// The fonts: Open Sans first, egui's default fonts behind it for symbols.
pub fn fonts() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    let faces: [(&str, &'static [u8]); 4] = [
        (
            "OpenSans-Regular",
            include_bytes!("../../assets/fonts/OpenSans-Regular.ttf"),
        ),
        (
            "OpenSans-Semibold",
            include_bytes!("../../assets/fonts/OpenSans-Semibold.ttf"),
        ),
        (
            "OpenSans-Light",
            include_bytes!("../../assets/fonts/OpenSans-Light.ttf"),
        ),
        (
            "DejaVuSans",
            include_bytes!("../../assets/fonts/DejaVuSans.ttf"),
        ),
    ];
    for (name, bytes) in faces {
        fonts
            .font_data
            .insert(name.to_owned(), Arc::new(FontData::from_static(bytes)));
    }
    let mut fallbacks = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    fallbacks.push("DejaVuSans".to_owned());
    if let Some(mono) = fonts.families.get_mut(&FontFamily::Monospace) {
        mono.push("DejaVuSans".to_owned());
    }
    let family = |first: &str| {
        let mut list = vec![first.to_owned()];
        list.extend(fallbacks.iter().cloned());
        list
    };
    fonts
        .families
        .insert(FontFamily::Proportional, family("OpenSans-Regular"));
    fonts
        .families
        .insert(semibold(), family("OpenSans-Semibold"));
    fonts.families.insert(light(), family("OpenSans-Light"));
    fonts
}

/// Installs the look on a context. Called by the app, the UI tests and `shots`.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(fonts());
    ctx.set_theme(egui::Theme::Light);
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Small, font(11.0)),
            (TextStyle::Body, font(13.0)),
            (TextStyle::Button, font(13.0)),
            (TextStyle::Heading, light_font(22.0)),
            (TextStyle::Monospace, FontId::monospace(12.5)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 5.0);
        style.spacing.button_padding = egui::vec2(10.0, 3.0);
        style.spacing.interact_size.y = 22.0;
        let v = &mut style.visuals;
        *v = egui::Visuals::light();
        v.override_text_color = Some(TEXT);
        v.window_fill = Color32::WHITE;
        v.panel_fill = LIGHT_FILL;
        v.extreme_bg_color = Color32::WHITE;
        v.faint_bg_color = Color32::from_rgb(0xF8, 0xF8, 0xF8);
        v.window_stroke = Stroke::new(1.0, BORDER);
        v.window_corner_radius = CornerRadius::ZERO;
        v.menu_corner_radius = CornerRadius::ZERO;
        v.window_shadow = egui::Shadow {
            offset: [0, 2],
            blur: 10,
            spread: 0,
            color: Color32::from_black_alpha(40),
        };
        v.popup_shadow = egui::Shadow {
            offset: [0, 2],
            blur: 6,
            spread: 0,
            color: Color32::from_black_alpha(30),
        };
        v.hyperlink_color = LINK_BLUE;
        v.selection.bg_fill = SELECTED_FILL;
        v.selection.stroke = Stroke::new(1.0, OUTLOOK_BLUE);
        for w in [
            &mut v.widgets.noninteractive,
            &mut v.widgets.inactive,
            &mut v.widgets.hovered,
            &mut v.widgets.active,
            &mut v.widgets.open,
        ] {
            w.corner_radius = CornerRadius::ZERO;
        }
        v.widgets.noninteractive.bg_stroke = Stroke::new(1.0, BORDER);
        v.widgets.noninteractive.fg_stroke = Stroke::new(1.0, TEXT);
        v.widgets.inactive.bg_fill = Color32::from_rgb(0xFD, 0xFD, 0xFD);
        v.widgets.inactive.weak_bg_fill = Color32::from_rgb(0xFD, 0xFD, 0xFD);
        v.widgets.inactive.bg_stroke = Stroke::new(1.0, BORDER);
        v.widgets.inactive.fg_stroke = Stroke::new(1.0, TEXT);
        v.widgets.hovered.bg_fill = HOVER_FILL;
        v.widgets.hovered.weak_bg_fill = HOVER_FILL;
        v.widgets.hovered.bg_stroke = Stroke::new(1.0, Color32::from_rgb(0x7E, 0xB4, 0xEA));
        v.widgets.hovered.fg_stroke = Stroke::new(1.0, TEXT);
        v.widgets.hovered.expansion = 0.0;
        v.widgets.active.bg_fill = SELECTED_FILL;
        v.widgets.active.weak_bg_fill = SELECTED_FILL;
        v.widgets.active.bg_stroke = Stroke::new(1.0, OUTLOOK_BLUE);
        v.widgets.active.fg_stroke = Stroke::new(1.0, TEXT);
        v.widgets.active.expansion = 0.0;
    });
}
