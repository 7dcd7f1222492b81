// Vietnamese parsers shared by every extractor.
export * from "./text.js";
export * from "./digits.js";
export * from "./date.js";
export * from "./doc-number.js";
export * from "./personal-id.js";
export * from "./tax-code.js";
export * from "./dossier-code.js";
export * from "./money.js";
export * from "./names.js";
export * from "./agency.js";
export * from "./signer.js";
