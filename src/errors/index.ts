export * from "./exit-code.js";
export * from "./sohoa-error.js";
export * from "./input-errors.js";
export * from "./runtime-errors.js";
export * from "./storage-errors.js";
export * from "./queue-errors.js";
export * from "./progress-errors.js";
