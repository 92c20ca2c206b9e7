//! A software renderer for egui's triangles, for documentation figures.
//!
//! egui hands every backend the same thing: textured, vertex-coloured triangles (anti-aliased by
//! egui's own feathering, so one sample per pixel is enough), a clip rectangle per mesh, and the
//! textures they sample. This draws them on the CPU with the arithmetic of egui-wgpu's shader in
//! its predictable mode (egui.wgsl, `fs_main_gamma_framebuffer` on an `Rgba8Unorm` target):
//!
//! - colours and texels are premultiplied sRGB bytes, multiplied in gamma space;
//! - bilinear filtering with four loads at texel centres, or nearest, and the texture's wrap mode;
//! - blending `One, OneMinusSrcAlpha` for colour and `OneMinusDstAlpha, One` for alpha, into
//!   8-bit channels rounded to nearest after every triangle;
//! - the scissor rectangle rounded as egui-wgpu rounds it;
//! - a pixel is covered when its centre is inside the triangle, by the top-left rule on
//!   vertices snapped to 1/256 pixel, as GPUs do — so triangles that share an edge never both
//!   draw a pixel on it, nor leave a gap.
//!
//! Edges are tested in exact integer arithmetic and nothing depends on threads, drivers or the
//! machine, so the same shapes give the same bytes everywhere. It exists because a software GPU
//! (Mesa's lavapipe, where there is no GPU) costs about 100 ms to start and runs a whole
//! graphics pipeline per pixel; a figure here takes a few milliseconds (see the README).

use std::collections::BTreeMap;

use egui::epaint::textures::{TextureFilter, TextureWrapMode};
use egui::epaint::{ClippedPrimitive, ImageData, ImageDelta, Mesh, Primitive, Vertex};
use egui::{TextureId, TexturesDelta};
use image::RgbaImage;

/// Sub-pixel precision of vertex positions: 8 bits, as in common GPU rasterizers.
const SUBPIXEL: f32 = 256.0;
const HALF_PIXEL: i64 = 128;
const PIXEL: i64 = 256;

/// egui_kittest's renderer interface, drawn on the CPU. See the module documentation.
#[derive(Default)]
pub struct SoftwareRenderer {
    textures: BTreeMap<TextureId, Texture>,
}

struct Texture {
    width: usize,
    height: usize,
    texels: Vec<[u8; 4]>,
    nearest: bool,
    wrap: TextureWrapMode,
}

impl SoftwareRenderer {
    fn set_texture(&mut self, id: TextureId, delta: &ImageDelta) {
        let ImageData::Color(image) = &delta.image;
        let [width, height] = image.size;
        let texels = image.pixels.iter().map(|c| c.to_array());
        match (delta.pos, self.textures.get_mut(&id)) {
            // A patch of a texture that exists keeps that texture's sampling options.
            (Some([x0, y0]), Some(texture)) => {
                for (i, texel) in texels.enumerate() {
                    let (x, y) = (x0 + i % width, y0 + i / width);
                    if x < texture.width && y < texture.height {
                        texture.texels[y * texture.width + x] = texel;
                    }
                }
            }
            // A patch of a texture that does not exist: egui never sends one; nothing to patch.
            (Some(_), None) => {}
            (None, _) => {
                self.textures.insert(
                    id,
                    Texture {
                        width,
                        height,
                        texels: texels.collect(),
                        nearest: delta.options.magnification == TextureFilter::Nearest,
                        wrap: delta.options.wrap_mode,
                    },
                );
            }
        }
    }

    /// Draws tessellated primitives on a transparent canvas of `size` pixels.
    pub fn paint(
        &self,
        primitives: &[ClippedPrimitive],
        pixels_per_point: f32,
        size: [u32; 2],
    ) -> Result<RgbaImage, String> {
        let mut canvas = Canvas {
            width: size[0] as usize,
            height: size[1] as usize,
            bytes: vec![0; 4 * size[0] as usize * size[1] as usize],
        };
        for primitive in primitives {
            match &primitive.primitive {
                Primitive::Mesh(mesh) => {
                    let texture = self.textures.get(&mesh.texture_id).ok_or_else(|| {
                        format!(
                            "a mesh uses the texture {:?}, which is not set",
                            mesh.texture_id
                        )
                    })?;
                    let scissor = canvas.scissor(primitive.clip_rect, pixels_per_point);
                    canvas.draw_mesh(mesh, texture, scissor, pixels_per_point);
                }
                Primitive::Callback(_) => {
                    return Err("the software renderer cannot run paint callbacks".into());
                }
            }
        }
        RgbaImage::from_raw(size[0], size[1], canvas.bytes)
            .ok_or_else(|| "the canvas does not match its size".into())
    }
}

