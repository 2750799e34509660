import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const react = ["tests/react/**/*.test.ts", "tests/react/**/*.test.tsx"];
/** React 18 and its react-dom, installed by the `react18` workspace beside the harness's React 19. */
const react18 = fileURLToPath(new URL("./react18/node_modules/", import.meta.url));

export default defineConfig({
  test: {
    testTimeout: 20000,
    // Each file starts its own servers on loopback ports; keep the 2-core CI machine calm.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: "node", include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"], exclude: react },
      },
      // Every React test runs twice: with React 19 (the harness's) and with React 18.
      { extends: true, test: { name: "react19", include: react } },
      {
        extends: true,
        test: { name: "react18", include: react },
        resolve: {
          alias: [
            { find: /^react$/, replacement: `${react18}react/index.js` },
            { find: /^react\/(.*)$/, replacement: `${react18}react/$1` },
            { find: /^react-dom$/, replacement: `${react18}react-dom/index.js` },
            { find: /^react-dom\/(.*)$/, replacement: `${react18}react-dom/$1` },
          ],
        },
      },
    ],
  },
});
