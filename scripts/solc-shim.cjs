#!/usr/bin/env node
// forge runs this file as its Solidity compiler (`--use scripts/solc-shim.cjs`), so that
// nothing is downloaded: it wraps the solc-js compiler pinned in package.json.
// It answers `--version` the way native solc does and otherwise compiles standard JSON
// from stdin to stdout; every other flag forge passes is ignored.
const solc = require('solc');

if (process.argv.includes('--version')) {
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`);
  process.exit(0);
}

const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const input = Buffer.concat(chunks).toString('utf8');
  const fs = require('fs');
  const path = require('path');
  // forge passes --allow-paths and --base-path; honour imports by reading files from disk.
  const base = (() => {
    const i = process.argv.indexOf('--base-path');
    return i >= 0 ? process.argv[i + 1] : process.cwd();
  })();
  const findImports = (p) => {
    for (const candidate of [path.resolve(base, p), path.resolve(p)]) {
      if (fs.existsSync(candidate)) return { contents: fs.readFileSync(candidate, 'utf8') };
    }
    return { error: `File not found: ${p}` };
  };
  process.stdout.write(solc.compile(input, { import: findImports }));
});
