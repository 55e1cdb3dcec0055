// Load on the counsel's desk, on loopback only and bounded: starts `responsekit serve` on a copy
// of the jurisdiction tree with a register of its own (in a temporary folder, removed after),
// then USERS people at once each complete INTERVIEWS interviews over plain HTTP (no browser: the
// session cookie from the printed address, the CSRF token from the first page), every step as
// the desk's contract names it, loading each answer's preview PREVIEWS times; prints the
// preview's latency (p50, p95, p99, max) and every step's. A benchmark, not a test (not in CI):
// its figures go into BENCHMARKS.md with the machine they were measured on.
//
//   cargo build --release && node bench/serve-load.mjs [--users 20] [--interviews 5] [--previews 2]
//
// RESPONSEKIT=PATH runs another binary. Stops after 300 s whatever happens.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values: options } = parseArgs({
  options: {
    users: { type: "string", default: "20" },
    interviews: { type: "string", default: "5" },
    previews: { type: "string", default: "2" },
  },
});
const USERS = Number(options.users);
const INTERVIEWS = Number(options.interviews);
const PREVIEWS = Number(options.previews);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const binary = process.env.RESPONSEKIT || path.join(root, "target/release/responsekit");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "serve-load-"));
fs.cpSync(path.join(root, "jurisdictions"), path.join(work, "tree"), { recursive: true });

const server = spawn(binary, [
  "serve", "--jurisdictions", path.join(work, "tree"), "--register", path.join(work, "register.sqlite"),
  "--today", "2026-11-25",
], { stdio: ["ignore", "ignore", "pipe"] });
const deadline = setTimeout(() => finish("stopped after 300 s", 1), 300_000);
let log = "";
const address = await new Promise((resolve, reject) => {
  server.stderr.on("data", (chunk) => {
    log += chunk;
    const found = /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}/.exec(log);
    if (found) resolve(found[0]);
  });
  server.on("exit", () => reject(new Error(`the desk did not start:\n${log}`)));
});
const origin = new URL(address).origin;

/** One person's browser, reduced to its cookie jar and the desk's CSRF token. */
class Visitor {
  cookies = new Map();

  async request(route, { method = "GET", form } = {}) {
    const headers = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") };
    let body;
    if (form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams([["csrf", this.csrf], ...form]).toString();
    }
    const response = await fetch(route.startsWith("http") ? route : `${origin}${route}`, { method, headers, body, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const at = pair.indexOf("=");
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const text = await response.text();
    return { status: response.status, location: response.headers.get("location"), text };
  }

  /** A POST that must answer 303; returns where it sends the browser. */
  async post(route, form) {
    const { status, location, text } = await this.request(route, { method: "POST", form });
    if (status !== 303) throw new Error(`POST ${route.replace(/[0-9a-f]{64}/, "{id}")} answered ${status}${status === 422 ? `: ${errorsOf(text)}` : ""}`);
    return location;
  }
}

const errorsOf = (html) => [...html.matchAll(/class="field-error"[^>]*>([^<]*)</g)].map((m) => m[1]).join("; ");
const timings = new Map();
async function timed(step, action) {
  const start = process.hrtime.bigint();
  const result = await action();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!timings.has(step)) timings.set(step, []);
  timings.get(step).push(ms);
  return result;
}

/** One interview, step by step: a detainer received by the Alameda sheriff, its facts left unknown. */
async function interview(visitor, n) {
  let at = await timed("POST /interview", () => visitor.post("/interview", [["jurisdiction", "us/ca/alameda"]]));
  at = await timed("POST agency", () => visitor.post(at, [["received_by", "sheriff"]]));
  at = await timed("POST paper", () => visitor.post(at, [
    ["signed_by_judge", "no"], ["form", "I-247A"], ["requested", "release_date"], ["requested", "hold"],
    ["received", "2026-11-20"], ["return_date", ""], ["delivered", "fax"],
    ["office", "ICE Enforcement and Removal Operations"], ["officer", "Deportation Officer"],
    ["a_number", ""], ["subject_id", ""], ["event_number", ""], ["document_number", ""],
  ]));
  at = await timed("POST person", () => visitor.post(at, [
    ["subject_name", `Load Test Person ${n}`], ["subject_dob", ""], ["subject_booking", ""],
    ["subject_guardian", ""], ["subject_attorney", ""], ["signer_name", ""], ["signer_title", ""], ["reply_by", "email"],
  ]));
  if (at.endsWith("/facts")) {
    const facts = await visitor.request(at);
    at = facts.status === 303 ? facts.location : await timed("POST facts", () => visitor.post(at, []));
  }
  for (let i = 0; i < PREVIEWS; i++) {
    const preview = await timed("GET preview", () => visitor.request(at));
    if (preview.status !== 200 || !preview.text.includes('class="preview"')) throw new Error(`the preview answered ${preview.status}`);
  }
  const done = await timed("POST finish", () => visitor.post(at.replace(/\/preview$/, "/finish"), []));
  const page = await visitor.request(done);
  if (page.status !== 200) throw new Error(`the done page answered ${page.status}`);
}

async function user(n) {
  const visitor = new Visitor();
  await visitor.request(address);
  const first = await visitor.request("/interview");
  visitor.csrf = /name="csrf" value="([0-9a-f]{64})"/.exec(first.text)?.[1];
  if (!visitor.csrf) throw new Error("no CSRF token on /interview");
  for (let i = 0; i < INTERVIEWS; i++) await interview(visitor, n * INTERVIEWS + i);
}

function finish(message, code) {
  clearTimeout(deadline);
  server.kill("SIGTERM");
  fs.rmSync(work, { recursive: true, force: true });
  if (message) console.log(message);
  process.exitCode = code;
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
const began = Date.now();
try {
  await Promise.all(Array.from({ length: USERS }, (_, n) => user(n)));
  const seconds = (Date.now() - began) / 1000;
  console.log(`${USERS} users × ${INTERVIEWS} interviews (${PREVIEWS} preview loads each), on ${os.cpus().length} cores: ${seconds.toFixed(1)} s`);
  console.log("step              n      p50      p95      p99      max   (ms)");
  for (const [step, all] of timings) {
    const sorted = [...all].sort((a, b) => a - b);
    const cells = [0.5, 0.95, 0.99, 1].map((q) => quantile(sorted, q).toFixed(1).padStart(8));
    console.log(`${step.padEnd(16)} ${String(sorted.length).padStart(3)} ${cells.join(" ")}`);
  }
  finish("", 0);
} catch (e) {
  finish(`serve-load: ${e.message}`, 1);
}
