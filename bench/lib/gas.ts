// Gas per operation from forge's gas snapshot (mocks/test/Gas*.t.sol).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, ROOT } from '../../scripts/lib/anvil.ts';

export const GAS_ROWS: [label: string, test: string][] = [
  ['Buy a product', 'GasTest:test_gas_buy()'],
  ['Claim rewards, 1 NFT', 'GasTest:test_gas_claim1()'],
  ['Claim rewards, 10 NFTs', 'GasTest:test_gas_claim10()'],
  ['List an NFT', 'GasMarketTest:test_gas_list()'],
  ['Buy a listing', 'GasMarketTest:test_gas_buyListing()'],
  ['Make a product offer (first on its product)', 'GasMarketTest:test_gas_makeProductOffer()'],
  ['Make a token offer (the buyer’s second)', 'GasMarketTest:test_gas_makeTokenOffer()'],
  ['Borrow', 'GasLoansTest:test_gas_borrow()'],
  ['Repay', 'GasLoansTest:test_gas_repayAll()'],
  ['Vault deposit', 'GasLoansTest:test_gas_vaultDeposit()'],
  ['Term deposit', 'GasEarnTest:test_gas_termDeposit()'],
  ['Pool contribution', 'GasEarnTest:test_gas_poolContribution()'],
  ['Claim after 1 day', 'GasTest:test_gas_claimAfter1Day()'],
  ['Claim after 365 days', 'GasTest:test_gas_claimAfter365Days()'],
];

/** Runs the gas tests into `file` (the repo's .gas-snapshot is left alone); returns test -> gas. */
export function gasSnapshot(file: string, run: boolean): { gas: Record<string, number>; source: string } {
  let source = file;
  if (run) {
    const r = spawnSync(
      bin('forge'),
      ['snapshot', '--offline', '--use', join(ROOT, 'scripts/solc-shim.cjs'), '--match-contract', '^Gas', '--snap', file],
      { cwd: ROOT, encoding: 'utf8', timeout: 900_000 },
    );
    if (r.status !== 0) throw new Error(`forge snapshot failed:\n${r.stdout}\n${r.stderr}`);
  } else if (!existsSync(file)) {
    source = join(ROOT, '.gas-snapshot');
  }
  const gas: Record<string, number> = {};
  for (const line of readFileSync(source, 'utf8').split('\n')) {
    const m = /^(\S+) \(gas: (\d+)\)/.exec(line.trim());
    if (m) gas[m[1]] = Number(m[2]);
  }
  return { gas, source };
}
