import { createTracker, type Command, type TrackerOptions } from './tracker.js';

/**
 * The script-tag build:
 *   <script defer src="https://stats.example.com/sightline.js" data-site="SITE_KEY"></script>
 * Options are the data attributes: data-endpoint, data-storage="none", data-respect-dnt,
 * data-require-consent, data-socket="false", data-exclude="cursor,image".
 * Calls made before it loaded (queued on `sightline.q` by the optional stub) are replayed.
 */
type Global = Command & { q?: ArrayLike<unknown>[]; v?: 1 };
const w = window as unknown as { sightline?: Global };
const script = document.currentScript as HTMLScriptElement | null;

// `v` marks a running tracker: a second copy of the tag does nothing.
if (script?.dataset.site && !w.sightline?.v) {
  const command = createTracker({
    endpoint: new URL(script.src).origin,
    ...script.dataset,
  } as TrackerOptions);
  const queued = w.sightline?.q ?? [];
  w.sightline = Object.assign(command, { v: 1 as const });
  for (const args of queued) command(...(Array.from(args) as Parameters<Command>));
}
