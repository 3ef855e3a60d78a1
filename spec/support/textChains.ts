import {
  AIMessagePromptTemplate,
  ChatMessagePromptTemplate,
  ChatPromptTemplate,
  FewShotChatMessagePromptTemplate,
  FewShotPromptTemplate,
  HumanMessagePromptTemplate,
  PipelinePromptTemplate,
  PromptTemplate,
  SystemMessagePromptTemplate,
  BaseCumulativeTransformOutputParser,
  BaseOutputParser,
  BaseTransformOutputParser,
  BytesOutputParser,
  CommaSeparatedListOutputParser,
  RunnableLambda,
  RunnableMap,
  RunnableSequence,
  StringOutputParser,
  XMLOutputParser,
  type Generation,
  type Runnable,
} from 'rxchain';
import { FakeLLM, FakeStreamingLLM } from 'rxchain/testing';

/** The text models and parser-family steps the aggregation properties place in random chains. */
export type TextKind =
  | 'fakeLlm'
  | 'failingLlm'
  | 'streamingLlm'
  | 'list'
  | 'xml'
  | 'bytes'
  | 'transform'
  | 'whole'
  | 'cumulative'
  | 'messagePrompts';

export const TEXT_KINDS: readonly TextKind[] = [
  'fakeLlm',
  'failingLlm',
  'streamingLlm',
  'list',
  'xml',
  'bytes',
  'transform',
  'whole',
  'cumulative',
  'messagePrompts',
];

/** Roots that end in a parser of the family (their output is not a string). */
export type TextRootKind = 'listRoot' | 'xmlRoot' | 'xmlDiffRoot' | 'cumulativeRoot' | 'cumulativeDiffRoot';

export const TEXT_ROOT_KINDS: readonly TextRootKind[] = [
  'listRoot',
  'xmlRoot',
  'xmlDiffRoot',
  'cumulativeRoot',
  'cumulativeDiffRoot',
];

type StringStep = Runnable<string, string>;

class Shout extends BaseTransformOutputParser<string> {
  parse(text: string): string {
    return text.toUpperCase();
  }
}

class Length extends BaseOutputParser<string> {
  parse(text: string): string {
    return `${text.length}`;
  }
}

class Letters extends BaseCumulativeTransformOutputParser<{ letters: string[] }> {
  parsePartialResult(generations: readonly Generation[]): { letters: string[] } | undefined {
    const text = generations[0]?.text ?? '';
    return text.length === 0 ? undefined : { letters: Array.from(text) };
  }
  override parse(text: string): { letters: string[] } {
    return { letters: Array.from(text) };
  }
}

const escapeXml = (x: string): string => x.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const toXml = (): Runnable<string, string> =>
  RunnableLambda.from(
    function toXml(x: string) {
      return `<r><i>${escapeXml(x)}</i><j/></r>`;
    },
    { name: 'toXml' },
  );

const toVariables = (): Runnable<string, { x: string }> =>
  RunnableLambda.from(
    function toVariables(x: string) {
      return { x };
    },
    { name: 'toVariables' },
  );

const toText = (): Runnable<unknown, string> =>
  RunnableLambda.from(
    function toText(value: unknown) {
      return JSON.stringify(value) ?? '';
    },
    { name: 'toText' },
  );

/**
 * A string-to-string step of kind `kind`. A text model is followed by a parser, so that
 * it is never the root: a root's end event shows a text model's output as LangChain's
 * `{ generations }`, not as the string `invoke` returns.
 */
