/** Origins typed one per line or separated by commas. */
export const parseOrigins = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((o) => o.trim())
    .filter(Boolean);

/** A field of a form holding a list, one per line or separated by commas. */
export const listOf = (form: FormData, field: string) => {
  const text = form.get(field);
  return parseOrigins(typeof text === 'string' ? text : '');
};

/** The origins field of a site form. */
export const originsOf = (form: FormData) => listOf(form, 'origins');
