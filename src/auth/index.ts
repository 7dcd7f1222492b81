// Barrel of the web login: accounts, password hashes, sessions and the express guard.
export * from "./accounts.js";
export * from "./password.js";
export * from "./sessions.js";
export * from "./web-guard.js";
