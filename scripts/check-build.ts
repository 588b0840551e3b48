// forge can exit 0 after a compile error when no compiler matches a pragma. This fails the contract
// step when any contract in mocks/src has no fresh build artifact.
import { readdirSync, statSync, existsSync, readFileSync } from 'node:fs';
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

// EIP-170: a deployed contract's runtime code may not exceed 24,576 bytes (a chain refuses the deployment).
// LoanPool once sat 64 bytes under it; fail here rather than at deploy time, and say how close each one is.
const EIP170 = 24_576;
const WARN_MARGIN = 256;
const tooBig: string[] = [];
for (const file of readdirSync(join(ROOT, 'mocks/src')).filter((f) => f.endsWith('.sol'))) {
  const name = file.replace(/\.sol$/, '');
  const artifact = join(ROOT, 'out', file, `${name}.json`);
  const json = JSON.parse(readFileSync(artifact, 'utf8')) as { deployedBytecode?: { object?: string } };
  const size = ((json.deployedBytecode?.object ?? '0x').length - 2) / 2;
  if (size > EIP170) tooBig.push(`${name} is ${size} bytes (limit ${EIP170})`);
  else if (EIP170 - size < WARN_MARGIN) console.warn(`⚠ ${name} is ${size} bytes, ${EIP170 - size} under the EIP-170 limit.`);
}
if (tooBig.length) {
  console.error(`✖ Over the EIP-170 contract size limit: ${tooBig.join('; ')}.`);
  process.exit(1);
}
console.log(`Every contract is under the EIP-170 limit of ${EIP170} bytes.`);
