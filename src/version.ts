// sohoa's own version, found from source (tsx) and from the build (dist/) alike.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findUp } from "./util/find-up.js";

function findPackageJson(): { version: string } {
  const found = findUp(path.dirname(fileURLToPath(import.meta.url)), "package.json", 4);
  return found ? (JSON.parse(readFileSync(found, "utf8")) as { version: string }) : { version: "0.0.0" };
}

export const VERSION = findPackageJson().version;
