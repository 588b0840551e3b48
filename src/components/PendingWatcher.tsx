// After a reload, keeps watching the transactions an earlier page session sent and shows their result.
import { useEffect, useRef } from 'react';
import { useAppChain } from '../hooks/useAppChain';
import { pendingStore, SESSION } from '../hooks/usePendingTransactions';
import { useTransactor } from '../hooks/useTransactor';

export default function PendingWatcher() {
  const { chainId } = useAppChain();
  const { resume } = useTransactor();
  const watched = useRef(new Set<string>());
  useEffect(() => {
    for (const tx of pendingStore.all()) {
      if (tx.session === SESSION || tx.chainId !== chainId || watched.current.has(tx.hash)) continue;
      watched.current.add(tx.hash);
      void resume(tx);
    }
  }, [chainId, resume]);
  return null;
}
