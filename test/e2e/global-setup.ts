import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { services } from '../integration/services.js';

/** Browser tests need Debian's Chromium and a running Kafka: say clearly which is missing. */
export default async function globalSetup(): Promise<void> {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    throw new Error(
      `Chromium not found at ${chromium}: run "bash infra/install-chromium.sh" (npm test does this for you).`,
    );
  }
  const [host, port] = services.kafkaBrokers[0]!.split(':');
  const reachable = await new Promise<boolean>((resolve) => {
    const socket = connect({ host, port: Number(port), timeout: 2_000 }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => resolve(false));
  });
  if (!reachable)
    throw new Error(
      `Kafka is not reachable at ${services.kafkaBrokers[0]}: start it with "bash infra/up.sh".`,
    );
}
