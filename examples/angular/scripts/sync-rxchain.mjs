// Makes node_modules/rxchain the repository's current build before `ng build` / `ng serve`:
// 1. builds the repository (`npm run build` at its root) when dist/ is missing or older
//    than a file under lib/;
// 2. reinstalls node_modules/rxchain when its dist/ differs from the repository's (or when
//    it is a symlink, which would bring the repository's own rxjs into the bundle).
// node_modules/rxchain is a packed copy (see .npmrc), which `npm install` does not refresh
// by itself; removing it and installing again packs the current build.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const app = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(app, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();
}

function newest(dir) {
  return Math.max(0, ...files(dir).map((file) => statSync(file).mtimeMs));
}

function digest(dir) {
  const hash = createHash('sha256');
  for (const file of files(dir)) hash.update(relative(dir, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

const built = join(repo, 'dist', 'esm', 'index.js');
if (!existsSync(built) || statSync(built).mtimeMs < newest(join(repo, 'lib'))) {
  if (!existsSync(join(repo, 'node_modules', 'typescript'))) {
    console.error('rxchain is not built and cannot be: run `npm install` at the repository root first.');
    process.exit(1);
  }
  console.log('building rxchain (npm run build at the repository root) ...');
  execFileSync(npm, ['run', 'build', '--silent'], { cwd: repo, stdio: 'inherit' });
}

const installed = join(app, 'node_modules', 'rxchain');
const linked = lstatSync(installed, { throwIfNoEntry: false })?.isSymbolicLink() === true;
if (linked || digest(join(installed, 'dist')) !== digest(join(repo, 'dist'))) {
  console.log('installing the current rxchain build into node_modules/rxchain ...');
  rmSync(installed, { recursive: true, force: true });
  execFileSync(npm, ['install', '--no-audit', '--no-fund'], { cwd: app, stdio: 'inherit' });
}
