// Process exit codes, one per family of failure, so scripts can tell them apart (OCRmyPDF-style).
export const ExitCode = {
  Ok: 0,
  BadArgs: 2,
  InputFile: 3,
  MissingDependency: 4,
  InvalidOutput: 5,
  FileAccess: 6,
  Storage: 7,
  Queue: 8,
  Signing: 9,
  /** Some files of a batch failed, the rest succeeded. */
  PartialBatch: 10,
  Internal: 15,
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
