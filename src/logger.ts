// The one logger factory: JSON lines to stderr, pretty on a TTY, personal data and secrets redacted.
import { pino, type Logger, type LoggerOptions, stdSerializers } from "pino";

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

/** Serializers never throw: a broken object must not cost the log line. */
const serializers = {
  err: stdSerializers.err,
  doc: (doc: unknown) => {
    if (!doc || typeof doc !== "object") return doc;
    const { file, sha256, docType } = doc as Record<string, unknown>;
    return { file, sha256, docType };
  },
};

export const defaultOptions: LoggerOptions = {
  level: process.env.SOHOA_LOG_LEVEL ?? "info",
  base: { name: "sohoa" },
  redact: { paths: REDACT_PATHS, censor: "[Redacted]" },
  serializers,
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
  if (options.destination) return pino(opts, options.destination as pino.DestinationStream);
  const pretty = options.pretty ?? (process.stderr.isTTY === true && !process.env.CI);
  if (pretty) {
    return pino({ ...opts, transport: { target: "pino-pretty", options: { destination: 2, colorize: true } } });
  }
  return pino(opts, pino.destination(2));
}

/** A logger that drops everything, for library callers that pass none. */
export const silentLogger: Logger = pino({ ...defaultOptions, level: "silent" });

export type { Logger };
