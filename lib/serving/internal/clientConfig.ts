import { unique, type RunnableConfig } from '../../core/RunnableConfig.js';

/**
 * The server's config with the client's allowed keys added: tags join (the server's
 * first); for metadata and configurable the server's values win, so a client cannot
 * overwrite what the server set (a user id from its authentication, say); the client's
 * runName names the root run.
 */
export function withClientConfig(server: RunnableConfig, client: RunnableConfig | undefined): RunnableConfig {
  if (client === undefined) return server;
  const merged: RunnableConfig = { ...server };
  if (client.tags !== undefined) merged.tags = unique([...(server.tags ?? []), ...client.tags]);
  if (client.metadata !== undefined) merged.metadata = { ...client.metadata, ...server.metadata };
  if (client.configurable !== undefined) merged.configurable = { ...client.configurable, ...server.configurable };
  if (client.runName !== undefined) merged.runName = client.runName;
  return merged;
}

/** The server's config for a request: the `config` option, or what its function returns. */
export async function configFor<A>(
  options: {
    config?: RunnableConfig | ((request: Request, auth: A) => RunnableConfig | Promise<RunnableConfig>) | undefined;
  },
  request: Request,
  auth: A,
): Promise<RunnableConfig> {
  const config = options.config;
  if (config === undefined) return {};
  return typeof config === 'function' ? await config(request, auth) : config;
}
