// Sizes the Marketplace's placeholders share with what replaces them, so nothing moves when data arrives.

/** The floor-price and recent-sales cards keep room for a few rows while their lists load. */
export const SUMMARY_CARD = 'min-h-[7rem] lg:min-h-[10rem]';
/** Listing cards are this tall; the placeholders match so nothing below moves when they arrive. */
export const LISTING_CARD_HEIGHT = 'h-[18rem]';
