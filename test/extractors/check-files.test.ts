// Every registered extractor ships its file, test, fixtures folder and docs page (like checkRuleFiles).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractors } from "../../src/extractors/index.js";

const root = path.resolve(import.meta.dirname, "../..");
const kebab = (docType: string) => docType.replace(/_/g, "-");
/** Infrastructure modules of src/extractors that are not extractors. */
const NOT_EXTRACTORS = new Set([
  "index",
  "types",
  "tester",
  "run",
  "load",
  "find",
  "generic",
  "person",
  "messages",
  "validate",
  "ocr-confidence",
]);

/** The files an extractor for `docType` must have, each with what to do when it is missing. */
function required(docType: string): Array<[string, string]> {
  return [
    [`src/extractors/${kebab(docType)}.ts`, "write the extractor"],
    [`test/extractors/${kebab(docType)}.test.ts`, "add extractorTester cases"],
    [`fixtures/${docType}`, "create the folder with a README.md or OCR .txt samples"],
    [`docs/extractors/${docType}.md`, "document the fields"],
  ];
}

describe("extractor files", () => {
  for (const docType of Object.keys(extractors)) {
    it(`${docType} has its file, test, fixtures and docs`, () => {
      const missing = required(docType)
        .filter(([f]) => !fs.existsSync(path.join(root, f)))
        .map(([f, what]) => `missing ${f}: ${what}`);
      expect(missing).toEqual([]);
      const fixtures = path.join(root, "fixtures", docType);
      const samples = fs.readdirSync(fixtures).filter((f) => f === "README.md" || f.endsWith(".txt"));
      expect(samples, `fixtures/${docType}/ needs a README.md or .txt samples`).not.toEqual([]);
    });
  }

  it("every extractor file has a sorted index entry", () => {
    const files = fs
      .readdirSync(path.join(root, "src/extractors"))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => f.slice(0, -3))
      .filter((f) => !NOT_EXTRACTORS.has(f));
    const registered = Object.keys(extractors).map(kebab);
    expect(
      files
        .filter((f) => !registered.includes(f))
        .map((f) => `src/extractors/index.ts: add ${f.replace(/-/g, "_")}: () => import("./${f}.js")`),
    ).toEqual([]);
    expect(Object.keys(extractors)).toEqual([...Object.keys(extractors)].sort());
  });
});
