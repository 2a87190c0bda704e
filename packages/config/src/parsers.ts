import { isIP } from 'node:net';
import { z } from 'zod';

/** Parsers from environment strings to typed values, each with an error message worth reading. */

/** A TCP port; 0 lets the system pick a free one (tests, several copies on one machine). */
export const port = z.coerce
  .number({ error: 'expected a port number' })
  .int('expected a whole port number')
  .min(0, 'a port is from 0 to 65535')
  .max(65535, 'a port is from 0 to 65535');

export const integer = (min: number, max: number) =>
  z.coerce
    .number({ error: 'expected a number' })
    .int('expected a whole number')
    .min(min, `expected at least ${min}`)
    .max(max, `expected at most ${max}`);

export const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const httpUrl = z
  .string()
  .url('expected a URL such as http://127.0.0.1:9200')
  .refine((value) => /^https?:\/\//.test(value), 'expected an http:// or https:// URL')
  .transform((value) => value.replace(/\/+$/, ''));

const hostPort = /^[A-Za-z0-9.-]+:\d{1,5}$/;

/** "a, b,c" as its entries, trimmed, empty ones left out. */
const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean),
);

/** "host:port,host:port" */
export const brokerList = commaList.pipe(
  z
    .array(z.string().regex(hostPort, 'expected host:port entries separated by commas'))
    .min(1, 'expected at least one host:port'),
);

export const nonEmpty = z.string().min(1, 'must not be empty');

/** A name safe to use as a Kafka topic / Elasticsearch index / InfluxDB database prefix. */
export const identifier = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'use lower-case letters, digits, ".", "_" and "-"');

export const optionalString = z.string().optional();

const hostName = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;

/** A network (10.20.0.0/16, fd00::/8), a single address, or a host name. */
function networkOrHost(entry: string): boolean {
  const [address, prefix, extra] = entry.split('/');
  if (extra !== undefined || address === undefined) return false;
  const family = isIP(address);
  if (prefix === undefined) return family !== 0 || hostName.test(entry);
  const bits = Number(prefix);
  return family !== 0 && /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/** "10.20.0.0/16, intranet.corp, fd00::/8": networks and host names, possibly none. */
export const networkList = commaList.pipe(
  z.array(
    z
      .string()
      .refine(
        networkOrHost,
        'expected networks (10.20.0.0/16), addresses or host names separated by commas',
      ),
  ),
);
