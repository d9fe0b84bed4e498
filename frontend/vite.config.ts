/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { chatKitChunkProblems } from "./src/chatkit/bundle-check.ts";

/** Fails a production build that would load ChatKit by default (it belongs in a lazy chunk). */
function chatKitStaysLazy(): Plugin {
  return {
    name: "chatkit-stays-lazy",
    apply: "build",
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((c) => (c.type === "chunk" ? [c] : []));
      const problems = chatKitChunkProblems(chunks);
      if (problems.length > 0) this.error(`ChatKit must stay out of the default bundle: ${problems.join("; ")}`);
    },
  };
}

// In development the app calls its own origin; these paths go to the local backend.
const backend = process.env.BACKEND_URL ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [react(), chatKitStaysLazy()],
  server: {
    proxy: {
      "/api": { target: backend, changeOrigin: true },
      "/health": { target: backend, changeOrigin: true },
      "/mcp": { target: backend, changeOrigin: true },
      "/chatkit": { target: backend, changeOrigin: true },
    },
  },
  build: {
    target: "es2022",
    sourcemap: false,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
    setupFiles: ["src/test-setup.ts"],
  },
});
