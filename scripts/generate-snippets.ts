// Writes snippets/*.json (the completions VS Code contributes) from the snippet catalog.
// Run `npm run snippets` after changing the catalog; a unit test fails while the files are stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { COMPLETION_FILES, completionFileText } from '../src/snippets/completions';

const root = path.join(__dirname, '..');
for (const { language, file } of COMPLETION_FILES) {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), completionFileText(language));
  console.log(`wrote ${file}`);
}
