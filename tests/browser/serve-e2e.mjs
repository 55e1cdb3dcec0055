// The counsel's desk (`responsekit serve`) end to end in Debian's Chromium, driven by
// playwright-core: run by tests/scripts/serve-check.sh with the desk's printed address and a
// folder for downloads, and in the environment the binary (RESPONSEKIT), the copy of the tree the
// desk reads (SERVE_TREE, which an interview writes facts back into) and the desk's fixed day
// (SERVE_TODAY). It drives the routes and field names of the desk's contract (spec 17):
//
// - an interview per request kind (I-247A detainer, I-138 subpoena, an information request on no
//   form, I-200, I-205) in English and in Spanish (chosen with the language link of the first
//   page), for the Alameda sheriff and New York City's Department of Correction, from
//   /interview to the downloaded DOCX, whose text must be exactly what `respond --draft` writes
//   for the same request (the letter's citations with it), with the person's name and no
//   fill-in unless it is a draft; Alameda once with its facts left unknown (a draft), once with
//   every fact given for that answer only (the config unchanged), once writing them back (the
//   config then holds them, sourced, and `responsekit check` passes on it);
// - the judge-signed stop and a federal court's form (no letter, the warning, recorded);
// - an error of each field kind, next to its field and in the summary, announced (role=alert);
// - one whole interview by keyboard only;
// - the register (the requests listed, most urgent first, the overdue one marked in words),
//   closing one; the reports' zip;
// - axe-core (WCAG 2.1 A and AA rules) on every kind of page, both languages, at 1000 and 390 px,
//   which must also not scroll sideways at 390 px.
// Every page must make no request but to the desk, log no console error, and carry no personal
// value in an address or a downloaded file's name. With SCREENSHOTS=1, writes the README's
// docs/screenshots/serve-*.png (1000 px wide, the viewport only).
import { chromium } from "playwright-core";
import axe from "axe-core";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { docxText, readZip } from "./docx-text.mjs";

const [entry, downloads] = process.argv.slice(2);
const origin = new URL(entry).origin;
const binary = process.env.RESPONSEKIT;
const tree = process.env.SERVE_TREE;
const today = process.env.SERVE_TODAY;
const shots = process.env.SCREENSHOTS === "1" ? "docs/screenshots" : null;
if (!entry || !downloads || !binary || !tree || !today) {
  console.error("usage: RESPONSEKIT=BIN SERVE_TREE=DIR SERVE_TODAY=DATE node serve-e2e.mjs URL DOWNLOADS");
  process.exit(2);
}

// The personal values typed into interviews: none may reach an address, a file name or the
// desk's log (serve-check.sh greps the log for this same list).
const PERSON = {
  name: "Quetzalli Testperson",
  dob: "1991-04-17",
  booking: "BK-PLANT-7731",
  a_number: "A-246-813-579",
  guardian: "Rosalind Guardianname",
  attorney: "Alex Counsel, Office of the Public Defender",
};
const PLANTED = [PERSON.name, PERSON.dob, PERSON.booking, PERSON.a_number, PERSON.guardian];
const WIDE = { width: 1000, height: 900 };
const PHONE = { width: 390, height: 844 };
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const problems = [];
const fail = (where, what) => {
  problems.push(`${where}: ${what}`);
  console.error(`FAIL ${where}: ${what}`);
};
const started = Date.now();
const say = (what) => console.log(`serve-e2e [${((Date.now() - started) / 1000).toFixed(1)} s] ${what}`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});

/**
 * A browser context holding the desk's session (the printed address exchanged for the cookie),
 * and its one page, watched: a console error, a request leaving the desk or an address holding
 * a personal value is a failure. `lang` is chosen later, with the language link.
 */
