// ExtractorTester: RuleTester for extractors; strict about ids, placeholders, duplicates, mutation and empty schemas.
import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import { placeholders } from "./messages.js";
import { detectInput, runExtractor } from "./run.js";
import type { Extractor, ReportDescriptor } from "./types.js";

export interface ValidCase {
  name?: string;
  text: string;
  /** Expected values of these fields; fields not listed are not checked. */
  fields: Record<string, string | number>;
  /** Also require detect() to pick this type (score ≥ 0.5). Default true. */
  detects?: boolean;
}

export interface ExpectedError {
  messageId: string;
  field?: string;
  line?: number;
}

export interface InvalidCase {
  name?: string;
  text: string;
  errors: ExpectedError[];
  /** Expected values; `undefined` means the field must be absent (a flagged value is not guessed). */
  fields?: Record<string, string | number | undefined>;
}

export interface TesterCases {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

/** A broken extractor or test case, as opposed to a failed expectation. */
export class ExtractorTesterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = this.constructor.name;
  }
}

/** Checks the extractor's meta the way RuleTester checks a rule's. */
export function checkMeta(name: string, extractor: Extractor): void {
  const { meta } = extractor;
  if (!meta || typeof extractor.extract !== "function" || typeof extractor.detect !== "function") {
    throw new ExtractorTesterError(`${name}: an extractor needs meta, detect() and extract().`);
  }
  if (meta.docType !== name)
    throw new ExtractorTesterError(`${name}: meta.docType is '${meta.docType}', expected '${name}'.`);
  if (!meta.fields || Object.keys(meta.fields).length === 0)
    throw new ExtractorTesterError(
      `${name}: meta.fields is empty; declare every field the extractor returns.`,
    );
  if (!meta.messages || Object.keys(meta.messages).length === 0)
    throw new ExtractorTesterError(`${name}: meta.messages is empty.`);
  if (!meta.docs?.title || !meta.docs.description)
    throw new ExtractorTesterError(`${name}: meta.docs needs a Vietnamese title and an English description.`);
  if (meta.schema !== undefined && Object.keys(meta.schema).length === 0) {
    throw new ExtractorTesterError(
      `${name}: meta.schema is empty, which accepts any options; extractors take none, so remove it.`,
    );
  }
}

/** Runs the extractor with the context's report() checked: known id, every placeholder filled, known field. */
function runChecked(name: string, extractor: Extractor, text: string) {
  const input = detectInput(text);
  const frozen = structuredClone({ text: input.text, lines: [...input.lines], folded: [...input.folded] });
  const seen: ReportDescriptor[] = [];
  const wrapped: Extractor = {
    ...extractor,
    extract: (ctx) =>
      extractor.extract({
        ...ctx,
        report: (d) => {
          const template = extractor.meta.messages[d.messageId];
          if (template === undefined)
            throw new ExtractorTesterError(`${name}: report() with unknown messageId '${d.messageId}'.`);
          const missing = placeholders(template).filter((p) => d.data?.[p] === undefined);
          if (missing.length)
            throw new ExtractorTesterError(
              `${name}: message '${d.messageId}' has unfilled placeholders: ${missing.join(", ")}.`,
            );
          if (d.field !== undefined && !(d.field in extractor.meta.fields))
            throw new ExtractorTesterError(`${name}: report() on undeclared field '${d.field}'.`);
          seen.push(d);
          ctx.report(d);
        },
      }),
  };
  // Frozen lines turn an in-place edit into a TypeError; the comparison below catches the rest.
  Object.freeze(input.lines);
  Object.freeze(input.folded);
  let result: ReturnType<typeof runExtractor>;
  try {
    result = runExtractor(wrapped, input);
  } catch (error) {
    if (error instanceof TypeError && /read.only|not extensible|frozen/i.test(error.message)) {
      throw new ExtractorTesterError(`${name}: the extractor mutated its input (${error.message}).`);
    }
    throw error;
  }
  if (!isDeepStrictEqual({ text: input.text, lines: [...input.lines], folded: [...input.folded] }, frozen)) {
    throw new ExtractorTesterError(`${name}: the extractor mutated its input.`);
  }
  if (result.undeclaredFields.length)
    throw new ExtractorTesterError(
      `${name}: returned undeclared fields: ${result.undeclaredFields.join(", ")}.`,
    );
  return { input, result, reports: seen };
}

