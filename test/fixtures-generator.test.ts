// The fixture generator, the committed samples and crops, and the bad-input corpus script.
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { makeBadCorpus } from "../fixtures/bad/make-bad.js";
import { documentContent, generateCorpus } from "../fixtures/generator/corpus.js";
import { fontsMissingReason } from "../fixtures/generator/fonts.js";
import { GENERATOR_TYPES, type TruthRecord } from "../fixtures/generator/model.js";
import { Prng } from "../fixtures/generator/prng.js";
import { skipWithout } from "./require-tool.js";

const ROOT = new URL("..", import.meta.url).pathname;
const SAMPLES = join(ROOT, "fixtures/samples");
const CROPS = join(ROOT, "fixtures/crops");

/** Canonical fields per docType (domain.md), written out here so the test does not trust the generator. */
const REQUIRED: Record<string, string[]> = {
  decision: ["documentNumber", "issueDate", "issuer", "subject", "signer", "fullName", "citizenId"],
  birth_extract: [
    "documentNumber",
    "issueDate",
    "issuer",
    "fullName",
    "dateOfBirth",
    "gender",
    "citizenId",
    "motherName",
    "fatherName",
    "signer",
  ],
  household_business: [
    "documentNumber",
    "issueDate",
    "issuer",
    "businessName",
    "fullName",
    "citizenId",
    "capitalVnd",
    "signer",
  ],
  construction_permit: [
    "documentNumber",
    "issueDate",
    "issuer",
    "fullName",
    "landParcel",
    "mapSheet",
    "signer",
  ],
  marital_status: ["documentNumber", "issueDate", "issuer", "fullName", "dateOfBirth", "citizenId", "signer"],
  unknown: ["documentNumber", "issueDate", "issuer", "signer"],
};
const OPTIONAL = ["dossierCode", "subject"];
const LEVELS = ["central", "provincial", "district", "commune"];

const tmpDirs: string[] = [];
async function tmp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "sohoa-fixtures-"));
  tmpDirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const d of tmpDirs) await rm(d, { recursive: true, force: true });
});

/** Century/sex digit rule of the 12-digit personal ID. */
function idMatchesBirth(citizenId: string, birthIso: string, gender?: string): boolean {
  const year = Number(birthIso.slice(0, 4));
  const digit = Number(citizenId[3]);
  const centuryOk = Math.floor(digit / 2) === Math.floor(year / 100) - 19;
  const yearOk = citizenId.slice(4, 6) === String(year % 100).padStart(2, "0");
  const sexOk = gender === undefined || (digit % 2 === 1) === (gender === "Nữ");
  return /^\d{12}$/.test(citizenId) && centuryOk && yearOk && sexOk;
}

function checkRecord(r: TruthRecord): void {
  expect(Object.keys(r)).toEqual(["file", "docType", "level", "dpi", "pages", "fields", "text"]);
  expect(LEVELS).toContain(r.level);
  const required = REQUIRED[r.docType];
  expect(required, `docType ${r.docType}`).toBeDefined();
  for (const f of required!) expect(r.fields[f], `${r.file}: ${f}`).not.toBeUndefined();
  for (const f of Object.keys(r.fields))
    expect([...required!, ...OPTIONAL], `${r.file}: unexpected ${f}`).toContain(f);
  expect(String(r.fields.issueDate)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  if (typeof r.fields.citizenId === "string" && typeof r.fields.dateOfBirth === "string") {
    expect(
      idMatchesBirth(r.fields.citizenId, r.fields.dateOfBirth, r.fields.gender as string | undefined),
      `${r.file}: ${r.fields.citizenId}`,
    ).toBe(true);
  }
  expect(r.text).toBe(r.text.normalize("NFC"));
  expect(r.text).toContain(`${r.fields.documentNumber}`);
  for (const p of r.pages) {
    expect(Math.abs(p.skewDegrees)).toBeLessThanOrEqual(7);
    expect([0, 90, 180, 270]).toContain(p.orientation);
  }
}

async function readTruth(dir: string): Promise<TruthRecord[]> {
  const text = await readFile(join(dir, "truth.jsonl"), "utf8");
  return text
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as TruthRecord);
}

