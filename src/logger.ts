// The one logger factory: JSON lines to stderr, pretty on a TTY, personal data and secrets redacted.
import { pino, type Logger, type LoggerOptions, stdSerializers } from "pino";
import pinoPretty from "pino-pretty";

/** Personal data and secrets never reach a log line, whatever object they sit in. */
export const REDACT_PATHS = [
  "*.citizenId",
  "*.dateOfBirth",
  "*.motherName",
  "*.fatherName",
  "*.passphrase",
  "*.secretAccessKey",
  "*.sessionToken",
  "signing.passphrase",
  "s3.credentials",
  "fields.citizenId",
  "fields.dateOfBirth",
  "fields.motherName",
  "fields.fatherName",
  "doc.fields.citizenId",
  "doc.fields.dateOfBirth",
  "doc.fields.motherName",
  "doc.fields.fatherName",
];

/** Key names whose values are secrets wherever they sit (redact paths only reach fixed depths). */
const SECRET_KEY = /passphrase|password|secretaccesskey|sessiontoken|secret|privatekey|authorization/i;

/** A copy with every secret-named key censored, at any depth; non-plain objects other than errors pass as they are. */
export function scrubSecrets(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => scrubSecrets(v, depth + 1));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null && !(value instanceof Error)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = SECRET_KEY.test(k) ? "[Redacted]" : scrubSecrets(v, depth + 1);
  return out;
}

/** Serializers never throw: a broken object must not cost the log line. */
const serializers = {
  // SDK errors carry their request config (credentials included) as enumerable properties.
  err: (err: Error) => scrubSecrets(stdSerializers.err(err)),
  doc: (doc: unknown) => {
    if (!doc || typeof doc !== "object") return doc;
    const { file, sha256, docType } = doc as Record<string, unknown>;
    return { file, sha256, docType };
  },
};

/** SOHOA_LOG_LEVEL, else the conventional LOG_LEVEL. */
export function envLogLevel(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.SOHOA_LOG_LEVEL || env.LOG_LEVEL || undefined;
}

export const defaultOptions: LoggerOptions = {
  level: envLogLevel() ?? "info",
  base: { name: "sohoa" },
  redact: { paths: REDACT_PATHS, censor: "[Redacted]" },
  serializers,
  // Secrets nested deeper than the redact paths reach (an options object echoed whole) are censored too.
  formatters: { log: (object) => scrubSecrets(object) as Record<string, unknown> },
};

export interface CreateLoggerOptions {
  level?: string;
  /** Pretty-print (pino-pretty) instead of JSON; defaults to stderr being a TTY. */
  pretty?: boolean;
  /** Write here instead of stderr (tests pass a sink). */
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const opts: LoggerOptions = { ...defaultOptions, ...(options.level ? { level: options.level } : {}) };
  if (options.destination) {
    // Pretty lines formatted in this process, so a terminal writer can place them above its progress bar.
    if (options.pretty)
      return pino(
        opts,
        pinoPretty({
          destination: options.destination as NodeJS.WritableStream & { write: never },
          colorize: true,
          sync: true,
        }),
      );
    return pino(opts, options.destination as pino.DestinationStream);
  }
  const pretty = options.pretty ?? (process.stderr.isTTY === true && !process.env.CI);
  if (pretty) {
    return pino({
      ...opts,
      transport: { target: "pino-pretty", options: { destination: 2, colorize: true } },
    });
  }
  return pino(opts, pino.destination(2));
}

/** A logger that drops everything, for library callers that pass none. */
export const silentLogger: Logger = pino({ ...defaultOptions, level: "silent" });

export type { Logger };
