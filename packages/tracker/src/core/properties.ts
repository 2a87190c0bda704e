/**
 * Flat, bounded properties, as the contract accepts them, so an event is never refused for them:
 * at most 32, keys and strings cut to their limits, nested objects and arrays left out (JSON
 * drops the undefined values they become).
 */
export const properties = (input: unknown): Record<string, unknown> | undefined =>
  input
    ? Object.fromEntries(
        Object.entries(input)
          .slice(0, SL_LIMITS.properties)
          .map(([key, value]) => [
            key.slice(0, SL_LIMITS.propertyKeyLength),
            typeof value === 'string'
              ? value.slice(0, SL_LIMITS.propertyValueLength)
              : value && typeof value === 'object'
                ? undefined
                : value,
          ]),
      )
    : undefined;
