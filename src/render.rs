//! Rendering: a resolved jurisdiction becomes the data templates see (its context), and a
//! template rendered with that context becomes a [`Document`] — titled, with the authorities
//! it cited listed at its end and the model-language notice attached.

use crate::authorities::Registry;
use crate::config::values::{Fact, Localized, UNKNOWN};
use crate::config::{Jurisdiction, Record, Role};
use crate::diagnostic::Diagnostic;
use crate::document::{parse_markdown, Block, Document, Inline, Lang, List};
use crate::i18n::{self, t, Text};
use crate::templates::{fill_in, TemplateSet};
use serde_json::{json, Map, Value};

/// The facts of one incoming request as templates see them. In a kit every field is a fill-in;
/// `respond` fills them from a real request.
pub type RequestContext = Value;

/// Field labels of a request, for the kit's fill-ins.
const REQUEST_FIELDS: &[(&str, &str, &str)] = &[
    ("date", "Date", "Fecha"),
    ("received", "Date received", "Fecha de recepción"),
    ("office", "Issuing office", "Oficina que la emitió"),
    (
        "officer",
        "Name of the requesting officer",
        "Nombre del agente solicitante",
    ),
    ("form", "Form number", "Número de formulario"),
    ("return_date", "Return date", "Fecha de respuesta exigida"),
    ("release_date", "Date of release", "Fecha de liberación"),
    ("release_time", "Time of release", "Hora de liberación"),
    ("release_place", "Place of release", "Lugar de liberación"),
    (
        "attorney",
        "Name of the person's attorney",
        "Nombre del abogado de la persona",
    ),
    (
        "family_contact",
        "Designated family member",
        "Familiar designado",
    ),
    ("guardian", "Parent or guardian", "Madre, padre o tutor"),
];

const SUBJECT_FIELDS: &[(&str, &str, &str)] = &[
    ("name", "Name of the person", "Nombre de la persona"),
    ("dob", "Date of birth", "Fecha de nacimiento"),
    (
        "booking",
        "Booking or case number",
        "Número de registro o de causa",
    ),
];

/// The request context of a kit: every fact a fill-in.
pub fn kit_request(lang: Lang) -> RequestContext {
    let label = |(_, en, es): &(&str, &str, &str)| fill_in(if lang == Lang::En { en } else { es });
    let mut request: Map<String, Value> = REQUEST_FIELDS
        .iter()
        .map(|f| (f.0.to_string(), json!(label(f))))
        .collect();
    let subject: Map<String, Value> = SUBJECT_FIELDS
        .iter()
        .map(|f| (f.0.to_string(), json!(label(f))))
        .collect();
    request.insert("subject".into(), Value::Object(subject));
    let items = if lang == Lang::En {
        "Information or action requested"
    } else {
        "Información o actuación solicitada"
    };
    request.insert("items".into(), json!([fill_in(items)]));
    request.insert("juvenile".into(), json!(false));
    request.insert("filled".into(), json!(false));
    Value::Object(request)
}

fn role_label(role: Role, lang: Lang) -> &'static str {
    match (role, lang) {
        (Role::Sheriff, Lang::En) => "Sheriff",
        (Role::Sheriff, Lang::Es) => "la Oficina del Sheriff",
        (Role::Probation, Lang::En) => "Probation Department",
        (Role::Probation, Lang::Es) => "el Departamento de Libertad Condicional",
        (Role::Corrections, Lang::En) => "Department of Corrections",
        (Role::Corrections, Lang::Es) => "el Departamento Correccional",
        (Role::ParoleBoard, Lang::En) => "Parole Board",
        (Role::ParoleBoard, Lang::Es) => "la Junta de Libertad Condicional",
        (Role::JuvenileFacilities, Lang::En) => "Juvenile Facility",
        (Role::JuvenileFacilities, Lang::Es) => "el centro de menores",
        (Role::PublicDefender, Lang::En) => "Public Defender",
        (Role::PublicDefender, Lang::Es) => "la Defensoría Pública",
        (Role::CountyCounsel, Lang::En) => "County Counsel",
        (Role::CountyCounsel, Lang::Es) => "la Asesoría Jurídica del Condado",
        (Role::AttorneyGeneral, Lang::En) => "Attorney General",
        (Role::AttorneyGeneral, Lang::Es) => "la Fiscalía General",
    }
}

fn field_label(field: &str, lang: Lang) -> &'static str {
    match (field, lang) {
        ("head", Lang::En) => "name of the head",
        ("head", Lang::Es) => "nombre del titular",
        ("address", Lang::En) => "address",
        ("address", Lang::Es) => "dirección",
        ("phone", Lang::En) => "phone",
        ("phone", Lang::Es) => "teléfono",
        ("email", Lang::En) => "email",
        ("email", Lang::Es) => "correo electrónico",
        ("website", Lang::En) => "website",
        ("website", Lang::Es) => "sitio web",
        ("hours", Lang::En) => "hours",
        ("hours", Lang::Es) => "horario",
        (_, Lang::En) => "name",
        (_, Lang::Es) => "nombre",
    }
}

/// "[Public Defender's phone]" / "[teléfono de la Defensoría Pública]".
fn fact_label(owner: &str, field: &str, lang: Lang) -> String {
    let field = field_label(field, lang);
    match lang {
        // "Corrections' name", not "Corrections's name".
        Lang::En if owner.ends_with('s') => format!("{owner}' {field}"),
        Lang::En => format!("{owner}'s {field}"),
        Lang::Es => capitalize(&match owner.strip_prefix("el ") {
            Some(rest) => format!("{field} del {rest}"),
            None => format!("{field} de {owner}"),
        }),
    }
}

