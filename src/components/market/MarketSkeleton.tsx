// The Marketplace before its first read.
import { Card, IntroHeader, LoadingCards } from '../ui';
import { PAGE_INTROS } from '../../lib/pageHeaders';
import { SUMMARY_CARD, LISTING_CARD_HEIGHT } from './layout';

/** Before the first read: the page's own layout, with placeholders the size of what replaces them. */
export function MarketSkeleton() {
  return (
    <div>
      <IntroHeader page={PAGE_INTROS.market!} />
      <div className="mb-5 grid gap-4 lg:grid-cols-2" aria-hidden>
        <Card className={SUMMARY_CARD}>
          <div className="mb-2 h-6 w-32 rounded bg-slate-800" />
        </Card>
        <Card className={SUMMARY_CARD}>
          <div className="mb-2 h-6 w-32 rounded bg-slate-800" />
        </Card>
      </div>
      <div className="mb-4 h-[34px]" aria-hidden />
      <LoadingCards label="Loading listings" count={6} cardClass={LISTING_CARD_HEIGHT} />
    </div>
  );
}
