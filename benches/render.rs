//! Rendering benchmarks (criterion): `cargo bench --bench render`.
//!
//! - `letter/docx`: one letter (letter-detainer, us/ca/alameda, en) rendered and exported to
//!   DOCX bytes; `letter/render` and `letter/export_docx` split it in two.
//! - `kit/us-ca-alameda`: one jurisdiction's whole kit, every document, both languages, every
//!   format (what `build --jurisdiction us/ca/alameda` renders before writing).
//! - `tree/shipped`: every jurisdiction of the shipped tree, every format (`render_all`).
//!
//! Nothing is written to disk: see BENCHMARKS.md for whole builds.

#![allow(missing_docs)] // criterion_main! writes an undocumented `pub fn main`.

use criterion::{criterion_group, criterion_main, Criterion};
use responsekit::document::Lang;
use responsekit::export::{self, Format};
use responsekit::kit::{self, Project, Selection};
use responsekit::render;
use serde_json::Value;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

const COUNTY: &str = "us/ca/alameda";
const LETTER: &str = "letter-detainer";

fn project() -> Project {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("jurisdictions");
    let project = Project::load(&root, None);
    assert!(
        project.tree.diagnostics.is_empty(),
        "the shipped tree loads cleanly"
    );
    project
}

fn letter(c: &mut Criterion) {
    let project = project();
    let j = project
        .resolved
        .iter()
        .find(|(id, _)| id == COUNTY)
        .and_then(|(_, r)| r.as_ref().ok())
        .expect("us/ca/alameda resolves");
    let render = || {
        project
            .render(
                j,
                LETTER,
                Lang::En,
                render::kit_request(Lang::En),
                Value::Null,
            )
            .expect("the letter renders")
    };
    let document = render();
    let mut group = c.benchmark_group("letter");
    group.bench_function("docx", |b| {
        b.iter(|| {
            export::export(&render(), Format::Docx, &export::Options::default()).expect("exports")
        });
    });
    group.bench_function("render", |b| b.iter(render));
    group.bench_function("export_docx", |b| {
        b.iter(|| {
            export::export(
                black_box(&document),
                Format::Docx,
                &export::Options::default(),
            )
            .expect("exports")
        });
    });
    group.finish();
}

fn kits(c: &mut Criterion) {
    let project = project();
    let one = Selection {
        jurisdictions: vec![COUNTY.to_string()],
        ..Selection::default()
    };
    let all = Selection::default();
    let render = |selection: &Selection| {
        let results = kit::render_all(&project, selection, &|| ());
        assert!(results.iter().all(|r| r.outcome.is_ok()));
        results
    };
    let mut group = c.benchmark_group("kit");
    group.sample_size(20);
    group.bench_function("us-ca-alameda", |b| b.iter(|| render(&one)));
    group.finish();

    let mut group = c.benchmark_group("tree");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("shipped", |b| b.iter(|| render(&all)));
    group.finish();
}

criterion_group!(benches, letter, kits);
criterion_main!(benches);