/** Pixel size of each page and the dpi a reader would find, per format. */
async function decode(
  file: string,
): Promise<{ pages: { width: number; height: number }[]; dpi: number | undefined }> {
  if (file.endsWith(".pdf")) {
    const doc = await PDFDocument.load(await readFile(file));
    const bytes = await readFile(file);
    const widths = [...bytes.toString("latin1").matchAll(/\/Width (\d+)/g)].map((m) => Number(m[1]));
    const heights = [...bytes.toString("latin1").matchAll(/\/Height (\d+)/g)].map((m) => Number(m[1]));
    const pages = doc.getPages().map((_, i) => ({ width: widths[i]!, height: heights[i]! }));
    return { pages, dpi: Math.round((pages[0]!.width * 72) / doc.getPage(0).getWidth()) };
  }
  const meta = await sharp(file).metadata();
  const pages: { width: number; height: number }[] = [];
  for (let i = 0; i < (meta.pages ?? 1); i++) {
    const { info } = await sharp(file, { page: i }).raw().toBuffer({ resolveWithObject: true });
    pages.push({ width: info.width, height: info.height });
  }
  return { pages, dpi: meta.density };
}

describe("generator content (no rendering)", () => {
  it("gives every type its canonical fields, with IDs that match the birth year and sex", () => {
    for (const kind of GENERATOR_TYPES) {
      for (let seed = 1; seed <= 40; seed++) {
        const doc = documentContent(kind, new Prng(seed * 7919));
        const lines = [...doc.headerLeft, ...doc.headerRight, ...doc.body].map((l) => l.text).join("\n");
        checkRecord({
          file: `${kind}-${seed}`,
          docType: doc.docType,
          level: doc.level,
          dpi: 200,
          pages: [{ skewDegrees: 0, orientation: 0 }],
          fields: doc.fields,
          text: lines,
        });
        if (doc.fields.citizenId) expect(lines).toContain(doc.fields.citizenId);
        if (typeof doc.fields.capitalVnd === "number")
          expect(lines).toContain(`${doc.fields.capitalVnd.toLocaleString("de-DE")} đồng`);
        expect(doc.signerName).toBe(doc.fields.signer);
      }
    }
    expect(documentContent("decision", new Prng(1)).fields).not.toEqual(
      documentContent("decision", new Prng(2)).fields,
    );
    expect(documentContent("decision", new Prng(1)).fields).toEqual(
      documentContent("decision", new Prng(1)).fields,
    );
    const unknown = GENERATOR_TYPES.filter((k) => documentContent(k, new Prng(3)).docType === "unknown");
    expect(unknown.length).toBeGreaterThanOrEqual(1);
  });
});

const noFonts = fontsMissingReason();
const skipFonts = skipWithout("Liberation Serif", noFonts === undefined, noFonts ?? "");
describe.skipIf(skipFonts)("generator rendering", () => {
  it("reproduces the same bytes for a seed, writes valid truth, and files decode at the stated dpi", async () => {
    const [a, b] = [await tmp(), await tmp()];
    const opts = {
      count: 2,
      seed: 11,
      dpi: 200 as const,
      formats: ["jpg" as const, "pdf" as const, "tif" as const],
    };
    const recs = await generateCorpus({ ...opts, out: a });
    await generateCorpus({ ...opts, out: b });
    const files = (await readdir(a)).sort();
    expect(files).toEqual((await readdir(b)).sort());
    expect(files).toContain("truth.jsonl");
    for (const f of files) {
      const [ha, hb] = await Promise.all(
        [a, b].map(async (d) =>
          createHash("sha256")
            .update(await readFile(join(d, f)))
            .digest("hex"),
        ),
      );
      expect(ha, f).toBe(hb);
    }
    expect(await readTruth(a)).toEqual(recs);
    for (const r of recs) {
      checkRecord(r);
      const { pages, dpi } = await decode(join(a, r.file));
      expect(dpi, r.file).toBe(r.dpi);
      expect(pages).toHaveLength(r.pages.length);
      // A4 at the stated dpi, grown by the skew rotation: 210 mm wide is 1654 px at 200 dpi.
      for (const p of pages) expect(Math.min(p.width, p.height)).toBeGreaterThanOrEqual(1600);
    }
  });
});

describe("committed samples", () => {
  it("match their truth.jsonl, decode at the stated dpi and stay small", async () => {
    const recs = await readTruth(SAMPLES);
    expect(recs.length).toBeGreaterThanOrEqual(5);
    let total = 0;
    for (const r of recs) {
      checkRecord(r);
      total += (await stat(join(SAMPLES, r.file))).size;
      const { pages, dpi } = await decode(join(SAMPLES, r.file));
      expect(pages, r.file).toHaveLength(r.pages.length);
      if (!r.file.endsWith(".webp")) expect(dpi, r.file).toBe(r.dpi);
    }
    expect(total).toBeLessThan(2.5 * 1024 * 1024);
    expect(new Set(recs.map((r) => r.file.split(".").pop()))).toEqual(
      new Set(["jpg", "png", "tif", "pdf", "webp"]),
    );
    expect(recs.some((r) => r.docType === "unknown")).toBe(true);
    expect(recs.some((r) => r.pages.length === 2)).toBe(true);
  });
});

