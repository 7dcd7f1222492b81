// The tester is strict like RuleTester: broken extractors and broken cases are rejected.
import { describe, expect, it } from "vitest";
import decision from "../../src/extractors/decision.js";
import { checkMeta, ExtractorTesterError, verifyInvalid, verifyValid } from "../../src/extractors/tester.js";
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
    expect(() => verifyInvalid("toy", bad, { text, errors: [{ messageId: "missing" }] })).toThrow(/unknown messageId 'nope'/);
  });
  it("rejects an unfilled placeholder", () => {
    const bad: Extractor = { ...base, extract: (ctx) => (ctx.report({ messageId: "missing", data: { field: "x" } }), {}) };
    expect(() => verifyInvalid("toy", bad, { text, errors: [{ messageId: "missing" }] })).toThrow(/unfilled placeholders: label/);
  });
  it("rejects an extractor that mutates its input", () => {
    const bad: Extractor = { ...base, extract: (ctx) => ((ctx.lines as string[]).push("x"), {}) };
    expect(() => verifyValid("toy", bad, { text, fields: { documentNumber: "1/QĐ-X" } })).toThrow(ExtractorTesterError);
  });
  it("rejects undeclared fields and empty metas", () => {
    const bad: Extractor = { ...base, extract: () => ({ other: { value: "x", confidence: 1 } }) };
    expect(() => verifyValid("toy", bad, { text, fields: { other: "x" } })).toThrow(/undeclared fields: other/);
    expect(() => checkMeta("toy", { ...base, meta: { ...base.meta, fields: {} } })).toThrow(/meta.fields is empty/);
    expect(() => checkMeta("decision", decision)).not.toThrow();
    expect(() => checkMeta("toy", decision)).toThrow(/meta.docType/);
  });
  it("rejects an expected error with an unknown id", () => {
    expect(() => verifyInvalid("toy", base, { text, errors: [{ messageId: "typo" }] })).toThrow(/unknown messageId 'typo'/);
  });
});
