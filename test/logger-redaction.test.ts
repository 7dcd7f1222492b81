// Personal data and secrets are "[Redacted]" on the real log lines the logger writes (pino's sink pattern).
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";

/** A destination that keeps each JSON line the logger writes. */
function sink(): { stream: Writable; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString("utf8"));
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join("")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

const PERSON = {
  citizenId: "001099012345",
  dateOfBirth: "1999-01-02",
  motherName: "Nguyễn Thị Mẹ",
  fatherName: "Trần Văn Cha",
};

describe("log redaction", () => {
  it("censors personal data in a child logger's lines, as extracted fields and as plain values", () => {
    const out = sink();
    const log = createLogger({ destination: out.stream, level: "debug" }).child({
      batchId: "b1",
      docId: "d1",
      stage: "extract",
    });
    log.info({ person: PERSON }, "person read");
    log.info(
      {
        fields: {
          citizenId: { value: PERSON.citizenId, confidence: 0.9, valid: true },
          documentNumber: { value: "15/QĐ-UBND" },
        },
      },
      "fields",
    );
    log.warn(
      {
        signing: { passphrase: "trial pass", key: "/keys/org.p12" },
        s3: { credentials: { secretAccessKey: "SECRET" } },
      },
      "config",
    );
    const [person, fields, config] = out.lines();
    expect(person!.person).toEqual({
      citizenId: "[Redacted]",
      dateOfBirth: "[Redacted]",
      motherName: "[Redacted]",
      fatherName: "[Redacted]",
    });
    expect(person).toMatchObject({ batchId: "b1", docId: "d1", stage: "extract", msg: "person read" });
    expect((fields!.fields as Record<string, unknown>).citizenId).toBe("[Redacted]");
    expect((fields!.fields as Record<string, unknown>).documentNumber).toEqual({ value: "15/QĐ-UBND" });
    expect(config!.signing).toEqual({ passphrase: "[Redacted]", key: "/keys/org.p12" });
    expect(config!.s3).toEqual({ credentials: "[Redacted]" });
    const text = JSON.stringify(out.lines());
    for (const secret of [...Object.values(PERSON), "trial pass", "SECRET"])
      expect(text).not.toContain(secret);
  });

  it("keeps only file, sha256 and docType of a `doc`, so fields never ride along with it", () => {
    const out = sink();
    createLogger({ destination: out.stream }).info(
      {
        doc: {
          file: "a.jpg",
          sha256: "ab",
          docType: "birth_extract",
          fields: { citizenId: { value: PERSON.citizenId } },
        },
      },
      "document archived",
    );
    expect(out.lines()[0]!.doc).toEqual({ file: "a.jpg", sha256: "ab", docType: "birth_extract" });
  });
});