/** Rejects duplicate cases: the same text twice (a case label does not make it a new case). */
export function checkDuplicates(name: string, cases: TesterCases): void {
  const texts = new Set<string>();
  for (const c of [...cases.valid, ...cases.invalid]) {
    if (texts.has(c.text))
      throw new ExtractorTesterError(
        `${name}: duplicate test case: ${c.text.slice(0, 60).replace(/\n/g, " ")}…`,
      );
    texts.add(c.text);
  }
  if (cases.valid.length + cases.invalid.length === 0)
    throw new ExtractorTesterError(`${name}: no test cases.`);
}

/** Verifies one valid case; throws on a broken extractor, fails expect() on a wrong value. */
export function verifyValid(name: string, extractor: Extractor, c: ValidCase): void {
  if (Object.keys(c.fields).length === 0)
    throw new ExtractorTesterError(`${name}: a valid case must expect at least one field.`);
  const { input, result } = runChecked(name, extractor, c.text);
  if (c.detects !== false) {
    const score = extractor.detect(input);
    assert.ok(score >= 0.5, `${name}: detect() scored ${score}, expected at least 0.5`);
  }
  const got = Object.fromEntries(Object.keys(c.fields).map((k) => [k, result.fields[k]?.value]));
  assert.deepStrictEqual(got, c.fields);
  assert.deepStrictEqual(
    result.problems.map((p) => `${p.messageId}(${p.field ?? ""}): ${p.message}`),
    [],
    "valid case reported problems",
  );
}

/** Verifies one invalid case: exactly the expected reports, in line order. */
export function verifyInvalid(name: string, extractor: Extractor, c: InvalidCase): void {
  if (c.errors.length === 0)
    throw new ExtractorTesterError(`${name}: an invalid case must expect at least one error.`);
  for (const e of c.errors) {
    if (!(e.messageId in extractor.meta.messages))
      throw new ExtractorTesterError(`${name}: expected error has unknown messageId '${e.messageId}'.`);
  }
  const { result } = runChecked(name, extractor, c.text);
  const order = (a: { line?: number; messageId: string; field?: string }, b: typeof a) =>
    (a.line ?? 0) - (b.line ?? 0) ||
    a.messageId.localeCompare(b.messageId) ||
    (a.field ?? "").localeCompare(b.field ?? "");
  const actual = [...result.problems].sort(order).map((p, i) => {
    const want = [...c.errors].sort(order)[i];
    return {
      messageId: p.messageId,
      ...(p.field !== undefined ? { field: p.field } : {}),
      ...(want?.line !== undefined ? { line: p.line } : {}),
    };
  });
  const expected = [...c.errors].sort(order).map((e) => ({
    messageId: e.messageId,
    ...(e.field !== undefined ? { field: e.field } : {}),
    ...(e.line !== undefined ? { line: e.line } : {}),
  }));
  assert.deepStrictEqual(actual, expected);
  if (c.fields)
    assert.deepStrictEqual(
      Object.fromEntries(Object.keys(c.fields).map((k) => [k, result.fields[k]?.value])),
      c.fields,
    );
}

/** A test framework's suite and case functions, as mocha, jest, vitest (`globals: true`) and node:test provide. */
type Describe = (name: string, body: () => void) => void;
type It = (name: string, body: () => void) => void;

/**
 * Like ESLint's RuleTester: the global `describe`/`it` when the framework defines them, else a plain
 * runner that runs each case at once and throws on the first failure. `ExtractorTester.describe/it`
 * may be set to other functions (e.g. node:test's).
 */
export const ExtractorTester = {
  describe: undefined as Describe | undefined,
  it: undefined as It | undefined,
};

function frameworkDescribe(): Describe {
  const global = globalThis as { describe?: Describe };
  return ExtractorTester.describe ?? global.describe ?? ((_name, body) => body());
}

function frameworkIt(): It {
  const global = globalThis as { it?: It };
  return (
    ExtractorTester.it ??
    global.it ??
    ((name, body) => {
      try {
        body();
      } catch (error) {
        throw new Error(`${name}: ${(error as Error).message}`, { cause: error });
      }
    })
  );
}

export const extractorTester = {
  /** Declares a suite for `extractor`, one test per case; the meta and the cases are checked first. */
  run(name: string, extractor: Extractor, cases: TesterCases): void {
    const describe = frameworkDescribe();
    const it = frameworkIt();
    describe(name, () => {
      it("has a valid meta and no duplicate cases", () => {
        checkMeta(name, extractor);
        checkDuplicates(name, cases);
      });
      describe("valid", () => {
        for (const c of cases.valid) it(c.name ?? c.text.slice(0, 50), () => verifyValid(name, extractor, c));
      });
      describe("invalid", () => {
        for (const c of cases.invalid)
          it(c.name ?? c.text.slice(0, 50), () => verifyInvalid(name, extractor, c));
      });
    });
  },
};
