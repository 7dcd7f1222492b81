// sohoa's own version, found from source (tsx) and from the build (dist/) alike.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findPackageJson(): { version: string } {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = path.join(dir, "package.json");
    if (existsSync(candidate)) return JSON.parse(readFileSync(candidate, "utf8")) as { version: string };
    dir = path.dirname(dir);
  }
  return { version: "0.0.0" };
}

export const VERSION = findPackageJson().version;
