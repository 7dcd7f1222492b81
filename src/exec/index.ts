// Barrel of the thin wrappers of external programs.
export * from "./run.js";
export * from "./tesseract.js";
