import {
  RunnableLambda,
  RunnableMap,
  RunnablePassthrough,
  RunnableSequence,
  StringOutputParser,
  type Runnable,
  type RunnableCore,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { assertType, type Equal, type Simplify } from './expect.js';

type InputOf<R> = R extends RunnableCore<infer I, unknown> ? I : never;
type OutputOf<R> = R extends RunnableCore<never, infer O> ? O : never;

export async function composition(): Promise<void> {
  const length = RunnableLambda.from((text: string) => text.length);
  const double = (n: number) => n * 2;

  // pipe infers the output through each step.
  const _piped = length.pipe(double).pipe((n: number) => `${n}`);
  assertType<Equal<typeof _piped, Runnable<string, string>>>();
  // @ts-expect-error the next step must accept a number
  length.pipe((s: string) => s.trim());

  // RunnableSequence.from: first step's input, last step's output.
  const sequence = RunnableSequence.from([length, double, (n: number) => n > 3]);
  assertType<Equal<InputOf<typeof sequence>, string>>();
  assertType<Equal<OutputOf<typeof sequence>, boolean>>();
  const ok: boolean = await sequence.invoke('hello');
  void ok;
  // @ts-expect-error the sequence takes a string
  await sequence.invoke(3);

  // RunnableMap: one key per branch, each typed by its branch.
  const both = RunnableMap.from({ chars: length, shout: (text: string) => text.toUpperCase() });
  const _out = await both.invoke('hi');
  assertType<Equal<typeof _out, { chars: number; shout: string }>>();

  // An object literal in a sequence is a map.
  const _mapped = RunnableSequence.from([
    (s: string) => s.trim(),
    { chars: length, original: new RunnablePassthrough<string>() },
  ]);
  assertType<Equal<InputOf<typeof _mapped>, string>>();
  assertType<Equal<OutputOf<typeof _mapped>, { chars: number; original: string }>>();

  // assign adds the computed keys to the input's.
  const assigned = RunnablePassthrough.assign({ words: (x: { text: string }) => x.text.split(' ').length });
  const _withWords = await assigned.invoke({ text: 'a b' });
  assertType<Equal<Simplify<typeof _withWords>, { text: string; words: number }>>();
  // @ts-expect-error the computed key's step reads `text`, so the input must have it
  await assigned.invoke({ body: 'a b' });

  // A model then a parser: a string out.
  const model = new ScriptedChatModel({ responses: ['Hi'] });
  const _text = model.pipe(new StringOutputParser());
  assertType<Equal<OutputOf<typeof _text>, string>>();

  // pick narrows to the picked key.
  const _picked = both.pick('chars');
  assertType<Equal<OutputOf<typeof _picked>, number>>();
}
