#!/usr/bin/env python3
"""Reads the structure tree of every PDF of a built site back with pikepdf and fails on any PDF
that is not PDF/UA-1 as a screen reader needs it: marked and tagged, claiming PDF/UA-1 in its
metadata, its language in the catalog (the language table's tag), its title in the metadata and
shown as the window title, and its headings and lists tagged as such — as many headings as its
Markdown twin has, a title (but a letter's, which is not printed), lists as L/LI with label and
body, each link a Link.

usage: pdf-structure.py SITE_FOLDER REPO   (called by pdf-check.sh; pikepdf from PyPI)
"""
import pathlib
import re
import sys

import pikepdf

site, repo = (pathlib.Path(a) for a in sys.argv[1:3])


def tag_of(lang):
    """The BCP 47 tag of a language's table (`text.language.tag`), read without a YAML parser."""
    text = (repo / "i18n" / f"{lang}.yaml").read_text(encoding="utf-8")
    return re.search(r"^  language:\n(?:    .*\n)*?    tag: (\S+)", text, re.M).group(1)


def tags(pdf):
    """Every structure element's type, in reading order."""
    out = []

    def walk(node):
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                out.append(str(node.S))
            if "/K" in node:
                walk(node.K)

    walk(pdf.Root.StructTreeRoot.get("/K"))
    return out


langs = {}
problems = []
count = 0
for path in sorted(site.rglob("*.pdf")):
    count += 1
    rel = path.relative_to(site)
    lang = rel.parent.name
    twin = path.with_suffix(".md")
    fail = lambda what: problems.append(f"{rel}: {what}")  # noqa: E731
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        if lang not in langs:
            langs[lang] = tag_of(lang)
        if str(root.get("/Lang", "")) != langs[lang]:
            fail(f"/Lang is {root.get('/Lang')!s}, not {langs[lang]}")
        if not (root.get("/MarkInfo") and bool(root.MarkInfo.get("/Marked"))):
            fail("not marked as tagged (/MarkInfo /Marked)")
        if "/StructTreeRoot" not in root:
            fail("no structure tree")
            continue
        if not bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)):
            fail("the viewer is not told to show the title (/DisplayDocTitle)")
        meta = pdf.open_metadata()
        if meta.get("pdfuaid:part") != "1":
            fail("does not claim PDF/UA-1 (pdfuaid:part)")
        title = meta.get("dc:title") or ""
        if not title.strip():
            fail("no title in its metadata")
        found = tags(pdf)
        if not found or found[0] != "/Document":
            fail(f"the structure does not start with /Document: {found[:3]}")
        if not twin.exists():
            fail(f"no Markdown twin ({twin.name}) to count its headings and lists against")
            continue
        markdown = twin.read_text(encoding="utf-8")
        letter = rel.name.startswith("letter-")
        if not letter and found.count("/Title") != 1:
            fail(f"{found.count('/Title')} /Title elements, not 1")
        # The Markdown twin's `##`… headings are the PDF's headings, in number.
        headings = len(re.findall(r"^#{2,4} ", markdown, re.M))
        tagged = sum(found.count(f"/H{n}") for n in range(1, 7))
        if tagged != headings:
            fail(f"{tagged} heading elements, where the document has {headings} headings")
        items = len(re.findall(r"^\s*(?:[-*]|\d+\.) ", markdown, re.M))
        if items and (found.count("/LI") < 1 or found.count("/L") < 1):
            fail("its lists are not tagged /L and /LI")
        if found.count("/LI") != found.count("/LBody"):
            fail("a list item without its body (/LBody)")
        if "](" in markdown and "/Link" not in found:
            fail("its links are not tagged /Link")
print(f"pdf-structure: {count} PDFs read back, {len(problems)} problems")
for p in problems[:40]:
    print(p, file=sys.stderr)
sys.exit(1 if problems or count == 0 else 0)
