/** The field types the mappings use, named once so events and results index a field alike. */

export const keyword = { type: 'keyword', ignore_above: 1024 } as const;
export const longKeyword = { type: 'keyword', ignore_above: 2048 } as const;
export const integer = { type: 'integer' } as const;
export const long = { type: 'long' } as const;
export const double = { type: 'double' } as const;
export const bool = { type: 'boolean' } as const;
export const epochMillis = { type: 'date', format: 'epoch_millis' } as const;

/** Campaign parameters, on events and on the visits they start. */
export const UTM_MAPPING = {
  properties: {
    source: keyword,
    medium: keyword,
    campaign: keyword,
    term: keyword,
    content: keyword,
  },
} as const;
