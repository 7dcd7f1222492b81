// Process exit codes, one per family of failure: OCRmyPDF's numbers where the meaning is the same.

/**
 * Numbers OCRmyPDF also uses mean what they mean there; sohoa's own families (a partly failed
 * batch, storage, queue, signing) take numbers OCRmyPDF leaves free (11-14). 1 is never used on
 * purpose: Node exits 1 on an uncaught exception, which must not pass for a sohoa outcome.
 */
export const ExitCode = {
  Ok: 0,
  /** The command line is wrong: unknown command or option, missing or invalid argument (argparse's 2). */
  BadArgs: 2,
  /** An input path does not exist or an input file is not a usable scan (OCRmyPDF input_file). */
  InputFile: 2,
  MissingDependency: 3,
  InvalidOutput: 4,
  FileAccess: 5,
  /** An external program (OCR engine, converter) crashed or failed (OCRmyPDF child_process_error). */
  ChildProcess: 7,
  EncryptedPdf: 8,
  /** A setting from a config file or the environment, or a credential, is unusable (OCRmyPDF invalid_config). */
  InvalidConfig: 9,
  /** Some files of a batch failed, the rest succeeded (or were already done). */
  PartialBatch: 11,
  Storage: 12,
  Queue: 13,
  Signing: 14,
  Internal: 15,
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** One row of the README's exit-code table: the code, what it means, OCRmyPDF's name for it (if any). */
export interface ExitCodeRow {
  code: ExitCode;
  meaning: string;
  ocrmypdf: string;
}

/** The documented table; a test compares it with the README's. */
export const EXIT_CODE_TABLE: readonly ExitCodeRow[] = [
  {
    code: ExitCode.Ok,
    meaning: "success (documents already done in `--out` count as success)",
    ocrmypdf: "ok",
  },
  {
    code: ExitCode.BadArgs,
    meaning:
      "usage: unknown command or option, missing or invalid argument, input path that does not exist " +
      "(OCRmyPDF's argparse exits 2 too); an input file that is not a usable scan",
    ocrmypdf: "input_file",
  },
  {
    code: ExitCode.MissingDependency,
    meaning: "a program or data sohoa needs is missing",
    ocrmypdf: "missing_dependency",
  },
  {
    code: ExitCode.InvalidOutput,
    meaning: "an output PDF or archive object fails verification",
    ocrmypdf: "invalid_output_pdf",
  },
  {
    code: ExitCode.FileAccess,
    meaning: "a file cannot be read or written (permissions, gone)",
    ocrmypdf: "file_access_error",
  },
  {
    code: ExitCode.ChildProcess,
    meaning: "the OCR engine or another child process failed",
    ocrmypdf: "child_process_error",
  },
  { code: ExitCode.EncryptedPdf, meaning: "an input PDF is encrypted", ocrmypdf: "encrypted_pdf" },
  {
    code: ExitCode.InvalidConfig,
    meaning: "an unusable setting or credential (environment, Redis URL, TLS files, authentication)",
    ocrmypdf: "invalid_config",
  },
  {
    code: ExitCode.PartialBatch,
    meaning: "some documents of the batch failed (see report.jsonl)",
    ocrmypdf: "-",
  },
  { code: ExitCode.Storage, meaning: "the archive store failed", ocrmypdf: "-" },
  { code: ExitCode.Queue, meaning: "Redis or the queue failed, or a batch is unknown", ocrmypdf: "-" },
  { code: ExitCode.Signing, meaning: "the key or signing failed", ocrmypdf: "-" },
  { code: ExitCode.Internal, meaning: "anything else (a bug)", ocrmypdf: "other_error" },
  {
    code: ExitCode.Interrupted,
    meaning: "interrupted (Ctrl-C); the summary and report are still written",
    ocrmypdf: "ctrl_c",
  },
];