impl egui_kittest::TestRenderer for SoftwareRenderer {
    fn handle_delta(&mut self, delta: &mut TexturesDelta) {
        // Different textures do not affect each other, so the map's order does not matter; one
        // texture's deltas keep their order.
        #[expect(clippy::iter_over_hash_type)]
        for (id, images) in delta.set.drain() {
            for image in &images {
                self.set_texture(id, image);
            }
        }
        #[expect(clippy::iter_over_hash_type)]
        for id in delta.free.drain() {
            self.textures.remove(&id);
        }
    }

    fn render(
        &mut self,
        ctx: &egui::Context,
        output: &egui::FullOutput,
    ) -> Result<RgbaImage, String> {
        let pixels_per_point = ctx.pixels_per_point();
        let size = ctx.content_rect().size() * pixels_per_point;
        let primitives = ctx.tessellate(output.shapes.clone(), pixels_per_point);
        self.paint(
            &primitives,
            pixels_per_point,
            [size.x.round() as u32, size.y.round() as u32],
        )
    }
}

/// Pixel rows and columns `x0..x1`, `y0..y1`.
#[derive(Clone, Copy)]
struct Scissor {
    x0: i64,
    y0: i64,
    x1: i64,
    y1: i64,
}

struct Canvas {
    width: usize,
    height: usize,
    /// RGBA, row by row.
    bytes: Vec<u8>,
}

impl Canvas {
    /// The clip rectangle in pixels, rounded and clamped as egui-wgpu's `ScissorRect` does.
    fn scissor(&self, clip: egui::Rect, pixels_per_point: f32) -> Scissor {
        let round = |v: f32, max: usize| (v * pixels_per_point).round().clamp(0.0, max as f32);
        let x0 = round(clip.min.x, self.width);
        let y0 = round(clip.min.y, self.height);
        let x1 = round(clip.max.x, self.width).max(x0);
        let y1 = round(clip.max.y, self.height).max(y0);
        Scissor {
            x0: x0 as i64,
            y0: y0 as i64,
            x1: x1 as i64,
            y1: y1 as i64,
        }
    }

    fn draw_mesh(&mut self, mesh: &Mesh, texture: &Texture, scissor: Scissor, ppp: f32) {
        if scissor.x0 >= scissor.x1 || scissor.y0 >= scissor.y1 {
            return;
        }
        for triangle in mesh.indices.chunks_exact(3) {
            let vertex = |i: u32| mesh.vertices.get(i as usize);
            if let (Some(a), Some(b), Some(c)) = (
                vertex(triangle[0]),
                vertex(triangle[1]),
                vertex(triangle[2]),
            ) {
                self.draw_triangle([a, b, c], texture, scissor, ppp);
            }
        }
    }

