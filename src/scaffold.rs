//! `responsekit new`: writes a new jurisdiction's config under its parent, with every field the
//! parent does not already provide written out as `unknown` (a visible fill-in), so adding a
//! county is filling in blanks, and `check` lists what is left.

use crate::config::raw::{Kind, RawJurisdiction, Role};
use crate::config::values::{Fact, UNKNOWN};
use crate::config::{self, resolve, tree};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::document::Lang;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Creates `<root>/<id>/jurisdiction.yaml`; returns its path.
pub fn new_jurisdiction(root: &Path, id: &str) -> Result<PathBuf, Diagnostic> {
    let (file, text) = config_text(root, id)?;
    crate::build::write_atomic(&file, text.as_bytes())
        .map_err(|e| Diagnostic::error(format!("cannot write ({e})")).in_file(&file))?;
    Ok(file)
}

/// The path and text of a new `<root>/<id>/jurisdiction.yaml`, written nowhere yet.
pub fn config_text(root: &Path, id: &str) -> Result<(PathBuf, String), Diagnostic> {
    tree::check_id(id)?;
    let segments: Vec<&str> = id.split('/').collect();
    // A tree not made yet still has the built-in country layer to be the parent of a state.
    let tree = if root.exists() {
        config::load_tree(root)
    } else {
        tree::load_files(root, &[])
    };
    let parent_id = segments[..segments.len() - 1].join("/");
    let dir = root.join(id);
    let file = dir.join(tree::CONFIG_FILE);
    if file.exists() {
        return Err(Diagnostic::error("a jurisdiction with this id exists already").in_file(&file));
    }
    if let Some(hint) = tree
        .nodes
        .get(id)
        .and_then(|node| config::builtin::override_hint(&node.file))
    {
        return Err(Diagnostic::error(format!(
            "`{id}` needs no config of its own: states are created under it, e.g. `responsekit new {id}/ca`"
        ))
        .with_hint(hint));
    }
    let parent = if parent_id.is_empty() {
        None
    } else {
        let Some(node) = tree.nodes.get(&parent_id) else {
            // Only ids at the parent's depth: a county's parent is a state, not the country.
            let depth = segments.len() - 1;
            let ids = tree
                .nodes
                .keys()
                .map(String::as_str)
                .filter(|k| k.split('/').count() == depth);
            let hint = match did_you_mean(&parent_id, ids) {
                Some(s) => format!("did you mean `{s}/{}`?", segments[segments.len() - 1]),
                None => format!("create the parent first: `responsekit new {parent_id}`"),
            };
            return Err(Diagnostic::error(format!(
                "parent jurisdiction `{parent_id}` does not exist"
            ))
            .with_hint(hint));
        };
        let parent_has_errors = |link: &str| {
            Diagnostic::error(format!("parent `{link}` has errors"))
                .in_file(&node.file)
                .with_hint("run `responsekit check` and fix them first")
        };
        let links = resolve::chain(&tree, &parent_id);
        let mut chain = Vec::new();
        for link in &links {
            let linked = &tree.nodes[link];
            match linked.config.as_ref().and_then(|c| c.parsed.as_ref()) {
                Some(parsed) => chain.push((linked.file.as_path(), parsed)),
                None => return Err(parent_has_errors(link)),
            }
        }
        let raw: RawJurisdiction =
            resolve::merge_chain(&chain).map_err(|(i, _)| parent_has_errors(&links[i]))?;
        Some(raw)
    };
    let kind = kind_below(parent.as_ref());
    let name = name_of(&segments, kind)?;
    let schema = schema_line(root, segments.len());
    let text = scaffold(id, kind, &name, &schema, parent.as_ref());
    Ok((file, text))
}

/// The kind of a jurisdiction created under `parent`.
fn kind_below(parent: Option<&RawJurisdiction>) -> Kind {
    match parent.and_then(|p| p.kind) {
        None => Kind::Country,
        Some(Kind::Country) => Kind::State,
        Some(Kind::State) => Kind::County,
        Some(Kind::County | Kind::City | Kind::Agency) => Kind::City,
    }
}

