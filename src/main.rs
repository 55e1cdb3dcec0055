//! The `responsekit` binary: parses flags, runs one command, prints its diagnostics, and maps
//! the outcome to an exit status (0 success, 1 problems found, 2 usage error).

use clap::Parser;
use responsekit::build;
use responsekit::cli::{Cli, Command, Output, TreeArgs};
use responsekit::diagnostic::{did_you_mean, Diagnostic};
use responsekit::kit::{self, Project, Selection};
use responsekit::{respond, scaffold, schema};
use std::collections::HashSet;
use std::path::Path;
use std::process::ExitCode;

// A build allocates and frees millions of small XML and Markdown pieces on every core; glibc's
// allocator spent a fifth of the CPU doing so and kept per-thread arenas of freed memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = Reporter {
        quiet: cli.quiet,
        verbose: cli.verbose,
        seen: HashSet::new(),
        errors: 0,
    };
    let ok = match cli.command {
        Command::Build {
            tree,
            out: dir,
            jurisdictions,
            lang,
            format,
            force,
        } => build(
            &mut out,
            &tree,
            &dir,
            Selection {
                jurisdictions,
                langs: lang,
                formats: format.iter().filter_map(|o| o.format()).collect(),
                // With no --format everything is built; with one, zips only when named.
                bundles: format.is_empty() || format.contains(&Output::Zip),
            },
            if force {
                build::Rebuild::Force
            } else {
                build::Rebuild::Changed
            },
        ),
        Command::Check { tree, stale, today } => check(&mut out, &tree, stale, today),
        Command::List { tree } => list(&mut out, &tree),
        Command::New { id, tree } => match scaffold::new_jurisdiction(&tree.root, &id) {
            Ok(path) => {
                out.info(&format!(
                    "created {}\nfill in what it marks, then run `responsekit check`",
                    path.display()
                ));
                true
            }
            Err(d) => {
                out.report(&d);
                false
            }
        },
        Command::Schema { out: dir, check } => schema_command(&mut out, &dir, check),
        Command::Respond {
            tree,
            jurisdiction,
            request,
            lang,
            out: dir,
            example,
            today,
        } => {
            if example {
                print_out(respond::EXAMPLE);
                return ExitCode::SUCCESS;
            }
            return match respond_command(&mut out, &tree, jurisdiction, request, &lang, &dir, today)
            {
                Responded::Written => ExitCode::SUCCESS,
                Responded::Failed => ExitCode::from(1),
                Responded::CourtOrder => ExitCode::from(COURT_ORDER_STATUS),
            };
        }
    };
    if ok && out.errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Exit status of `respond` for a request signed by a judge.
const COURT_ORDER_STATUS: u8 = 3;

enum Responded {
    Written,
    Failed,
    CourtOrder,
}

