// Writes a Janus configuration folder for Wava and, with --start, runs `janus -F <dir>` in the foreground.
//   npx tsx scripts/sfu-janus.mts --dir /etc/wava-janus --host 10.0.0.5 --ws-port 8188 --admin-port 7188 \
//     --interfaces eth0 [--public-ip 203.0.113.5] [--rtp-ports 20000-40000] [--start]
// The secret comes from WAVA_SFU_SECRET (the same value the Wava server is given), or is generated and printed.
// It prints the WAVA_SFU_* settings to give the Wava server for this instance. See README "Large meetings (SFU)".
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeJanusConfig } from '../signaling-server/src/sfu/writeJanusConfig.js';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    'ws-port': { type: 'string', default: '8188' },
    'admin-port': { type: 'string', default: '7188' },
    interfaces: { type: 'string' },
    'public-ip': { type: 'string' },
    'rtp-ports': { type: 'string' },
    'stun-server': { type: 'string' },
    start: { type: 'boolean', default: false },
  },
});
if (!values.dir) {
  console.error(
    'usage: npx tsx scripts/sfu-janus.mts --dir DIR [--host IP] [--ws-port N] [--admin-port N] [--interfaces eth0] [--start]',
  );
  process.exit(2);
}
const dir = resolve(values.dir);
const secret = process.env.WAVA_SFU_SECRET ?? randomBytes(24).toString('base64url');
if (secret.length < 32) {
  console.error('WAVA_SFU_SECRET must be at least 32 characters long');
  process.exit(2);
}
writeJanusConfig(dir, {
  host: values.host,
  wsPort: Number(values['ws-port']),
  adminPort: Number(values['admin-port']),
  secret,
  interfaces: values.interfaces?.split(',').filter(Boolean),
  publicIp: values['public-ip'],
  rtpPortRange: values['rtp-ports'],
  stunServer: values['stun-server'],
});
console.log(`Janus configuration written to ${dir}. Give the Wava server:`);
console.log(`  WAVA_SFU_URLS=ws://${values.host}:${values['ws-port']}`);
console.log(`  WAVA_SFU_ADMIN_URLS=ws://${values.host}:${values['admin-port']}`);
console.log(process.env.WAVA_SFU_SECRET ? '  WAVA_SFU_SECRET=(the one you set)' : `  WAVA_SFU_SECRET=${secret}`);
if (values.start) {
  const child = spawn('janus', ['-F', dir, '-o'], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 1));
}
