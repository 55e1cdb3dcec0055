//! A synthetic nation for benchmarks: writes `OUT_DIR/jurisdictions/` with the shipped country
//! layer (`us/jurisdiction.yaml`, `us/authorities.yaml`, `us/propositions.yaml`), 50 synthetic
//! states (`us/s01` … `us/s50`, each with a config and a small registry of its own: a few
//! statutes and a proposition per provision) and 3,143 counties spread over
//! them (or `--counties N`), shaped like real configs: agencies at both levels, rapid-response
//! and legal-service lists of 3–10 entries, county-level `law:` overrides, and about 1% of
//! counties with a `templates/` override of one document.
//!
//! ```sh
//! cargo run --release --example synthetic_nation -- /tmp/nation [--counties 3143]
//! target/release/responsekit check --jurisdictions /tmp/nation/jurisdictions -q
//! ```
//!
//! Every fact is sourced (`source: synthetic benchmark data`) or `unknown`. The output is a
//! function of the arguments alone (a seeded LCG, no clock, no hashing order). It is benchmark
//! data, never part of the shipped `jurisdictions/`.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const STATES: usize = 50;
const COUNTIES: usize = 3_143;
const SOURCE: &str = "synthetic benchmark data";
const VERIFIED: &str = "2026-11-27";
/// Federal propositions of the shipped `us/propositions.yaml` that a state's `law:` cites.
const FEDERAL_DETAINERS: &[&str] = &[
    "detainer-is-request-to-advise-before-release",
    "detainer-hold-limit-48-hours",
];
/// Documents a county may override (their shipped `en` template, with a local paragraph).
const OVERRIDABLE: &[&str] = &[
    "letter-detainer",
    "notice-release-contacts",
    "handout-release-packet",
];

/// A 64-bit LCG (Knuth's MMIX constants): deterministic, no crates.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).expect("a remainder below n fits in usize")
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Ash", "Bel", "Cal", "Dor", "El", "Fair", "Glen", "Har", "Iron", "Jas", "Kel", "Lin", "Mar",
    "New", "Oak", "Pine", "Red", "Sil", "Ter", "Val", "Wil", "York", "Bran", "Cedar", "Clear",
    "Eden", "Frank", "Gran", "Hol", "Lake", "Mill", "North", "Rock", "Stone", "West", "Wood",
];
const SECOND: &[&str] = &[
    "ford", "land", "mont", "ton", "ia", "ora", "ver", "field", "brook", "dale", "wood", "ville",
    "ridge", "haven", "view", "port", "more", "stead", "wick", "burn",
];
const SURNAMES: &[&str] = &[
    "Garcia",
    "Nguyen",
    "Smith",
    "Okafor",
    "Hernandez",
    "Kowalski",
    "Johnson",
    "Rossi",
    "Kim",
    "Martinez",
    "O'Brien",
    "Patel",
    "Lopez",
    "Dubois",
    "Yamamoto",
    "Silva",
    "Brown",
    "Haddad",
];
const GIVEN: &[&str] = &[
    "Maria", "James", "Ana", "Wei", "Fatima", "John", "Lucia", "Omar", "Grace", "Diego", "Ruth",
    "Samuel", "Elena", "Tomás", "Priya", "Michael",
];
const STREETS: &[&str] = &[
    "Main St",
    "Court St",
    "Center Ave",
    "Broadway",
    "Oak Ave",
    "Civic Center Dr",
    "1st St",
    "Market St",
    "Union Ave",
    "Park Blvd",
];
const NETWORKS: &[&str] = &[
    "Rapid Response Network",
    "Immigrant Rights Hotline",
    "Community Defense Line",
    "Family Support Hotline",
    "Faith Coalition Hotline",
];
const PROVIDERS: &[&str] = &[
    "Immigrant Legal Center",
    "Legal Aid Society",
    "Immigration Clinic",
    "Catholic Charities Immigration Services",
    "Justice Project",
    "Law School Immigration Clinic",
];

