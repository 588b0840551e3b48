// `npm run check:bundle`: builds nothing itself; scans a built site (default dist/) for secrets and checks
// its Content-Security-Policy. Fails when it finds:
//   - any 32-byte hex string (0x + 64 hex digits, or 64 bare hex digits) that is not a known public
//     constant: a private key looks exactly like that (the anvil dev keys are named when they match);
//   - a BIP-39 mnemonic: the anvil/hardhat "test test ... junk" phrase, or 12+ wordlist words in a row;
//   - the words PRIVATE_KEY / MNEMONIC, or the value of any non-VITE_ variable from .env files;
//   - source maps, an inline <script> the CSP does not allow by its sha256, or a missing / weakened CSP meta tag.
// The app holds no keys: the dev panel time-travels through anvil's own RPC methods and anvil signs for its
// unlocked accounts, so no key needs to reach the browser. This scan is the proof.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { english, mnemonicToAccount } from 'viem/accounts';
import { bytesToHex } from 'viem';

const ROOT = new URL('../', import.meta.url).pathname;
const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';

/** Public 32-byte constants that libraries ship (curve parameters, magic suffixes), by value. */
const PUBLIC_CONSTANTS: Record<string, string> = {
  fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f: 'secp256k1 field prime p',
  fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141: 'secp256k1 group order n',
  '7ae96a2b657c07106e64479eac3434e99cf0497512f58995c1396c28719501ee': 'secp256k1 endomorphism beta',
  '6492649264926492649264926492649264926492649264926492649264926492': 'ERC-6492 signature magic suffix',
  '8010801080108010801080108010801080108010801080108010801080108010': 'ERC-8010 signature magic suffix',
  '5792579257925792579257925792579257925792579257925792579257925792': 'EIP-5792 calls id magic suffix',
};

export interface Finding {
  file: string;
  what: string;
}

function anvilKeys(): Map<string, string> {
  const keys = new Map<string, string>();
  for (let i = 0; i < 10; i++) {
    const pk = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: i }).getHdKey().privateKey;
    if (pk) keys.set(bytesToHex(pk).slice(2).toLowerCase(), `anvil dev account #${i}'s private key`);
  }
  return keys;
}

function envSecrets(): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(ROOT).filter((f) => /^\.env(\..+)?$/.test(f) && !f.endsWith('.example'))) {
    for (const line of readFileSync(join(ROOT, name), 'utf8').split('\n')) {
      const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\s*$/.exec(line);
      if (!m || m[1].startsWith('VITE_')) continue; // VITE_* are public by design: Vite inlines them
      const value = m[2].replace(/^['"]|['"]$/g, '');
      if (value.length >= 8) out.set(value, `the value of ${m[1]} from ${name}`);
    }
  }
  return out;
}

/** Scans one text for secrets; pure, so the self-test can prove each detector fires. */
export function scanText(text: string, file: string, extra: { keys: Map<string, string>; env: Map<string, string> }): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(/(?<![0-9a-fA-F])(?:0x)?([0-9a-fA-F]{64})(?![0-9a-fA-F])/g)) {
    const hex = m[1].toLowerCase();
    if (PUBLIC_CONSTANTS[hex]) continue;
    found.push({ file, what: extra.keys.get(hex) ?? `an unexplained 32-byte hex string (a private key looks like this): ${m[0].slice(0, 10)}…` });
  }
  if (text.includes(ANVIL_MNEMONIC)) found.push({ file, what: 'the anvil/hardhat test mnemonic' });
  // A mnemonic is lowercase words separated by single spaces; count runs of wordlist words inside such text.
  const words = new Set(english);
  for (const phrase of text.matchAll(/[a-z]+(?: [a-z]+){11,}/g)) {
    let run = 0;
    for (const w of phrase[0].split(' ')) {
      run = words.has(w) ? run + 1 : 0;
      if (run === 12) found.push({ file, what: `12 BIP-39 words in a row (a mnemonic?) near "${phrase[0].slice(0, 24)}…"` });
    }
  }
  for (const word of ['PRIVATE_KEY', 'MNEMONIC']) if (text.includes(word)) found.push({ file, what: `the word ${word}` });
  for (const [value, what] of extra.env) if (text.includes(value)) found.push({ file, what });
  return found;
}