/// The English and Spanish names of the jurisdiction `segments` of `kind`: the country and a
/// state of it from the table of [`crate::places`] (a code not there is refused, not named
/// after its letters), a county or city from its folder name.
fn name_of(segments: &[&str], kind: Kind) -> Result<(String, String), Diagnostic> {
    let last = segments[segments.len() - 1];
    let short = title_case(last);
    let (country, en, es) = crate::places::COUNTRY;
    match (kind, segments) {
        (Kind::Country, [code]) if *code == country => Ok((en.into(), es.into())),
        (Kind::Country, _) => Err(Diagnostic::error(format!(
            "responsekit knows no name for the country `{last}`"
        ))
        .with_hint(format!(
            "its countries are `{country}` ({en}); write `{last}/jurisdiction.yaml` yourself, with `kind: country` and its `name:` in each language"
        ))),
        (Kind::State, [c, code]) if *c == country => match crate::places::state(code) {
            Some((en, es)) => Ok((en.into(), es.into())),
            None => {
                let hint = match did_you_mean(code, crate::places::state_codes()) {
                    Some(s) => format!("did you mean `{country}/{s}`?"),
                    None => "a state is named by its two-letter postal code, e.g. `us/ca`".into(),
                };
                Err(Diagnostic::error(format!(
                    "`{code}` is not the postal code of a U.S. state or territory"
                ))
                .with_hint(hint))
            }
        },
        (Kind::County, _) => Ok((format!("{short} County"), format!("Condado de {short}"))),
        (Kind::City, _) => Ok((format!("City of {short}"), format!("Ciudad de {short}"))),
        _ => Ok((short.clone(), short)),
    }
}

