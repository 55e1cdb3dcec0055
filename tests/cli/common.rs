//! Running the binary and reading what it wrote.

use assert_cmd::Command;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The repository root: the binary runs there, so paths in messages are short and stable.
pub(crate) const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The fixture template set most cases render with.
pub(crate) const BASE_TEMPLATES: &str = "tests/fixtures/base-templates";

/// What one run of the binary did.
#[derive(Debug)]
pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The error diagnostics, each with its hint lines, in the order printed.
    pub(crate) fn errors(&self) -> Vec<String> {
        diagnostics(&self.stderr, "error: ")
    }

    pub(crate) fn notes(&self) -> Vec<String> {
        diagnostics(&self.stderr, "note: ")
    }

    /// The last line of stderr (the summary of `check` and `build`).
    pub(crate) fn summary(&self) -> &str {
        self.stderr.lines().last().unwrap_or_default()
    }
}

fn diagnostics(stderr: &str, prefix: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    for line in stderr.lines() {
        if line.starts_with("  hint: ") {
            if let Some(d) = current.as_mut() {
                d.push('\n');
                d.push_str(line);
            }
            continue;
        }
        out.extend(current.take());
        if line.starts_with(prefix) {
            current = Some(line.to_string());
        }
    }
    out.extend(current);
    out
}

/// The binary, to run from the repository root (so paths in messages are short and stable),
/// without the backtrace variables: a panic must be visible as such, and with them its message
/// names `RUST_BACKTRACE`.
pub(crate) fn binary() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_responsekit"));
    command
        .current_dir(ROOT)
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE");
    command
}

/// Runs `command` to its end and checks that it did not panic.
pub(crate) fn finish(command: std::process::Command) -> Run {
    collect(Command::from_std(command))
}

/// Runs `command`, stopped after `limit`: a hang (an alias bomb expanding, a link loop walked
/// forever, a pipe opened for reading) then fails by its exit status instead of never ending.
pub(crate) fn finish_within(command: std::process::Command, limit: Duration) -> Run {
    let mut command = Command::from_std(command);
    command.timeout(limit);
    collect(command)
}

fn collect(mut command: Command) -> Run {
    let output = command.output().expect("responsekit runs");
    let run = Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    };
    assert_no_panic(&run);
    run
}

/// Runs `responsekit args…` from the repository root.
pub(crate) fn responsekit<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Run {
    let mut command = binary();
    command.args(args);
    finish(command)
}

pub(crate) fn assert_no_panic(run: &Run) {
    for bad in ["panicked", "RUST_BACKTRACE"] {
        assert!(
            !run.stderr.contains(bad),
            "stderr mentions `{bad}`:\n{}",
            run.stderr
        );
    }
}

/// The shipped tree and templates built once, for all the tests that read the shipped kits or
/// the whole site: every format but PDF, which is nineteen parts in twenty of a whole-tree
/// build's time; the tests that read PDFs read Alameda County's, from [`alameda_build`] (CI's
/// pdf-check reads every PDF of the tree).
pub(crate) fn shipped_build() -> &'static Path {
    static BUILT: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| build_into_temp(&["--format", "docx,html,md,zip"]))
        .path()
}

/// Alameda County's kit of the shipped tree, built once in every format.
pub(crate) fn alameda_build() -> &'static Path {
    static BUILT: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| build_into_temp(&["-j", "us/ca/alameda"]))
        .path()
}

/// `build -q` of the shipped tree with `options` into a new temporary directory.
fn build_into_temp(options: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temp dir");
    let mut args = vec![
        "build",
        "-q",
        "--out",
        out.path().to_str().expect("utf-8 path"),
    ];
    args.extend_from_slice(options);
    let run = responsekit(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    out
}

/// `check` of the shipped tree on 2026-12-01, run once for every test that reads it: what a
/// check reports of stale entries depends on the date, so the date is fixed.
pub(crate) fn shipped_check() -> &'static Run {
    static CHECKED: std::sync::OnceLock<Run> = std::sync::OnceLock::new();
    CHECKED.get_or_init(|| responsekit(&["check", "--today", "2026-12-01"]))
}

/// The jurisdiction tree of a fixture, relative to the repository root.
pub(crate) fn tree(case: &str) -> String {
    format!("tests/fixtures/{case}/jurisdictions")
}

/// `check` on a fixture tree with the fixture template set.
pub(crate) fn check(case: &str) -> Run {
    responsekit(&[
        "check",
        "--jurisdictions",
        &tree(case),
        "--templates",
        BASE_TEMPLATES,
    ])
}

