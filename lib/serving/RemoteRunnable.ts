import { defer, mergeMap, Observable } from 'rxjs';
import { concatAccumulator, lastChunkAccumulator, type OutputAccumulator } from '../core/accumulators.js';
import { recordForeign, traced, type InputMode, type TraceOptions, type ChunkReporting } from '../core/lifecycle.js';
import type { RunContext } from '../core/RunContext.js';
import { Runnable } from '../runnables/Runnable.js';
import { parseEventStream$ } from './parseEventStream.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { ForeignRecords } from './internal/foreignRecords.js';
import { resumable$, resumableChunks$ } from './internal/resumableStream.js';
import { remoteCall$, type RemoteEndpoint } from './internal/remoteCall.js';
import { DEFAULT_REMOTE_LIMITS, invokeAnswer$, type RemoteLimits } from './internal/remoteAnswer.js';
import type { ClientConfig, FetchFunction, InvokeRequest } from './wire.js';

/** Options of `RemoteRunnable`. */
export interface RemoteRunnableOptions {
  /** The served runnable's base URL (what `toFetchHandler` serves under its `basePath`), e.g. `http://127.0.0.1:8080/joke`. */
  url: string;
  /** Extra headers for every call (credentials), or a function that makes them per call. */
  headers?:
    | Readonly<Record<string, string>>
    | (() => Readonly<Record<string, string>> | Promise<Readonly<Record<string, string>>>)
    | undefined;
  /** The `fetch` to call with. @default globalThis.fetch */
  fetch?: FetchFunction | undefined;
  /** The name of the local run. @default 'RemoteRunnable' */
  name?: string | undefined;
  /**
   * Whether the remote chain's chunks are cumulative (each the whole value so far, as a
   * `JsonOutputParser`'s partial objects are): then a streamed run's output is its last
   * chunk rather than their concatenation. `invoke` gets the server's own aggregate
   * either way. @default false
   */
  cumulative?: boolean | undefined;
  /**
   * How many times `stream()` (and `streamEvents`) reconnects when its connection breaks mid-stream, against a
   * resumable server (one created with `resumable`, whose frames carry ids): each time it
   * asks for the frames after the last one it got, so no chunk is lost or repeated. A
   * server without frame ids gets no reconnect. 0 never reconnects. @default 3
   */
  resumeAttempts?: number | undefined;
  /** Bounds on what is read from the server; each one passed fails with a `ResponseLimitError`. */
  limits?:
    | {
        /** The most bytes of an `/invoke` answer. @default 10485760 (10 MiB) */
        maxResponseBytes?: number | undefined;
        /** The longest line of an SSE answer, in characters. @default 1048576 (1 MiB) */
        maxLineChars?: number | undefined;
        /** The most bytes of an error answer read. @default 65536 (64 KiB) */
        maxErrorBodyBytes?: number | undefined;
      }
    | undefined;
}

/**
 * A runnable served elsewhere (by `toFetchHandler`, or LangServe), used like a local
 * step: its `invoke` (and `batch`, once per input) calls `POST /invoke`; `stream`,
 * `stream$` and a run as a step of a chain call `POST /stream`; and when
 * anyone listens to events (`streamEvents`, `events$`, a parent's listener) the step
 * calls `POST /stream_events` instead and forwards the remote runs' events into the local
 * channel, nested under this step's run: remote run ids are kept, their `parent_ids` are
 * prefixed with the local ancestry, and they inherit the local run's tags and metadata
 * (which are also sent to the server). Unsubscribing (or `break`, or an aborted signal)
 * aborts the HTTP request, which cancels the run on the server. Every failure is a named
 * error: `RemoteCallError` (an error status, an unreachable server, a connection cut
 * mid-answer, an answer that is not JSON or has no `output`), `RemoteRunError` (the run
 * failed on the server), `ResponseLimitError` (an answer past `limits`).
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { RemoteRunnable, RunnableLambda, toFetchHandler, toNodeHandler } from 'rxchain';
 *
 * const shout = RunnableLambda.from((text: string) => text.toUpperCase());
 * const server = createServer(toNodeHandler(toFetchHandler(shout, { basePath: '/shout' })));
 * await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
 * const { port } = server.address() as { port: number };
 * try {
 *   const remote = new RemoteRunnable<string, string>({ url: `http://127.0.0.1:${port}/shout` });
 *   const chain = remote.pipe((text: string) => `${text}!`);
 *   console.log(await chain.invoke('hello')); // => 'HELLO!'
 * } finally {
 *   server.closeAllConnections();
 *   server.close();
 * }
 * ```
 */
export class RemoteRunnable<I = unknown, O = unknown> extends Runnable<I, O> {
  /** The served runnable's base URL (no trailing slash). */
  readonly url: string;
  readonly #endpoint: RemoteEndpoint;
  readonly #cumulative: boolean;
  readonly #resumeAttempts: number;

