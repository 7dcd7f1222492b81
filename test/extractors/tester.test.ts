// The tester is strict like RuleTester: broken extractors and broken cases are rejected.
import { describe, expect, it } from "vitest";
import decision from "../../src/extractors/decision.js";
import { readFile } from "node:fs/promises";
import {
  checkDuplicates,
  checkMeta,
  extractorTester,
  ExtractorTester,
  ExtractorTesterError,
  verifyInvalid,
  verifyValid,
} from "../../src/extractors/tester.js";
import type { Extractor } from "../../src/extractors/types.js";

const base: Extractor = {
  meta: {
    docType: "toy",
    docs: { title: "Đồ chơi", description: "Toy" },
    fields: { documentNumber: { type: "string", format: "docNumber", required: true } },
    messages: { missing: "No {{field}} after '{{label}}'." },
  },
  detect: () => 1,
  extract: () => ({ documentNumber: { value: "1/QĐ-X", confidence: 0.9 } }),
};
const text = "Số: 1/QĐ-X";

describe("extractorTester strictness", () => {
  it("accepts a well-formed extractor", () => {
    expect(() => verifyValid("toy", base, { text, fields: { documentNumber: "1/QĐ-X" } })).not.toThrow();
  });
  it("rejects an unknown messageId", () => {
    const bad: Extractor = { ...base, extract: (ctx) => (ctx.report({ messageId: "nope" }), {}) };
    expect(() => verifyInvalid("toy", bad, { text, errors: [{ messageId: "missing" }] })).toThrow(
      /unknown messageId 'nope'/,
    );
  });
  it("rejects an unfilled placeholder", () => {
    const bad: Extractor = {
      ...base,
      extract: (ctx) => (ctx.report({ messageId: "missing", data: { field: "x" } }), {}),
    };
    expect(() => verifyInvalid("toy", bad, { text, errors: [{ messageId: "missing" }] })).toThrow(
      /unfilled placeholders: label/,
    );
  });
  it("rejects an extractor that mutates its input", () => {
    const bad: Extractor = { ...base, extract: (ctx) => ((ctx.lines as string[]).push("x"), {}) };
    expect(() => verifyValid("toy", bad, { text, fields: { documentNumber: "1/QĐ-X" } })).toThrow(
      ExtractorTesterError,
    );
  });
  it("rejects undeclared fields and empty metas", () => {
    const bad: Extractor = { ...base, extract: () => ({ other: { value: "x", confidence: 1 } }) };
    expect(() => verifyValid("toy", bad, { text, fields: { other: "x" } })).toThrow(
      /undeclared fields: other/,
    );
    expect(() => checkMeta("toy", { ...base, meta: { ...base.meta, fields: {} } })).toThrow(
      /meta.fields is empty/,
    );
    expect(() => checkMeta("decision", decision)).not.toThrow();
    expect(() => checkMeta("toy", decision)).toThrow(/meta.docType/);
  });
  it("rejects an expected error with an unknown id", () => {
    expect(() => verifyInvalid("toy", base, { text, errors: [{ messageId: "typo" }] })).toThrow(
      /unknown messageId 'typo'/,
    );
  });
  it("rejects an empty schema, which would accept any options", () => {
    expect(() => checkMeta("toy", { ...base, meta: { ...base.meta, schema: {} } })).toThrow(
      /meta.schema is empty/,
    );
    expect(() => checkMeta("toy", base)).not.toThrow();
  });
  it("rejects duplicate cases, in valid, in invalid and across both, whatever their labels", () => {
    const valid = { text, fields: { documentNumber: "1/QĐ-X" } };
    expect(() =>
      checkDuplicates("toy", { valid: [valid, { ...valid, name: "again" }], invalid: [] }),
    ).toThrow(/duplicate test case: Số: 1\/QĐ-X/);
    const invalid = { text: "Số:", errors: [{ messageId: "missing" }] };
    expect(() => checkDuplicates("toy", { valid: [], invalid: [invalid, invalid] })).toThrow(
      ExtractorTesterError,
    );
    expect(() => checkDuplicates("toy", { valid: [valid], invalid: [{ ...invalid, text }] })).toThrow(
      /duplicate/,
    );
    expect(() => checkDuplicates("toy", { valid: [valid], invalid: [invalid] })).not.toThrow();
    expect(() => checkDuplicates("toy", { valid: [], invalid: [] })).toThrow(/no test cases/);
  });
});

describe("extractorTester outside vitest", () => {
  it("ships without importing a test framework", async () => {
    const source = await readFile(new URL("../../src/extractors/tester.ts", import.meta.url), "utf8");
    expect(source).not.toMatch(/from "vitest"/);
  });
  it("declares its suite through whatever describe/it it is given, and fails a wrong case there", () => {
    const calls: string[] = [];
    const failures: string[] = [];
    ExtractorTester.describe = (name, body) => {
      calls.push(`describe ${name}`);
      body();
    };
    ExtractorTester.it = (name, body) => {
      calls.push(`it ${name}`);
      try {
        body();
      } catch (error) {
        failures.push(`${name}: ${(error as Error).name}`);
      }
    };
    try {
      extractorTester.run("toy", base, {
        valid: [
          { name: "right", text, fields: { documentNumber: "1/QĐ-X" } },
          { name: "wrong", text: `${text}\n`, fields: { documentNumber: "2/QĐ-X" } },
        ],
        invalid: [],
      });
    } finally {
      ExtractorTester.describe = undefined;
      ExtractorTester.it = undefined;
    }
    expect(calls).toEqual([
      "describe toy",
      "it has a valid meta and no duplicate cases",
      "describe valid",
      "it right",
      "it wrong",
      "describe invalid",
    ]);
    expect(failures).toEqual(["wrong: AssertionError"]);
  });
});
