// Loans › Auctions: the liquidation auctions, readable without a wallet (bid, redeem, settle need one).
import { useAccount } from 'wagmi';
import { IntroHeader } from '../components/ui';
import { Auctions } from '../components/loans/Auctions';
import { LoansTabs } from '../components/loans/LoansTabs';
import { useAppChain } from '../hooks/useAppChain';
import { useAuctions } from '../hooks/useAuctions';
import { useChainTime } from '../hooks/useChainTime';
import { useProtocol } from '../hooks/useProtocol';
import { useTokenAccount } from '../hooks/useTokenAccount';
import { PAGE_INTROS } from '../lib/pageHeaders';

export default function AuctionsPage() {
  const { address } = useAccount();
  const auctions = useAuctions(address);
  const protocol = useProtocol();
  const now = useChainTime();
  const { deployment } = useAppChain();
  const token = useTokenAccount(deployment.contracts.USDT, deployment.contracts.LoanAuctions);
  return (
    <div>
      <IntroHeader page={PAGE_INTROS.auctions!} />
      <LoansTabs current="auctions" auctions={auctions.data?.list.length} />
      <Auctions data={auctions.data} coins={protocol.data?.coins} now={now} token={token.data} isError={auctions.isError} />
    </div>
  );
}
