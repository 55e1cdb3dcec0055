use super::*;
use crate::commands::TreePaths;
use crate::config::testing::{shipped_copy, ShippedCopy};
use crate::respond::{Mode, Outcome, Request};
use axum::body::to_bytes;
use axum::http::header;
use std::path::{Path, PathBuf};

const TODAY: &str = "2026-11-21";

/// The facts the Alameda sheriff's answer to a detainer prints that Alameda's config (as
/// frozen in `tests/fixtures/frozen-alameda/`) leaves unknown; the request names who signs, so
/// the signatory's name is not among them.
const ALAMEDA_DETAINER: [&str; 5] = [
    "agencies.public_defender.address",
    "agencies.public_defender.phone",
    "agencies.sheriff.address",
    "agencies.sheriff.phone",
    "legal_services[0].phone",
];

fn today() -> IsoDate {
    IsoDate::parse(TODAY).unwrap()
}

/// A detainer received by the Alameda sheriff, as a request file says it.
fn detainer() -> (Request, crate::respond::Decision) {
    let text = crate::respond::EXAMPLE
        .replace("kind: administrative_subpoena", "kind: detainer")
        .replace("form: \"Administrative subpoena\"", "form: I-247A")
        .replace("[release_date, home_address]", "[release_date, hold]");
    let path = Path::new("request.yaml");
    let req = crate::respond::parse_request(path, &text, today()).unwrap();
    let decision = crate::respond::classify(&req, path).unwrap();
    (req, decision)
}

fn alameda(project: &Project) -> Jurisdiction {
    project
        .resolved
        .iter()
        .find(|(id, _)| id == "us/ca/alameda")
        .and_then(|(_, r)| r.as_ref().ok())
        .cloned()
        .unwrap()
}

fn given(value: &str) -> GivenFact {
    GivenFact {
        value: value.into(),
        source: "https://www.alamedacountysheriff.org/contact".into(),
        verified: today(),
    }
}

#[test]
fn the_alameda_sheriffs_detainer_answer_needs_five_unknown_facts() {
    let copy = shipped_copy();
    let project = Project::load(&copy.root(), None);
    let j = alameda(&project);
    let (req, decision) = detainer();
    let needed =
        crate::respond::unknown_facts_needed(&project, &j, &req, &decision, &j.languages, today())
            .unwrap();
    let mut sorted = needed.clone();
    sorted.sort();
    assert_eq!(sorted, ALAMEDA_DETAINER);
    // The config's own order: the file's, as `check` lists them.
    let order: Vec<&String> = j
        .unknown
        .iter()
        .map(|u| &u.path)
        .filter(|p| needed.contains(p))
        .collect();
    assert_eq!(order, needed.iter().collect::<Vec<_>>());
}

#[test]
fn apply_lets_the_answer_be_sent_once_every_needed_fact_is_given() {
    let copy = shipped_copy();
    let project = Project::load(&copy.root(), None);
    let j = alameda(&project);
    let (req, decision) = detainer();
    let send = |j: &Jurisdiction| {
        crate::respond::respond(
            &project,
            j,
            &req,
            decision.clone(),
            &j.languages,
            today(),
            Mode::Send,
        )
    };
    assert!(
        send(&j).is_err(),
        "with the facts unknown it is only a draft"
    );
    let mut facts: BTreeMap<String, GivenFact> = ALAMEDA_DETAINER
        .iter()
        .map(|p| ((*p).to_string(), given("(510) 272-6878")))
        .collect();
    // One fact short: still refused.
    facts.remove("legal_services[0].phone");
    assert!(send(&apply(&j, &facts)).is_err());
    facts.insert("legal_services[0].phone".into(), given("(510) 437-1554"));
    // A fact the config knows is not replaced.
    facts.insert("agencies.probation.head".into(), given("Someone Else"));
    let applied = apply(&j, &facts);
    assert_eq!(
        applied.agencies[&crate::config::Role::Probation].head,
        j.agencies[&crate::config::Role::Probation].head
    );
    let Ok(Outcome::Written(files, _, notes)) = send(&applied) else {
        panic!("with every needed fact given the answer is sent");
    };
    assert!(notes.is_empty());
    let letter = files
        .iter()
        .find(|f| f.path == "en/letter-detainer.md")
        .unwrap();
    let text = String::from_utf8_lossy(&letter.bytes);
    assert!(text.contains("(510) 272-6878"), "{text}");
    // The jurisdiction itself is untouched.
    assert_eq!(j.unknown.len(), alameda(&project).unknown.len());
}

