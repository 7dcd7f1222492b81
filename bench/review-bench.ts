// Review desk benchmark: the queue page over a 100,000-document index, and one approval (re-render, re-sign, store).
// Run: npx tsx bench/review-bench.ts [--docs 100000] [--approvals 5]
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { ArchiveOutput } from "../pipelines/outputs/archive-output.js";
import { processDocument } from "../pipelines/process-document.js";
import { hashPassword } from "../src/auth/index.js";
import { silentLogger } from "../src/logger.js";
import { createOcrEngine } from "../src/ocr/index.js";
import { applyDecision } from "../src/review/decide.js";
import { PageImages } from "../src/review/page-images.js";
import { QueueIndex, type IndexEntry } from "../src/review/queue-index.js";
import { reviewApp } from "../src/review/server.js";
import { Pkcs12Signer } from "../src/signing/pkcs12-signer.js";
import { createTrialKeys } from "../src/signing/trial-ca.js";
import { LocalArchiveStore } from "../src/storage/local-store.js";
import { versionKeys } from "../src/storage/versions.js";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const DOCS = arg("docs", 100_000);
const APPROVALS = arg("approvals", 5);
const BUILD_DOCS = arg("build-docs", 2_000);
const REASONS = [
  "missing field issueDate",
  "doubtful field documentNumber: handwritten",
  "document type not recognised",
  "orientation uncertain",
];
const TYPES = [
  "birth_extract",
  "decision",
  "marital_status",
  "household_business",
  "construction_permit",
  "unknown",
];

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return `median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${s.at(-1)!.toFixed(1)} ms (n=${s.length})`;
};

/** Synthetic entries shaped like real ones: 40 units, 6 years, 6 types, one or two reasons; 80 % pending. */
function synthetic(i: number): IndexEntry {
  const id = createHash("sha256").update(String(i)).digest("hex");
  const unit = String(27001 + (i % 40));
  const year = String(2019 + (i % 6));
  const docType = TYPES[i % TYPES.length]!;
  return {
    id,
    prefix: `commune/${unit}/${year}/${docType}/${id.slice(0, 16)}`,
    docId: id.slice(0, 16),
    batchId: `lo-${Math.floor(i / 500)}`,
    unit,
    level: "commune",
    year,
    docType,
    reasons: i % 3 === 0 ? [REASONS[i % 4]!, REASONS[(i + 1) % 4]!] : [REASONS[i % 4]!],
    status: i % 5 === 0 ? "archived" : "pending",
    version: 1,
    file: `scan-${String(i).padStart(6, "0")}.jpg`,
    ref: { docId: id, unit, year: Number(year) },
  };
}

