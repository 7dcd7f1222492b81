// The queue index: filters, counts per reason, and one decision moving one entry keeps the same order as a full sort.
import { describe, expect, it } from "vitest";
import { QueueIndex, reasonGroup, type IndexEntry } from "../../src/review/queue-index.js";

function entry(i: number, status: IndexEntry["status"] = "pending"): IndexEntry {
  const id = String(i).padStart(64, "0");
  return {
    id,
    prefix: `commune/2700${i % 3}/2024/decision/d${i}`,
    docId: `d${i}`,
    batchId: `lo-${i % 4}`,
    unit: `2700${i % 3}`,
    level: "commune",
    year: String(2020 + (i % 2)),
    docType: i % 2 ? "decision" : "unknown",
    reasons: i % 2 ? ["missing field issueDate"] : ["document type not recognised"],
    status,
    version: 1,
    file: `f${(i * 37) % 101}.jpg`,
  };
}

describe("QueueIndex", () => {
  it("filters, counts reasons and pages", () => {
    const index = new QueueIndex();
    index.putAll(Array.from({ length: 60 }, (_, i) => entry(i, i % 10 === 0 ? "approved" : "pending")));
    const all = index.query({});
    expect(all.total).toBe(54);
    expect(all.reasons).toEqual([
      ["missing field issueDate", 30],
      ["document type not recognised", 24],
    ]);
    const some = index.query({ unit: "27001", reason: "missing field issueDate" }, 0, 5);
    expect(some.entries).toHaveLength(5);
    expect(
      some.entries.every((e) => e.unit === "27001" && e.reasons.includes("missing field issueDate")),
    ).toBe(true);
    expect(index.query({}, 50, 50).entries).toHaveLength(4);
    expect(all.facets.batch).toEqual(["lo-0", "lo-1", "lo-2", "lo-3"]);
  });

  it("keeps the pending order through single decisions as a fresh sort would", () => {
    const index = new QueueIndex();
    index.putAll(Array.from({ length: 200 }, (_, i) => entry(i)));
    index.query({});
    for (const i of [5, 17, 150, 3, 199, 0]) index.put(entry(i, "approved"));
    index.put(entry(17, "pending"));
    index.put({ ...entry(42), file: "a-first.jpg", batchId: "lo-0" });
    const fresh = new QueueIndex();
    fresh.putAll([...index.all()]);
    expect(index.query({}, 0, 1000).entries.map((e) => e.id)).toEqual(
      fresh.query({}, 0, 1000).entries.map((e) => e.id),
    );
    expect(index.query({}).total).toBe(195);
    expect(index.neighbour(index.query({}).entries[0]!.id, 1)?.id).toBe(index.query({}).entries[1]!.id);
  });

  it("groups reasons by their words before a field's detail", () => {
    expect(reasonGroup("doubtful field: documentNumber (handwritten)")).toBe("doubtful field");
  });
});
