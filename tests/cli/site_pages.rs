//! The website's own pages as a reader finds them: the home page lists each state with its
//! jurisdictions, the search index holds every kit and document page, and a jurisdiction's page
//! groups its documents by who they are for, each linked in every format the build wrote and
//! in no other.

use crate::common::read;
use crate::site::{html_files, xml};
use roxmltree::{Document, Node};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn site() -> &'static Path {
    crate::common::shipped_build()
}

fn parse(html: &str) -> Document<'_> {
    Document::parse(xml(html)).expect("well-formed")
}

fn has_class(node: &Node, class: &str) -> bool {
    node.attribute("class")
        .is_some_and(|c| c.split(' ').any(|c| c == class))
}

fn text(node: &Node) -> String {
    node.descendants()
        .filter(roxmltree::Node::is_text)
        .filter_map(|n| n.text())
        .collect::<String>()
        .trim()
        .to_string()
}

fn children<'a, 'i>(node: Node<'a, 'i>, tag: &'a str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(move |n| n.has_tag_name(tag))
}

/// The home page's states: each state's name, its own link (if any) and its jurisdictions.
fn states(html: &str) -> Vec<(String, Option<String>, Vec<String>)> {
    let doc = parse(html);
    let list = doc
        .descendants()
        .find(|n| n.has_tag_name("ul") && has_class(n, "kit-list"))
        .expect("the list of states");
    children(list, "li")
        .map(|state| {
            let own = children(state, "a").next();
            let name =
                own.map_or_else(|| text(&state.first_child().expect("a name")), |a| text(&a));
            let kits = children(state, "ul")
                .filter(|ul| !has_class(ul, "state-pages"))
                .flat_map(|ul| children(ul, "li"))
                .map(|li| text(&li))
                .collect();
            (
                name,
                own.and_then(|a| a.attribute("href")).map(String::from),
                kits,
            )
        })
        .collect()
}

#[test]
fn home_lists_each_state_with_its_counties_not_itself() {
    // Each county's English name as its own config writes it, and the state prison
    // department's, in alphabetical order.
    let mut california: Vec<String> = crate::common::CALIFORNIA_COUNTIES
        .iter()
        .map(|county| {
            let file = Path::new(crate::common::ROOT)
                .join(format!("jurisdictions/us/ca/{county}/jurisdiction.yaml"));
            let config: serde_yaml::Value = serde_yaml::from_str(&read(file)).expect("YAML");
            config["name"]["en"]
                .as_str()
                .expect("an English name")
                .to_string()
        })
        .collect();
    california.push("California Department of Corrections and Rehabilitation".into());
    california.sort();
    let english = [
        "California",
        "Colorado",
        "Illinois",
        "New Jersey",
        "New York",
        "Oregon",
        "Washington",
    ];
    let spanish = [
        "California",
        "Colorado",
        "Illinois",
        "Nueva Jersey",
        "Nueva York",
        "Oregón",
        "Washington",
    ];
    for (file, lang, alameda, names) in [
        ("index.html", "en", "Alameda County", english),
        ("index.es.html", "es", "Condado de Alameda", spanish),
    ] {
        let states = states(&read(site().join(file)));
        let listed: Vec<&str> = states.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(listed, names, "{file}");
        for (name, own, kits) in &states {
            assert!(
                !kits.contains(name),
                "{file}: {name} is listed under itself"
            );
            assert!(own.is_some(), "{file}: {name} has no link to its own kit");
        }
        let (_, own, kits) = &states[0];
        assert_eq!(
            own.as_deref(),
            Some(format!("us/ca/{lang}/index.html").as_str())
        );
        assert_eq!(kits.len(), california.len(), "{file}: {kits:?}");
        assert!(kits.iter().any(|k| k == alameda), "{file}: {kits:?}");
        if lang == "en" {
            assert_eq!(kits, &california, "{file}");
        }
        assert_eq!(
            states[4].2,
            if lang == "en" {
                ["New York City", "Westchester County"]
            } else {
                ["Ciudad de Nueva York", "Condado de Westchester"]
            }
        );
    }
}

