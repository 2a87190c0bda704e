import type { Socket } from './live/socket.js';
import type { WireEvent } from './core/sender.js';

/** What every capture module gets from the tracker. */
export interface Ctx {
  /** Queues an event of `type`; the envelope (ids, time, URL…) is added by the tracker. */
  _emit: (type: string, data?: object) => void;
  /** Runs `hook` when an SPA navigation starts a new page view, before its page view event. */
  _onPage: (hook: () => void) => void;
  /** Runs `hook` when the page is hidden or left, before the final flush. */
  _onHide: (hook: () => void) => void;
  /** Automatic captures the site turned off (`data-exclude`). */
  _off: (name: string) => boolean | undefined;
}

/** What the core hands to the live chunk when it arrives. */
export interface LiveCtx extends Ctx {
  /**
   * The WebSocket address as of now (it names the page view the page is on, so a message that
   * page view triggers finds it), or undefined when the socket is turned off.
   */
  _url?: () => string;
  _push: (message: { t: string }) => void;
  _undelivered: (events: WireEvent[]) => void;
}

/** The live chunk's entry: installs its captures, returns the socket (if any). */
export type Live = (ctx: LiveCtx) => Socket | undefined;
