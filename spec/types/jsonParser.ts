import { JsonOutputParser, StructuredOutputParser, type JsonValue, type Runnable } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { z } from 'zod';
import { assertType, type Equal } from './expect.js';

export async function jsonParser(): Promise<void> {
  const _untyped = new JsonOutputParser();
  assertType<Equal<Awaited<ReturnType<typeof _untyped.invoke>>, JsonValue>>();

  const typed = new JsonOutputParser<{ answer: string }>();
  const value = await typed.invoke('{"answer": "42"}');
  assertType<Equal<typeof value, { answer: string }>>();
  for await (const partial of await typed.stream('{"answer": "4')) partial.answer.trim();
  // @ts-expect-error the declared shape has no `question`
  void value.question;

  const model = new ScriptedChatModel({ responses: ['{"answer": "42"}'] });
  const _chain = model.pipe(typed);
  assertType<Equal<typeof _chain, Runnable<Parameters<typeof model.invoke>[0], { answer: string }>>>();

  const schema = z.object({ name: z.string(), population: z.number() });
  const structured = model.withStructuredOutput(schema);
  const country = await structured.invoke('Largest country?');
  assertType<Equal<typeof country, { name: string; population: number }>>();
  // @ts-expect-error population is a number
  country.population.toUpperCase();

  const _parser = StructuredOutputParser.fromZodSchema(schema);
  assertType<Equal<Awaited<ReturnType<typeof _parser.invoke>>, { name: string; population: number }>>();
}
