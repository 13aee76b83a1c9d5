import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The import boundaries of STYLE.md: app -> features -> (api, components, lib); mocks beside them.
const restrict = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});
const noUp = (group, message) => ({ group, message });

export default tseslint.config(
  {
    ignores: ['dist', 'node_modules', 'public', 'playwright-report', 'test-results', 'src/api/generated', 'bench-results'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  restrict(
    ['src/features/**'],
    [
      noUp(['**/app/**', '@/app/**'], 'features never import app'),
      noUp(['**/mocks/**'], 'features never import the demo backend'),
      noUp(['**/testing/**'], 'features never import test helpers (tests may)'),
      noUp(['../../*/**', '!../../api/**', '!../../components/**', '!../../lib/**'], 'a feature never imports another feature'),
      noUp(['**/index', '**/index.ts'], 'no barrel files'),
    ],
  ),
  restrict(
    ['src/api/**'],
    [noUp(['react', 'react-dom', '@mui/*', '**/features/**', '**/components/**', '**/app/**', '**/mocks/**'], 'api imports nothing of the UI')],
  ),
  restrict(
    ['src/lib/**'],
    [noUp(['react', 'react-dom', '**/features/**', '**/components/**', '**/app/**', '**/mocks/**', '**/api/client', '**/api/devices'], 'lib is framework-free and does not call the API')],
  ),
  restrict(
    ['src/components/**'],
    [noUp(['**/features/**', '**/app/**', '**/mocks/**', '**/api/**'], 'components have no domain knowledge')],
  ),
  restrict(
    ['src/mocks/**'],
    [noUp(['react', 'react-dom', '@mui/*', '**/features/**', '**/components/**', '**/app/**'], 'the demo backend never imports UI code')],
  ),
  restrict(
    ['src/app/**'],
    [noUp(['**/mocks/**'], 'production code never imports the demo backend (main.tsx loads it dynamically)')],
  ),
  {
    files: ['**/*.test.{ts,tsx}', 'src/testing/**', 'e2e/**', 'bench/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'no-console': 'off', 'no-restricted-imports': 'off' },
  },
);
