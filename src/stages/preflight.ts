// Preflight: identify a file (hash, type, size) before any work is spent on it.
import { open, stat } from "node:fs/promises";
import path from "node:path";
import { FileUnreadableError, LimitExceededError, UnsupportedFileError } from "../errors/index.js";
import type { Limits } from "../limits.js";
import type { SourceFile } from "../types.js";
import { sha256File } from "../util/hash.js";
import { describeContent, sniffMime } from "../util/mime.js";

/** Reads the head and hashes the file; throws a typed input error naming the file. */
export async function preflight(file: string, limits: Pick<Limits, "maxFileBytes">): Promise<SourceFile> {
  const name = path.basename(file);
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new FileUnreadableError(file, "not a regular file");
    size = info.size;
  } catch (error) {
    if (error instanceof FileUnreadableError) throw error;
    throw new FileUnreadableError(file, (error as NodeJS.ErrnoException).code ?? String(error), {
      cause: error,
    });
  }
  if (size === 0) throw new UnsupportedFileError(file, "the file is empty");
  if (size > limits.maxFileBytes)
    throw new LimitExceededError(file, "file size (bytes)", size, limits.maxFileBytes);

  const head = await readHead(file, 1024);
  const mime = sniffMime(head);
  if (!mime) throw new UnsupportedFileError(file, describeContent(head));
  return { path: file, name, sha256: (await sha256File(file)).sha256, bytes: size, mime };
}

async function readHead(file: string, length: number): Promise<Uint8Array> {
  try {
    const handle = await open(file, "r");
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new FileUnreadableError(file, (error as NodeJS.ErrnoException).code ?? String(error), {
      cause: error,
    });
  }
}