/// `build` of a fixture tree with the fixture template set into `out`.
pub(crate) fn build(case: &str, out: &Path, extra: &[&str]) -> Run {
    let mut args: Vec<String> = [
        "build",
        "--jurisdictions",
        &tree(case),
        "--templates",
        BASE_TEMPLATES,
        "--out",
    ]
    .iter()
    .map(std::string::ToString::to_string)
    .collect();
    args.push(out.display().to_string());
    args.extend(extra.iter().map(std::string::ToString::to_string));
    responsekit(&args)
}

/// Builds a fixture into a fresh temporary folder that must succeed; returns the folder.
pub(crate) fn built(case: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let run = build(case, &dir.path().join("out"), &[]);
    assert_eq!(run.code, 0, "build of {case} failed:\n{}", run.stderr);
    dir
}

/// Every file under `dir`, as `/`-separated paths relative to it.
pub(crate) fn files_under(dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap();
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.insert(parts.join("/"));
            }
        }
    }
    out
}

pub(crate) fn read(path: impl AsRef<Path>) -> String {
    let path = path.as_ref();
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One part of a DOCX package, as text.
pub(crate) fn docx_part(docx: impl AsRef<Path>, part: &str) -> String {
    let file = std::fs::File::open(docx.as_ref()).unwrap();
    let mut zip = zip::ZipArchive::new(file).expect("a DOCX is a zip");
    let mut entry = zip
        .by_name(part)
        .unwrap_or_else(|_| panic!("{} has no {part}", docx.as_ref().display()));
    let mut text = String::new();
    entry.read_to_string(&mut text).unwrap();
    text
}

pub(crate) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Text as the tests read it: a no-break space (the model puts one after "§" and inside
/// "8 C.F.R.", so a citation never breaks across lines) is a space.
pub(crate) fn words(text: &str) -> String {
    text.replace('\u{A0}', " ")
}

/// The text of every `w:t` of a `WordprocessingML` part, each paragraph on its own line, read
/// as [`words`].
pub(crate) fn docx_text(xml: &str) -> String {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            p.descendants()
                .filter(|n| n.has_tag_name((W, "t")))
                .filter_map(|n| n.text())
                .collect::<String>()
        })
        .map(|p| words(&p))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The plain text of a Markdown file as a reader sees it, plus whether any emphasis or
/// heading other than those listed was produced.
pub(crate) fn markdown_text(md: &str) -> (String, Vec<String>) {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut text = String::new();
    let mut structure = Vec::new();
    for event in Parser::new(md) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            Event::End(_) => text.push('\n'),
            Event::Start(Tag::Heading { level, .. }) => structure.push(format!("{level:?}")),
            Event::Start(Tag::Emphasis) => structure.push("emphasis".into()),
            Event::Start(Tag::Strong) => structure.push("strong".into()),
            Event::Html(h) | Event::InlineHtml(h) => structure.push(format!("html {h}")),
            _ => {}
        }
    }
    (words(&text), structure)
}

/// Copies the folder `from` to `to` (created), recursively.
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Copies the `basic` fixture tree to `dir/jurisdictions` and the fixture template set to
/// `dir/templates`.
pub(crate) fn copy_basic(dir: &Path) {
    copy_tree(
        &Path::new(ROOT).join("tests/fixtures/basic/jurisdictions"),
        &dir.join("jurisdictions"),
    );
    copy_tree(
        &Path::new(ROOT).join(BASE_TEMPLATES),
        &dir.join("templates"),
    );
}

