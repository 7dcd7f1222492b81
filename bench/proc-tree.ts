// Peak resident memory of a process tree, sampled from /proc (Linux), because per-process
// `/usr/bin/time -f %M` misses the tesseract children that do most of the work.
import { readdirSync, readFileSync } from "node:fs";

/** The fields of /proc/<pid>/stat after the command name, which may hold spaces and parentheses. */
function statFields(pid: number | "self"): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** Parent pid of every live process, from /proc/<pid>/stat. */
function parentMap(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const ppid = Number(statFields(pid)[1]);
      const list = children.get(ppid) ?? [];
      list.push(pid);
      children.set(ppid, list);
    } catch {
      // The process ended between readdir and read.
    }
  }
  return children;
}

/** VmRSS of one process in KiB, 0 when it has gone. */
function rssKiB(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/mu.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Sum of VmRSS over a root and all its descendants (root left out when includeRoot is false). */
export function treeRssKiB(root: number, includeRoot = true): number {
  const children = parentMap();
  let total = includeRoot ? rssKiB(root) : 0;
  const stack = [...(children.get(root) ?? [])];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += rssKiB(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

export interface TreeSampler {
  /** Stops sampling and returns the peak in MiB. */
  stop(): number;
}

/** Samples the tree every `intervalMs` and keeps the largest sum seen. */
export function sampleTree(
  root: number,
  options: { includeRoot?: boolean; intervalMs?: number } = {},
): TreeSampler {
  const { includeRoot = true, intervalMs = 100 } = options;
  let peak = 0;
  const tick = (): void => {
    peak = Math.max(peak, treeRssKiB(root, includeRoot));
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  return {
    stop(): number {
      clearInterval(timer);
      tick();
      return peak / 1024;
    },
  };
}

/**
 * CPU seconds (user + system) of this process's reaped descendants (cutime + cstime of
 * /proc/self/stat; USER_HZ is 100 on Linux). Unlike wall time it barely moves when other work
 * shares the cores, so runs on a busy machine stay comparable.
 */
export function childrenCpuSeconds(): number {
  const fields = statFields("self");
  // After the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/**
 * CPU seconds (user + system) of this process's live children (the persistent sohoa-tesseract
 * servers, which are reaped only when the engine closes). With childrenCpuSeconds it gives a total
 * that stays consistent as children end: a child's time moves from here to cutime when reaped.
 */
export function liveChildrenCpuSeconds(): number {
  return (parentMap().get(process.pid) ?? []).reduce((sum, pid) => sum + processCpuSeconds(pid), 0);
}

/** CPU seconds (user + system) a live process has used so far (100 Hz ticks); 0 once it has gone. */
export function processCpuSeconds(pid: number): number {
  try {
    const fields = statFields(pid);
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
