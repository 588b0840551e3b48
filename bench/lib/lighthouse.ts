// Lighthouse (npm) with Debian's Chromium: performance and accessibility scores of one URL.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin } from '../../scripts/lib/anvil.ts';
import { CHROMIUM } from './browser.ts';

export interface LhScores {
  performance: number;
  accessibility: number;
  /** audits that cost points, for the report */
  failing: string[];
}

export function lighthouse(url: string, formFactor: 'mobile' | 'desktop'): LhScores {
  const dir = mkdtempSync(join(tmpdir(), 'hm-lh-'));
  const out = join(dir, 'report.json');
  const args = [
    url,
    '--quiet',
    '--output=json',
    `--output-path=${out}`,
    '--only-categories=performance,accessibility',
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
    '--max-wait-for-load=45000',
  ];
  if (formFactor === 'desktop') args.push('--preset=desktop');
  const r = spawnSync(bin('lighthouse'), args, {
    env: { ...process.env, CHROME_PATH: CHROMIUM },
    encoding: 'utf8',
    timeout: 180_000,
  });
  try {
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
      audits: Record<string, { score: number | null; title: string }>;
    };
    const failing: string[] = [];
    for (const cat of Object.values(report.categories)) {
      for (const ref of cat.auditRefs) {
        const a = report.audits[ref.id];
        if (ref.weight > 0 && a && a.score !== null && a.score < 0.9) failing.push(`${ref.id} (${Math.round(a.score * 100)})`);
      }
    }
    return {
      performance: Math.round((report.categories.performance.score ?? 0) * 100),
      accessibility: Math.round((report.categories.accessibility.score ?? 0) * 100),
      failing,
    };
  } catch {
    throw new Error(`lighthouse failed for ${url}: ${(r.stderr || r.stdout || '').slice(-2000)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
