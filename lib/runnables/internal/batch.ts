import { from, mergeMap } from 'rxjs';
import type { BatchOptions, RunnableConfig } from '../../core/RunnableConfig.js';
import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';

/**
 * `batch`: runs `invoke` on every input, at most `maxConcurrency` at a time (the config's
 * limit wins over the option's), and resolves with the outputs in the order of the
 * inputs; with `returnExceptions`, a failed input's error takes its place instead of
 * rejecting the batch.
 */
export async function runBatch<I, O>(
  inputs: readonly I[],
  config: RunnableConfig | readonly RunnableConfig[] | undefined,
  options: BatchOptions | undefined,
  invoke: (input: I, config: RunnableConfig | undefined) => Promise<O>,
): Promise<(O | Error)[]> {
  const configs = batchConfigs(inputs.length, config);
  const limit = configs[0]?.maxConcurrency ?? options?.maxConcurrency ?? Infinity;
  const results = new Array<O | Error>(inputs.length);
  const returnExceptions = options?.returnExceptions === true;
  await new Promise<void>((resolve, reject) => {
    from(inputs.map((input, index) => ({ input, index })))
      .pipe(
        mergeMap(
          ({ input, index }) =>
            from(
              invoke(input, configs[index]).then(
                (output) => {
                  results[index] = output;
                },
                (error: unknown) => {
                  if (!returnExceptions) throw error;
                  results[index] = error instanceof Error ? error : new Error(String(error));
                },
              ),
            ),
          limit,
        ),
      )
      .subscribe({ error: reject, complete: resolve });
  });
  return results;
}

/** One config per input: a list as it is (of the right length), or the one config for all. */
function batchConfigs(
  count: number,
  config: RunnableConfig | readonly RunnableConfig[] | undefined,
): (RunnableConfig | undefined)[] {
  if (Array.isArray(config)) {
    if (config.length !== count) {
      throw new InvalidArgumentError(
        'config',
        `batch() got ${config.length} configs for ${count} inputs. Pass one config, or exactly one per input.`,
      );
    }
    return [...(config as readonly RunnableConfig[])];
  }
  const single = config as RunnableConfig | undefined;
  if (single?.runId !== undefined && count > 1) {
    // A run id names one run: give it to the first input only.
    const { runId: _ignored, ...rest } = single;
    return Array.from({ length: count }, (_, i) => (i === 0 ? single : rest));
  }
  return Array.from({ length: count }, () => single);
}
