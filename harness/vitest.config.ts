import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    testTimeout: 20000,
    // Each file starts its own servers on loopback ports; keep the 2-core CI machine calm.
    maxWorkers: 2,
  },
});
