import { z } from 'zod';
import { enrichmentShape } from './enrichment.js';
import { assistanceClicked, assistanceDismissed, assistanceShown } from './events/assistance.js';
import { click } from './events/click.js';
import { cursor } from './events/cursor.js';
import { custom } from './events/custom.js';
import { addToCart, beginCheckout, purchase, viewItem } from './events/ecommerce.js';
import { formSubmit } from './events/form-submit.js';
import { heartbeat } from './events/heartbeat.js';
import { identify } from './events/identify.js';
import { imageView } from './events/image-view.js';
import { jsError } from './events/js-error.js';
import { download, outbound } from './events/link.js';
import { mediaComplete, mediaPause, mediaPlay } from './events/media.js';
import { pageView } from './events/page-view.js';
import { scroll } from './events/scroll.js';

/** Every event a browser may send, discriminated by `type`. */
export const clientEvent = z.discriminatedUnion('type', [
  pageView,
  click,
  scroll,
  formSubmit,
  cursor,
  mediaPlay,
  mediaPause,
  mediaComplete,
  download,
  outbound,
  imageView,
  jsError,
  heartbeat,
  custom,
  viewItem,
  addToCart,
  beginCheckout,
  purchase,
  identify,
  assistanceShown,
  assistanceClicked,
  assistanceDismissed,
]);

export type ClientEvent = z.infer<typeof clientEvent>;
export type EventType = ClientEvent['type'];

/** The event types, in contract order (used for mappings, metrics and menus). */
export const EVENT_TYPES = clientEvent.options.map((option) => option.shape.type.value) as [
  EventType,
  ...EventType[],
];

/** Adds the ingest-made fields to a client event schema. */
function collected<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) {
  return schema.extend(enrichmentShape);
}

/** An accepted, enriched event as it travels on the bus and lands in the stores. */
export const collectedEvent = z.discriminatedUnion('type', [
  collected(pageView),
  collected(click),
  collected(scroll),
  collected(formSubmit),
  collected(cursor),
  collected(mediaPlay),
  collected(mediaPause),
  collected(mediaComplete),
  collected(download),
  collected(outbound),
  collected(imageView),
  collected(jsError),
  collected(heartbeat),
  collected(custom),
  collected(viewItem),
  collected(addToCart),
  collected(beginCheckout),
  collected(purchase),
  collected(identify),
  collected(assistanceShown),
  collected(assistanceClicked),
  collected(assistanceDismissed),
]);

export type CollectedEvent = z.infer<typeof collectedEvent>;

/** The client event of a given type, e.g. `EventOf<'click'>`. */
export type EventOf<T extends EventType> = Extract<ClientEvent, { type: T }>;
export type CollectedEventOf<T extends EventType> = Extract<CollectedEvent, { type: T }>;
