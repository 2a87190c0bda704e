/**
 * Every size limit of the contract in one place. The tracker imports this file at build time and
 * truncates to it, ingest enforces it; both therefore agree on what a valid event is.
 * Plain constants only: this module must stay free of runtime dependencies (it ships in the tracker).
 */
export const LIMITS = {
  /** Events in one collect request (HTTP batch or WebSocket frame). */
  batchEvents: 100,
  /** Bytes of one collect request body. */
  bodyBytes: 256 * 1024,
  /** Bytes of one event once serialised. */
  eventBytes: 16 * 1024,

  idLength: 64,
  siteKeyLength: 64,
  urlLength: 2048,
  pathLength: 1024,
  titleLength: 512,
  languageLength: 128,
  timeZoneLength: 128,
  screenLength: 16,

  tagLength: 32,
  elementIdLength: 128,
  classesLength: 256,
  textLength: 128,
  selectorLength: 256,

  formFieldLength: 128,
  eventNameLength: 64,
  propertyKeyLength: 64,
  propertyValueLength: 512,
  properties: 32,

  errorMessageLength: 1024,
  errorStackLength: 4096,

  cursorPoints: 60,
  items: 50,
  itemFieldLength: 128,
  currencyLength: 3,
  userIdLength: 128,
  extensionLength: 16,
} as const;

export type Limits = typeof LIMITS;
