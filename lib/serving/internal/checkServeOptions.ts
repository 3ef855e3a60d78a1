import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';

/** The longest delay a JavaScript timer can wait (2³¹ − 1 ms). */
const MAX_TIMER = 2_147_483_647;

/** The options of a server that `checkServeOptions` looks at. */
export interface CheckedServeOptions {
  readonly heartbeatInterval?: number | undefined;
  readonly maxBodyBytes?: number | undefined;
  readonly basePath?: string | undefined;
  readonly highWaterMark?: number | undefined;
  readonly maxBufferedBytes?: number | undefined;
  readonly bodyTimeout?: number | undefined;
  readonly bodyIdleTimeout?: number | undefined;
  readonly allowOrigins?: readonly string[] | undefined;
  readonly authorize?: unknown;
}

/** Checks a server's options when the handler is made; throws an `InvalidArgumentError`. */
export function checkServeOptions(options: CheckedServeOptions): void {
  const { heartbeatInterval, maxBodyBytes, basePath, allowOrigins, authorize } = options;
  for (const option of ['highWaterMark', 'maxBufferedBytes'] as const) {
    const value = options[option];
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
      throw new InvalidArgumentError(option, `${option} must be a positive integer of bytes, got ${String(value)}.`);
    }
  }
  if (heartbeatInterval !== undefined && !(heartbeatInterval >= 0 && Number.isFinite(heartbeatInterval))) {
    throw new InvalidArgumentError(
      'heartbeatInterval',
      `heartbeatInterval must be 0 (none) or a positive number of milliseconds, got ${String(heartbeatInterval)}.`,
    );
  }
  if (maxBodyBytes !== undefined && !(Number.isInteger(maxBodyBytes) && maxBodyBytes > 0)) {
    throw new InvalidArgumentError(
      'maxBodyBytes',
      `maxBodyBytes must be a positive integer, got ${String(maxBodyBytes)}.`,
    );
  }
  if (basePath !== undefined && basePath !== '' && !basePath.startsWith('/')) {
    throw new InvalidArgumentError('basePath', `basePath must start with "/", got ${JSON.stringify(basePath)}.`);
  }
  for (const option of ['bodyTimeout', 'bodyIdleTimeout'] as const) {
    const value = options[option];
    if (value !== undefined && !(typeof value === 'number' && value > 0 && value <= MAX_TIMER)) {
      throw new InvalidArgumentError(
        option,
        `${option} must be a positive number of milliseconds up to ${MAX_TIMER}, got ${String(value)}.`,
      );
    }
  }
  if (authorize !== undefined && typeof authorize !== 'function') {
    throw new InvalidArgumentError(
      'authorize',
      `authorize must be a function of the request, got ${typeof authorize}.`,
    );
  }
  if (allowOrigins !== undefined) {
    const list: readonly unknown[] | undefined = Array.isArray(allowOrigins) ? allowOrigins : undefined;
    const bad: unknown =
      list === undefined
        ? allowOrigins
        : list.find((origin) => typeof origin !== 'string' || !(origin === '*' || /^https?:\/\/[^/]+$/.test(origin)));
    if (bad !== undefined) {
      throw new InvalidArgumentError(
        'allowOrigins',
        `allowOrigins must list origins such as "https://app.example.com" (scheme and host, no path) or "*", got ${JSON.stringify(bad)}.`,
      );
    }
  }
}
