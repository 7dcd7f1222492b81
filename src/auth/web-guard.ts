// Login, roles and cross-site checks for sohoa's web endpoints (dashboard now, the review desk later), as express middleware.
import express, { type NextFunction, type Request, type RequestHandler, type Response } from "express";
import { authenticate, type AuthConfig, type Principal } from "./accounts.js";
import { loginPage } from "./login-page.js";
import { SESSION_COOKIE, SessionStore, readCookie } from "./sessions.js";

export interface WebAuthOptions {
  config: AuthConfig;
  /** Origins the app is served at (e.g. http://127.0.0.1:3000): writes from any other are refused, and so are other Host names. */
  origins: string[];
  title?: string;
  sessions?: SessionStore;
  /** Mark the cookie Secure (served over HTTPS by a proxy). */
  secureCookies?: boolean;
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** How the request proved who it is: a browser cookie, or a header a script sets. */
interface Identified extends Principal {
  via: "cookie" | "header";
}

function refuse(res: Response, status: number, message: string): void {
  res.status(status).type("text/plain").send(`${message}\n`);
}

export function webAuth(options: WebAuthOptions): { routes: express.Router; guard: RequestHandler } {
  const sessions = options.sessions ?? new SessionStore();
  const origins = new Set(options.origins.map((o) => new URL(o).origin));
  const hosts = new Set([...origins].map((o) => new URL(o).host));
  const title = options.title ?? "sohoa";

  // DNS rebinding: a page on another name that resolves here would be "same origin" to the browser.
  const hostOk = (req: Request) => hosts.has(req.headers.host ?? "");
  const originOk = (req: Request) => {
    const origin = req.headers.origin;
    const site = req.headers["sec-fetch-site"];
    if (site === "cross-site" || site === "same-site") return false;
    return origin === undefined || origins.has(origin);
  };

  async function identify(req: Request): Promise<Identified | undefined> {
    const session = sessions.get(readCookie(req.headers.cookie, SESSION_COOKIE));
    if (session) return { ...session, via: "cookie" };
    const header = req.headers.authorization ?? "";
    const [scheme, value = ""] = header.split(" ", 2);
    if (/^bearer$/i.test(scheme ?? "")) {
      const p = await authenticate(options.config, { token: value });
      return p && { ...p, via: "header" };
    }
    if (/^basic$/i.test(scheme ?? "")) {
      const decoded = Buffer.from(value, "base64").toString("utf8");
      const cut = decoded.indexOf(":");
      if (cut < 0) return undefined;
      const p = await authenticate(options.config, {
        user: decoded.slice(0, cut),
        password: decoded.slice(cut + 1),
      });
      return p && { ...p, via: "header" };
    }
    return undefined;
  }

  const routes = express.Router();
  routes.get("/login", (req, res) =>
    hostOk(req) ? res.type("html").send(loginPage(title)) : refuse(res, 421, "unknown Host"),
  );
  routes.post("/login", express.urlencoded({ extended: false, limit: "4kb" }), async (req, res) => {
    if (!hostOk(req)) return refuse(res, 421, "unknown Host");
    if (!originOk(req)) return refuse(res, 403, "cross-origin login refused");
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    const principal = await authenticate(options.config, {
      ...(body.token ? { token: body.token } : {}),
      ...(body.user ? { user: body.user, password: body.password ?? "" } : {}),
    });
    if (!principal)
      return void res.status(401).type("html").send(loginPage(title, "Wrong user, password or token."));
    res.setHeader("set-cookie", sessions.cookie(sessions.create(principal), options.secureCookies === true));
    res.redirect(303, "/");
  });
  routes.post("/logout", (req, res) => {
    if (!originOk(req)) return refuse(res, 403, "cross-origin logout refused");
    sessions.delete(readCookie(req.headers.cookie, SESSION_COOKIE));
    res.setHeader("set-cookie", `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    res.redirect(303, "/login");
  });

  const guard: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    if (!hostOk(req)) return refuse(res, 421, "unknown Host");
    void identify(req).then((who) => {
      if (!who) {
        if (SAFE.has(req.method) && (req.headers.accept ?? "").includes("text/html"))
          return res.redirect(303, "/login");
        res.setHeader("www-authenticate", 'Bearer realm="sohoa", Basic realm="sohoa"');
        return refuse(res, 401, "login required");
      }
      if (!SAFE.has(req.method)) {
        // A browser sends its cookie with any request, so a cookie write must prove it comes from our own page.
        if (!originOk(req) || (who.via === "cookie" && req.headers.origin === undefined))
          return refuse(res, 403, "cross-origin write refused");
        if (who.role !== "operator") return refuse(res, 403, `role ${who.role} may not change anything`);
      }
      res.locals.principal = { user: who.user, role: who.role } satisfies Principal;
      next();
    }, next);
  };
  return { routes, guard };
}
