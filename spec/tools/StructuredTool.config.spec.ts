import { lastValueFrom, Observable } from 'rxjs';
import { z } from 'zod';
import { RunnableLambda, StructuredTool, failedRunOf, type RunnableConfig } from 'rxchain';
import { eventsOf } from '../support/streamEvents';

describe('StructuredTool', () => {
  describe('errors of the function', () => {
    it('should report on_tool_error and reject with the error, marked with the failing run', async () => {
      const boom = new StructuredTool({
        name: 'boom',
        description: 'Fails',
        schema: z.object({}),
        func: () => {
          throw new Error('kaboom');
        },
      });
      const events = await lastValueFrom(
        new Observable<string[]>((subscriber) => {
          const seen: string[] = [];
          return boom.events$({}).subscribe({
            next: (e) => seen.push(`${e.event}:${e.name}`),
            error: () => {
              subscriber.next(seen);
              subscriber.complete();
            },
          });
        }),
      );
      expect(events).toEqual(['on_tool_start:boom', 'on_tool_error:boom']);
      const error = await boom.invoke({}).catch((e: unknown) => e);
      expect((error as Error).message).toBe('kaboom');
      expect(failedRunOf(error)?.name).toBe('boom');
    });
  });

  describe('the config given to the function', () => {
    it('should be linked to the tool run, so nested calls given it nest', async () => {
      const inner = RunnableLambda.from(
        function inner(x: number) {
          return x + 1;
        },
        { name: 'inner' },
      );
      const outer = new StructuredTool({
        name: 'outer',
        description: 'Calls inner',
        schema: z.object({ x: z.number() }),
        func: async ({ x }, config: RunnableConfig) => inner.invoke(x, config),
      });
      const events = await eventsOf(outer, { x: 1 }, undefined, { tags: ['t'] });
      const toolRun = events.find((e) => e.event === 'on_tool_start');
      const innerStart = events.find((e) => e.event === 'on_chain_start' && e.name === 'inner');
      expect(innerStart?.parent_ids).toEqual([toolRun?.run_id]);
      expect(innerStart?.tags).toEqual(['t']);
      expect(events.at(-1)?.data.output).toBe(2);
    });

    it('should carry a signal that aborts when the run is unsubscribed', async () => {
      let signal: AbortSignal | undefined;
      const waits = new StructuredTool({
        name: 'waits',
        description: 'Waits for ever',
        schema: z.object({}),
        func: (_args, config) => {
          signal = config.signal;
          return new Promise<string>(() => undefined);
        },
      });
      const subscription = waits.stream$({}).subscribe();
      expect(signal?.aborted).toBe(false);
      subscription.unsubscribe();
      expect(signal?.aborted).toBe(true);
    });

    it('should carry a signal that aborts with the caller signal', async () => {
      const controller = new AbortController();
      let signal: AbortSignal | undefined;
      const waits = new StructuredTool({
        name: 'waits',
        description: 'Waits for ever',
        schema: z.object({}),
        func: (_args, config) => {
          signal = config.signal;
          return new Promise<string>(() => undefined);
        },
      });
      const result = waits.invoke({}, { signal: controller.signal }).catch((e: unknown) => e);
      controller.abort(new Error('stop'));
      expect(((await result) as Error).message).toBe('stop');
      expect(signal?.aborted).toBe(true);
    });
  });
});
