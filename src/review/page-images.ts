// Page pictures and OCR word boxes of a document version: PDFium renders the archival PDF, pdftotext reads its text layer.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { PdfiumDocument } from "../ingest/pdfium.js";
import type { ArchiveStore } from "../storage/archive-store.js";
import { versionKeys } from "../storage/versions.js";

const run = promisify(execFile);

/** A word's box as fractions of the page (so it scales with zoom). */
export interface WordBox {
  t: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Screen resolution: enough to read handwriting at 100 %, small enough to send fast. */
const DPI = 110;

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

/** Parses `pdftotext -bbox` output (one page) into word boxes. */
export function parseBbox(html: string): WordBox[] {
  const page = /<page width="([\d.]+)" height="([\d.]+)">/.exec(html);
  if (!page) return [];
  const [pw, ph] = [Number(page[1]), Number(page[2])];
  const out: WordBox[] = [];
  for (const m of html.matchAll(
    /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
  )) {
    const [x0, y0, x1, y1] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
    out.push({ t: unescapeXml(m[5]!), x: x0 / pw, y: y0 / ph, w: (x1 - x0) / pw, h: (y1 - y0) / ph });
  }
  return out;
}

export class PageImages {
  /** Small LRU of rendered pages: a reviewer flips back and forth within one document. */
  private readonly cache = new Map<string, Buffer>();
  constructor(
    private readonly store: ArchiveStore,
    private readonly cacheSize = 64,
  ) {}

  private async pdf(prefix: string, version: number): Promise<Uint8Array> {
    return this.store.get(versionKeys(prefix, version).pdf);
  }

  async pageCount(prefix: string, version: number): Promise<number> {
    const doc = await PdfiumDocument.open(await this.pdf(prefix, version));
    try {
      return doc.pageCount;
    } finally {
      doc.close();
    }
  }

  async png(prefix: string, version: number, index: number): Promise<Buffer> {
    const key = `${prefix}#${version}#${index}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const doc = await PdfiumDocument.open(await this.pdf(prefix, version));
    let png: Buffer;
    try {
      if (!(Number.isInteger(index) && index >= 0 && index < doc.pageCount))
        throw new RangeError(`no page ${index + 1}`);
      png = await doc.withPage(index, async (page) => {
        const r = page.render(DPI / 72, "rgba");
        return sharp(r.data, { raw: { width: r.width, height: r.height, channels: r.channels } })
          .png({ compressionLevel: 3 })
          .toBuffer();
      });
    } finally {
      doc.close();
    }
    this.cache.set(key, png);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    return png;
  }

  async words(prefix: string, version: number, index: number): Promise<WordBox[]> {
    const dir = await mkdtemp(path.join(tmpdir(), "sohoa-review-"));
    try {
      const file = path.join(dir, "d.pdf");
      await writeFile(file, await this.pdf(prefix, version));
      const page = String(index + 1);
      const { stdout } = await run("pdftotext", ["-bbox", "-f", page, "-l", page, file, "-"], {
        maxBuffer: 32 << 20,
      });
      return parseBbox(stdout);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
