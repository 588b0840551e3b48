// `npm run audit:prod`: fails on any high or critical advisory in the packages the built site ships
// (dependencies only; dev tools never reach users). When the registry cannot be reached the audit has
// not happened, and that is a failure too, said in words rather than as npm's stack of warnings.
import { spawnSync } from 'node:child_process';

const run = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], { encoding: 'utf8' });
const out = `${run.stdout ?? ''}\n${run.stderr ?? ''}`;

interface AuditReport {
  metadata?: { vulnerabilities?: Record<string, number> };
  message?: string;
  error?: { code?: string; summary?: string };
}

let report: AuditReport | undefined;
try {
  report = JSON.parse(run.stdout) as AuditReport;
} catch {
  report = undefined;
}

const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|network|405|audit endpoint returned an error/i.test(out);
  console.error(
    offline
      ? 'audit:prod FAILED: the npm registry\'s audit endpoint could not be reached, so no audit took place. Run it where the registry is reachable (CI is).'
      : 'audit:prod FAILED: npm audit gave no report.',
  );
  console.error(report?.message || report?.error?.summary || out.trim().split('\n').slice(0, 6).join('\n'));
  process.exit(2);
}

const high = (counts.high ?? 0) + (counts.critical ?? 0);
const summary = Object.entries(counts)
  .filter(([k]) => k !== 'total')
  .map(([k, v]) => `${v} ${k}`)
  .join(', ');
if (high > 0) {
  console.error(`audit:prod FAILED: ${summary} in production dependencies. Run \`npm audit --omit=dev\` for details.`);
  process.exit(1);
}
console.log(`audit:prod ok: no high or critical advisory in production dependencies (${summary}).`);
