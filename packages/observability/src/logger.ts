import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** `json`: one object per line; `pretty`: one readable line each; `auto`: pretty on a terminal. */
export type LogFormat = 'auto' | 'json' | 'pretty';

/** Whether logs go to a person (a terminal) rather than to a collector. */
const readable = (format: LogFormat) =>
  format === 'pretty' || (format === 'auto' && process.stdout.isTTY === true);

/** Readable lines on a terminal, written at once like the JSON (a crash loses none). */
const prettyStream = (): DestinationStream =>
  pretty({
    colorize: true,
    sync: true,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service',
    messageFormat: '{service} {msg}',
  });

/**
 * Structured logs on stdout, tagged with the service name: JSON, one object per line, when piped
 * or collected; one readable line each on a terminal (`format`).
 */
export function createLogger(
  service: string,
  level: LevelWithSilent = 'info',
  format: LogFormat = 'json',
): Logger {
  const options = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: {
      paths: ['*.password', '*.token', '*.apiKey', '*.authorization', 'password', 'token'],
      censor: '[redacted]',
    },
  };
  return readable(format) ? pino(options, prettyStream()) : pino(options);
}