/// Fill-in labels start with a capital, like the request's ("[Nombre de la persona]").
fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn localized(value: &Localized, lang: Lang) -> Value {
    value.get(lang).map_or(Value::Null, |s| json!(s))
}

fn fact(value: &Option<Fact>, owner: &str, field: &str, lang: Lang) -> Value {
    match value {
        None => Value::Null,
        Some(Fact::Unknown) => json!(fill_in(&fact_label(owner, field, lang))),
        Some(Fact::Known { value, .. }) => localized(value, lang),
    }
}

fn record(r: &Record, owner: &str, lang: Lang) -> Value {
    let name = match r.name.get(lang) {
        Some(UNKNOWN) => json!(fill_in(&fact_label(owner, "name", lang))),
        _ => localized(&r.name, lang),
    };
    json!({
        "name": name,
        "head": fact(&r.head, owner, "head", lang),
        "head_title": r.head_title.as_ref().map_or(Value::Null, |v| localized(v, lang)),
        "address": fact(&r.address, owner, "address", lang),
        "phone": fact(&r.phone, owner, "phone", lang),
        "email": fact(&r.email, owner, "email", lang),
        "website": fact(&r.website, owner, "website", lang),
        "hours": fact(&r.hours, owner, "hours", lang),
        "serves": r.serves.as_ref().map_or(Value::Null, |v| localized(v, lang)),
    })
}

/// Everything a template of `j` sees, in `lang`.
pub fn context(j: &Jurisdiction, lang: Lang, doc: &str, request: RequestContext) -> Value {
    let agencies: Map<String, Value> = j
        .agencies
        .iter()
        .map(|(role, r)| {
            (
                role.key().to_string(),
                record(r, role_label(*role, lang), lang),
            )
        })
        .collect();
    // A contact's fill-ins are labelled with its name, or what it is when the name is unknown.
    let contacts = |list: &[Record], (en, es): (&str, &str)| -> Value {
        list.iter()
            .map(|r| {
                let owner = match r.name.get(lang) {
                    Some(name) if name != UNKNOWN => name,
                    _ if lang == Lang::En => en,
                    _ => es,
                };
                record(r, owner, lang)
            })
            .collect()
    };
    let signer_label = if lang == Lang::En {
        "Signatory"
    } else {
        "la persona firmante"
    };
    let law: Map<String, Value> = j
        .law
        .iter()
        .map(|(p, keys)| (p.key(), json!(keys)))
        .collect();
    json!({
        "lang": lang.code(),
        "document": doc,
        "jurisdiction": {
            "id": j.id,
            "kind": j.kind,
            "name": localized(&j.name, lang),
            "state": j.state_name.as_ref().map_or(Value::Null, |n| localized(n, lang)),
        },
        "agency": agencies.get(j.letterhead.key()).cloned().unwrap_or(Value::Null),
        "agencies": agencies,
        "signatory": {
            "name": fact(&Some(j.signatory.name.clone()), signer_label, "name", lang),
            "title": localized(&j.signatory.title, lang),
            "agency": agencies.get(j.signatory.agency.key()).cloned().unwrap_or(Value::Null),
        },
        "rapid_response": contacts(&j.rapid_response, ("Rapid response network", "la red de respuesta rápida")),
        "legal_services": contacts(
            &j.legal_services,
            ("Legal service provider", "el proveedor de servicios legales"),
        ),
        "rights_card": record(&j.rights_card, if lang == Lang::En { "Rights card" } else { "la tarjeta de derechos" }, lang),
        "law": law,
        "request": request,
    })
}

/// Renders document `doc` in `lang` from a prepared context.
pub fn render_document(
    set: &TemplateSet,
    registry: &Registry,
    doc: &str,
    lang: Lang,
    context: &Value,
) -> Result<Document, Diagnostic> {
    let markdown = set.render(doc, lang, context)?;
    let parsed = parse_markdown(&markdown);
    let title = match parsed.blocks.first() {
        Some(Block::Title(t)) => Inline::plain_text(t),
        _ => {
            let name = format!("{doc}/{lang}");
            let file = set
                .sources
                .get(&name)
                .map(|s| s.origin.display_path(&name))
                .unwrap_or_default();
            return Err(Diagnostic::error("document has no title")
                .in_file(file)
                .at(1, None)
                .with_hint("start the template with a `# Title` line"));
        }
    };
    let mut blocks = parsed.blocks;
    if !parsed.cited.is_empty() {
        blocks.push(Block::Heading {
            level: 1,
            content: vec![Inline::Text(t(lang, Text::AuthoritiesCited).into())],
        });
        let items = parsed
            .cited
            .iter()
            .filter_map(|key| registry.get(key))
            .map(|a| {
                vec![Block::Paragraph(vec![
                    Inline::Text(format!(
                        "{} — {} ",
                        a.citation.full.as_str(),
                        a.summary.get(lang).unwrap_or_default()
                    )),
                    Inline::Text(format!("{}: ", t(lang, Text::Source))),
                    Inline::Link {
                        url: a.url.0.clone(),
                        content: vec![Inline::Text(a.url.0.clone())],
                    },
                    Inline::Text(format!(
                        " ({} {}).",
                        t(lang, Text::Verified),
                        i18n::long_date(lang, a.verified.0)
                    )),
                ])]
            })
            .collect();
        blocks.push(Block::List(List { start: None, items }));
    }
    Ok(Document {
        title,
        lang,
        blocks,
        notice: t(lang, Text::ModelLanguageNotice).to_string(),
    })
}
