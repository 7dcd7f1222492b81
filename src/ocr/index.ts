// Barrel of the OCR engines.
export * from "./ocr-engine.js";
export * from "./page.js";
export * from "./tsv.js";
export * from "./native-engine.js";
export * from "./wasm-engine.js";
export * from "./null-engine.js";
export * from "./select.js";
