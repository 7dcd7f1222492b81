// `--big-tiff`: sohoa's peak RSS on a 20-page vs a 200-page TIFF; memory must not grow with pages.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import sharp from "sharp";
import { runSohoa } from "./sohoa-run.js";

const A5_150DPI = { width: 874, height: 1240 };

/** One A5 page at 150 dpi with a few Vietnamese lines and its page number, as PNG. */
function pageSvg(n: number): Buffer {
  const lines = [
    `ỦY BAN NHÂN DÂN XÃ TÂN PHÚ — trang ${n}`,
    `Quyết định số ${n}/QĐ-UBND ngày 12 tháng 3 năm 2024`,
    "về việc cấp giấy chứng nhận đăng ký hộ kinh doanh",
    `Họ và tên: Nguyễn Văn An, số định danh ${String(n).padStart(12, "0")}`,
  ];
  const text = lines
    .map(
      (l, i) =>
        `<text x="60" y="${140 + i * 60}" font-family="DejaVu Serif, serif" font-size="24">${l}</text>`,
    )
    .join("");
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${A5_150DPI.width}" height="${A5_150DPI.height}"><rect width="100%" height="100%" fill="white"/>${text}</svg>`,
  );
}

/** Writes an n-page grey LZW TIFF at 150 dpi (sharp joins pages with `join.animated`). */
export async function writeMultiPageTiff(file: string, pages: number): Promise<void> {
  const images = await Promise.all(
    Array.from({ length: pages }, (_, i) =>
      sharp(pageSvg(i + 1))
        .flatten({ background: "white" })
        .greyscale()
        .png()
        .toBuffer(),
    ),
  );
  const pxPerMm = 150 / 25.4;
  await sharp(images, { join: { animated: true } })
    .removeAlpha()
    .greyscale()
    .tiff({ compression: "lzw", xres: pxPerMm, yres: pxPerMm })
    .toFile(file);
}

export interface BigTiffResult {
  pages: number;
  wallSeconds: number;
  peakRssMiB: number;
  exitCode: number | null;
  pagesReported: number;
}

/** Runs sohoa on a 20-page and a 200-page TIFF (each alone in its folder) and reports both. */
export async function runBigTiff(
  dir: string,
  engine: string,
): Promise<{ runs: BigTiffResult[]; rssRatio: number }> {
  const runs: BigTiffResult[] = [];
  for (const pages of [20, 200]) {
    const scans = join(dir, `tiff-${pages}`, "scans");
    await mkdir(scans, { recursive: true });
    await writeMultiPageTiff(join(scans, `big-${pages}.tif`), pages);
    process.stderr.write(`big-tiff: sohoa on ${pages} pages …\n`);
    const r = await runSohoa(scans, join(dir, `tiff-${pages}`, "out"), { engine });
    if (r.exitCode !== 0) process.stderr.write(`sohoa exited ${r.exitCode}:\n${r.stderrTail}\n`);
    runs.push({
      pages,
      wallSeconds: r.wallSeconds,
      peakRssMiB: r.peakRssMiB,
      exitCode: r.exitCode,
      pagesReported: r.report.reduce((n, l) => n + (l.pages?.length ?? 0), 0),
    });
  }
  const rssRatio = runs[1]!.peakRssMiB / runs[0]!.peakRssMiB;
  // Ten times the pages may cost a little (per-page results kept for the report), never ten times the memory.
  const verdict =
    rssRatio <= 1.5 ? "OK: memory does not scale with page count" : "WARNING: memory grows with page count";
  process.stdout.write(
    `big TIFF peak RSS: 20 pages ${runs[0]!.peakRssMiB.toFixed(0)} MiB, ` +
      `200 pages ${runs[1]!.peakRssMiB.toFixed(0)} MiB (×${rssRatio.toFixed(2)}) — ${verdict}\n`,
  );
  return { runs, rssRatio };
}
