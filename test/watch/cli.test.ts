// `sohoa watch` as a process: takes a dropped file, and on SIGTERM finishes what it holds and exits 0.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import sharp from "sharp";
import { expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

it("sohoa watch processes a dropped file and stops cleanly on SIGTERM", async () => {
  const root = await mkdtemp(path.join(tmpdir(), "sohoa-watch-cli-"));
  try {
    const dir = path.join(root, "drop");
    const out = path.join(root, "out");
    await mkdir(dir);
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        path.join(ROOT, "cli/index.ts"),
        "watch",
        dir,
        "--out",
        out,
        "--ocr-engine",
        "null",
        "--interval",
        "100",
        "--log-level",
        "info",
      ],
      { cwd: ROOT, env: { ...process.env, FORCE_COLOR: "0" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const end = Date.now() + 60_000;
    while (!stderr.includes("watching") && Date.now() < end) await sleep(100);
    await writeFile(
      path.join(dir, "a.png"),
      await sharp({ create: { width: 40, height: 40, channels: 3, background: "#fff" } })
        .png()
        .toBuffer(),
    );
    while (
      !(await readdir(path.join(dir, "done")).catch(() => [] as string[])).includes("a.png") &&
      Date.now() < end
    )
      await sleep(100);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(await readdir(path.join(out, "a"))).toEqual(
      expect.arrayContaining(["report.jsonl", "a.json", "a.pdf"]),
    );
    expect(stderr).toContain("watch: file handled");
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}, 90_000);
