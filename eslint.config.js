import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './scripts/eslint/layers.js';

export default tseslint.config(
  {
    ignores: ['dist', 'dist-static', 'dist-server', 'dist-real', 'dist-gateway', '.data', 'node_modules', 'public', 'playwright-report', 'test-results', 'src/api/generated', 'bench-results'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks, local: layersPlugin },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // Secrets are never logged: no console call may name a key, token, signature, password or credential.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.object.name='console'] Identifier[name=/key|secret|token|password|credential|signature|^sig$|^sas$/i]",
          message: 'Do not log secrets: keys, tokens, signatures and credentials never go to the console.',
        },
      ],
      // The import boundaries of STYLE.md.
      'local/layers': 'error',
      // zod is configured for the CSP before any schema exists: schemas take `z` from src/lib/zod.ts.
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'zod', message: "Import { z } from 'src/lib/zod' (configured for the CSP) instead." }] },
      ],
    },
  },
  {
    // The console server's command line prints where it runs.
    files: ['server/main.ts', 'server/gateway/main.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['src/lib/zod.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.test.{ts,tsx}', 'src/testing/**', 'e2e/**', 'bench/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'no-console': 'off', 'local/layers': 'off' },
  },
  {
    // Playwright fixtures call `use`, which is not React's.
    files: ['e2e/**', 'bench/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
);
