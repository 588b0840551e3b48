// The title and introduction of each page whose header needs no chain data. The app shows it while the
// page's code loads, and the page shows the same, so the header is on screen from the first render and
// does not move or change when the page arrives.
import type { Route } from './router';

export interface PageIntro {
  title: string;
  intro: string;
}

export const PAGE_INTROS: Partial<Record<Route['name'], PageIntro>> = {
  products: {
    title: 'Buy hash power',
    intro: 'Fixed-term mining contracts as NFTs. The price includes electricity and every fee: nothing is billed later.',
  },
  market: {
    title: 'Marketplace',
    intro: 'Hash-power NFTs from other holders. The listed price includes the protocol fee; nothing is added at checkout.',
  },
  loans: {
    title: 'Loans',
    intro:
      'Borrow USDT against your hash-power NFTs. The NFTs stay in escrow and keep earning for you; repay to get them back. Everything below is read from the chain before you sign.',
  },
  earn: {
    title: 'Earn',
    intro:
      'Lend USDT to borrowers against hash power, or lock an asset for a fixed term at a fixed rate. Every rate and every date is shown before you sign.',
  },
  approvals: {
    title: 'Approvals',
    intro:
      "What Hashmint's contracts may take from your wallet without asking again. Hashmint asks for exact amounts and single NFTs; revoke anything you no longer need.",
  },
};
