import type { CollectedEvent } from '@sightline/contract';

const quoted = (text: string | undefined, max = 80) =>
  text ? `“${text.length > max ? `${text.slice(0, max - 1)}…` : text}”` : undefined;
const money = (value: number | undefined, currency: string | undefined) =>
  value === undefined
    ? ''
    : currency
      ? value.toLocaleString('en', { style: 'currency', currency })
      : String(value);
const seconds = (ms: number) => `${Math.round(ms / 1_000)} s`;
const join = (...parts: (string | undefined | false)[]) => parts.filter(Boolean).join(' ');

/**
 * An event in words for a visitor's timeline: what was done and on what (the link's target, the
 * form's id, the element's text…). Tracked values are shown as text only (React escapes them).
 */
export function describeEvent(e: CollectedEvent): string {
  switch (e.type) {
    case 'pageview':
      return join('Viewed', e.path ?? e.url, e.title && `(${quoted(e.title)})`);
    case 'click':
      return join(
        'Clicked',
        e.tag,
        e.elementId && `#${e.elementId}`,
        quoted(e.text),
        e.href && `→ ${e.href}`,
      );
    case 'scroll':
      return `Scrolled to ${e.depth}%`;
    case 'form_submit':
      return join(
        'Submitted form',
        e.formId ? `#${e.formId}` : quoted(e.formName),
        e.formAction && `→ ${e.formAction}`,
      );
    case 'outbound':
      return `Left for ${e.href}`;
    case 'download':
      return `Downloaded ${e.href}`;
    case 'media_play':
    case 'media_pause':
    case 'media_complete':
      return join(
        e.type === 'media_play' ? 'Played' : e.type === 'media_pause' ? 'Paused' : 'Finished',
        e.kind,
        e.src ?? e.mediaId,
      );
    case 'image_view':
      return join('Saw image', quoted(e.alt) ?? e.src);
    case 'js_error':
      return join('Script error', quoted(e.message, 120));
    case 'custom':
      return join(
        'Event',
        quoted(e.name),
        e.props &&
          Object.entries(e.props)
            .map(([key, value]) => `${key}=${String(value)}`)
            .join(', '),
      );
    case 'identify':
      return 'Identified';
    case 'view_item':
    case 'add_to_cart':
    case 'begin_checkout':
      return join(
        e.type === 'view_item'
          ? 'Viewed item'
          : e.type === 'add_to_cart'
            ? 'Added to cart'
            : 'Began checkout',
        e.items?.map((item) => item.name ?? item.id).join(', '),
        money(e.value, e.currency),
      );
    case 'purchase':
      return join('Bought', `order ${e.orderId}`, 'for', money(e.value, e.currency));
    case 'heartbeat':
      return `Active ${seconds(e.activeMs)} of ${seconds(e.visibleMs)} visible`;
    case 'cursor':
      return 'Moved the pointer';
    case 'assistance_shown':
      return 'Saw an assistance message';
    case 'assistance_clicked':
      return "Followed an assistance message's link";
    case 'assistance_dismissed':
      return 'Dismissed an assistance message';
  }
}
