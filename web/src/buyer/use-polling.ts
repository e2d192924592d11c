import { useEffect, useState } from 'react';

/**
 * A counter that ticks every `ms` while `active`: a page adds it to its loads' deps to ask again,
 * e.g. while the sandbox provider has not yet captured a payment (it does so asynchronously).
 */
export function usePolling(active: boolean, ms = 1500): [number, () => void] {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(timer);
  }, [active, ms]);
  return [tick, () => setTick((n) => n + 1)];
}