    fn draw_triangle(&mut self, v: [&Vertex; 3], texture: &Texture, clip: Scissor, ppp: f32) {
        let fixed = |v: &Vertex| {
            [
                (v.pos.x * ppp * SUBPIXEL).round() as i64,
                (v.pos.y * ppp * SUBPIXEL).round() as i64,
            ]
        };
        let mut p = [fixed(v[0]), fixed(v[1]), fixed(v[2])];
        let mut v = v;
        let mut area = edge_at(p[0], p[1], p[2]);
        if area == 0 {
            return;
        }
        if area < 0 {
            p.swap(1, 2);
            v.swap(1, 2);
            area = -area;
        }
        // Pixel centres inside the bounding box and the scissor.
        let min = |i: usize| p[0][i].min(p[1][i]).min(p[2][i]);
        let max = |i: usize| p[0][i].max(p[1][i]).max(p[2][i]);
        let first = |lo: i64| (lo - HALF_PIXEL + PIXEL - 1).div_euclid(PIXEL);
        let last = |hi: i64| (hi - HALF_PIXEL).div_euclid(PIXEL);
        let x_from = first(min(0)).max(clip.x0);
        let x_to = last(max(0)).min(clip.x1 - 1);
        let y_from = first(min(1)).max(clip.y0);
        let y_to = last(max(1)).min(clip.y1 - 1);
        if x_from > x_to || y_from > y_to {
            return;
        }
        // Each vertex's weight is the edge opposite it: vertex 0 ↔ edge 1→2, and so on.
        let edges = [
            Edge::new(p[1], p[2]),
            Edge::new(p[2], p[0]),
            Edge::new(p[0], p[1]),
        ];
        let shade = Shade::new(v, texture, area);
        for y in y_from..=y_to {
            // The span of the row where all three edges cover: each edge is linear in x.
            let mut lo = x_from;
            let mut hi = x_to;
            let mut at_lo = [0i64; 3];
            for (edge, at) in edges.iter().zip(at_lo.iter_mut()) {
                let start = edge.at(x_from, y);
                let (from, to) = edge.covered(start, x_from);
                lo = lo.max(from);
                hi = hi.min(to);
                *at = start;
            }
            if lo > hi {
                continue;
            }
            let row = y as usize * self.width;
            let weights = [
                at_lo[0] + edges[0].step_x * (lo - x_from),
                at_lo[1] + edges[1].step_x * (lo - x_from),
                at_lo[2] + edges[2].step_x * (lo - x_from),
            ];
            let (pixels, _) =
                self.bytes[4 * (row + lo as usize)..4 * (row + hi as usize + 1)].as_chunks_mut();
            shade.span(
                pixels,
                weights,
                [edges[0].step_x, edges[1].step_x, edges[2].step_x],
            );
        }
    }
}

/// `(b - a) × (p - a)` in fixed point: positive when `p` is on the inside of `a → b` for a
/// triangle wound clockwise on screen (y down).
fn edge_at(a: [i64; 2], b: [i64; 2], p: [i64; 2]) -> i64 {
    (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
}

/// One edge's function along pixel centres.
struct Edge {
    a: [i64; 2],
    b: [i64; 2],
    /// Change per pixel to the right.
    step_x: i64,
    /// 0 when a centre exactly on the edge is covered (a top or left edge), else 1.
    bias: i64,
}

impl Edge {
    fn new(a: [i64; 2], b: [i64; 2]) -> Self {
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let top_left = dy < 0 || (dy == 0 && dx > 0);
        Edge {
            a,
            b,
            step_x: -dy * PIXEL,
            bias: if top_left { 0 } else { 1 },
        }
    }

    fn at(&self, x: i64, y: i64) -> i64 {
        edge_at(
            self.a,
            self.b,
            [x * PIXEL + HALF_PIXEL, y * PIXEL + HALF_PIXEL],
        )
    }

    /// The pixels `x` (from `x0`, where the function is `start`) this edge covers, as an
    /// inclusive range (empty when from > to).
    fn covered(&self, start: i64, x0: i64) -> (i64, i64) {
        // Covered where start - bias + step_x * (x - x0) >= 0.
        let value = start - self.bias;
        match self.step_x.signum() {
            0 if value >= 0 => (i64::MIN, i64::MAX),
            0 => (i64::MAX, i64::MIN),
            1 => (
                x0 + (-value).div_euclid(self.step_x)
                    + i64::from((-value).rem_euclid(self.step_x) != 0),
                i64::MAX,
            ),
            _ => (i64::MIN, x0 + value.div_euclid(-self.step_x)),
        }
    }
}

/// What a triangle paints at a pixel, from its three vertices' colours and texture coordinates.
///
/// Texture coordinates are interpolated exactly, in integers (texels in 1/256), so where a
/// pixel samples inside a glyph does not depend on where the glyph sits in the font atlas — a
/// figure's bytes do not depend on which glyphs were drawn before it.
struct Shade<'t> {
    texture: &'t Texture,
    colors: [[f32; 4]; 3],
    /// Each vertex's texel coordinates in 1/256 texel.
    texels: [[i128; 2]; 3],
    area: i64,
    inv_area: f32,
    /// The one colour the whole triangle paints, when its vertices agree.
    flat: Option<[f32; 4]>,
    /// The one texel it samples, when its texture coordinates agree (a solid fill, a shadow,
    /// a feathered edge: egui's white texel).
    texel: Option<[f32; 4]>,
}

