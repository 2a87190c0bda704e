/** The value at quantile `q` (0–1) of `values` (nearest rank, no interpolation); 0 when empty. */
export const quantile = (values: number[], q: number): number =>
  values.length === 0
    ? 0
    : [...values].sort((a, b) => a - b)[
        Math.min(values.length - 1, Math.floor(values.length * q))
      ]!;
