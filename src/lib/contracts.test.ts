// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { abiOf as generatorAbiOf, contractNames } from '../../scripts/gen-abi';
import { contractAbis } from '../abi/contracts';
import { deployments } from './chains';
import { contractOf } from './contracts';

const functions = (abi: readonly { type: string; name?: string }[]) => abi.filter((i) => i.type === 'function').map((i) => i.name);

describe('the contract map', () => {
  const d = Object.values(deployments)[0];

  it('pairs each deployed name with its address on the chain and its ABI', () => {
    const pool = contractOf(d, 'LoanPool');
    expect(pool.address).toBe(d.contracts.LoanPool);
    expect(functions(pool.abi)).toContain('openLoans');
    expect(functions(contractOf(d, 'BTC_USD').abi)).toContain('latestRoundData');
    expect(functions(contractOf(d, 'USDT').abi)).toContain('permit');
    expect(functions(contractOf(d, 'Multicall3').abi)).toContain('getCurrentBlockTimestamp');
  });

  it('has an ABI for every name deployed on every chain, and no other', () => {
    const deployed = contractNames(deployments);
    expect(Object.keys(contractAbis).sort()).toEqual(deployed);
    for (const name of deployed) expect(d.contracts[name as keyof typeof d.contracts], name).toMatch(/^0x[0-9a-fA-F]{40}$/);
  });

  it('stops the generator on a deployed name it has no ABI for', () => {
    expect(generatorAbiOf('SOL_USD')).toEqual({ from: 'abis', name: 'priceFeedAbi' });
    expect(generatorAbiOf('SOL')).toEqual({ from: 'abis', name: 'faucetTokenAbi' });
    expect(() => generatorAbiOf('Treasury')).toThrow(/No ABI known for the deployed contract "Treasury"/);
  });
});
