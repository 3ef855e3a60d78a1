import { concat, from, map, mergeMap, of, type SchedulerLike, toArray } from 'rxjs';
import * as z from 'zod';
import { defaultIdGenerator } from '../core/ids.js';
import type { Runnable } from '../runnables/Runnable.js';
import type { RunnableConfig } from '../core/RunnableConfig.js';
import { configFor, withClientConfig } from './internal/clientConfig.js';
import { encodeEventStream, eventStreamRecords } from '../events/encodeEventStream.js';
import type { RunStore } from '../runstore/RunStore.js';
import type { StoredRuns } from './internal/storedRuns.js';
import { resumeResponse, storedResponse, storedRunsOf } from './internal/resumableRoutes.js';
import { sseFrame } from '../codecs/sse/sseFrame.js';
import { toJson } from '../codecs/toJson.js';
import { bodySchemas, checkBody, type BodySchemas } from './internal/requestBody.js';
import { readJsonBody } from './internal/jsonBody.js';
import { authorizeRequest } from './internal/authorizeRequest.js';
import type { ServeGuardOptions } from './ServeGuardOptions.js';
import { withCors } from './internal/cors.js';
import { checkServeOptions } from './internal/checkServeOptions.js';
import { errorResponse, jsonResponse } from './internal/responses.js';
import { OpenRuns, settle } from './internal/runTracking.js';
import { jsonAnswer } from './internal/jsonAnswer.js';
import { sseOptionsOf, sseResponse } from './internal/sseResponse.js';
import { FrameBudget } from './internal/FrameBudget.js';
import { wireEvents } from './internal/wireEvents.js';
import { ROUTES, type ClientConfigKey, type Route } from './wire.js';
import { jsonSchemaOf, routeList, routeOf } from './internal/routeOf.js';

/** A Fetch API handler, as Deno, Bun, Hono, Next.js route handlers and `toNodeHandler` take. */
export interface FetchHandler {
  (request: Request): Promise<Response>;
  /** How many runs are open now (started, not yet ended or cancelled); 0 when idle. */
  readonly openRuns: number;
}

/** Options of `toFetchHandler`; `A` is what `authorize` returns for an admitted request. */
export interface ServeOptions<I = unknown, A = undefined> extends ServeGuardOptions<A> {
  /** The path the routes live under, e.g. `/joke` serves `/joke/invoke`. @default '' */
  basePath?: string | undefined;
  /** Checks (and may transform) every input; a body it refuses gets a 422 with zod's issues. */
  inputSchema?: z.ZodType<I> | undefined;
  /** Describes the output, for `GET /output_schema` only. */
  outputSchema?: z.ZodType | undefined;
  /**
   * The server's config for every run (tags, metadata, configurable, timeout,
   * maxConcurrency (also the cap on one `/batch`'s items at once, 16 if unset), idGenerator...),
   * or a function of the request (and of what `authorize` returned) that returns it. Tags
   * join the client's; the server's metadata wins.
   */
  config?: RunnableConfig | ((request: Request, auth: A) => RunnableConfig | Promise<RunnableConfig>) | undefined;
  /** The config keys a client may set; everything else it sends is dropped. @default ['tags', 'metadata', 'runName'] */
  configKeys?: readonly ClientConfigKey[] | undefined;
  /** Milliseconds between `: ping` comments on idle SSE answers; 0 for none. @default 15000 */
  heartbeatInterval?: number | undefined;
  /** The scheduler heartbeats and body timeouts are timed on. @default asyncScheduler */
  scheduler?: SchedulerLike | undefined;
  /**
   * The most bytes of SSE frames held for one connection whose client reads slower than
   * the run produces; past it the run is cancelled and the client gets an `event: error`
   * frame of a `BufferOverflowError`. @default 1048576
   */
  highWaterMark?: number | undefined;
  /** The largest request body accepted, in bytes; larger gets a 413. @default 1048576 */
  maxBodyBytes?: number | undefined;
  /**
   * Called with every error a run failed with (the client only gets its name, message
   * and failing run's name), for logging. Not called for runs cancelled by a disconnect.
   */
  onError?: ((error: unknown, route: Route) => void) | undefined;
  /**
   * Sends errors with their stack and file paths. For local development only: by default
   * a client gets an error's name, message (paths replaced by `<path>`) and code. @default false
   */
  debug?: boolean | undefined;
  /**
   * Makes `/stream` and `/stream_events` resumable: every frame gets an `id:` line and is
   * kept in `runStore`; a client that disconnects does not cancel the run, and
   * `GET {basePath}/runs/{run_id}/{stream|stream_events}` with a `Last-Event-ID` header
   * (on any instance sharing the store) sends the frames after that id, then the rest as
   * they come. A run no client reads for `graceMs` (default 30 s) is cancelled.
   */
  resumable?: { runStore: RunStore; graceMs?: number | undefined } | undefined;
}

