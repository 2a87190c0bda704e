/** Raw events go to one index per UTC day, so old days can be dropped or frozen cheaply. */
export function eventsIndexFor(prefix: string, ts: number): string {
  const day = new Date(ts).toISOString().slice(0, 10).replaceAll('-', '.');
  return `${prefix}-events-${day}`;
}

export const eventsIndexPattern = (prefix: string) => `${prefix}-events-*`;
export const eventsTemplateName = (prefix: string) => `${prefix}-events`;
