// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  BaseError,
  CallExecutionError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  HttpRequestError,
  RpcRequestError,
  TimeoutError,
  UserRejectedRequestError,
  encodeErrorResult,
  getContractError,
  type Abi,
  type Hex,
} from 'viem';
import { faucetTokenAbi, hashNftAbi, productSaleAbi, rewardsAbi } from '../abi/abis';
import { describeError, isUserRejection } from './errors';

const SALE = '0x8A791620dd6260079BF849Dc5567aDC3F2FdC318';
const CALM = 'You rejected the request in your wallet. Nothing was sent and nothing changed.';

/** A revert as viem throws it from simulateContract/writeContract: an execution error caused by the decoded revert. */
function reverted(abi: Abi, data: Hex, functionName: string, args: readonly unknown[] = []) {
  const cause = new ContractFunctionRevertedError({ abi, data, functionName });
  return new ContractFunctionExecutionError(cause, { abi, functionName, args, contractAddress: SALE });
}

describe('describeError: wallet rejections', () => {
  it("viem's UserRejectedRequestError, bare or wrapped, is calm and carries no details", () => {
    const bare = new UserRejectedRequestError(new Error('User denied transaction signature.'));
    const wrapped = new ContractFunctionExecutionError(bare, { abi: productSaleAbi, functionName: 'buy', args: [1n, 2n] });
    for (const e of [bare, wrapped]) {
      expect(describeError(e)).toEqual({ kind: 'rejected', title: 'Request rejected', message: CALM });
      expect(isUserRejection(e)).toBe(true);
    }
  });

  it('a raw EIP-1193 error object with code 4001 is a rejection too', () => {
    const raw = { code: 4001, message: 'User rejected the request.' };
    expect(describeError(raw)).toEqual({ kind: 'rejected', title: 'Request rejected', message: CALM });
  });

  it('a 4001 object deep in a viem cause chain is found', () => {
    const inner = Object.assign(new Error('rejected'), { code: 4001 });
    const e = new CallExecutionError(new BaseError('wrapper', { cause: inner }), {});
    expect(describeError(e).kind).toBe('rejected');
  });

  it('other codes are not rejections', () => {
    expect(isUserRejection({ code: 4100 })).toBe(false);
    expect(isUserRejection({ code: '4001' })).toBe(false);
    expect(isUserRejection(null)).toBe(false);
    expect(isUserRejection(undefined)).toBe(false);
  });
});

