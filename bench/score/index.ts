// Barrel of the benchmark scores.
export * from "./normalize.js";
export * from "./cer.js";
export * from "./word-f1.js";
export * from "./skew.js";