#[test]
fn home_says_who_each_part_is_for_and_offers_a_search_box() {
    for (file, audiences, label) in [
        (
            "index.html",
            [
                "For the person released",
                "For ICE (letters)",
                "For the agency (policies, notices and forms)",
                "For counsel (memo)",
                "For advocates (one-pager)",
            ],
            "Find a county, state or document",
        ),
        (
            "index.es.html",
            [
                "Para la persona puesta en libertad",
                "Para ICE (cartas)",
                "Para la agencia (políticas, avisos y formularios)",
                "Para la asesoría jurídica (memorando)",
                "Para las organizaciones comunitarias (hoja informativa)",
            ],
            "Busque un condado, un estado o un documento",
        ),
    ] {
        let html = read(site().join(file));
        let doc = parse(&html);
        let terms: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name("dt"))
            .map(|n| text(&n))
            .collect();
        assert_eq!(terms, audiences, "{file}");
        let described = doc.descendants().filter(|n| n.has_tag_name("dd")).count();
        assert_eq!(described, 5, "{file}");
        // The box: labelled, its results announced, hidden until its script shows it.
        let form = doc
            .descendants()
            .find(|n| n.attribute("role") == Some("search"))
            .expect("a search form");
        assert_eq!(form.attribute("hidden"), Some("hidden"), "{file}");
        let input = form
            .descendants()
            .find(|n| n.has_tag_name("input"))
            .expect("input");
        let id = input.attribute("id").expect("an id");
        let labelled = form
            .descendants()
            .find(|n| n.has_tag_name("label") && n.attribute("for") == Some(id))
            .expect("a label for the box");
        assert_eq!(text(&labelled), label);
        assert!(form
            .descendants()
            .any(|n| n.attribute("aria-live") == Some("polite")));
    }
}

/// The kits and documents of a search index: kit page → its document pages.
fn search_index(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    let script = read(site().join(format!("search-index.{lang}.js")));
    let json = script
        .strip_prefix("window.responsekitIndex = ")
        .and_then(|s| s.strip_suffix(";\n"))
        .expect("one assignment");
    let states: serde_json::Value = serde_json::from_str(json).expect("JSON");
    let mut kits = BTreeMap::new();
    for state in states.as_array().expect("states") {
        let own = state.get("state").into_iter();
        for kit in own.chain(state["kits"].as_array().expect("kits")) {
            let documents = kit["documents"].as_array().expect("documents");
            let pages = documents.iter().map(|d| {
                assert!(!d["title"].as_str().expect("title").is_empty());
                assert!(!d["audience"].as_str().expect("audience").is_empty());
                d["href"].as_str().expect("href").to_string()
            });
            kits.insert(
                kit["href"].as_str().expect("href").to_string(),
                pages.collect(),
            );
        }
    }
    kits
}

#[test]
fn the_search_index_holds_every_kit_and_document_page() {
    let root = site();
    for lang in ["en", "es"] {
        let mut expected: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for page in html_files(root) {
            let path = page
                .strip_prefix(root)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            let Some((folder, file)) = path.rsplit_once('/') else {
                continue;
            };
            // A state's directory and coverage pages are the site's, not a kit's documents.
            if !folder.ends_with(&format!("/{lang}"))
                || ["directory.html", "coverage.html"].contains(&file)
            {
                continue;
            }
            let kit = expected.entry(format!("{folder}/index.html")).or_default();
            if file != "index.html" {
                kit.insert(path.clone());
            }
        }
        // Every county kit, the state prison department's, and nothing else.
        let kits = crate::common::county_kits().len() + 1;
        assert_eq!(expected.len(), kits, "{lang}: {:?}", expected.keys());
        assert_eq!(search_index(lang), expected, "{lang}");
    }
}

/// A document on a jurisdiction's page: its page and its other formats' links.
type Listed = (String, Vec<String>);

/// A jurisdiction page's documents, under each heading.
fn grouped(html: &str) -> Vec<(String, Vec<Listed>)> {
    let doc = parse(html);
    let article = doc
        .descendants()
        .find(|n| n.has_tag_name("article"))
        .expect("article");
    let mut groups = Vec::new();
    for node in article.children().filter(roxmltree::Node::is_element) {
        if node.has_tag_name("h2") {
            groups.push((text(&node), Vec::new()));
        } else if has_class(&node, "doc-list") {
            let (_, documents) = groups.last_mut().expect("a heading first");
            for li in children(node, "li") {
                let paragraphs: Vec<Node> = children(li, "p").collect();
                assert_eq!(
                    paragraphs.len(),
                    2,
                    "a title and a description: {}",
                    text(&li)
                );
                assert!(!text(&paragraphs[1]).is_empty());
                let page = paragraphs[0]
                    .descendants()
                    .find(|n| n.has_tag_name("a"))
                    .and_then(|a| a.attribute("href"))
                    .expect("the page's link");
                let formats = li
                    .descendants()
                    .filter(|n| n.has_tag_name("ul") && has_class(n, "formats"))
                    .flat_map(|ul| ul.descendants().filter(|n| n.has_tag_name("a")))
                    .map(|a| a.attribute("href").expect("href").to_string())
                    .collect();
                documents.push((page.to_string(), formats));
            }
        }
    }
    groups
}

