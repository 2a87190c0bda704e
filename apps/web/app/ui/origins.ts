/** Origins typed one per line or separated by commas. */
export const parseOrigins = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((o) => o.trim())
    .filter(Boolean);

/** The origins field of a site form. */
export const originsOf = (form: FormData) => {
  const text = form.get('origins');
  return parseOrigins(typeof text === 'string' ? text : '');
};
