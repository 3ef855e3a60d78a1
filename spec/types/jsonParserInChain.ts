import { ChatPromptTemplate, JsonOutputParser, RunnableMap, RunnableSequence, type JsonValue } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { assertType, type Equal } from './expect.js';

// An untyped JsonOutputParser stays JsonValue inside a chain: the step list's contextual
// type must not turn its default type argument into `unknown`.

export async function jsonParserInChain(): Promise<void> {
  const prompt = ChatPromptTemplate.fromTemplate('Tell me about {topic}');
  const model = new ScriptedChatModel({ responses: ['{"answer": "42"}'] });

  const chain = RunnableSequence.from([prompt, model, new JsonOutputParser()]);
  const value = await chain.invoke({ topic: 'cells' });
  assertType<Equal<typeof value, JsonValue>>();
  // @ts-expect-error a JsonValue may be a number or null: narrow it before reading a key
  void value.answer;

  const _piped = prompt.pipe(model).pipe(new JsonOutputParser());
  assertType<Equal<Awaited<ReturnType<typeof _piped.invoke>>, JsonValue>>();

  const _typed = RunnableSequence.from([prompt, model, new JsonOutputParser<{ answer: string }>()]);
  assertType<Equal<Awaited<ReturnType<typeof _typed.invoke>>, { answer: string }>>();

  const _map = RunnableMap.from({ json: model.pipe(new JsonOutputParser()), raw: new JsonOutputParser() });
  assertType<Equal<Awaited<ReturnType<typeof _map.invoke>>, { json: JsonValue; raw: JsonValue }>>();
}
