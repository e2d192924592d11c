import { AsyncLocalStorage } from 'node:async_hooks';
import { type DestinationStream, type Logger, pino, stdSerializers } from 'pino';

export type { Logger };

/** Who a log line is about: the request that caused it, and its caller once authenticated. */
export interface LogScope {
  reqId: string;
  userId?: string;
  sellerIds?: readonly string[];
}

/*
 * The request's scope rides in AsyncLocalStorage, so anything the request starts (a promise it
 * does not await, a timer, a provider callback) logs with its request id without being handed a
 * logger.
 */
const scopes = new AsyncLocalStorage<LogScope>();

export const runInScope = <T>(scope: LogScope, fn: () => T): T => scopes.run(scope, fn);
export const currentScope = (): LogScope | undefined => scopes.getStore();

/**
 * Never logged, however a value reaches a log call: credentials, cookies, passwords, ID numbers,
 * bank details. Any key of these names, at any depth (inside errors and their causes too), is
 * written as `[redacted]`.
 */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  'password',
  'newPassword',
  'currentPassword',
  'idNumber',
  'token',
  'secret',
  'authorization',
  'cookie',
  'set-cookie',
  'accountNumber',
  'routingNumber',
]);
const REDACTED = '[redacted]';
const MAX_DEPTH = 8;

/*
 * Not pino's `redact`: its wildcard paths cost ~45-95 µs on every line (measured), the request
 * line included, where this walk finds nothing in a few flat fields in about a microsecond.
 * Only a line that holds a secret is copied.
 */
function holdsSecret(value: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => holdsSecret(v, depth + 1));
  for (const key of Object.keys(value)) {
    if (SECRET_KEYS.has(key)) return true;
    if (holdsSecret((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  // An error's cause is not enumerable.
  return value instanceof Error && holdsSecret(value.cause, depth + 1);
}

function censored(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return censored(stdSerializers.errWithCause(value), depth);
  if (Array.isArray(value)) return value.map((v) => censored(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value))
    out[key] = SECRET_KEYS.has(key) ? REDACTED : censored(v, depth + 1);
  return out;
}

export const redactSecrets = (entry: Record<string, unknown>): Record<string, unknown> =>
  holdsSecret(entry, 0) ? (censored(entry, 0) as Record<string, unknown>) : entry;

export interface LoggerOptions {
  /** pino level name; `silent` logs nothing. */
  level?: string;
  /** One readable line per entry instead of JSON (for a person at a terminal). */
  pretty?: boolean;
  /** Where the lines go (tests capture them); stdout by default. */
  destination?: DestinationStream;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const destination = opts.pretty ? prettyStream(opts.destination ?? process.stdout) : opts.destination;
  const options = {
    level: opts.level ?? 'info',
    base: { pid: process.pid },
    formatters: { log: redactSecrets },
    // An error redactSecrets already serialized (to censor it) is left as it is.
    serializers: { err: (e: unknown) => (e instanceof Error ? stdSerializers.errWithCause(e) : e) },
    mixin() {
      const s = scopes.getStore();
      if (!s) return {};
      return s.userId ? { reqId: s.reqId, userId: s.userId, sellerIds: s.sellerIds } : { reqId: s.reqId };
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A logger that writes nothing: the default for apps built in tests. */
export const silentLogger = (): Logger => pino({ level: 'silent' });

/**
 * `heartland serve`'s logger: JSON lines on stdout, or readable lines when stdout is a terminal
 * (HEARTLAND_LOG_FORMAT=json|pretty overrides); HEARTLAND_LOG_LEVEL sets the level (info).
 */
export function loggerFromEnv(env: NodeJS.ProcessEnv, isTty = !!process.stdout.isTTY): Logger {
  const format = env.HEARTLAND_LOG_FORMAT ?? (isTty ? 'pretty' : 'json');
  return createLogger({ level: env.HEARTLAND_LOG_LEVEL ?? 'info', pretty: format === 'pretty' });
}

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
const QUIET_KEYS = new Set(['level', 'time', 'pid', 'hostname', 'msg']);

/** Readable lines from pino's JSON, without a dependency: `12:00:01 INFO message key=value`. */
function prettyStream(out: { write(s: string): unknown }): DestinationStream {
  return {
    write(line: string) {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        out.write(line);
        return;
      }
      const time = new Date(Number(entry.time)).toISOString().slice(11, 19);
      const level = LEVELS[Number(entry.level)] ?? String(entry.level);
      const rest = Object.entries(entry)
        .filter(([k]) => !QUIET_KEYS.has(k) && k !== 'err')
        .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(' ');
      const err = entry.err as { stack?: string; message?: string } | undefined;
      // Plain messages (the start-up banner) print as they are; the rest get a time and level.
      if (level === 'INFO' && !rest && !err) {
        out.write(`${entry.msg ?? ''}\n`);
        return;
      }
      const tail = err ? `\n${err.stack ?? err.message}` : '';
      out.write(`${time} ${level} ${entry.msg ?? ''}${rest ? `  ${rest}` : ''}${tail}\n`);
    },
  };
}
