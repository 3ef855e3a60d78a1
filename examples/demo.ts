/**
 * `npm start`: the "Using stream" part of the streaming guide, run with rxchain on the
 * built-in scripted model (no API key, no network), or on a real model when
 * OPENAI_BASE_URL points at an OpenAI-compatible server (OPENAI_API_KEY and
 * OPENAI_MODEL optional): `OPENAI_BASE_URL=http://localhost:11434/v1 OPENAI_MODEL=llama3.2 npm start`.
 */
import {
  ChatOpenAICompatible,
  ChatPromptTemplate,
  RunnableLambda,
  StringOutputParser,
  type AIMessageChunk,
  type BaseChatModel,
} from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { map, type Observable } from 'rxjs';

const tty = process.stdout.isTTY === true;
const delay = Number(process.env['RXCHAIN_DEMO_DELAY'] ?? (tty ? 35 : 0));
const bold = (text: string): string => (tty ? `\x1b[1m${text}\x1b[22m` : text);
const dim = (text: string): string => (tty ? `\x1b[2m${text}\x1b[22m` : text);
const write = (text: string): void => {
  process.stdout.write(text);
};

function heading(n: number, title: string): void {
  write(`\n${bold(`${n}. ${title}`)}\n`);
}

const baseURL = process.env['OPENAI_BASE_URL'];
const httpModel =
  baseURL !== undefined && baseURL !== ''
    ? new ChatOpenAICompatible({
        baseURL,
        apiKey: process.env['OPENAI_API_KEY'],
        model: process.env['OPENAI_MODEL'] ?? 'gpt-4o-mini',
        temperature: 0,
      })
    : undefined;

const scripted = new ScriptedChatModel({
  name: 'scripted-chat',
  delay,
  responses: (messages) => {
    const question = messages[messages.length - 1]?.text ?? '';
    if (question.includes('joke')) {
      return 'Why did the parrot sit on the stick? Because it wanted to be a polly-stick-al observer!';
    }
    if (question.includes('countries')) return 'France, Spain, Japan';
    return "Hello! I'm a scripted language model built into rxchain: I stream my replies token by token, with no key and no network.";
  },
});

const model: BaseChatModel = httpModel ?? scripted;

async function main(): Promise<void> {
  const about =
    httpModel !== undefined
      ? `  (${httpModel.model} at ${baseURL})\n`
      : '  (scripted model; set RXCHAIN_DEMO_DELAY=0 for no pacing, OPENAI_BASE_URL for a real model)\n';
  write(bold('rxchain: every step streams') + dim(about));

  heading(1, 'A chat model streams tokens');
  const chunks: AIMessageChunk[] = [];
  for await (const chunk of await model.stream('Hello! Tell me about yourself.')) {
    chunks.push(chunk);
    write(`${chunk.text}|`);
  }
  write(dim(`\n   ${chunks.length} chunks\n`));

  heading(2, 'Chunks add up: the first five, concatenated');
  let sum = chunks[0] as AIMessageChunk;
  for (const chunk of chunks.slice(1, 5)) sum = sum.concat(chunk);
  write(`${JSON.stringify(sum.content)}\n`);

  heading(3, 'prompt | model | parser: a joke about parrots');
  const prompt = ChatPromptTemplate.fromTemplate('Tell me a joke about {topic}');
  const chain = prompt.pipe(model).pipe(new StringOutputParser());
  for await (const token of await chain.stream({ topic: 'parrots' })) write(`${token}|`);
  write('\n');

  heading(4, 'A plain function as the last step waits for the whole input');
  const shout = (text: string): string => text.toUpperCase();
  const blocking = chain.pipe(shout);
  let count = 0;
  for await (const chunk of await blocking.stream({ topic: 'parrots' })) {
    count++;
    write(`${chunk}|`);
  }
  write(dim(`\n   ${count} chunk: the function ran once, on the finished text\n`));

  heading(5, 'An operator step (RunnableLambda.fromOperator) keeps it streaming');
  const shoutEach = RunnableLambda.fromOperator((tokens$: Observable<string>) => tokens$.pipe(map(shout)));
  count = 0;
  for await (const chunk of await chain.pipe(shoutEach).stream({ topic: 'parrots' })) {
    count++;
    write(`${chunk}|`);
  }
  write(dim(`\n   ${count} chunks: the operator mapped each token as it came\n`));
  write(`\n${dim('Next: npm test runs the specs; docs/guide/stream.md walks through this code.')}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
