// Lint rules, including the dependency direction: webview -> protocol <- extension -> snippets -> dashscope.
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
    files: ['src/dashscope/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/dashscope runs in plain Node: no vscode import.' }],
        patterns: [{ group: ['**/extension/**', '**/webview/**'], message: 'src/dashscope depends on nothing else in src.' }],
      }],
    },
  },
  {
    files: ['src/snippets/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/snippets is data and renderers in plain Node: no vscode import.' }],
        patterns: [{ group: ['**/extension/**', '**/webview/**'], message: 'src/snippets depends only on src/dashscope.' }],
      }],
    },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/webview/*', '!**/webview/protocol', '**/webview/*/**', '!**/webview/protocol/**'], message: 'The host imports only the protocol from src/webview.' }],
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
          { group: ['**/extension/**', '**/dashscope/**'], message: 'Webview code imports only src/webview.' },
        ],
      }],
    },
  },
);