impl<'t> Shade<'t> {
    fn new(v: [&Vertex; 3], texture: &'t Texture, area: i64) -> Self {
        let colors = v.map(|v| v.color.to_array().map(|c| f32::from(c) / 255.0));
        let (w, h) = (texture.width as f32, texture.height as f32);
        let fixed = |c: f32| (c * SUBPIXEL).round() as i128;
        let texels = v.map(|v| [fixed(v.uv.x * w), fixed(v.uv.y * h)]);
        let mut shade = Shade {
            texture,
            colors,
            texels,
            area,
            inv_area: 1.0 / area as f32,
            flat: None,
            texel: None,
        };
        if texels[0] == texels[1] && texels[1] == texels[2] {
            let texel = shade.sample([area, 0, 0]);
            shade.texel = Some(texel);
            if colors[0] == colors[1] && colors[1] == colors[2] {
                shade.flat = Some(modulate(colors[0], texel));
            }
        }
        shade
    }

    /// The texture where the edge functions are `weights` (they sum to the area).
    fn sample(&self, weights: [i64; 3]) -> [f32; 4] {
        let at = |axis: usize| {
            (0..3)
                .map(|i| i128::from(weights[i]) * self.texels[i][axis])
                .sum::<i128>()
        };
        let position = [at(0), at(1)];
        let denominator = i128::from(self.area) * i128::from(PIXEL);
        // The same arithmetic in 64 bits when it fits, which is nearly always (and faster).
        match (
            i64::try_from(position[0]),
            i64::try_from(position[1]),
            i64::try_from(denominator),
        ) {
            (Ok(x), Ok(y), Ok(d)) => self.texture.sample([x, y], d),
            _ => self.texture.sample(position, denominator),
        }
    }

    /// Paints a run of pixels; `weights` are the three edge functions at the first one.
    fn span(&self, pixels: &mut [[u8; 4]], mut weights: [i64; 3], steps: [i64; 3]) {
        if let Some(color) = self.flat {
            if color[3] >= 1.0 {
                pixels.fill(quantize(color));
            } else if color != [0.0; 4] {
                for pixel in pixels {
                    *pixel = blend(color, *pixel);
                }
            }
            return;
        }
        for pixel in pixels {
            let w = weights.map(|w| w as f32 * self.inv_area);
            let mix4 = |k: usize| {
                w[0] * self.colors[0][k] + w[1] * self.colors[1][k] + w[2] * self.colors[2][k]
            };
            let color = [mix4(0), mix4(1), mix4(2), mix4(3)];
            let texel = self.texel.unwrap_or_else(|| self.sample(weights));
            *pixel = blend(modulate(color, texel), *pixel);
            for (w, step) in weights.iter_mut().zip(steps) {
                *w += step;
            }
        }
    }
}

impl Texture {
    fn load(&self, x: i64, y: i64) -> [f32; 4] {
        let x = wrap(x, self.width as i64, self.wrap) as usize;
        let y = wrap(y, self.height as i64, self.wrap) as usize;
        self.texels[y * self.width + x].map(|c| f32::from(c) / 255.0)
    }

    /// The texture at texel coordinates `position / denominator`, filtered as egui-wgpu's
    /// predictable shader does: the texel under it, or four texels at their centres mixed.
    fn sample<N: Exact>(&self, position: [N; 2], denominator: N) -> [f32; 4] {
        if self.texels.is_empty() {
            return [0.0; 4];
        }
        if self.nearest {
            let [x, y] = position.map(|p| p.floor_div(denominator));
            return self.load(x, y);
        }
        // Texel centres are at + 0.5: floor and fraction of the position minus a half.
        let [(x, fx), (y, fy)] = position.map(|p| p.centred(denominator));
        let top = mix(self.load(x, y), self.load(x + 1, y), fx);
        let bottom = mix(self.load(x, y + 1), self.load(x + 1, y + 1), fx);
        mix(top, bottom, fy)
    }
}