async function queueBench(dir: string): Promise<void> {
  const index = new QueueIndex();
  const start = performance.now();
  index.putAll(Array.from({ length: DOCS }, (_, i) => synthetic(i)));
  const heap = (process.memoryUsage().heapUsed / 2 ** 20).toFixed(0);
  console.log(`index: ${DOCS} entries put in ${(performance.now() - start).toFixed(0)} ms, heap ${heap} MiB`);
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = [
    { user: "bench", password: await hashPassword("bench-password"), role: "operator" as const },
  ];
  server.on(
    "request",
    await reviewApp({
      store: new LocalArchiveStore(path.join(dir, "empty")),
      index,
      auth: { accounts },
      origins: [base],
    }),
  );
  const login = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: base },
    body: new URLSearchParams({ user: "bench", password: "bench-password" }),
  });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
  const get = async (q: string) => {
    const t = performance.now();
    const res = await fetch(`${base}/queue${q}`, { headers: { cookie } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${q}: ${res.status}`);
    return { ms: performance.now() - t, bytes: body.length };
  };
  const first = await get("");
  console.log(`queue page, first request after start: ${first.ms.toFixed(1)} ms, ${first.bytes} bytes`);
  // Every request after a change to the index computes its page afresh (one pass over the pending list);
  // a repeated request is served from the page cache until the next decision.
  let n = 0;
  for (const [label, q] of [
    ["no filter", ""],
    ["unit + year", "?unit=27005&year=2021"],
    ["reason", `?reason=${encodeURIComponent("orientation uncertain")}`],
    ["page 500", "?offset=25000"],
  ] as const) {
    const fresh: number[] = [];
    const repeat: number[] = [];
    for (let i = 0; i < 30; i++) {
      const e = synthetic(++n * 7 + 1);
      index.put({ ...e, status: e.status === "pending" ? "approved" : "pending", version: 2 });
      fresh.push((await get(q)).ms);
      repeat.push((await get(q)).ms);
    }
    console.log(
      `queue page (${DOCS} docs, ${label}), right after a decision: ${stats(fresh)}; repeated: ${stats(repeat)}`,
    );
  }
  await new Promise((resolve) => server.close(resolve));
}

async function approveBench(dir: string): Promise<void> {
  const keys = await createTrialKeys({
    organisation: "UBND xã Bench",
    outDir: path.join(dir, "keys"),
    passphrase: "bench-passphrase",
    keyType: "rsa",
  });
  const signer = await Pkcs12Signer.fromFile(keys.p12Path, "bench-passphrase");
  const store = new LocalArchiveStore(path.join(dir, "archive"));
  const ocr = await createOcrEngine({ engine: "native", concurrency: 1 });
  const peer: string[] = [];
  for (const name of ["quyet-dinh-mau-sac.jpg", "xac-nhan-hon-nhan-2-trang.tif"]) {
    const file = path.resolve("fixtures/samples", name);
    const sha256 = createHash("sha256")
      .update(await readFile(file))
      .digest("hex");
    const workDir = path.join(dir, "work", name);
    await mkdir(workDir, { recursive: true });
    const done = await processDocument(
      file,
      { ocr, signing: { signer } },
      new ArchiveOutput(store, {
        docId: sha256.slice(0, 16),
        sha256,
        batchId: "b",
        file,
        unit: "27001",
        level: "commune",
        year: 2024,
      }),
      { workDir, log: silentLogger },
    );
    peer.push(`${name}: pipeline pdfa ${done.doc.timings.pdfa} ms + sign ${done.doc.timings.sign} ms`);
  }
  await ocr.close();
  const index = await QueueIndex.build(store);
  const images = new PageImages(store, 0);
  for (const e of index.all()) {
    const times: number[] = [];
    const withRender: number[] = [];
    const parts: string[] = [];
    for (let i = 0; i < APPROVALS; i++) {
      const t = performance.now();
      const decision = {
        action: "approve" as const,
        fields: { documentNumber: `${i + 1}/QĐ-UBND` },
        ...(i === 0 ? { turns: { 0: 1 } } : {}),
      };
      const r = await applyDecision(e.prefix, decision, { store, signer, user: "bench" });
      times.push(performance.now() - t);
      await images.png(e.prefix, r.version, 0);
      withRender.push(performance.now() - t);
      parts.push(`pdfa ${r.timings.pdfa} sign ${r.timings.sign} store ${r.timings.store}`);
    }
    console.log(
      `approve ${e.file} (revise PDF/A + RSA sign + store, v2..v${APPROVALS + 1}): ${stats(times)}; last: ${parts.at(-1)}`,
    );
    console.log(
      `  + render the new version's page 1 for the reviewer (PDFium, 110 dpi PNG): ${stats(withRender)}`,
    );
    const last = path.join(store.root, versionKeys(e.prefix, APPROVALS + 1).pdf);
    const run = promisify(execFile);
    const sig = await run("pdfsig", [last]).then(
      (r) => (r.stdout.includes("Signature is Valid.") ? "valid" : "NOT valid"),
      () => "failed",
    );
    const qpdf = await run("qpdf", ["--check", last]).then(
      () => "ok",
      (err: Error) => `failed: ${err.message.slice(0, 80)}`,
    );
    console.log(`  v${APPROVALS + 1}: pdfsig ${sig}, qpdf --check ${qpdf}`);
  }
  for (const p of peer) console.log(`peer, same run: ${p}`);
}

/** Start-up: one listing and one metadata.json read per document, from a local folder archive. */
async function buildBench(dir: string): Promise<void> {
  const store = new LocalArchiveStore(path.join(dir, "build"));
  for (let i = 0; i < BUILD_DOCS; i++) {
    const e = synthetic(i);
    const meta = {
      docId: e.docId,
      sha256: e.id,
      file: e.file,
      unit: e.unit,
      level: e.level,
      year: Number(e.year),
      batchId: e.batchId,
      docType: e.docType,
      fields: {},
      needsReview: e.status === "pending",
      reviewReasons: e.reasons,
      keys: {},
      checksums: {},
    };
    await store.put(versionKeys(e.prefix, 1).metadata, new TextEncoder().encode(JSON.stringify(meta)));
  }
  const t = performance.now();
  const index = await QueueIndex.build(store);
  const ms = performance.now() - t;
  console.log(
    `index build at start-up from a folder archive: ${index.size} documents in ${ms.toFixed(0)} ms ` +
      `(${((ms / index.size) * 1000).toFixed(0)} µs per document)`,
  );
}

const dir = await mkdtemp(path.join(tmpdir(), "sohoa-review-bench-"));
try {
  await queueBench(dir);
  await buildBench(dir);
  await approveBench(dir);
} finally {
  await rm(dir, { recursive: true, force: true });
}
