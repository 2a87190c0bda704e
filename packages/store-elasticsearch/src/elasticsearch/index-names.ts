/** Raw events go to one index per UTC day, so old days can be dropped or frozen cheaply. */
export function eventsIndexFor(prefix: string, ts: number): string {
  const dayStart = ts - (((ts % DAY_MS) + DAY_MS) % DAY_MS);
  // Every event of a bulk asks, and almost all ask for the same day as the one before.
  if (lastDay.prefix !== prefix || lastDay.start !== dayStart) {
    const day = new Date(dayStart).toISOString().slice(0, 10).replaceAll('-', '.');
    lastDay = { prefix, start: dayStart, name: `${prefix}-events-${day}` };
  }
  return lastDay.name;
}

const DAY_MS = 86_400_000;
let lastDay = { prefix: '', start: Number.NaN, name: '' };

/** The UTC day a daily events index holds (undefined for other names). */
export function eventsIndexPeriod(prefix: string, index: string) {
  const match = new RegExp(`^${escape(prefix)}-events-(\\d{4})\\.(\\d{2})\\.(\\d{2})$`).exec(index);
  if (!match) return undefined;
  const start = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return { start, end: start + DAY_MS };
}

export const eventsIndexPattern = (prefix: string) => `${prefix}-events-*`;
export const eventsTemplateName = (prefix: string) => `${prefix}-events`;

/** Window documents: one index per UTC month of the window start. */
export function windowsIndexFor(prefix: string, start: number): string {
  return `${prefix}-windows-${new Date(start).toISOString().slice(0, 7).replace('-', '.')}`;
}

/** The UTC month a monthly windows index holds (undefined for other names). */
export function windowsIndexPeriod(prefix: string, index: string) {
  const match = new RegExp(`^${escape(prefix)}-windows-(\\d{4})\\.(\\d{2})$`).exec(index);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]) - 1;
  return { start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1) };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const windowsIndexPattern = (prefix: string) => `${prefix}-windows-*`;
export const windowsTemplateName = (prefix: string) => `${prefix}-windows`;

/** Visits: one index (a visit's times change while it is open, so they cannot pick an index). */
export const sessionsIndex = (prefix: string) => `${prefix}-sessions`;
export const sessionsTemplateName = (prefix: string) => `${prefix}-sessions`;

/** Profile hits: one index. */
export const hitsIndex = (prefix: string) => `${prefix}-hits`;
export const hitsTemplateName = (prefix: string) => `${prefix}-hits`;

/** Alerts (a document per alert and state) and their delivery attempts: one index each. */
export const alertsIndex = (prefix: string) => `${prefix}-alerts`;
export const deliveriesIndex = (prefix: string) => `${prefix}-alert-deliveries`;

/** The deterministic id of a window document. */
export const windowId = (window: { site: string; start: number; partition: number }) =>
  `${window.site}:${window.start}:${window.partition}`;

/** Event ids already counted: one index per dedupe generation, named by its first UTC day. */
export const eventIdsIndexFor = (prefix: string, generation: number, scopeMs: number) =>
  `${prefix}-event-ids-${new Date(generation * scopeMs).toISOString().slice(0, 10).replaceAll('-', '.')}`;

/** The generation an event-ids index holds, from its name (undefined for other names). */
export function eventIdsGeneration(prefix: string, index: string, scopeMs: number) {
  const match = new RegExp(`^${prefix}-event-ids-(\\d{4})\\.(\\d{2})\\.(\\d{2})$`).exec(index);
  if (!match) return undefined;
  return Math.floor(Date.parse(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`) / scopeMs);
}

export const eventIdsIndexPattern = (prefix: string) => `${prefix}-event-ids-*`;
export const eventIdsTemplateName = (prefix: string) => `${prefix}-event-ids`;
