// The review desk in a real Chromium: log in, queue, correct by keyboard, approve → a new signed version; leases; CSRF.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../src/auth/index.js";
import { QueueIndex } from "../../src/review/queue-index.js";
import { reviewApp } from "../../src/review/server.js";
import { certificatesFromPem, verifyPdfFile } from "../../src/signing/verify.js";
import { checkFixity } from "../../src/storage/fixity.js";
import { listVersions, readEvents, versionKeys } from "../../src/storage/versions.js";
import { skipWithout } from "../require-tool.js";
import { buildTestArchive, type TestArchive } from "./archive-fixture.js";

const run = promisify(execFile);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const skip = skipWithout("chromium", existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}`);
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

let archive: TestArchive;
let server: http.Server;
let base: string;
let index: QueueIndex;

async function login(user: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: base, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ user, password }),
  });
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  const page = await (await fetch(`${base}/queue`, { headers: { cookie } })).text();
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page)![1]! };
}

describe.skipIf(skip)("sohoa review desk", () => {
  beforeAll(async () => {
    archive = await buildTestArchive(["thong-bao-khong-ro-loai.webp", "trich-luc-khai-sinh.png"]);
    index = await QueueIndex.build(archive.store);
    const accounts = [
      { user: "lan", password: await hashPassword("mat-khau-cua-lan"), role: "operator" as const },
      { user: "minh", password: await hashPassword("mat-khau-cua-minh"), role: "operator" as const },
    ];
    server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const app = await reviewApp({
      store: archive.store,
      index,
      auth: { accounts },
      origins: [base],
      signer: archive.signer,
      ledger: archive.ledger,
    });
    server.on("request", app);
  }, 120_000);
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await archive?.ledger.close();
    await archive?.remove();
  });

  it("refuses a write without a session or without a CSRF token", async () => {
    const id = index.query({}).entries[0]!.id;
    const body = JSON.stringify({ action: "approve" });
    const noSession = await fetch(`${base}/doc/${id}/decision`, {
      method: "POST",
      headers: { origin: base, "content-type": "application/json" },
      body,
    });
    expect(noSession.status).toBe(401);
    const { cookie } = await login("lan", "mat-khau-cua-lan");
    const noToken = await fetch(`${base}/doc/${id}/decision`, {
      method: "POST",
      headers: { origin: base, cookie, "content-type": "application/json" },
      body,
    });
    expect(noToken.status).toBe(403);
    const badToken = await fetch(`${base}/doc/${id}/decision`, {
      method: "POST",
      headers: { origin: base, cookie, "content-type": "application/json", "x-csrf-token": "x".repeat(43) },
      body,
    });
    expect(badToken.status).toBe(403);
    expect(await listVersions(archive.store, index.get(id)!.prefix)).toEqual([1]);
    expect((await fetch(`${base}/doc/${id}/page/99.png`, { headers: { cookie } })).status).toBe(404);
    const english = await (await fetch(`${base}/queue?lang=en`, { headers: { cookie } })).text();
    expect(english).toContain("Review queue");
    const filtered = await (await fetch(`${base}/queue?lang=en&unit=27001`, { headers: { cookie } })).text();
    expect(filtered).toContain('href="/queue?unit=27001&#38;lang=vi"');
    expect(await (await fetch(`${base}/queue`, { headers: { cookie } })).text()).toContain(
      "Hàng chờ kiểm tra",
    );
  });

  it("holds a document for one reviewer: a second one is refused", async () => {
    const id = index.query({}).entries[0]!.id;
    const lan = await login("lan", "mat-khau-cua-lan");
    const minh = await login("minh", "mat-khau-cua-minh");
    expect((await fetch(`${base}/doc/${id}`, { headers: { cookie: lan.cookie } })).status).toBe(200);
    const refused = await fetch(`${base}/doc/${id}`, { headers: { cookie: minh.cookie } });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("đang được lan xem xét");
    const queue = await (await fetch(`${base}/queue`, { headers: { cookie: minh.cookie } })).text();
    expect(queue).toMatch(new RegExp(`<tr data-id="${id}">.*<td class="held">lan</td>`));
    const write = await fetch(`${base}/doc/${id}/decision`, {
      method: "POST",
      headers: {
        origin: base,
        cookie: minh.cookie,
        "content-type": "application/json",
        "x-csrf-token": minh.csrf,
      },
      body: JSON.stringify({ action: "approve" }),
    });
    expect(write.status).toBe(409);
    expect(await listVersions(archive.store, index.get(id)!.prefix)).toEqual([1]);
  });

  it("logs in, corrects fields by keyboard and approves: a new signed version, the old one intact", async () => {
    const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(`${base}/login`);
      await page.fill("input[name=user]", "lan");
      await page.fill("input[name=password]", "mat-khau-cua-lan");
      await page.press("input[name=password]", "Enter");
      await page.waitForURL(/\/queue/);
      const total = Number(await page.textContent("#total"));
      expect(total).toBeGreaterThanOrEqual(1);
      await page.screenshot({ path: "docs/review-queue.png" });

      const id = (await page.getAttribute("#queue tbody tr", "data-id"))!;
      const entry = index.get(id)!;
      const v1 = versionKeys(entry.prefix, 1);
      const before = { pdf: await archive.store.get(v1.pdf), meta: await archive.store.get(v1.metadata) };
      await page.keyboard.press("j");
      await page.waitForURL(new RegExp(`/doc/${id}`));
      await page.waitForFunction("[...document.images].every((i) => i.complete && i.naturalWidth > 0)");
      await page.waitForSelector(".box");
      await page.selectOption("#docType", "decision");
      await page.focus("#docType");
      await page.keyboard.press("Tab");
      expect(await page.evaluate("document.activeElement.name")).toBe("documentNumber");
      await page.keyboard.press("Control+A");
      await page.keyboard.type("15/QĐ-UBND");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Control+A");
      await page.keyboard.type("2023-05-04");
      // Clicking into a field shows where it was read, and the place large.
      await page.click("input[name=issuer]");
      expect(await page.locator(".box.hl").count()).toBeGreaterThan(0);
      expect(await page.isVisible("#crop")).toBe(true);
      await page.screenshot({ path: "docs/review-document.png" });
      await page.focus("input[name=issueDate]");
      await page.keyboard.press("Control+Enter");
      await page.waitForURL((url) => !url.pathname.startsWith(`/doc/${id}`));

      const prefix = entry.prefix;
      expect(await listVersions(archive.store, prefix)).toEqual([1, 2]);
      expect(Buffer.from(await archive.store.get(v1.pdf)).equals(Buffer.from(before.pdf))).toBe(true);
      expect(Buffer.from(await archive.store.get(v1.metadata)).equals(Buffer.from(before.meta))).toBe(true);
      const v2 = versionKeys(prefix, 2);
      const meta = JSON.parse(await readFile(path.join(archive.store.root, v2.metadata), "utf8"));
      expect(meta).toMatchObject({
        docType: "decision",
        needsReview: false,
        review: { action: "approve", by: "lan", fromVersion: 1 },
      });
      expect(meta.fields.documentNumber.value).toBe("15/QĐ-UBND");
      expect(meta.fields.issueDate.value).toBe("2023-05-04");

      const events = await readEvents(archive.store, prefix);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        eventType: "review.approve",
        linkingAgent: "lan",
        fromVersion: 1,
        toVersion: 2,
        eventOutcome: "success",
      });
      expect(events[0]!.changes).toContainEqual({
        field: "fields.documentNumber",
        from: expect.anything(),
        to: "15/QĐ-UBND",
      });
      expect(events[0]!.changes).toContainEqual(
        expect.objectContaining({ field: "docType", to: "decision" }),
      );

      const pdfFile = path.join(archive.store.root, v2.pdf);
      const trusted = certificatesFromPem(await readFile(archive.caPem, "utf8"));
      const report = await verifyPdfFile(pdfFile, { trusted });
      expect(report.errors).toEqual([]);
      expect(report.valid).toBe(true);
      expect(report.sidecar?.matches).toBe(true);
      const pdfsig = await run("pdfsig", [pdfFile]);
      expect(pdfsig.stdout).toContain("Signature Validation: Signature is Valid.");
      const old = await verifyPdfFile(path.join(archive.store.root, v1.pdf), { trusted });
      expect(old.valid).toBe(true);

      const fixity = await checkFixity(archive.store, "");
      expect(fixity.problems).toEqual([]);
      expect(fixity.documents).toBeGreaterThanOrEqual(3);

      // The issue date moved the document to 2023 in the ledger, and it counts once.
      const links = (await archive.ledger.links()).filter((l) => l.docId === id);
      expect(links).toEqual([expect.objectContaining({ docId: id, year: 2023 })]);
      expect(index.get(id)).toMatchObject({ status: "approved", version: 2 });
      // The CLI: `sohoa verify` on the new version (its sidecar is v2/metadata.json), and the reviews scored.
      const cli = ["--import", "tsx", path.resolve("cli/index.ts")];
      const folder = path.join(archive.store.root, prefix);
      const verified = await run(process.execPath, [...cli, "verify", "--ca", archive.caPem, folder]);
      expect([...verified.stdout.matchAll(/^OK +(\S+)/gm)].map((m) => m[1])).toEqual([
        path.join(folder, "document.pdf"),
        pdfFile,
      ]);
      expect(verified.stdout.match(/sha256 matches$/gm)).toHaveLength(2);
      const scored = await run(process.execPath, [...cli, "eval", "--reviews", archive.store.root, "--json"]);
      const evaluation = JSON.parse(scored.stdout);
      expect(evaluation).toMatchObject({
        reviewed: 1,
        excluded: 0,
        score: { documents: 1, docTypeAccuracy: 0 },
      });
      expect(evaluation.score.fields.documentNumber.correct).toBe(0);
      expect(evaluation.score.mismatches).toContainEqual(
        expect.objectContaining({ field: "documentNumber", expected: "15/QĐ-UBND" }),
      );

      expect(index.query({}).entries.map((e) => e.id)).not.toContain(id);
    } finally {
      await browser.close();
    }
  }, 40_000);
});
