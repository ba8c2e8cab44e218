/**
 * Structured JSON logs (pino). Fastify adds the request id to every line logged through
 * `request.log`; per-request access lines are off by default to keep the hot path lean.
 */
import { pino, type Logger as PinoLogger } from 'pino';
import type { Config } from './config.js';

export type Logger = PinoLogger;

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { app: 'blattwerk' } });
}
