// Words and number formats of the progress reports, Vietnamese (the default) and English.
import type { Level } from "../types.js";

export type Lang = "vi" | "en";
export const LANGS: readonly Lang[] = ["vi", "en"];

/** Every phrase a report prints; functions where the phrase carries numbers. */
export interface Words {
  title: (year: number) => string;
  generated: string;
  plan: string;
  planSource: string;
  levels: Record<Level, string>;
  head: {
    unit: string;
    level: string;
    scope: string;
    digitized: string;
    rate: string;
    target: string;
    gapPoints: string;
    gapDocs: string;
    status: string;
  };
  onTrack: string;
  /** "behind by N points / N documents". */
  behind: (points: string, docs: string) => string;
  noTarget: string;
  total: string;
  perLevel: string;
  perUnit: string;
  totalLine: (digitized: string, scope: string, rate: string, target: string) => string;
  /** Shown instead of "N of 0" when no scope is set for the year. */
  noScope: (digitized: string, year: number) => string;
  noScopeHint: string;
  unitsNoScope: (n: number) => string;
  unknownUnits: string;
  flowTitle: string;
  flowLine: (linked: number, settled: number, rate: string) => string;
  flowFull: string;
  flowShort: (points: string, dossiers: number) => string;
  withoutResult: (n: number) => string;
  resultsWithoutDossier: (n: number) => string;
  trendTitle: string;
  levelChartTitle: string;
  gapChartTitle: (year: number, n: number) => string;
  gapAxis: string;
  targetKey: string;
  forecastTitle: string;
  forecastHead: { unit: string; rate: string; pace: string; reach: string };
  reached: string;
  never: string;
  /** One year of figures: no pace yet. */
  tooFewYears: string;
  pace: (points: string) => string;
}

const VI: Words = {
  title: (y) => `Tiến độ số hóa kết quả giải quyết TTHC năm ${y}`,
  generated: "Thời điểm lập báo cáo",
  plan: "Kế hoạch",
  planSource: "Căn cứ",
  levels: { central: "Trung ương", provincial: "Cấp tỉnh", district: "Cấp huyện", commune: "Cấp xã" },
  head: {
    unit: "Đơn vị",
    level: "Cấp",
    scope: "Kết quả còn hiệu lực",
    digitized: "Đã số hóa",
    rate: "Tỉ lệ",
    target: "Chỉ tiêu",
    gapPoints: "Chênh lệch (điểm)",
    gapDocs: "Còn thiếu (văn bản)",
    status: "Đánh giá",
  },
  onTrack: "Đạt tiến độ",
  behind: (p, d) => `Chậm ${p} điểm / ${d} văn bản`,
  noTarget: "Chưa có chỉ tiêu",
  total: "Tổng cộng",
  perLevel: "Theo cấp (số liệu của chính đơn vị)",
  perUnit: "Theo đơn vị (cộng dồn đơn vị trực thuộc)",
  totalLine: (d, s, r, t) =>
    `Tổng cộng: đã số hóa ${d} trên ${s} kết quả còn hiệu lực (${r}; chỉ tiêu ${t}).`,
  noScope: (d, y) =>
    `Đã số hóa ${d} văn bản, nhưng chưa có số kết quả còn hiệu lực (phạm vi) năm ${y}, nên chưa tính được tỉ lệ.`,
  noScopeHint:
    "Cách khắc phục: nhập phạm vi bằng `sohoa progress scope set --unit <mã> --year <năm> --count <số>` " +
    "hoặc `sohoa progress scope import <tệp.csv>`, " +
    "hoặc nhập danh sách hồ sơ (`sohoa progress scope import <hồ-sơ.csv>`, cột dossierCode,unit,year).",
  unitsNoScope: (n) => `${n} đơn vị có văn bản đã số hóa nhưng chưa có phạm vi.`,
  unknownUnits: "Đơn vị không có trong danh mục (chỉ tính vào tổng)",
  flowTitle: "Chỉ số số hóa hồ sơ (Quyết định 766/QĐ-TTg)",
  flowLine: (l, s, r) => `${l} trên ${s} hồ sơ đã giải quyết có kết quả được số hóa và gắn mã hồ sơ: ${r}.`,
  flowFull: "Đạt mức điểm tối đa (≥ 80%).",
  flowShort: (p, n) => `Chậm ${p} điểm so với mức 80% để đạt điểm tối đa (cần thêm ${n} hồ sơ).`,
  withoutResult: (n) => `Hồ sơ chưa có kết quả số hóa (${n})`,
  resultsWithoutDossier: (n) => `Kết quả số hóa chưa gắn mã hồ sơ (${n})`,
  trendTitle: "Xu hướng tỉ lệ số hóa theo năm (hướng tới 100%)",
  levelChartTitle: "Tỉ lệ so với chỉ tiêu theo cấp và năm",
  gapChartTitle: (y, n) => `Đơn vị theo chênh lệch so với chỉ tiêu, ${y} (${n} đơn vị chậm nhất)`,
  gapAxis: "chênh lệch so với chỉ tiêu (điểm; bên phải là chậm)",
  targetKey: "chỉ tiêu",
  forecastTitle: "Dự báo năm đạt 100% theo tốc độ hiện tại",
  forecastHead: { unit: "Đơn vị", rate: "Tỉ lệ hiện tại", pace: "Tốc độ", reach: "Dự kiến đạt 100%" },
  reached: "Đã đạt",
  never: "Không đạt với tốc độ hiện tại",
  tooFewYears: "Chưa đủ số liệu (cần từ 2 năm)",
  pace: (p) => `${p} điểm/năm`,
};

