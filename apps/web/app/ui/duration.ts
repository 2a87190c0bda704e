/** A length of time as the dashboards show it: "42 s", or "3 min 5 s" from a minute on. */
export const formatDuration = (ms: number) =>
  ms >= 60_000
    ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1_000)} s`
    : `${Math.round(ms / 1_000)} s`;
