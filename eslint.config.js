// ESLint: TypeScript rules plus the import boundaries of STYLE.md rule 9
// (web → shared; server → shared + db; shared → nothing local; db → shared).
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

/** no-restricted-imports patterns that keep a layer out of the folders `dirs`. */
const layerPatterns = (dirs) =>
  dirs.map((dir) => ({
    group: [`@${dir}/*`, `**/${dir}/*`, `**/${dir}`, `../${dir}/*`, `../../${dir}/*`, `../../../${dir}/*`],
    message: `This layer must not import from ${dir}/ (see ARCHITECTURE.md).`,
  }));

const forbid = (...dirs) => ({ "no-restricted-imports": ["error", { patterns: layerPatterns(dirs) }] });

/**
 * A feature (web/src/features/X/) imports its own files ("./…"), and lib/, map/, components/, api/,
 * i18n/ ("../../…"); never another feature ("../Y/…", ".../features/Y"). What two features share moves
 * to web/src/lib (building blocks) or web/src/map (map views), see ARCHITECTURE.md.
 */
const FEATURE_BOUNDARY = {
  regex: "^\\.\\./(?!\\.\\./)[^/]+|(^|/)features/",
  message:
    "A feature must not import another feature: move what they share to web/src/lib or web/src/map (see ARCHITECTURE.md).",
};

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "data/", "db/migrations/", "test-results/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  { files: ["shared/**/*.{ts,tsx}"], rules: forbid("server", "web", "db", "scripts", "tests") },
  { files: ["web/**/*.{ts,tsx}"], rules: forbid("server", "db", "scripts", "tests") },
  {
    files: ["web/src/features/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [...layerPatterns(["server", "db", "scripts", "tests"]), FEATURE_BOUNDARY] },
      ],
    },
  },
  { files: ["server/**/*.ts"], rules: forbid("web", "scripts", "tests") },
  // Queries read; they never reach for a command (a command may use queries).
  { files: ["server/queries/**/*.ts"], rules: forbid("web", "scripts", "tests", "commands") },
  { files: ["db/**/*.ts"], rules: forbid("server", "web", "scripts", "tests") },
  {
    // STYLE.md's "about 40 lines": 80 lines with blank and comment lines skipped. Prettier (printWidth 120)
    // gives every JSX attribute and every chained call its own line, so 80 printed lines hold about 40
    // lines of logic; 60 would flag 77 functions of the tree, 80 flags the 39 that were really long.
    files: ["**/*.{ts,tsx,js}"],
    ignores: ["tests/**", "**/*.test.{ts,tsx}"],
    rules: { "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
  {
    // Baseline: these files held functions over 80 lines when the rule came (December 2026) — the seed,
    // two scripts, commands and queries being reworked for issue 16 (AMC, keys not sentences) and the
    // quantification and interop modules that landed the same week. Every other file already passes.
    // Split a file's long functions when you next change it, and take it off this list; never add to it.
    files: [
      "db/seed/geography.ts",
      "db/seed/history.ts",
      "db/seed/index.ts",
      "scripts/bench/ledger.ts",
      "scripts/forecast.ts",
      "server/interop/orgUnitImport.ts",
      "server/queries/stockStatus.ts",
      "shared/domain/interop/dataValueSet.ts",
      "shared/domain/interop/mappingImport.ts",
      "shared/domain/interop/orgUnits.ts",
      "shared/domain/quantification/aggregate.ts",
      "shared/domain/quantification/forecast.ts",
      "shared/domain/quantification/funding.ts",
      "shared/domain/quantification/supplyPlan.ts",
      "shared/domain/replenishment/orderQuantity.ts",
      "shared/vrp/instance.ts",
    ],
    rules: { "max-lines-per-function": "off" },
  },
  prettier,
);