const EN: Words = {
  title: (y) => `Digitization progress of settlement results, ${y}`,
  generated: "Generated",
  plan: "Plan",
  planSource: "Source",
  levels: { central: "Central", provincial: "Provincial", district: "District", commune: "Commune" },
  head: {
    unit: "Unit",
    level: "Level",
    scope: "Valid results",
    digitized: "Digitized",
    rate: "Rate",
    target: "Target",
    gapPoints: "Gap (points)",
    gapDocs: "Missing (documents)",
    status: "Status",
  },
  onTrack: "On track",
  behind: (p, d) => `Behind by ${p} points / ${d} documents`,
  noTarget: "No target",
  total: "Total",
  perLevel: "Per level (own figures)",
  perUnit: "Per unit (rolled up)",
  totalLine: (d, s, r, t) => `Total: ${d} of ${s} valid results digitized (${r}; target ${t}).`,
  noScope: (d, y) =>
    `${d} documents digitized, but no valid results (scope) are set for ${y}, so there is no rate yet.`,
  noScopeHint:
    "To fix: set the scope with `sohoa progress scope set --unit <code> --year <year> --count <n>` " +
    "or `sohoa progress scope import <file.csv>`, " +
    "or import the dossier list (`sohoa progress scope import <dossiers.csv>`, columns dossierCode,unit,year).",
  unitsNoScope: (n) => `${n} units have digitized documents but no scope.`,
  unknownUnits: "Units not in the registry (counted in the total only)",
  flowTitle: "Dossier digitization index (Decision 766/QĐ-TTg)",
  flowLine: (l, s, r) => `${l} of ${s} settled dossiers have their result digitized and linked: ${r}.`,
  flowFull: "Full points (≥ 80%).",
  flowShort: (p, n) => `Behind the 80% full-points line by ${p} points (${n} more dossiers needed).`,
  withoutResult: (n) => `Dossiers without a digitized result (${n})`,
  resultsWithoutDossier: (n) => `Digitized results without a dossier code (${n})`,
  trendTitle: "Digitization rate per year (toward 100%)",
  levelChartTitle: "Rate against target per level and year",
  gapChartTitle: (y, n) => `Units by gap to target, ${y} (worst ${n})`,
  gapAxis: "gap to target (points; right = behind)",
  targetKey: "target",
  forecastTitle: "When each unit reaches 100% at its current pace",
  forecastHead: { unit: "Unit", rate: "Current rate", pace: "Pace", reach: "Reaches 100%" },
  reached: "Reached",
  never: "Not at the current pace",
  tooFewYears: "Too few years (needs 2 or more)",
  pace: (p) => `${p} points/year`,
};

export function words(lang: Lang): Words {
  return lang === "en" ? EN : VI;
}

/** A number in the language's style: `1.234,5` in Vietnamese, `1,234.5` in English. */
export function fmtNum(x: number | null, lang: Lang, digits = 1): string {
  if (x === null) return "–";
  const d = Number.isInteger(x) ? 0 : digits;
  return x.toLocaleString(lang === "vi" ? "vi-VN" : "en-US", {
    minimumFractionDigits: d,
    maximumFractionDigits: d,
  });
}

/** A percentage with one decimal. */
export function fmtPct(x: number | null, lang: Lang): string {
  return x === null
    ? "–"
    : `${x.toLocaleString(lang === "vi" ? "vi-VN" : "en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

/** Date and time in Vietnam time (UTC+7), ISO-like so it reads the same in both languages. */
export function fmtTime(d: Date): string {
  const local = new Date(d.getTime() + 7 * 3600_000);
  return `${local.toISOString().slice(0, 19).replace("T", " ")} (UTC+7)`;
}

/** "Đạt tiến độ", "Chậm 12,5 điểm / 25 văn bản", or "–" where there is no rate or target. */
export function statusText(
  f: { onTrack: boolean | null; gapPoints: number | null; gapDocs: number | null },
  lang: Lang,
): string {
  const w = words(lang);
  if (f.onTrack === null) return "–";
  return f.onTrack ? w.onTrack : w.behind(fmtNum(f.gapPoints, lang), fmtNum(f.gapDocs, lang));
}
