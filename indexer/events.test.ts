// @vitest-environment node
// Every event in the ABI of every contract the indexer reads has a handler, and every contract of the
// deployment that emits events is read: a new event in a contract (regenerated src/abi/abis.ts) fails
// this test until it is indexed. Reads ponder.config.ts and the handlers as text (importing them needs
// Ponder's runtime).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as abis from '../src/abi/abis';

const here = new URL('.', import.meta.url).pathname;
const config = readFileSync(join(here, 'ponder.config.ts'), 'utf8');
type Abi = readonly { type: string; name?: string }[];
const abiMap = abis as unknown as Record<string, Abi>;
/** contract name in the config → its ABI's export name */
const contracts = [...config.matchAll(/^\s+(\w+): \{ chain, abi: abis\.(\w+),/gm)].map((m) => ({ name: m[1]!, abi: m[2]! }));
const handlerDir = join(here, 'src', 'handlers');
const handled = new Set(
  readdirSync(handlerDir)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...readFileSync(join(handlerDir, f), 'utf8').matchAll(/ponder\.on\('(\w+:\w+)'/g)].map((m) => m[1]!)),
);
const events = (abi: Abi) => [...new Set(abi.filter((e) => e.type === 'event').map((e) => e.name!))];

describe('indexer coverage', () => {
  it('reads the contracts from the config', () => {
    expect(contracts.map((c) => c.name)).toEqual(expect.arrayContaining(['Marketplace', 'LoanPool', 'LoanAuctions', 'LoanValuation', 'Rewards', 'HashGovernor']));
  });

  it('has a handler for every event of every indexed contract', () => {
    const missing = contracts.flatMap((c) => {
      const abi = abiMap[c.abi];
      if (!abi) return [`${c.name}: no ABI ${c.abi}`];
      return events(abi)
        .map((e) => `${c.name}:${e}`)
        .filter((k) => !handled.has(k));
    });
    expect(missing).toEqual([]);
  });

  it('handles no event a contract does not have', () => {
    const known = new Set(contracts.flatMap((c) => events(abiMap[c.abi] ?? []).map((e) => `${c.name}:${e}`)));
    expect([...handled].filter((k) => !k.endsWith(':setup') && !known.has(k))).toEqual([]);
  });

  it('indexes every deployed contract that emits events (lenses and tokens aside)', () => {
    const deployment = JSON.parse(readFileSync(join(here, '..', 'deployments', '31337.json'), 'utf8')) as { contracts: Record<string, string> };
    // Read-only lenses and Multicall3 emit nothing; the ERC-20 tokens' transfers are not protocol events;
    // the feeds are one PriceFeed entry; the Governor and Timelock are listed under their contract names.
    const notProtocol = /^(HASH|USDT|BTC|ETC|FIL|Multicall3|\w+Lens|\w+_USD|Governor)$/;
    const names = new Set(contracts.map((c) => c.name));
    const unread = Object.keys(deployment.contracts).filter((n) => !notProtocol.test(n) && !names.has(n));
    expect(unread).toEqual([]);
  });
});
