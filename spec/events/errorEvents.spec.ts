import { lastValueFrom, toArray } from 'rxjs';
import { RunnableLambda, ThrownValueError, tool, type Runnable, type StreamEvent } from 'rxchain';
import { z } from 'zod';

async function eventsAndError<I, O>(runnable: Runnable<I, O>, input: I): Promise<[StreamEvent[], unknown]> {
  const events: StreamEvent[] = [];
  let failure: unknown;
  try {
    for await (const event of runnable.streamEvents(input, { version: 'v2' })) events.push(event);
  } catch (error) {
    failure = error;
  }
  return [events, failure];
}

function errorEvents(events: readonly StreamEvent[]): StreamEvent[] {
  return events.filter((e) => e.event.endsWith('_error'));
}

interface JsonError {
  name: string;
  message: string;
  cause?: JsonError | string;
}

function jsonErrorOf(event: StreamEvent): JsonError {
  return (JSON.parse(JSON.stringify(event)) as { data: { error: JsonError } }).data.error;
}

const throwing = (value: unknown) =>
  RunnableLambda.from((_: string): string => {
    throw value;
  }).withConfig({ runName: 'boom' });

describe('error events', () => {
  describe('under JSON.stringify', () => {
    it('should write an Error as its name and message', async () => {
      const [events] = await eventsAndError(throwing(new RangeError('too far')), 'x');
      const [failed] = errorEvents(events);
      expect(failed?.event).toBe('on_chain_error');
      expect(jsonErrorOf(failed as StreamEvent)).toEqual({ name: 'RangeError', message: 'too far' });
    });

    it('should write the cause chain, an Error cause as an error and any other cause as text', async () => {
      const error = new Error('outer', { cause: new TypeError('middle', { cause: { code: 7 } }) });
      const [events] = await eventsAndError(throwing(error), 'x');
      expect(jsonErrorOf(errorEvents(events)[0] as StreamEvent)).toEqual({
        name: 'Error',
        message: 'outer',
        cause: { name: 'TypeError', message: 'middle', cause: '{"code":7}' },
      });
    });

    it('should keep data.error the error object itself and data.input the input', async () => {
      const error = new Error('kaboom');
      const [events, failure] = await eventsAndError(throwing(error), 'x');
      const [failed] = errorEvents(events);
      expect(failed?.data.error).toBe(error);
      expect(failed?.data.input).toBe('x');
      expect(failure).toBe(error);
      expect((JSON.parse(JSON.stringify(failed)) as StreamEvent).data.input).toBe('x');
    });

    it('should round-trip the error of every error event of a nested failure', async () => {
      const chain = RunnableLambda.from((x: string) => x).pipe(throwing(new SyntaxError('bad')));
      const [events] = await eventsAndError(chain, 'x');
      const failed = errorEvents(events);
      expect(failed.map((e) => e.name)).toEqual(['boom', 'RunnableSequence']);
      for (const event of failed) expect(jsonErrorOf(event)).toEqual({ name: 'SyntaxError', message: 'bad' });
    });
  });

  describe('a thrown value that is not an Error', () => {
    it('should fail a lambda with a ThrownValueError carrying the thrown string as text', async () => {
      const [events, failure] = await eventsAndError(throwing('plain string'), 'x');
      const [failed] = errorEvents(events);
      expect(failed?.data.error).toBeInstanceOf(ThrownValueError);
      expect(failed?.data.error).toBe(failure);
      expect(jsonErrorOf(failed as StreamEvent)).toEqual({
        name: 'ThrownValueError',
        message: 'A value that is not an Error was thrown: plain string',
      });
      await expect(throwing('plain string').invoke('x')).rejects.toBeInstanceOf(ThrownValueError);
    });

    it('should never put a thrown plain object on an event', async () => {
      const secret = { password: 'hunter2' };
      const [events, failure] = await eventsAndError(throwing(secret), 'x');
      const [failed] = errorEvents(events);
      expect(failed?.data.error).not.toBe(secret);
      expect((failure as ThrownValueError).thrown).toBe(secret);
      expect(jsonErrorOf(failed as StreamEvent).name).toBe('ThrownValueError');
    });

    it('should wrap a value thrown by an async generator lambda', async () => {
      const gen = RunnableLambda.from(async function* (input: AsyncIterable<string>) {
        for await (const chunk of input) yield chunk;
        throw 42;
      });
      const [events, failure] = await eventsAndError(gen, 'x');
      expect(failure).toBeInstanceOf(ThrownValueError);
      expect(jsonErrorOf(errorEvents(events)[0] as StreamEvent).message).toContain('42');
    });

    it('should wrap a value thrown by a tool, on on_tool_error', async () => {
      const failing = tool(
        (): string => {
          throw { code: 'E_TOOL' };
        },
        { name: 'failing', description: 'always fails', schema: z.object({}) },
      );
      const [events, failure] = await eventsAndError(failing, {});
      const [failed] = errorEvents(events);
      expect(failed?.event).toBe('on_tool_error');
      expect(failure).toBeInstanceOf(ThrownValueError);
      expect(jsonErrorOf(failed as StreamEvent)).toEqual({
        name: 'ThrownValueError',
        message: 'A value that is not an Error was thrown: {"code":"E_TOOL"}',
      });
    });

    it('should wrap it with nobody listening too', async () => {
      const error = await lastValueFrom(throwing('quiet').stream$('x').pipe(toArray())).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ThrownValueError);
    });
  });
});
