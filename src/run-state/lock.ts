// One run per output folder: a pid lock file, taken over when its process is gone.
import { open, readFile, rm } from "node:fs/promises";
import { UsageError } from "../errors/runtime-errors.js";

export interface RunLock {
  release(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function acquireRunLock(file: string, out: string): Promise<RunLock> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number((await readFile(file, "utf8").catch(() => "")).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new UsageError(`another sohoa run (pid ${pid}) is writing to ${out}`, {
          hint: "Wait for it to finish, or give another --out.",
        });
      }
      await rm(file, { force: true }); // left by a run that died
    }
  }
  throw new UsageError(`cannot take the lock ${file}`);
}
