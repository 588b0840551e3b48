// EarlyReads: answers only what was sent early, once, from the right URL, in time; an aggregate3 of early
// plain calls is answered with their results; anything else (a miss, an error, a failed batch) returns
// undefined so the transport asks the node.
import { decodeFunctionResult, encodeFunctionData, multicall3Abi, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { EARLY_MAX_AGE_MS, EarlyReads, type EarlyBatch } from './earlyReads';

const URL = 'http://127.0.0.1:8545';
const A = '0x00000000000000000000000000000000000000aa';
const B = '0x00000000000000000000000000000000000000bb';
const MC = '0xcA11bde05977b3631167028862bE2a173976CA11';
const call = (to: string, data: string) => ({ method: 'eth_call', params: [{ to, data }, 'latest'] });
const aggregate = (calls: { target: string; callData: Hex }[]) =>
  [{ to: MC, data: encodeFunctionData({ abi: multicall3Abi, functionName: 'aggregate3', args: [calls.map((c) => ({ ...c, target: c.target as Hex, allowFailure: false }))] }) }, 'latest'];

function batch(answers: { id: number; result?: unknown; error?: unknown }[] | 'fail'): EarlyBatch {
  return {
    url: URL,
    requests: [{ method: 'eth_blockNumber', params: [] }, call(A, '0x1111'), call(B, '0x2222'), { method: 'eth_call', params: [{ data: '0xdead' }, 'latest'] }],
    response: answers === 'fail' ? Promise.reject(new Error('offline')) : Promise.resolve(answers),
  };
}
const ok = [
  { id: 0, result: '0x10' },
  { id: 1, result: '0xaaaa' },
  { id: 2, result: '0xbbbb' },
  { id: 3, result: '0xbeef' },
];

describe('EarlyReads', () => {
  it('answers an exact request once, then leaves the next one to the node', async () => {
    const e = new EarlyReads(batch(ok), () => 100);
    expect(await e.take(URL, 'eth_blockNumber', undefined)).toBe('0x10');
    expect(e.take(URL, 'eth_blockNumber', undefined)).toBeUndefined();
    expect(await e.take(URL, 'eth_call', [{ data: '0xdead' }, 'latest'])).toBe('0xbeef');
  });

  it('answers nothing for another URL, another request, or after the first seconds', () => {
    expect(new EarlyReads(batch(ok), () => 100).take('http://other:8545', 'eth_blockNumber', [])).toBeUndefined();
    expect(new EarlyReads(batch(ok), () => 100).take(URL, 'eth_call', [{ data: '0xdeaf' }, 'latest'])).toBeUndefined();
    expect(new EarlyReads(batch(ok), () => EARLY_MAX_AGE_MS + 1).take(URL, 'eth_blockNumber', [])).toBeUndefined();
  });

  it('answers an aggregate3 of early plain calls, in the aggregate’s order, with their results', async () => {
    const e = new EarlyReads(batch(ok), () => 100);
    const [req, block] = aggregate([
      { target: B, callData: '0x2222' },
      { target: A.toUpperCase().replace('0X', '0x'), callData: '0x1111' },
    ]);
    const data = (await e.take(URL, 'eth_call', [req, block])) as Hex;
    const results = decodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', data });
    expect(results).toEqual([
      { success: true, returnData: '0xbbbb' },
      { success: true, returnData: '0xaaaa' },
    ]);
    // used up: the same aggregate now goes to the node
    expect(e.take(URL, 'eth_call', [req, block])).toBeUndefined();
  });

  it('leaves an aggregate3 with any call that was not sent early to the node', () => {
    const e = new EarlyReads(batch(ok), () => 100);
    const [req, block] = aggregate([
      { target: A, callData: '0x1111' },
      { target: A, callData: '0x3333' },
    ]);
    expect(e.take(URL, 'eth_call', [req, block])).toBeUndefined();
    // nothing was used by the miss
    expect(e.take(URL, 'eth_call', call(A, '0x1111').params)).toBeDefined();
  });

  it('gives undefined (ask the node) when the early answer is an error or the batch failed', async () => {
    const withError = new EarlyReads(batch([{ id: 0, error: { code: -32000, message: 'boom' } }]), () => 100);
    expect(await withError.take(URL, 'eth_blockNumber', [])).toBeUndefined();
    const failed = new EarlyReads(batch('fail'), () => 100);
    expect(await failed.take(URL, 'eth_blockNumber', [])).toBeUndefined();
    // a node that refuses batches answers 200 with one error object, not an array
    const refused = new EarlyReads({ ...batch(ok), response: Promise.resolve({ id: null, error: { code: -32600 } } as never) }, () => 100);
    expect(await refused.take(URL, 'eth_blockNumber', [])).toBeUndefined();
    const withNull = new EarlyReads({ ...batch(ok), response: Promise.resolve([null, { id: 0, result: '0x10' }] as never) }, () => 100);
    expect(await withNull.take(URL, 'eth_blockNumber', [])).toBe('0x10');
  });
});
