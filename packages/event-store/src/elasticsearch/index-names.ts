/** Raw events go to one index per UTC day, so old days can be dropped or frozen cheaply. */
export function eventsIndexFor(prefix: string, ts: number): string {
  const day = new Date(ts).toISOString().slice(0, 10).replaceAll('-', '.');
  return `${prefix}-events-${day}`;
}

export const eventsIndexPattern = (prefix: string) => `${prefix}-events-*`;
export const eventsTemplateName = (prefix: string) => `${prefix}-events`;

/** Window documents: one index per UTC month of the window start. */
export function windowsIndexFor(prefix: string, start: number): string {
  return `${prefix}-windows-${new Date(start).toISOString().slice(0, 7).replace('-', '.')}`;
}

export const windowsIndexPattern = (prefix: string) => `${prefix}-windows-*`;
export const windowsTemplateName = (prefix: string) => `${prefix}-windows`;

/** Visits: one index (a visit's times change while it is open, so they cannot pick an index). */
export const sessionsIndex = (prefix: string) => `${prefix}-sessions`;
export const sessionsTemplateName = (prefix: string) => `${prefix}-sessions`;

/** The deterministic id of a window document. */
export const windowId = (window: { site: string; start: number; partition: number }) =>
  `${window.site}:${window.start}:${window.partition}`;
