/**
 * Relative traffic by hour of the day (local time of the generator), averaging 1: quiet at night,
 * a morning rise, a lunchtime bump and an evening peak — the usual shape of a consumer site.
 */
const HOURLY = [
  0.35, 0.25, 0.2, 0.18, 0.2, 0.3, 0.5, 0.8, 1.05, 1.2, 1.25, 1.3, 1.4, 1.35, 1.25, 1.2, 1.2, 1.25,
  1.35, 1.5, 1.6, 1.5, 1.1, 0.7,
];
const MEAN = HOURLY.reduce((a, b) => a + b, 0) / HOURLY.length;

/** The multiplier of the base rate at `time`, smoothly between the hours. */
export function dailyShape(time: Date): number {
  const hour = time.getHours() + time.getMinutes() / 60;
  const from = Math.floor(hour);
  const weight = hour - from;
  const value = HOURLY[from]! * (1 - weight) + HOURLY[(from + 1) % 24]! * weight;
  return value / MEAN;
}