/// Double-quoted YAML scalar.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn name(rng: &mut Rng, taken: &mut BTreeSet<String>) -> String {
    loop {
        let n = format!("{}{}", rng.pick(FIRST), rng.pick(SECOND));
        if taken.insert(n.clone()) {
            return n;
        }
        // Rare collisions past the syllable space: a two-word name.
        let n = format!("{} {}", n, rng.pick(FIRST));
        if taken.insert(n.clone()) {
            return n;
        }
    }
}

fn slug(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

fn phone(rng: &mut Rng) -> String {
    format!("({}) 555-{:04}", rng.range(201, 989), rng.below(10_000))
}

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(GIVEN), rng.pick(SURNAMES))
}

fn address(rng: &mut Rng, city: &str) -> String {
    format!(
        "{} {}, {city} {:05}",
        rng.range(1, 2999),
        rng.pick(STREETS),
        rng.range(10_000, 99_999)
    )
}

/// A fact: known (sourced by its record) or `unknown`, `known` percent of the time.
fn fact(
    out: &mut String,
    indent: &str,
    key: &str,
    rng: &mut Rng,
    known: usize,
    value: impl FnOnce(&mut Rng) -> String,
) {
    if rng.chance(known) {
        let _ = writeln!(out, "{indent}{key}: {}", q(&value(rng)));
    } else {
        let _ = writeln!(out, "{indent}{key}: unknown");
    }
}

fn source(out: &mut String, indent: &str) {
    let _ = writeln!(out, "{indent}source: {SOURCE}");
    let _ = writeln!(out, "{indent}verified: {VERIFIED}");
}

/// A list of 3–10 contacts (rapid response networks or legal service providers).
fn contacts(out: &mut String, key: &str, rng: &mut Rng, place: &str, kinds: &[&str]) {
    let _ = writeln!(out, "{key}:");
    let n = rng.range(3, 10);
    for i in 0..n {
        let kind = kinds[(i + rng.below(kinds.len())) % kinds.len()];
        if rng.chance(8) {
            let _ = writeln!(out, "  - name: unknown\n    phone: unknown");
            continue;
        }
        let _ = writeln!(out, "  - name:");
        let _ = writeln!(out, "      en: {}", q(&format!("{place} {kind} {}", i + 1)));
        let _ = writeln!(
            out,
            "      es: {}",
            q(&format!("{kind} {} de {place}", i + 1))
        );
        fact(out, "    ", "phone", rng, 85, phone);
        if rng.chance(50) {
            let site = format!("https://{}-{}.example.org", slug(place), i + 1);
            let _ = writeln!(out, "    website: {}", q(&site));
        }
        if rng.chance(40) {
            let a = address(rng, place);
            let _ = writeln!(out, "    address: {}", q(&a));
        }
        if rng.chance(30) {
            // A fact with its own, more recent source.
            let _ = writeln!(out, "    hours:");
            let _ = writeln!(out, "      value:");
            let _ = writeln!(out, "        en: Monday to Friday, 9 a.m. to 5 p.m.");
            let _ = writeln!(out, "        es: de lunes a viernes, de 9:00 a 17:00");
            let _ = writeln!(out, "      source: {SOURCE}");
            let _ = writeln!(out, "      verified: 2026-11-20");
        }
        if rng.chance(60) {
            let _ = writeln!(out, "    serves:");
            let _ = writeln!(out, "      en: {}", q(place));
            let _ = writeln!(out, "      es: {}", q(place));
        }
        source(out, "    ");
    }
}

/// An agency record under `agencies:`.
fn agency(out: &mut String, role: &str, en: &str, es: &str, rng: &mut Rng, place: &str) {
    let _ = writeln!(out, "  {role}:");
    if rng.chance(5) {
        let _ = writeln!(out, "    name: unknown\n    phone: unknown");
        return;
    }
    let _ = writeln!(out, "    name:\n      en: {}\n      es: {}", q(en), q(es));
    fact(out, "    ", "head", rng, 60, person);
    fact(out, "    ", "address", rng, 70, |r| address(r, place));
    fact(out, "    ", "phone", rng, 80, phone);
    if rng.chance(40) {
        let email = format!("info@{}-{role}.example.gov", slug(place)).replace('_', "-");
        let _ = writeln!(out, "    email: {}", q(&email));
    }
    source(out, "    ");
}

