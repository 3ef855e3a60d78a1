import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** One TypeScript example found in the docs or in a TSDoc `@example`. */
export interface CodeBlock {
  /** Where it was found, as `file:line`. */
  readonly where: string;
  /** The code. */
  readonly code: string;
}

const FENCE = /^```(ts|typescript)\s*$/;

function walk(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path, ext));
    else if (name.endsWith(ext)) out.push(path);
  }
  return out.sort();
}

function blocksOf(lines: readonly string[], file: string, root: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let start = -1;
  let body: string[] = [];
  lines.forEach((line, index) => {
    if (start < 0) {
      if (FENCE.test(line.trim())) {
        start = index;
        body = [];
      }
    } else if (line.trim() === '```') {
      blocks.push({ where: `${relative(root, file)}:${start + 1}`, code: body.join('\n') });
      start = -1;
    } else {
      body.push(line);
    }
  });
  return blocks;
}

/** Every ```ts block of the README and of every Markdown file under `docs/`. */
export function markdownBlocks(root: string): CodeBlock[] {
  return [join(root, 'README.md'), ...walk(join(root, 'docs'), '.md')].flatMap((file) =>
    blocksOf(readFileSync(file, 'utf8').split('\n'), file, root),
  );
}

/** Every ```ts block inside a TSDoc comment under `lib/`. */
export function tsdocBlocks(root: string): CodeBlock[] {
  return walk(join(root, 'lib'), '.ts').flatMap((file) => {
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.replace(/^\s*\* ?/, '').replace(/^\s*\/\*\*.*$/, ''));
    return blocksOf(lines, file, root);
  });
}

const EXPECTATION = /^(\s*)(.+?);?\s*\/\/ => (.+)$/;

/**
 * Turns `expr // => expected` lines into assertions: `console.log(a, b) // => x, y`
 * checks the logged values, any other expression statement checks its own value.
 */
export function withExpectations(code: string): string {
  return code
    .split('\n')
    .map((line) => {
      const match = EXPECTATION.exec(line);
      if (match === null) return line;
      const [, indent, statement, expected] = match as unknown as [string, string, string, string];
      const trimmed = statement.trim();
      const call = trimmed.lastIndexOf('console.log(');
      const label = JSON.stringify(trimmed);
      if (call >= 0 && trimmed.endsWith(')')) {
        // `if (x) console.log(a, b) // => ...` checks the logged values where they are logged.
        const args = trimmed.slice(call + 'console.log('.length, -1);
        return `${indent}${trimmed.slice(0, call)}__check([${args}], [${expected}], ${label});`;
      }
      return `${indent}__check([${trimmed}], [${expected}], ${label});`;
    })
    .join('\n');
}

/** Compiles a block to CommonJS that runs inside an async function. */
export function compile(code: string): string {
  return ts.transpileModule(withExpectations(code), {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
    reportDiagnostics: false,
  }).outputText;
}
