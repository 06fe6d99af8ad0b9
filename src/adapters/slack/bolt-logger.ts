// Bolt and the Web API client log through Tandem's pino logger; the level stays pino's to decide.
import { format } from 'node:util';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

type Level = 'debug' | 'info' | 'warn' | 'error';

export function boltLogger(logger: Logger): BoltLogger {
  const log =
    (level: Level) =>
    (...args: unknown[]): void => {
      const err = args.find((arg) => arg instanceof Error);
      const text = format(...args.filter((arg) => arg !== err));
      if (err) logger[level]({ err }, text);
      else logger[level](text);
    };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    // Bolt calls setLevel with its own default; LOG_LEVEL owns the level.
    setLevel: () => undefined,
    getLevel: () => toBoltLevel(logger.level),
    setName: () => undefined,
  };
}

function toBoltLevel(level: string): LogLevel {
  switch (level) {
    case 'trace':
    case 'debug':
      return LogLevel.DEBUG;
    case 'info':
      return LogLevel.INFO;
    case 'warn':
      return LogLevel.WARN;
    default:
      return LogLevel.ERROR;
  }
}
