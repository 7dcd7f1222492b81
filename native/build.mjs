// Builds native/build/sohoa-tesseract from sohoa-tesseract.cpp where g++ and libtesseract-dev are
// installed (run by `npm install` through "prepare"). Without them it says so and leaves the
// native engine on the tesseract CLI: never an install failure.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, statSync } from "node:fs";
import path from "node:path";
import process from "node:process";
import console from "node:console";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.join(here, "sohoa-tesseract.cpp");
const target = path.join(here, "build", "sohoa-tesseract");
const force = process.argv.includes("--force");

function say(message) {
  console.log(`sohoa build:native: ${message}`);
}

function pkgConfig(...args) {
  return execFileSync("pkg-config", args, { encoding: "utf8" }).trim().split(/\s+/u).filter(Boolean);
}

if (!force && existsSync(target) && statSync(target).mtimeMs >= statSync(source).mtimeMs) {
  say("up to date");
  process.exit(0);
}
let flags;
try {
  flags = pkgConfig("--cflags", "--libs", "tesseract", "lept");
} catch {
  say(
    "skipped: libtesseract-dev is not installed (apt-get install libtesseract-dev g++ pkg-config); the tesseract CLI is used",
  );
  process.exit(0);
}
mkdirSync(path.dirname(target), { recursive: true });
const partial = `${target}.${process.pid}`;
try {
  execFileSync("g++", ["-O2", "-std=c++17", "-o", partial, source, ...flags], {
    stdio: ["ignore", "inherit", "inherit"],
  });
} catch (error) {
  say(`skipped: g++ failed (${error.message.split("\n")[0]}); the tesseract CLI is used`);
  process.exit(0);
}
// Rename last, so a half-written binary is never picked up.
renameSync(partial, target);
say(`built ${path.relative(process.cwd(), target)}`);