struct State {
    dir: String,
    name: String,
}

/// The provisions a state's synthetic law speaks to: one proposition of each in its registry.
const PROVISIONS: &[&str] = &[
    "detainers",
    "release_dates",
    "personal_information",
    "transfers",
    "facility_access",
    "records_access",
    "interviews",
    "status_inquiry",
    "copy_to_person",
    "notify_person_and_counsel",
    "juvenile_records",
    "public_records",
    "decline_and_report",
];

/// A state's registry: `authorities.yaml` (2–3 synthetic statutes) and `propositions.yaml`
/// (one proposition per provision of [`PROVISIONS`], each resting on one of them, keyed
/// `<state>-<provision>` with `-` for `_`).
fn state_registry(id: &str, name: &str, rng: &mut Rng) -> (String, String) {
    let code = id.rsplit('/').next().unwrap_or(id);
    let mut authorities = String::from("# Synthetic benchmark registry: not law.\n");
    let mut statutes = Vec::new();
    for k in 0..rng.range(2, 3) {
        let section = 100 + 10 * k + rng.below(10);
        let key = format!("{code}-stat-{section}");
        let _ = write!(
            authorities,
            "\n{key}:\n  kind: statute\n  citation:\n    short: {short}\n    full: {full}\n  title:\n    en: {title_en}\n    es: {title_es}\n  jurisdiction: {id}\n  source:\n    url: https://example.org/synthetic/{code}/{section}\n    official: false\n    read: {VERIFIED}\n  status: in_force\n  confirmed: {VERIFIED}\n",
            short = q(&format!("{name} Code § {section}")),
            full = q(&format!("{name} Code § {section} (synthetic)")),
            title_en = q(&format!("{name} immigration cooperation limits, part {}", k + 1)),
            title_es = q(&format!("Límites de cooperación migratoria de {name}, parte {}", k + 1)),
        );
        statutes.push(key);
    }
    let mut propositions = String::from("# Synthetic benchmark propositions: not law.\n");
    for provision in PROVISIONS {
        let _ = write!(
            propositions,
            "\n{code}-{key}:\n  authority: {authority}\n  pinpoint: \"(a)\"\n  provision: {provision}\n  binds: [local]\n  text:\n    en: {en}\n    es: {es}\n  quote: {quote}\n",
            key = provision.replace('_', "-"),
            authority = statutes[rng.below(statutes.len())],
            en = q("Synthetic benchmark entry: local agencies may not use their resources to assist civil immigration enforcement."),
            es = q("Entrada sintética de referencia: las agencias locales no pueden destinar sus recursos a la aplicación civil de las leyes de inmigración."),
            quote = q("may not use their resources to assist civil immigration enforcement"),
        );
    }
    (authorities, propositions)
}

