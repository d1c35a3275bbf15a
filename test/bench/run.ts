import { readdirSync } from 'node:fs';
import path from 'node:path';

/** `npm run bench [-- name]`: runs every test/bench/*.bench.ts module (or those whose name contains the filter). */
async function main(): Promise<void> {
  const filter = process.argv[2];
  const modules = readdirSync(__dirname).filter((file) => file.endsWith('.bench.ts') && (!filter || file.includes(filter))).sort();
  for (const file of modules) {
    console.log(`\n=== ${file}`);
    const bench = (await import(path.join(__dirname, file))) as { run(): Promise<void> };
    await bench.run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
