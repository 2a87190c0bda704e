import { weighted, type Random } from '../random.js';

/** How a visit arrived: the referrer and the campaign tags of its landing address. */
export interface Source {
  referrer?: string;
  /** Query string added to the landing page's address (UTM tags), without "?". */
  query?: string;
}

const SOURCES: Record<'shop' | 'university', readonly (readonly [Source, number])[]> = {
  shop: [
    [{ referrer: 'https://www.google.com/' }, 34],
    [{}, 26],
    [{ referrer: 'https://www.bing.com/' }, 4],
    [{ referrer: 'https://duckduckgo.com/' }, 3],
    [{ referrer: 'https://l.instagram.com/' }, 6],
    [{ referrer: 'https://www.facebook.com/' }, 5],
    [{ referrer: 'https://www.pinterest.com/' }, 4],
    [{ referrer: 'https://www.reddit.com/r/malelivingspace/' }, 2],
    [{ query: 'utm_source=newsletter&utm_medium=email&utm_campaign=winter-sale' }, 8],
    [
      {
        referrer: 'https://www.google.com/',
        query: 'utm_source=google&utm_medium=cpc&utm_campaign=sofas&utm_term=velvet+sofa',
      },
      6,
    ],
    [
      {
        referrer: 'https://l.instagram.com/',
        query: 'utm_source=instagram&utm_medium=social&utm_campaign=new-collection',
      },
      2,
    ],
  ],
  university: [
    [{ referrer: 'https://www.google.com/' }, 45],
    [{}, 30],
    [{ referrer: 'https://www.linkedin.com/' }, 6],
    [{ referrer: 'https://www.facebook.com/' }, 7],
    [{ referrer: 'https://www.bing.com/' }, 4],
    [{ query: 'utm_source=fair&utm_medium=qr&utm_campaign=open-day' }, 8],
  ],
};

export const someSource = (random: Random, audience: 'shop' | 'university'): Source =>
  weighted(random, SOURCES[audience]);
