import { useEffect, useState } from 'react';

/** The time now, renewed every second: for countdowns a view shows (the store keeps its own clock). */
export function useSecond(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
