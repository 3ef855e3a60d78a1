import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

interface Report {
  requests: number;
  openRuns: number;
  failures: string[];
  heapUsed: number;
  arrayBuffers: number;
  maxRss: number;
}

const CLIENTS = 200;
const MB = 1024 * 1024;

let child: ChildProcess | undefined;
let dir: string | undefined;
const sockets: Socket[] = [];
afterAll(() => {
  for (const socket of sockets) socket.destroy();
  child?.kill();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

function nextMessage<T>(process: ChildProcess): Promise<T> {
  return new Promise((resolve) => process.once('message', (message) => resolve(message as T)));
}

describe('hostile: 200 clients that never read a 100,000-token /stream_events run', () => {
  it('should keep the server process under 300 MB RSS and cancel every run with a BufferOverflowError', async () => {
    dir = mkdtempSync(join(tmpdir(), 'rxchain-hostile-'));
    const script = join(dir, 'server.js');
    await build({
      entryPoints: [join(__dirname, 'neverReadingServer.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: script,
      logLevel: 'silent',
    });
    child = fork(script, [String(CLIENTS)], { execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const { port, rss: idle } = await nextMessage<{ port: number; rss: number }>(child);
    const done = nextMessage<Report>(child);
    const body = JSON.stringify({ input: 'go' });
    for (let i = 0; i < CLIENTS; i++) {
      const socket = connect(port, '127.0.0.1');
      socket.pause();
      socket.write(
        `POST /stream_events HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n` +
          `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      sockets.push(socket);
    }
    // The server reports once every run has failed; each fills the kernel's socket buffers
    // (a few MB on loopback), then its own 1 MiB, before it overflows.
    const report = await done;
    expect(report.requests).toBe(CLIENTS);
    expect(report.openRuns).toBe(0);
    expect(report.failures).toHaveLength(CLIENTS);
    expect(new Set(report.failures)).toEqual(new Set(['BufferOverflowError']));
    console.log(
      `200 never-reading clients: peak RSS ${(report.maxRss / MB).toFixed(1)} MB (idle ${(idle / MB).toFixed(1)} MB), ` +
        `after: heap ${(report.heapUsed / MB).toFixed(1)} MB, array buffers ${(report.arrayBuffers / MB).toFixed(1)} MB`,
    );
    expect(report.maxRss).toBeLessThan(300 * MB);
  }, 300_000);
});
