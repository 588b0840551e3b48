// forge can exit 0 after a compile error when no compiler matches a pragma. This fails the contract
// step when any contract in mocks/src has no fresh build artifact.
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../', import.meta.url).pathname;
const missing: string[] = [];
for (const file of readdirSync(join(ROOT, 'mocks/src')).filter((f) => f.endsWith('.sol'))) {
  const name = file.replace(/\.sol$/, '');
  const artifact = join(ROOT, 'out', file, `${name}.json`);
  if (!existsSync(artifact) || statSync(artifact).mtimeMs < statSync(join(ROOT, 'mocks/src', file)).mtimeMs) missing.push(name);
}
if (missing.length) {
  console.error(`✖ No fresh build output for: ${missing.join(', ')}. The contracts did not compile.`);
  process.exit(1);
}
console.log('All contracts compiled.');