describe("OCR crops", () => {
  it("have sidecar text, rotated variants of the same paragraph, and stay under 500 KB", async () => {
    const manifest = JSON.parse(await readFile(join(CROPS, "crops.json"), "utf8")) as {
      file: string;
      text: string;
      orientation: number;
      skewDegrees: number;
    }[];
    let total = 0;
    const size = new Map<string, { width: number; height: number }>();
    for (const c of manifest) {
      total += (await stat(join(CROPS, c.file))).size;
      const sidecar = await readFile(join(CROPS, c.file.replace(/\.\w+$/, ".txt")), "utf8");
      expect(sidecar.trimEnd()).toBe(c.text);
      const meta = await sharp(join(CROPS, c.file)).metadata();
      size.set(c.file, { width: meta.width, height: meta.height });
    }
    expect(total).toBeLessThan(500 * 1024);
    const up = size.get("orientation-0.png")!;
    expect(size.get("orientation-90.png")).toEqual({ width: up.height, height: up.width });
    expect(size.get("orientation-180.png")).toEqual(up);
    expect(manifest.find((c) => c.file.startsWith("skew-4.5"))?.skewDegrees).toBe(4.5);
    expect(manifest.some((c) => c.file.startsWith("seal-over-name"))).toBe(true);
  });
});

describe("bad-input corpus", () => {
  it("writes every hostile case with its expected outcome", async () => {
    const dir = await tmp();
    const cases = await makeBadCorpus(dir);
    const by = new Map(cases.map((c) => [c.name, c]));
    expect([...by.keys()].sort()).toEqual(
      [
        "Quyết định số 1.jpg",
        "bad-crc.png",
        "blank-a4.png",
        "broken-ifd.tif",
        "broken-xref.pdf",
        "empty.jpg",
        "encrypted.pdf",
        "near-blank-a4.png",
        "one-pixel.png",
        "pixel-bomb.png",
        "really-html.pdf",
        "truncated.jpg",
      ].sort(),
    );
    for (const c of cases) expect((await stat(c.path)).isFile()).toBe(true);

    expect((await stat(by.get("empty.jpg")!.path)).size).toBe(0);
    await expect(sharp(by.get("truncated.jpg")!.path).raw().toBuffer()).rejects.toThrow();
    await expect(sharp(by.get("bad-crc.png")!.path).raw().toBuffer()).rejects.toThrow();
    await expect(sharp(by.get("broken-ifd.tif")!.path).metadata()).rejects.toThrow();
    const bomb = await sharp(by.get("pixel-bomb.png")!.path, { limitInputPixels: false }).metadata();
    expect([bomb.width, bomb.height]).toEqual([40_000, 40_000]);
    expect((await stat(by.get("pixel-bomb.png")!.path)).size).toBeLessThan(200);
    await expect(PDFDocument.load(await readFile(by.get("encrypted.pdf")!.path))).rejects.toThrow(/encrypt/i);
    const repaired = await PDFDocument.load(await readFile(by.get("broken-xref.pdf")!.path));
    expect(repaired.getPageCount()).toBe(1);
    expect((await readFile(by.get("really-html.pdf")!.path, "utf8")).startsWith("<!DOCTYPE html>")).toBe(
      true,
    );
    const blank = await sharp(by.get("blank-a4.png")!.path).stats();
    expect(blank.channels[0]!.min).toBe(255);
    const near = await sharp(by.get("near-blank-a4.png")!.path).stats();
    expect(near.channels[0]!.min).toBeLessThan(64);
    expect(near.channels[0]!.mean).toBeGreaterThan(254.9);
    expect((await sharp(by.get("Quyết định số 1.jpg")!.path).metadata()).width).toBeGreaterThan(1600);

    const codes = Object.fromEntries(cases.map((c) => [c.name, c.expectedCode]));
    expect(codes["encrypted.pdf"]).toBe("sohoa:encryptedPdf");
    expect(codes["pixel-bomb.png"]).toBe("sohoa:limitExceeded");
    expect(cases.filter((c) => c.flag === "blank").every((c) => c.expectedCode === null)).toBe(true);
  });
});
