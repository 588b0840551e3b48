// The Marketplace's dialogs and its Offers and My listings tabs are their own chunks: the payment,
// approval and transaction code they bring is neither fetched nor run before the first listings show.
// `preloadMarketParts` fetches them all once the page is idle (usePreloadWhenIdle), so a click finds them.
import { lazy } from 'react';

const loadBuyListing = () => import('../BuyListingDialog');
const loadSweep = () => import('./SweepDialog');
const loadOffers = () => import('./OffersTab');
const loadMine = () => import('./MyListings');

export const BuyListingDialog = lazy(() => loadBuyListing().then((m) => ({ default: m.BuyListingDialog })));
export const SweepDialog = lazy(() => loadSweep().then((m) => ({ default: m.SweepDialog })));
export const OffersTab = lazy(() => loadOffers().then((m) => ({ default: m.OffersTab })));
export const MyListings = lazy(() => loadMine().then((m) => ({ default: m.MyListings })));

export const preloadMarketParts = () => Promise.all([loadBuyListing(), loadSweep(), loadOffers(), loadMine()]);
