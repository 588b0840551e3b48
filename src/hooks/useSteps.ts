// The step a multi-step action is at (approving, signing, sending…), for button labels. `run` sets the
// first step, runs the action and always returns to idle, whatever happens.
import { useCallback, useState } from 'react';

export interface Steps<S> {
  step: S;
  setStep: (step: S) => void;
  run: <T>(first: S, fn: () => Promise<T>) => Promise<T>;
}

export function useSteps<S>(idle: S): Steps<S> {
  const [step, setStep] = useState<S>(idle);
  const run = useCallback(
    async <T>(first: S, fn: () => Promise<T>): Promise<T> => {
      setStep(first);
      try {
        return await fn();
      } finally {
        setStep(idle);
      }
    },
    [idle],
  );
  return { step, setStep, run };
}
