// Earn: lend to borrowers through the liquidity vault, or lock an asset in a fixed-term deposit.
import { IntroHeader } from '../components/ui';
import { PAGE_INTROS } from '../lib/pageHeaders';
import { TermDepositsSection } from '../components/earn/TermDepositsSection';
import { VaultSection } from '../components/earn/VaultSection';
import { ChangeNotice } from '../components/governance/ChangeNotice';

export default function EarnPage() {
  return (
    <div>
      <IntroHeader page={PAGE_INTROS.earn!} />
      <ChangeNotice area="earn" />
      <div className="space-y-8">
        <VaultSection />
        <TermDepositsSection />
      </div>
    </div>
  );
}