async function session(label, { withToken = true } = {}) {
  const context = await browser.newContext({ viewport: WIDE, locale: "en-US", acceptDownloads: true });
  context.setDefaultTimeout(5000);
  const page = await context.newPage();
  // A page sent back with its errors (422), the not-found page (404) and the refused page (403)
  // are answers the test asks for: Chromium's note that their status is not 200 is no failure.
  page.on("console", (m) => {
    if (m.type() !== "error" || /status of (403|404|422)\b/.test(m.text())) return;
    fail(label, `console error on ${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => fail(label, `script error on ${page.url()}: ${e.message}`));
  page.on("request", (r) => {
    const url = r.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith("data:") && !url.startsWith("blob:")) {
      fail(label, `requested ${url}`);
    }
    const decoded = decodeURIComponent(url.replace(/\+/g, " "));
    for (const value of PLANTED) if (decoded.includes(value)) fail(label, `a personal value in the address ${r.method()} ${url}`);
  });
  if (withToken) await page.goto(entry);
  return { context, page, label };
}

/** The status of the page the browser ends on after `action` (a POST's 303 followed). */
async function navigation(page, action) {
  const landed = page.waitForResponse(
    (r) => r.request().isNavigationRequest() && r.frame() === page.mainFrame() && (r.status() < 300 || r.status() >= 400),
  );
  // The new document's own load event (the old one's load state would already be reached).
  const loaded = page.waitForEvent("load");
  await action();
  const response = await landed;
  await loaded;
  return response.status();
}

/** Sends the page's form (its one primary button, or `button`) and returns the status landed on. */
async function send(page, button = "main form[method='post'] button[type='submit']") {
  return navigation(page, () => page.locator(button).first().click());
}

async function goto(page, route) {
  const response = await page.goto(`${origin}${route}`);
  return response.status();
}

/** The page, as a route pattern: ids replaced, for messages. */
const where = (page) => new URL(page.url()).pathname.replace(/[0-9a-f]{64}/, "{id}");

async function expectPath(s, pattern, what) {
  const path = new URL(s.page.url()).pathname;
  if (pattern.test(path)) return;
  const errors = await s.page.locator(".error-summary li").allTextContents();
  throw new Error(`${what}: landed on ${where(s.page)}${errors.length ? ` with errors: ${errors.join("; ")}` : ""}`);
}

/**
 * axe-core's WCAG 2.1 A and AA rules on the page as it is, at 1000 px then at 390 px (where it
 * must not scroll sideways either). axe is evaluated through the DevTools protocol
 * (page.evaluate(axe.source)), which the desk's CSP (script-src 'self', no inline script) does
 * not apply to: the page is audited under its real CSP, nothing bypassed.
 */
const audited = new Set();
async function audit(s, kind) {
  const label = `${kind} (${await s.page.getAttribute("html", "lang")})`;
  audited.add(label);
  for (const viewport of [WIDE, PHONE]) {
    await s.page.setViewportSize(viewport);
    const already = await s.page.evaluate(() => typeof window.axe !== "undefined");
    if (!already) await s.page.evaluate(axe.source);
    const result = await s.page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
      AXE_TAGS,
    );
    for (const v of result.violations) {
      for (const node of v.nodes) {
        fail(`axe ${label} at ${viewport.width} px on ${where(s.page)}`, `${v.id} (${v.impact}): ${node.target.join(" ")} — ${v.help}`);
      }
    }
    if (viewport === PHONE) {
      const width = await s.page.evaluate(() => document.documentElement.scrollWidth);
      if (width > PHONE.width) fail(`${label} on ${where(s.page)}`, `scrolls sideways at 390 px (${width} px wide)`);
    }
  }
  await s.page.setViewportSize(WIDE);
  const h1 = await s.page.locator("h1").count();
  if (h1 !== 1) fail(`${label} on ${where(s.page)}`, `${h1} <h1> (one expected)`);
}

async function screenshot(s, name) {
  if (!shots) return;
  fs.mkdirSync(shots, { recursive: true });
  // The page's top, where a reader starts (a step just filled in is scrolled to its last field).
  await s.page.evaluate(() => window.scrollTo(0, 0));
  await s.page.screenshot({ path: path.join(shots, `serve-${name}.png`) });
}

// ---- The interview ------------------------------------------------------------------------

/**
 * The request kinds: the paper's form and what it asks, the letter that answers it, and the
 * `kind:` a request file needs beside the form to be classified (a paper on no form that asks
 * for no hold is an information request; an officer's warrant asks to hold the person).
 */
const KINDS = {
  "I-247A": { requested: ["release_date", "hold"], letter: "letter-detainer" },
  "I-138": { requested: ["records", "home_address"], letter: "letter-administrative-subpoena" },
  none: { requested: ["records"], letter: "letter-information-request", kind: "information_request" },
  "I-200": { requested: ["hold"], letter: "letter-detainer" },
  "I-205": { requested: ["release_date", "hold"], letter: "letter-detainer" },
};
/** What a paper may ask for, in the order the paper step lists them (and a request file then). */
const ITEMS = ["release_date", "home_address", "work_address", "records", "access", "interview", "hold"];
const AGENCY = { "us/ca/alameda": "sheriff", "us/ny/new-york-city": "corrections" };

/** A request as the interview asks for it; `over` replaces any of its answers. */
function request(jurisdiction, form, over = {}) {
  return {
    jurisdiction,
    search: jurisdiction === "us/ca/alameda" ? "alameda" : "york",
    received_by: AGENCY[jurisdiction],
    signed_by_judge: "no",
    form,
    requested: KINDS[form]?.requested ?? [],
    received: "2026-11-20",
    return_date: "",
    delivered: "fax",
    office: "ICE Enforcement and Removal Operations, San Francisco Field Office",
    officer: "Deportation Officer J. Doe",
    a_number: PERSON.a_number,
    event_number: "SFR2611200001",
    subject_name: PERSON.name,
    subject_dob: PERSON.dob,
    subject_booking: PERSON.booking,
    subject_juvenile: false,
    subject_guardian: "",
    subject_attorney: PERSON.attorney,
    signer_name: "",
    signer_title: "",
    reply_by: "email",
    facts: "unknown", // "unknown" | "given" | "write"
    ...over,
  };
}

/** The same request as the YAML file `respond --request` reads. */
function requestYaml(r) {
  const q = JSON.stringify;
  const kind = KINDS[r.form]?.kind;
  const lines = [
    ...(kind ? [`kind: ${kind}`] : []),
    `received: ${r.received}`,
    `delivered: ${r.delivered}`,
    "issued_by:",
    `  office: ${q(r.office)}`,
    `  officer: ${q(r.officer)}`,
    ...(r.form !== "none" ? [`form: ${q(r.form)}`] : []),
    `signed_by_judge: ${r.signed_by_judge === "yes"}`,
    "subject:",
    `  name: ${q(r.subject_name)}`,
    ...(r.subject_dob ? [`  dob: ${r.subject_dob}`] : []),
    ...(r.subject_booking ? [`  booking: ${q(r.subject_booking)}`] : []),
    `  juvenile: ${r.subject_juvenile}`,
    ...(r.subject_guardian ? [`  guardian: ${q(r.subject_guardian)}`] : []),
    ...(r.subject_attorney ? [`  attorney: ${q(r.subject_attorney)}`] : []),
    `requested: [${ITEMS.filter((i) => r.requested.includes(i)).join(", ")}]`,
    ...(r.return_date ? [`return_date: ${r.return_date}`] : []),
    `received_by: ${r.received_by}`,
    ...(r.signer_name ? ["signed_by:", `  name: ${q(r.signer_name)}`, `  title: ${q(r.signer_title)}`] : []),
    "identifiers:",
    `  a_number: ${q(r.a_number)}`,
    `  event_number: ${q(r.event_number)}`,
    `reply_by: ${r.reply_by}`,
  ];
  return `${lines.join("\n")}\n`;
}

/**
 * A value for the fact at config `path`, by what it is (a test value, in a copy of the tree): the
 * same path always gets the same value, so that an answer given facts for itself reads as one
 * written after the same facts were written back.
 */
function factValue(configPath) {
  const n = String([...configPath].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 90 + 10);
  if (/phone$/.test(configPath)) return `(510) 555-01${n}`;
  if (/address$/.test(configPath)) return `${n} Test Street, Oakland, CA 94612`;
  return `Test Value ${n}`;
}
const FACT_SOURCE = "https://www.example.org/test-source";

/** Step 1 and 2: the jurisdiction found by the search, then the agency. */
async function chooseJurisdiction(s, r, { auditing }) {
  await goto(s.page, "/interview");
  if (auditing) await audit(s, "interview step 1");
  // desk.js filters the list as one types; the search form filters it on the server.
  const radios = s.page.locator("input[type='radio'][name='jurisdiction']");
  const all = await radios.count();
  await s.page.fill("#f-q", r.search);
  const shown = await s.page.locator("input[type='radio'][name='jurisdiction']:visible").count();
  if (!(shown > 0 && shown < all)) fail(`typing "${r.search}"`, `shows ${shown} of ${all} jurisdictions`);
  await navigation(s.page, () => s.page.locator("#f-q").press("Enter"));
  const listed = await radios.count();
  if (!(listed > 0 && listed < all)) fail(`searching "${r.search}"`, `lists ${listed} of ${all} jurisdictions`);
  if (auditing) await screenshot(s, "start");
  await s.page.check(`input[name='jurisdiction'][value='${r.jurisdiction}']`);
  await send(s.page);
  await expectPath(s, /^\/interview\/[0-9a-f]{64}\/agency$/, "step 1");
  if (auditing) await audit(s, "interview step 2 (agency)");
  await s.page.check(`input[name='received_by'][value='${r.received_by}']`);
  await send(s.page);
  await expectPath(s, /\/paper$/, "step 2");
}

/** Step 3's answers typed into the page (not sent). */
async function fillPaper(page, r) {
  await page.check(`input[name='signed_by_judge'][value='${r.signed_by_judge}']`);
  await page.check(`input[name='form'][value='${r.form}']`);
  if (r.form_other) await page.fill("#f-form_other", r.form_other);
  for (const box of await page.locator("input[type='checkbox'][name='requested']").all()) {
    await box.setChecked(r.requested.includes(await box.getAttribute("value")));
  }
  await page.fill("#f-received", r.received);
  await page.fill("#f-return_date", r.return_date);
  await page.check(`input[name='delivered'][value='${r.delivered}']`);
  for (const field of ["office", "officer", "a_number", "event_number"]) await page.fill(`#f-${field}`, r[field]);
}

async function fillPerson(page, r) {
  for (const field of ["subject_name", "subject_dob", "subject_booking", "subject_guardian", "subject_attorney", "signer_name", "signer_title"]) {
    await page.fill(`#f-${field}`, r[field]);
  }
  await page.locator("#f-subject_juvenile").setChecked(r.subject_juvenile);
  await page.check(`input[name='reply_by'][value='${r.reply_by}']`);
}

/**
 * An error state: the page was sent back (422) with `fields` each in the summary (role=alert,
 * a link to the field) and next to its field (aria-invalid, the message tied by
 * aria-describedby). Returns each field's message, to compare languages.
 */
async function expectErrors(s, status, fields, what) {
  const at = `${what} on ${where(s.page)}`;
  if (status !== 422) fail(at, `answered ${status}, not 422`);
  const summary = s.page.locator(".error-summary");
  if ((await summary.count()) !== 1) {
    fail(at, "no error summary");
    return {};
  }
  if ((await summary.getAttribute("role")) !== "alert") fail(at, "the error summary is not role=alert");
  const messages = {};
  for (const field of fields) {
    const id = `f-${field.replace(/[^A-Za-z0-9_-]/g, "-")}`;
    const input = s.page.locator(`[id='${id}']`);
    const error = s.page.locator(`[id='${id}-error']`);
    const link = summary.locator(`a[href='#${id}']`);
    if ((await input.count()) !== 1) {
      fail(at, `no field #${id}`);
      continue;
    }
    if ((await input.getAttribute("aria-invalid")) !== "true") fail(at, `#${id} is not aria-invalid`);
    const described = ((await input.getAttribute("aria-describedby")) ?? "").split(/\s+/);
    if (!described.includes(`${id}-error`)) fail(at, `#${id}'s error is not in its aria-describedby`);
    if (!(await error.isVisible().catch(() => false))) {
      fail(at, `no visible error next to #${id}`);
      continue;
    }
    const message = (await error.textContent()).trim();
    if (!message) fail(at, `#${id}'s error is empty`);
    if ((await link.count()) !== 1) fail(at, `the summary does not link to #${id}`);
    else if ((await link.textContent()).trim() !== message) fail(at, `the summary's words for #${id} are not the field's`);
    messages[field] = message;
  }
  return messages;
}

/** Lets the next send reach the server with what the browser's own checks would stop. */
const serverChecksOnly = (page) => page.$eval("main form[method='post']", (f) => { f.noValidate = true; });
/** A date field as a browser without a date picker shows it, to type a date that cannot be. */
const asText = (page, id) => page.$eval(`#${id}`, (el) => { el.type = "text"; });

/**
 * Steps 4 and 5: the facts page, if the answer needs facts: left unknown, given for this answer,
 * or given and written back (the diff shown, then written). Returns the facts given.
 */
async function answerFacts(s, r, { auditing }) {
  if (!/\/facts$/.test(new URL(s.page.url()).pathname)) return {};
  if (auditing) await audit(s, "interview step 4 (facts)");
  const given = {};
  if (r.facts === "unknown") {
    if (r.checkFactWithoutSource) {
      const first = s.page.locator("input[name^='fact.']").first();
      const name = await first.getAttribute("name");
      await first.fill(factValue(name));
      const messages = await expectErrors(s, await send(s.page), [`source.${name.slice(5)}`], "a fact without its source");
      r.errors = { ...r.errors, ...messages };
      if (auditing) await audit(s, "interview step 4 with an error");
      await first.fill("");
    }
  } else {
    for (const input of await s.page.locator("input[name^='fact.']").all()) {
      const name = (await input.getAttribute("name")).slice("fact.".length);
      given[name] = factValue(name);
      await input.fill(given[name]);
      await s.page.fill(`[name='source.${name}']`, FACT_SOURCE);
    }
    if (Object.keys(given).length === 0) fail(`facts of ${r.jurisdiction}`, "no fact field to fill");
    await s.page.locator("input[name='write_back']").setChecked(r.facts === "write");
  }
  await send(s.page);
  if (r.facts === "write") {
    await expectPath(s, /\/facts\/confirm$/, "facts written back");
    const diff = (await s.page.locator("pre.diff").allTextContents()).join("\n");
    for (const [name, value] of Object.entries(given)) {
      if (!diff.includes(value)) fail("the facts' diff", `does not show ${name}'s new value`);
    }
    if (auditing) await audit(s, "facts confirm (diff)");
    await send(s.page, "button[name='action'][value='write']");
  }
  return given;
}

/**
 * An interview from step 1 to the done page, with its downloads checked; `auditing` runs axe on
 * every step, `shooting` takes the README's screenshots. Returns what the comparison with
 * `respond` needs and the register's number.
 */
async function interview(s, r, { auditing = false, shooting = false, errors = false } = {}) {
  const label = `${s.label}: ${r.jurisdiction} ${r.form}`;
  say(`interview ${label}`);
  await chooseJurisdiction(s, r, { auditing });
  if (auditing) await audit(s, "interview step 3 (paper)");
  if (errors) await paperErrors(s, r);
  await fillPaper(s.page, r);
  if (shooting) await screenshot(s, "paper");
  await send(s.page);
  await expectPath(s, /\/person$/, "step 3");
  const classification = s.page.locator("div.classification[role='status']");
  r.shownClassification = ((await classification.textContent().catch(() => "")) ?? "").replace(/\s+/g, " ").trim();
  if (!r.shownClassification) fail(label, "the person step shows no classification");
  if (auditing) await audit(s, "interview step 3b (person)");
  if (errors) await personErrors(s, r);
  await fillPerson(s.page, r);
  if (shooting) await screenshot(s, "person");
  await send(s.page);
  await expectPath(s, /\/(facts|preview)$/, "the person step");
  r.given = await answerFacts(s, r, { auditing });
  await expectPath(s, /\/preview$/, "the facts step");
  await checkPreview(s, r, label);
  if (auditing) await audit(s, "preview");
  if (shooting) await screenshot(s, "preview");
  await send(s.page, "main form[action$='/finish'] button[type='submit']");
  await expectPath(s, /\/done$/, "finish");
  if (auditing) await audit(s, "done");
  if (shooting) await screenshot(s, "done");
  await collect(s, r, label);
  return r;
}

/** The preview: a draft says so (and only a draft), every document in every language. */
async function checkPreview(s, r, label) {
  const notice = await s.page.locator("p.draft-notice[role='status']").count();
  r.draft = notice > 0;
  const sections = await s.page.locator("section.preview").all();
  if (sections.length < 2) fail(label, `the preview shows ${sections.length} documents`);
  for (const section of sections) {
    const by = await section.getAttribute("aria-labelledby");
    if (!by || (await s.page.locator(`h2[id='${by}']`).count()) !== 1) fail(label, "a preview section is not labelled by its <h2>");
  }
  const text = await s.page.locator("main").textContent();
  if (!text.includes(r.subject_name)) fail(label, "the preview does not name the person");
}

/** The done page: its register number; the letter in each language and the zip, downloaded. */
async function collect(s, r, label) {
  const link = s.page.locator("main a[href^='/register/']").first();
  r.registerId = Number((await link.getAttribute("href")).split("/").pop());
  if (!Number.isInteger(r.registerId)) fail(label, "no link to the recorded request");
  const folder = path.join(downloads, `${r.registerId}`);
  r.downloaded = {};
  const letter = KINDS[r.form].letter;
  for (const lang of ["en", "es"]) {
    const href = s.page.locator(`main a[href$='/files/${lang}/${letter}.docx']`);
    r.downloaded[`${lang}/${letter}.docx`] = await download(s, href, `${letter}-${lang}.docx`, folder, label);
  }
  const zip = await download(s, s.page.locator("main a[href$='/answer.zip']"), `answer-${r.received}.zip`, folder, label);
  r.zip = zip ? readZip(zip) : new Map();
}

/** Follows a download link (by keyboard when `keys`), checks the file's name, returns its bytes. */
async function download(s, link, expectedName, folder, label, { keys = false } = {}) {
  if (!link || (await link.count()) === 0) {
    fail(label, `no download link for ${expectedName}`);
    return null;
  }
  const [file] = await Promise.all([
    s.page.waitForEvent("download"),
    keys ? s.page.keyboard.press("Enter") : link.first().click(),
  ]);
  const name = file.suggestedFilename();
  if (name !== expectedName) fail(label, `downloaded ${name}, not ${expectedName}`);
  for (const value of PLANTED) if (name.includes(value)) fail(label, `a personal value in the file name ${name}`);
  fs.mkdirSync(folder, { recursive: true });
  const saved = path.join(folder, name);
  await file.saveAs(saved);
  return fs.readFileSync(saved);
}

/**
 * What `respond --draft` writes for the same request, on the tree as it is now, compared with
 * what the desk handed over: every DOCX of the zip and each letter downloaded, text for text;
 * the letter names the person and cites its law; no fill-in unless a draft, and a draft says so.
 */
function compareWithRespond(r, expectDraft) {
  const label = `${r.jurisdiction} ${r.form} (request ${r.registerId})`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serve-e2e-"));
  try {
    fs.writeFileSync(path.join(dir, "request.yaml"), requestYaml(r));
    const out = execFileSync(
      binary,
      ["respond", "-j", r.jurisdiction, "--jurisdictions", tree, "--request", path.join(dir, "request.yaml"),
        "--out", path.join(dir, "answers"), "--draft", "--no-register", "--today", today],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    const [folder] = fs.readdirSync(path.join(dir, "answers"));
    const written = path.join(dir, "answers", folder);
    const printed = /classified as: (.*) — because (.*)/.exec(out) ?? [];
    if (r.shownClassification && printed[1] && r.lang === "en") {
      const shown = r.shownClassification.toLowerCase();
      if (!shown.includes(printed[1].toLowerCase()) || !shown.includes(printed[2].toLowerCase())) {
        fail(label, `the desk shows "${r.shownClassification}", respond prints "${printed[0]}"`);
      }
    }
    const expected = new Map();
    for (const lang of fs.readdirSync(written)) {
      for (const file of fs.readdirSync(path.join(written, lang))) {
        if (file.endsWith(".docx")) expected.set(`${lang}/${file}`, fs.readFileSync(path.join(written, lang, file)));
      }
    }
    const served = [...r.zip.keys()].filter((n) => n.endsWith(".docx")).sort();
    if (served.join(" ") !== [...expected.keys()].sort().join(" ")) {
      fail(label, `the zip holds ${served.join(", ")}; respond writes ${[...expected.keys()].sort().join(", ")}`);
    }
    let fillIns = 0;
    const docs = [...[...r.zip].filter(([n]) => n.endsWith(".docx")), ...Object.entries(r.downloaded)];
    for (const [name, bytes] of docs) {
      if (!bytes || !expected.has(name)) continue;
      const got = docxText(bytes);
      const want = docxText(expected.get(name));
      if (got.text !== want.text) {
        const a = got.text.split("\n");
        const b = want.text.split("\n");
        const at = a.findIndex((line, i) => line !== b[i]);
        fail(`${label} ${name}`, `differs from respond's at paragraph ${at + 1}: "${a[at]}" ≠ "${b[at]}"`);
      }
      fillIns += got.fillIns.length;
      if (!expectDraft && got.fillIns.length) fail(`${label} ${name}`, `fill-ins left: ${got.fillIns.join(", ")}`);
      // The draft line opens every document (after a memo's or a notice's title).
      const marked = got.text.split("\n").slice(0, 2).some((p) => /^(DRAFT|BORRADOR) — /.test(p));
      if (expectDraft !== marked) fail(`${label} ${name}`, expectDraft ? "a draft without the draft line at the top" : "an answer to send marked as a draft");
      if (name.includes("letter-")) {
        if (!got.text.includes(r.subject_name)) fail(`${label} ${name}`, "the letter does not name the person");
        const citations = [...want.text.matchAll(/\(([^()]*(?:§|U\.S\.C\.|C\.F\.R\.| v\. )[^()]*(?:\([^()]*\)[^()]*)*)\)/g)].map((m) => m[1]);
        if (citations.length === 0) fail(`${label} ${name}`, "respond's letter cites nothing (the pattern is stale)");
        for (const c of citations) if (!got.text.includes(c)) fail(`${label} ${name}`, `does not cite ${c}`);
      }
    }
    if (expectDraft && fillIns === 0) fail(label, "a draft with no fill-in");
    if (r.draft !== expectDraft) fail(label, expectDraft ? "the preview has no draft notice" : "the preview says draft");
  } catch (e) {
    fail(label, `respond failed: ${e.stderr ?? e.message}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---- Errors --------------------------------------------------------------------------------

/** Step 3's field errors, one kind at a time: a bad date, a date to come, a return before. */
async function paperErrors(s, r) {
  const cases = [
    ["a date that cannot be", { received: "2026-02-30" }, ["received"]],
    ["a date in the future", { received: "2026-12-24" }, ["received"]],
    ["a return date before the day received", { return_date: "2026-11-10" }, ["return_date"]],
  ];
  for (const [what, over, fields] of cases) {
    if (what === cases[0][0]) await asText(s.page, "f-received");
    await fillPaper(s.page, { ...r, ...over });
    await serverChecksOnly(s.page);
    const messages = await expectErrors(s, await send(s.page), fields, what);
    r.errors = { ...r.errors, ...messages };
    if (what === cases[0][0]) await audit(s, "interview step 3 with an error");
  }
  await goto(s.page, new URL(s.page.url()).pathname);
}

/** Step 3b's: the person's name missing, a juvenile without a guardian. */
async function personErrors(s, r) {
  for (const [what, over, fields] of [
    ["the name missing", { subject_name: "" }, ["subject_name"]],
    ["a juvenile without a guardian", { subject_juvenile: true, subject_guardian: "", subject_dob: "" }, ["subject_guardian"]],
  ]) {
    await fillPerson(s.page, { ...r, ...over });
    await serverChecksOnly(s.page);
    const messages = await expectErrors(s, await send(s.page), fields, what);
    r.errors = { ...r.errors, ...messages };
    if (fields[0] === "subject_name") await audit(s, "interview step 3b with an error");
  }
  await goto(s.page, new URL(s.page.url()).pathname);
}

// ---- Keyboard only -------------------------------------------------------------------------

/**
 * Presses Tab until the focused element matches `selector` (then, in a radio group, the arrow
 * keys until the wanted radio has focus and is checked, as a keyboard user chooses in a group),
 * checking that each element focused on the way shows its focus.
 */
async function tabTo(s, selector, radioValue) {
  for (let i = 0; i < 200; i++) {
    await s.page.keyboard.press("Tab");
    const focus = await s.page.evaluate((sel) => {
      const el = document.activeElement;
      if (!el || el === document.body) return { matches: false, visible: true };
      const style = getComputedStyle(el);
      // Focus on a date field's own calendar button (inside the field, which then does not
      // match :focus) is ringed by Chromium's own style, out of the page's reach.
      const onPicker = el.matches("input[type='date']") && !el.matches(":focus");
      const visible = onPicker || (style.outlineStyle !== "none" && style.outlineWidth !== "0px") || style.boxShadow !== "none";
      return { matches: el.matches(sel), visible, what: el.outerHTML.slice(0, 80) };
    }, selector);
    if (!focus.visible) fail(`keyboard on ${where(s.page)}`, `no visible focus on ${focus.what}`);
    if (!focus.matches) continue;
    if (radioValue !== undefined) {
      for (let j = 0; j < 30; j++) {
        if (await s.page.evaluate((v) => document.activeElement.value === v, radioValue)) break;
        await s.page.keyboard.press("ArrowDown");
      }
      await s.page.keyboard.press("Space");
    }
    return;
  }
  throw new Error(`Tab never reaches ${selector} on ${where(s.page)}`);
}

const pressed = (s, key) => navigation(s.page, () => s.page.keyboard.press(key));
const submitByKeys = async (s) => {
  await tabTo(s, "main form[method='post'] button[type='submit']");
  return pressed(s, "Enter");
};

/** A date typed as a keyboard user types it in Chromium's date field (month, day, year). */
async function typeDate(s, id, iso) {
  await tabTo(s, `#${id}`);
  const [y, m, d] = iso.split("-");
  await s.page.keyboard.type(`${m}${d}${y}`);
}

/** One whole interview with the keyboard only: Tab, the arrow keys in radio groups, Space, Enter, typing. */
async function keyboardInterview(s, r) {
  const label = `${s.label}: keyboard only, ${r.jurisdiction} ${r.form}`;
  say(`interview ${label}`);
  await goto(s.page, "/");
  await tabTo(s, "main a[href='/interview']");
  await pressed(s, "Enter");
  await tabTo(s, "#f-q");
  await s.page.keyboard.type(r.search);
  await pressed(s, "Enter");
  await tabTo(s, "input[name='jurisdiction']", r.jurisdiction);
  await submitByKeys(s);
  await expectPath(s, /\/agency$/, "keyboard step 1");
  await tabTo(s, "input[name='received_by']", r.received_by);
  await submitByKeys(s);
  await expectPath(s, /\/paper$/, "keyboard step 2");
  await tabTo(s, "input[name='signed_by_judge']", r.signed_by_judge);
  await tabTo(s, "input[name='form']", r.form);
  for (const item of r.requested) {
    await tabTo(s, `input[name='requested'][value='${item}']`);
    await s.page.keyboard.press("Space");
  }
  await typeDate(s, "f-received", r.received);
  await tabTo(s, "input[name='delivered']", r.delivered);
  for (const field of ["office", "officer"]) {
    await tabTo(s, `#f-${field}`);
    await s.page.keyboard.type(r[field]);
  }
  await submitByKeys(s);
  await expectPath(s, /\/person$/, "keyboard step 3");
  await tabTo(s, "#f-subject_name");
  await s.page.keyboard.type(r.subject_name);
  await tabTo(s, "input[name='reply_by']", r.reply_by);
  await submitByKeys(s);
  if (/\/facts$/.test(s.page.url())) await submitByKeys(s);
  await expectPath(s, /\/preview$/, "keyboard facts");
  await tabTo(s, "main form[action$='/finish'] button[type='submit']");
  await pressed(s, "Enter");
  await expectPath(s, /\/done$/, "keyboard finish");
  const letter = KINDS[r.form].letter;
  const link = `main a[href$='/files/en/${letter}.docx']`;
  await tabTo(s, link);
  const bytes = await download(s, s.page.locator(link), `${letter}-en.docx`, path.join(downloads, "keyboard"), label, { keys: true });
  if (bytes && !docxText(bytes).text.includes(r.subject_name)) fail(label, "the letter does not name the person");
}

// ---- The court stop, the register, the reports, the refused page -------------------------------

/** A judge's signature (or a court's form) stops the interview: the warning, no letter; recorded. */
async function courtStop(s, r, { auditing }) {
  const label = `${s.label}: court stop (${r.signed_by_judge === "yes" ? "signed by a judge" : `form ${r.form}`})`;
  say(label);
  await chooseJurisdiction(s, r, { auditing: false });
  await fillPaper(s.page, r);
  await send(s.page);
  await expectPath(s, /\/court$/, label);
  const warning = s.page.locator(".warning[role='alert']");
  if ((await warning.count()) !== 1 || !(await warning.textContent()).trim()) fail(label, "no warning (role=alert)");
  if ((await s.page.locator("section.preview, a[href*='/files/'], a[href$='.zip']").count()) > 0) fail(label, "shows a letter");
  if (auditing) await audit(s, "court stop");
  await send(s.page);
  const recorded = s.page.locator("main a[href^='/register/']");
  if ((await recorded.count()) === 0) fail(label, "not recorded (no link to the register)");
}

async function registerPage(s, overdue, later, closing) {
  say(`${s.label}: the register`);
  await goto(s.page, "/register");
  const rows = s.page.locator("main table tbody tr");
  const order = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector("a[href^='/register/']")?.getAttribute("href")));
  for (const id of [overdue, later, closing]) if (!order.includes(`/register/${id}`)) fail("the register", `does not list request ${id}`);
  if (order.indexOf(`/register/${overdue}`) > order.indexOf(`/register/${later}`)) fail("the register", "the overdue request is not listed before a later one");
  const row = rows.filter({ has: s.page.locator(`a[href='/register/${overdue}']`) });
  const words = (await s.page.getAttribute("html", "lang")) === "es" ? "Vencida" : "Overdue";
  if (!(await row.getAttribute("class"))?.split(/\s+/).includes("overdue")) fail("the register", `request ${overdue} is not marked overdue`);
  if (!(await row.textContent()).includes(words)) fail("the register", `request ${overdue} does not say "${words}"`);
  if ((await s.page.locator("main table caption").count()) !== 1) fail("the register", "its table has no caption");
}

async function closeRequest(s, id) {
  say(`${s.label}: closing request ${id}`);
  await goto(s.page, `/register/${id}`);
  await audit(s, "one request");
  await s.page.selectOption("#f-outcome", "declined");
  const status = await send(s.page, `main form[action='/register/${id}/close'] button[type='submit']`);
  if (status !== 200 || new URL(s.page.url()).pathname !== `/register/${id}`) fail(`closing request ${id}`, `landed on ${where(s.page)} (${status})`);
  await goto(s.page, "/register");
  if ((await s.page.locator(`main a[href='/register/${id}']`).count()) > 0) fail(`closing request ${id}`, "still listed as open");
}

async function reports(s) {
  say(`${s.label}: the reports`);
  await goto(s.page, "/reports");
  await audit(s, "reports");
  const year = await s.page.inputValue("#f-year");
  if (year !== today.slice(0, 4)) fail("the reports' form", `year ${year}, not this year`);
  const [file] = await Promise.all([s.page.waitForEvent("download"), s.page.locator("main form[action='/reports/download'] button[type='submit']").click()]);
  if (file.suggestedFilename() !== `reports-${year}.zip`) fail("the reports", `downloaded ${file.suggestedFilename()}`);
  const saved = path.join(downloads, file.suggestedFilename());
  await file.saveAs(saved);
  const names = [...readZip(fs.readFileSync(saved)).keys()];
  if (!names.some((n) => n.endsWith(".docx")) || !names.some((n) => n.endsWith(".csv"))) fail("the reports' zip", `holds ${names.join(", ") || "nothing"}`);
}

async function refusedAndMissing(lang) {
  const s = await session(`refused ${lang}`, { withToken: false });
  await s.context.addCookies([{ name: "responsekit_lang", value: lang, url: origin }]);
  const status = await goto(s.page, "/register");
  if (status !== 403) fail("without the session", `/register answered ${status}`);
  await audit(s, "refused");
  await s.context.close();
}

// ---- The run -------------------------------------------------------------------------------

const configFile = path.join(tree, "us/ca/alameda/jurisdiction.yaml");
const pristine = fs.readFileSync(configFile, "utf8");
const en = await session("en");
const es = await session("es");
try {
  // The home page in each language; Spanish chosen with the language link of the first page.
  await audit(en, "home");
  await screenshot(en, "home");
  await goto(es.page, "/interview");
  await navigation(es.page, () => es.page.locator("nav.languages a[hreflang='es']").click());
  if ((await es.page.getAttribute("html", "lang")) !== "es") fail("the language link", "the page is not in Spanish");
  await goto(es.page, "/");
  await audit(es, "home");
  for (const s of [en, es]) {
    const status = await goto(s.page, `/interview/${"0".repeat(64)}/agency`);
    if (status !== 404) fail("an unknown interview", `answered ${status}`);
    await audit(s, "not found");
  }

  // Alameda, English, a detainer with the facts left unknown: a draft; overdue in the register.
  const overdue = await interview(en, request("us/ca/alameda", "I-247A", {
    received: "2026-11-18", return_date: "2026-11-21", lang: "en", checkFactWithoutSource: true,
  }), { auditing: true, shooting: true, errors: true });
  compareWithRespond(overdue, true);

  // Alameda, Spanish, a subpoena with every fact given for this answer only: final, and the
  // config is not touched.
  const given = await interview(es, request("us/ca/alameda", "I-138", {
    return_date: "2026-12-04", facts: "given", lang: "es",
    signer_name: "Pat Example", signer_title: "County Counsel",
  }), { auditing: true, errors: true });
  if (fs.readFileSync(configFile, "utf8") !== pristine) fail("facts for one answer", "the config file was changed");
  for (const [field, message] of Object.entries(given.errors ?? {})) {
    if (overdue.errors?.[field] === message) fail(`the Spanish error for ${field}`, `is the English one: "${message}"`);
  }

  // Alameda, English, the same kind with the facts written back: final; the config holds them.
  const written = await interview(en, request("us/ca/alameda", "I-138", {
    return_date: "2026-12-10", facts: "write", lang: "en",
    signer_name: "Pat Example", signer_title: "County Counsel",
  }));
  const after = fs.readFileSync(configFile, "utf8");
  for (const value of Object.values(written.given)) if (!after.includes(value)) fail("facts written back", `the config lacks ${value}`);
  if (!after.includes(FACT_SOURCE) || !after.includes(`verified: ${today}`)) fail("facts written back", "without their source and the day verified");
  try {
    execFileSync(binary, ["check", "--quiet", "--jurisdictions", tree], { stdio: ["ignore", "ignore", "pipe"] });
  } catch (e) {
    fail("responsekit check on the written config", `${e.stderr}`);
  }
  // Both answers given every fact are what respond writes now that the config holds them.
  compareWithRespond(given, false);
  compareWithRespond(written, false);

  // The other kinds, in both languages: an information request on no form in Alameda (a juvenile
  // once, with a guardian), the administrative warrants in New York City (drafts: its config
  // leaves facts unknown).
  for (const [s, r] of [
    [es, request("us/ca/alameda", "none", { lang: "es", subject_juvenile: true, subject_dob: "", subject_guardian: PERSON.guardian })],
    [en, request("us/ca/alameda", "none", { lang: "en" })],
    [es, request("us/ca/alameda", "I-247A", { lang: "es", signer_name: "Pat Example", signer_title: "County Counsel" })],
    [en, request("us/ny/new-york-city", "I-200", { lang: "en" })],
    [es, request("us/ny/new-york-city", "I-200", { lang: "es" })],
    [es, request("us/ny/new-york-city", "I-205", { lang: "es" })],
    [en, request("us/ny/new-york-city", "I-247A", { lang: "en" })],
  ]) {
    // A draft or not as the preview says; respond, on the same tree, is the judge of the text.
    const done = await interview(s, r);
    compareWithRespond(done, done.draft);
    if (r.subject_juvenile) {
      const notices = [...done.zip].filter(([n]) => n.endsWith(".docx")).map(([, b]) => docxText(b).text).join("\n");
      if (!notices.includes(PERSON.guardian)) fail("a juvenile's answer", "does not name the guardian");
    }
  }

  // New York City, English, I-205, by keyboard only.
  await keyboardInterview(en, request("us/ny/new-york-city", "I-205", { lang: "en" }));

  // The court stops, one per language.
  await courtStop(en, request("us/ca/alameda", "I-247A", { signed_by_judge: "yes" }), { auditing: true });
  await courtStop(es, request("us/ca/alameda", "court", { form_other: "AO 88B", requested: ["records"] }), { auditing: true });

  // The register: listed most urgent first, the overdue one marked; one closed; the reports.
  await registerPage(en, overdue.registerId, written.registerId, given.registerId);
  if (shots) await screenshot(en, "register");
  await audit(en, "register");
  await registerPage(es, overdue.registerId, written.registerId, given.registerId);
  await audit(es, "register");
  await closeRequest(es, given.registerId);
  await closeRequest(en, written.registerId);
  await reports(en);
  await goto(es.page, "/reports");
  await audit(es, "reports");

  await refusedAndMissing("en");
  await refusedAndMissing("es");
} catch (e) {
  fail("the run", `stopped: ${e.message.split("\n")[0]}`);
}
await browser.close();

say(`axe ran on ${audited.size} page kinds × 2 widths: ${[...audited].join(", ")}`);
if (problems.length) {
  console.error(`serve-e2e: ${problems.length} problems`);
  process.exit(1);
}
say("passed");
