// Barrel of the resumable-run state.
export * from "./fingerprint.js";
export * from "./session.js";
export * from "./types.js";
