/** A tool call a fake provider server sends. */
export interface FakeToolCall {
  /** The call's id. @default 'call_<n>' (OpenAI) or 'toolu_<n>' (Anthropic) */
  readonly id?: string | undefined;
  /** The tool's name. */
  readonly name: string;
  /** The arguments: an object (sent in one piece) or JSON text in the pieces to stream. */
  readonly args: Readonly<Record<string, unknown>> | string | readonly string[];
}

/** Token counts a fake provider server reports. */
export interface FakeUsage {
  /** Prompt tokens (Anthropic: not counting cached ones). */
  readonly input: number;
  /** Generated tokens. */
  readonly output: number;
  /** Prompt tokens read from the cache (Anthropic only). */
  readonly cacheRead?: number | undefined;
  /** Prompt tokens written to the cache (Anthropic only). */
  readonly cacheCreation?: number | undefined;
}

/** A streamed reply of a fake provider server: text, thinking, tool calls, usage, and how it ends. */
export interface FakeStreamReply {
  /** The text, as one piece or as the tokens to stream one frame each. */
  readonly text?: string | readonly string[] | undefined;
  /** A thinking block before the text (Anthropic only), as one piece or tokens. */
  readonly thinking?: string | readonly string[] | undefined;
  /** Tool calls after the text. */
  readonly toolCalls?: readonly FakeToolCall[] | undefined;
  /** The usage reported at the end. @default { input: 10, output: <frames sent> } */
  readonly usage?: FakeUsage | undefined;
  /** The stop reason. @default 'end_turn' / 'stop', or 'tool_use' / 'tool_calls' with tool calls */
  readonly stopReason?: string | undefined;
  /** The model name reported. @default the request's model */
  readonly model?: string | undefined;
  /** An error event sent after the content, instead of the normal end (e.g. `{ type: 'overloaded_error', message: 'Overloaded' }`). */
  readonly error?: { readonly type: string; readonly message: string } | undefined;
  /**
   * Cut the connection after this many writes (a connection lost mid-stream). The opening
   * frames go out with the first token in one write; every later frame is a write of its own.
   */
  readonly cutAfter?: number | undefined;
  /** Milliseconds between writes (so between tokens). @default 0 (one event-loop turn) */
  readonly interval?: number | undefined;
  /** Milliseconds before the response starts. @default 0 */
  readonly delay?: number | undefined;
  /** Extra response headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** An HTTP error reply: the provider's JSON error body with this status. */
export interface FakeErrorReply {
  /** The HTTP status, e.g. 429, 503, 529. */
  readonly status: number;
  /** The error message. @default the status text */
  readonly message?: string | undefined;
  /** The error type in the body. @default derived from the status (`rate_limit_error`, `overloaded_error`...) */
  readonly errorType?: string | undefined;
  /** Response headers, e.g. `{ 'retry-after': '1' }`. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Milliseconds before the response starts. @default 0 */
  readonly delay?: number | undefined;
}

/** A raw server-sent-events body, sent one frame per write (a recorded stream). */
export interface FakeRawReply {
  /** The whole body. */
  readonly sse: string;
  /** @default 200 */
  readonly status?: number | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Cut the connection after this many frames. */
  readonly cutAfter?: number | undefined;
  /** Milliseconds between frames. @default 0 */
  readonly interval?: number | undefined;
  /** Milliseconds before the response starts. @default 0 */
  readonly delay?: number | undefined;
}

/** What a fake provider server answers to one request. */
export type FakeReply = FakeStreamReply | FakeErrorReply | FakeRawReply;

/** A request a fake provider server received. */
export interface FakeRequest {
  /** Which request this was (0-based, since the last `script`). */
  readonly index: number;
  readonly method: string;
  /** The path, e.g. `/v1/messages`. */
  readonly path: string;
  /** The headers, names in lower case. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body, parsed as JSON when it is JSON. */
  readonly body: unknown;
}

/** The script of a fake provider server: replies in order (the last one repeats), or a function of the request. */
export type FakeScript = readonly FakeReply[] | ((request: FakeRequest) => FakeReply);

/** A running fake provider server on 127.0.0.1. */
export interface FakeProviderServer {
  /** The base URL to give the model's `baseURL`. */
  readonly url: string;
  /** The requests received since the last `script`, in order. */
  readonly requests: readonly FakeRequest[];
  /** The last request's JSON body. */
  lastBody(): Record<string, unknown>;
  /** Replaces the script and forgets earlier requests. */
  script(script: FakeScript): void;
  /** Stops the server and drops every connection. */
  close(): Promise<void>;
}
