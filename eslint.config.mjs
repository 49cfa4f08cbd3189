// ESLint 9 flat config.
//
// * typescript-eslint "recommended" (syntax only, no type information needed).
// * eslint-plugin-office-addins v4: its rules (call-sync-before-read, load-object-before-read,
//   no-context-sync-in-loop, no-office-initialize, …) at the plugin's recommended severities.
//   The plugin's own `configs.recommended` is not spread as a whole: it also brings its own
//   @typescript-eslint parser copy, prettier-as-a-lint-rule and js files only (not .tsx);
//   here only its rules are taken, for .ts and .tsx.
// * eslint-plugin-react (shipped with office-addins, taken from its `react` config) for .tsx,
//   with the React 17+ JSX runtime.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";

const officeAddinsRules = Object.fromEntries(
  officeAddins.configs.recommended
    .flatMap((c) => Object.entries(c.rules ?? {}))
    .filter(([name]) => name.startsWith("office-addins/")),
);

// eslint-plugin-react is a dependency of eslint-plugin-office-addins, not of this package:
// reach it through the plugin's `react` config instead of importing it by name.
const reactRecommended = officeAddins.configs.react.find((c) => c.plugins?.react && c.rules?.["react/jsx-key"]);
const reactPlugin = reactRecommended.plugins.react;

const nodeGlobals = {
  require: "readonly",
  module: "writable",
  exports: "writable",
  __dirname: "readonly",
  __filename: "readonly",
  process: "readonly",
  console: "readonly",
  Buffer: "readonly",
  URL: "readonly",
  setTimeout: "readonly",
  clearTimeout: "readonly",
};

export default defineConfig([
  globalIgnores(["dist/", "node_modules/", "coverage/", "test/fixtures/**/*.xlsx"]),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    // Office.js code only: the load/sync rules read any `.value` as an Office proxy, so on
    // exceljs code (src/xlsx, the tests' workbook handling) they would only misfire.
    name: "iki/office-addins",
    files: ["src/office/**/*.ts", "src/taskpane/**/*.ts", "src/taskpane/**/*.tsx", "src/commands/**/*.ts", "test/office/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: officeAddinsRules,
  },

  {
    name: "iki/react",
    files: ["**/*.tsx"],
    plugins: { react: reactPlugin },
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    settings: { react: { version: "detect" } },
    rules: {
      ...reactRecommended.rules,
      ...reactPlugin.configs.flat["jsx-runtime"].rules,
    },
  },

  {
    name: "iki/node-scripts",
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: nodeGlobals },
    rules: {
      "@typescript-eslint/no-require-imports": "off",
    },
  },

  // The layers (docs/ARCHITECTURE.md): the engine is pure and imports nothing outside itself
  // (no files, no processes: it reads nothing at run time); nothing but the pane imports the
  // pane; the file layer and the CLI know nothing of Office.
  {
    name: "iki/layers-engine",
    files: ["src/engine/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/office/**", "**/taskpane/**", "**/xlsx/**", "**/cli/**", "**/commands/**", "**/settings/**"], message: "The engine imports nothing outside src/engine." },
            { group: ["fs", "fs/*", "path", "child_process", "worker_threads", "os", "zlib", "node:*"], message: "The engine is pure: no files, processes or platform modules." },
          ],
        },
      ],
    },
  },
  {
    name: "iki/layers-hosts",
    files: ["src/office/**/*.ts", "src/commands/**/*.ts", "src/settings/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/taskpane/**", "**/cli/**", "**/xlsx/**"], message: "office/, commands/ and settings/ import nothing from the pane, the CLI or the file layer." }] }],
    },
  },
  {
    name: "iki/layers-cli",
    files: ["src/cli/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/taskpane/**", "**/office/**", "**/commands/**", "**/settings/**"], message: "The CLI imports nothing from the add-in." }] }],
    },
  },
  {
    name: "iki/layers-xlsx",
    files: ["src/xlsx/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/taskpane/**", "**/office/**", "**/commands/**", "**/settings/**", "**/cli/**"], message: "The file layer imports only the engine." }] }],
    },
  },

  {
    name: "iki/unused-vars",
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
]);