/// Exact fractions `self / denominator` (denominator positive and even), in 64 or 128 bits.
trait Exact: Copy {
    /// ⌊self / d⌋.
    fn floor_div(self, d: Self) -> i64;
    /// ⌊self / d − ½⌋ and the fraction left over.
    fn centred(self, d: Self) -> (i64, f32);
}

macro_rules! exact {
    ($($int:ty),*) => {$(
        impl Exact for $int {
            fn floor_div(self, d: Self) -> i64 {
                self.div_euclid(d) as i64
            }

            fn centred(self, d: Self) -> (i64, f32) {
                let p = self - d / 2;
                (p.div_euclid(d) as i64, (p.rem_euclid(d) as f64 / d as f64) as f32)
            }
        }
    )*};
}

exact!(i64, i128);

fn wrap(coord: i64, size: i64, mode: TextureWrapMode) -> i64 {
    match mode {
        TextureWrapMode::ClampToEdge => coord.clamp(0, size - 1),
        TextureWrapMode::Repeat => coord.rem_euclid(size),
        TextureWrapMode::MirroredRepeat => {
            let period = 2 * size;
            let phase = coord.rem_euclid(period);
            phase.min(period - 1 - phase)
        }
    }
}

fn mix(a: [f32; 4], b: [f32; 4], t: f32) -> [f32; 4] {
    [0, 1, 2, 3].map(|k| a[k] + (b[k] - a[k]) * t)
}

fn modulate(a: [f32; 4], b: [f32; 4]) -> [f32; 4] {
    [0, 1, 2, 3].map(|k| a[k] * b[k])
}

/// A 0–1 channel stored in 8 bits, rounded to nearest as a unorm target stores it.
fn quantize(color: [f32; 4]) -> [u8; 4] {
    color.map(|c| (c.clamp(0.0, 1.0) * 255.0 + 0.5) as u8)
}