fn state_config(state: &State, rng: &mut Rng) -> String {
    let name = &state.name;
    let mut out = format!(
        "# Synthetic benchmark state (not a real jurisdiction).\nkind: state\nname:\n  en: {}\n  es: {}\nagencies:\n",
        q(name),
        q(name)
    );
    let _ = writeln!(
        out,
        "  sheriff:\n    name: unknown\n    address: unknown\n    phone: unknown"
    );
    agency(
        &mut out,
        "corrections",
        &format!("{name} Department of Corrections"),
        &format!("Departamento Correccional de {name}"),
        rng,
        name,
    );
    agency(
        &mut out,
        "attorney_general",
        &format!("{name} Office of the Attorney General"),
        &format!("Fiscalía General de {name}"),
        rng,
        name,
    );
    if rng.chance(50) {
        agency(
            &mut out,
            "parole_board",
            &format!("{name} Parole Board"),
            &format!("Junta de Libertad Condicional de {name}"),
            rng,
            name,
        );
    }
    let _ = writeln!(
        out,
        "  public_defender:\n    name:\n      en: the county public defender\n      es: la defensoría pública del condado\n    phone: unknown\n    source: {SOURCE}\n    verified: {VERIFIED}"
    );
    let _ = writeln!(out, "  county_counsel:\n    name: unknown");
    contacts(&mut out, "rapid_response", rng, name, NETWORKS);
    contacts(&mut out, "legal_services", rng, name, PROVIDERS);
    let _ = writeln!(
        out,
        "signatory:\n  name: unknown\n  title:\n    en: County Counsel\n    es: Asesor Jurídico del Condado\n  agency: county_counsel\nletterhead:\n  agency: sheriff"
    );
    // Law: most states cite their own propositions for some provisions; a few rely on federal
    // law only.
    let code = &state.dir;
    if !rng.chance(15) {
        let _ = writeln!(out, "law:");
        let _ = writeln!(
            out,
            "  detainers: [{code}-detainers, {}]",
            FEDERAL_DETAINERS.join(", ")
        );
        for p in &PROVISIONS[1..] {
            if rng.chance(45) {
                let extra = if *p == "status_inquiry" && rng.chance(50) {
                    ", usc-1373a-status-information"
                } else {
                    ""
                };
                let _ = writeln!(out, "  {p}: [{code}-{}{extra}]", p.replace('_', "-"));
            }
        }
        if rng.chance(30) {
            let _ = writeln!(
                out,
                "  subpoenas: [subpoena-power-immigration-officers, subpoena-who-may-issue]"
            );
        }
    }
    out
}

fn county_config(state: &State, county: &str, rng: &mut Rng) -> String {
    let en = format!("{county} County");
    let es = format!("Condado de {county}");
    let mut out = format!(
        "# Synthetic benchmark county (not a real jurisdiction).\nkind: county\nname:\n  en: {}\n  es: {}\nagencies:\n",
        q(&en),
        q(&es)
    );
    agency(
        &mut out,
        "sheriff",
        &format!("{en} Sheriff's Office"),
        &format!("Oficina del Sheriff del {es}"),
        rng,
        county,
    );
    if rng.chance(60) {
        agency(
            &mut out,
            "probation",
            &format!("{en} Probation Department"),
            &format!("Departamento de Libertad Condicional del {es}"),
            rng,
            county,
        );
    }
    if rng.chance(25) {
        agency(
            &mut out,
            "juvenile_facilities",
            &format!("{en} Juvenile Hall"),
            &format!("Centro de Menores del {es}"),
            rng,
            county,
        );
    }
    agency(
        &mut out,
        "public_defender",
        &format!("{en} Public Defender"),
        &format!("Defensoría Pública del {es}"),
        rng,
        county,
    );
    agency(
        &mut out,
        "county_counsel",
        &format!("Office of the County Counsel, {en}"),
        &format!("Oficina del Asesor Jurídico del {es}"),
        rng,
        county,
    );
    contacts(&mut out, "rapid_response", rng, &en, NETWORKS);
    contacts(&mut out, "legal_services", rng, &en, PROVIDERS);
    if rng.chance(30) {
        let _ = writeln!(
            out,
            "signatory:\n  name: {}\n  title:\n    en: County Counsel\n    es: Asesor Jurídico del Condado\n  agency: county_counsel\n  source: {SOURCE}\n  verified: {VERIFIED}",
            q(&person(rng))
        );
    }
    // A county override of one provision (a local ordinance would go here).
    if rng.chance(10) {
        let _ = writeln!(
            out,
            "law:\n  facility_access: [{}-facility-access]",
            state.dir
        );
    }
    out
}

