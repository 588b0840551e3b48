import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'dist-e2e*', 'playwright-report*', 'out', 'cache', 'node_modules', 'src/abi/**', 'test-results', 'playwright-report', 'bench/baseline/dist', 'indexer/.ponder', 'indexer/ponder-env.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/**'], languageOptions: { globals: globals.browser } },
  { files: ['scripts/**', 'e2e/**', 'bench/**', 'indexer/**', '*.config.{js,ts}'], languageOptions: { globals: globals.node } },
  // Playwright fixtures take `{}` and call `use()`: neither is React.
  { files: ['e2e/**'], rules: { 'no-empty-pattern': 'off', 'react-hooks/rules-of-hooks': 'off' } },
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { files: ['e2e/wallet/inject.js'], languageOptions: { globals: globals.browser } },
);
