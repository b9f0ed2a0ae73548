import { execFile } from 'node:child_process';
import type { CommandRunner } from './PolicySource.js';

/** Runs a system tool with a timeout, never through a shell. */
export const execCommandRunner: CommandRunner = {
  run(file, args) {
    return new Promise((resolve, reject) => {
      execFile(file, [...args], { timeout: 5000, windowsHide: true, maxBuffer: 1024 * 1024 }, (error, stdout) => {
        if (error && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve({ exitCode: error ? Number(error.code) : 0, stdout: String(stdout) });
      });
    });
  },
};
