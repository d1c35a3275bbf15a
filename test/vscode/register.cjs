// Loaded with `node --require ./test/vscode/register.cjs`: makes `require('vscode')` (and `import 'vscode'`)
// resolve to the in-process test double in this folder, so host code runs in plain Node unit tests.
const Module = require('node:module');
const path = require('node:path');

const target = path.join(__dirname, 'index.ts');
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveVscode(request, ...rest) {
  return request === 'vscode' ? target : resolve.call(this, request, ...rest);
};