/** Items of one `/batch` at once when the config sets no `maxConcurrency`. */
const BATCH_CONCURRENCY = 16;
const DEFAULT_CONFIG_KEYS: readonly ClientConfigKey[] = ['tags', 'metadata', 'runName'];

interface Served<I, O, A> {
  readonly runnable: Runnable<I, O>;
  readonly options: ServeOptions<I, A>;
  readonly schemas: BodySchemas;
  readonly openRuns: OpenRuns;
  readonly jsonSchemas: { readonly input: unknown; readonly output: unknown };
  readonly stored: StoredRuns | undefined;
  readonly budget: FrameBudget;
}

/**
 * Serves a runnable over HTTP as a Fetch API handler, with LangServe's routes and body
 * shapes under `basePath`: `POST /invoke` (`{ input, config }` → `{ output, metadata: {
 * run_id } }`), `POST /batch` (`{ inputs, config }` → `{ output: [...] }`), `POST /stream`
 * (SSE of output chunks), `POST /stream_events` (SSE of v2 events; LangServe's
 * `include_*`/`exclude_*` filters in the body), `GET /input_schema` and `GET
 * /output_schema` (JSON Schema). A body not sent as `application/json` gets a 415, one
 * too slow a 408, malformed JSON a 400, an invalid body a 422 with zod's issues, an unknown
 * route a 404, a wrong method a 405; `authorize` may refuse a request (401, 403) before any
 * of it is read, and `allowOrigins` opens CORS to the origins it lists. A run that fails answers a
 * 500 (`/invoke`, `/batch`) or an `event: error` frame (streams) with the error's name,
 * message and failing run's name, nothing more. A client that disconnects cancels its
 * run. The handler keeps no state between requests, so any number of processes can
 * serve behind a load balancer.
 *
 * @param runnable - the runnable to serve.
 * @param options - base path, schemas, the server's config, allowed client config keys,
 *   authorization, CORS origins, heartbeat, and the bounds on bodies and buffers.
 * @returns the handler; `openRuns` counts the runs in flight.
 *
 * @example
 * ```ts
 * import { RunnableLambda, toFetchHandler } from 'rxchain';
 *
 * const shout = RunnableLambda.from((text: string) => text.toUpperCase());
 * const handler = toFetchHandler(shout, { basePath: '/shout' });
 * const response = await handler(
 *   new Request('http://localhost/shout/invoke', {
 *     method: 'POST',
 *     headers: { 'content-type': 'application/json' },
 *     body: JSON.stringify({ input: 'hi' }),
 *   }),
 * );
 * const body = (await response.json()) as { output: string };
 * console.log(response.status, body.output); // => 200, 'HI'
 * ```
 */
export function toFetchHandler<I, O, A = undefined>(
  runnable: Runnable<I, O>,
  options: ServeOptions<I, A> = {},
): FetchHandler {
  checkServeOptions(options);
  const served: Served<I, O, A> = {
    runnable,
    options,
    schemas: bodySchemas(options.inputSchema, options.configKeys ?? DEFAULT_CONFIG_KEYS),
    openRuns: new OpenRuns(),
    stored: storedRunsOf(options),
    budget: new FrameBudget(options.maxBufferedBytes ?? 32 * 1_048_576),
    jsonSchemas: {
      input: options.inputSchema !== undefined ? jsonSchemaOf(options.inputSchema, 'input') : {},
      output: options.outputSchema !== undefined ? jsonSchemaOf(options.outputSchema, 'output') : {},
    },
  };
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const stored = served.stored;
  const handler = withCors(options.allowOrigins, async (request: Request): Promise<Response> => {
    const pathname = new URL(request.url).pathname;
    if (stored !== undefined && pathname.startsWith(`${basePath}/runs/`)) {
      const kind = pathname.endsWith('/stream_events') ? 'stream_events' : 'stream';
      const access = await authorizeRequest(options.authorize, request, (e) => options.onError?.(e, kind));
      if (!access.ok) return access.response;
      return resumeResponse(
        pathname.slice(basePath.length + 6),
        request,
        stored,
        sseOptionsOf(options, request.signal, () => undefined, served.budget),
      );
    }
    const route = routeOf(pathname, basePath);
    if (route === undefined) return errorResponse(404, 'NotFound', `No route here. Routes: ${routeList(basePath)}.`);
    const method = ROUTES[route];
    if (request.method !== method) {
      return errorResponse(405, 'MethodNotAllowed', `${basePath}/${route} takes ${method}, not ${request.method}.`, {
        allow: method,
      });
    }
    const access = await authorizeRequest(options.authorize, request, (e) => options.onError?.(e, route));
    if (!access.ok) return access.response;
    try {
      return await answer(served, route, request, access.auth);
    } catch (error) {
      // The server's own config function failed, or the request body could not be read:
      // the details stay on the server.
      served.options.onError?.(error, route);
      return errorResponse(500, 'InternalServerError', 'The server could not start the run.');
    }
  });
  Object.defineProperty(handler, 'openRuns', { get: () => served.openRuns.count, enumerable: true });
  return handler as FetchHandler;
}

