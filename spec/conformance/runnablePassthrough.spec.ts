import {
  JsonOutputParser,
  PromptTemplate,
  RunnablePassthrough,
  RunnableSequence,
  type JsonValue,
  type RunnableConfig,
} from 'rxchain';
import { from, lastValueFrom, toArray } from 'rxjs';
import { echoChatModel } from './support.js';

// Ported from langchain-core/src/runnables/tests/runnable_passthrough.test.ts.

describe('runnable_passthrough.test.ts', () => {
  it('RunnablePassthrough can call .assign and pass prev result through', async () => {
    const text = '```\n{"outputValue": "testing"}\n```';
    const chain = PromptTemplate.fromTemplate('{input}')
      .pipe(echoChatModel())
      .pipe(new JsonOutputParser<{ outputValue: string }>());
    const withAssign = chain.pipe(
      RunnablePassthrough.assign({ outputValue: (i: { outputValue: string }) => i.outputValue }),
    );
    expect(await withAssign.invoke({ input: text })).toEqual({ outputValue: 'testing' });
  });

  it('RunnablePassthrough can call .assign as the first step with proper typing', async () => {
    const text = '```\n{"outputValue": "testing2"}\n```';
    const chain = RunnableSequence.from([
      RunnablePassthrough.assign({ input: (input: { otherProp: string }) => input.otherProp }),
      PromptTemplate.fromTemplate('{input}'),
      echoChatModel(),
      // Inside RunnableSequence.from([...]) the parser's type argument must be written out:
      // the array's context would otherwise infer it as unknown.
      new JsonOutputParser<JsonValue>(),
    ]);
    const result: JsonValue = await chain.invoke({ otherProp: text });
    expect(result).toEqual({ outputValue: 'testing2' });
  });

  it('RunnablePassthrough can invoke a function without modifying passthrough value', async () => {
    let wasCalled = false;
    const passthrough = new RunnablePassthrough<number>({
      func: (input: number) => {
        wasCalled = true;
        return input + 1;
      },
    });
    expect(await passthrough.invoke(1)).toBe(1);
    expect(wasCalled).toBe(true);
  });

  it('RunnablePassthrough can transform a function as constructor args', async () => {
    let wasCalled = false;
    const passthrough = new RunnablePassthrough<number>({
      func: (input: number) => {
        wasCalled = true;
        return input + 1;
      },
    });
    // rxchain's transform is the runnable as an operator over a stream of input chunks.
    const results = await lastValueFrom(from([1]).pipe(passthrough.asOperator(), toArray()));
    expect(results).toEqual([1]);
    expect(wasCalled).toBe(true);
  });

  it('RunnablePassthrough can invoke a function and pass through config', async () => {
    let addOneResult = 0;
    const passthrough = new RunnablePassthrough<number>({
      func: (input: number, config: RunnableConfig) => {
        const n = config.configurable?.['number'];
        if (typeof n !== 'number' || Number.isNaN(n)) throw new Error('configurable.number is NaN');
        addOneResult = input + n;
      },
    });
    expect(await passthrough.invoke(1, { configurable: { number: 1 } })).toBe(1);
    expect(addOneResult).toBe(2);
  });
});
