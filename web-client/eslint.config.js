// ESLint over the web client's scripts: plain ES modules loaded by the browser as they are (no
// build step), so the rules are about real mistakes: unused or undefined names, loose equality,
// reassigned constants. `npm ci` here installs it (./test.sh does); `mvn verify` runs it.
import js from "@eslint/js";
import globals from "globals";

export default [
  // Build output (Maven's target/, or target-*/ of -DbuildDir) holds copies of the sources.
  { ignores: ["target/", "target-*/"] },
  js.configs.recommended,
  {
    files: ["src/main/web/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: globals.browser,
    },
    rules: {
      "no-unused-vars": ["error", { args: "after-used", caughtErrors: "all" }],
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-var": "error",
      "prefer-const": "error",
      "no-shadow": "error",
      "no-implicit-coercion": ["error", { allow: ["!!"] }],
      "no-throw-literal": "error",
      "no-promise-executor-return": "error",
      "no-unused-private-class-members": "error",
      "require-await": "error",
    },
  },
  {
    // The service worker is a classic script in its own global scope.
    files: ["src/main/web/sw.js"],
    languageOptions: { sourceType: "script", globals: globals.serviceworker },
  },
  {
    files: ["eslint.config.js"],
    languageOptions: { globals: globals.node },
  },
];
