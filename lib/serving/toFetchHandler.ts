import { concat, from, map, mergeMap, of, type SchedulerLike, toArray } from 'rxjs';
import * as z from 'zod';
import { defaultIdGenerator } from '../core/ids.js';
import type { Runnable } from '../runnables/Runnable.js';
import type { RunnableConfig } from '../core/RunnableConfig.js';
import { configFor, withClientConfig } from './internal/clientConfig.js';
import { eventStreamRecords } from '../events/encodeEventStream.js';
import type { RunStore } from '../runstore/RunStore.js';
import type { StoredRuns } from './internal/storedRuns.js';
import { resumeResponse, storedRunsOf, streamAnswer } from './internal/resumableRoutes.js';
import { toJson } from '../codecs/toJson.js';
import { bodySchemas, checkBody, type BodySchemas } from './internal/requestBody.js';
import { readJsonBody } from './internal/jsonBody.js';
import { authorizeRequest } from './internal/authorizeRequest.js';
import type { ServeGuardOptions } from './ServeGuardOptions.js';
import { withCors } from './internal/cors.js';
import { checkServeOptions } from './internal/checkServeOptions.js';
import { errorResponse } from './internal/responses.js';
import { OpenRuns, settle } from './internal/runTracking.js';
import { jsonAnswer } from './internal/jsonAnswer.js';
import { sseOptionsOf } from './internal/sseResponse.js';
import { FrameBudget } from './internal/FrameBudget.js';
import { wireEvents } from './internal/wireEvents.js';
import { ROUTES, type ClientConfigKey, type Route } from './wire.js';
import { routeList, routeOf } from './internal/routeTable.js';
import { servedSchemas, type ServedSchemas } from './internal/servedSchemas.js';
import { fixedAnswer, type BodyRoute } from './internal/fixedRoutes.js';
import { logFrames$, reviveBody } from './internal/langServeBodies.js';
import { toLangServeJson } from './langServeJson.js';

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
  /** Describes `config.configurable`, for `GET /config_schema` only. @default an open schema */
  configSchema?: z.ZodType | undefined;
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
   * Makes `/stream`, `/stream_events` and `/stream_log` resumable: each frame gets an `id:` and is
   * kept in `runStore`; a client that disconnects does not cancel the run, and
   * `GET {basePath}/runs/{run_id}/{stream|stream_events|stream_log}` with `Last-Event-ID`
   * (on any instance sharing the store) sends the frames after that id, then the rest as
   * they come. A run no client reads for `graceMs` (default 30 s) is cancelled. `retryMs`
   * (default 1 s) is sent as SSE `retry:`, an `EventSource`'s delay before it reconnects. */
  resumable?: { runStore: RunStore; graceMs?: number | undefined; retryMs?: number | undefined } | undefined;
}

/** Items of one `/batch` at once when the config sets no `maxConcurrency`. */
const BATCH_CONCURRENCY = 16;
const DEFAULT_CONFIG_KEYS: readonly ClientConfigKey[] = ['tags', 'metadata', 'runName'];

interface Served<I, O, A> {
  readonly runnable: Runnable<I, O>;
  readonly options: ServeOptions<I, A>;
  readonly schemas: BodySchemas;
  readonly openRuns: OpenRuns;
  readonly jsonSchemas: ServedSchemas;
  readonly stored: StoredRuns | undefined;
  readonly budget: FrameBudget;
}

