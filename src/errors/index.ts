export * from "./exit-code.js";
export * from "./sohoa-error.js";
export * from "./input-errors.js";
export * from "./runtime-errors.js";
