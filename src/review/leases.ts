// Who holds which document: one reviewer at a time, with an expiry, in memory (one desk server).

export interface Lease {
  user: string;
  until: number;
}

export type LeaseResult = { ok: true; lease: Lease } | { ok: false; heldBy: string; until: number };

export class LeaseTable {
  private readonly leases = new Map<string, Lease>();
  constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Takes or renews the lease on `id` for `user`; refused while another user's lease runs. */
  take(id: string, user: string): LeaseResult {
    const now = this.clock();
    const held = this.leases.get(id);
    if (held && held.user !== user && held.until > now)
      return { ok: false, heldBy: held.user, until: held.until };
    // One document per reviewer: taking a new one lets go of the last.
    for (const [other, lease] of this.leases)
      if (lease.user === user && other !== id) this.leases.delete(other);
    const lease = { user, until: now + this.ttlMs };
    this.leases.set(id, lease);
    return { ok: true, lease };
  }

  holds(id: string, user: string): boolean {
    const held = this.leases.get(id);
    return held !== undefined && held.user === user && held.until > this.clock();
  }

  /** The other user holding `id`, if any. */
  holder(id: string): string | undefined {
    const held = this.leases.get(id);
    return held && held.until > this.clock() ? held.user : undefined;
  }

  release(id: string, user: string): void {
    if (this.leases.get(id)?.user === user) this.leases.delete(id);
  }
}
