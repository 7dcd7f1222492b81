// ArchiveStore on a local folder: atomic no-clobber writes (temp file + link), SHA-256 in a sidecar.
import { randomUUID } from "node:crypto";
import { constants as fsc } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import {
  ObjectConflictError,
  ObjectNotFoundError,
  StorageError,
  ChecksumMismatchError,
} from "../errors/storage-errors.js";
import type { ArchiveStore, ObjectInfo, PutOptions, PutResult } from "./archive-store.js";
import { sha256Bytes, sha256File } from "./hash.js";
import { assertKey } from "./keys.js";

/** Sidecars live apart from the objects so `list` and people browsing the folder see only objects. */
const META_DIR = ".sohoa-meta";

interface Sidecar {
  sha256: string;
  size: number;
  contentType?: string;
  metadata: Record<string, string>;
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === code;
}

/** Local faults (disk full, permissions) are StorageErrors; full disks may clear, so they retry. */
function wrap(error: unknown, key: string): never {
  if (error instanceof StorageError) throw error;
  throw new StorageError(`${key}: local store: ${(error as Error).message}`, { cause: error });
}

export class LocalArchiveStore implements ArchiveStore {
  readonly location: string;
  constructor(readonly root: string) {
    this.root = path.resolve(root);
    this.location = `local:${this.root}`;
  }

  private file(key: string): string {
    return path.join(this.root, ...assertKey(key).split("/"));
  }

  private sidecar(key: string): string {
    return path.join(this.root, META_DIR, ...assertKey(key).split("/")) + ".json";
  }

  async put(key: string, body: Uint8Array | string, options: PutOptions = {}): Promise<PutResult> {
    const target = this.file(key);
    try {
      const given =
        typeof body === "string"
          ? await sha256File(body)
          : { sha256: sha256Bytes(body), size: body.byteLength };
      if (options.sha256 && options.sha256 !== given.sha256) {
        throw new ChecksumMismatchError(key, options.sha256, given.sha256, {
          hint: "The source changed while it was being stored.",
        });
      }
      const existing = await this.head(key);
      if (existing) {
        if (existing.sha256 === given.sha256)
          return { key, sha256: given.sha256, size: given.size, existed: true };
        if (!options.overwrite) throw new ObjectConflictError(key, existing.sha256, given.sha256);
      }
      await fs.mkdir(path.dirname(target), { recursive: true });
      const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.tmp`);
      if (typeof body === "string") await fs.copyFile(body, temp, fsc.COPYFILE_FICLONE);
      else await fs.writeFile(temp, body, { flush: true });
      try {
        const written = await sha256File(temp);
        if (written.sha256 !== given.sha256)
          throw new ChecksumMismatchError(key, given.sha256, written.sha256);
        if (options.overwrite) await fs.rename(temp, target);
        else {
          // link() refuses an existing target, so two writers racing on one key cannot clobber each other.
          try {
            await fs.link(temp, target);
          } catch (error) {
            if (!isCode(error, "EEXIST")) throw error;
            const now = await sha256File(target);
            if (now.sha256 !== given.sha256) throw new ObjectConflictError(key, now.sha256, given.sha256);
            return { key, sha256: given.sha256, size: given.size, existed: true };
          }
        }
        // After the object, so a crash in between leaves no sidecar (head then re-hashes) rather than a wrong one.
        await this.writeSidecar(key, {
          sha256: given.sha256,
          size: given.size,
          contentType: options.contentType,
          metadata: options.metadata ?? {},
        });
      } finally {
        await fs.rm(temp, { force: true });
      }
      return { key, sha256: given.sha256, size: given.size, existed: false };
    } catch (error) {
      wrap(error, key);
    }
  }

  private async writeSidecar(key: string, sidecar: Sidecar): Promise<void> {
    const file = this.sidecar(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${randomUUID()}.tmp`;
    await fs.writeFile(temp, JSON.stringify(sidecar));
    await fs.rename(temp, file);
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await fs.readFile(this.file(key)));
    } catch (error) {
      if (isCode(error, "ENOENT")) throw new ObjectNotFoundError(key);
      wrap(error, key);
    }
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const file = this.file(key);
    try {
      const stat = await fs.stat(file);
      let sidecar: Sidecar | undefined;
      try {
        sidecar = JSON.parse(await fs.readFile(this.sidecar(key), "utf8")) as Sidecar;
      } catch (error) {
        if (!isCode(error, "ENOENT")) throw error;
      }
      // A sidecar that disagrees on size is stale (crash between writes): trust the bytes.
      const sha256 = sidecar && sidecar.size === stat.size ? sidecar.sha256 : (await sha256File(file)).sha256;
      return {
        key,
        size: stat.size,
        sha256,
        contentType: sidecar?.contentType,
        metadata: sidecar?.metadata ?? {},
      };
    } catch (error) {
      if (isCode(error, "ENOENT")) return undefined;
      wrap(error, key);
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    const walk = async (dir: string, rel: string): Promise<void> => {
      let entries;
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch (error) {
        if (isCode(error, "ENOENT")) return;
        throw error;
      }
      for (const entry of entries) {
        if (entry.name === META_DIR || entry.name.endsWith(".tmp")) continue;
        const key = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (prefix.startsWith(`${key}/`) || key.startsWith(prefix) || prefix === "")
            await walk(path.join(dir, entry.name), key);
        } else if (key.startsWith(prefix)) keys.push(key);
      }
    };
    try {
      await walk(this.root, "");
    } catch (error) {
      wrap(error, prefix);
    }
    return keys.sort();
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.file(key), { force: true });
    await fs.rm(this.sidecar(key), { force: true });
  }
}
