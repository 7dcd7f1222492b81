// JSON-lines files that survive a crash: appended line by line, compacted by an atomic rename.
import { appendFile, readFile, rename, writeFile } from "node:fs/promises";

/** Every parseable line; a line cut short by a crash (the last one) is dropped, not fatal. */
export async function readJsonl<T>(file: string): Promise<T[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const out: T[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // a torn last line from an interrupted write
    }
  }
  return out;
}

export async function appendJsonl(file: string, value: unknown): Promise<void> {
  await appendFile(file, `${JSON.stringify(value)}\n`);
}

/** Replaces the file whole: readers see the old or the new content, never half. */
export async function writeJsonlAtomic(file: string, values: Iterable<unknown>): Promise<void> {
  let text = "";
  for (const v of values) text += `${JSON.stringify(v)}\n`;
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}
