//! The peer benchmark's letter, rendered by responsekit: the declination letter of
//! `../shared/bench/peers/` (docxtpl's `make_template.py`, data from `ctx.py`) as a responsekit
//! template, rendered N times with letter i's data into DOCX bytes and written to disk, as the
//! peer does. Prints letters per second in the peer's format; `bench/compare` runs both.
//!
//! ```sh
//! cargo run --release --example letters -- 2000 /tmp/letters [--threads]
//! ```
//!
//! Like the peer, each iteration builds letter i's data, renders it and writes one file; unlike
//! it, the template is compiled once (the peer re-reads its template per letter because
//! docxtpl cannot render a template twice). `--threads` renders on every core (rayon) to show
//! the throughput of a build; the comparison uses the default, one thread.

use rayon::prelude::*;
use responsekit::authorities::Registry;
use responsekit::document::Lang;
use responsekit::export::{self, Format};
use responsekit::render;
use responsekit::templates::{Origin, Source, TemplateSet};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// The allocator the `responsekit` binary uses, so the letter is timed as the tool runs it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The letter of `make_template.py`, field for field, in responsekit's Markdown (`this.date`:
/// plain `date` would call the `date` helper).
const LETTER: &str = r#"# {{agency.name}}

{{agency.address}}

{{this.date}}

{{requester.name}}\
{{requester.office}}\
{{requester.address}}

Re: {{request.kind}} dated {{request.date}} concerning {{subject.name}} (booking no. {{subject.booking}})

Dear {{requester.name}}:

The {{agency.name}} has received the request identified above. For the reasons below, the {{agency.short}} respectfully declines to provide the information or assistance requested.

{{#each request.requested}}
1. {{this}}
{{/each}}

## Legal basis

{{#each authorities}}
- {{this.cite}} — {{this.summary}}
{{/each}}

{{#if request.is_subpoena}}
An administrative subpoena is not self-executing. The {{agency.short}} will respond to an order of a federal district court under 8 U.S.C. § 1225(d)(4)(B).
{{/if}}

A copy of this letter has been provided to {{subject.name}} and to {{counsel.name}}, {{counsel.office}}.

Sincerely,

<!-- signature -->
{{signer.name}}
{{signer.title}}
"#;

/// `ctx.py`'s `ctx(i)`.
fn ctx(i: usize) -> Value {
    json!({
        "agency": {"name": format!("Office of the Sheriff, County {i}"), "short": "Sheriff", "address": format!("{i} Main St, Oakland, CA 94612")},
        "date": "November 27, 2026",
        "requester": {"name": "Deportation Officer Doe", "office": "ICE ERO San Francisco", "address": "630 Sansome St, San Francisco, CA"},
        "request": {"kind": "Administrative subpoena", "date": "November 20, 2026", "is_subpoena": i.is_multiple_of(2),
                    "requested": ["Release date and time", "Home address", "Work address", "Booking photograph"]},
        "subject": {"name": format!("Person {i}"), "booking": format!("BK{i:06}")},
        "authorities": [{"cite": "Cal. Gov. Code § 7284.6(a)(1)(C)", "summary": "no release dates"},
                        {"cite": "Cal. Gov. Code § 7284.6(a)(1)(D)", "summary": "no personal information"},
                        {"cite": "8 C.F.R. § 287.7(a)", "summary": "detainers are requests"}],
        "counsel": {"name": "Deputy Public Defender", "office": "Office of the Public Defender"},
        "signer": {"name": "County Counsel", "title": "County Counsel"},
    })
}

/// The letter's template set (every document exists in every language: `es` is a copy).
fn letter_set() -> TemplateSet {
    let sources: BTreeMap<String, Source> = Lang::all()
        .iter()
        .map(|lang| {
            let source = Source {
                origin: Origin::Shipped,
                text: LETTER.to_string(),
            };
            (format!("letter/{lang}"), source)
        })
        .collect();
    match TemplateSet::compile(sources, &Arc::new(Registry::default())) {
        Ok(set) => set,
        Err(problems) => fail(&format!("the template does not compile: {problems:?}")),
    }
}

/// Letter i as DOCX bytes.
fn letter(set: &TemplateSet, registry: &Registry, i: usize) -> Vec<u8> {
    let document = render::render_document(set, registry, "letter", Lang::En, &ctx(i).into())
        .unwrap_or_else(|d| fail(&format!("letter {i} does not render: {}", d.message)));
    export::export(&document, Format::Docx, &export::Options::default())
        .unwrap_or_else(|e| fail(&format!("letter {i}: {e}")))
}

fn fail(message: &str) -> ! {
    eprintln!("letters: {message}");
    std::process::exit(1)
}

fn write(out: &Path, i: usize, bytes: &[u8]) {
    let path = out.join(format!("letter_{i}.docx"));
    std::fs::write(&path, bytes).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let threads = args.iter().any(|a| a == "--threads");
    let mut positional = args.iter().filter(|a| !a.starts_with("--"));
    let n: usize = positional
        .next()
        .map_or(200, |n| n.parse().expect("N is a number of letters"));
    let out = positional.next().map_or_else(
        || std::env::temp_dir().join("responsekit_letters"),
        PathBuf::from,
    );
    std::fs::create_dir_all(&out).expect("output folder");

    let set = letter_set();
    let registry = Registry::default();
    let started = Instant::now();
    if threads {
        (0..n)
            .into_par_iter()
            .for_each(|i| write(&out, i, &letter(&set, &registry, i)));
    } else {
        for i in 0..n {
            write(&out, i, &letter(&set, &registry, i));
        }
    }
    let dt = started.elapsed().as_secs_f64();
    let mode = if threads { " (all cores)" } else { "" };
    println!(
        "responsekit{mode}: {n} letters in {dt:.3}s = {:.1} letters/s",
        n as f64 / dt
    );
}
