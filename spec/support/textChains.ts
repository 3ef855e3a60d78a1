import { StringOutputParser, type Runnable } from 'rxchain';
import { FakeLLM, FakeStreamingLLM } from 'rxchain/testing';

/** The text models and parser-family steps the aggregation properties place in random chains. */
export type TextKind = 'fakeLlm' | 'streamingLlm';

export const TEXT_KINDS: readonly TextKind[] = ['fakeLlm', 'streamingLlm'];

type StringStep = Runnable<string, string>;

/**
 * A string-to-string step of kind `kind`. A text model is followed by a parser, so that
 * it is never the root: a root's end event shows a text model's output as LangChain's
 * `{ generations }`, not as the string `invoke` returns.
 */
export function textStep(kind: TextKind): StringStep {
  switch (kind) {
    case 'fakeLlm':
      return new FakeLLM({}).pipe(new StringOutputParser());
    case 'streamingLlm':
      return new FakeStreamingLLM({}).pipe(new StringOutputParser());
  }
}

/** Whether the step's chunks are cumulative. */
export function textCumulative(kind: TextKind): boolean {
  void kind;
  return false;
}
