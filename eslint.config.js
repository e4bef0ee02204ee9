// ESLint flat config: TypeScript (typescript-eslint), React hooks and Next.js rules.
// `npm run lint` runs it; `npm test` runs lint first and fails on an error.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "src/generated/**",
      "public/monaco/**",
      "test-results/**",
      "playwright-report/**",
      "bench/results/**",
      "problems/**",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks, "@next/next": nextPlugin },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-shadow": "off",
      "@typescript-eslint/no-shadow": ["error", { ignoreTypeValueShadow: true, ignoreFunctionTypeParameterNameValueShadow: true }],
    },
  },
  {
    // Next.js rules only make sense for the web app.
    files: ["{worker,sandbox,prisma,bench,scripts,test,e2e}/**/*.ts"],
    rules: { "@next/next/no-html-link-for-pages": "off" },
  },
);
