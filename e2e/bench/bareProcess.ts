import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface BareServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** The bare approach's server (bare/bareServer.mjs) as its own process on a free loopback port. */
export function startBareServer(): Promise<BareServer> {
  const child = spawn(process.execPath, [resolve(__dirname, 'bare/bareServer.mjs'), '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((done, fail) => {
    child.once('exit', (code) => fail(new Error(`the bare server exited with ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      const port = /listening (\d+)/.exec(chunk.toString())?.[1];
      if (!port) return;
      done({
        url: `http://127.0.0.1:${port}`,
        port: Number(port),
        stop: () =>
          new Promise((stopped) => {
            child.removeAllListeners('exit');
            child.once('exit', () => stopped());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
