// Lighthouse (npm) with Debian's Chromium: performance and accessibility scores of one URL.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin } from '../../scripts/lib/anvil.ts';
import { CHROMIUM } from './browser.ts';

export interface LhScores {
  /** NaN when the run measured accessibility only */
  performance: number;
  accessibility: number;
  /** the run's metrics in ms (CLS unitless), for the notes: fcp, lcp, tbt, si, cls */
  metrics: Record<string, number>;
  /** the 1-minute load average when the run started */
  load: number;
  /** audits that cost points, for the report */
  failing: string[];
}

/**
 * Runs asynchronously on purpose: the bench's counting RPC proxy lives in this same Node process, and a
 * blocking spawnSync stopped it from answering while Lighthouse loaded the page, so every page Lighthouse saw
 * said "Can't reach the network" (no data, a banner shift, a speed index of 7 s): the gap between the bench's
 * Lighthouse figures and manual runs that earlier notes could not explain.
 */
export async function lighthouse(url: string, formFactor: 'mobile' | 'desktop', categories: 'performance,accessibility' | 'accessibility' = 'performance,accessibility'): Promise<LhScores> {
  const load = loadavg()[0];
  const dir = mkdtempSync(join(tmpdir(), 'hm-lh-'));
  const out = join(dir, 'report.json');
  const args = [
    url,
    '--quiet',
    '--output=json',
    `--output-path=${out}`,
    `--only-categories=${categories}`,
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
    '--max-wait-for-load=45000',
  ];
  if (formFactor === 'desktop') args.push('--preset=desktop');
  const r = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
    const child = spawn(bin('lighthouse'), args, { env: { ...process.env, CHROME_PATH: CHROMIUM } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('close', () => {
      clearTimeout(timer);
      resolve({ stdout, stderr });
    });
  });
  try {
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
      audits: Record<string, { score: number | null; title: string; numericValue?: number }>;
    };
    const failing: string[] = [];
    for (const cat of Object.values(report.categories)) {
      for (const ref of cat.auditRefs) {
        const a = report.audits[ref.id];
        if (ref.weight > 0 && a && a.score !== null && a.score < 0.9) failing.push(`${ref.id} (${Math.round(a.score * 100)})`);
      }
    }
    const metrics: Record<string, number> = {};
    for (const [key, id] of [['fcp', 'first-contentful-paint'], ['lcp', 'largest-contentful-paint'], ['tbt', 'total-blocking-time'], ['si', 'speed-index'], ['cls', 'cumulative-layout-shift']]) {
      const v = report.audits[id]?.numericValue;
      if (v !== undefined) metrics[key] = key === 'cls' ? Number(v.toFixed(3)) : Math.round(v);
    }
    return {
      load,
      metrics,
      performance: report.categories.performance ? Math.round((report.categories.performance.score ?? 0) * 100) : NaN,
      accessibility: Math.round((report.categories.accessibility.score ?? 0) * 100),
      failing,
    };
  } catch {
    throw new Error(`lighthouse failed for ${url}: ${(r.stderr || r.stdout || '').slice(-2000)}`);
  } finally {
    // BENCH_LH_KEEP=<dir>: keep each whole report (its filmstrip, main-thread tasks and shifts) to read later.
    const keep = process.env.BENCH_LH_KEEP;
    if (keep) {
      mkdirSync(keep, { recursive: true });
      const name = `${new URL(url).hash.replace(/[^a-z0-9]+/gi, '_') || 'root'}-${formFactor}-${Date.now()}.json`;
      try {
        copyFileSync(out, join(keep, name));
      } catch {
        // no report to keep: the error above says why
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
