// The review desk web app: login (src/auth), CSRF tokens, the queue, the document view, leases and decisions.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import express, { type Request, type Response } from "express";
import { z } from "zod";
import { webAuth, type AuthConfig, type Principal } from "../auth/index.js";
import { readCookie, SESSION_COOKIE, SessionStore } from "../auth/sessions.js";
import { extractors } from "../extractors/index.js";
import type { ProgressLedger } from "../progress/types.js";
import type { Signer } from "../signing/signer.js";
import type { ArchiveStore } from "../storage/archive-store.js";
import { readJson, versionKeys } from "../storage/versions.js";
import { applyDecision, type StoredMetadata } from "./decide.js";
import { messages, type Lang } from "./i18n.js";
import { LeaseTable, type LeaseStore } from "./leases.js";
import { docView, heldView, loginView, queueView } from "./pages.js";
import { PageImages } from "./page-images.js";
import { followInLedger } from "./ledger-sync.js";
import { entryFrom, type QueueFilter, type QueueIndex } from "./queue-index.js";

export interface ReviewAppOptions {
  store: ArchiveStore;
  index: QueueIndex;
  auth: AuthConfig;
  /** Origins the desk is served at, e.g. http://127.0.0.1:3030. */
  origins: string[];
  signer?: Signer;
  organisation?: string;
  ledger?: ProgressLedger;
  /** @defaultValue an in-memory LeaseTable (one desk server); RedisLeaseStore for several. */
  leases?: LeaseStore;
  secureCookies?: boolean;
  log?: (line: string) => void;
}

const decisionSchema = z.object({
  action: z.enum(["approve", "exclude"]),
  docType: z.string().max(64).optional(),
  fields: z
    .record(
      z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "field names are letters, digits and _"),
      z.string().max(2000),
    )
    .optional(),
  turns: z.record(z.string().regex(/^\d{1,4}$/), z.number().int().min(0).max(3)).optional(),
  note: z.string().max(2000).optional(),
});

/** Field names of every registered document type. */
export async function loadSchemas(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [type, load] of Object.entries(extractors))
    out[type] = Object.keys((await load()).default.meta.fields);
  return out;
}

const langOf = (req: Request): Lang => (req.query.lang === "en" ? "en" : "vi");
const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

