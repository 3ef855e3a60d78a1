/**
 * Installs and builds examples/angular for the browser spec, and serves its build.
 * `npm install` runs only when the example's dependencies are missing; the build is the
 * example's own `npm run build` (which first makes node_modules/rxchain the current build
 * of the repository), production configuration, with esbuild's metafile in dist/stats.json.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

/** The example's folder. */
export const exampleDir = join(__dirname, '..', '..', '..', 'examples', 'angular');

/** Where `ng build` writes the files to serve. */
export const browserDir = join(exampleDir, 'dist', 'browser');

/** Runs `npm ...args` in the example; rejects with the tail of its output when it fails. */
function npm(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', [...args], {
      cwd: exampleDir,
      env: { ...process.env, NG_CLI_ANALYTICS: 'false', NG_FORCE_TTY: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-8000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`npm ${args.join(' ')} in examples/angular exited with ${String(code)}:\n${output}`));
    });
  });
}

/** How long the install (when it ran) and the build took, in seconds. */
export interface PrepareTimes {
  readonly install?: number;
  readonly build: number;
}

/** Installs the example's dependencies if they are missing, then builds it. */
export async function prepareAngularExample(): Promise<PrepareTimes> {
  const seconds = (since: bigint): number => Number((process.hrtime.bigint() - since) / 1_000_000n) / 1000;
  let install: number | undefined;
  if (!existsSync(join(exampleDir, 'node_modules', '@angular', 'build', 'package.json'))) {
    const started = process.hrtime.bigint();
    await npm(['install', '--no-audit', '--no-fund']);
    install = seconds(started);
  }
  const started = process.hrtime.bigint();
  await npm(['run', 'build', '--', '--stats-json']);
  const build = seconds(started);
  return install === undefined ? { build } : { install, build };
}

/** The input files of the build (esbuild's metafile), relative to the example. */
export function bundledInputs(): string[] {
  const stats = JSON.parse(readFileSync(join(exampleDir, 'dist', 'stats.json'), 'utf8')) as {
    inputs: Record<string, unknown>;
  };
  return Object.keys(stats.inputs);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/** A loopback server for the built app, with some paths handed to other handlers. */
export interface AppServer {
  readonly origin: string;
  close(): Promise<void>;
}

/** A route: requests whose path starts with `prefix` go to `handle` instead of the files. */
export interface Route {
  readonly prefix: string;
  handle(req: IncomingMessage, res: ServerResponse): void;
}

/** Serves `dir` on 127.0.0.1 (random port); unknown paths get index.html, as `ng serve` does. */
export async function serveApp(dir: string, routes: readonly Route[] = []): Promise<AppServer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const route = routes.find((r) => path.startsWith(r.prefix));
    if (route !== undefined) {
      route.handle(req, res);
      return;
    }
    let file = normalize(join(dir, path));
    if (!file.startsWith(dir + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile())
      file = join(dir, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