fn respond_command(
    out: &mut Reporter,
    tree: &TreeArgs,
    jurisdiction: Option<String>,
    request: Option<std::path::PathBuf>,
    langs: &[responsekit::document::Lang],
    dir: &Path,
    today: Option<String>,
) -> Responded {
    use responsekit::config::values::IsoDate;
    let (Some(id), Some(request_path)) = (jurisdiction, request) else {
        return Responded::Failed; // clap requires both without --example
    };
    let today = match today {
        Some(t) => match IsoDate::parse(&t) {
            Some(d) => d,
            None => {
                out.report(
                    &Diagnostic::error(format!("--today `{t}` is not a date"))
                        .with_hint("write it as YYYY-MM-DD"),
                );
                return Responded::Failed;
            }
        },
        None => IsoDate::today(),
    };
    if let Err(d) = responsekit::config::tree::check_id(&id)
        .and_then(|()| respond::check_out_dir(dir, &tree.root))
    {
        out.report(&d);
        return Responded::Failed;
    }
    let project = load(out, tree);
    let Some((_, resolved)) = project.resolved.iter().find(|(j, _)| *j == id) else {
        let ids = project.resolved.iter().map(|(j, _)| j.as_str());
        let d = Diagnostic::error(format!("no jurisdiction `{id}`"));
        out.report(&match did_you_mean(&id, ids) {
            Some(s) => d.with_hint(format!("did you mean `{s}`?")),
            None => d.with_hint("`responsekit list` shows the jurisdictions"),
        });
        return Responded::Failed;
    };
    let j = match resolved {
        Ok(j) => j,
        Err(problems) => {
            problems.iter().for_each(|d| out.report(d));
            return Responded::Failed;
        }
    };
    let req = match respond::load_request(&request_path, today) {
        Ok(r) => r,
        Err(problems) => {
            problems.0.iter().for_each(|d| out.report(d));
            return Responded::Failed;
        }
    };
    let decision = match respond::classify(&req, &request_path) {
        Ok(d) => d,
        Err(d) => {
            out.report(&d);
            return Responded::Failed;
        }
    };
    eprintln!(
        "classified as: {} — because {}",
        decision
            .classification
            .label(responsekit::document::Lang::En),
        decision.reason_en
    );
    let langs: Vec<_> = if langs.is_empty() {
        j.languages.clone()
    } else {
        langs.to_vec()
    };
    match respond::respond(&project, j, &req, decision, &langs, today) {
        Ok(respond::Outcome::CourtOrder(_)) => {
            eprintln!(
                "WARNING: this request comes from a court (see why above). It looks like a court order or judicial warrant that may have to be obeyed.\n\
                 No declination letter was written. Send it to counsel for review now, before the agency acts or lets any deadline pass."
            );
            Responded::CourtOrder
        }
        Ok(respond::Outcome::Written(files, _)) => {
            match respond::write_answer(dir, req.received, &files) {
                Ok(folder) => {
                    if out.verbose {
                        files
                            .iter()
                            .for_each(|f| eprintln!("wrote {}", folder.join(&f.path).display()));
                    }
                    out.info(&format!(
                        "wrote {} files into {} (readable by you only)",
                        files.len(),
                        folder.display()
                    ));
                    Responded::Written
                }
                Err(d) => {
                    out.report(&d);
                    Responded::Failed
                }
            }
        }
        Err(problems) => {
            problems.0.iter().for_each(|d| out.report(d));
            eprintln!("nothing was written");
            Responded::Failed
        }
    }
}

/// Prints diagnostics once each (a broken shared template would otherwise be reported by
/// every jurisdiction using it) and counts errors.
struct Reporter {
    quiet: bool,
    verbose: bool,
    seen: HashSet<String>,
    errors: usize,
}

impl Reporter {
    fn report(&mut self, d: &Diagnostic) {
        if !d.is_error() && self.quiet {
            return;
        }
        let text = d.to_string();
        // Counted once, like it is printed: the summary's count matches what was shown.
        if self.seen.insert(text.clone()) {
            if d.is_error() {
                self.errors += 1;
            }
            eprintln!("{text}");
        }
    }

    /// A progress bar over `len` jurisdictions, on stderr, only for a person watching: never
    /// with --quiet, in CI, or when stderr is a pipe or a file.
    fn progress(&self, len: usize) -> indicatif::ProgressBar {
        use std::io::IsTerminal;
        let watched =
            !self.quiet && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        if !watched || len < 2 {
            return indicatif::ProgressBar::hidden();
        }
        let bar = indicatif::ProgressBar::new(len as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{spinner} rendering {pos}/{len} jurisdictions {wide_bar} {eta}",
        ) {
            bar.set_style(style);
        }
        bar
    }

    fn info(&self, text: &str) {
        if !self.quiet {
            eprintln!("{text}");
        }
    }
}

fn load(out: &mut Reporter, tree: &TreeArgs) -> Project {
    let project = Project::load(&tree.root, tree.templates.as_deref());
    for d in &project.tree.diagnostics {
        out.report(d);
    }
    project
}

/// Refuses a filter that matches nothing, suggesting the closest id.
fn check_selection(out: &mut Reporter, project: &Project, selection: &Selection) -> bool {
    let ids: Vec<&str> = project.resolved.iter().map(|(id, _)| id.as_str()).collect();
    let mut ok = true;
    for wanted in &selection.jurisdictions {
        if let Err(d) = responsekit::config::tree::check_id(wanted.trim_end_matches('/')) {
            out.report(&d);
            ok = false;
            continue;
        }
        let one = Selection {
            jurisdictions: vec![wanted.clone()],
            ..Selection::default()
        };
        if !ids.iter().any(|id| one.selects(id)) {
            let mut d = Diagnostic::error(format!(
                "no jurisdiction `{wanted}` in {}",
                project.tree.root.display()
            ));
            d = match did_you_mean(wanted, ids.iter().copied()) {
                Some(s) => d.with_hint(format!("did you mean `{s}`?")),
                None => d.with_hint("`responsekit list` shows the jurisdictions"),
            };
            out.report(&d);
            ok = false;
        }
    }
    ok
}

