// Which chain the app reads and writes: the wallet's chain when Hashmint is deployed there,
// otherwise the default chain (read-only until the wallet switches).
import { useAccount } from 'wagmi';
import { defaultChainId, deployments, type Deployment } from '../lib/chains';

export interface AppChain {
  chainId: number;
  deployment: Deployment;
  /** The wallet is connected to a chain without a Hashmint deployment. */
  wrongNetwork: boolean;
  walletChainId?: number;
}

export function useAppChain(): AppChain {
  const { chainId: walletChainId, isConnected } = useAccount();
  const walletSupported = walletChainId !== undefined && walletChainId in deployments;
  const chainId = isConnected && walletSupported ? walletChainId : defaultChainId;
  return {
    chainId,
    deployment: deployments[chainId],
    wrongNetwork: isConnected && !walletSupported,
    walletChainId,
  };
}
