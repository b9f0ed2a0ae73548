import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ShutdownNotice } from '../../src/main/shutdown/handleSystemShutdown.js';
import { onShutdownSignals, type SignalSource } from '../../src/main/shutdown/shutdownSignals.js';

const CHILD = fileURLToPath(new URL('./support/signalChild.ts', import.meta.url));

describe('shutdown signals (Linux, macOS)', () => {
  it('SIGTERM, SIGINT and SIGHUP each reach the listener; listeners already there are kept, after ours', () => {
    const proc = new EventEmitter();
    const calls: string[] = [];
    proc.once('SIGTERM', () => calls.push('theirs'));
    const notices: ShutdownNotice[] = [];
    const watch = onShutdownSignals(proc as unknown as SignalSource, (notice) => {
      notices.push(notice);
      calls.push('ours');
    });
    proc.emit('SIGTERM', 'SIGTERM');
    proc.emit('SIGTERM', 'SIGTERM');
    proc.emit('SIGINT', 'SIGINT');
    proc.emit('SIGHUP', 'SIGHUP');
    expect(calls).toEqual(['ours', 'theirs', 'ours', 'ours', 'ours']);
    expect(notices).toEqual([
      { kind: 'signal', signal: 'SIGTERM' },
      { kind: 'signal', signal: 'SIGTERM' },
      { kind: 'signal', signal: 'SIGINT' },
      { kind: 'signal', signal: 'SIGHUP' },
    ]);
    watch.dispose();
    expect(['SIGTERM', 'SIGINT', 'SIGHUP'].map((signal) => proc.listenerCount(signal))).toEqual([0, 0, 0]);
  });

  it('a real process that loaded when-exit (as the app does) is not ended by SIGTERM: Wava decides when', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const lines: string[] = [];
    const reader = createInterface({ input: child.stdout });
    reader.on('line', (line) => lines.push(line));
    const next = (wanted: string) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!lines.includes(wanted)) return;
          reader.off('line', check);
          resolve();
        };
        reader.on('line', check);
        void exited.then(() => reject(new Error(`the child ended before "${wanted}": ${lines.join(', ')}`)));
        check();
      });
    try {
      await next('listening');
      child.kill('SIGTERM');
      await next('notice SIGTERM');
      // Still running after SIGTERM (when-exit raised it again after its clean-up, to end the process): it ends
      // when it decides to, here at SIGINT's notice.
      child.kill('SIGINT');
      await next('notice SIGINT');
      expect(await exited).toEqual({ code: 0, signal: null });
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);
});