fn build(
    out: &mut Reporter,
    tree: &TreeArgs,
    dir: &Path,
    selection: Selection,
    rebuild: build::Rebuild,
) -> bool {
    let mut inputs = vec![(tree.root.as_path(), "jurisdiction folder")];
    inputs.extend(tree.templates.as_deref().map(|t| (t, "templates folder")));
    if let Err(d) = build::check_out_folder(dir, &inputs) {
        out.report(&d);
        return false;
    }
    // Two builds into one folder would interleave their files: the second waits.
    let lock = match build::OutputLock::acquire(dir, || {
        eprintln!(
            "waiting for another responsekit build writing to {}…",
            dir.display()
        )
    }) {
        Ok(lock) => lock,
        Err(d) => {
            out.report(&d);
            return false;
        }
    };
    let ok = build_locked(out, tree, dir, selection, rebuild);
    lock.release();
    ok
}

fn build_locked(
    out: &mut Reporter,
    tree: &TreeArgs,
    dir: &Path,
    selection: Selection,
    rebuild: build::Rebuild,
) -> bool {
    let started = std::time::Instant::now();
    let summary = |out: &mut Reporter, files: usize, written: usize, unchanged: usize| {
        out.info(&format!(
            "{files} files in {}: {written} written, {unchanged} unchanged, in {:.1}s",
            dir.display(),
            started.elapsed().as_secs_f64()
        ))
    };
    let mut roots = vec![tree.root.as_path()];
    roots.extend(tree.templates.as_deref());
    let digest = build::input_digest(&selection, &roots);
    if rebuild == build::Rebuild::Changed {
        let unchanged = digest
            .as_deref()
            .and_then(|d| build::unchanged_since_last_build(dir, d));
        if let Some(files) = unchanged {
            summary(out, files, 0, files);
            return true;
        }
    }

    let project = load(out, tree);
    if !check_selection(out, &project, &selection) {
        return false;
    }
    let langs: Vec<_> = if selection.langs.is_empty() {
        responsekit::document::Lang::ALL.to_vec()
    } else {
        selection.langs.clone()
    };
    let site = selection.formats.is_empty()
        || selection
            .formats
            .contains(&responsekit::export::Format::Html);
    let shared = |present: &std::collections::BTreeSet<String>| {
        if site {
            kit::home_pages(&project, present, &langs)
        } else {
            Vec::new()
        }
    };
    let progress = out.progress(kit::selected(&project, &selection));
    // A tree that loaded with warnings is not recorded as done: the next build shows them again.
    let digest = digest.filter(|_| project.tree.diagnostics.is_empty());
    let report = build::build(&project, &selection, dir, rebuild, digest, shared, &|| {
        progress.inc(1)
    });
    progress.finish_and_clear();
    let report = match report {
        Ok(r) => r,
        Err(d) => {
            out.report(&d);
            return false;
        }
    };
    for (_, problems) in &report.failed {
        problems.iter().for_each(|d| out.report(d));
    }
    report.notes.iter().for_each(|d| out.report(d));
    if !report.removed.is_empty() {
        out.info(&format!(
            "removed {} file(s) that no kit has any more: {}",
            report.removed.len(),
            report.removed.join(", ")
        ));
    }
    summary(
        out,
        report.manifest.files.len(),
        report.written,
        report.unchanged,
    );
    if !report.failed.is_empty() {
        let ids: Vec<&str> = report.failed.iter().map(|(id, _)| id.as_str()).collect();
        out.report(&Diagnostic::error(format!(
            "{} jurisdiction(s) not built, nothing written for them: {}",
            ids.len(),
            ids.join(", ")
        )));
    }
    report.failed.is_empty()
}

fn check(
    out: &mut Reporter,
    tree: &TreeArgs,
    stale_days: u32,
    today: Option<responsekit::config::values::IsoDate>,
) -> bool {
    let project = load(out, tree);
    let today = today.unwrap_or_else(responsekit::config::values::IsoDate::today);
    project
        .registry
        .review(today, stale_days)
        .iter()
        .for_each(|d| out.report(d));
    let results = kit::render_all(&project, &Selection::default(), &|| ());
    let mut fill_ins = 0;
    for ((_, resolved), result) in project.resolved.iter().zip(&results) {
        if let Err(problems) = &result.outcome {
            problems.iter().for_each(|d| out.report(d));
        }
        if let Ok(j) = resolved {
            let cutoff = responsekit::config::values::IsoDate(
                today.0 - time::Duration::days(i64::from(stale_days)),
            );
            for (path, date) in j.stale_facts(cutoff) {
                out.report(
                    &Diagnostic::note(format!(
                        "{}: `{path}` was last verified on {date} (more than {stale_days} days before {today})",
                        j.id
                    ))
                    .with_hint("check the fact at its source again, then update its `verified:` date"),
                );
            }
            for path in j.unknown_facts() {
                fill_ins += 1;
                out.report(&unknown_fact_note(j, &path));
            }
        }
    }
    let jurisdictions = results.len();
    if out.errors == 0 {
        out.info(&format!("checked {jurisdictions} jurisdictions: no problems, {fill_ins} unknown facts left as fill-ins"));
    } else {
        eprintln!(
            "checked {jurisdictions} jurisdictions: {} problem(s)",
            out.errors
        );
    }
    out.errors == 0
}

