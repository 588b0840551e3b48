// Ports and files shared by the e2e global setup and the tests. E2E_SLOT (default 0) shifts every port
// and file, so two runs on one machine (two engineers, or a benchmark) do not collide.
import { join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;
const slot = Number(process.env.E2E_SLOT ?? 0);
export const E2E = {
  anvilPort: 8546 + 10 * slot,
  /** A second chain without Hashmint, for the wrong-network journey. */
  otherPort: 8547 + 10 * slot,
  otherChainId: 1,
  appPort: 4180 + slot,
  chainId: 31337,
  outDir: join(ROOT, slot ? `dist-e2e-${slot}` : 'dist-e2e'),
  stateFile: join(ROOT, 'test-results', `e2e-state-${slot}.json`),
  screenshots: join(ROOT, 'e2e', 'screenshots'),
};
export const rpcUrl = `http://127.0.0.1:${E2E.anvilPort}`;
export const otherRpcUrl = `http://127.0.0.1:${E2E.otherPort}`;
