import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execCommandRunner } from '../../src/main/policy/execCommandRunner.js';
import { jsonPolicyFile } from '../../src/main/policy/jsonPolicyFile.js';
import { macManagedPreferences } from '../../src/main/policy/macManagedPreferences.js';
import { policyFilePath, policySources } from '../../src/main/policy/policySources.js';
import type { CommandRunner } from '../../src/main/policy/PolicySource.js';
import { readPolicy } from '../../src/main/policy/readPolicy.js';
import { parseRegQueryOutput, regExePath, windowsRegistryPolicy } from '../../src/main/policy/windowsRegistryPolicy.js';
import { useTempDirs } from './support/tempDir.js';

const tempDir = useTempDirs();

const REG_EXE = 'C:\\Windows\\System32\\reg.exe';

function policyFile(content: string | Buffer): string {
  const path = join(tempDir(), 'policy.json');
  writeFileSync(path, content);
  return path;
}

/** What `reg query HKLM\SOFTWARE\Policies\Wava` prints on Windows (CRLF, four-space columns). */
const REG_OUTPUT = [
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Wava',
  '    serverUrl    REG_SZ    https://meet.corp.example',
  '    lockServerUrl    REG_DWORD    0x1',
  '    disableUpdates    REG_DWORD    0x0',
  '    allowInsecureTokenStorage    REG_DWORD    0x0',
  '',
].join('\r\n');

/** Stands in for reg.exe and plutil, which do not exist on Linux: the parsing around them is what is tested. */
function fakeRunner(
  answers: Record<string, { exitCode: number; stdout: string }>,
): CommandRunner & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    async run(file, args) {
      calls.push([file, ...args]);
      const answer = answers[file];
      if (!answer) throw new Error(`spawn ${file} ENOENT`);
      return answer;
    },
  };
}

describe('policy from a JSON file (real files)', () => {
  it('reads every key', async () => {
    const path = policyFile(
      JSON.stringify({
        serverUrl: 'https://meet.corp.example/',
        lockServerUrl: true,
        disableUpdates: true,
        updateFeedUrl: 'https://updates.corp.example/wava',
        allowInsecureTokenStorage: false,
      }),
    );
    const report = await readPolicy([jsonPolicyFile(path)]);
    expect(report.policy).toEqual({
      serverUrl: 'https://meet.corp.example',
      lockServerUrl: true,
      disableUpdates: true,
      updateFeedUrl: 'https://updates.corp.example/wava',
      allowInsecureTokenStorage: false,
    });
    expect(report.problems).toEqual([]);
    expect(report.origins.serverUrl).toBe(path);
  });

  it('treats a missing file as no policy, without a problem', async () => {
    const report = await readPolicy([jsonPolicyFile(join(tempDir(), 'nope', 'policy.json'))]);
    expect(report).toEqual({ policy: {}, origins: {}, problems: [] });
  });

  it.each([
    ['broken JSON', '{"serverUrl": "https://x.example",', /not valid JSON/],
    ['an array', '[1,2,3]', /must contain a JSON object/],
    ['a string', '"https://x.example"', /must contain a JSON object/],
    ['an empty file', '', /not valid JSON/],
  ])('reports and ignores %s, never throwing', async (_name, content, problem) => {
    const report = await readPolicy([jsonPolicyFile(policyFile(content))]);
    expect(report.policy).toEqual({});
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatch(problem);
  });

  it('reports a file larger than 64 KiB instead of parsing it', async () => {
    const report = await readPolicy([jsonPolicyFile(policyFile(Buffer.alloc(70_000, 0x20)))]);
    expect(report.problems[0]).toMatch(/larger than 64 KiB/);
  });

  it('reports a directory where the file should be', async () => {
    const report = await readPolicy([jsonPolicyFile(tempDir())]);
    expect(report.problems[0]).toMatch(/cannot be read \(EISDIR\)/);
  });

  it('accepts a UTF-8 byte-order mark (Notepad writes one)', async () => {
    const report = await readPolicy([jsonPolicyFile(policyFile('\uFEFF{"disableUpdates": true}'))]);
    expect(report.policy).toEqual({ disableUpdates: true });
  });

  it('keeps the valid keys and reports each bad or unknown one', async () => {
    const path = policyFile(
      JSON.stringify({
        serverUrl: 'javascript:alert(1)',
        lockServerUrl: 'yes',
        disableUpdates: true,
        updateFeedUrl: 'http://insecure.example/feed',
        allowInsecureTokenStorage: false,
        serverURL: 'https://typo.example',
      }),
    );
    const report = await readPolicy([jsonPolicyFile(path)]);
    expect(report.policy).toEqual({ disableUpdates: true, allowInsecureTokenStorage: false });
    expect(report.problems).toHaveLength(4);
    expect(report.problems.join('\n')).toMatch(/"serverUrl" must be an https address/);
    expect(report.problems.join('\n')).toMatch(/"updateFeedUrl" must be an https address/);
    expect(report.problems.join('\n')).toMatch(/"lockServerUrl" has an invalid value/);
    expect(report.problems.join('\n')).toMatch(/unknown key "serverURL"/);
  });
});

