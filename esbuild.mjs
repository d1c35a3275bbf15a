// Builds the extension host bundle (Node, CommonJS) and one browser bundle per webview
// (every src/webview/<panel>/main.ts). Flags: --watch, --production (minified, no sourcemaps).
import * as esbuild from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const shared = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  legalComments: production ? 'none' : 'inline',
  logLevel: 'info',
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
};

function webviewEntries() {
  const root = 'src/webview';
  if (!existsSync(root)) return {};
  const entries = {};
  for (const dirent of readdirSync(root, { withFileTypes: true })) {
    const main = path.join(root, dirent.name, 'main.ts');
    if (dirent.isDirectory() && existsSync(main)) entries[`webview/${dirent.name}`] = main;
  }
  return entries;
}

const builds = [
  {
    ...shared,
    entryPoints: { extension: 'src/extension/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
];
const webviews = webviewEntries();
if (Object.keys(webviews).length > 0) {
  builds.push({
    ...shared,
    entryPoints: webviews,
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  });
}

if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
