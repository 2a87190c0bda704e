import { z } from 'zod';
import { LIMITS } from './limits.js';

/** Building blocks shared by the envelope and the event schemas. */

/** Opaque identifiers made by the tracker (visitor, session, page view). */
export const opaqueId = z
  .string()
  .min(1)
  .max(LIMITS.idLength)
  .regex(/^[A-Za-z0-9_-]+$/, 'only letters, digits, "_" and "-"');

export const siteKey = z
  .string()
  .min(1)
  .max(LIMITS.siteKeyLength)
  .regex(/^[A-Za-z0-9_-]+$/, 'only letters, digits, "_" and "-"');

/**
 * The last millisecond of year 9999: every date type and format of the stores and of JavaScript
 * can hold any time up to it (a JavaScript Date ends near year 275760, ISO dates at 9999).
 */
export const MAX_EPOCH_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Epoch milliseconds, 1970 to the end of year 9999. */
export const epochMs = z.int().min(0).max(MAX_EPOCH_MS);

/** The largest signed 32-bit integer: counts are `integer` fields in Elasticsearch. */
export const INT32_MAX = 2_147_483_647;

/** A count or position (seq, line, column, reversals); fits a 32-bit integer field. */
export const nonNegativeInt = z.int().min(0).max(INT32_MAX);

/** Coordinates and sizes in CSS pixels; negative values are valid (e.g. elements scrolled away). */
export const pixel = z.int().min(-1_000_000).max(1_000_000);

/** "1920x1080" */
export const dimensions = z
  .string()
  .max(LIMITS.screenLength)
  .regex(/^\d{1,6}x\d{1,6}$/, 'expected WIDTHxHEIGHT');

export const url = z.string().max(LIMITS.urlLength);

export const text = (max: number) => z.string().max(max);

/** Free-form properties of custom events and identify traits: flat, bounded, JSON scalars only. */
export const properties = z
  .record(
    z.string().min(1).max(LIMITS.propertyKeyLength),
    z.union([z.string().max(LIMITS.propertyValueLength), z.number(), z.boolean(), z.null()]),
  )
  .refine((value) => Object.keys(value).length <= LIMITS.properties, {
    message: `at most ${LIMITS.properties} properties`,
  });

export type Properties = z.infer<typeof properties>;
