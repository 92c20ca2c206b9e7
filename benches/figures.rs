//! What documentation figures cost, in process: replaying the seed walkthrough, laying out
//! every capture's frames and painting its seven figures with the software renderer (one
//! renderer, and two sharing the captures), and writing them as new PNG files. The whole
//! process, start-up included, is measured with `/usr/bin/time` (see the README).
//!
//! Run with `cargo bench --bench figures`.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use delegate_lab::{scenario, shots};

fn figures(c: &mut Criterion) {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/seed-walkthrough.ron");
    let scenario = scenario::load(&file).expect("the seed walkthrough loads");
    let render = |threads: usize| {
        let mut shots = Vec::new();
        shots::render(&scenario, 1.0, None, threads, |shot, _| {
            shots.push(shot.expect("every capture renders"));
        });
        assert_eq!(shots.len(), 7);
        shots
    };
    let mut group = c.benchmark_group("figures");
    group.sample_size(20);
    group.bench_function("seed walkthrough, 7 figures, 1 renderer", |b| {
        b.iter(|| render(1))
    });
    group.bench_function("seed walkthrough, 7 figures, 2 renderers", |b| {
        b.iter(|| render(2))
    });
    let shots = render(2);
    group.bench_function("writing the 7 figures as new PNGs with alt text", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("a temporary directory"),
            |dir| {
                for shot in &shots {
                    let png = shots::png(shot).expect("encoded");
                    shots::write(shot, &png, dir.path()).expect("written");
                }
                dir
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, figures);
criterion_main!(benches);
