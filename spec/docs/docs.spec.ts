import { join } from 'node:path';
import { compile, markdownBlocks, tsdocBlocks, type CodeBlock } from './codeBlocks';
import { OpenAITestServer } from '../support/openaiServer';
import { docsReply } from './openaiDocsServer';

const root = join(__dirname, '..', '..');

type AsyncBody = (
  require: NodeJS.Require,
  exports: Record<string, unknown>,
  module: { exports: Record<string, unknown> },
  check: (actual: unknown[], expected: unknown[], statement: string) => void,
  console: Pick<Console, 'log' | 'error' | 'warn' | 'info'>,
) => Promise<void>;

const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => AsyncBody;

async function run(block: CodeBlock): Promise<{ checks: number }> {
  let checks = 0;
  const body = new AsyncFunction('require', 'exports', 'module', '__check', 'console', compile(block.code));
  const exportsObject: Record<string, unknown> = {};
  const quiet = { log: () => undefined, error: () => undefined, warn: () => undefined, info: () => undefined };
  await body(
    require,
    exportsObject,
    { exports: exportsObject },
    (actual, expected, statement) => {
      checks++;
      try {
        expect(actual).toEqual(expected);
      } catch (error) {
        throw new Error(`${block.where}: \`${statement}\` did not give the documented value.\n${String(error)}`);
      }
    },
    quiet,
  );
  return { checks };
}

const docs = markdownBlocks(root);
const examples = tsdocBlocks(root);

describe('the documentation', () => {
  // Blocks that use an HTTP model read process.env.OPENAI_BASE_URL: a local test server.
  let server: OpenAITestServer;
  const savedBaseURL = process.env['OPENAI_BASE_URL'];

  beforeAll(async () => {
    server = await OpenAITestServer.start(docsReply);
    process.env['OPENAI_BASE_URL'] = server.url;
  });

  afterAll(async () => {
    if (savedBaseURL === undefined) delete process.env['OPENAI_BASE_URL'];
    else process.env['OPENAI_BASE_URL'] = savedBaseURL;
    await server.close();
  });

  it('should have examples to run', () => {
    expect(docs.length).toBeGreaterThan(0);
    expect(examples.length).toBeGreaterThan(20);
  });

  describe('guide blocks under docs/', () => {
    it.each(docs.map((block) => [block.where, block] as const))('%s should run', async (_where, block) => {
      const { checks } = await run(block);
      if (block.code.includes('// =>')) expect(checks).toBeGreaterThan(0);
    });
  });

  describe('TSDoc @example blocks under lib/', () => {
    it.each(examples.map((block) => [block.where, block] as const))('%s should run', async (_where, block) => {
      const { checks } = await run(block);
      if (block.code.includes('// =>')) expect(checks).toBeGreaterThan(0);
    });
  });

  it('should fail a block whose documented value is wrong', async () => {
    await expect(run({ where: 'inline', code: "console.log(1 + 1); // => 3" })).rejects.toThrow(/did not give the documented value/);
    await expect(run({ where: 'inline', code: "console.log(1 + 1); // => 2" })).resolves.toEqual({ checks: 1 });
  });
});
