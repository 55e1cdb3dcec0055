//! `responsekit respond`: one incoming DHS request → what it is (classification, with the
//! reason) → the answer letter with every fill-in filled from the request, the companion
//! notices the jurisdiction's law requires, and a memo for counsel. A request signed by a judge
//! gets no letter at all: counsel must review it now.
//!
//! This module holds the public API and the orchestration: [`respond`] renders an answer in
//! memory, [`write_answer`] writes it. The stages live beside it: `request` (the file's format,
//! reading, parsing and checks), `form` (which paper `form` names), `classification` (what the
//! request is), `redact` (parser messages without the file's content) and `context` (what the
//! templates see).
//!
//! The request file holds personal information, so no value from it is ever printed: messages
//! name fields, never their contents (`redact`). Each answer is written whole, as a new folder
//! of its own that never replaces an earlier one ([`write_answer`]), and never inside the
//! jurisdiction tree ([`check_out_dir`]).

mod classification;
mod context;
mod form;
mod problem;
mod redact;
mod request;

pub use classification::{classify, decide, Classification, Decision};
pub use context::{request_context, Mode};
pub use form::{Form, FormClass};
pub use problem::{Against, Problem, ProblemKind};
pub use request::{
    check_request, load_request, parse_request, Delivery, Identifiers, Issuer, Item, RawRequest,
    Rejected, Request, RequestKind, Signer, Subject,
};

use crate::config::values::IsoDate;
use crate::config::{Jurisdiction, Provision};
use crate::diagnostic::Diagnostic;
use crate::document::{Document, Lang};
use crate::i18n;
use crate::kit::{OutputFile, Project};
use crate::render;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The notices the jurisdiction's law requires with the letter answering a request of kind
/// `c` (none for a court's paper, which gets no letter), each with the propositions — its
/// `law:` keys — that require it: the person's copy of the request (and of what is sent) where
/// the law gives the person one.
pub fn required_notices(j: &Jurisdiction, c: Classification) -> Vec<(&'static str, Vec<&str>)> {
    let keys: Vec<&str> = [Provision::CopyToPerson, Provision::NotifyPersonAndCounsel]
        .iter()
        .filter_map(|p| j.law.get(p))
        .flatten()
        .map(String::as_str)
        .collect();
    if c.letter().is_none() || keys.is_empty() {
        return Vec::new();
    }
    vec![("notice-simultaneous", keys)]
}

/// The documents that go with the letter: the notices the law requires, and for a detainer
/// the public defender's copy, which the kit's policy (not a statute) sends.
pub fn companion_notices(j: &Jurisdiction, c: Classification) -> Vec<&'static str> {
    let mut notices: Vec<&'static str> =
        required_notices(j, c).into_iter().map(|(n, _)| n).collect();
    if c == Classification::Detainer {
        notices.push("notice-public-defender");
    }
    notices
}

/// What [`respond`] writes for a request of kind `c`: the letter, its notices and the memo —
/// nothing for a court's paper.
pub fn answer_documents(j: &Jurisdiction, c: Classification) -> Vec<&'static str> {
    match c.letter() {
        Some(letter) => std::iter::once(letter)
            .chain(companion_notices(j, c))
            .chain(["memo"])
            .collect(),
        None => Vec::new(),
    }
}

/// The formats of a response: DOCX to edit and sign, Markdown, and PDF when built with it.
const RESPONSE_FORMATS: &[crate::export::Format] = &[
    crate::export::Format::Docx,
    crate::export::Format::Markdown,
    #[cfg(feature = "pdf")]
    crate::export::Format::Pdf,
];

/// Everything `respond` writes, or why it writes nothing.
pub enum Outcome {
    /// The answer's files (each document in each format, not yet on disk), what the request
    /// was decided to be, and, for a draft, a note for each fill-in it still holds.
    Written(Vec<OutputFile>, Decision, Vec<Diagnostic>),
    /// Signed by a judge: nothing is written, counsel must review the request now.
    CourtOrder(Decision),
}

