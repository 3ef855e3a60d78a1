import {
  ChatPromptTemplate,
  RunnableLambda,
  RunnablePassthrough,
  RunnableSequence,
  StringOutputParser,
  type Runnable,
} from 'rxchain';
import { ScriptedChatModel, type TokenSplit } from 'rxchain/testing';

/** A scripted model that answers with the last message's text, cut as `split` says. */
export const echoModel = (split: TokenSplit): ScriptedChatModel =>
  new ScriptedChatModel({ responses: (messages) => messages.at(-1)?.text ?? '', split, name: 'echo' });

/** The steps the random-chain properties share, by kind (string in, string out). */
export type CommonStepKind = 'upper' | 'reverse' | 'passthrough' | 'model' | 'prompt';

/**
 * One of the shared steps: `upper` and `reverse` lambdas, a passthrough, `model` (echo model
 * | parser), or `prompt` (variables | prompt | echo model | parser).
 */
export function commonStep(kind: CommonStepKind, split: TokenSplit = 'word'): Runnable<string, string> {
  switch (kind) {
    case 'upper':
      return RunnableLambda.from(
        function upper(x: string) {
          return x.toUpperCase();
        },
        { name: 'upper' },
      );
    case 'reverse':
      return RunnableLambda.from(
        function reverse(x: string) {
          return Array.from(x).reverse().join('');
        },
        { name: 'reverse' },
      );
    case 'passthrough':
      return new RunnablePassthrough<string>();
    case 'model':
      return echoModel(split).pipe(new StringOutputParser());
    case 'prompt':
      return RunnableSequence.from([
        RunnableLambda.from(
          function toVariables(x: string) {
            return { x };
          },
          { name: 'toVariables' },
        ),
        ChatPromptTemplate.fromTemplate('Echo: {x}'),
        echoModel(split),
        new StringOutputParser(),
      ]);
  }
}