describe('policy from the Windows registry', () => {
  it('parses reg query output: strings, and DWORD 0/1 as booleans', () => {
    expect(parseRegQueryOutput(REG_OUTPUT)).toEqual({
      serverUrl: 'https://meet.corp.example',
      lockServerUrl: true,
      disableUpdates: false,
      allowInsecureTokenStorage: false,
    });
  });

  it('keeps other DWORDs as numbers (so a schema error is reported) and marks unsupported types', () => {
    const values = parseRegQueryOutput(
      '    lockServerUrl    REG_DWORD    0x2\r\n    serverUrl    REG_MULTI_SZ    a\\0b\r\n',
    );
    expect(values).toEqual({ lockServerUrl: 2, serverUrl: { unsupportedType: 'REG_MULTI_SZ' } });
  });

  it('queries HKLM\\SOFTWARE\\Policies\\Wava with reg.exe, without a shell', async () => {
    const runner = fakeRunner({ [REG_EXE]: { exitCode: 0, stdout: REG_OUTPUT } });
    const report = await readPolicy([windowsRegistryPolicy(runner, REG_EXE)]);
    expect(runner.calls).toEqual([[REG_EXE, 'query', 'HKLM\\SOFTWARE\\Policies\\Wava']]);
    expect(report.policy.serverUrl).toBe('https://meet.corp.example');
  });

  it('treats a missing key (reg.exe exit code 1) as no policy', async () => {
    const runner = fakeRunner({ [REG_EXE]: { exitCode: 1, stdout: '' } });
    expect(await readPolicy([windowsRegistryPolicy(runner, REG_EXE)])).toEqual({
      policy: {},
      origins: {},
      problems: [],
    });
  });

  it('reports, and survives, reg.exe failing to start', async () => {
    const report = await readPolicy([windowsRegistryPolicy(fakeRunner({}), REG_EXE)]);
    expect(report.policy).toEqual({});
    expect(report.problems[0]).toMatch(/could not be queried/);
  });

  it('lets the registry win over the JSON file, key by key', async () => {
    const file = jsonPolicyFile(
      policyFile(JSON.stringify({ serverUrl: 'https://file.example', disableUpdates: true })),
    );
    const registry = windowsRegistryPolicy(
      fakeRunner({ [REG_EXE]: { exitCode: 0, stdout: '    serverUrl    REG_SZ    https://gpo.example\r\n' } }),
      REG_EXE,
    );
    const report = await readPolicy([file, registry]);
    expect(report.policy).toEqual({ serverUrl: 'https://gpo.example', disableUpdates: true });
  });
});

