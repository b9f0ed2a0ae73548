import { execFile } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The addresses of the pair: Janus gathers media candidates on the first end only (`ice_enforce_list`). */
export const VETH = {
  janusSide: 'wava0',
  otherSide: 'wava1',
  janusAddress: '10.213.7.1',
  otherAddress: '10.213.7.2',
} as const;

/**
 * Why a veth pair must not be made here, or null when it may: only inside the loopback-only namespace
 * scripts/e2e.sh makes (as root), where it exists for this run and nothing else. Janus will not use loopback for
 * media (../shared/TOOLCHAIN.md), so a browser reaches it over this pair.
 */
export function vethRefusal(): string | null {
  const outer = process.env.WAVA_E2E_OUTER_NETNS;
  if (!outer) return 'not started by scripts/e2e.sh as root, so not in a private network namespace';
  if (readlinkSync('/proc/self/ns/net') === outer) return 'still in the network namespace the run started in';
  if (process.getuid?.() !== 0) return 'making network interfaces needs root';
  return null;
}

/** Adds the pair (10.213.7.1/24 and .2/24); `remove` deletes it, so later tests find a loopback-only namespace. */
export async function addVethPair(): Promise<{ remove(): Promise<void> }> {
  const refusal = vethRefusal();
  if (refusal) throw new Error(`Refusing to add a veth pair: ${refusal}`);
  const ip = (...args: string[]) => run('ip', args);
  await ip('link', 'add', VETH.janusSide, 'type', 'veth', 'peer', 'name', VETH.otherSide);
  await ip('addr', 'add', `${VETH.janusAddress}/24`, 'dev', VETH.janusSide);
  await ip('addr', 'add', `${VETH.otherAddress}/24`, 'dev', VETH.otherSide);
  await ip('link', 'set', VETH.janusSide, 'up');
  await ip('link', 'set', VETH.otherSide, 'up');
  return {
    // Deleting one end deletes both.
    remove: () =>
      ip('link', 'del', VETH.janusSide).then(
        () => undefined,
        () => undefined,
      ),
  };
}
