import { defineConfig } from "vite";

// The page is served by the example's own server (`npm start`), on the same origin as its API and
// its socket.io endpoint.
export default defineConfig({
  root: "web",
  build: { outDir: "../dist", emptyOutDir: true },
  esbuild: { jsx: "automatic" },
});
