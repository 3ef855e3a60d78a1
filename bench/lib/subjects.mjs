// The same components for each subject: a fake streaming chat model that emits a fixed
// list of tokens with no delay, and the chains the workloads run.
import { Observable } from 'rxjs';
import * as rx from 'rxchain';
import * as lcPrompts from '@langchain/core/prompts';
import * as lcMessages from '@langchain/core/messages';
import * as lcOutputs from '@langchain/core/outputs';
import * as lcModels from '@langchain/core/language_models/chat_models';
import * as lcParsers from '@langchain/core/output_parsers';
import * as lcRunnables from '@langchain/core/runnables';

/**
 * rxchain's fake model: one `AIMessageChunk` per token, produced synchronously by a
 * generator read through `fromIterable`, so it pauses while the consumer holds unread
 * chunks (what LangChain's async-generator model does by construction).
 */
export class RxBenchModel extends rx.BaseChatModel {
  constructor(tokens) {
    super();
    this.tokens = tokens;
  }

  get defaultName() {
    return 'BenchChatModel';
  }

  _streamChunks() {
    const tokens = this.tokens;
    return rx.fromIterable(
      (function* () {
        for (let i = 0; i < tokens.length; i++) yield new rx.AIMessageChunk(tokens[i]);
      })(),
    );
  }
}

/**
 * The same model as a plain push Observable: it emits its whole reply inside `subscribe`,
 * so nothing can read a chunk before the last one is made.
 */
export class RxPushModel extends RxBenchModel {
  _streamChunks() {
    const tokens = this.tokens;
    return new Observable((subscriber) => {
      for (let i = 0; i < tokens.length && !subscriber.closed; i++) subscriber.next(new rx.AIMessageChunk(tokens[i]));
      subscriber.complete();
    });
  }
}

/**
 * LangChain.js's fake model, written as its own providers are: `_streamResponseChunks`
 * yields one `ChatGenerationChunk` per token and reports it to the run manager (which is
 * what feeds `streamEvents`).
 */
export class LcBenchModel extends lcModels.BaseChatModel {
  constructor(tokens) {
    super({});
    this.tokens = tokens;
  }

  _llmType() {
    return 'bench';
  }

  async _generate() {
    const text = this.tokens.join('');
    return { generations: [{ text, message: new lcMessages.AIMessage(text) }] };
  }

  async *_streamResponseChunks(_messages, _options, runManager) {
    for (const token of this.tokens) {
      const chunk = new lcOutputs.ChatGenerationChunk({
        text: token,
        message: new lcMessages.AIMessageChunk({ content: token }),
      });
      yield chunk;
      await runManager?.handleLLMNewToken(token, undefined, undefined, undefined, undefined, { chunk });
    }
  }
}

const JOKE = 'Tell me a joke about {topic}';

/** `prompt | model | StringOutputParser` in rxchain. */
export function rxJokeChain(tokens) {
  return rx.ChatPromptTemplate.fromTemplate(JOKE).pipe(new RxBenchModel(tokens)).pipe(new rx.StringOutputParser());
}

/** `prompt | push model | StringOutputParser` in rxchain (see `RxPushModel`). */
export function rxPushJokeChain(tokens) {
  return rx.ChatPromptTemplate.fromTemplate(JOKE).pipe(new RxPushModel(tokens)).pipe(new rx.StringOutputParser());
}

/** `model | n async-generator identity steps` in rxchain. */
export function rxGeneratorChain(tokens, n) {
  const steps = Array.from({ length: n }, () =>
    rx.RunnableLambda.from(async function* (input) {
      for await (const chunk of input) yield chunk;
    }),
  );
  return rx.RunnableSequence.from([new RxBenchModel(tokens), ...steps]);
}

/** `prompt | model | StringOutputParser` in LangChain.js. */
export function lcJokeChain(tokens) {
  return lcPrompts.ChatPromptTemplate.fromTemplate(JOKE)
    .pipe(new LcBenchModel(tokens))
    .pipe(new lcParsers.StringOutputParser());
}

/** `model | JsonOutputParser` in rxchain. */
export function rxJsonChain(tokens) {
  return new RxBenchModel(tokens).pipe(new rx.JsonOutputParser());
}

/** `model | JsonOutputParser({ diff: true })` in rxchain: JSON Patch operations. */
export function rxJsonDiffChain(tokens) {
  return new RxBenchModel(tokens).pipe(new rx.JsonOutputParser({ diff: true }));
}

/** `model | JsonOutputParser` in LangChain.js. */
export function lcJsonChain(tokens) {
  return new LcBenchModel(tokens).pipe(new lcParsers.JsonOutputParser());
}

/** `model | n identity streaming steps` in rxchain (each step a transform of the chunk stream). */
export function rxIdentityChain(tokens, n) {
  const steps = Array.from({ length: n }, () => rx.RunnableLambda.fromOperator((source$) => source$));
  return rx.RunnableSequence.from([new RxBenchModel(tokens), ...steps]);
}

/**
 * A streaming identity step in LangChain.js, written as its own streaming output parsers
 * are (`transform` through `_transformStreamWithConfig`): a chunk passes as soon as it comes.
 */
class LcIdentity extends lcRunnables.Runnable {
  lc_namespace = ['bench'];

  invoke(input, options) {
    return this._callWithConfig((value) => value, input, options);
  }

  async *_transform(generator) {
    for await (const chunk of generator) yield chunk;
  }

  transform(generator, options) {
    return this._transformStreamWithConfig(generator, this._transform.bind(this), options);
  }
}

/** `model | n identity streaming steps` in LangChain.js. */
export function lcIdentityChain(tokens, n) {
  return lcRunnables.RunnableSequence.from([
    new LcBenchModel(tokens),
    ...Array.from({ length: n }, () => new LcIdentity()),
  ]);
}

export { rx, lcRunnables };
