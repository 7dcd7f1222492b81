// The drop-folder watcher: stability check, restart-safe state, done/ and failed/.
export * from "./handlers.js";
export * from "./stable.js";
export * from "./state.js";
export * from "./watcher.js";
