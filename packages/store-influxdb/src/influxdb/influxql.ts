/** Quoting for InfluxQL, so names and values from users can never change a query's meaning. */

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function quoteString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** An epoch-ms instant as an InfluxQL time literal. */
export function timeLiteral(epochMs: number): string {
  return `${Math.trunc(epochMs)}ms`;
}