#[test]
fn a_jurisdiction_page_groups_documents_by_audience_with_every_format_written() {
    let root = site();
    for (lang, headings) in [
        (
            "en",
            [
                "For the person released",
                "For ICE (letters)",
                "For the agency (policies, notices and forms)",
                "For counsel (memo)",
                "For advocates (one-pager)",
            ],
        ),
        (
            "es",
            [
                "Para la persona puesta en libertad",
                "Para ICE (cartas)",
                "Para la agencia (políticas, avisos y formularios)",
                "Para la asesoría jurídica (memorando)",
                "Para las organizaciones comunitarias (hoja informativa)",
            ],
        ),
    ] {
        let folder = root.join(format!("us/ca/alameda/{lang}"));
        let groups = grouped(&read(folder.join("index.html")));
        let names: Vec<&str> = groups.iter().map(|(h, _)| h.as_str()).collect();
        assert_eq!(names, headings, "{lang}");
        let prefixes: [&[&str]; 5] = [
            &["handout-"],
            &["letter-"],
            &["policy-", "notice-", "form-"],
            &["memo-"],
            &["advocates-"],
        ];
        let mut listed = BTreeSet::new();
        for ((heading, documents), prefixes) in groups.iter().zip(prefixes) {
            assert!(!documents.is_empty(), "{heading}");
            for (page, formats) in documents {
                let stem = page.strip_suffix(".html").expect("an HTML page");
                assert!(
                    prefixes.iter().any(|p| stem.starts_with(p)),
                    "{page} under {heading}"
                );
                // Every other file of the document the build wrote, and nothing else.
                let written: BTreeSet<String> = std::fs::read_dir(&folder)
                    .expect("folder")
                    .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                    .filter(|f| {
                        f.rsplit_once('.')
                            .is_some_and(|(s, e)| s == stem && e != "html")
                    })
                    .collect();
                assert!(written.len() >= 2, "{stem}: {written:?}");
                assert_eq!(
                    formats.iter().cloned().collect::<BTreeSet<_>>(),
                    written,
                    "{stem}"
                );
                listed.insert(page.clone());
            }
        }
        let pages: BTreeSet<String> = html_files(&folder)
            .iter()
            .filter_map(|p| p.file_name()?.to_str().map(String::from))
            .filter(|f| f != "index.html")
            .collect();
        assert_eq!(listed, pages, "{lang}: every document listed once");
        let page = read(folder.join("index.html"));
        assert!(
            page.contains(&format!("bundles/us-ca-alameda-{lang}.zip")),
            "the zip stays"
        );
    }
}

#[test]
fn a_build_of_some_formats_links_only_the_files_it_wrote() {
    let out = tempfile::tempdir().expect("temp dir");
    let run = crate::common::responsekit(&[
        "build",
        "-q",
        "--out",
        out.path().to_str().expect("utf-8 path"),
        "-j",
        "us/ca/alameda",
        "--format",
        "html,md",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let groups = grouped(&read(out.path().join("us/ca/alameda/en/index.html")));
    assert_eq!(groups.len(), 5);
    for (_, documents) in &groups {
        for (page, formats) in documents {
            let md = page.replace(".html", ".md");
            assert_eq!(formats, &[md], "{page}");
        }
    }
    // Every link of every page, the zip's included, names a file of this build.
    for page in html_files(out.path()) {
        let html = read(&page);
        for node in parse(&html).descendants().filter(|n| n.has_tag_name("a")) {
            let href = node.attribute("href").expect("href");
            if href.contains(':') || href.starts_with('#') {
                continue;
            }
            let target = page.parent().expect("folder").join(href);
            assert!(
                target.is_file(),
                "{}: `{href}` was not written",
                page.display()
            );
        }
    }
    let index = read(out.path().join("search-index.en.js"));
    assert!(
        index.contains("us/ca/alameda/en/letter-detainer.html"),
        "{index}"
    );
    assert!(
        !index.contains("los-angeles"),
        "only the kits in the folder: {index}"
    );
}
