import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' }).trim();
}

const chainScript = (load: string): string => `
${load}
const prompt = rx.ChatPromptTemplate.fromTemplate('Tell me a joke about {topic}');
const model = new testing.ScriptedChatModel({ responses: ['Knock knock.'] });
const chain = prompt.pipe(model).pipe(new rx.StringOutputParser());
(async () => {
  const chunks = [];
  for await (const chunk of await chain.stream({ topic: 'doors' })) chunks.push(chunk);
  console.log(JSON.stringify(chunks));
})();
`;

describe('the built package', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'pipe' });
  }, 120_000);

  it('should load with require() through the exports map', () => {
    const out = node([
      '-e',
      chainScript("const rx = require('rxchain'); const testing = require('rxchain/testing');"),
    ]);
    expect(JSON.parse(out)).toEqual(['Knock', ' knock.']);
  });

  it('should load with import through the exports map', () => {
    const out = node([
      '--input-type=module',
      '-e',
      chainScript("import * as rx from 'rxchain'; import * as testing from 'rxchain/testing';"),
    ]);
    expect(JSON.parse(out)).toEqual(['Knock', ' knock.']);
  });

  it('should share one Runnable class between rxchain and rxchain/testing in each format', () => {
    const cjs = node([
      '-e',
      "const rx = require('rxchain'); const t = require('rxchain/testing'); console.log(new t.ScriptedChatModel({ responses: ['x'] }) instanceof rx.Runnable);",
    ]);
    const esm = node([
      '--input-type=module',
      '-e',
      "import * as rx from 'rxchain'; import * as t from 'rxchain/testing'; console.log(new t.ScriptedChatModel({ responses: ['x'] }) instanceof rx.Runnable);",
    ]);
    expect([cjs, esm]).toEqual(['true', 'true']);
  });

  it('should ship type declarations for both entry points', () => {
    const out = node([
      '-e',
      "const fs = require('fs'); console.log(['dist/types/index.d.ts', 'dist/types/testing/index.d.ts'].every((f) => fs.existsSync(f)));",
    ]);
    expect(out).toBe('true');
  });
});