/// Premultiplied "over": colour `One, OneMinusSrcAlpha`; alpha `OneMinusDstAlpha, One`.
fn blend(src: [f32; 4], dst: [u8; 4]) -> [u8; 4] {
    let d = dst.map(|c| f32::from(c) / 255.0);
    let keep = 1.0 - src[3];
    quantize([
        src[0] + d[0] * keep,
        src[1] + d[1] * keep,
        src[2] + d[2] * keep,
        src[3] * (1.0 - d[3]) + d[3],
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::TextureOptions;
    use egui::epaint::{Color32, ColorImage, WHITE_UV};
    use egui::{Pos2, Rect, pos2};

    fn renderer() -> SoftwareRenderer {
        let mut renderer = SoftwareRenderer::default();
        let white = ImageDelta::full(
            ColorImage::new([1, 1], vec![Color32::WHITE]),
            TextureOptions::LINEAR,
        );
        renderer.set_texture(TextureId::default(), &white);
        renderer
    }

    fn mesh(vertices: &[(f32, f32, Color32)], indices: &[u32]) -> ClippedPrimitive {
        let mut mesh = Mesh::default();
        for &(x, y, color) in vertices {
            mesh.vertices.push(Vertex {
                pos: pos2(x, y),
                uv: WHITE_UV,
                color,
            });
        }
        mesh.indices = indices.to_vec();
        ClippedPrimitive {
            clip_rect: Rect::EVERYTHING,
            primitive: Primitive::Mesh(mesh),
        }
    }

    fn at(image: &RgbaImage, x: u32, y: u32) -> [u8; 4] {
        image.get_pixel(x, y).0
    }

    #[test]
    fn a_rectangle_covers_exactly_its_pixels_once() {
        // Two triangles sharing a diagonal, half-transparent: a pixel drawn twice would be
        // darker, one missed would be transparent.
        let c = Color32::from_rgba_premultiplied(0, 0, 100, 128);
        let quad = mesh(
            &[(2.0, 1.0, c), (7.0, 1.0, c), (7.0, 4.0, c), (2.0, 4.0, c)],
            &[0, 1, 2, 0, 2, 3],
        );
        let image = renderer().paint(&[quad], 1.0, [10, 6]).unwrap();
        for y in 0..6 {
            for x in 0..10 {
                let inside = (2..7).contains(&x) && (1..4).contains(&y);
                let want = if inside { [0, 0, 100, 128] } else { [0; 4] };
                assert_eq!(at(&image, x, y), want, "pixel ({x}, {y})");
            }
        }
    }

    #[test]
    fn winding_does_not_matter_and_the_clip_rect_cuts() {
        let c = Color32::RED;
        let mut quad = mesh(
            &[(0.0, 0.0, c), (0.0, 4.0, c), (4.0, 4.0, c), (4.0, 0.0, c)],
            &[0, 1, 2, 0, 2, 3],
        );
        quad.clip_rect = Rect::from_min_max(Pos2::ZERO, pos2(3.0, 2.0));
        let image = renderer().paint(&[quad], 1.0, [5, 5]).unwrap();
        assert_eq!(at(&image, 2, 1), [255, 0, 0, 255]);
        assert_eq!(at(&image, 3, 1), [0; 4], "right of the clip rect");
        assert_eq!(at(&image, 2, 2), [0; 4], "below the clip rect");
    }

    #[test]
    fn colours_interpolate_and_blend_over_what_is_there() {
        let black = Color32::BLACK;
        let white = Color32::WHITE;
        let ramp = mesh(
            &[
                (0.0, 0.0, black),
                (8.0, 0.0, white),
                (8.0, 1.0, white),
                (0.0, 1.0, black),
            ],
            &[0, 1, 2, 0, 2, 3],
        );
        let image = renderer().paint(&[ramp], 1.0, [8, 1]).unwrap();
        // Pixel centres at x + 0.5 of 8: 0.5/8 of the way is 16, 7.5/8 is 239.
        assert_eq!(at(&image, 0, 0), [16, 16, 16, 255]);
        assert_eq!(at(&image, 7, 0), [239, 239, 239, 255]);

        let half = Color32::from_rgba_premultiplied(0, 0, 0, 128);
        let base = mesh(
            &[(0.0, 0.0, white), (2.0, 0.0, white), (0.0, 2.0, white)],
            &[0, 1, 2],
        );
        let over = mesh(
            &[(0.0, 0.0, half), (2.0, 0.0, half), (0.0, 2.0, half)],
            &[0, 1, 2],
        );
        let image = renderer().paint(&[base, over], 1.0, [2, 2]).unwrap();
        // 255 × (1 − 128/255) = 127.
        assert_eq!(at(&image, 0, 0), [127, 127, 127, 255]);
    }

    #[test]
    fn scale_multiplies_positions() {
        let c = Color32::BLUE;
        let quad = mesh(
            &[(1.0, 1.0, c), (2.0, 1.0, c), (2.0, 2.0, c), (1.0, 2.0, c)],
            &[0, 1, 2, 0, 2, 3],
        );
        let image = renderer().paint(&[quad], 2.0, [6, 6]).unwrap();
        let covered: Vec<(u32, u32)> = (0..6)
            .flat_map(|y| (0..6).map(move |x| (x, y)))
            .filter(|&(x, y)| at(&image, x, y)[3] != 0)
            .collect();
        assert_eq!(covered, vec![(2, 2), (3, 2), (2, 3), (3, 3)]);
    }

    #[test]
    fn a_mesh_on_a_texture_never_set_is_an_error() {
        let mut quad = mesh(
            &[
                (0.0, 0.0, Color32::RED),
                (1.0, 0.0, Color32::RED),
                (0.0, 1.0, Color32::RED),
            ],
            &[0, 1, 2],
        );
        if let Primitive::Mesh(mesh) = &mut quad.primitive {
            mesh.texture_id = TextureId::User(7);
        }
        let error = renderer().paint(&[quad], 1.0, [2, 2]).unwrap_err();
        assert!(error.contains("User(7)"), "{error}");
    }

    /// A 4×1 grey ramp texture drawn 1:1 onto a 4×1 canvas at texel offset `offset` of a
    /// texture `width` wide (the rest black), with `filter`.
    fn ramp(offset: usize, width: usize, filter: egui::TextureFilter) -> RgbaImage {
        let mut texels = vec![Color32::BLACK; width];
        for (i, v) in [0u8, 100, 200, 255].into_iter().enumerate() {
            texels[offset + i] = Color32::from_gray(v);
        }
        let mut renderer = renderer();
        let options = TextureOptions {
            magnification: filter,
            minification: filter,
            ..TextureOptions::LINEAR
        };
        renderer.set_texture(
            TextureId::User(1),
            &ImageDelta::full(ColorImage::new([width, 1], texels), options),
        );
        let (u0, u1) = (
            offset as f32 / width as f32,
            (offset + 4) as f32 / width as f32,
        );
        let mut mesh = Mesh::with_texture(TextureId::User(1));
        mesh.add_rect_with_uv(
            Rect::from_min_max(Pos2::ZERO, pos2(4.0, 1.0)),
            Rect::from_min_max(pos2(u0, 0.0), pos2(u1, 1.0)),
            Color32::WHITE,
        );
        let quad = ClippedPrimitive {
            clip_rect: Rect::EVERYTHING,
            primitive: Primitive::Mesh(mesh),
        };
        renderer.paint(&[quad], 1.0, [4, 1]).unwrap()
    }

    #[test]
    fn a_texture_drawn_one_to_one_gives_its_texels_wherever_it_sits_in_the_atlas() {
        for filter in [egui::TextureFilter::Linear, egui::TextureFilter::Nearest] {
            for (offset, width) in [(0, 4), (3, 8), (1000, 2048)] {
                let image = ramp(offset, width, filter);
                let row: Vec<u8> = (0..4).map(|x| at(&image, x, 0)[0]).collect();
                assert_eq!(row, [0, 100, 200, 255], "{filter:?} at {offset} of {width}");
            }
        }
    }

    #[test]
    fn linear_filtering_mixes_neighbouring_texels() {
        // The ramp magnified twice: pixel centres fall a quarter texel either side of a
        // texel centre, so they mix 3:1 with the neighbour (and clamp at the ends).
        let mut renderer = renderer();
        let texels = [0u8, 100, 200, 255].map(Color32::from_gray).to_vec();
        renderer.set_texture(
            TextureId::User(1),
            &ImageDelta::full(ColorImage::new([4, 1], texels), TextureOptions::LINEAR),
        );
        let mut mesh = Mesh::with_texture(TextureId::User(1));
        mesh.add_rect_with_uv(
            Rect::from_min_max(Pos2::ZERO, pos2(8.0, 1.0)),
            Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0)),
            Color32::WHITE,
        );
        let quad = ClippedPrimitive {
            clip_rect: Rect::EVERYTHING,
            primitive: Primitive::Mesh(mesh),
        };
        let image = renderer.paint(&[quad], 1.0, [8, 1]).unwrap();
        let row: Vec<u8> = (0..8).map(|x| at(&image, x, 0)[0]).collect();
        assert_eq!(row, [0, 25, 75, 125, 175, 214, 241, 255]);
    }

    #[test]
    fn a_patch_changes_only_its_texels() {
        let mut renderer = renderer();
        renderer.set_texture(
            TextureId::User(1),
            &ImageDelta::full(
                ColorImage::new([2, 2], vec![Color32::BLACK; 4]),
                TextureOptions::NEAREST,
            ),
        );
        renderer.set_texture(
            TextureId::User(1),
            &ImageDelta::partial(
                [1, 0],
                ColorImage::new([1, 1], vec![Color32::WHITE]),
                TextureOptions::LINEAR,
            ),
        );
        let texture = &renderer.textures[&TextureId::User(1)];
        let texels: Vec<u8> = texture.texels.iter().map(|t| t[0]).collect();
        assert_eq!(texels, [0, 255, 0, 0]);
        assert!(texture.nearest, "a patch keeps the texture's filter");
    }
}
