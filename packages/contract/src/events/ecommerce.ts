import { z } from 'zod';
import { envelopeShape } from '../envelope.js';
import { LIMITS } from '../limits.js';
import { text } from '../primitives.js';

const money = z.number().min(0).max(1e12);

/** ISO 4217 code, e.g. "EUR". */
export const currency = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as "EUR"');

export const item = z.object({
  id: text(LIMITS.itemFieldLength).min(1),
  name: text(LIMITS.itemFieldLength).optional(),
  category: text(LIMITS.itemFieldLength).optional(),
  price: money.optional(),
  quantity: z.int().min(1).max(1_000_000).optional(),
});

const commerceShape = {
  ...envelopeShape,
  items: z.array(item).max(LIMITS.items).optional(),
  /** Total value of the items involved, in `currency`. */
  value: money.optional(),
  currency: currency.optional(),
} as const;

export const viewItem = z.object({ ...commerceShape, type: z.literal('view_item') });
export const addToCart = z.object({ ...commerceShape, type: z.literal('add_to_cart') });
export const beginCheckout = z.object({ ...commerceShape, type: z.literal('begin_checkout') });

/** A completed order: revenue is `value` in `currency`; `orderId` makes it countable once. */
export const purchase = z.object({
  ...commerceShape,
  type: z.literal('purchase'),
  orderId: text(LIMITS.itemFieldLength).min(1),
  value: money,
  currency,
});