async function answer<I, O, A>(served: Served<I, O, A>, route: Route, request: Request, auth: A): Promise<Response> {
  if (route === 'input_schema') return jsonResponse(200, served.jsonSchemas.input);
  if (route === 'output_schema') return jsonResponse(200, served.jsonSchemas.output);
  const { maxBodyBytes, bodyTimeout, bodyIdleTimeout, scheduler } = served.options;
  const body = await readJsonBody(request, {
    maxBytes: maxBodyBytes ?? 1_048_576,
    timeout: bodyTimeout ?? 30_000,
    idleTimeout: bodyIdleTimeout ?? 10_000,
    scheduler,
  });
  if (!body.ok) return body.response;
  const serverConfig = await configFor(served.options, request, auth);
  const runConfig = (client: RunnableConfig | undefined): RunnableConfig => ({
    ...withClientConfig(serverConfig, client),
    runId: (serverConfig.idGenerator ?? defaultIdGenerator)(),
  });
  const { runnable, schemas, openRuns, options, stored } = served;
  const signal = request.signal;
  const onError = (error: unknown): void => options.onError?.(error, route);
  const debug = options.debug === true;
  switch (route) {
    case 'invoke': {
      const checked = checkBody(schemas.invoke, body.value);
      if (!checked.ok) return checked.response;
      const config = runConfig(checked.value.config);
      const outcome = await settle(openRuns.track(runnable._output$(checked.value.input as I, config)), signal);
      return jsonAnswer(outcome, (output) => ({ output, metadata: { run_id: config.runId } }), onError, debug);
    }
    case 'batch': {
      const checked = checkBody(schemas.batch, body.value);
      if (!checked.ok) return checked.response;
      const { inputs, config } = checked.value;
      const configs = inputs.map((_, i) => runConfig(Array.isArray(config) ? config[i] : config));
      const all$ = from(inputs.map((input, index) => ({ input: input as I, index }))).pipe(
        mergeMap(
          ({ input, index }) =>
            openRuns
              .track(runnable._output$(input, configs[index] as RunnableConfig))
              .pipe(map((output) => ({ index, output }))),
          serverConfig.maxConcurrency ?? BATCH_CONCURRENCY,
        ),
        toArray(),
        map((results) => results.sort((a, b) => a.index - b.index).map((result) => result.output)),
      );
      const outcome = await settle(all$, signal);
      return jsonAnswer(
        outcome,
        (output) => ({ output, metadata: { run_ids: configs.map((c) => c.runId) } }),
        onError,
        debug,
      );
    }
    case 'stream': {
      const checked = checkBody(schemas.invoke, body.value);
      if (!checked.ok) return checked.response;
      const config = runConfig(checked.value.config);
      if (stored !== undefined) {
        const records$ = concat(
          of({ event: 'metadata', data: toJson({ run_id: config.runId }) }),
          eventStreamRecords(openRuns.track(runnable.stream$(checked.value.input as I, config)), { debug }),
        );
        return storedResponse(
          config.runId as string,
          'stream',
          records$,
          stored,
          sseOptionsOf(options, signal, onError, served.budget),
        );
      }
      const metadata = sseFrame('metadata', toJson({ run_id: config.runId }));
      const frames$ = concat(
        of(metadata),
        encodeEventStream(openRuns.track(runnable.stream$(checked.value.input as I, config)), { debug }),
      );
      return sseResponse(frames$, sseOptionsOf(options, signal, onError, served.budget));
    }
    case 'stream_events': {
      const checked = checkBody(schemas.streamEvents, body.value);
      if (!checked.ok) return checked.response;
      const { input, config, filters } = checked.value;
      const eventsConfig = runConfig(config);
      const events$ = runnable.events$(input as I, { ...eventsConfig, version: 'v2' }, filters);
      if (stored !== undefined) {
        const records$ = eventStreamRecords(wireEvents(openRuns.track(events$), debug), { debug });
        const id = eventsConfig.runId as string;
        return storedResponse(
          id,
          'stream_events',
          records$,
          stored,
          sseOptionsOf(options, signal, onError, served.budget),
        );
      }
      return sseResponse(
        encodeEventStream(wireEvents(openRuns.track(events$), debug), { debug }),
        sseOptionsOf(options, signal, onError, served.budget),
      );
    }
  }
}
