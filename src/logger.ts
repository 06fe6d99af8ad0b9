// The one logger: JSON lines, secrets redacted; pretty in a terminal when pino-pretty is installed.
import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';

const REDACT = [
  'token',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.appPassword',
  '*.password',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
];

export function createLogger(level: string, format: 'json' | 'pretty' | 'auto' = 'auto'): Logger {
  const pretty = format === 'pretty' || (format === 'auto' && process.stdout.isTTY === true);
  const transport = pretty && canResolve('pino-pretty') ? { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } : undefined;
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, transport });
}

function canResolve(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}
