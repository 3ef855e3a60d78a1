import { AIMessageChunk, RunnableLambda } from 'rxchain';

/** A lambda failing its first `failures` calls with `error`, then doubling its input. */
export function flaky(failures: number, error: () => unknown = () => new Error('flaky')) {
  const state = { calls: 0 };
  const lambda = RunnableLambda.from(
    function flakyStep(x: number) {
      state.calls++;
      if (state.calls <= failures) throw error();
      return x * 2;
    },
    { name: 'flakyStep' },
  );
  return { lambda, state };
}

export const text = (chunks: readonly AIMessageChunk[]): string => chunks.map((c) => c.text).join('');

export async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const seen: T[] = [];
  for await (const chunk of stream) seen.push(chunk);
  return seen;
}