/// A copy of the `basic` fixture tree and of the fixture templates, and an output folder.
pub(crate) struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    pub(crate) fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_basic(dir.path());
        Workspace { dir }
    }

    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// `build` of the copy into `out` with `extra` arguments, which must succeed.
    pub(crate) fn build(&self, extra: &[&str]) -> Run {
        let run = self.run(extra);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run
    }

    /// `build` of the copy into `out` with `extra` arguments.
    pub(crate) fn run(&self, extra: &[&str]) -> Run {
        let out = self.path("out").display().to_string();
        self.command("build", &[&["--out", &out], extra].concat())
    }

    /// `check` of the copy with `extra` arguments.
    pub(crate) fn check(&self, extra: &[&str]) -> Run {
        self.command("check", extra)
    }

    /// `command` on the copy's tree and templates, with `extra` arguments.
    fn command(&self, command: &str, extra: &[&str]) -> Run {
        let mut args = vec![
            command.to_string(),
            "--jurisdictions".into(),
            self.path("jurisdictions").display().to_string(),
            "--templates".into(),
            self.path("templates").display().to_string(),
        ];
        args.extend(extra.iter().map(std::string::ToString::to_string));
        responsekit(&args)
    }

    /// The manifest's sha256 per path.
    pub(crate) fn hashes(&self) -> BTreeMap<String, String> {
        let manifest: serde_json::Value =
            serde_json::from_str(&read(self.path("out/manifest.json"))).expect("json");
        manifest["files"]
            .as_array()
            .expect("files")
            .iter()
            .map(|e| {
                (
                    e["path"].as_str().expect("path").to_string(),
                    e["sha256"].as_str().expect("sha").to_string(),
                )
            })
            .collect()
    }

    pub(crate) fn append(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        let mut content = read(&path);
        content.push_str(text);
        std::fs::write(path, content).expect("write");
    }
}

/// Runs `check` on every item, a few at a time (each run is a process of its own, so the
/// cases are independent), and gathers what each reported, in the order of `items`.
pub(crate) fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    check: impl Fn(&T) -> Vec<R> + Sync,
) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(2, std::num::NonZero::get) * 2;
    let mut results: Vec<(usize, Vec<R>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.min(items.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break done };
                        done.push((i, check(item)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().flat_map(|(_, r)| r).collect()
}

/// The text poppler reads from `pdf`. Without pdftotext the test fails (`.ci/run` installs
/// it): a check that quietly stops where a tool is missing would pass without checking.
pub(crate) fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).expect("write");
    let output = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run pdftotext ({e}): install poppler-utils (apt-get install poppler-utils) to run the PDF tests"
            )
        });
    assert!(output.status.success(), "pdftotext could not read the PDF");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// California's 58 counties, by folder name under `jurisdictions/us/ca/` (the state's own list
/// of counties, written out here so the test does not read it from the tree it checks).
pub(crate) const CALIFORNIA_COUNTIES: [&str; 58] = [
    "alameda",
    "alpine",
    "amador",
    "butte",
    "calaveras",
    "colusa",
    "contra-costa",
    "del-norte",
    "el-dorado",
    "fresno",
    "glenn",
    "humboldt",
    "imperial",
    "inyo",
    "kern",
    "kings",
    "lake",
    "lassen",
    "los-angeles",
    "madera",
    "marin",
    "mariposa",
    "mendocino",
    "merced",
    "modoc",
    "mono",
    "monterey",
    "napa",
    "nevada",
    "orange",
    "placer",
    "plumas",
    "riverside",
    "sacramento",
    "san-benito",
    "san-bernardino",
    "san-diego",
    "san-francisco",
    "san-joaquin",
    "san-luis-obispo",
    "san-mateo",
    "santa-barbara",
    "santa-clara",
    "santa-cruz",
    "shasta",
    "sierra",
    "siskiyou",
    "solano",
    "sonoma",
    "stanislaus",
    "sutter",
    "tehama",
    "trinity",
    "tulare",
    "tuolumne",
    "ventura",
    "yolo",
    "yuba",
];

/// The state kits (each state's own, for a county jail that has no config of its own yet).
pub(crate) const STATE_KITS: [&str; 7] = [
    "us/ca", "us/co", "us/il", "us/nj", "us/ny", "us/or", "us/wa",
];

/// The county (and city) jail kits shipped outside California.
pub(crate) const OTHER_COUNTY_KITS: [&str; 7] = [
    "us/co/denver",
    "us/il/cook",
    "us/nj/middlesex",
    "us/ny/new-york-city",
    "us/ny/westchester",
    "us/or/multnomah",
    "us/wa/king",
];

/// California's county kits, by id (`us/ca/alameda`, …).
pub(crate) fn california_counties() -> impl Iterator<Item = String> {
    CALIFORNIA_COUNTIES.iter().map(|c| format!("us/ca/{c}"))
}

/// Every shipped kit written for a county's agencies: the state kits, California's counties and
/// the other county kits (the state prison department's kit, `us/ca/cdcr`, is not one).
pub(crate) fn county_kits() -> Vec<String> {
    STATE_KITS
        .iter()
        .map(ToString::to_string)
        .chain(california_counties())
        .chain(OTHER_COUNTY_KITS.iter().map(ToString::to_string))
        .collect()
}
