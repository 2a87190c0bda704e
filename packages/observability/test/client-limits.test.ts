import { createServer } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { limitClients } from '../src/client-limits.js';

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

async function listening(options: { maxPerAddress: number; trustProxy: boolean }) {
  const server = createServer((_, response) => response.end('ok'));
  limitClients(server, options);
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

/** Opens `count` sockets at once; resolves with how many the server closed soon after. */
async function refusedOf(port: number, count: number) {
  let closed = 0;
  const sockets = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Socket>((done) => {
          const socket = connect(port, '127.0.0.1', () => done(socket));
          socket.once('close', () => closed++);
          socket.on('error', () => undefined);
        }),
    ),
  );
  await new Promise((done) => setTimeout(done, 300));
  const refused = closed;
  for (const s of sockets) s.destroy();
  return refused;
}

describe('clients per address', () => {
  it('are closed beyond the limit from one address', async () => {
    const port = await listening({ maxPerAddress: 3, trustProxy: false });
    expect(await refusedOf(port, 5)).toBe(2);
  });

  it('are not limited behind a trusted proxy, where every client shares its address', async () => {
    const port = await listening({ maxPerAddress: 3, trustProxy: true });
    expect(await refusedOf(port, 5)).toBe(0);
  });
});
