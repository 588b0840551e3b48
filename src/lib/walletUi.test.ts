import { afterEach, describe, expect, it, vi } from 'vitest';
import { walletUi } from './walletUi';

afterEach(() => walletUi.reset());

describe('walletUi', () => {
  it('requests RainbowKit on the first open and opens the asked modal once it registers', () => {
    const connect = vi.fn();
    walletUi.open('connect');
    expect(walletUi.get()).toMatchObject({ requested: true, ready: false, pending: 'connect' });
    walletUi.register({ connect });
    expect(connect).toHaveBeenCalledTimes(1);
    expect(walletUi.get()).toMatchObject({ ready: true, pending: undefined });
  });

  it('opens directly once loaded, with the latest openers', () => {
    const first = vi.fn();
    const account = vi.fn();
    walletUi.register({ connect: first });
    walletUi.register({ connect: undefined, account }); // connected meanwhile
    walletUi.open('account');
    expect(account).toHaveBeenCalledTimes(1);
    expect(first).not.toHaveBeenCalled();
  });

  it('preload mounts RainbowKit without opening anything', () => {
    const connect = vi.fn();
    walletUi.preload();
    expect(walletUi.get().requested).toBe(true);
    walletUi.register({ connect });
    expect(connect).not.toHaveBeenCalled();
    expect(walletUi.get().ready).toBe(true);
  });

  it('drops a pending modal that no longer applies instead of waiting forever', () => {
    walletUi.open('connect');
    walletUi.register({ connect: undefined, account: vi.fn() });
    expect(walletUi.get()).toMatchObject({ ready: true, pending: undefined });
  });

  it('notifies subscribers of each change', () => {
    const seen = vi.fn();
    const off = walletUi.subscribe(seen);
    walletUi.open('chain');
    walletUi.register({ chain: vi.fn() });
    off();
    walletUi.preload();
    expect(seen).toHaveBeenCalledTimes(2);
  });
});
