'use client';
import { useEffect, useState } from 'react';

/** The time, moved every `everyMs`: figures "as of now" age while no update arrives. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
