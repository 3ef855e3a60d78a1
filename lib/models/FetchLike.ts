/** The `fetch` a provider calls: the global one, or any function of the same shape. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;
