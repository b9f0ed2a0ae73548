import { execFileSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { startJanus, type JanusProcess } from '../../signaling-server/src/sfu/startJanus.js';

/** The veth end Janus uses for media inside the test's network namespace (Janus will not use loopback). */
const JANUS_SIDE = 'wavasfu0';
const OTHER_SIDE = 'wavasfu1';
/** The veth pair other SFU specs leave in the namespace for the next (a packet filter may ignore them). */
export const SFU_VETH_INTERFACES: readonly string[] = [JANUS_SIDE, OTHER_SIDE];

/**
 * Janus for a browser test, inside the run's own network namespace (scripts/e2e.sh): a veth pair whose one end
 * (10.213.7.1) Janus uses for media (`ice_enforce_list`), the other (10.213.7.2) the browsers reach it from.
 * These addresses exist only in that namespace. Outside one (not root), this refuses rather than touch the
 * machine's network.
 */
export async function startJanusInNamespace(secret: string): Promise<JanusProcess> {
  const outer = process.env.WAVA_E2E_OUTER_NETNS;
  if (!outer || readlinkSync('/proc/self/ns/net') === outer)
    throw new Error('the SFU browser tests need their own network namespace: run scripts/e2e.sh as root');
  const links = execFileSync('ip', ['-o', 'link', 'show']).toString();
  if (!links.includes(`${JANUS_SIDE}@`)) {
    execFileSync('ip', ['link', 'add', JANUS_SIDE, 'type', 'veth', 'peer', 'name', OTHER_SIDE]);
    execFileSync('ip', ['addr', 'add', '10.213.7.1/24', 'dev', JANUS_SIDE]);
    execFileSync('ip', ['addr', 'add', '10.213.7.2/24', 'dev', OTHER_SIDE]);
    execFileSync('ip', ['link', 'set', JANUS_SIDE, 'up']);
    execFileSync('ip', ['link', 'set', OTHER_SIDE, 'up']);
  }
  return startJanus({ secret, interfaces: [JANUS_SIDE] });
}
