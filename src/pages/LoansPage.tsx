// Loans: pledge hash-power NFTs and borrow USDT from the liquidity vault, with the appraisal and every
// input behind it, max borrow, rate, health factor now → after, liquidation price and the projected health
// at the due date before signing; the wallet's loans (live debt, repay part or all, self-repay, rewards);
// and the loans anyone may liquidate, with what the liquidator pays and receives.
import { useAccount } from 'wagmi';
import { ErrorNote, IntroHeader, StatBox } from '../components/ui';
import { PAGE_INTROS } from '../lib/pageHeaders';
import { useAppChain } from '../hooks/useAppChain';
import { useChainTime } from '../hooks/useChainTime';
import { useLoanRules, useLoans } from '../hooks/useLoans';
import { useOracleStatus } from '../hooks/useOracleStatus';
import { usePledgeCandidates } from '../hooks/usePledgeCandidates';
import { useProtocol } from '../hooks/useProtocol';
import { useTokenAccount } from '../hooks/useTokenAccount';
import { useVault } from '../hooks/useVault';
import { formatPercent, formatUsdt } from '../lib/format';
import { DEFAULT_MIN_DUE_HEALTH, rateToFraction } from '../lib/loans';
import { BorrowSection } from '../components/loans/BorrowSection';
import { Liquidatable } from '../components/loans/Liquidatable';
import { MyLoans } from '../components/loans/MyLoans';
import { ChangeNotice } from '../components/governance/ChangeNotice';
import { LoansTabs } from '../components/loans/LoansTabs';

export default function LoansPage() {
  const { address } = useAccount();
  const loans = useLoans(address);
  const rules = useLoanRules();
  const vault = useVault(address);
  const protocol = useProtocol();
  const now = useChainTime();
  // The pool's USDT account (balance and allowance to the LoanPool), read once for every repay and liquidate button.
  const { deployment } = useAppChain();
  const token = useTokenAccount(deployment.contracts.USDT, deployment.contracts.LoanPool);
  const oracle = useOracleStatus(protocol.data?.coins.length);
  const candidates = usePledgeCandidates(address, now);
  const rate = loans.data ? rateToFraction(loans.data.borrowRate) : undefined;

  return (
    <div>
      <IntroHeader page={PAGE_INTROS.loans!} />
      <ChangeNotice area="loans" />
      <LoansTabs current="loans" />

      <dl className="mb-5 grid grid-cols-2 gap-2 sm:grid-cols-4 sm:gap-4">
        <StatBox label="Borrow rate (APR)" value={rate === undefined ? undefined : formatPercent(rate, 2)} testId="loans-apr" />
        <StatBox label="Vault cash to lend" value={vault.data ? formatUsdt(vault.data.idleCash) : undefined} testId="loans-idle" />
        <StatBox label="Utilisation" value={vault.data ? formatPercent(Number(vault.data.utilizationBps) / 10_000, 2) : undefined} />
        <StatBox label="Open loans" value={loans.data ? String(loans.data.open.length) : undefined} />
      </dl>

      {(loans.isError || protocol.isError) && <ErrorNote>Could not read the loan pool from the chain. It retries on its own.</ErrorNote>}

      <div className="space-y-8">
        <BorrowSection loans={loans.data} coins={protocol.data?.coins} idleCash={vault.data?.idleCash} now={now} />
        {address && <MyLoans loans={loans.data} coins={protocol.data?.coins} now={now} token={token.data} minHf={rules.data?.minDueHealth ?? DEFAULT_MIN_DUE_HEALTH} candidates={candidates.data} oracle={oracle.data} idleCash={vault.data?.idleCash} />}
        <Liquidatable loans={loans.data} coins={protocol.data?.coins} now={now} me={address} token={token.data} oracle={oracle.data} />
      </div>
    </div>
  );
}
