// Renders media/icon.svg into the 128×128 Marketplace icon (media/icon.png) with the machine's Chromium.
// Run after editing the SVG: `npx tsx scripts/render-icon.ts`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../test/e2e/codeServer';

async function main(): Promise<void> {
  const media = path.join(__dirname, '..', 'media');
  const svg = readFileSync(path.join(media, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: path.join(media, 'icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
}

void main();
