import { repairText, type Channel } from '@sightline/contract';
import { boundedCache } from './bounded-cache.js';

/**
 * Well-known referrer domains by channel. Matched on the registrable part of the host, so
 * "www.google.co.uk" and "l.facebook.com" are found through "google" and "facebook.com".
 */
const SEARCH =
  /(^|\.)(google|bing|yahoo|duckduckgo|baidu|yandex|ecosia|qwant|startpage|naver|seznam|sogou|so|ask|aol|brave|kagi|perplexity)\.[a-z.]+$|^search\.brave\.com$/;
const SOCIAL =
  /(^|\.)(facebook|fb|instagram|twitter|x|t|linkedin|lnkd|reddit|pinterest|youtube|youtu|tiktok|tumblr|quora|vk|weibo|threads|bsky|mastodon|discord|telegram|whatsapp|snapchat|medium)\.(com|net|co|app|me|in|org|social|gg)$|^news\.ycombinator\.com$/;
const WEBMAIL =
  /^(mail\.google\.com|outlook\.(live|office|office365)\.com|mail\.yahoo\.com|mail\.aol\.com|mail\.proton\.me|webmail\..+)$/;
const EMAIL_MEDIUM = /^(e-?mail|newsletter)$/i;
const CLICK_IDS = ['gclid', 'fbclid', 'msclkid', 'dclid', 'ttclid', 'twclid', 'li_fat_id'];

export interface ChannelFacts {
  channel: Channel;
  referrerHost?: string;
  utm?: { source?: string; medium?: string; campaign?: string; term?: string; content?: string };
  /** The page URL's path, read while the URL is parsed anyway. */
  path?: string;
}

const hostOf = (url: string | undefined) => {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
};

/** Registrable-ish host: "www.shop.example" and "shop.example" are the same site. */
const siteOf = (host: string) => host.replace(/^www\d*\./, '');

function utmOf(url: URL): ChannelFacts['utm'] {
  const utm: NonNullable<ChannelFacts['utm']> = {};
  for (const key of ['source', 'medium', 'campaign', 'term', 'content'] as const) {
    const value = url.searchParams.get(`utm_${key}`);
    // Decoding brings back what the URL had escaped (%00), and the cut can split a character:
    // repaired as every string of an event is.
    if (value) utm[key] = repairText(value.slice(0, 128));
  }
  return Object.keys(utm).length > 0 ? utm : undefined;
}

/**
 * Where a visit came from: campaign (UTM tags or ad click ids; email when the medium says so),
 * search, social, email (webmail), internal (the same site), referral (any other site) or
 * direct (no referrer).
 */
export function classifyChannel(pageUrl: string, referrer: string | undefined): ChannelFacts {
  let page: URL | undefined;
  try {
    page = new URL(pageUrl);
  } catch {
    page = undefined;
  }
  const utm = page ? utmOf(page) : undefined;
  const referrerHost = hostOf(referrer);
  const facts = (channel: Channel): ChannelFacts => ({
    channel,
    ...(referrerHost ? { referrerHost } : {}),
    ...(utm ? { utm } : {}),
    ...(page ? { path: page.pathname } : {}),
  });

  if (utm?.medium && EMAIL_MEDIUM.test(utm.medium)) return facts('email');
  if (utm || (page && CLICK_IDS.some((id) => page.searchParams.has(id)))) return facts('campaign');
  if (!referrerHost) return facts('direct');
  if (page && siteOf(referrerHost) === siteOf(page.hostname)) return facts('internal');
  if (WEBMAIL.test(referrerHost)) return facts('email');
  if (SEARCH.test(referrerHost)) return facts('search');
  if (SOCIAL.test(referrerHost)) return facts('social');
  return facts('referral');
}

/** classifyChannel, cached: events of one page share URL and referrer, and parsing costs µs. */
export const cachedChannel = (() => {
  const cache = boundedCache(20_000, (key: string) => {
    const at = key.indexOf('\n');
    return classifyChannel(key.slice(0, at), key.slice(at + 1) || undefined);
  });
  return (pageUrl: string, referrer: string | undefined): ChannelFacts =>
    cache(`${pageUrl}\n${referrer ?? ''}`);
})();
