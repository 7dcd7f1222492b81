// storeDocument: original, PDF and metadata once per document; re-runs and interrupted runs never write twice.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidKeyError } from "../../src/errors/index.js";
import { WorkerMetrics } from "../../src/queue/index.js";
import { storeDocument } from "../../src/stages/store.js";
import { LocalArchiveStore, documentKeys, sha256Bytes } from "../../src/storage/index.js";

let tmp: string;
let scan: string;
const scanBytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7]);
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-stage-"));
  scan = path.join(tmp, "Quyet dinh 15.JPG");
  await fs.writeFile(scan, scanBytes);
});
afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

const input = (pdf: Uint8Array) => ({
  docId: "abc123",
  sha256: sha256Bytes(scanBytes),
  level: "district" as const,
  unit: "Quận Ba Đình",
  year: 2020,
  docType: "decision",
  originalPath: scan,
  pdf,
  metadata: { fields: { documentNumber: { value: "15/QĐ-UBND", confidence: 0.9, valid: true } } },
});

describe("storeDocument", () => {
  it("stores the three objects under the documented layout with their checksums", async () => {
    const store = new LocalArchiveStore(path.join(tmp, "a"));
    const pdf = new TextEncoder().encode("%PDF-1.7 signed");
    const r = await storeDocument(input(pdf), store);
    expect(r.alreadyArchived).toBe(false);
    expect(r.keys).toEqual({
      original: "district/Quận Ba Đình/2020/decision/abc123/original.jpg",
      pdf: "district/Quận Ba Đình/2020/decision/abc123/document.pdf",
      metadata: "district/Quận Ba Đình/2020/decision/abc123/metadata.json",
    });
    expect(r.checksums[r.keys.pdf!]).toBe(sha256Bytes(pdf));
    expect(r.checksums[r.keys.original!]).toBe(sha256Bytes(scanBytes));
    const meta = JSON.parse(new TextDecoder().decode(await store.get(r.keys.metadata!)));
    expect(meta).toMatchObject({
      docId: "abc123",
      unit: "Quận Ba Đình",
      checksums: { [r.keys.pdf!]: sha256Bytes(pdf) },
    });
    expect(meta.fields.documentNumber.value).toBe("15/QĐ-UBND");
  });

  it("a re-run with a newly signed PDF writes nothing and returns the archived record", async () => {
    const store = new LocalArchiveStore(path.join(tmp, "b"));
    const first = await storeDocument(input(new TextEncoder().encode("%PDF signed at 10:00")), store);
    const again = await storeDocument(input(new TextEncoder().encode("%PDF signed at 10:05")), store);
    expect(again.alreadyArchived).toBe(true);
    expect(again.checksums).toEqual(first.checksums);
  });

  it("adopts a PDF left by an interrupted attempt instead of conflicting with it", async () => {
    const store = new LocalArchiveStore(path.join(tmp, "c"));
    const keys = documentKeys(input(new Uint8Array()), "jpg");
    const left = new TextEncoder().encode("%PDF from the crashed attempt");
    await store.put(keys.pdf, left);
    const r = await storeDocument(input(new TextEncoder().encode("%PDF from this attempt")), store);
    expect(r.alreadyArchived).toBe(false);
    expect(r.checksums[keys.pdf]).toBe(sha256Bytes(left));
  });

  it("refuses unsafe key parts from extracted or user data", async () => {
    const store = new LocalArchiveStore(path.join(tmp, "d"));
    await expect(
      storeDocument({ ...input(new Uint8Array()), unit: "../../etc" }, store),
    ).rejects.toBeInstanceOf(InvalidKeyError);
    await expect(storeDocument({ ...input(new Uint8Array()), docType: "a/b" }, store)).rejects.toBeInstanceOf(
      InvalidKeyError,
    );
    expect(await store.list("")).toEqual([]);
  });
});

describe("worker metrics endpoint", () => {
  it("serves Prometheus text on /metrics", async () => {
    const m = new WorkerMetrics(false);
    m.pages.inc(7);
    const { port, close } = await m.listen(0, "127.0.0.1");
    try {
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/^sohoa_pages_processed_total 7$/m);
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    } finally {
      await close();
    }
  });
});
