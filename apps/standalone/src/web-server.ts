import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/** The part of Next.js's programmatic server this process uses. */
type CreateNextServer = (options: {
  dev: boolean;
  dir: string;
  hostname: string;
  port: number;
}) => {
  prepare(): Promise<void>;
  getRequestHandler(): (request: IncomingMessage, response: ServerResponse) => Promise<void>;
};

const require = createRequire(import.meta.url);
// `next` is CommonJS whose module.exports is the server factory; its typings do not model that
// for NodeNext ESM importers, hence require() and a narrow local type.
const createNextServer = require('next') as CreateNextServer;

/** Serves the built admin app (apps/web) from this process. */
export async function startWebServer(options: { host: string; port: number }): Promise<Server> {
  const webDir = dirname(require.resolve('@sightline/web/package.json'));
  const app = createNextServer({
    dev: false,
    dir: webDir,
    hostname: options.host,
    port: options.port,
  });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  return server;
}
