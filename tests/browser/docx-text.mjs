// What a reader of a downloaded DOCX or zip sees, for tests/browser/serve-e2e.mjs: the entries of
// a zip (stored or deflated, as every zip the desk and `respond` write is), and the text of a
// DOCX's body, paragraph by paragraph, with its fill-ins (the exporter writes each as a
// highlighted run of "[…]"). Node's own zlib; no dependency.
import { inflateRawSync } from "node:zlib";

/** The files of a zip, by name: read from its central directory. */
export function readZip(bytes) {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("not a zip (no end of central directory)");
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const files = new Map();
  for (let i = 0; i < count; i++) {
    if (bytes.readUInt32LE(at) !== 0x02014b50) throw new Error("a broken central directory");
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString("utf8", at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(dataStart, dataStart + size);
    if (method === 0) files.set(name, Buffer.from(data));
    else if (method === 8) files.set(name, inflateRawSync(data));
    else throw new Error(`${name}: compression method ${method}`);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const unescape = (s) =>
  s.replace(/&(amp|lt|gt|quot|apos|#x?[0-9a-fA-F]+);/g, (_, e) =>
    ENTITIES[e] ?? String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)));

/**
 * The body of a DOCX as a reader sees it: `text` (paragraphs joined by newlines, a line break
 * inside a paragraph a newline too, a tab a tab) and `fillIns` (the text of each highlighted run).
 */
export function docxText(bytes) {
  const xml = readZip(bytes).get("word/document.xml");
  if (!xml) throw new Error("no word/document.xml");
  const body = xml.toString("utf8");
  const paragraphs = [];
  const fillIns = [];
  for (const [p] of body.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)) {
    let text = "";
    for (const [run] of p.matchAll(/<w:r[ >][\s\S]*?<\/w:r>/g)) {
      const words = [...run.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:(tab|br)(?: [^>]*)?\/>/g)]
        .map((m) => (m[2] === "tab" ? "\t" : m[2] ? "\n" : unescape(m[1])))
        .join("");
      if (/<w:highlight /.test(run)) fillIns.push(words);
      text += words;
    }
    paragraphs.push(text);
  }
  return { text: paragraphs.join("\n"), fillIns };
}
