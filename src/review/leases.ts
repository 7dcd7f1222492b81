// Who holds which document: one reviewer at a time, with an expiry; in memory (one desk server) or in Redis (several).

export interface Lease {
  user: string;
  until: number;
}

export type LeaseResult = { ok: true; lease: Lease } | { ok: false; heldBy: string; until: number };

/** The lease port; every implementation lets a reviewer hold one document at a time. */
export interface LeaseStore {
  /** Takes or renews the lease on `id` for `user`; refused while another user's lease runs. */
  take(id: string, user: string): Promise<LeaseResult>;
  holds(id: string, user: string): Promise<boolean>;
  /** Current holders of `ids` (absent: free), for a page of the queue. */
  holders(ids: string[]): Promise<Map<string, string>>;
  release(id: string, user: string): Promise<void>;
  close?(): Promise<void>;
}

export class LeaseTable implements LeaseStore {
  private readonly leases = new Map<string, Lease>();
  constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly clock: () => number = Date.now,
  ) {}

  async take(id: string, user: string): Promise<LeaseResult> {
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

  async holds(id: string, user: string): Promise<boolean> {
    return this.holder(id) === user;
  }

  async holders(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const id of ids) {
      const h = this.holder(id);
      if (h !== undefined) out.set(id, h);
    }
    return out;
  }

  private holder(id: string): string | undefined {
    const held = this.leases.get(id);
    return held && held.until > this.clock() ? held.user : undefined;
  }

  async release(id: string, user: string): Promise<void> {
    if (this.leases.get(id)?.user === user) this.leases.delete(id);
  }
}
