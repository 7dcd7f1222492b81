// Decisions as versions: v1 never changes, each decision adds vN with its event; turns, exclusion, fixity over every version.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyDecision } from "../../src/review/decide.js";
import { QueueIndex } from "../../src/review/queue-index.js";
import { firstRevision } from "../../src/review/revise-pdf.js";
import { certificatesFromPem, verifyPdfFile } from "../../src/signing/verify.js";
import { checkFixity } from "../../src/storage/fixity.js";
import {
  listVersions,
  nextVersionIn,
  readEvents,
  versionKeys,
  versionOfKey,
  versionsIn,
} from "../../src/storage/versions.js";
import { buildTestArchive, type TestArchive } from "./archive-fixture.js";

let archive: TestArchive;
let prefix: string;

beforeAll(async () => {
  archive = await buildTestArchive(["xac-nhan-hon-nhan-2-trang.tif"], "null");
  const index = await QueueIndex.build(archive.store);
  prefix = [...index.all()][0]!.prefix;
}, 60_000);
afterAll(async () => archive?.remove());

describe("document versions", () => {
  it("names version keys and finds the version of a key", () => {
    expect(versionKeys("commune/27001/2024/unknown/abc", 1).pdf).toBe(
      "commune/27001/2024/unknown/abc/document.pdf",
    );
    expect(versionKeys("commune/27001/2024/unknown/abc", 3).metadata).toBe(
      "commune/27001/2024/unknown/abc/v3/metadata.json",
    );
    expect(versionOfKey("a/b", "a/b/v12/document.pdf")).toBe(12);
    expect(versionOfKey("a/b", "a/b/events/000001.json")).toBeUndefined();
    expect(() => versionKeys("a/../b", 2)).toThrow();
    // A v2 PDF left without its metadata.json (interrupted) is not a version, and is not written over.
    const keys = ["a/b/metadata.json", "a/b/document.pdf", "a/b/v2/document.pdf", "a/b/events/000001.json"];
    expect(versionsIn("a/b", keys)).toEqual([1]);
    expect(nextVersionIn("a/b", keys)).toBe(3);
  });

  it("turns a page in v2, builds v3 from v2 (turn kept), keeps v1 and v2 byte for byte, logs both events", async () => {
    const v1 = await archive.store.get(versionKeys(prefix, 1).pdf);
    const two = await applyDecision(
      prefix,
      {
        action: "approve",
        docType: "marital_status",
        fields: { fullName: "Nguyễn Thị Hoa" },
        turns: { 1: 1 },
      },
      { store: archive.store, signer: archive.signer, user: "lan" },
    );
    const v2 = await archive.store.get(versionKeys(prefix, 2).pdf);
    const three = await applyDecision(
      prefix,
      { action: "exclude", fields: { fullName: "Nguyễn Thị Hoa" } },
      { store: archive.store, signer: archive.signer, user: "minh" },
    );
    expect([two.version, three.version]).toEqual([2, 3]);
    expect(await listVersions(archive.store, prefix)).toEqual([1, 2, 3]);
    expect(Buffer.from(await archive.store.get(versionKeys(prefix, 1).pdf)).equals(Buffer.from(v1))).toBe(
      true,
    );
    expect(Buffer.from(await archive.store.get(versionKeys(prefix, 2).pdf)).equals(Buffer.from(v2))).toBe(
      true,
    );

    const pdf3 = await PDFDocument.load(firstRevision(await archive.store.get(versionKeys(prefix, 3).pdf)));
    expect(pdf3.getPages().map((p) => p.getRotation().angle)).toEqual([0, 90]);
    expect(three.metadata).toMatchObject({
      docType: "marital_status",
      review: { action: "exclude", by: "minh", fromVersion: 2 },
    });

    const events = await readEvents(archive.store, prefix);
    expect(events.map((e) => [e.eventType, e.linkingAgent, e.fromVersion, e.toVersion])).toEqual([
      ["review.approve", "lan", 1, 2],
      ["review.exclude", "minh", 2, 3],
    ]);
    expect(events[0]!.changes).toContainEqual({ field: "pages.1.rotation", from: 0, to: 90 });
    expect(events[0]!.changes).toContainEqual({ field: "docType", from: "unknown", to: "marital_status" });

    const trusted = certificatesFromPem(await readFile(archive.caPem, "utf8"));
    for (const v of [1, 2, 3]) {
      const report = await verifyPdfFile(path.join(archive.store.root, versionKeys(prefix, v).pdf), {
        trusted,
      });
      expect({ v, valid: report.valid, errors: report.errors }).toEqual({ v, valid: true, errors: [] });
    }
    const index = await QueueIndex.build(archive.store);
    expect([...index.all()][0]).toMatchObject({ version: 3, status: "excluded" });
  }, 30_000);

  it("fixity checks every version: a changed v2 PDF is a mismatch", async () => {
    expect((await checkFixity(archive.store, prefix)).problems).toEqual([]);
    const file = path.join(archive.store.root, versionKeys(prefix, 2).pdf);
    const bytes = await readFile(file);
    bytes[bytes.length - 10]! ^= 1;
    await writeFile(file, bytes);
    const report = await checkFixity(archive.store, prefix);
    expect(report.problems.map((p) => [p.key, p.kind])).toContainEqual([
      versionKeys(prefix, 2).pdf,
      "mismatch",
    ]);
  });
});
