// Login sessions held in memory: random ids in an HttpOnly, SameSite=Strict cookie, with an expiry.
import { randomBytes } from "node:crypto";
import type { Principal } from "./accounts.js";

export const SESSION_COOKIE = "sohoa_session";

export class SessionStore {
  private readonly sessions = new Map<string, Principal & { expires: number }>();
  constructor(private readonly ttlMs = 8 * 3600_000) {}

  create(principal: Principal): string {
    const id = randomBytes(32).toString("base64url");
    this.sessions.set(id, { ...principal, expires: Date.now() + this.ttlMs });
    return id;
  }

  get(id: string | undefined): Principal | undefined {
    if (!id) return undefined;
    const s = this.sessions.get(id);
    if (!s) return undefined;
    if (s.expires < Date.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return { user: s.user, role: s.role };
  }

  delete(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  /** The Set-Cookie value; `secure` when served over HTTPS (behind a proxy). */
  cookie(id: string, secure: boolean): string {
    return (
      `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict; ` +
      `Max-Age=${Math.floor(this.ttlMs / 1000)}${secure ? "; Secure" : ""}`
    );
  }
}

/** The value of one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return undefined;
}