/// The shipped template of `doc` in English, with a county's own paragraph after the title.
fn template_override(repo: &Path, doc: &str, county: &str) -> std::io::Result<String> {
    let shipped = fs::read_to_string(repo.join("templates").join(doc).join("en.md.hbs"))?;
    let (title, rest) = shipped.split_once('\n').unwrap_or((&shipped, ""));
    Ok(format!(
        "{title}\n\n*{county} County version, adopted by the Board of Supervisors (synthetic).*\n{rest}"
    ))
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::write(path, text)
}

fn run(out: &Path, counties: usize) -> std::io::Result<(usize, usize)> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = out.join("jurisdictions");
    if root.exists() {
        fs::remove_dir_all(&root)?;
    }
    let us = root.join("us");
    for file in ["jurisdiction.yaml", "authorities.yaml", "propositions.yaml"] {
        let text = fs::read_to_string(repo.join("jurisdictions/us").join(file))?;
        // Schema comments point into the repository; drop them.
        let text: String = text
            .lines()
            .filter(|l| !l.starts_with("# yaml-language-server"))
            .map(|l| format!("{l}\n"))
            .collect();
        write(&us.join(file), &text)?;
    }
    let mut rng = Rng(0x5EED_2026_1127);
    let mut taken = BTreeSet::new();
    let states: Vec<State> = (1..=STATES)
        .map(|i| State {
            dir: format!("s{i:02}"),
            name: name(&mut rng, &mut taken),
        })
        .collect();
    // Uneven sizes, like real states (a few with hundreds of counties, some with a handful).
    let weights: Vec<usize> = (0..STATES)
        .map(|_| {
            let w = rng.range(1, 100);
            w * w / 10 + 1
        })
        .collect();
    let total: usize = weights.iter().sum();
    let mut sizes: Vec<usize> = weights.iter().map(|w| counties * w / total).collect();
    let mut left = counties - sizes.iter().sum::<usize>();
    let mut i = 0;
    while left > 0 {
        sizes[i % STATES] += 1;
        left -= 1;
        i += 1;
    }
    let mut overrides = 0;
    let mut written = 0;
    for (state, size) in states.into_iter().zip(sizes) {
        let id = format!("us/{}", state.dir);
        let dir = us.join(&state.dir);
        let (authorities, propositions) = state_registry(&id, &state.name, &mut rng);
        write(&dir.join("authorities.yaml"), &authorities)?;
        write(&dir.join("propositions.yaml"), &propositions)?;
        write(
            &dir.join("jurisdiction.yaml"),
            &state_config(&state, &mut rng),
        )?;
        let mut names = BTreeSet::new();
        for _ in 0..size {
            let county = name(&mut rng, &mut names);
            let cdir: PathBuf = dir.join(slug(&county));
            write(
                &cdir.join("jurisdiction.yaml"),
                &county_config(&state, &county, &mut rng),
            )?;
            written += 1;
            if rng.below(100) == 0 {
                let doc = rng.pick(OVERRIDABLE);
                let text = template_override(repo, doc, &county)?;
                write(&cdir.join("templates").join(doc).join("en.md.hbs"), &text)?;
                overrides += 1;
            }
        }
    }
    Ok((written, overrides))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut out = None;
    let mut counties = COUNTIES;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--counties" => match it.next().and_then(|n| n.parse().ok()) {
                Some(n) => counties = n,
                None => {
                    eprintln!("--counties takes a number");
                    return ExitCode::from(2);
                }
            },
            other if out.is_none() && !other.starts_with('-') => out = Some(PathBuf::from(other)),
            other => {
                eprintln!("unexpected argument `{other}`");
                return ExitCode::from(2);
            }
        }
    }
    let Some(out) = out else {
        eprintln!("usage: synthetic_nation OUT_DIR [--counties N]");
        return ExitCode::from(2);
    };
    match run(&out, counties) {
        Ok((n, overrides)) => {
            eprintln!(
                "wrote {STATES} states and {n} counties ({overrides} with a template override) under {}",
                out.join("jurisdictions").display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("synthetic_nation: {e}");
            ExitCode::FAILURE
        }
    }
}