describe('describeError: contract reverts decoded from real ABI data', () => {
  it('ExceedsWalletCap(5, 2) says how many more may be bought', () => {
    const data = encodeErrorResult({ abi: productSaleAbi, errorName: 'ExceedsWalletCap', args: [5n, 2n] });
    const info = describeError(reverted(productSaleAbi, data, 'buy', [1n, 5n]));
    expect(info).toMatchObject({
      kind: 'revert',
      title: 'The contract would refuse this',
      message: 'Each wallet may buy a limited number of units: you can buy 2 more.',
      errorName: 'ExceedsWalletCap',
    });
    expect(info.details).toContain('ExceedsWalletCap');
    expect(info.details).toContain('buy');
  });

  it('ExceedsWalletCap(5, 0) says the cap is reached', () => {
    const data = encodeErrorResult({ abi: productSaleAbi, errorName: 'ExceedsWalletCap', args: [5n, 0n] });
    expect(describeError(reverted(productSaleAbi, data, 'buy')).message).toBe(
      'You have already bought the most this product allows per wallet.',
    );
  });

  it('SaleNotStarted(ts) names the opening time in UTC', () => {
    const opens = 1_767_225_600n + 14n * 3600n + 5n * 60n; // 2026-01-01T14:05:00Z
    const data = encodeErrorResult({ abi: productSaleAbi, errorName: 'SaleNotStarted', args: [opens] });
    expect(describeError(reverted(productSaleAbi, data, 'buy'))).toMatchObject({
      kind: 'revert',
      errorName: 'SaleNotStarted',
      message: 'This sale has not started yet. It opens 1 Jan, 14:05 UTC.',
    });
  });

  it('ExceedsSupply(requested, available) puts the numbers the right way round, grouped', () => {
    const data = encodeErrorResult({ abi: productSaleAbi, errorName: 'ExceedsSupply', args: [12_000n, 1_500n] });
    expect(describeError(reverted(productSaleAbi, data, 'buy')).message).toBe('Only 1,500 units are left; you asked for 12,000.');
  });

  it('FaucetCooldown(availableAt) from the faucet token', () => {
    const data = encodeErrorResult({ abi: faucetTokenAbi, errorName: 'FaucetCooldown', args: [1_767_225_599n] });
    expect(describeError(reverted(faucetTokenAbi, data, 'faucet'))).toMatchObject({
      kind: 'revert',
      errorName: 'FaucetCooldown',
      message: 'The faucet gives once an hour. Try again after 31 Dec, 23:59 UTC.',
    });
  });

  it('errors of the other contracts and OpenZeppelin ones are translated too', () => {
    const owner = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    const notOwner = encodeErrorResult({ abi: rewardsAbi, errorName: 'NotTokenOwner', args: [7n, owner] });
    expect(describeError(reverted(rewardsAbi, notOwner, 'claim')).message).toBe('You do not own NFT #7.');
    const receiver = encodeErrorResult({ abi: hashNftAbi, errorName: 'ERC721InvalidReceiver', args: [SALE] });
    expect(describeError(reverted(hashNftAbi, receiver, 'safeTransferFrom')).message).toBe(
      'That address is a contract that cannot receive NFTs. The NFT would be stuck there.',
    );
    const invalid = encodeErrorResult({ abi: productSaleAbi, errorName: 'InvalidProduct', args: ['zero price'] });
    expect(describeError(reverted(productSaleAbi, invalid, 'addProduct')).message).toBe('The product is invalid: zero price.');
  });

  it('a custom error without a sentence is shown by name and arguments', () => {
    const data = encodeErrorResult({ abi: productSaleAbi, errorName: 'SafeCastOverflowedUintDowncast', args: [64, 123_456_789n] });
    expect(describeError(reverted(productSaleAbi, data, 'buy'))).toMatchObject({
      kind: 'revert',
      errorName: 'SafeCastOverflowedUintDowncast',
      message: 'SafeCastOverflowedUintDowncast(64, 123,456,789)',
    });
    const addr = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    const owner = encodeErrorResult({ abi: productSaleAbi, errorName: 'OwnableInvalidOwner', args: [addr] });
    expect(describeError(reverted(productSaleAbi, owner, 'transferOwnership')).message).toBe(`OwnableInvalidOwner(${addr})`);
    const zero = encodeErrorResult({ abi: productSaleAbi, errorName: 'ZeroAddress' });
    expect(describeError(reverted(productSaleAbi, zero, 'setTreasury')).message).toBe('ZeroAddress()');
  });

  it('a require() string and a panic keep their reason', () => {
    const errorAbi = [{ type: 'error', name: 'Error', inputs: [{ name: 'message', type: 'string' }] }] as const;
    const requireData = encodeErrorResult({ abi: errorAbi, errorName: 'Error', args: ['not allowed'] });
    const info = describeError(reverted(productSaleAbi, requireData, 'buy'));
    expect(info).toMatchObject({ kind: 'revert', message: 'not allowed' });
    expect(info.errorName).toBeUndefined();

    const panicAbi = [{ type: 'error', name: 'Panic', inputs: [{ name: 'code', type: 'uint256' }] }] as const;
    const panicData = encodeErrorResult({ abi: panicAbi, errorName: 'Panic', args: [0x11n] });
    expect(describeError(reverted(productSaleAbi, panicData, 'buy')).message).toMatch(/overflow/i);
  });

  it('a revert decoded by viem from a JSON-RPC "execution reverted" error (code 3) reads the same', () => {
    const data = encodeErrorResult({ abi: productSaleAbi, errorName: 'SoldOut' });
    const rpc = new RpcRequestError({
      body: { method: 'eth_call' },
      error: { code: 3, message: 'execution reverted', data },
      url: 'http://127.0.0.1:8545',
    });
    const e = getContractError(new CallExecutionError(rpc, {}), { abi: productSaleAbi, functionName: 'buy', args: [1n, 1n], address: SALE });
    expect(describeError(e)).toMatchObject({ kind: 'revert', errorName: 'SoldOut', message: 'This product is sold out.' });
  });
});

describe('describeError: network and unknown errors', () => {
  it('HttpRequestError and TimeoutError, bare or wrapped, are network problems with details', () => {
    const http = new HttpRequestError({ url: 'http://127.0.0.1:8545', status: 502, body: { method: 'eth_call' }, details: 'Bad Gateway' });
    const timeout = new TimeoutError({ url: 'http://127.0.0.1:8545', body: { method: 'eth_blockNumber' } });
    const wrapped = new ContractFunctionExecutionError(new CallExecutionError(http, {}), {
      abi: productSaleAbi,
      functionName: 'buy',
      args: [1n, 1n],
    });
    for (const e of [http, timeout, wrapped]) {
      const info = describeError(e);
      expect(info.kind).toBe('network');
      expect(info.message).toBe('The network node did not answer. Nothing was sent; try again in a moment.');
      expect(info.details).toContain('127.0.0.1:8545');
    }
  });

  it("another viem error keeps viem's short message and the full text as details", () => {
    const e = new BaseError('Chain mismatch.', { details: 'expected 31337, got 1' });
    const info = describeError(e);
    expect(info).toMatchObject({ kind: 'unknown', title: 'Something went wrong', message: 'Chain mismatch.' });
    expect(info.details).toContain('expected 31337, got 1');
  });

  it('a plain Error is unknown with its first line as the message and everything as details', () => {
    const e = new Error('Something broke\nat line 2');
    expect(describeError(e)).toEqual({
      kind: 'unknown',
      title: 'Something went wrong',
      message: 'Something broke',
      details: 'Something broke\nat line 2',
    });
  });

  it('thrown non-errors are described too', () => {
    expect(describeError('plain string')).toMatchObject({ kind: 'unknown', message: 'plain string', details: 'plain string' });
    expect(describeError('')).toMatchObject({ kind: 'unknown', message: 'Unknown error' });
    expect(describeError(undefined)).toMatchObject({ kind: 'unknown', message: 'undefined' });
  });
});
