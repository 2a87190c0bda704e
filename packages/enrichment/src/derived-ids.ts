import { createHmac } from 'node:crypto';

const day = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 10);

/**
 * Ids for visitors whose browser keeps nothing (cookieless mode): a keyed hash of a salt that
 * changes every day, the site, the client address and the user agent. The same visitor keeps
 * one id through a day; nothing allows following them to the next, and the inputs are not kept.
 */
export function derivedIds(
  secret: string,
  site: string,
  ip: string,
  userAgent: string,
  now: number,
): { visitor: string; session: string } {
  const date = day(now);
  const visitor = createHmac('sha256', `${secret}:${date}`)
    .update(`${site}\n${ip}\n${userAgent}`)
    .digest('base64url')
    .slice(0, 22);
  // One session per visitor and day: the processor splits it further by inactivity.
  const session = createHmac('sha256', `${secret}:${date}`)
    .update(`session\n${visitor}`)
    .digest('base64url')
    .slice(0, 22);
  return { visitor, session };
}
