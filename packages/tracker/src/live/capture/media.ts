import type { Ctx } from '../../context.js';
import { doc, listen, round } from '../../dom.js';

const tenths = (seconds: number) => (isFinite(seconds) ? round(seconds * 10) / 10 : undefined);

/** Video and audio play, pause and completion (media events do not bubble: captured on the way down). */
export function captureMedia(ctx: Ctx): void {
  const report = (type: string, media: HTMLMediaElement) =>
    // Reaching the end also fires "pause": the completion says it better.
    media.currentSrc &&
    !(type === 'pause' && media.ended) &&
    ctx._emit(type === 'ended' ? 'media_complete' : `media_${type}`, {
      kind: media.localName,
      src: media.currentSrc,
      mediaId: media.id,
      position: tenths(media.currentTime),
      duration: tenths(media.duration),
    });
  for (const type of ['play', 'pause', 'ended'])
    listen(type, (event) => report(type, event.target as HTMLMediaElement));
  // This script arrives after the page loaded: media already playing started before it.
  doc
    .querySelectorAll('video,audio')
    .forEach(
      (media) => !(media as HTMLMediaElement).paused && report('play', media as HTMLMediaElement),
    );
}