/// A note pointing at the file of `j`'s chain that declares `path` unknown (reported once,
/// however many jurisdictions inherit it).
fn unknown_fact_note(j: &responsekit::config::Jurisdiction, path: &str) -> Diagnostic {
    use responsekit::config::resolve::{defines, locate};
    let keys: Vec<&str> = path.split(['.', '[']).collect();
    let texts: Vec<(std::path::PathBuf, String)> = j
        .files
        .iter()
        .rev()
        .map(|f| (f.clone(), std::fs::read_to_string(f).unwrap_or_default()))
        .collect();
    let (file, text) = texts
        .iter()
        .find(|(_, t)| defines(t, &keys))
        .or(texts.first())
        .cloned()
        .unwrap_or_default();
    Diagnostic::note(format!(
        "`{path}` is unknown; documents show a highlighted fill-in for it"
    ))
    .in_file(&file)
    .at(locate(&text, &keys), None)
}

fn list(out: &mut Reporter, tree: &TreeArgs) -> bool {
    use std::fmt::Write as _;
    let project = load(out, tree);
    let mut text = String::from("Jurisdictions (id, kind, inherits from):\n");
    let mut documents = std::collections::BTreeSet::new();
    for (id, resolved) in &project.resolved {
        match resolved {
            Ok(j) => {
                let chain = if j.ancestors.is_empty() {
                    String::new()
                } else {
                    format!(
                        " < {}",
                        j.ancestors
                            .iter()
                            .rev()
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(" < ")
                    )
                };
                let langs: Vec<&str> = j.languages.iter().map(|l| l.code()).collect();
                let _ = writeln!(
                    text,
                    "  {id:<28} {:<7} [{}]{chain}",
                    format!("{:?}", j.kind).to_lowercase(),
                    langs.join(",")
                );
            }
            Err(_) => {
                let _ = writeln!(text, "  {id:<28} (has errors: run `responsekit check`)");
            }
        }
    }
    // The documents of the base set: `--templates DIR` replaces the shipped one.
    let (sources, which) = match &tree.templates {
        Some(dir) => {
            let mut problems = Vec::new();
            let sources = responsekit::templates::read_dir(dir, &mut problems);
            problems.iter().for_each(|d| out.report(d));
            (sources, format!("from {}", dir.display()))
        }
        None => (responsekit::templates::shipped(), "shipped".to_string()),
    };
    for (doc, langs) in responsekit::templates::documents(&sources) {
        documents.insert((
            doc,
            langs.iter().map(|l| l.code()).collect::<Vec<_>>().join(","),
        ));
    }
    let _ = writeln!(text, "Documents ({which}):");
    for (doc, langs) in documents {
        let _ = writeln!(text, "  {doc:<32} [{langs}]");
    }
    print_out(&text);
    true
}

/// Writes `text` to standard output. A reader that closed the pipe early (`| head`) ends the
/// program quietly with success, as ripgrep does; `println!` would panic.
fn print_out(text: &str) {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write to standard output ({e})");
        std::process::exit(1);
    }
}

fn schema_command(out: &mut Reporter, dir: &Path, check: bool) -> bool {
    let mut ok = true;
    for (name, text) in schema::schemas() {
        let path = dir.join(name);
        if check {
            if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                out.report(
                    &Diagnostic::error("schema is out of date")
                        .in_file(&path)
                        .with_hint("run `responsekit schema` and commit the result"),
                );
                ok = false;
            }
        } else if let Err(e) = build::write_atomic(&path, text.as_bytes()) {
            out.report(&Diagnostic::error(format!("cannot write ({e})")).in_file(&path));
            ok = false;
        } else {
            out.info(&format!("wrote {}", path.display()));
        }
    }
    ok
}
