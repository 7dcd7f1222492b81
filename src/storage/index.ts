// Barrel of the archive stores.
export * from "./archive-store.js";
export * from "./archive-record.js";
export * from "./hash.js";
export * from "./keys.js";
export * from "./local-store.js";
export * from "./manifest.js";
export * from "./s3-store.js";
export * from "./s3-store-options.js";
export * from "./open-store.js";
export * from "./fixity.js";
