/** A desktop Chrome user agent for test visitors: the headless one is (rightly) flagged as a bot. */
export const DESKTOP_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
