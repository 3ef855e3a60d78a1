/**
 * A server's check of who sent a request: the value it returns (a user id, scopes)
 * admits the request and reaches `config(request, auth)`; `false`, `null` or `undefined`
 * refuses it with a 401; a thrown `AccessDeniedError` refuses it with its status and
 * message. May be async.
 */
export type Authorize<A> = (request: Request) => A | false | null | undefined | Promise<A | false | null | undefined>;

/**
 * The options of `toFetchHandler` that decide what a server refuses, and when: who may
 * call (`authorize`), which browser origins may (`allowOrigins`), how long a request body
 * may take, and how many bytes of answers all slow clients together may make it hold.
 * `A` is what `authorize` returns for an admitted request.
 */
export interface ServeGuardOptions<A = undefined> {
  /**
   * Decides who may call, before the body is read and any run starts (preflights aside):
   * return what the request may do (a user id, scopes), which reaches `config(request,
   * auth)`; return `false` (or nothing) for a 401, or throw an `AccessDeniedError` for its
   * 401/403 and message. Any other error it throws is a 500 (and goes to `onError`).
   * @default every request is admitted
   */
  authorize?: Authorize<A> | undefined;
  /**
   * The browser origins (`"https://app.example.com"`, or `"*"` for any) that may call the
   * server cross-origin: their preflights are answered and their answers carry
   * `access-control-allow-origin`. @default none (CORS closed: no CORS header at all)
   */
  allowOrigins?: readonly string[] | undefined;
  /** Milliseconds a client has to send its whole request body; longer gets a 408. @default 30000 */
  bodyTimeout?: number | undefined;
  /**
   * Milliseconds a request body may go without a byte, before its first one too; longer
   * gets a 408 (a `RequestTimeoutError`) and the connection is closed. @default 10000
   */
  bodyIdleTimeout?: number | undefined;
  /**
   * The most bytes of SSE frames held for all slow clients together; past it, the
   * connection holding the most is cut off the same way. @default 33554432 (32 MiB)
   */
  maxBufferedBytes?: number | undefined;
}