/// Renders the response in memory: to send (refused while a fill-in is left) or, as `mode`
/// says, a draft.
pub fn respond(
    project: &Project,
    j: &Jurisdiction,
    req: &Request,
    decision: Decision,
    langs: &[Lang],
    today: IsoDate,
    mode: Mode,
) -> Result<Outcome, Vec<Diagnostic>> {
    let (documents, decision, notes) =
        match render_answer(project, j, req, decision, langs, today, mode)? {
            Answer::Documents(documents, decision, notes) => (documents, decision, notes),
            Answer::CourtOrder(decision) => return Ok(Outcome::CourtOrder(decision)),
        };
    let files = export_answer(&documents)?;
    Ok(Outcome::Written(files, decision, notes))
}

/// Each of an answer's documents in each of a response's formats (DOCX, Markdown, PDF when
/// built with it), as `<lang>/<document>.<ext>`.
pub fn export_answer(
    documents: &[(Lang, String, Document)],
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut files = Vec::new();
    for (lang, name, doc) in documents {
        for &format in RESPONSE_FORMATS {
            match crate::export::export(doc, format, &crate::export::Options::default()) {
                Ok(bytes) => files.push(OutputFile {
                    path: format!("{lang}/{name}.{}", format.extension()),
                    bytes,
                }),
                Err(e) => problems.push(Diagnostic::error(format!("{name}: {e}"))),
            }
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

/// An answer's documents, rendered and not yet exported (what the desk previews).
pub enum Answer {
    /// Each document in each language (`letter-detainer`, the notices, `memo`), what the
    /// request was decided to be, and, for a draft, a note for each fill-in it still holds.
    Documents(Vec<(Lang, String, Document)>, Decision, Vec<Diagnostic>),
    /// Signed by a judge: no document, counsel must review the request now.
    CourtOrder(Decision),
}

/// The documents of an answer rendered to the model, before export: each `(language,
/// document, model)`, each fill-in left with the documents and languages that hold it, and
/// what failed to render.
struct Rendered {
    /// The jurisdiction as the answer used it (letterhead and signer from the request).
    j: Jurisdiction,
    docs: Vec<(Lang, String, Document)>,
    missing: BTreeMap<context::Missing, Vec<(String, Lang, String)>>,
    problems: Vec<Diagnostic>,
}

/// The memo to counsel that goes with every answer.
const MEMO: &str = "respond/memo";

/// Renders the letter for `decision`, its notices and the memo in `langs` (nothing for a
/// court's paper, which gets no letter).
fn render_documents(
    project: &Project,
    j: &Jurisdiction,
    req: &Request,
    decision: &Decision,
    langs: &[Lang],
    today: IsoDate,
) -> Result<Option<Rendered>, Vec<Diagnostic>> {
    let Some(letter) = decision.classification.letter() else {
        return Ok(None);
    };
    let notices = companion_notices(j, decision.classification);
    let mut problems = Vec::new();
    let mut j = j.clone();
    if let Some(signer) = &req.raw.signed_by {
        j.signatory.name = crate::config::values::Fact::Known {
            value: crate::config::values::Localized::Same(signer.name.clone()),
            source: None,
            verified: None,
        };
        j.signatory.title = crate::config::values::Localized::Same(signer.title.clone());
    }
    if !j.agencies.contains_key(&req.received_by) {
        return Err(vec![Diagnostic::error(format!(
            "`received_by` names `{}`, which is not among the agencies of `{}`",
            req.received_by.key(),
            j.id
        ))
        .with_hint("use one of the agencies in its jurisdiction.yaml")]);
    }
    j.letterhead = req.received_by;
    // Each fill-in left, with the documents and languages that hold it: reported once.
    let mut missing: BTreeMap<context::Missing, Vec<(String, Lang, String)>> = BTreeMap::new();
    let mut rendered: Vec<(Lang, String, Document)> = Vec::new();
    for &lang in langs {
        let request = request_context(req, lang, today);
        let mut docs: Vec<(String, Document)> = Vec::new();
        // In each language, the documents written in it: a translation for the person (the
        // notice of the request, in Korean) may have no letter or memo beside it.
        for doc in std::iter::once(letter).chain(notices.iter().copied()) {
            if !project.is_written_in(&j, doc, lang) {
                continue;
            }
            match project.render(&j, doc, lang, request.clone(), Value::Null) {
                Ok(d) => docs.push((doc.to_string(), d)),
                Err(e) => problems.extend(e),
            }
        }
        if project.is_written_in(&j, MEMO, lang) {
            let response = context::memo_context(decision, req, &j, &docs, lang, today);
            match project.render(&j, MEMO, lang, request.clone(), response) {
                Ok(d) => docs.push(("memo".to_string(), d)),
                Err(e) => problems.extend(e),
            }
        }
        // What the templates saw, to tell which fact a fill-in left stands for: built only
        // when one is left, not for every answer.
        let mut kit = None;
        for (name, doc) in docs {
            if name != "memo" {
                for label in doc.fill_ins() {
                    let kit = kit.get_or_insert_with(|| {
                        render::context(&j, &project.registry, lang, letter, request.clone())
                    });
                    let what = context::missing(&label, &request, kit, &j);
                    missing
                        .entry(what)
                        .or_default()
                        .push((name.clone(), lang, label));
                }
            }
            rendered.push((lang, name, doc));
        }
    }
    Ok(Some(Rendered {
        j,
        docs: rendered,
        missing,
        problems,
    }))
}

/// The config paths (`agencies.sheriff.phone`) of the facts `j` declares `unknown` that the
/// answer to `req` would show as fill-ins, in the order `j.unknown` lists them: what must be
/// known for the answer to be sent rather than drafted. None for a court's paper.
pub fn unknown_facts_needed(
    project: &Project,
    j: &Jurisdiction,
    req: &Request,
    decision: &Decision,
    langs: &[Lang],
    today: IsoDate,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    let Some(rendered) = render_documents(project, j, req, decision, langs, today)? else {
        return Ok(Vec::new());
    };
    if !rendered.problems.is_empty() {
        return Err(rendered.problems);
    }
    Ok(j.unknown
        .iter()
        .filter(|u| {
            rendered
                .missing
                .contains_key(&context::Missing::Fact(u.path.clone()))
        })
        .map(|u| u.path.clone())
        .collect())
}

/// Renders the answer's documents as [`respond`] does, without exporting them: a draft opens
/// each document with the line saying so.
pub fn render_answer(
    project: &Project,
    j: &Jurisdiction,
    req: &Request,
    decision: Decision,
    langs: &[Lang],
    today: IsoDate,
    mode: Mode,
) -> Result<Answer, Vec<Diagnostic>> {
    let Some(Rendered {
        j,
        docs: rendered,
        missing,
        mut problems,
    }) = render_documents(project, j, req, &decision, langs, today)?
    else {
        return Ok(Answer::CourtOrder(decision));
    };
    let unfilled: Vec<Diagnostic> = missing
        .iter()
        .map(|(what, needed_in)| context::unfilled(what, needed_in, &j, mode))
        .collect();
    let notes = match mode {
        Mode::Send => {
            problems.extend(unfilled);
            Vec::new()
        }
        Mode::Draft => unfilled,
    };
    // A draft says so at the top of every document, with what is left to do (one with nothing
    // left is the answer to send).
    let opening = |lang: Lang| match (mode, notes.len()) {
        (Mode::Send, _) | (Mode::Draft, 0) => None,
        (Mode::Draft, 1) => Some(i18n::t(lang, i18n::Text::DraftOneFact).to_string()),
        (Mode::Draft, n) => Some(i18n::t_with(
            lang,
            i18n::Text::DraftFacts,
            &[("count", &n.to_string())],
        )),
    };
    let documents = rendered
        .into_iter()
        .map(|(lang, name, doc)| match opening(lang) {
            Some(line) => (lang, name, doc.with_opening_line(&line)),
            None => (lang, name, doc),
        })
        .collect();
    if problems.is_empty() {
        Ok(Answer::Documents(documents, decision, notes))
    } else {
        Err(problems)
    }
}

/// How many answers to requests received on one day an output folder can hold.
const MAX_ANSWERS_A_DAY: u32 = 99;

/// Writes one answer as a new folder in `out`, named from the request's `received` date and
/// the next free number (`2026-11-20-01`, then `-02`): never from a person's name, and never
/// over an earlier answer, even when two runs write at once (the rename that puts a folder in
/// place is what takes its name). All or nothing: a failure leaves no file. Returns the folder.
pub fn write_answer(
    out: &Path,
    received: IsoDate,
    files: &[OutputFile],
) -> Result<PathBuf, Diagnostic> {
    for n in 1..=MAX_ANSWERS_A_DAY {
        let dir = out.join(format!("{received}-{n:02}"));
        match crate::build::write_new_folder_private(&dir, files) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(Diagnostic::error(format!(
                    "cannot write the answer ({e}); nothing was written"
                ))
                .in_file(out)
                .with_hint("check that the folder can be written to and the disk has room, then run `respond` again"))
            }
        }
    }
    Err(Diagnostic::error(format!(
        "already holds {MAX_ANSWERS_A_DAY} answers to requests received that day; nothing was written"
    ))
    .in_file(out)
    .with_hint("move earlier answers elsewhere, or name another folder with --out"))
}

/// Refuses an output folder inside the jurisdiction tree `tree`: answers hold personal data,
/// and the tree is committed and published.
pub fn check_out_dir(out: &Path, tree: &Path) -> Result<(), Diagnostic> {
    refuse_inside_tree(
        ("--out", out),
        crate::build::real_path(out),
        tree,
        "answers hold personal data, and the tree is committed and published: write them outside it (the default is `--out response`)",
    )
}

/// Refuses a register file (`--register`) inside the jurisdiction tree: it holds booking
/// numbers and the history of every request, and the tree is committed and published. The file
/// need not exist yet: its folder is what is checked then.
pub fn check_register_path(register: &Path, tree: &Path) -> Result<(), Diagnostic> {
    let folder = match register.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    refuse_inside_tree(
        ("--register", register),
        crate::build::real_path(register).or_else(|| crate::build::real_path(folder)),
        tree,
        "the register holds booking numbers and every request's history, and the tree is committed and published: keep it outside (the default is `register.sqlite` in the current folder)",
    )
}

/// The error for the path given with `flag` when `place` (where it really is, if it exists)
/// lies inside the tree `tree`.
pub fn refuse_inside_tree(
    (flag, given): (&str, &Path),
    place: Option<PathBuf>,
    tree: &Path,
    hint: &str,
) -> Result<(), Diagnostic> {
    let (Some(place), Some(tree_real)) = (place, crate::build::real_path(tree)) else {
        return Ok(());
    };
    if !place.starts_with(&tree_real) {
        return Ok(());
    }
    Err(Diagnostic::error(format!(
        "`{flag} {}` is inside the jurisdiction tree `{}`",
        given.display(),
        tree.display()
    ))
    .with_hint(hint))
}

/// A complete starter request that `respond` accepts as it is.
pub const EXAMPLE: &str = r#"# A request that arrived, for `responsekit respond --request FILE`.
# Every field is described in the README. Replace the example values with the real ones.
kind: administrative_subpoena   # administrative_subpoena | detainer | information_request |
                                # judicial_warrant | court_order | judicial_subpoena (or leave out)
received: 2026-11-20            # the day it arrived
delivered: email                # email | mail | fax | hand | other
issued_by:
  office: ICE Enforcement and Removal Operations, San Francisco Field Office
  officer: Deportation Officer J. Doe
form: "Administrative subpoena"  # the form number or title as printed
signed_by_judge: false          # true only if a judge signed it
subject:
  name: Jane Roe
  dob: 1990-01-31
  booking: "BK-2026-000123"     # booking or case number
  juvenile: false
  # guardian: …                 # required when juvenile: true
  attorney: Alex Counsel, Office of the Public Defender
requested: [release_date, home_address]   # release_date | home_address | work_address |
                                          # records | access | interview | hold
return_date: 2026-12-04         # the date it demands an answer by, if any
received_by: sheriff            # the agency (role in the jurisdiction config) that got it
signed_by:                      # who signs the answer
  name: Pat Example
  title: County Counsel
identifiers:                    # the numbers ICE printed on it, for the letter's "Re:" line
  a_number: "A-000-000-000"     # each one optional: printed only when given
  event_number: "SFR0000000000"
reply_by: email                 # how the answer is sent: email | mail | fax | hand | other
"#;
