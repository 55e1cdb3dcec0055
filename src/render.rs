//! Rendering: a resolved jurisdiction becomes the data templates see (its context), and a
//! template rendered with that context becomes a [`Document`] — titled, with the authorities
//! it cited listed at its end and the model-language notice attached.

use crate::authorities::{case_name, pinpointed, Authority, Proposition, Registry};
use crate::config::values::{Fact, Localized, UNKNOWN};
use crate::config::{Jurisdiction, Record, Role};
use crate::diagnostic::Diagnostic;
use crate::document::{parse_markdown, Block, Document, Inline, Lang, Layout, List};
use crate::i18n::{self, t, Text};
use crate::templates::{fill_in, TemplateSet};
use serde_json::{json, Map, Value};

/// The facts of one incoming request as templates see them. In a kit every field is a fill-in;
/// `respond` fills them from a real request.
pub type RequestContext = Value;

/// The request fields a kit shows as fill-ins, by their key in the context.
const REQUEST_FIELDS: &[(&str, Text)] = &[
    ("date", Text::RequestDate),
    ("received", Text::RequestReceived),
    ("office", Text::RequestOffice),
    ("officer", Text::RequestOfficer),
    ("form", Text::RequestForm),
    ("return_date", Text::RequestReturnDate),
    ("release_date", Text::RequestReleaseDate),
    ("release_time", Text::RequestReleaseTime),
    ("release_place", Text::RequestReleasePlace),
    ("attorney", Text::RequestAttorney),
    ("family_contact", Text::RequestFamilyContact),
    ("guardian", Text::RequestGuardian),
    ("a_number", Text::RequestANumber),
    ("subject_id", Text::RequestSubjectId),
    ("event_number", Text::RequestEventNumber),
    ("document_number", Text::RequestDocumentNumber),
    ("reply_by", Text::RequestReplyBy),
];

const SUBJECT_FIELDS: &[(&str, Text)] = &[
    ("name", Text::RequestSubjectName),
    ("dob", Text::RequestSubjectDob),
    ("booking", Text::RequestSubjectBooking),
];

/// The request context of a kit: every fact a fill-in.
pub fn kit_request(lang: Lang) -> RequestContext {
    let fill_ins = |fields: &[(&str, Text)]| -> Map<String, Value> {
        fields
            .iter()
            .map(|&(key, text)| (key.to_string(), json!(fill_in(t(lang, text)))))
            .collect()
    };
    let mut request = fill_ins(REQUEST_FIELDS);
    request.insert("subject".into(), Value::Object(fill_ins(SUBJECT_FIELDS)));
    request.insert(
        "items".into(),
        json!([fill_in(t(lang, Text::RequestItems))]),
    );
    request.insert("juvenile".into(), json!(false));
    request.insert("filled".into(), json!(false));
    Value::Object(request)
}

/// Whose facts an agency's fill-ins are.
fn owner(role: Role) -> Text {
    match role {
        Role::Sheriff => Text::OwnerSheriff,
        Role::Probation => Text::OwnerProbation,
        Role::Corrections => Text::OwnerCorrections,
        Role::ParoleBoard => Text::OwnerParoleBoard,
        Role::JuvenileFacilities => Text::OwnerJuvenileFacilities,
        Role::PublicDefender => Text::OwnerPublicDefender,
        Role::CountyCounsel => Text::OwnerCountyCounsel,
        Role::AttorneyGeneral => Text::OwnerAttorneyGeneral,
    }
}

fn localized(value: &Localized, lang: Lang) -> Value {
    value.get(lang).map_or(Value::Null, |s| json!(s))
}

fn fact(value: Option<&Fact>, owner: &str, field: Text, lang: Lang) -> Value {
    match value {
        None => Value::Null,
        Some(Fact::Unknown) => json!(fill_in(&i18n::possessive(lang, owner, field))),
        Some(Fact::Known { value, .. }) => localized(value, lang),
    }
}

/// A record as templates see it. `name_field` labels its name's fill-in: an agency's is the
/// name of its office ("[Sheriff's office name]", not a person's), a network's its name.
fn record(r: &Record, owner: &str, name_field: Text, lang: Lang) -> Value {
    let name = match r.name.get(lang) {
        Some(UNKNOWN) => json!(fill_in(&i18n::possessive(lang, owner, name_field))),
        _ => localized(&r.name, lang),
    };
    json!({
        "name": name,
        "head": fact(r.head.as_ref(), owner, Text::FieldHead, lang),
        "head_title": r.head_title.as_ref().map_or(Value::Null, |v| localized(v, lang)),
        "address": fact(r.address.as_ref(), owner, Text::FieldAddress, lang),
        "phone": fact(r.phone.as_ref(), owner, Text::FieldPhone, lang),
        "email": fact(r.email.as_ref(), owner, Text::FieldEmail, lang),
        "website": fact(r.website.as_ref(), owner, Text::FieldWebsite, lang),
        "hours": fact(r.hours.as_ref(), owner, Text::FieldHours, lang),
        "serves": r.serves.as_ref().map_or(Value::Null, |v| localized(v, lang)),
    })
}