  /**
   * @param options - the URL, headers, fetch, name, and whether chunks are cumulative.
   */
  constructor(options: RemoteRunnableOptions) {
    super();
    if (typeof options.url !== 'string' || !/^https?:\/\//.test(options.url)) {
      throw new InvalidArgumentError(
        'url',
        `RemoteRunnable needs an absolute http(s) url, got ${JSON.stringify(options.url)}. Pass the base URL the runnable is served under, e.g. "http://127.0.0.1:8080/joke".`,
      );
    }
    this.url = options.url.replace(/\/+$/, '');
    this.#endpoint = {
      url: this.url,
      headers: options.headers,
      fetch: options.fetch,
      limits: limitsOf(options.limits),
    };
    this.#cumulative = options.cumulative === true;
    const attempts = options.resumeAttempts ?? 3;
    if (!(Number.isInteger(attempts) && attempts >= 0)) {
      throw new InvalidArgumentError(
        'resumeAttempts',
        `resumeAttempts must be a whole number (0 to never resume), got ${String(attempts)}.`,
      );
    }
    this.#resumeAttempts = attempts;
    if (options.name !== undefined) this.name = options.name;
  }

  /** The remote run's chunks: reported by this run only when it is the run listened to. */
  override get chunkReporting(): ChunkReporting {
    return 'root';
  }

  protected override get defaultName(): string {
    return 'RemoteRunnable';
  }

  override get inputMode(): InputMode {
    return 'whole';
  }

  /** A cumulative remote chain's output is its last chunk; otherwise its chunks join with `concat`. */
  override outputAccumulator(): OutputAccumulator<O> {
    return this.#cumulative ? lastChunkAccumulator<O>() : concatAccumulator<O>();
  }

  protected _step(input$: Observable<I>, run: RunContext): Observable<O> {
    return input$.pipe(mergeMap((input) => this.#call(input, run, 'stream')));
  }

  /**
   * A run for a caller that sees only the output (`invoke`, `batch`): `POST /invoke`,
   * whose output is the server's own aggregate (or `POST /stream_events` when someone
   * listens to events).
   * @internal Use `invoke`.
   */
  override _runWhole(input$: Observable<I>, origin: TraceOptions): Observable<O> {
    return traced<I, O>(
      this,
      (source$, run) => source$.pipe(mergeMap((input) => this.#call(input, run, 'invoke'))),
      input$,
      origin,
    );
  }

  #call(input: I, run: RunContext, mode: 'stream' | 'invoke'): Observable<O> {
    if (run.sink !== undefined) return this.#events$(input, run);
    const body = requestBody(input, run);
    if (mode === 'invoke') {
      return remoteCall$(this.#endpoint, 'invoke', body, 'application/json', (response) =>
        invokeAnswer$<O>(response, `${this.url}/invoke`, this.#endpoint.limits),
      );
    }
    return resumableChunks$(this.#endpoint, body, this.#resumeAttempts) as Observable<O>;
  }

  /**
   * The events path: forwards every remote event into the local channel as a foreign
   * record, and emits the remote root's chunks as this run's output.
   */
  #events$(input: I, run: RunContext): Observable<O> {
    const body = requestBody(input, run);
    return defer(() => {
      // One set of records for the whole run, across reconnects.
      const records = new ForeignRecords(run, run.inheritableTags);
      // The remote root is the first run that starts (v1 events and LangServe's older
      // ones carry no parent_ids to tell it by).
      let rootId: string | undefined;
      let streamed = false;
      const events$ = resumable$(
        this.#endpoint,
        'stream_events',
        body,
        this.#resumeAttempts,
        (stream, onFrame, bound) => parseEventStream$(stream, { ...bound, onFrame }),
      );
      return new Observable<O>((subscriber) =>
        events$.subscribe({
          next: (event) => {
            let record;
            try {
              record = records.toRecord(event);
            } catch (error) {
              subscriber.error(error);
              return;
            }
            recordForeign(run, record);
            rootId ??= event.run_id;
            if (event.run_id !== rootId) return;
            if (record.type === 'stream') {
              streamed = true;
              subscriber.next(record.chunk as O);
            } else if (record.type === 'end' && !streamed) {
              // A remote root that does not stream (a tool, a retriever, a prompt: v2 reports
              // no stream event for it) gives its output with its end.
              subscriber.next(record.output as O);
            }
          },
          error: (error: unknown) => subscriber.error(error),
          complete: () => subscriber.complete(),
        }),
      );
    });
  }
}

/** The request body: the input, and the local run's inheritable tags and metadata. */
function requestBody(input: unknown, run: RunContext): InvokeRequest {
  const config: ClientConfig = {};
  if (run.inheritableTags.length > 0) config.tags = [...run.inheritableTags];
  if (Object.keys(run.metadata).length > 0) config.metadata = { ...run.metadata };
  return Object.keys(config).length > 0 ? { input, config } : { input };
}

function limitsOf(limits: RemoteRunnableOptions['limits']): RemoteLimits {
  const resolved: { -readonly [K in keyof RemoteLimits]: number } = { ...DEFAULT_REMOTE_LIMITS };
  for (const key of Object.keys(DEFAULT_REMOTE_LIMITS) as (keyof RemoteLimits)[]) {
    const value = limits?.[key];
    if (value === undefined) continue;
    if (!(Number.isInteger(value) && value > 0)) {
      throw new InvalidArgumentError(
        `limits.${key}`,
        `limits.${key} must be a positive integer, got ${String(value)}.`,
      );
    }
    resolved[key] = value;
  }
  return resolved;
}
