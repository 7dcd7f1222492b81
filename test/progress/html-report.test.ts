// The HTML report is one offline file whose SVG charts really render in headless Chromium.
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";
import {
  computeReport,
  DECISION_468,
  readUnitsCsv,
  renderHtml,
  UnitRegistry,
  type ProgressReport,
} from "../../src/progress/index.js";
import { skipWithout } from "../require-tool.js";
import { FIXTURES, tempDir } from "./helpers.js";
import { mauReports } from "./province.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const skipChromium = skipWithout(
  "chromium",
  existsSync(CHROMIUM),
  `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
);

let history: ProgressReport[];
let tmp: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  tmp = await tempDir();
  const units = new UnitRegistry(await readUnitsCsv(`${FIXTURES}units-thu.csv`));
  const scope = [];
  const digitized = [];
  for (let year = 2021; year <= 2026; year++) {
    for (const [i, unit] of ["90", "901", "902", "90001", "90002", "90003", "90101", "B01"].entries()) {
      scope.push({ unit, year, count: 100 });
      digitized.push({ unit, year, count: Math.min(100, 10 + (year - 2021) * 15 + i * 4) });
    }
  }
  history = [];
  for (let year = 2021; year <= 2025; year++)
    history.push(computeReport({ year, units, plan: DECISION_468, digitized, scope }));
});
afterAll(async () => tmp.remove());

describe("HTML report", () => {
  it("is self-contained: no script, no external reference", () => {
    const html = renderHtml(history);
    expect(html).not.toMatch(/<script|<link|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html.match(/<svg /g)).toHaveLength(3);
  });

  it.skipIf(skipChromium)("renders both charts with visible bars in headless Chromium", async () => {
    const file = join(tmp.dir, "report.html");
    await writeFile(file, renderHtml(history));
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--no-first-run",
        ],
      });
      const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
      const requests: string[] = [];
      page.on("request", (r) => {
        if (!r.url().startsWith("file:")) requests.push(r.url());
      });
      await page.goto(`file://${file}`);
      const charts = await page.$$eval("svg.chart", (svgs) =>
        svgs.map((s) => {
          const box = s.getBoundingClientRect();
          const bars = [...s.querySelectorAll("rect.bar")].map((r) => r.getBoundingClientRect());
          return {
            id: s.id,
            width: box.width,
            height: box.height,
            bars: bars.length,
            visibleBars: bars.filter((b) => b.width > 0 && b.height > 0).length,
            targets: s.querySelectorAll("line.target").length,
          };
        }),
      );
      expect(requests).toEqual([]);
      const levels = charts.find((c) => c.id === "chart-levels")!;
      const gaps = charts.find((c) => c.id === "chart-gaps")!;
      expect(levels.width).toBeGreaterThan(500);
      expect(levels.height).toBeGreaterThan(200);
      // 2021–2024: 4 levels; 2025: provincial, commune and central only (districts abolished) → 4×4 + 3 bars.
      expect(levels.bars).toBe(19);
      expect(levels.visibleBars).toBe(19);
      expect(levels.targets).toBe(19);
      // 2025 rows with a rate: 90, 90003, 90101, B01.
      expect(gaps.bars).toBe(4);
      expect(gaps.visibleBars).toBe(4);
      if (process.env.SOHOA_SCREENSHOT)
        await page.screenshot({ path: process.env.SOHOA_SCREENSHOT, fullPage: true });
    } finally {
      await browser?.close();
    }
  });

  it.skipIf(skipChromium)(
    "shows the made-up province in Vietnamese: stock, flow, trend and forecast",
    async () => {
      const mau = await mauReports(join(tmp.dir, "mau"));
      const file = join(tmp.dir, "mau.html");
      await writeFile(file, renderHtml(mau, { generatedAt: new Date("2026-11-30T03:00:00Z") }));
      let browser: Browser | undefined;
      try {
        browser = await chromium.launch({
          executablePath: CHROMIUM,
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
          ],
        });
        const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
        await page.goto(`file://${file}`);
        expect(await page.title()).toBe("Tiến độ số hóa kết quả giải quyết TTHC năm 2023");
        expect(await page.locator("#total").innerText()).toBe(
          "Tổng cộng: đã số hóa 259 trên 400 kết quả còn hiệu lực (64,8%; chỉ tiêu 63,8%). Đạt tiến độ",
        );
        expect(await page.locator("#flow").innerText()).toContain(
          "7 trên 10 hồ sơ đã giải quyết có kết quả được số hóa và gắn mã hồ sơ: 70,0%.",
        );
        expect(await page.locator("#flow").innerText()).toContain("Chậm 10 điểm so với mức 80%");
        const district = await page.locator("#units tr", { hasText: "Huyện Đông" }).innerText();
        expect(district).toContain("Chậm 3 điểm / 6 văn bản");
        const forecastTotal = await page.locator("#forecast tr", { hasText: "Tổng cộng" }).innerText();
        expect(forecastTotal).toMatch(/64,8%\s+12,4 điểm\/năm\s+2026/);
        expect(await page.locator("#forecast tr", { hasText: "Xã Đông An" }).innerText()).toContain(
          "Chưa đủ số liệu",
        );
        const trend = await page.$eval("#chart-trend", (svg) => ({
          width: svg.getBoundingClientRect().width,
          lines: [...svg.querySelectorAll("path.trend")].map((p) => ({
            key: p.getAttribute("data-key"),
            len: (p as unknown as { getTotalLength(): number }).getTotalLength(),
          })),
          projections: svg.querySelectorAll("line.projection").length,
        }));
        expect(trend.width).toBeGreaterThan(500);
        expect(trend.lines.map((l) => l.key)).toEqual(["total", "provincial", "district", "commune"]);
        expect(trend.lines[0]!.len).toBeGreaterThan(100);
        expect(trend.projections).toBe(1);
        if (process.env.SOHOA_SCREENSHOT_VI)
          await page.screenshot({ path: process.env.SOHOA_SCREENSHOT_VI, fullPage: true });
      } finally {
        await browser?.close();
      }
    },
  );
});
