// Reads the units, scope and dossier CSV files into typed rows; a bad row names the file and line.
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { FileUnreadableError, ProgressInputError } from "../errors/index.js";
import { LEVELS } from "../types.js";
import { normalizeDossierCode, parseDossierCode } from "../extractors/parsers/dossier-code.js";
import type { DossierEntry, Level, UnitRecord, UnitYearCount } from "./types.js";
import { formatIssues } from "../util/zod-issues.js";

/** Level names as they appear in real unit lists (English and Vietnamese) mapped to levels. */
const LEVEL_ALIASES: Record<string, Level> = {
  central: "central",
  "trung ương": "central",
  ministry: "central",
  bộ: "central",
  provincial: "provincial",
  province: "provincial",
  city: "provincial",
  tỉnh: "provincial",
  "thành phố": "provincial",
  district: "district",
  huyện: "district",
  quận: "district",
  "thị xã": "district",
  commune: "commune",
  ward: "commune",
  xã: "commune",
  phường: "commune",
  "thị trấn": "commune",
  "đặc khu": "commune",
};

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");
const year = z.coerce.number().int().min(1945).max(2100);
const optional = (s: z.ZodType) => z.preprocess((v) => (v === "" || v == null ? undefined : v), s.optional());

const unitRow = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  level: z.string().transform((v, ctx) => {
    const level = LEVEL_ALIASES[v.trim().toLowerCase()];
    if (!level) ctx.addIssue({ code: "custom", message: `unknown level "${v}" (use ${LEVELS.join(", ")})` });
    return level as Level;
  }),
  parent: optional(z.string()),
  validFrom: optional(date),
  successors: optional(z.string()),
  successionDate: optional(date),
});

const scopeRow = z.object({ unit: z.string().min(1), year, count: z.coerce.number().int().min(0) });
const dossierRow = z.object({
  dossierCode: z.string().min(1),
  unit: z.string().min(1),
  year: optional(year),
});

type Row = Record<string, string>;

/** Parses a CSV file with a header line into records, each with its 1-based line number. */
async function readRows(file: string): Promise<{ line: number; row: Row }[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw new FileUnreadableError(file, (cause as Error).message, { cause });
  }
  try {
    const records = parse(text, {
      columns: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
    }) as {
      info: { lines: number };
      record: Row;
    }[];
    return records.map((r) => ({ line: r.info.lines, row: r.record }));
  } catch (cause) {
    throw new ProgressInputError(file, `not a CSV file: ${(cause as Error).message}`, { cause });
  }
}

/** Validates one row; the error names the file, the line and the column. */
function check<T>(schema: z.ZodType<T>, file: string, line: number, row: Row): T {
  const result = schema.safeParse(row);
  if (result.success) return result.data;
  const issues = formatIssues(result.error.issues, { root: "row" }).join("; ");
  throw new ProgressInputError(file, `line ${line}: ${issues}`);
}

/** `N1` or `N1;N2` (equal shares) or `N1=0.6;N2=0.4`. */
function parseSuccessors(text: string, file: string, line: number): { code: string; share: number }[] {
  const parts = text
    .split(";")
    .map((p) => p.trim())
    .filter(Boolean);
  const list = parts.map((p) => {
    const [code = "", share] = p.split("=").map((s) => s.trim());
    return { code, share: share === undefined ? Number.NaN : Number(share) };
  });
  const given = list.filter((s) => !Number.isNaN(s.share));
  if (given.length === 0) return list.map((s) => ({ code: s.code, share: 1 / list.length }));
  const sum = given.reduce((a, s) => a + s.share, 0);
  if (given.length !== list.length || Math.abs(sum - 1) > 1e-6 || given.some((s) => !(s.share > 0))) {
    throw new ProgressInputError(
      file,
      `line ${line}: successors: shares must be given for all and sum to 1 ("${text}")`,
    );
  }
  return list;
}

/** Columns: code,name,level,parent[,validFrom][,successors][,successionDate]. */
export async function readUnitsCsv(file: string): Promise<UnitRecord[]> {
  const units: UnitRecord[] = [];
  const seen = new Set<string>();
  for (const { line, row } of await readRows(file)) {
    const r = check(unitRow, file, line, row);
    if (seen.has(r.code)) throw new ProgressInputError(file, `line ${line}: duplicate unit code ${r.code}`);
    seen.add(r.code);
    const unit: UnitRecord = { code: r.code, name: r.name, level: r.level };
    if (r.parent) unit.parent = r.parent as string;
    if (r.validFrom) unit.validFrom = r.validFrom as string;
    if (r.successors) {
      if (!r.successionDate)
        throw new ProgressInputError(file, `line ${line}: successors need a successionDate`);
      unit.successors = parseSuccessors(r.successors as string, file, line);
      unit.successionDate = r.successionDate as string;
    }
    units.push(unit);
  }
  for (const u of units) {
    for (const ref of [u.parent, ...(u.successors ?? []).map((s) => s.code)]) {
      if (ref && !seen.has(ref))
        throw new ProgressInputError(file, `unit ${u.code} refers to unknown unit ${ref}`);
    }
  }
  return units;
}

/** Columns: unit,year,count. */
export async function readScopeCsv(file: string): Promise<UnitYearCount[]> {
  return (await readRows(file)).map(({ line, row }) => check(scopeRow, file, line, row));
}

/** Columns: dossierCode,unit[,year]; the year defaults to the receipt date inside the code. */
export async function readDossiersCsv(file: string): Promise<DossierEntry[]> {
  return (await readRows(file)).map(({ line, row }) => {
    const r = check(dossierRow, file, line, row);
    const parsed = parseDossierCode(r.dossierCode);
    if (!parsed)
      throw new ProgressInputError(file, `line ${line}: dossierCode: not a dossier code: "${r.dossierCode}"`);
    const y = (r.year as number | undefined) ?? Number(parsed.receivedOn.slice(0, 4));
    return { dossierCode: normalizeDossierCode(r.dossierCode), unit: r.unit, year: y };
  });
}
