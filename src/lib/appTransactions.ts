// Transactions this page sent itself. The transaction path refreshes what they change when their receipt
// comes (useTransactor), so the chain watcher does not refresh the same topics again for their logs.
const sent: string[] = [];
const MAX = 200;

export const appTransactions = {
  add(hash: string) {
    sent.push(hash.toLowerCase());
    if (sent.length > MAX) sent.shift();
  },
  has(hash: string | null | undefined) {
    return hash !== null && hash !== undefined && sent.includes(hash.toLowerCase());
  },
};
