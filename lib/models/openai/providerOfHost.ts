/** Hosts of well-known OpenAI-compatible providers, and the `ls_provider` each reports. */
const KNOWN_HOSTS: readonly (readonly [RegExp, string])[] = [
  [/(^|\.)openai\.com$/, 'openai'],
  [/\.openai\.azure\.com$/, 'azure'],
  [/(^|\.)groq\.com$/, 'groq'],
  [/(^|\.)together\.(xyz|ai)$/, 'together'],
  [/(^|\.)fireworks\.ai$/, 'fireworks'],
  [/(^|\.)openrouter\.ai$/, 'openrouter'],
  [/(^|\.)deepseek\.com$/, 'deepseek'],
  [/(^|\.)mistral\.ai$/, 'mistral'],
];

/** Ollama's default port. */
const OLLAMA_PORT = '11434';

/**
 * The `ls_provider` of a base URL: a well-known provider by its host, Ollama by its
 * default port, and otherwise `openai`, the protocol every such server speaks (as
 * LangChain.js's `ChatOpenAI` reports for any base URL).
 */
export function providerOfHost(hostname: string, port: string): string {
  const host = hostname.toLowerCase();
  for (const [pattern, provider] of KNOWN_HOSTS) if (pattern.test(host)) return provider;
  if (port === OLLAMA_PORT) return 'ollama';
  return 'openai';
}
