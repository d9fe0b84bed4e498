// Lint for the web app: ESLint's and typescript-eslint's recommended rules everywhere, the
// type-aware ones (floating or misused promises, unsafe any) on the app's own code, and the
// rules of React hooks.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const app = ["src/**/*.{ts,tsx}"];
const tests = ["src/**/*.test.{ts,tsx}", "src/test-setup.ts"];

export default tseslint.config(
  { ignores: ["dist", "node_modules", "playwright-report", "test-results"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  // The service worker (served as it is from public/).
  { files: ["public/sw.js"], languageOptions: { globals: globals.serviceworker } },
  // Playwright's fixtures call `use`, which is not React's hook.
  { files: ["e2e/**/*.ts"], rules: { "react-hooks/rules-of-hooks": "off" } },
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: app, ignores: tests })),
  {
    files: app,
    ignores: tests,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { "@typescript-eslint/no-floating-promises": ["error", { ignoreVoid: true }] },
  },
);
