// The Products page before its reads: the page's own layout with placeholders the size of what replaces
// them. The page shows it while its code loads (PageLoading), and the build prerenders it into index.html.
import { PAGE_INTROS } from '../../lib/pageHeaders';
import { IntroHeader, LoadingCards } from '../ui';
import { ProductFilters } from './ProductFilters';

/** Product cards are this tall; the placeholders match. */
export const PRODUCT_CARD_HEIGHT = 'h-[26rem] lg:h-[28rem]';

/** The coin strip's size while prices load, so the filters and cards below do not move when it arrives. */
export function CoinStripPlaceholder() {
  return (
    <div aria-hidden className="mb-5 grid grid-cols-3 gap-2 sm:gap-4">
      {[0, 1, 2].map((i) => (
        <div key={i} className="rounded-xl border border-slate-800 bg-slate-900/50 px-3 py-2 text-transparent">
          <div className="text-xs">price</div>
          <div className="font-semibold">$0</div>
          <div className="hidden text-xs sm:block">per day</div>
        </div>
      ))}
    </div>
  );
}

export function ProductCardsLoading() {
  return <LoadingCards label="Loading products" count={6} cardClass={PRODUCT_CARD_HEIGHT} />;
}

const none = () => undefined;

export function ProductsSkeleton() {
  return (
    <div>
      <IntroHeader page={PAGE_INTROS.products} />
      <CoinStripPlaceholder />
      <ProductFilters filter="all" onFilter={none} coins={[]} coin="all" onCoin={none} />
      <ProductCardsLoading />
    </div>
  );
}
