import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { describe, it } from 'node:test';
import { packageExtension } from './launch';
import { readZip } from './zip';

const SIZE_BUDGET = 1024 * 1024;

/** Every file path `package.json` points at, as VS Code and the Marketplace resolve them. */
function referencedFiles(manifest: Record<string, unknown>): string[] {
  const contributes = (manifest.contributes ?? {}) as Record<string, unknown>;
  const files = [manifest.main, manifest.icon, manifest.l10n && `${String(manifest.l10n)}/bundle.l10n.zh-cn.json`];
  for (const container of Object.values((contributes.viewsContainers ?? {}) as Record<string, { icon?: string }[]>)) files.push(...container.map((entry) => entry.icon));
  for (const views of Object.values((contributes.views ?? {}) as Record<string, { icon?: string }[]>)) files.push(...views.map((view) => view.icon));
  files.push(...((contributes.snippets ?? []) as { path: string }[]).map((snippet) => snippet.path));
  for (const walkthrough of (contributes.walkthroughs ?? []) as { steps: { media: Record<string, unknown> }[] }[]) {
    for (const { media } of walkthrough.steps) files.push(...['image', 'markdown', 'svg'].map((kind) => media[kind]).filter((value) => typeof value === 'string'));
  }
  return files.filter((file): file is string => typeof file === 'string' && !file.startsWith('$(') && !file.startsWith('http')).map((file) => file.replace(/^\.\//, ''));
}

describe('the packaged VSIX', () => {
  const vsix = packageExtension();
  const entries = readZip(readFileSync(vsix));
  const names = entries.map((entry) => entry.name.replace(/^extension\//, ''));

  it(`ships only what runs, under ${SIZE_BUDGET / 1024} KB`, () => {
    const size = statSync(vsix).size;
    assert.ok(size < SIZE_BUDGET, `the VSIX is ${Math.round(size / 1024)} KB`);
    const unwanted = names.filter((name) => /(^|\/)(src|test|node_modules|scripts|docs|\.e2e|test-results)\//.test(name) || /\.(map|ts|tsx|vsix)$/.test(name) && !name.endsWith('.d.ts') || /(^|\/)\.(git|ci|vscode)/.test(name));
    assert.deepEqual(unwanted, []);
  });

  it('contains every file package.json points at, and a 128×128 PNG icon', () => {
    const manifest = JSON.parse(entries.find((entry) => entry.name === 'extension/package.json')!.read().toString('utf8')) as Record<string, unknown>;
    const missing = referencedFiles(manifest).filter((file) => !names.includes(file));
    assert.deepEqual(missing, []);
    for (const locale of ['package.nls.json', 'package.nls.zh-cn.json']) assert.ok(names.includes(locale), locale);
    const icon = entries.find((entry) => entry.name === `extension/${String(manifest.icon)}`)!.read();
    assert.equal(icon.toString('ascii', 1, 4), 'PNG');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
  });

  it('carries the Marketplace metadata: repository, bugs, homepage, categories and preview while 0.x', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, unknown>;
    for (const field of ['repository', 'bugs', 'homepage', 'galleryBanner', 'license', 'publisher']) assert.ok(manifest[field], field);
    assert.ok((manifest.categories as string[]).includes('AI'));
    if (String(manifest.version).startsWith('0.')) assert.equal(manifest.preview, true);
  });
});
