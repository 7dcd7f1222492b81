import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Global describe/it, so src/extractors/tester.ts runs under vitest without importing it (as RuleTester does).
    globals: true,
    // OCR and real services are slow on 2 cores; per-test limits stay generous, speed lives in `npm run bench`.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 2,
  },
});
