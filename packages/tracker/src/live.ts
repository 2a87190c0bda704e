import type { Live } from './context.js';
import { captureCursor } from './live/capture/cursor.js';
import { captureHeartbeats } from './live/capture/heartbeat.js';
import { captureImageViews } from './live/capture/image-view.js';
import { captureMedia } from './live/capture/media.js';
import { captureScroll } from './live/capture/scroll.js';
import { installAssistant, type AssistanceFrame } from './live/assistant/assistant.js';
import { shownIds } from './live/assistant/one-tab.js';
import { createSocket } from './live/socket.js';

/**
 * The second script, loaded by the core once the page has finished loading: the continuous
 * sensors (engaged time, scroll depth, cursor trail, media playback, image views), the WebSocket channel and
 * the assistant.
 * It registers itself with the running tracker.
 */
const install: Live = (ctx) => {
  if (!ctx._off('heartbeat')) captureHeartbeats(ctx);
  if (!ctx._off('scroll')) captureScroll(ctx);
  if (!ctx._off('cursor')) captureCursor(ctx);
  if (!ctx._off('media')) captureMedia(ctx);
  if (!ctx._off('image')) captureImageViews(ctx);
  const url = ctx._url;
  const show = ctx._off('assistant')
    ? undefined
    : installAssistant(ctx, () => url && new URL(url()).searchParams.get('page'));
  const push: typeof ctx._push = (message) => {
    if (message.t === 'assistance') show?.(message as unknown as AssistanceFrame);
    ctx._push(message);
  };
  // The messages already shown go with each connection: after a restart of the server, what it
  // sends again is not sent to this page twice.
  const withSeen = () => {
    const seen = shownIds();
    return seen.length > 0 ? `${url!()}&seen=${seen.join(',')}` : url!();
  };
  return url ? createSocket(withSeen, push, ctx._undelivered) : undefined;
};

(window as unknown as { sightline?: (command: string, live: Live) => void }).sightline?.(
  'live',
  install,
);
