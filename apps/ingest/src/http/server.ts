import { CLIENT_TIMEOUTS, limitClients, type Logger } from '@sightline/observability';

import { LIMITS } from '@sightline/contract';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
} from 'fastify';

/**
 * The fastify instance of ingest: bodies up to the contract's limit, JSON whether sent as
 * application/json or text/plain (sendBeacon), and every error answered as
 * `{ error, message }` with the right status.
 */
export function createHttpServer(options: {
  logger: Logger;
  trustProxy: boolean;
  /** Connections (beacons, fetches, WebSockets) one address may hold open at once. */
  maxConnectionsPerAddress: number;
}): FastifyInstance {
  // pino's logger is a fastify logger; the annotation picks fastify's default instance type.
  const loggerInstance: FastifyBaseLogger = options.logger;
  const app = Fastify({
    loggerInstance,
    // Requests are counted in metrics; a log line per beacon would drown the logs.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: LIMITS.bodyBytes,
    trustProxy: options.trustProxy,
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false } },
    ...CLIENT_TIMEOUTS,
  });
  limitClients(app.server, {
    maxPerAddress: options.maxConnectionsPerAddress,
    trustProxy: options.trustProxy,
  });

  // One parser for both: fastify's own JSON parser refuses a whole body for one "__proto__" key
  // (a property name a page may send), where the contract drops that key from its one event.
  // JSON.parse makes such a key an own property, never a prototype.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    ['application/json', 'text/plain'],
    { parseAs: 'string' },
    (_request, body, done) => {
      if (body === '') {
        done(
          Object.assign(new Error('the body is empty'), {
            statusCode: 400,
            code: 'FST_ERR_CTP_EMPTY_JSON_BODY',
          }),
          undefined,
        );
        return;
      }
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(
          Object.assign(new Error('the body is not valid JSON'), {
            statusCode: 400,
            code: 'FST_ERR_CTP_INVALID_JSON',
          }),
          undefined,
        );
      }
    },
  );

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode ?? 500;
    const code =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'body_too_large'
        : error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
            error.code === 'FST_ERR_CTP_INVALID_JSON' ||
            error instanceof SyntaxError
          ? 'invalid_json'
          : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
            ? 'unsupported_media_type'
            : error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
              ? 'empty_body'
              : status >= 500
                ? 'internal'
                : 'bad_request';
    if (status >= 500) options.logger.error({ err: error.message }, 'request failed');
    const message =
      code === 'body_too_large'
        ? `a request body holds at most ${LIMITS.bodyBytes} bytes`
        : status >= 500
          ? 'unexpected error'
          : error.message;
    return reply.code(code === 'invalid_json' ? 400 : status).send({ error: code, message });
  });

  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ error: 'not_found', message: 'no such route' }),
  );
  return app;
}
