// Locates the fonts and ICC profile shipped in src/pdf/assets, from sources (tsx) or from dist/.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findUp } from "../util/find-up.js";

export type AssetName = "glyphless.ttf" | "LiberationSerif-Regular.ttf" | "sRGB.icc";

const here = path.dirname(fileURLToPath(import.meta.url));
const cache = new Map<AssetName, Promise<Uint8Array>>();

/** Path of an asset: beside this module when run from sources, else `src/pdf/assets` of the package root. */
export function assetPath(name: AssetName): string {
  const besides = path.join(here, "assets", name);
  if (existsSync(besides)) return besides;
  // dist/src/pdf → package root is three levels up; tsc does not copy binary assets.
  const found = findUp(here, path.join("src", "pdf", "assets", name), 5);
  if (found) return found;
  throw new Error(`sohoa asset ${name} not found near ${here}`);
}

/** The asset's bytes, read once per process. */
export function readAsset(name: AssetName): Promise<Uint8Array> {
  let bytes = cache.get(name);
  if (!bytes) {
    bytes = readFile(assetPath(name)).then((b) => new Uint8Array(b));
    cache.set(name, bytes);
  }
  return bytes;
}