/**
 * Serves a runnable over HTTP as a Fetch API handler speaking LangServe's protocol under
 * `basePath`, so LangChain's own `RemoteRunnable` clients work against it: `POST /invoke`,
 * `/batch`, `/stream` (a `metadata` frame with the run id, then the chunks),
 * `/stream_events` (`version` v1 or v2, `include_*`/`exclude_*`), `/stream_log` (run log
 * patches), `GET /input_schema` (zod, or the variables of the prompt the chain starts
 * with), `/output_schema`, `/config_schema`, `/playground/` (a page that streams the
 * runnable), and `/feedback` (400: not enabled, as LangServe). Messages, documents and
 * prompt values cross the wire in LangServe's JSON, both ways. A body not sent as
 * `application/json` gets a 415, one too slow a 408, one that is not JSON or has the wrong
 * shape a 422 with FastAPI's `detail` list; `authorize` may refuse a request (401, 403)
 * before any of it is read, and `allowOrigins` opens CORS to the origins it lists. A failed
 * run answers a 500 (or an `event: error` frame) with the error's name, message and
 * failing run's name, nothing more. A client that disconnects cancels its run. No state
 * is kept between requests.
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
    jsonSchemas: servedSchemas({ ...options, runnable: runnable }),
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
    // Every route is guarded, the schemas and the playground too.
    const access = await authorizeRequest(options.authorize, request, (e) => options.onError?.(e, route));
    if (!access.ok) return access.response;
    const fixed = fixedAnswer(route, request.method, served.jsonSchemas, basePath);
    if (fixed !== undefined) return fixed;
    const method = ROUTES[route];
    if (request.method !== method) {
      return errorResponse(405, 'MethodNotAllowed', `${basePath}/${route} takes ${method}, not ${request.method}.`, {
        allow: method,
      });
    }
    try {
      return await answer(served, route as BodyRoute, request, access.auth); // fixedAnswer took the others
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

async function answer<I, O, A>(
  served: Served<I, O, A>,
  route: BodyRoute,
  request: Request,
  auth: A,
): Promise<Response> {
  const { maxBodyBytes, bodyTimeout, bodyIdleTimeout, scheduler } = served.options;
  const read = await readJsonBody(request, {
    maxBytes: maxBodyBytes ?? 1_048_576,
    timeout: bodyTimeout ?? 30_000,
    idleTimeout: bodyIdleTimeout ?? 10_000,
    scheduler,
  });
  if (!read.ok) return read.response;
  const body = { value: reviveBody(read.value) };
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
      const shape = (output: O): unknown => ({ output: toLangServeJson(output), metadata: { run_id: config.runId } });
      return jsonAnswer(outcome, shape, onError, debug);
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
        (output) => ({ output: toLangServeJson(output), metadata: { run_ids: configs.map((c) => c.runId) } }),
        onError,
        debug,
      );
    }
    case 'stream': {
      const checked = checkBody(schemas.invoke, body.value);
      if (!checked.ok) return checked.response;
      const config = runConfig(checked.value.config);
      const chunks$ = openRuns.track(runnable.stream$(checked.value.input as I, config).pipe(map(toLangServeJson)));
      const records$ = concat(
        of({ event: 'metadata', data: toJson({ run_id: config.runId }) }),
        eventStreamRecords(chunks$, { debug }),
      );
      return streamAnswer(
        config.runId as string,
        'stream',
        records$,
        stored,
        sseOptionsOf(options, signal, onError, served.budget),
      );
    }
    case 'stream_events': {
      const checked = checkBody(schemas.streamEvents, body.value);
      if (!checked.ok) return checked.response;
      const { input, config, filters, version } = checked.value;
      const eventsConfig = runConfig(config);
      const events$ = runnable.events$(input as I, { ...eventsConfig, version }, filters);
      const records$ = eventStreamRecords(wireEvents(openRuns.track(events$), debug), { debug });
      const id = eventsConfig.runId as string;
      return streamAnswer(id, 'stream_events', records$, stored, sseOptionsOf(options, signal, onError, served.budget));
    }
    case 'stream_log': {
      const checked = checkBody(schemas.streamEvents, body.value);
      if (!checked.ok) return checked.response;
      const { input, config, filters } = checked.value;
      const logConfig = runConfig(config);
      const log$ = logFrames$(openRuns.track(runnable.log$(input as I, logConfig, filters)));
      const records$ = eventStreamRecords(log$, { debug });
      return streamAnswer(
        logConfig.runId as string,
        'stream_log',
        records$,
        stored,
        sseOptionsOf(options, signal, onError, served.budget),
      );
    }
  }
}
