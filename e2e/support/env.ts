// Ports and files shared by the e2e global setup and the tests.
import { join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const E2E = {
  anvilPort: 8546,
  /** A second chain without Hashmint, for the wrong-network journey. */
  otherPort: 8547,
  otherChainId: 1,
  appPort: 4180,
  chainId: 31337,
  outDir: join(ROOT, 'dist-e2e'),
  stateFile: join(ROOT, 'test-results', 'e2e-state.json'),
  screenshots: join(ROOT, 'e2e', 'screenshots'),
};
export const rpcUrl = `http://127.0.0.1:${E2E.anvilPort}`;
export const otherRpcUrl = `http://127.0.0.1:${E2E.otherPort}`;
