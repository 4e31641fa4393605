/** `npm run docs`: writes the generated pages of docs/ (docs-files.ts). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-files.ts';
import { docsFiles } from './docs-files.ts';

for (const [path, text] of Object.entries(docsFiles())) {
  writeFileSync(join(PACKAGE_ROOT, path), text);
  process.stdout.write(`wrote ${path}\n`);
}
