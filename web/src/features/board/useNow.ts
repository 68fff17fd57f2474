import { useEffect, useState } from 'react';

const MINUTE = 60_000;

/** The time, moving on once a minute: enough for card ages, and every card renders at most that often. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), MINUTE);
    return () => clearInterval(timer);
  }, []);
  return now;
}