export async function reviewApp(o: ReviewAppOptions): Promise<express.Express> {
  const sessions = new SessionStore();
  const secret = randomBytes(32);
  const leases = o.leases ?? new LeaseTable();
  const schemas = await loadSchemas();
  const images = new PageImages(o.store);
  // Sorts the pending list now rather than on the first reviewer's request.
  o.index.query({}, 0, 0);
  const { routes, guard } = webAuth({
    config: o.auth,
    origins: o.origins,
    sessions,
    title: "sohoa review",
    ...(o.secureCookies ? { secureCookies: true } : {}),
  });

  // The token is bound to the session: a page of ours carries it, a forged request cannot know it.
  const csrfOf = (req: Request) =>
    createHmac("sha256", secret)
      .update(readCookie(req.headers.cookie, SESSION_COOKIE) ?? "")
      .digest("base64url");
  const csrfOk = (req: Request) => {
    const given = String(
      req.headers["x-csrf-token"] ?? (req.body as Record<string, unknown> | undefined)?._csrf ?? "",
    );
    const want = csrfOf(req);
    return (
      readCookie(req.headers.cookie, SESSION_COOKIE) !== undefined &&
      Buffer.byteLength(given) === Buffer.byteLength(want) &&
      timingSafeEqual(Buffer.from(given), Buffer.from(want))
    );
  };
  const who = (res: Response) => res.locals.principal as Principal;
  /** The next pending document in `step` direction that no other reviewer holds (looks a few ahead at most). */
  const nextFree = async (id: string, step: 1 | -1, user: string): Promise<string | undefined> => {
    const skipped = new Set<string>();
    for (let tries = 0; tries < 25; tries++) {
      const candidate = o.index.neighbour(id, step, (x) => skipped.has(x));
      if (!candidate) return undefined;
      const holder = (await leases.holders([candidate.id])).get(candidate.id);
      if (holder === undefined || holder === user) return candidate.id;
      skipped.add(candidate.id);
    }
    return undefined;
  };
  /** Documents whose decision is being written: a double submit must not race for the same version. */
  const saving = new Set<string>();

  const app = express();
  app.disable("x-powered-by");
  app.use((_req, res, next) => {
    res.setHeader(
      "content-security-policy",
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'",
    );
    res.setHeader("x-content-type-options", "nosniff");
    next();
  });
  app.get("/login", (req, res) => void res.type("html").send(loginView(langOf(req))));
  app.post("/logout", express.urlencoded({ extended: false, limit: "4kb" }), (req, res, next) =>
    csrfOk(req) ? next() : void res.status(403).send("CSRF token missing or wrong\n"),
  );
  app.use(routes);
  app.use(guard);
  app.use(express.json({ limit: "256kb" }));
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || csrfOk(req)) return next();
    res.status(403).json({ error: "CSRF token missing or wrong" });
  });

  app.get("/", (req, res) => res.redirect(303, `/queue?lang=${langOf(req)}`));
  app.get("/queue", async (req, res, next) => {
    try {
      const q = req.query;
      const filter: QueueFilter = {};
      for (const k of ["batch", "unit", "level", "year", "docType", "reason"] as const) {
        const v = str(q[k]);
        if (v) filter[k] = v;
      }
      const offset = Math.max(0, Number(q.offset ?? 0) || 0);
      const page = o.index.query(filter, offset, 50);
      const holders = await leases.holders(page.entries.map((e) => e.id));
      // The same view in the other language: every parameter but lang.
      const params = new URLSearchParams(
        req.url.includes("?") ? req.url.slice(req.url.indexOf("?") + 1) : "",
      );
      params.delete("lang");
      const query = params.size > 0 ? `?${params.toString()}` : "";
      res
        .type("html")
        .send(
          queueView(langOf(req), page, filter, who(res).user, csrfOf(req), query, (id) => holders.get(id)),
        );
    } catch (error) {
      next(error);
    }
  });

  app.get("/doc/:id", async (req, res, next) => {
    try {
      const entry = o.index.get(req.params.id);
      if (!entry) return void res.status(404).type("text").send("no such document\n");
      const lease = await leases.take(entry.id, who(res).user);
      if (!lease.ok)
        return void res
          .status(409)
          .type("html")
          .send(heldView(langOf(req), lease.heldBy, lease.until));
      const meta = await readJson<StoredMetadata>(o.store, versionKeys(entry.prefix, entry.version).metadata);
      const pages = Array.isArray(meta.pages)
        ? meta.pages.length
        : await images.pageCount(entry.prefix, entry.version);
      const next = await nextFree(entry.id, 1, who(res).user);
      const prev = await nextFree(entry.id, -1, who(res).user);
      res
        .type("html")
        .send(
          docView(
            langOf(req),
            { entry, meta, pages, schemas, ...(next ? { next } : {}), ...(prev ? { prev } : {}) },
            who(res).user,
            csrfOf(req),
          ),
        );
    } catch (error) {
      next(error);
    }
  });
  app.get("/doc/:id/page/:n.png", async (req, res, next) => {
    try {
      const entry = o.index.get(req.params.id);
      if (!entry) return void res.status(404).end();
      const png = await images
        .png(entry.prefix, entry.version, Number(req.params.n))
        .catch((error: unknown) => {
          if (error instanceof RangeError) return undefined;
          throw error;
        });
      if (!png) return void res.status(404).end();
      res.type("png").setHeader("cache-control", "private, max-age=300").send(png);
    } catch (error) {
      next(error);
    }
  });
  app.get("/doc/:id/words/:n.json", async (req, res, next) => {
    try {
      const entry = o.index.get(req.params.id);
      if (!entry) return void res.status(404).end();
      const n = Number(req.params.n);
      if (!Number.isInteger(n) || n < 0 || n > 9999) return void res.status(400).end();
      res.json(await images.words(entry.prefix, entry.version, n));
    } catch (error) {
      next(error);
    }
  });

  app.post("/doc/:id/decision", async (req, res, next) => {
    try {
      const user = who(res).user;
      const entry = o.index.get(req.params.id);
      if (!entry) return void res.status(404).json({ error: "no such document" });
      if (!(await leases.holds(entry.id, user))) {
        const holder = (await leases.holders([entry.id])).get(entry.id);
        const t = messages(langOf(req));
        return void res.status(409).json({
          error: holder
            ? t.heldBy.replace("{user}", holder).replace(" đến {until}", "").replace(" until {until}", "")
            : "open the document first (no lease)",
        });
      }
      const parsed = decisionSchema.safeParse(req.body);
      if (!parsed.success)
        return void res.status(400).json({ error: parsed.error.issues[0]?.message ?? "bad decision" });
      const d = parsed.data;
      if (d.docType && !(d.docType in schemas))
        return void res.status(400).json({ error: `unknown document type ${d.docType}` });
      if (saving.has(entry.id))
        return void res.status(409).json({ error: "this decision is being saved already" });
      const next = await nextFree(entry.id, 1, user);
      const turns = d.turns
        ? Object.fromEntries(Object.entries(d.turns).map(([k, v]) => [Number(k), v]))
        : undefined;
      saving.add(entry.id);
      const result = await applyDecision(
        entry.prefix,
        {
          action: d.action,
          ...(d.docType ? { docType: d.docType } : {}),
          ...(d.fields ? { fields: d.fields } : {}),
          ...(turns ? { turns } : {}),
          ...(d.note ? { note: d.note } : {}),
        },
        {
          store: o.store,
          user,
          ...(o.signer ? { signer: o.signer } : {}),
          ...(o.organisation ? { organisation: o.organisation } : {}),
        },
      ).finally(() => saving.delete(entry.id));
      const updated = entryFrom(entry.prefix, result.version, result.metadata);
      o.index.put(updated);
      if (o.ledger) await followInLedger(o.ledger, o.index, entry.ref, updated);
      await leases.release(entry.id, user);
      o.log?.(`${user} ${d.action} ${entry.prefix} → v${result.version} (${JSON.stringify(result.timings)})`);
      res.json({
        version: result.version,
        event: result.event.eventIdentifier,
        ...(next && next !== entry.id ? { next } : {}),
      });
    } catch (error) {
      next(error);
    }
  });
  app.use((error: Error, _req: Request, res: Response, _next: express.NextFunction) => {
    o.log?.(`error: ${error.message}`);
    res.status(500).json({ error: error.message });
  });
  return app;
}
