// Ponder configuration of the Hashmint indexer. Nothing here is a second copy: the ABIs are the generated
// map in src/abi/abis.ts and the addresses and start block are deployments/<chainId>.json, the file the
// deploy script writes and the app reads.
//   HASHMINT_CHAIN_ID       which deployment to index (default 31337, the local chain)
//   HASHMINT_DEPLOYMENTS_DIR where the deployment files are (default deployments/; `npm run dev` on a fork sets it)
//   PONDER_RPC_URL          the RPC to read (default the deployment's rpcUrl)
//   DATABASE_URL            PostgreSQL; without it the embedded PGlite database in indexer/.ponder/pglite
//   PGLITE_DIR              another folder for PGlite (tests and bench use temporary folders)
import { join } from 'node:path';
import { createConfig } from 'ponder';
import * as abis from '../src/abi/abis';
import { addressOf as at, chainId, deployment, ROOT } from './src/deployment';

const chain = 'hashmint' as const;
const startBlock = deployment.startBlock;
/** Every coin's price feed (BTC_USD, ETC_USD, …): one handler for all of them. */
const feeds = Object.keys(deployment.contracts).filter((n) => n.endsWith('_USD')).map(at);

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: 'postgres', connectionString: process.env.DATABASE_URL }
    : { kind: 'pglite', directory: process.env.PGLITE_DIR || join(ROOT, 'indexer', '.ponder', 'pglite') },
  chains: {
    hashmint: {
      id: chainId,
      rpc: process.env.PONDER_RPC_URL || deployment.rpcUrl,
      // A local chain is reset with the same id: cached RPC answers of an earlier chain would be replayed.
      disableCache: deployment.local,
      pollingInterval: deployment.local ? 250 : 1_000,
    },
  },
  contracts: {
    PriceFeed: { chain, abi: abis.priceFeedAbi, address: feeds, startBlock },
    Rewards: { chain, abi: abis.rewardsAbi, address: at('Rewards'), startBlock },
    HashNFT: { chain, abi: abis.hashNftAbi, address: at('HashNFT'), startBlock },
    ProductSale: { chain, abi: abis.productSaleAbi, address: at('ProductSale'), startBlock },
    Marketplace: { chain, abi: abis.marketplaceAbi, address: at('Marketplace'), startBlock },
    TermDeposits: { chain, abi: abis.termDepositsAbi, address: at('TermDeposits'), startBlock },
    MiningPools: { chain, abi: abis.miningPoolsAbi, address: at('MiningPools'), startBlock },
    LiquidityVault: { chain, abi: abis.liquidityVaultAbi, address: at('LiquidityVault'), startBlock },
    LoanPool: { chain, abi: abis.loanPoolAbi, address: at('LoanPool'), startBlock },
    LoanValuation: { chain, abi: abis.loanValuationAbi, address: at('LoanValuation'), startBlock },
    LoanAuctions: { chain, abi: abis.loanAuctionsAbi, address: at('LoanAuctions'), startBlock },
    // Governance: proposals and votes, the timelock's operations, the guardian's pauses, feed settings.
    HashGovernor: { chain, abi: abis.hashGovernorAbi, address: at('Governor'), startBlock },
    Timelock: { chain, abi: abis.timelockControllerAbi, address: at('Timelock'), startBlock },
    PauseGuard: { chain, abi: abis.pauseGuardAbi, address: at('PauseGuard'), startBlock },
    OracleAdapter: { chain, abi: abis.oracleAdapterAbi, address: at('OracleAdapter'), startBlock },
  },
});