function checkCsp(html: string): Finding[] {
  const file = 'index.html';
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  if (!meta) return [{ file, what: 'no Content-Security-Policy meta tag' }];
  const csp = meta[1].replaceAll('&#39;', "'");
  const directive = (name: string) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `));
  const found: Finding[] = [];
  const want: [string, string][] = [['object-src', "object-src 'none'"], ['base-uri', "base-uri 'none'"], ['img-src', "img-src 'self' data:"]];
  // script-src is 'self' plus, at most, the sha256 of each inline script the build wrote (the first paint's
  // route picker): no 'unsafe-inline', no host, and no hash without its script or script without its hash.
  const scriptSrc = directive('script-src');
  const [name, self, ...rest] = scriptSrc?.split(/\s+/) ?? [];
  const hashes = rest.map((t) => /^'sha256-([A-Za-z0-9+/=]+)'$/.exec(t)?.[1]);
  if (name !== 'script-src' || self !== "'self'" || hashes.some((h) => h === undefined)) {
    found.push({ file, what: `CSP script-src is "${scriptSrc ?? 'missing'}", expected "script-src 'self'" followed by sha256 hashes only` });
  }
  const hashed = new Set(hashes.filter((h): h is string => h !== undefined));
  for (const [dname, exact] of want) if (directive(dname) !== exact) found.push({ file, what: `CSP ${dname} is "${directive(dname) ?? 'missing'}", expected "${exact}"` });
  if (!directive('connect-src')?.startsWith("connect-src 'self'")) found.push({ file, what: 'CSP connect-src missing' });
  if (csp.includes('unsafe-eval')) found.push({ file, what: "CSP allows 'unsafe-eval'" });
  if (html.indexOf('Content-Security-Policy') > html.indexOf('<script')) found.push({ file, what: 'the CSP meta tag comes after a script' });
  const inline = new Set<string>();
  for (const s of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (/\bsrc=/.test(s[1]) && !s[2].trim()) continue;
    const hash = createHash('sha256').update(s[2]).digest('base64');
    inline.add(hash);
    if (!hashed.has(hash)) found.push({ file, what: 'an inline <script> whose sha256 is not in the CSP (the CSP would block it)' });
  }
  for (const h of hashed) if (h && !inline.has(h)) found.push({ file, what: `CSP script-src allows sha256-${h}, which no inline script has` });
  return found;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

function selfTest(extra: { keys: Map<string, string>; env: Map<string, string> }) {
  const [key] = extra.keys.keys();
  const samples = [`const k="0x${key}"`, 'w="abandon ability able about above absent absorb abstract absurd abuse access accident"', `var m="${ANVIL_MNEMONIC}"`, 'process.env.PRIVATE_KEY', `x="${'ab'.repeat(32)}"`];
  for (const s of samples) if (scanText(s, 'self-test', extra).length === 0) throw new Error(`check-bundle self-test: a detector missed ${s.slice(0, 30)}`);
  if (scanText(`p=0x${Object.keys(PUBLIC_CONSTANTS)[0]}; "the quick brown fox"`, 'self-test', extra).length) throw new Error('check-bundle self-test: false positive');
}

function main() {
  const dir = resolve(ROOT, process.argv[2] ?? 'dist');
  if (!existsSync(join(dir, 'index.html'))) {
    console.error(`check-bundle: ${relative(ROOT, dir)}/index.html not found; build first (vite build --outDir ${relative(ROOT, dir)}).`);
    process.exit(2);
  }
  const extra = { keys: anvilKeys(), env: envSecrets() };
  selfTest(extra);
  const all = files(dir);
  const findings: Finding[] = [];
  for (const f of all) {
    const rel = relative(dir, f);
    if (f.endsWith('.map')) findings.push({ file: rel, what: 'a source map' });
    if (!/\.(js|mjs|css|html|json|txt|svg|webmanifest)$/.test(f)) continue;
    findings.push(...scanText(readFileSync(f, 'utf8'), rel, extra));
  }
  findings.push(...checkCsp(readFileSync(join(dir, 'index.html'), 'utf8')));
  if (findings.length) {
    console.error(`check-bundle FAILED: ${findings.length} finding(s) in ${relative(ROOT, dir)}/`);
    for (const f of findings) console.error(`  ${f.file}: ${f.what}`);
    process.exit(1);
  }
  console.log(`check-bundle ok: ${all.length} files in ${relative(ROOT, dir)}/, no key, mnemonic or .env secret (${extra.keys.size} anvil keys and ${extra.env.size} .env values checked); CSP present and strict.`);
}

main();