export function textStep(kind: TextKind): StringStep {
  const llm = new FakeStreamingLLM({});
  switch (kind) {
    case 'fakeLlm':
      return new FakeLLM({}).pipe(new StringOutputParser());
    case 'failingLlm':
      return new FakeStreamingLLM({ thrownErrorString: 'llm down' }).pipe(new StringOutputParser());
    case 'streamingLlm':
      return llm.pipe(new StringOutputParser());
    case 'list':
      return RunnableSequence.from([llm, new CommaSeparatedListOutputParser(), toText()]) as StringStep;
    case 'xml':
      return RunnableSequence.from([toXml(), llm, new XMLOutputParser(), toText()]) as StringStep;
    case 'bytes':
      return RunnableSequence.from([
        llm,
        new BytesOutputParser(),
        RunnableLambda.from(
          function decode(bytes: Uint8Array | undefined) {
            return new TextDecoder().decode(bytes ?? new Uint8Array());
          },
          { name: 'decode' },
        ),
      ]) as StringStep;
    case 'transform':
      return llm.pipe(new Shout());
    case 'whole':
      return llm.pipe(new Length());
    case 'cumulative':
      return RunnableSequence.from([llm, new Letters(), toText()]) as StringStep;
    case 'messagePrompts': {
      const viaLlm = (prompt: Runnable<{ x: string }, unknown>): Runnable<{ x: string }, string> =>
        prompt.pipe(new FakeLLM({})) as Runnable<{ x: string }, string>;
      return RunnableSequence.from([
        toVariables(),
        RunnableMap.from({
          s: viaLlm(SystemMessagePromptTemplate.fromTemplate('Be {x}')),
          h: viaLlm(HumanMessagePromptTemplate.fromTemplate('{x}?')),
          a: viaLlm(AIMessagePromptTemplate.fromTemplate('{x}!')),
          c: viaLlm(ChatMessagePromptTemplate.fromTemplate('{x}', 'critic')),
          f: viaLlm(
            new FewShotChatMessagePromptTemplate({
              examples: [{ q: 'a', a: 'b' }],
              examplePrompt: ChatPromptTemplate.fromMessages([
                HumanMessagePromptTemplate.fromTemplate('{q}'),
                AIMessagePromptTemplate.fromTemplate('{a}'),
              ]),
            }),
          ),
          w: viaLlm(
            new FewShotPromptTemplate({
              examples: [{ q: '1' }, { q: '2' }],
              examplePrompt: PromptTemplate.fromTemplate('<{q}>'),
              suffix: '{x}',
            }),
          ),
          p: viaLlm(
            new PipelinePromptTemplate({
              pipelinePrompts: [{ name: 'inner', prompt: PromptTemplate.fromTemplate('[{x}]') }],
              finalPrompt: PromptTemplate.fromTemplate('{inner}{x}'),
            }),
          ),
        }),
        RunnableLambda.from(
          function joinPrompts(texts: Record<string, string>) {
            return Object.keys(texts)
              .sort()
              .map((key) => texts[key])
              .join('|');
          },
          { name: 'joinPrompts' },
        ),
      ]) as StringStep;
    }
  }
}

/** Whether the step's chunks are cumulative. */
export function textCumulative(kind: TextKind): boolean {
  void kind;
  return false;
}

/** A root ending in a parser of the family, fed from a string. */
export function textRoot(kind: TextRootKind): Runnable<never, unknown> {
  const llm = new FakeStreamingLLM({});
  switch (kind) {
    case 'listRoot':
      return llm.pipe(new CommaSeparatedListOutputParser()) as Runnable<never, unknown>;
    case 'xmlRoot':
    case 'xmlDiffRoot':
      return RunnableSequence.from([toXml(), llm, new XMLOutputParser({ diff: kind === 'xmlDiffRoot' })]) as Runnable<
        never,
        unknown
      >;
    case 'cumulativeRoot':
    case 'cumulativeDiffRoot':
      return llm.pipe(new Letters({ diff: kind === 'cumulativeDiffRoot' })) as Runnable<never, unknown>;
  }
}

/** Whether the root's chunks are cumulative (its aggregate is its last chunk). */
export function textRootCumulative(kind: TextRootKind): boolean {
  return kind === 'xmlRoot' || kind === 'cumulativeRoot';
}