describe('which reg.exe runs (never one found through the current directory)', () => {
  it('runs %SystemRoot%\\System32\\reg.exe by its absolute path', async () => {
    const runner = fakeRunner({ 'D:\\WINNT\\System32\\reg.exe': { exitCode: 0, stdout: REG_OUTPUT } });
    const sources = policySources('win32', { SystemRoot: 'D:\\WINNT' }, runner, async () => false);
    const report = await readPolicy(sources);
    expect(runner.calls.map(([file]) => file)).toEqual(['D:\\WINNT\\System32\\reg.exe']);
    expect(report.policy.serverUrl).toBe('https://meet.corp.example');
  });

  it.each<[string, Record<string, string | undefined>]>([
    ['SystemRoot is not set', {}],
    ['SystemRoot is relative', { SystemRoot: 'Windows' }],
    ['SystemRoot is empty', { SystemRoot: '' }],
    ['SystemRoot climbs out', { SystemRoot: 'C:\\Users\\me\\..\\..\\Temp' }],
    ['SystemRoot is a network share', { SystemRoot: '\\\\attacker\\share' }],
    ['SystemRoot is drive-relative', { SystemRoot: 'C:Temp' }],
  ])('falls back to C:\\Windows\\System32\\reg.exe when %s', (_name, env) => {
    expect(regExePath(env)).toBe(REG_EXE);
  });

  it('never returns a bare program name', () => {
    for (const env of [{}, { SystemRoot: 'C:\\Windows' }, { SYSTEMROOT: 'E:\\Win' }]) {
      expect(regExePath(env)).toMatch(/^[A-Za-z]:\\.+\\System32\\reg\.exe$/);
    }
  });
});

describe('policy from macOS managed preferences', () => {
  it('converts the plist with plutil and reads its keys, ignoring MDM payload keys', async () => {
    const runner = fakeRunner({
      '/usr/bin/plutil': {
        exitCode: 0,
        stdout: JSON.stringify({ serverUrl: 'https://mdm.example', PayloadUUID: 'x' }),
      },
    });
    const report = await readPolicy([macManagedPreferences(runner, async () => true)]);
    expect(report.policy).toEqual({ serverUrl: 'https://mdm.example' });
    expect(report.problems).toEqual([]);
    expect(runner.calls[0]).toEqual([
      '/usr/bin/plutil',
      '-convert',
      'json',
      '-o',
      '-',
      '/Library/Managed Preferences/com.wava.desktop.plist',
    ]);
  });

  it('does not run plutil when there is no profile', async () => {
    const runner = fakeRunner({});
    expect((await readPolicy([macManagedPreferences(runner, async () => false)])).problems).toEqual([]);
    expect(runner.calls).toEqual([]);
  });

  it('reports a plist plutil cannot read', async () => {
    const runner = fakeRunner({ '/usr/bin/plutil': { exitCode: 1, stdout: '' } });
    const report = await readPolicy([macManagedPreferences(runner, async () => true)]);
    expect(report.problems[0]).toMatch(/not a valid property list/);
  });
});

describe('where policy lives', () => {
  it('uses the documented system-wide path on each OS', () => {
    expect(policyFilePath('linux', {})).toBe('/etc/wava/policy.json');
    expect(policyFilePath('darwin', {})).toBe('/Library/Application Support/Wava/policy.json');
    expect(policyFilePath('win32', { ProgramData: 'D:\\ProgramData' })).toBe(
      join('D:\\ProgramData', 'Wava', 'policy.json'),
    );
  });

  it('adds the OS management channel after the file (so it wins)', () => {
    const runner = fakeRunner({});
    const names = (platform: NodeJS.Platform) =>
      policySources(platform, {}, runner, async () => false).map((s) => s.name);
    expect(names('linux')).toEqual(['/etc/wava/policy.json']);
    expect(names('darwin')).toEqual([
      '/Library/Application Support/Wava/policy.json',
      '/Library/Managed Preferences/com.wava.desktop.plist',
    ]);
    expect(names('win32')[1]).toBe('HKLM\\SOFTWARE\\Policies\\Wava');
  });

  it('cannot be redirected by a user-controlled environment variable', () => {
    expect(policyFilePath('linux', { WAVA_POLICY_FILE: '/tmp/mine.json', HOME: '/home/x' })).toBe(
      '/etc/wava/policy.json',
    );
  });
});

describe('the real command runner (what reg.exe and plutil run through)', () => {
  it('returns stdout and a zero exit code', async () => {
    await expect(execCommandRunner.run(process.execPath, ['-e', 'process.stdout.write("hi")'])).resolves.toEqual({
      exitCode: 0,
      stdout: 'hi',
    });
  });

  it('returns a non-zero exit code instead of throwing', async () => {
    await expect(execCommandRunner.run(process.execPath, ['-e', 'process.exit(1)'])).resolves.toMatchObject({
      exitCode: 1,
    });
  });

  it('rejects when the program does not exist', async () => {
    await expect(execCommandRunner.run('/nonexistent/reg.exe', ['query'])).rejects.toThrow(/ENOENT/);
  });
});
