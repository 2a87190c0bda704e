/**
 * Query and fragment parameters whose values are secrets or personal data wherever they appear:
 * sign-in and reset links, OAuth redirects, signed downloads, tracking of e-mail recipients.
 * Compared without case, `-` and `_`.
 */
const SECRET_PARAMS = new Set(
  [
    'token',
    'accesstoken',
    'idtoken',
    'refreshtoken',
    'authtoken',
    'auth',
    'authorization',
    'code',
    'state',
    'password',
    'passwd',
    'pwd',
    'pass',
    'secret',
    'clientsecret',
    'apikey',
    'key',
    'jwt',
    'session',
    'sessionid',
    'sid',
    'signature',
    'sig',
    'xamzsignature',
    'xamzcredential',
    'xamzsecuritytoken',
    'email',
    'mail',
    'emailaddress',
    'phone',
    'otp',
    'ssn',
  ].map(normalise),
);

export const REDACTED = 'redacted';

/** An e-mail address anywhere in a URL (plain, or with its @ percent-encoded). */
const EMAIL = /[\w.+-]+(?:@|%40)[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/gi;

function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

/**
 * A URL as it may be stored: the values of secret parameters (above, plus the site's own
 * `deny` list) replaced by "redacted" in the query and in a fragment written as parameters
 * (`#access_token=…`), every e-mail address replaced wherever it is, and any user name or
 * password removed. The rest is kept as sent, so reports group pages as before. Strings that are
 * not absolute URLs have their e-mail addresses replaced only.
 */
export function scrubUrl(raw: string, deny: ReadonlySet<string> = new Set()): string {
  // Most page addresses have no query, fragment or @: nothing to look at.
  if (!/[?#@]|%40/.test(raw)) return raw;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw.replace(EMAIL, REDACTED);
  }
  const secret = (name: string) => SECRET_PARAMS.has(normalise(name)) || deny.has(normalise(name));
  let changed = false;
  if (url.username || url.password) {
    url.username = '';
    url.password = '';
    changed = true;
  }
  if (url.search) {
    const search = scrubParams(url.search.slice(1), secret);
    if (search !== url.search.slice(1)) {
      url.search = search;
      changed = true;
    }
  }
  if (url.hash.includes('=')) {
    const hash = scrubParams(url.hash.slice(1), secret);
    if (hash !== url.hash.slice(1)) {
      url.hash = hash;
      changed = true;
    }
  }
  const text = changed ? url.href : raw;
  return text.replace(EMAIL, REDACTED);
}

/** `a=1&token=x` with each secret value replaced; other pairs kept byte for byte. */
function scrubParams(params: string, secret: (name: string) => boolean): string {
  return params
    .split('&')
    .map((pair) => {
      const at = pair.indexOf('=');
      if (at < 0) return pair;
      let name: string;
      try {
        name = decodeURIComponent(pair.slice(0, at).replace(/\+/g, ' '));
      } catch {
        name = pair.slice(0, at);
      }
      return secret(name) && pair.length > at + 1 ? `${pair.slice(0, at)}=${REDACTED}` : pair;
    })
    .join('&');
}

/** A site's own deny-list, ready for scrubUrl. */
export const denySet = (names: readonly string[] | undefined): ReadonlySet<string> =>
  new Set((names ?? []).map(normalise));

/** The fields of events (any type) that hold a URL, or text that may quote one (path, title). */
const URL_FIELDS = [
  'url',
  'referrer',
  'href',
  'formAction',
  'src',
  'source',
  'path',
  'title',
] as const;

/** Scrubs every URL field of an event in place (see scrubUrl). */
export function scrubEventUrls(event: Record<string, unknown>, deny: ReadonlySet<string>): void {
  for (const field of URL_FIELDS) {
    const value = event[field];
    if (typeof value === 'string') event[field] = scrubUrl(value, deny);
  }
}
