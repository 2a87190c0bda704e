import type { LookupAddress, LookupAllOptions, LookupOneOptions } from 'node:dns';
import { isIP } from 'node:net';
import { Agent } from 'undici';

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * An HTTP agent whose connections go only to `addresses` (checked beforehand): its name lookup
 * answers from them instead of asking DNS again, so the address checked is the address reached.
 * TLS still verifies the certificate against the host name.
 */
export function pinnedAgent(addresses: readonly string[], timeoutMs: number): Agent {
  const entries = addresses.map((address) => ({ address, family: isIP(address) }));
  return new Agent({
    connect: {
      timeout: timeoutMs,
      lookup: (
        _hostname: string,
        options: LookupOneOptions | LookupAllOptions,
        callback: LookupCallback,
      ) => {
        if ((options as LookupAllOptions).all) callback(null, entries);
        else callback(null, entries[0]!.address, entries[0]!.family);
      },
    },
    // One delivery per agent: nothing to keep alive.
    pipelining: 0,
  });
}
