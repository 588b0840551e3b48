import { describe, expect, it } from 'vitest';
import { DAY_SECONDS } from './format';
import { MAX_UINT, WAD } from './loans';
import {
  liquidationBlockedReason,
  priceAgeText,
  daysLeftAt,
  debtAt,
  firstBelowAt,
  healthAt,
  healthFactorOf,
  largestSafeDebt,
  liquidationPriceFor,
  liquidationValueAt,
  longestSafeDays,
  repayToReach,
  repayToReachAt,
} from './loanHealth';

const D = DAY_SECONDS;
const now = 1_800_000_000;
const usdt = (n: number) => BigInt(Math.round(n * 1e6));
// One NFT: 1,000 USDT of liquidation value today over 100 whole days (term ends half a day after day 100).
const nft = { liquidationValue: usdt(1000), remainingDays: 100n, termEnd: now + 100 * D + D / 2 };
const rate10 = WAD / 10n; // 10% a year

describe('loan health projection', () => {
  it('counts whole days left and loses a day of value at each day boundary', () => {
    expect(daysLeftAt(nft.termEnd, now)).toBe(100n);
    expect(daysLeftAt(nft.termEnd, now + D / 2)).toBe(100n);
    expect(daysLeftAt(nft.termEnd, now + D / 2 + 1)).toBe(99n);
    expect(liquidationValueAt([nft], now + 50 * D)).toBe(usdt(500));
    expect(liquidationValueAt([nft], now + 200 * D)).toBe(0n);
  });

  it('projects the health at a date with interest at today\'s rate', () => {
    // 500 USDT at 0% for 50 days: 500 / 500 = 1.00
    expect(healthAt([nft], usdt(500), 0n, now, now + 50 * D)).toBe(WAD);
    // with 10% a year the debt after 50 days is 500 × (1 + 0.1 × 50/365) = 506.849316 (rounded up)
    expect(debtAt(usdt(500), rate10, now, now + 50 * D)).toBe(506_849_316n);
    expect(healthAt([nft], usdt(500), rate10, now, now + 50 * D)).toBeLessThan(WAD);
    expect(healthFactorOf(usdt(1), 0n)).toBe(MAX_UINT);
  });

  it('finds the first second the loan becomes liquidatable at today\'s price', () => {
    // 400 USDT at 0%: value falls to 400 after 60 days, below after the boundary at 60.5 days
    const t = firstBelowAt([nft], usdt(400), 0n, now, now + 100 * D);
    expect(t).toBe(now + 60 * D + D / 2 + 1);
    expect(healthAt([nft], usdt(400), 0n, now, t! - 1)).toBe(WAD);
    expect(firstBelowAt([nft], usdt(1), 0n, now, now + 30 * D)).toBeUndefined();
    expect(firstBelowAt([nft], usdt(2000), 0n, now, now + 30 * D)).toBe(now);
  });

  it('gives the longest safe duration for an amount and the largest safe amount for a duration', () => {
    // 1.1 buffer, 0%: 500 × 1.1 = 550 needs 55 days of value: day 45 keeps 55 days (safe), day 46 not
    const buffer = (WAD * 11n) / 10n;
    expect(longestSafeDays([nft], usdt(500), 0n, now, 100, buffer)).toBe(45);
    expect(longestSafeDays([nft], usdt(2000), 0n, now, 100, buffer)).toBe(0);
    expect(longestSafeDays([nft], usdt(1), 0n, now, 90, buffer)).toBe(90);
    // 30 days at 10%: value 700 → debt ≤ 700 / 1.1 / (1 + 0.1 × 30/365)
    const safe = largestSafeDebt([nft], rate10, now, 30 * D, buffer);
    expect(healthAt([nft], safe, rate10, now, now + 30 * D)).toBeGreaterThanOrEqual(buffer);
    expect(healthAt([nft], safe + 2n, rate10, now, now + 30 * D)).toBeLessThan(buffer);
    expect(safe).toBe(631_175_888n);
    expect(largestSafeDebt([nft], rate10, now, 30 * D, buffer, usdt(300))).toBe(usdt(300));
  });

  it('prices the liquidation and what repaying restores', () => {
    // at $100, 1,000 of value against 800 of debt: HF 1 at $80
    expect(liquidationPriceFor(100_00000000n, usdt(800), usdt(1000))).toBe(80_00000000n);
    expect(liquidationPriceFor(100_00000000n, 0n, usdt(1000))).toBe(0n);
    expect(liquidationPriceFor(100_00000000n, usdt(1), 0n)).toBe(MAX_UINT);
    // 900 debt on 1,000: to reach 1.25 keep 800 → repay 100
    expect(repayToReach(usdt(1000), usdt(900), (WAD * 5n) / 4n)).toBe(usdt(100));
    expect(repayToReach(usdt(1000), usdt(700), (WAD * 5n) / 4n)).toBe(0n);
    // to stay above 1 until day 80 at 0% (value 200 then): repay 300 of 500
    expect(repayToReachAt([nft], usdt(500), 0n, now, now + 80 * D, WAD)).toBe(usdt(300));
  });
});

describe('liquidationBlockedReason (the lens reports a stale price; the page says why in words)', () => {
  const base = { healthFactor: WAD / 2n, healthAtLatest: WAD / 2n, symbol: 'BTC', now, priceStale: true, priceUpdatedAt: now - 2 * 3600 - 59, maxPriceAge: 3600, unconfirmed: false, pastGrace: false };
  it('says how old the price is and what it blocks', () => {
    expect(liquidationBlockedReason(base)).toBe('The BTC price is 2 hours old (the limit is 1 hour); liquidation, auction start and write-off are blocked until it is updated.');
    expect(liquidationBlockedReason({ ...base, priceUpdatedAt: now - 26 * 3600, maxPriceAge: 24 * 3600 })).toBe('The BTC price is 26 hours old (the limit is 24 hours); liquidation, auction start and write-off are blocked until it is updated.');
  });
  it('says nothing for a healthy loan or a fresh price', () => {
    expect(liquidationBlockedReason({ ...base, healthFactor: WAD * 2n, healthAtLatest: WAD * 2n })).toBeUndefined();
    expect(liquidationBlockedReason({ ...base, priceStale: false })).toBeUndefined();
  });
  it('blocks a loan past its grace on a stale price too', () => {
    expect(liquidationBlockedReason({ ...base, healthFactor: WAD * 2n, healthAtLatest: WAD * 2n, pastGrace: true })).toMatch(/^The BTC price is 2 hours old/);
  });
  it('explains an unconfirmed jump on a fresh price', () => {
    expect(liquidationBlockedReason({ ...base, priceStale: false, unconfirmed: true, healthFactor: WAD, healthAtLatest: WAD / 2n })).toMatch(/moved more than the feed's bound/);
  });
});

describe('priceAgeText', () => {
  it('whole hours from an hour up, minutes below', () => {
    expect(priceAgeText(3599)).toBe('59 minutes');
    expect(priceAgeText(3600)).toBe('1 hour');
    expect(priceAgeText(7 * 3600 + 1)).toBe('7 hours');
  });
});
