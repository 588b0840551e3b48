// Earn: lend to borrowers through the liquidity vault, or lock an asset in a fixed-term deposit.
import { PageHeader } from '../components/ui';
import { TermDepositsSection } from '../components/earn/TermDepositsSection';
import { VaultSection } from '../components/earn/VaultSection';

export default function EarnPage() {
  return (
    <div>
      <PageHeader title="Earn">
        <p className="max-w-xl text-sm text-slate-400">
          Lend USDT to borrowers against hash power, or lock an asset for a fixed term at a fixed rate. Every rate and every date is shown before you sign.
        </p>
      </PageHeader>
      <div className="space-y-8">
        <VaultSection />
        <TermDepositsSection />
      </div>
    </div>
  );
}