/// Everything a template of `j` sees, in `lang`.
pub fn context(
    j: &Jurisdiction,
    registry: &Registry,
    lang: Lang,
    doc: &str,
    request: RequestContext,
) -> Value {
    let agencies: Map<String, Value> = j
        .agencies
        .iter()
        .map(|(role, r)| {
            (
                role.key().to_string(),
                record(r, t(lang, owner(*role)), Text::FieldOffice, lang),
            )
        })
        .collect();
    // A contact's fill-ins are labelled with its name, or what it is when the name is unknown.
    let contacts = |list: &[Record], what: Text| -> Value {
        list.iter()
            .map(|r| {
                let owner = match r.name.get(lang) {
                    Some(name) if name != UNKNOWN => name,
                    _ => t(lang, what),
                };
                record(r, owner, Text::FieldName, lang)
            })
            .collect()
    };
    // Computed once: the proof table and the memo's sections are views of it.
    let chain = chain_propositions(j, registry);
    let law: Map<String, Value> = j
        .law
        .iter()
        .map(|(p, keys)| (p.key(), json!(keys)))
        .collect();
    let mut context = json!({
        "lang": lang.code(),
        "document": doc,
        "jurisdiction": {
            "id": j.id,
            "kind": j.kind,
            "kit": j.kit,
            "name": localized(&j.name, lang),
            "state": j.state_name.as_ref().map_or(Value::Null, |n| localized(n, lang)),
        },
        "agency": agencies.get(j.letterhead.key()).cloned().unwrap_or(Value::Null),
        "agencies": agencies,
        "signatory": {
            "name": fact(Some(&j.signatory.name), t(lang, Text::OwnerSignatory), Text::FieldName, lang),
            "title": localized(&j.signatory.title, lang),
            "agency": agencies.get(j.signatory.agency.key()).cloned().unwrap_or(Value::Null),
        },
        "rapid_response": contacts(&j.rapid_response, Text::OwnerRapidResponse),
        "legal_services": contacts(&j.legal_services, Text::OwnerLegalServices),
        "rights_card": record(&j.rights_card, t(lang, Text::OwnerRightsCard), Text::FieldName, lang),
        "law": law,
        "proofs": proofs(&chain, lang, None),
        "developments": proofs(&chain, lang, Some(crate::config::Provision::Developments)),
        "adverse": proofs(&chain, lang, Some(crate::config::Provision::Adverse)),
    });
    // Moved in: `json!` would serialize a copy of it.
    context["request"] = request;
    context
}

/// The propositions a jurisdiction's documents may state: those of the registry files in its
/// chain of folders (federal, state, its own) and those its `law:` names, by authority; the
/// counsel memo's proof table lists them all.
fn chain_propositions<'r>(
    j: &Jurisdiction,
    registry: &'r Registry,
) -> Vec<(&'r str, &'r Proposition, &'r Authority)> {
    let dirs = j.registry_dirs();
    let named: std::collections::BTreeSet<&str> =
        j.law.values().flatten().map(String::as_str).collect();
    // A development about another place (a suit against one city) is not this one's: those
    // about it, an ancestor or (for a state) one of its counties and cities are.
    let concerns_j = |id: &str| {
        id == j.id || j.ancestors.iter().any(|a| a == id) || id.starts_with(&format!("{}/", j.id))
    };
    let mut out: Vec<_> = registry
        .propositions()
        .filter(|(key, _, _, file)| {
            named.contains(key) || file.parent().is_some_and(|d| dirs.iter().any(|c| c == d))
        })
        .filter(|(_, p, _, _)| {
            p.concerns.is_empty() || p.concerns.iter().any(|c| concerns_j(c.as_str()))
        })
        // Law that binds another kind of agency (the state prisons' duties in a county's kit,
        // county law in the prison department's) is not this kit's law.
        .filter(|(_, p, _, _)| j.kit.admits(&p.binds))
        .map(|(key, p, a, _)| (key, p, a))
        .collect();
    out.sort_by(|x, y| (x.1.authority.as_str(), x.0).cmp(&(y.1.authority.as_str(), y.0)));
    out
}