/// A desk over a copy of the shipped tree (in a folder named `jurisdictions`, as a
/// person's is), with one interview at the facts step: a detainer the Alameda sheriff got.
struct Desk {
    _copy: ShippedCopy,
    root: PathBuf,
    app: Arc<App>,
    id: String,
}

fn desk() -> Desk {
    let copy = shipped_copy();
    let root = copy.root();
    let tree = TreePaths {
        root: root.clone(),
        templates: None,
    };
    let app = Arc::new(App::new(
        tree,
        root.with_file_name("register.sqlite"),
        8080,
        Some(today()),
        ("token".into(), "csrf".into()),
    ));
    let answers: BTreeMap<String, Vec<String>> = [
        ("signed_by_judge", vec!["no"]),
        ("form", vec!["I-247A"]),
        ("requested", vec!["release_date", "hold"]),
        ("received", vec!["2026-11-20"]),
        ("delivered", vec!["email"]),
        ("office", vec!["ICE ERO San Francisco"]),
        ("officer", vec!["Officer J. Doe"]),
        ("subject_name", vec!["Jane Roe"]),
        ("signer_name", vec!["Pat Example"]),
        ("signer_title", vec!["County Counsel"]),
        ("reply_by", vec!["email"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
    .collect();
    let id = "a".repeat(64);
    app.interviews().insert(
        id.clone(),
        Interview {
            jurisdiction: Some("us/ca/alameda".into()),
            received_by: Some("sheriff".into()),
            answers,
            ..Interview::default()
        },
    );
    Desk {
        _copy: copy,
        root,
        app,
        id,
    }
}

fn headers(lang: &str) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert(
        header::COOKIE,
        format!("{}={lang}", page::LANG_COOKIE).parse().unwrap(),
    );
    h
}

fn run<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

/// The status, the `Location` (for a redirect) and the page.
fn read(r: Response) -> (StatusCode, String, String) {
    let status = r.status();
    let location = r
        .headers()
        .get(header::LOCATION)
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = run(to_bytes(r.into_body(), usize::MAX)).unwrap();
    (status, location, String::from_utf8(body.to_vec()).unwrap())
}

impl Desk {
    fn get(&self, confirm: bool, lang: &str) -> (StatusCode, String, String) {
        let (app, id) = (Arc::clone(&self.app), self.id.clone());
        read(run(async move {
            if confirm {
                super::confirm(State(app), UrlPath(id), headers(lang)).await
            } else {
                show(State(app), UrlPath(id), headers(lang)).await
            }
        }))
    }

    fn post(&self, confirm: bool, fields: &[(&str, &str)]) -> (StatusCode, String, String) {
        let (app, id) = (Arc::clone(&self.app), self.id.clone());
        let fields: Vec<(String, String)> = fields
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect();
        read(run(async move {
            if confirm {
                decide(State(app), UrlPath(id), headers("en"), Form(fields)).await
            } else {
                take(State(app), UrlPath(id), headers("en"), Form(fields)).await
            }
        }))
    }

    fn alameda_file(&self) -> PathBuf {
        self.root.join("us/ca/alameda/jurisdiction.yaml")
    }
}

/// Every needed fact given, with a value holding what YAML would read as syntax.
const TRICKY: &str = r#"(510) 272-6878: ext. #2 "desk" 'a'"#;

fn every_fact(write_back: bool) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = ALAMEDA_DETAINER
        .iter()
        .flat_map(|p| {
            [
                (format!("fact.{p}"), TRICKY.to_string()),
                (
                    format!("source.{p}"),
                    "https://acgov.org/#contact: \"x\"".to_string(),
                ),
            ]
        })
        .collect();
    if write_back {
        out.push(("write_back".into(), "yes".into()));
    }
    out
}

fn pairs(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(k, s)| (k.as_str(), s.as_str())).collect()
}

