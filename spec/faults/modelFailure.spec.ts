import fc from 'fast-check';
import { AIMessageChunk, ChatPromptTemplate, StringOutputParser, failedRunOf, type Runnable } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { FAULT_RUNS, consume, errorPath, eventsOutcome, streamedBy } from '../support/faults';

/** The fault the model raises; its own class, so the suite can check the class that surfaces. */
class ModelFault extends Error {
  override name = 'ModelFault';
}

const reply = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 30 });

/** A reply and the (1-based) token at which the model fails. */
const faultyReply = reply.chain((text) =>
  fc.record({ text: fc.constant(text), position: fc.integer({ min: 1, max: [...text].length }) }),
);

function chainWith(
  model: Runnable<never, AIMessageChunk>,
  wrap: (m: Runnable<never, AIMessageChunk>) => Runnable<never, AIMessageChunk> = (m) => m,
) {
  return ChatPromptTemplate.fromTemplate('Say {thing}')
    .pipe(wrap(model))
    .pipe(new StringOutputParser())
    .withConfig({ runName: 'chain' });
}

function faultyModel(text: string, position: number, call?: number): { model: ScriptedChatModel; fault: ModelFault } {
  const fault = new ModelFault(`fault at token ${position}`);
  const model = new ScriptedChatModel({
    name: 'model',
    responses: [text],
    split: 'char',
    failAt: { token: position, error: fault, call },
  });
  return { model, fault };
}

describe('faults: a model failing at a random token', () => {
  it('should deliver every token before the fault once, in order, then the error once (stream)', async () => {
    await fc.assert(
      fc.asyncProperty(faultyReply, async ({ text, position }) => {
        const { model, fault } = faultyModel(text, position);
        const outcome = await consume(() => chainWith(model).stream({ thing: 'x' }));
        expect(outcome.chunks).toEqual([...text].slice(0, position - 1));
        expect(outcome.errors).toEqual([fault]);
        expect(failedRunOf(fault)?.name).toBe('model');
      }),
      FAULT_RUNS,
    );
  });

  it('should reject invoke once with the fault', async () => {
    await fc.assert(
      fc.asyncProperty(faultyReply, async ({ text, position }) => {
        const { model, fault } = faultyModel(text, position);
        await expect(chainWith(model).invoke({ thing: 'x' })).rejects.toBe(fault);
      }),
      FAULT_RUNS,
    );
  });

  it('should report the error events of the model and every run around it, after the tokens, then end', async () => {
    await fc.assert(
      fc.asyncProperty(faultyReply, async ({ text, position }) => {
        const { model, fault } = faultyModel(text, position);
        const { chunks: events, errors } = await eventsOutcome(chainWith(model), { thing: 'x' });
        expect(errors).toEqual([fault]);
        const path = errorPath(events, fault);
        // The parser only ran (and so only reports) once a token reached it.
        expect(path).toEqual(position > 1 ? ['model', 'StrOutputParser', 'chain'] : ['model', 'chain']);
        expect(streamedBy(events, 'model').map((c) => (c as AIMessageChunk).text)).toEqual(
          [...text].slice(0, position - 1),
        );
        expect(streamedBy(events, 'chain')).toEqual([...text].slice(0, position - 1));
      }),
      FAULT_RUNS,
    );
  });

  it('should deliver the error once on the Observable error channel of stream$', async () => {
    await fc.assert(
      fc.asyncProperty(faultyReply, async ({ text, position }) => {
        const { model, fault } = faultyModel(text, position);
        const seen: string[] = [];
        const errors: unknown[] = [];
        let completed = false;
        await new Promise<void>((resolve) => {
          chainWith(model)
            .stream$({ thing: 'x' })
            .subscribe({
              next: (token) => seen.push(token),
              error: (e: unknown) => {
                errors.push(e);
                resolve();
              },
              complete: () => {
                completed = true;
                resolve();
              },
            });
        });
        expect(seen).toEqual([...text].slice(0, position - 1));
        expect(errors).toEqual([fault]);
        expect(completed).toBe(false);
      }),
      FAULT_RUNS,
    );
  });

  describe('behind withRetry', () => {
    it('should retry a fault before the first token transparently and fail one after it, tokens delivered once', async () => {
      await fc.assert(
        fc.asyncProperty(faultyReply, async ({ text, position }) => {
          const { model, fault } = faultyModel(text, position, 0);
          const outcome = await consume(() =>
            chainWith(model, (m) => m.withRetry({ stopAfterAttempt: 2 })).stream({ thing: 'x' }),
          );
          if (position === 1) {
            expect(outcome.chunks).toEqual([...text]);
            expect(outcome.errors).toEqual([]);
            expect(model.calls).toHaveLength(2);
          } else {
            expect(outcome.chunks).toEqual([...text].slice(0, position - 1));
            expect(outcome.errors).toEqual([fault]);
            expect(model.calls).toHaveLength(1);
          }
        }),
        FAULT_RUNS,
      );
    });

    it('should restart after a mid-stream fault when asked, announcing it once in the events', async () => {
      await fc.assert(
        fc.asyncProperty(faultyReply, async ({ text, position }) => {
          const { model } = faultyModel(text, position, 0);
          const chain = chainWith(model, (m) => m.withRetry({ stopAfterAttempt: 2, afterFirstChunk: 'restart' }));
          const { chunks: events, errors } = await eventsOutcome(chain, { thing: 'x' });
          expect(errors).toEqual([]);
          const delivered = [...text].slice(0, position - 1);
          expect(streamedBy(events, 'chain')).toEqual([...delivered, ...text]);
          const restarts = events.filter((e) => e.event === 'on_custom_event' && e.name === 'stream_restart');
          expect(restarts).toHaveLength(position > 1 ? 1 : 0);
          expect(events.filter((e) => e.event === 'on_chat_model_error').map((e) => e.name)).toEqual(['model']);
        }),
        FAULT_RUNS,
      );
    });

    it('should retry at any token under invoke, returning the whole reply once', async () => {
      await fc.assert(
        fc.asyncProperty(faultyReply, async ({ text, position }) => {
          const { model } = faultyModel(text, position, 0);
          const retried = model.withRetry({ stopAfterAttempt: 2 });
          expect((await retried.invoke('x')).text).toBe(text);
        }),
        FAULT_RUNS,
      );
    });
  });

  describe('behind withFallbacks', () => {
    it('should fall back before the first token and fail after it, tokens delivered once', async () => {
      await fc.assert(
        fc.asyncProperty(faultyReply, reply, async ({ text, position }, backupText) => {
          const { model, fault } = faultyModel(text, position);
          const backup = new ScriptedChatModel({ name: 'backup', responses: [backupText], split: 'char' });
          const chain = chainWith(model, (m) => m.withFallbacks([backup]));
          const { chunks: events, errors } = await eventsOutcome(chain, { thing: 'x' });
          if (position === 1) {
            expect(errors).toEqual([]);
            expect(streamedBy(events, 'chain')).toEqual([...backupText]);
            expect(events.filter((e) => e.event.endsWith('_error')).map((e) => e.name)).toEqual(['model']);
          } else {
            expect(errors).toEqual([fault]);
            expect(streamedBy(events, 'chain')).toEqual([...text].slice(0, position - 1));
            expect(errorPath(events, fault)).toEqual(['model', 'RunnableWithFallbacks', 'StrOutputParser', 'chain']);
            expect(backup.calls).toHaveLength(0);
          }
        }),
        FAULT_RUNS,
      );
    });
  });
});
