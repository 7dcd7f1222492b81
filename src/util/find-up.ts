// Finds a file shipped with sohoa from a module's folder, whether it runs from sources (tsx) or from dist/.
import { existsSync } from "node:fs";
import path from "node:path";

/** `relative` joined to `from` or to one of the folders above it, the nearest that exists; `folders` are tried. */
export function findUp(from: string, relative: string, folders: number): string | undefined {
  let dir = from;
  for (let i = 0; i < folders; i++) {
    const candidate = path.join(dir, relative);
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return undefined;
}
