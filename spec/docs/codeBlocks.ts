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

/**
 * A block of the docs that shows a file of the repository (or a marked region of it)
 * instead of running: its info string names the file, as in
 * ```` ```ts file=examples/angular/src/app/joke.ts ```` or `file=path#region`. The docs
 * spec checks that it still equals the file.
 */
export interface FileBlock extends CodeBlock {
  /** The file, relative to the repository root. */
  readonly file: string;
  /** The region of the file between its `#region name` and `#endregion` lines, if one is named. */
  readonly region?: string;
}

const FENCE = /^```(ts|typescript)\s*$/;
const OPENING = /^(`{3,})(\S*)\s*(.*)$/;
const FILE_INFO = /^file=([^\s#]+)(?:#([\w-]+))?$/;

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

/**
 * The blocks of one Markdown text: ```ts blocks to run, and blocks of any language whose
 * info string names a file (`file=path` or `file=path#region`), to compare with it. A
 * ```ts block with any other info string is an error, so that no block goes unchecked.
 */
export function markdownCodeBlocks(text: string, name: string): { run: CodeBlock[]; files: FileBlock[] } {
  const run: CodeBlock[] = [];
  const files: FileBlock[] = [];
  let open: { line: number; fence: string; language: string; info: string } | undefined;
  let body: string[] = [];
  text.split('\n').forEach((line, index) => {
    const trimmed = line.trim();
    if (open === undefined) {
      const match = OPENING.exec(trimmed);
      if (match === null) return;
      open = { line: index + 1, fence: match[1] ?? '```', language: match[2] ?? '', info: (match[3] ?? '').trim() };
      body = [];
      return;
    }
    // A fence closes with as many backticks as opened it (```` fences may hold ``` lines).
    if (trimmed !== open.fence) {
      body.push(line);
      return;
    }
    const where = `${name}:${open.line}`;
    const code = body.join('\n');
    const fileInfo = FILE_INFO.exec(open.info);
    if (fileInfo !== null) {
      const [, file, region] = fileInfo as unknown as [string, string, string | undefined];
      files.push(region === undefined ? { where, code, file } : { where, code, file, region });
    } else if (open.language === 'ts' || open.language === 'typescript') {
      if (open.info !== '') {
        throw new Error(
          `${where}: a ts block may only name a file it shows (file=path or file=path#region), not "${open.info}".`,
        );
      }
      run.push({ where, code });
    }
    open = undefined;
  });
  if (open !== undefined)
    throw new Error(`${name}:${(open as { line: number }).line}: this code block is never closed.`);
  return { run, files };
}

function markdownFiles(root: string): string[] {
  return [join(root, 'README.md'), ...walk(join(root, 'docs'), '.md')];
}

/** Every ```ts block of the README and of every Markdown file under `docs/`, to run. */
export function markdownBlocks(root: string): CodeBlock[] {
  return markdownFiles(root).flatMap(
    (file) => markdownCodeBlocks(readFileSync(file, 'utf8'), relative(root, file)).run,
  );
}

/** Every block of the README and of the Markdown under `docs/` that shows a file of the repository. */
export function markdownFileBlocks(root: string): FileBlock[] {
  return markdownFiles(root).flatMap(
    (file) => markdownCodeBlocks(readFileSync(file, 'utf8'), relative(root, file)).files,
  );
}

const REGION = /^\s*(?:\/\/|<!--|\/\*)\s*#(end)?region\b\s*([\w-]*)/;

/**
 * The text a file block must equal: the whole file, or the lines between `#region name`
 * and the next `#endregion` (written `// #region name` or `<!-- #region name -->`) without
 * their common indentation. Region marker lines and the final newline are never part of it.
 */
export function fileBlockText(root: string, file: string, region?: string): string {
  const lines = readFileSync(join(root, file), 'utf8').replace(/\n$/, '').split('\n');
  let selected = lines;
  if (region !== undefined) {
    const start = lines.findIndex((line) => {
      const marker = REGION.exec(line);
      return marker !== null && marker[1] === undefined && marker[2] === region;
    });
    if (start < 0) throw new Error(`${file} has no "#region ${region}" line.`);
    const end = lines.findIndex((line, index) => index > start && REGION.exec(line)?.[1] === 'end');
    if (end < 0) throw new Error(`${file}: "#region ${region}" has no #endregion line after it.`);
    selected = lines.slice(start + 1, end);
    const indent = Math.min(
      ...selected.filter((line) => line.trim() !== '').map((line) => /^\s*/.exec(line)?.[0].length ?? 0),
    );
    selected = selected.map((line) => line.slice(Math.min(indent, line.length)));
  }
  return selected.filter((line) => !REGION.test(line)).join('\n');
}

/**
 * Compares a file block with its file: `undefined` when they are equal, otherwise a
 * message naming the first line where they differ.
 */
export function fileBlockMismatch(root: string, block: FileBlock): string | undefined {
  const expected = fileBlockText(root, block.file, block.region);
  if (block.code === expected) return undefined;
  const shown = block.code.split('\n');
  const actual = expected.split('\n');
  let line = 0;
  while (line < shown.length && line < actual.length && shown[line] === actual[line]) line++;
  const source = block.region === undefined ? block.file : `${block.file}#${block.region}`;
  return (
    `${block.where}: the block no longer matches ${source} (first difference at line ${line + 1} of the block).\n` +
    `  block: ${JSON.stringify(shown[line] ?? '(end of block)')}\n` +
    `  file:  ${JSON.stringify(actual[line] ?? '(end of file)')}\n` +
    'Copy the file (or its region) into the block again.'
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
const CLOSING_EXPECTATION = /^\s*\);?\s*\/\/ => (.+)$/;
const OPENING_LOG = /^(\s*)(.*)console\.log\($/;

/**
 * Turns `expr // => expected` lines into assertions: `console.log(a, b) // => x, y`
 * checks the logged values, any other expression statement checks its own value. A
 * `console.log(` whose arguments span lines (as Prettier writes a long call) is checked
 * by the `// =>` on its closing `);` line.
 */
export function withExpectations(code: string): string {
  const lines = code.split('\n');
  const out: string[] = [];
  lines.forEach((line) => {
    const closing = CLOSING_EXPECTATION.exec(line);
    if (closing !== null) {
      const opening = findOpeningLog(out);
      if (opening >= 0) {
        const [, indent, prefix] = OPENING_LOG.exec(out[opening] as string) as unknown as [string, string, string];
        const args = out.splice(opening + 1).map((arg) => arg.trim());
        const label = JSON.stringify(`console.log(${args.join(' ')})`);
        out[opening] = `${indent}${prefix}__check([${args.join(' ')}], [${closing[1]}], ${label});`;
        return;
      }
    }
    const match = EXPECTATION.exec(line);
    if (match === null) {
      out.push(line);
      return;
    }
    const [, indent, statement, expected] = match as unknown as [string, string, string, string];
    const trimmed = statement.trim();
    const call = trimmed.lastIndexOf('console.log(');
    const label = JSON.stringify(trimmed);
    if (call >= 0 && trimmed.endsWith(')')) {
      // `if (x) console.log(a, b) // => ...` checks the logged values where they are logged.
      const args = trimmed.slice(call + 'console.log('.length, -1);
      out.push(`${indent}${trimmed.slice(0, call)}__check([${args}], [${expected}], ${label});`);
      return;
    }
    out.push(`${indent}__check([${trimmed}], [${expected}], ${label});`);
  });
  return out.join('\n');
}

/**
 * The line that opens the `console.log(` call whose arguments are the lines after it (each
 * indented deeper than the opening line), or -1.
 */
function findOpeningLog(lines: readonly string[]): number {
  for (let i = lines.length - 1; i >= 0; i--) {
    const opening = OPENING_LOG.exec(lines[i] as string);
    if (opening !== null) {
      const indent = (opening[1] as string).length;
      const args = lines.slice(i + 1);
      return args.length > 0 && args.every((arg) => /^\s*/.exec(arg)![0].length > indent) ? i : -1;
    }
  }
  return -1;
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
