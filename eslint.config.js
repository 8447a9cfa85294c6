// ESLint: TypeScript rules plus the import boundaries of STYLE.md rule 9
// (web → shared; server → shared + db; shared → nothing local; db → shared).
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

const forbid = (...dirs) => ({
  "no-restricted-imports": [
    "error",
    {
      patterns: dirs.map((dir) => ({
        group: [`@${dir}/*`, `**/${dir}/*`, `**/${dir}`, `../${dir}/*`, `../../${dir}/*`, `../../../${dir}/*`],
        message: `This layer must not import from ${dir}/ (see ARCHITECTURE.md).`,
      })),
    },
  ],
});

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
  { files: ["server/**/*.ts"], rules: forbid("web", "scripts", "tests") },
  { files: ["db/**/*.ts"], rules: forbid("server", "web", "scripts", "tests") },
  prettier,
);