#[test]
fn the_facts_page_asks_for_each_needed_fact_with_its_source_and_where_it_is_declared() {
    let desk = desk();
    let (status, _, html) = desk.get(false, "en");
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains(r#"<label for="f-fact-agencies-sheriff-phone">Phone of Alameda County Sheriff&#x27;s Office</label>"#), "{html}");
    assert!(html.contains(r#"name="source.agencies.sheriff.phone""#));
    assert!(html.contains("agencies.sheriff.phone: declared unknown at jurisdictions/us/ca/alameda/jurisdiction.yaml, line 15."), "{html}");
    assert!(
        html.contains(r#"id="f-fact-legal_services-0--phone""#),
        "{html}"
    );
    assert_eq!(html.matches(r#"<input type="text""#).count(), 10);
    assert!(html.contains(r#"name="write_back" value="yes""#));
    assert_eq!(html.matches("<h1>").count(), 1);
    let (_, _, es) = desk.get(false, "es");
    assert!(
        es.contains("Oficina del Sheriff del Condado de Alameda: teléfono"),
        "{es}"
    );
    assert!(es.contains(
        "declarado como desconocido en jurisdictions/us/ca/alameda/jurisdiction.yaml, línea 15"
    ));
}

#[test]
fn a_fact_without_its_source_is_an_error_on_the_source_field_and_values_are_kept() {
    let desk = desk();
    let (status, _, html) = desk.post(
        false,
        &[
            ("fact.agencies.sheriff.phone", "(510) 272-6878"),
            ("source.agencies.sheriff.address", "https://acgov.org"),
            ("fact.agencies.sheriff.address", "unknown"),
        ],
    );
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains(r#"role="alert""#));
    assert!(
        html.contains(
            r##"<a href="#f-source-agencies-sheriff-phone">Say where you read this fact"##
        ),
        "{html}"
    );
    assert!(html.contains(r#"id="f-source-agencies-sheriff-phone" name="source.agencies.sheriff.phone" value="" aria-invalid="true""#), "{html}");
    assert!(html.contains(r#"aria-describedby="f-source-agencies-sheriff-phone-hint f-source-agencies-sheriff-phone-error""#));
    assert!(
        html.contains(r#"value="(510) 272-6878""#),
        "the value typed is kept"
    );
    assert!(html.contains(r#"<p class="field-error" id="f-fact-agencies-sheriff-address-error">To leave the fact unknown"#), "{html}");
    assert!(
        desk.app.interviews()[&desk.id].facts.is_empty(),
        "nothing taken"
    );
}

#[test]
fn facts_given_without_write_back_are_kept_for_the_answer_only() {
    let desk = desk();
    let before = std::fs::read(desk.alameda_file()).unwrap();
    let (status, to, _) = desk.post(false, &pairs(&every_fact(false)));
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(to, format!("/interview/{}/preview", desk.id));
    let facts = desk.app.interviews()[&desk.id].facts.clone();
    assert_eq!(facts.len(), 5);
    assert_eq!(facts["agencies.sheriff.phone"].value, TRICKY);
    assert_eq!(std::fs::read(desk.alameda_file()).unwrap(), before);
    // With every needed fact given for this answer, the step is passed by.
    let j = apply(&alameda(&desk.app.project()), &facts);
    assert!(j.unknown.iter().all(|u| !facts.contains_key(&u.path)));
}

#[test]
fn write_back_shows_the_diff_then_writes_the_sourced_facts_and_reloads() {
    let desk = desk();
    let old = std::fs::read_to_string(desk.alameda_file()).unwrap();
    let (status, to, _) = desk.post(false, &pairs(&every_fact(true)));
    assert_eq!(
        (status, to.as_str()),
        (
            StatusCode::SEE_OTHER,
            format!("/interview/{}/facts/confirm", desk.id).as_str()
        )
    );
    let (status, _, html) = desk.get(true, "en");
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains(r#"<pre class="diff">"#));
    assert!(
        html.contains(r#"<span class="removed">-    phone: unknown</span>"#),
        "{html}"
    );
    assert!(html.contains(r#"<span class="added">+    phone: {value: &quot;(510) 272-6878: ext. #2 \&quot;desk\&quot; &#x27;a&#x27;&quot;"#), "{html}");
    assert!(
        html.contains(r#"name="action" value="write""#)
            && html.contains(r#"name="action" value="skip""#)
    );
    assert_eq!(
        std::fs::read_to_string(desk.alameda_file()).unwrap(),
        old,
        "nothing written yet"
    );
    let plan = html
        .split(r#"name="plan" value=""#)
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let (status, to, _) = desk.post(true, &[("action", "write"), ("plan", &plan)]);
    assert_eq!(
        (status, to),
        (
            StatusCode::SEE_OTHER,
            format!("/interview/{}/preview", desk.id)
        )
    );
    let new = std::fs::read_to_string(desk.alameda_file()).unwrap();
    assert_eq!(new.lines().count(), old.lines().count());
    assert_eq!(new.lines().filter(|l| l.contains("{value: ")).count(), 5);
    assert!(
        new.contains("# The phone comes from an older page"),
        "comments kept"
    );
    // Reloaded: the facts are known, with their source and today's date.
    let j = alameda(&desk.app.project());
    assert!(j
        .unknown
        .iter()
        .all(|u| !ALAMEDA_DETAINER.contains(&u.path.as_str())));
    assert_eq!(
        j.agencies[&crate::config::Role::Sheriff].phone,
        Some(Fact::Known {
            value: Localized::Same(Text(TRICKY.into())),
            source: Some(Text("https://acgov.org/#contact: \"x\"".into())),
            verified: Some(today()),
        })
    );
}

#[test]
fn a_config_changed_after_the_diff_was_shown_is_not_written() {
    let desk = desk();
    desk.post(false, &pairs(&every_fact(true)));
    let (_, _, html) = desk.get(true, "en");
    let plan = html
        .split(r#"name="plan" value=""#)
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    // Someone fills the sheriff's phone by hand meanwhile.
    let file = desk.alameda_file();
    let edited = std::fs::read_to_string(&file).unwrap().replacen(
        "    phone: unknown",
        "    phone: (510) 000-0000",
        1,
    );
    std::fs::write(&file, &edited).unwrap();
    let (status, _, html) = desk.post(true, &[("action", "write"), ("plan", &plan)]);
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        html.contains("was changed after the desk loaded it"),
        "{html}"
    );
    assert!(html.contains(r#"role="alert""#));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        edited,
        "nothing written"
    );
    // Skipping goes on to the preview, the facts kept for this answer.
    let (status, to, _) = desk.post(true, &[("action", "skip")]);
    assert_eq!(
        (status, to),
        (
            StatusCode::SEE_OTHER,
            format!("/interview/{}/preview", desk.id)
        )
    );
    assert_eq!(desk.app.interviews()[&desk.id].facts.len(), 5);
}

#[test]
fn an_unknown_interview_is_not_found() {
    let desk = desk();
    let app = Arc::clone(&desk.app);
    let (status, _, html) = read(run(show(
        State(app),
        UrlPath("b".repeat(64)),
        headers("en"),
    )));
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Page not found"));
}
