// Which chain the app reads and writes: the wallet's chain when Hashmint is deployed there,
// otherwise the default chain (read-only until the wallet switches).
import { useAccount } from 'wagmi';
import { defaultDeployment, deploymentOn, type Deployment } from '../lib/chains';

export interface AppChain {
  chainId: number;
  deployment: Deployment;
  /** The wallet is connected to a chain without a Hashmint deployment. */
  wrongNetwork: boolean;
  walletChainId?: number;
}

export function useAppChain(): AppChain {
  const { chainId: walletChainId, isConnected } = useAccount();
  const onWallet = deploymentOn(walletChainId);
  const deployment = (isConnected && onWallet) || defaultDeployment;
  return {
    chainId: deployment.chainId,
    deployment,
    wrongNetwork: isConnected && !onWallet,
    walletChainId,
  };
}
