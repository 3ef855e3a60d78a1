// Builds dist/esm (ES modules), dist/cjs (CommonJS) and dist/types (declarations) from lib/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const dist = join(root, 'dist');

function run(...args) {
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), ...args], { stdio: 'inherit' });
}

rmSync(dist, { recursive: true, force: true });
run('--module', 'ES2022', '--moduleResolution', 'Bundler', '--outDir', join(dist, 'esm'));
run('--module', 'CommonJS', '--moduleResolution', 'Node10', '--outDir', join(dist, 'cjs'));
run(
  '--module',
  'ES2022',
  '--moduleResolution',
  'Bundler',
  '--declaration',
  '--emitDeclarationOnly',
  '--sourceMap',
  'false',
  '--outDir',
  join(dist, 'types'),
);

// Bundlers read `sideEffects` from the package.json nearest to a file, so each build says
// which of its modules has one: the composition table registers itself when imported.
// Every other module can be dropped when nothing of it is used.
const sideEffects = ['./runnables/composition.js'];
for (const [folder, type] of [
  ['esm', 'module'],
  ['cjs', 'commonjs'],
]) {
  mkdirSync(join(dist, folder), { recursive: true });
  writeFileSync(join(dist, folder, 'package.json'), `${JSON.stringify({ type, sideEffects }, null, 2)}\n`);
}
