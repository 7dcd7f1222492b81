// Plans as data: target share per level and year, validated with zod; Decision 468 is the default.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { FileUnreadableError, PlanInvalidError } from "../errors/index.js";
import { LEVELS, type Level } from "../types.js";
import { formatIssues } from "../util/zod-issues.js";

const yearSchema = z.number().int().min(2000).max(2100);
const percentSchema = z.number().min(0).max(100);

/** One rule: a fixed share for a year or a run of years, or "+N points on last year, capped". */
export const planRuleSchema = z
  .object({
    year: yearSchema.optional(),
    from: yearSchema.optional(),
    to: yearSchema.optional(),
    percent: percentSchema.optional(),
    addPoints: z.number().gt(0).max(100).optional(),
    cap: percentSchema.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if ((r.year === undefined) === (r.from === undefined))
      ctx.addIssue({ code: "custom", message: "give either `year` or `from`" });
    if (r.year !== undefined && r.to !== undefined)
      ctx.addIssue({ code: "custom", path: ["to"], message: "`to` goes with `from`, not `year`" });
    if (r.from !== undefined && r.to !== undefined && r.to < r.from)
      ctx.addIssue({ code: "custom", path: ["to"], message: "`to` is before `from`" });
    if ((r.percent === undefined) === (r.addPoints === undefined))
      ctx.addIssue({ code: "custom", message: "give either `percent` or `addPoints`" });
    if (r.cap !== undefined && r.addPoints === undefined)
      ctx.addIssue({ code: "custom", path: ["cap"], message: "`cap` goes with `addPoints`" });
  });

const rules = z.array(planRuleSchema).min(1);

export const planSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    source: z.string().optional(),
    targets: z
      .object({
        central: rules.optional(),
        provincial: rules.optional(),
        district: rules.optional(),
        commune: rules.optional(),
      })
      .strict(),
  })
  .strict();

export type PlanRule = z.infer<typeof planRuleSchema>;
export type Plan = z.infer<typeof planSchema>;

/**
 * Decision 468/QĐ-TTg: 2021 central 40%, provincial 30%, district 20%, commune 15%;
 * 2022 central 100%, others +20 points a year to 100%.
 */
export const DECISION_468: Plan = {
  id: "qd-468-2021",
  name: "Quyết định 468/QĐ-TTg (national default)",
  source: "Decision 468/QĐ-TTg of 27/3/2021",
  targets: {
    central: [
      { year: 2021, percent: 40 },
      { from: 2022, percent: 100 },
    ],
    provincial: [
      { year: 2021, percent: 30 },
      { from: 2022, addPoints: 20, cap: 100 },
    ],
    district: [
      { year: 2021, percent: 20 },
      { from: 2022, addPoints: 20, cap: 100 },
    ],
    commune: [
      { year: 2021, percent: 15 },
      { from: 2022, addPoints: 20, cap: 100 },
    ],
  },
};

/** Whether a rule covers the year; an open `from` covers every later year. */
function covers(rule: PlanRule, year: number): boolean {
  if (rule.year !== undefined) return rule.year === year;
  return rule.from !== undefined && rule.from <= year && (rule.to === undefined || year <= rule.to);
}

/** Target share in percent for a level and year; undefined where the plan sets none. */
export function targetPercent(plan: Plan, level: Level, year: number): number | undefined {
  const list = plan.targets[level];
  if (!list) return undefined;
  let value: number | undefined;
  // Walk up from the first year the plan mentions so "+N on last year" has its base.
  const first = Math.min(...list.map((r) => r.year ?? r.from ?? year));
  for (let y = first; y <= year; y++) {
    const rule = list.findLast((r) => covers(r, y));
    if (!rule) value = undefined;
    else if (rule.percent !== undefined) value = rule.percent;
    else value = value === undefined ? undefined : Math.min(rule.cap ?? 100, value + (rule.addPoints ?? 0));
  }
  return value;
}

/** Every level's target for each year of the range, for `plan show` and charts. */
export function planTable(
  plan: Plan,
  fromYear: number,
  toYear: number,
): { year: number; targets: Partial<Record<Level, number>> }[] {
  const rows = [];
  for (let y = fromYear; y <= toYear; y++) {
    const targets: Partial<Record<Level, number>> = {};
    for (const level of LEVELS) {
      const t = targetPercent(plan, level, y);
      if (t !== undefined) targets[level] = t;
    }
    rows.push({ year: y, targets });
  }
  return rows;
}

/** Validates plan data; the error names the file and the path of each problem. */
export function parsePlan(data: unknown, file: string): Plan {
  const result = planSchema.safeParse(data);
  if (result.success) return result.data;
  const problems = formatIssues(result.error.issues);
  throw new PlanInvalidError(file, problems);
}

/** Loads a plan from a .json, .yaml or .yml file. */
export async function loadPlan(file: string): Promise<Plan> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw new FileUnreadableError(file, (cause as Error).message, { cause });
  }
  let data: unknown;
  try {
    data = [".yaml", ".yml"].includes(extname(file).toLowerCase()) ? parseYaml(text) : JSON.parse(text);
  } catch (cause) {
    throw new PlanInvalidError(file, [`cannot parse: ${(cause as Error).message.split("\n")[0]}`], { cause });
  }
  return parsePlan(data, file);
}
