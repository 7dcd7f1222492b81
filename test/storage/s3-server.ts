// Starts a real S3 protocol server (s3rver) on a free port with a temp folder, for tests and benchmarks.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
// @ts-expect-error s3rver ships no types
import S3rver from "s3rver";

export interface S3TestServer {
  endpoint: string;
  bucket: string;
  dir: string;
  close(): Promise<void>;
}

export async function startS3Server(bucket = "archive"): Promise<S3TestServer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-s3-"));
  const server = new S3rver({
    port: 0,
    address: "127.0.0.1",
    directory: dir,
    silent: true,
    configureBuckets: [{ name: bucket }],
  });
  const info = (await server.run()) as { port: number; address: string };
  return {
    endpoint: `http://127.0.0.1:${info.port}`,
    bucket,
    dir,
    async close() {
      await server.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** s3rver accepts any key pair; these keep the SDK's credential chain from looking elsewhere. */
export const TEST_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
