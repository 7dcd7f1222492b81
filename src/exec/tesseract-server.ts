// One long-lived `sohoa-tesseract` process (native/sohoa-tesseract.cpp): the Vietnamese model is
// loaded once, then pages are read one at a time over stdin/stdout. The CLI pays that load
// (~0.08 CPU-s) on every page, and sohoa reads some pages two or three times (orientation, reread).
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findUp } from "../util/find-up.js";

export const SERVER_NAME = "sohoa-tesseract";

/** Where `npm run build:native` puts the server, found from sources (tsx) and from dist/ alike. */
export function tesseractServerPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.SOHOA_TESSERACT_SERVER !== undefined) return env.SOHOA_TESSERACT_SERVER || undefined;
  return findUp(path.dirname(fileURLToPath(import.meta.url)), path.join("native", "build", SERVER_NAME), 5);
}

/** The server died or could not start (`died`), or answered with an error; `stderr` is its last words. */
export class TesseractServerError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
    readonly died = false,
  ) {
    super(stderr ? `${message}: ${stderr}` : message);
    this.name = this.constructor.name;
  }
}

export interface TesseractServerOptions {
  lang: string;
  /** Tesseract variables set once at start-up. */
  config?: Record<string, string | number>;
}

interface Pending {
  id: number;
  resolve: (tsv: string) => void;
  reject: (error: unknown) => void;
}

const STDERR_TAIL = 4096;

/**
 * A client of one server process. It reads one page at a time (the engine's pool gives each
 * process to one caller), so a reply always belongs to the one pending request.
 */
export class TesseractServer {
  /** Pages read by this process, for recycling. */
  served = 0;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly ready: Promise<void>;
  private out: Buffer = Buffer.alloc(0);
  private stderr = "";
  private pending: Pending | undefined;
  private nextId = 1;
  private exited: TesseractServerError | undefined;
  private killed = false;
  private onReady: (() => void) | undefined;
  private onStartFailed: ((error: unknown) => void) | undefined;

  private constructor(binary: string, options: TesseractServerOptions) {
    const vars = Object.entries(options.config ?? {}).map(([k, v]) => `${k}=${v}`);
    this.child = spawn(binary, [options.lang, ...vars], {
      env: { ...process.env, OMP_THREAD_LIMIT: "1" },
      stdio: ["pipe", "pipe", "pipe"],
      // Its own process group, as in run(): Ctrl-C reaches sohoa, which decides what stops.
      detached: true,
    });
    this.ready = new Promise<void>((resolve, reject) => {
      this.onReady = resolve;
      this.onStartFailed = reject;
    });
    this.child.stdout.on("data", (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on("data", (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString("utf8")).slice(-STDERR_TAIL);
    });
    // A write to a dead process fails here; the exit handler reports it.
    this.child.stdin.on("error", () => undefined);
    this.child.on("error", (error) => this.die(`cannot start ${binary}: ${error.message}`));
    this.child.on("exit", (code, signal) =>
      this.die(`${SERVER_NAME} ${signal ? `killed by ${signal}` : `exited ${code}`}`),
    );
  }

  /** Starts a server and waits until its model is loaded; rejects when it cannot start. */
  static async start(binary: string, options: TesseractServerOptions): Promise<TesseractServer> {
    const server = new TesseractServer(binary, options);
    await server.ready;
    return server;
  }

  /** False once it has exited or been told to die (the exit event comes later). */
  get alive(): boolean {
    return this.exited === undefined && !this.killed;
  }

  /** Reads one image to Tesseract TSV; an abort kills the process (the caller discards it). */
  recognize(image: string, psm: number, dpi: number | undefined, signal?: AbortSignal): Promise<string> {
    if (!this.alive)
      return Promise.reject(this.exited ?? new TesseractServerError(`${SERVER_NAME} was killed`, "", true));
    if (this.pending) return Promise.reject(new Error(`${SERVER_NAME} is busy`));
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (/[\t\n]/u.test(image)) return Promise.reject(new TesseractServerError(`bad image path ${image}`, ""));
    const id = this.nextId++;
    this.stderr = "";
    return new Promise<string>((resolve, reject) => {
      const onAbort = (): void => {
        this.pending = undefined;
        this.kill();
        reject(signal!.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const done = (): void => signal?.removeEventListener("abort", onAbort);
      this.pending = {
        id,
        resolve: (tsv) => {
          done();
          this.served++;
          resolve(tsv);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      };
      this.child.stdin.write(`${id}\t${psm}\t${Math.round(dpi ?? 0)}\t${image}\n`);
    });
  }

  /** Ends the process: closing stdin lets it exit; SIGKILL if asked or if it lingers. */
  async close(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.stdin.end();
    const timer = setTimeout(() => this.kill(), 2000);
    await gone;
    clearTimeout(timer);
  }

  kill(): void {
    this.killed = true;
    if (!this.exited) this.child.kill("SIGKILL");
  }

  private receive(chunk: Buffer): void {
    this.out = this.out.length === 0 ? chunk : Buffer.concat([this.out, chunk]);
    for (;;) {
      const eol = this.out.indexOf(10);
      if (eol < 0) return;
      const head = this.out.subarray(0, eol).toString("utf8");
      if (head === "ready") {
        this.out = this.out.subarray(eol + 1);
        this.onReady?.();
        continue;
      }
      const [id, status, bytes] = head.split("\t");
      const length = Number(bytes);
      if (!Number.isInteger(length)) {
        this.die(`${SERVER_NAME} sent an unreadable reply "${head.slice(0, 80)}"`);
        this.kill();
        return;
      }
      if (this.out.length < eol + 1 + length) return;
      const body = this.out.subarray(eol + 1, eol + 1 + length).toString("utf8");
      this.out = this.out.subarray(eol + 1 + length);
      this.answer(Number(id), status === "ok", body);
    }
  }

  private answer(id: number, ok: boolean, body: string): void {
    const pending = this.pending;
    if (!pending || pending.id !== id) return;
    this.pending = undefined;
    if (ok) pending.resolve(body);
    else pending.reject(new TesseractServerError(body, this.stderr.trim()));
  }

  private die(reason: string): void {
    if (this.exited) return;
    this.exited = new TesseractServerError(reason, this.stderr.trim(), true);
    this.onStartFailed?.(this.exited);
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(this.exited);
  }
}
