// Leases: one reviewer per document until the lease runs out; one document per reviewer.
import { describe, expect, it } from "vitest";
import { LeaseTable } from "../../src/review/leases.js";

describe("LeaseTable", () => {
  it("refuses a second reviewer until the lease expires, then lets them take it", () => {
    let now = 1_000;
    const leases = new LeaseTable(60_000, () => now);
    expect(leases.take("d1", "lan").ok).toBe(true);
    expect(leases.take("d1", "minh")).toEqual({ ok: false, heldBy: "lan", until: 61_000 });
    expect(leases.holds("d1", "minh")).toBe(false);
    now += 60_001;
    expect(leases.holder("d1")).toBeUndefined();
    expect(leases.take("d1", "minh").ok).toBe(true);
    expect(leases.holds("d1", "lan")).toBe(false);
  });

  it("lets go of a reviewer's last document when they open another, and on release", () => {
    const leases = new LeaseTable(60_000);
    leases.take("d1", "lan");
    leases.take("d2", "lan");
    expect(leases.holder("d1")).toBeUndefined();
    expect(leases.take("d1", "minh").ok).toBe(true);
    leases.release("d1", "lan");
    expect(leases.holder("d1")).toBe("minh");
    leases.release("d1", "minh");
    expect(leases.holder("d1")).toBeUndefined();
  });
});
