import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';

const root = path.join(__dirname, '..', '..');
const readJson = (file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Record<string, string>;
const placeholders = (text: string) => [...text.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

function assertComplete(english: Record<string, string>, chinese: Record<string, string>, what: string): void {
  const missing = Object.keys(english).filter((key) => !chinese[key]?.trim());
  assert.deepEqual(missing, [], `${what}: strings without a Simplified Chinese translation`);
  const extra = Object.keys(chinese).filter((key) => !(key in english));
  assert.deepEqual(extra, [], `${what}: translations of strings that no longer exist`);
  for (const [key, value] of Object.entries(english)) {
    assert.deepEqual(placeholders(chinese[key]!), placeholders(value), `${what}: placeholders differ for "${key}"`);
  }
}

describe('localisation', () => {
  it('has a committed runtime bundle that matches the sources (run `npm run l10n` after changing strings)', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'l10n-'));
    try {
      execFileSync(process.execPath, [require.resolve('@vscode/l10n-dev/dist/cli.js'), 'export', '--outDir', out, path.join(root, 'src')], { stdio: 'pipe' });
      assert.deepEqual(JSON.parse(readFileSync(path.join(out, 'bundle.l10n.json'), 'utf8')), readJson('l10n/bundle.l10n.json'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('translates every runtime string into Simplified Chinese', () => {
    assertComplete(readJson('l10n/bundle.l10n.json'), readJson('l10n/bundle.l10n.zh-cn.json'), 'l10n bundle');
  });

  it('translates every package.json string into Simplified Chinese', () => {
    assertComplete(readJson('package.nls.json'), readJson('package.nls.zh-cn.json'), 'package.nls');
  });

  it('defines every %key% that package.json uses', () => {
    const english = readJson('package.nls.json');
    const used = [...readFileSync(path.join(root, 'package.json'), 'utf8').matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!);
    assert.deepEqual(used.filter((key) => !(key in english)), []);
  });
});
