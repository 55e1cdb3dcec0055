// The site at phone width, in Debian's Chromium driven by playwright-core (no browser download).
// Called by tests/scripts/browser-check.sh with the site's base URL (the local server) and the
// folder it was built in. For each page, at 390×844: no horizontal scroll, the breadcrumb on one
// line, every navigation link and control at least 24 px tall (WCAG 2.5.8), no console error and
// no request outside the site, and axe-core's WCAG 2.1 AA rules (at 390 and 1000 px): every
// page kind of the site in every language. Then the home page's search box, served and opened from file://
// (where fetch() of a JSON file is forbidden, which is why the index is a script): typing a
// county's name lists its page. With SCREENSHOTS=DIR, saves each page's PNG at 390 and 1000 px.
import { chromium } from "playwright-core";
import axe from "axe-core";
import { pathToFileURL } from "node:url";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

const [base, siteDir] = process.argv.slice(2);
const shots = process.env.SCREENSHOTS;
// Every page kind in every language the site has: the home pages, a county's page and every
// document page of its kit (each layout: letters, policies, the memo, notices, the handout, the
// one-pager), the state's directory and coverage pages.
const homes = readdirSync(siteDir).filter((f) => /^index(\.[a-z-]+)?\.html$/.test(f)).sort();
const county = "us/ca/alameda";
const kitPages = readdirSync(path.join(siteDir, county))
  .sort()
  .flatMap((lang) =>
    readdirSync(path.join(siteDir, county, lang))
      .filter((f) => f.endsWith(".html"))
      .sort()
      .map((f) => `${county}/${lang}/${f}`),
  );
const statePages = readdirSync(path.join(siteDir, "us/ca"))
  .filter((lang) => existsSync(path.join(siteDir, "us/ca", lang, "directory.html")))
  .sort()
  .flatMap((lang) => [`us/ca/${lang}/directory.html`, `us/ca/${lang}/coverage.html`]);
const pages = [...homes, ...kitPages, ...statePages];
if (homes.length < 7 || !kitPages.some((p) => p.includes("/ko/"))) {
  throw new Error(`the site lacks pages to check: ${homes.length} home pages`);
}
const PHONE = { width: 390, height: 844 };
const problems = [];
const fail = (page, what) => problems.push(`${page}: ${what}`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});

/** A page in a fresh context that records console errors and requests leaving `origin`. */
async function open(url, viewport, label) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const origin = new URL(url).origin;
  page.on("console", (m) => m.type() === "error" && fail(label, `console error: ${m.text()}`));
  page.on("pageerror", (e) => fail(label, `script error: ${e.message}`));
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.protocol !== "data:" && (u.protocol === "file:" ? !url.startsWith("file:") : u.origin !== origin)) {
      fail(label, `requested ${r.url()}`);
    }
  });
  await page.goto(url, { waitUntil: "load" });
  return { context, page };
}

for (const name of pages) {
  const { context, page } = await open(`${base}/${name}`, PHONE, name);
  const layout = await page.evaluate(() => {
    const crumbs = [...document.querySelectorAll("nav.crumbs li")];
    const tops = new Set(crumbs.map((li) => Math.round(li.getBoundingClientRect().top)));
    const small = [...document.querySelectorAll("header a, nav a, input, button, .formats a")]
      .filter((el) => el.offsetParent !== null)
      .filter((el) => el.getBoundingClientRect().height < 24)
      .map((el) => `${el.textContent.trim() || el.id} (${el.getBoundingClientRect().height.toFixed(1)} px)`);
    return { scrollWidth: document.documentElement.scrollWidth, crumbLines: tops.size, small };
  });
  if (layout.scrollWidth > PHONE.width) fail(name, `scrolls horizontally (${layout.scrollWidth} px wide at ${PHONE.width})`);
  if (layout.crumbLines > 1) fail(name, `the breadcrumb takes ${layout.crumbLines} lines`);
  for (const s of layout.small) fail(name, `tap target under 24 px: ${s}`);
  // axe-core's WCAG 2.1 A and AA rules on every page, at phone width then at 1000 px.
  const audited = [PHONE.width, 1000];
  for (const width of audited) {
    await page.setViewportSize({ width, height: PHONE.height });
    await page.evaluate(axe.source);
    const violations = await page.evaluate(() =>
      window.axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        resultTypes: ["violations"],
      }).then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")} — ${v.help}`)),
    );
    for (const v of violations) fail(name, `axe at ${width} px: ${v}`);
  }
  await page.setViewportSize(PHONE);
  if (shots) {
    const file = name.replaceAll("/", "_").replace(/\.html$/, "");
    await page.screenshot({ path: path.join(shots, `${file}.390.png`) });
    await page.setViewportSize({ width: 1000, height: 1400 });
    await page.screenshot({ path: path.join(shots, `${file}.1000.png`) });
  }
  await context.close();
}

// The search box, served and from file://: a county's name lists its page, announced.
const searches = [
  [`${base}/index.html`, "alameda", "us/ca/alameda/en/index.html"],
  [`${base}/index.es.html`, "santa clara", "us/ca/santa-clara/es/index.html"],
  [`${base}/index.html`, "alameda detainer", "us/ca/alameda/en/letter-detainer.html"],
  [`${base}/index.es.html`, "alameda memorando", "us/ca/alameda/es/memo-counsel.html"],
  [pathToFileURL(path.join(siteDir, "index.html")).href, "santa", "us/ca/santa-clara/en/index.html"],
];
for (const [url, query, expected] of searches) {
  const label = `search "${query}" on ${url.startsWith("file:") ? "file://" : ""}${url.split("/").pop()}`;
  const { context, page } = await open(url, PHONE, label);
  const box = page.getByRole("searchbox");
  if (!(await box.isVisible())) {
    fail(label, "no visible search box");
  } else {
    await box.fill(query);
    const link = page.locator(`#search-results a[href="${expected}"]`);
    try {
      await link.first().waitFor({ timeout: 3000 });
    } catch {
      fail(label, `no result linking to ${expected}`);
    }
    const status = await page.locator("[aria-live]").first().textContent();
    if (!status || !status.trim()) fail(label, "the number of results is not announced");
    if (shots && url === searches[0][0] && query === searches[0][1]) {
      await page.locator("#search-results").scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(shots, "index.search.390.png") });
    }
  }
  await context.close();
}

await browser.close();
console.log(
  `phone-check: ${pages.length} pages (${homes.length} home pages, ${kitPages.length} of ${county}'s kit, ` +
    `${statePages.length} of its state) at 390 px, axe-core WCAG 2.1 AA at 390 and 1000 px: ` +
    `${problems.length} problems`,
);
for (const p of problems) console.error(p);
process.exit(problems.length ? 1 : 0);
