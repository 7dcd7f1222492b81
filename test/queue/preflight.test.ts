// Preflight and job payloads: magic bytes, limits, duplicates, lean wire form.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BadJobPayloadError } from "../../src/errors/index.js";
import { archiveJobAsJSON, archiveJobFromJSON, docIdOf, jobIdOf, preflight } from "../../src/queue/index.js";
import { sniffMime } from "../../src/util/mime.js";
import { sha256Bytes } from "../../src/storage/index.js";

let dir: string;
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-pre-"));
  await fs.mkdir(path.join(dir, "sub"));
  await fs.writeFile(path.join(dir, "a.jpg"), jpeg);
  await fs.writeFile(path.join(dir, "sub", "copy-of-a.jpeg"), jpeg);
  await fs.writeFile(path.join(dir, "b.pdf"), "%PDF-1.7\n%…\n");
  await fs.writeFile(path.join(dir, "c.txt"), "not a scan");
  await fs.writeFile(path.join(dir, "empty.png"), "");
  await fs.writeFile(
    path.join(dir, "big.tif"),
    Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0]), Buffer.alloc(5000)]),
  );
  await fs.writeFile(path.join(dir, ".hidden.jpg"), jpeg);
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe("preflight", () => {
  it("accepts scans by magic bytes, rejects the rest with reasons, and reports duplicates", async () => {
    const seen: number[] = [];
    const r = await preflight([dir, path.join(dir, "missing.png")], {
      maxBytes: 4096,
      onFile: (d) => seen.push(d),
    });
    expect(r.accepted.map((f) => [f.name, f.mime])).toEqual([
      ["a.jpg", "image/jpeg"],
      ["b.pdf", "application/pdf"],
    ]);
    expect(r.accepted[0]!.sha256).toBe(sha256Bytes(jpeg));
    expect(r.duplicates).toEqual([
      { file: path.join(dir, "sub", "copy-of-a.jpeg"), of: path.join(dir, "a.jpg") },
    ]);
    const codes = Object.fromEntries(r.rejected.map((x) => [path.basename(x.file), x.error.code]));
    expect(codes).toEqual({
      "big.tif": "sohoa:limitExceeded",
      "c.txt": "sohoa:unsupportedFile",
      "empty.png": "sohoa:unsupportedFile",
      "missing.png": "sohoa:fileUnreadable",
    });
    expect(r.rejected.every((x) => x.error.file === x.file && x.error.hint)).toBe(true);
    expect(seen.length).toBe(7);
  });

  it("sniffs every supported format and nothing else", () => {
    expect(sniffMime(Buffer.from("RIFF\0\0\0\0WEBPVP8 "))).toBe("image/webp");
    expect(sniffMime(Buffer.from([0x4d, 0x4d, 0, 0x2a]))).toBe("image/tiff");
    expect(sniffMime(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBe("image/png");
    expect(sniffMime(Buffer.from("GIF89a"))).toBeUndefined();
  });
});

describe("job payload", () => {
  const sha = sha256Bytes("x");
  it("round-trips through its lean JSON form", () => {
    const job = {
      file: "/s/a.jpg",
      sha256: sha,
      batchId: "b1",
      unit: "Phường Hoàn Kiếm",
      level: "commune" as const,
      year: 2021,
      docId: docIdOf(sha),
    };
    const json = archiveJobAsJSON(job);
    expect(Object.keys(json).sort()).toEqual(["b", "f", "l", "s", "u", "y"]);
    expect(archiveJobFromJSON(JSON.parse(JSON.stringify(json)))).toEqual(job);
    expect(jobIdOf(sha)).toBe(`doc-${sha}`);
  });
  it("rejects malformed data with a typed, non-retryable error", () => {
    for (const bad of [
      null,
      {},
      { f: "a", s: "nothex", b: "b", u: "u", l: "commune" },
      { f: "a", s: sha, b: "b", u: "u", l: "ward" },
    ]) {
      expect(() => archiveJobFromJSON(bad)).toThrow(BadJobPayloadError);
    }
    expect(new BadJobPayloadError("x").retryable).toBe(false);
  });
});
