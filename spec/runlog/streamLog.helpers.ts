import { map, Observable, asyncScheduler, lastValueFrom, toArray, type SchedulerLike } from 'rxjs';
import {
  Runnable,
  RunnableLambda,
  RunLog,
  RunLogPatch,
  sequentialIds,
  type LogEntry,
  type Operation,
  type RunContext,
  type RunState,
  type RunType,
  type StreamEventFilters,
  type StreamLogOptions,
} from 'rxchain';
import { createTestScheduler } from 'rxchain/testing';

export const t = (ms: number): string => new Date(ms).toISOString();

/** A clock stopped at 2030-01-02T03:04:05Z, for runs outside virtual time. */
export const stoppedClock: SchedulerLike = {
  now: () => Date.UTC(2030, 0, 2, 3, 4, 5),
  schedule: asyncScheduler.schedule.bind(asyncScheduler),
};

/** Every patch of one run, with deterministic ids r1, r2, ... */
export function patchesOf<I, O>(
  runnable: Runnable<I, O>,
  input: I,
  filters?: StreamEventFilters,
  options: StreamLogOptions = {},
): Promise<RunLogPatch[]> {
  return lastValueFrom(runnable.log$(input, { idGenerator: sequentialIds('r'), ...options }, filters).pipe(toArray()));
}

export function fold(patches: readonly RunLogPatch[]): RunLog {
  const [first, ...rest] = patches;
  if (first === undefined) throw new Error('no patches');
  return rest.reduce<RunLog>((log, patch) => log.concat(patch), RunLog.fromRunLogPatch(first));
}

/** `op path` of each operation of each patch. */
export function paths(patches: readonly RunLogPatch[]): string[][] {
  return patches.map((patch) => patch.ops.map((op) => `${op.op} ${op.path}`));
}

/** Runs `build()`'s log$ in virtual time and returns `[time, ops]` for each patch. */
export function framesOf(build: () => Observable<RunLogPatch>): [number, readonly Operation[]][] {
  const scheduler = createTestScheduler();
  const frames: [number, readonly Operation[]][] = [];
  scheduler.run(({ flush }) => {
    build().subscribe((patch) => frames.push([scheduler.now(), patch.ops]));
    flush();
  });
  return frames;
}

export function entry(fields: Partial<LogEntry> & Pick<LogEntry, 'id' | 'name' | 'type' | 'start_time'>): LogEntry {
  return {
    tags: [],
    metadata: {},
    streamed_output: [],
    streamed_output_str: [],
    final_output: undefined,
    end_time: undefined,
    ...fields,
  };
}

export function rootState(id: string, name: string, type: RunType = 'chain'): RunState {
  return { id, streamed_output: [], final_output: undefined, logs: {}, name, type };
}

/** A retriever-like step: whole input, type `retriever`, one list of documents out. */
export class KeywordRetriever extends Runnable<string, { pageContent: string }[]> {
  override get runType(): RunType {
    return 'retriever';
  }

  override get inputMode(): 'whole' {
    return 'whole';
  }

  protected _step(input$: Observable<string>, _run: RunContext): Observable<{ pageContent: string }[]> {
    return input$.pipe(map((query) => [{ pageContent: `${query} is a colour` }]));
  }
}

export const reverse = () =>
  RunnableLambda.from(
    function reverse(x: string) {
      return [...x].reverse().join('');
    },
    { name: 'reverse' },
  );
