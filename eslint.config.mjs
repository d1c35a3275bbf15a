// Lint rules, including the dependency direction: webview -> shared <- extension -> dashscope -> shared, snippets -> shared.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'http', 'https', 'net', 'child_process', 'crypto', 'stream', 'url'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.e2e/**', 'test-results/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/dashscope/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/dashscope runs in plain Node: no vscode import.' }],
        patterns: [{ group: ['**/extension/**', '**/webview/**', '**/snippets/**'], message: 'src/dashscope depends only on src/shared (the model catalog).' }],
      }],
    },
  },
  {
    files: ['src/snippets/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/snippets is data and renderers in plain Node: no vscode import.' }],
        patterns: [{ group: ['**/extension/**', '**/webview/**'], message: 'src/snippets depends only on src/shared and src/dashscope.' }],
      }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/shared is read by the page and the host: no vscode import.' }],
        patterns: [
          { group: nodeBuiltins, message: 'src/shared also runs in the browser: no Node modules.' },
          { group: ['**/extension/**', '**/webview/**', '**/dashscope/**', '**/snippets/**'], message: 'src/shared depends on nothing else in src.' },
        ],
      }],
    },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/webview/**'], message: 'The host never imports page code: shared schemas live in src/shared.' }],
      }],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'Webview code runs in the browser: talk to the host through the protocol.' }],
        patterns: [
          { group: nodeBuiltins, message: 'Webview code runs in the browser: no Node modules.' },
          { group: ['**/extension/**', '**/dashscope/**', '**/snippets/**'], message: 'Webview code imports only src/webview and src/shared.' },
        ],
      }],
    },
  },
);