fn title_case(segment: &str) -> String {
    segment
        .split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// The first line of a new config at depth `depth` below `root`: the editor's pointer to the
/// jurisdiction schema beside the tree (`schema/` next to `root`, as `responsekit schema` and
/// `init` write it) when that file is there, else how to get one — never a path to nothing.
fn schema_line(root: &Path, depth: usize) -> String {
    let schema = crate::schema::JURISDICTION_SCHEMA;
    // Lexically, as the editor resolves it: the new folder does not exist yet.
    let beside = match (root.file_name(), root.parent()) {
        (Some(_), Some(parent)) => parent.join("schema"),
        _ => root.join("..").join("schema"),
    };
    if beside.join(schema).is_file() {
        format!(
            "# yaml-language-server: $schema={}schema/{schema}",
            "../".repeat(depth + 1)
        )
    } else {
        format!(
            "# For completion in an editor, write the schemas beside the tree with `responsekit schema --out {}`.",
            beside.display()
        )
    }
}

fn scaffold(
    id: &str,
    kind: Kind,
    (en, es): &(String, String),
    schema: &str,
    parent: Option<&RawJurisdiction>,
) -> String {
    let short = match kind {
        Kind::Country | Kind::State => en.clone(),
        _ => title_case(id.rsplit('/').next().unwrap_or(id)),
    };
    let mut y = String::new();
    let _ = writeln!(y, "{schema}");
    let _ = writeln!(y, "# {en}: created by `responsekit new`. It inherits everything it leaves out from its parent.");
    let _ = writeln!(
        y,
        "# Replace each `unknown` with the fact, and give its record `source:` (URL or document)"
    );
    let _ = writeln!(
        y,
        "# and `verified:` (YYYY-MM-DD). Until then documents show a highlighted fill-in,"
    );
    let _ = writeln!(
        y,
        "# and `responsekit check` lists it. Never guess a phone number, address or name."
    );
    let _ = writeln!(y, "kind: {}", format!("{kind:?}").to_lowercase());
    let _ = writeln!(y, "name:\n  en: {en}\n  es: {es}");
    if parent.and_then(|p| p.languages.as_ref()).is_none() {
        let _ = writeln!(y, "languages: [en, es]");
    }
    let roles: &[Role] = match kind {
        Kind::County => &[
            Role::Sheriff,
            Role::Probation,
            Role::PublicDefender,
            Role::CountyCounsel,
        ],
        // A state's own kit is written for its county jails (the state prison department,
        // bound by other law, gets a kit of its own: `kit: state_prison`).
        Kind::State => &[Role::Sheriff, Role::PublicDefender, Role::CountyCounsel],
        Kind::Country | Kind::City | Kind::Agency => &[],
    };
    let inherited = |role: &Role| {
        parent
            .and_then(|p| p.agencies.as_ref())
            .is_some_and(|a| a.contains_key(role))
    };
    // Each agency: in full when the parent has none; when it has one, the facts it leaves
    // unknown (a state's placeholder sheriff), so they are this file's blanks to fill.
    let mut agencies = String::new();
    for role in roles {
        let fields: Vec<&str> = match parent
            .and_then(|p| p.agencies.as_ref())
            .and_then(|a| a.get(role))
        {
            None => vec!["name", "phone", "address"],
            Some(record) => unknown_fields(record),
        };
        if !fields.is_empty() {
            let _ = writeln!(agencies, "  {}:", role.key());
            for field in fields {
                let _ = writeln!(agencies, "    {field}: unknown");
            }
        }
    }
    if !agencies.is_empty() {
        if roles.iter().any(inherited) {
            let _ = writeln!(
                y,
                "# Agencies (a fact the parent leaves unknown is written here, to fill in for {short}):"
            );
        }
        let _ = writeln!(y, "agencies:\n{}", agencies.trim_end());
    }
    let has = |f: fn(&RawJurisdiction) -> bool| parent.is_some_and(f);
    // Lists and the signatory are local: written out even when inherited, commented out then.
    let section = |y: &mut String, inherited: bool, body: &str| {
        if inherited {
            let _ = writeln!(
                y,
                "# Inherited from the parent; uncomment to give {short} its own:"
            );
            for line in body.lines() {
                let _ = writeln!(y, "# {line}");
            }
        } else {
            y.push_str(body);
        }
    };
    let contact = "  - name: unknown\n    phone: unknown\n";
    // An inherited list whose every entry has an unknown name is the parent's placeholder:
    // this jurisdiction's own networks and providers are to be filled in, so it is written out.
    let known_list = |list: Option<&Vec<crate::config::raw::RawRecord>>| {
        list.is_some_and(|l| l.iter().any(|r| !unknown_fields(r).contains(&"name")))
    };
    section(
        &mut y,
        parent.is_some_and(|p| known_list(p.rapid_response.as_ref())),
        &format!("rapid_response:\n{contact}"),
    );
    section(
        &mut y,
        parent.is_some_and(|p| known_list(p.legal_services.as_ref())),
        &format!("legal_services:\n{contact}"),
    );
    if !has(|p| p.rights_card.is_some()) {
        y.push_str("rights_card:\n  name: unknown\n  website: unknown\n");
    }
    let signer = match kind {
        Kind::Agency => "  title:\n    en: General Counsel\n    es: Asesoría Jurídica\n  agency: corrections\n",
        _ => "  title:\n    en: County Counsel\n    es: Asesoría Jurídica del Condado\n  agency: county_counsel\n",
    };
    let signer_known = |p: &RawJurisdiction| {
        p.signatory
            .as_ref()
            .is_some_and(|s| !matches!(s.name, None | Some(Fact::Unknown)))
    };
    section(
        &mut y,
        has(signer_known),
        &format!("signatory:\n  name: unknown\n{signer}"),
    );
    let letterhead = if kind == Kind::Agency {
        "corrections"
    } else {
        "sheriff"
    };
    section(
        &mut y,
        has(|p| p.letterhead.is_some()),
        &format!("letterhead:\n  agency: {letterhead}\n"),
    );
    y
}

/// The name, phone and address of `record` it declares `unknown`, in that order.
fn unknown_fields(record: &crate::config::raw::RawRecord) -> Vec<&'static str> {
    let name = record
        .name
        .as_ref()
        .is_some_and(|n| Lang::all().iter().any(|&l| n.get(l) == Some(UNKNOWN)));
    let fact = |f: &Option<Fact>| matches!(f, Some(Fact::Unknown));
    [
        ("name", name),
        ("phone", fact(&record.phone)),
        ("address", fact(&record.address)),
    ]
    .into_iter()
    .filter_map(|(field, unknown)| unknown.then_some(field))
    .collect()
}