/// One proposition as the counsel memo's proof table shows it.
fn proof(key: &str, p: &Proposition, a: &Authority, lang: Lang) -> Value {
    let source = p.source(a);
    let citation = pinpointed(a, p.pinpoint.as_str());
    // The case name the citation opens with (set in italics) and the rest, for a court decision.
    let (case, after_case) =
        case_name(a, &citation).map_or((None, None), |(n, r)| (Some(n), Some(r)));
    json!({
        "key": key,
        "statement": p.text.get(lang),
        "citation": citation,
        "case_name": case,
        "after_case_name": after_case,
        "quote": p.quote.as_str(),
        "url": source.url.as_str(),
        "official": source.official,
        "read": i18n::long_date(lang, source.read.0),
        "confirmed": i18n::long_date(lang, a.confirmed.0),
        "status": a.status.label(lang),
        "status_note": a.status_note.as_ref().and_then(|n| n.get(lang)),
    })
}

/// Entries of `chain` as the memo lists them: all (the proof table), or those about one
/// subject (its sections on the 2025–26 developments and on adverse authority).
fn proofs(
    chain: &[(&str, &Proposition, &Authority)],
    lang: Lang,
    provision: Option<crate::config::Provision>,
) -> Value {
    chain
        .iter()
        .filter(|(_, p, _)| provision.is_none() || p.provision == provision)
        .map(|(key, p, a)| proof(key, p, a, lang))
        .collect()
}

/// One line of the "authorities cited" list: the full citation, its title, where its text was
/// read and whether that was the official publication.
fn authority_entry(a: &Authority, lang: Lang) -> Vec<Inline> {
    let source = &a.source;
    let (read, caveat) = if source.official {
        (t(lang, Text::OfficialRead), String::new())
    } else {
        (
            t(lang, Text::SecondaryRead),
            format!("; {}", t(lang, Text::SecondaryCaveat)),
        )
    };
    let full = a.citation.full.as_str();
    // A case name is set in italics, as in the documents' text (`case_name`).
    let (name, rest) = case_name(a, full).unwrap_or(("", full));
    let mut entry = Vec::new();
    if !name.is_empty() {
        entry.push(Inline::Emphasis(vec![Inline::Text(name.to_owned())]));
    }
    entry.push(Inline::Text(format!(
        "{rest} — {}. {}: ",
        a.title.get(lang).unwrap_or_default(),
        t(lang, Text::Source)
    )));
    let url = source.url.as_str();
    entry.extend(Inline::link(url, vec![Inline::Text(url.to_string())]));
    entry.push(Inline::Text(format!(
        " ({read} {}{caveat}).",
        i18n::long_date(lang, source.read.0)
    )));
    entry
}

/// Renders document `doc` in `lang` from a prepared context ([`context`], made a
/// `handlebars::Context` once and shared by the documents rendered with it).
pub fn render_document(
    set: &TemplateSet,
    registry: &Registry,
    doc: &str,
    lang: Lang,
    context: &handlebars::Context,
) -> Result<Document, Diagnostic> {
    let markdown = set.render(doc, lang, context)?;
    let parsed = parse_markdown(&markdown);
    let name = format!("{doc}/{lang}");
    let file = || {
        set.sources
            .get(&name)
            .map(|s| s.origin.display_path(&name))
            .unwrap_or_default()
    };
    // Each template was checked for HTML on its own; pieces can still make a tag together.
    if parsed.dropped_html {
        return Err(Diagnostic::error(format!(
            "document `{name}` holds raw HTML once its partials and values are put together, which every format would drop"
        ))
        .in_file(file())
        .with_hint("look for a `<` written just before a partial call or a value, and write it as `\\<`"));
    }
    let title = match parsed.blocks.first() {
        Some(Block::Title(t)) => Inline::plain_text(t),
        _ => {
            return Err(Diagnostic::error("document has no title")
                .in_file(file())
                .at(1, None)
                .with_hint("start the template with a `# Title` line"));
        }
    };
    let mut blocks = parsed.blocks;
    // A letter `respond` writes is the one that is sent: the model-language notice and the
    // authorities' sources belong in the counsel memo that goes with it, not in front of ICE.
    let for_sending = Layout::of_template(doc) == Layout::Letter
        && context.data().pointer("/request/filled") == Some(&Value::Bool(true));
    if !parsed.cited.is_empty() && !for_sending {
        blocks.push(Block::Heading {
            level: 1,
            content: vec![Inline::Text(t(lang, Text::AuthoritiesCited).into())],
        });
        let items = parsed
            .cited
            .iter()
            .filter_map(|key| registry.get(key))
            .map(|a| vec![Block::Paragraph(authority_entry(a, lang))])
            .collect();
        blocks.push(Block::List(List { start: None, items }));
    }
    let notice = if for_sending {
        String::new()
    } else if Layout::of_template(doc) == Layout::Handout {
        // The person released reads the handout; its notice speaks to the agency handing it out.
        t(lang, Text::HandoutNotice).to_string()
    } else {
        t(lang, Text::ModelLanguageNotice).to_string()
    };
    let document = Document::new(title, lang, blocks, notice).with_layout(Layout::of_template(doc));
    Ok(match set.translation(doc, lang) {
        Some(status) => document.with_translation(status),
        None => document,
    })
}
