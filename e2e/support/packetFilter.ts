import { execFile } from 'node:child_process';
import { existsSync, readlinkSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);
const IPTABLES = existsSync('/usr/sbin/iptables') ? '/usr/sbin/iptables' : 'iptables';

/**
 * Why a packet filter must not be used here, or null when it may: only inside the loopback-only network
 * namespace scripts/e2e.sh makes (as root), where a rule affects this test run and nothing else.
 */
export function packetFilterRefusal(allowedInterfaces: readonly string[] = []): string | null {
  const outer = process.env.WAVA_E2E_OUTER_NETNS;
  if (!outer) return 'not started by scripts/e2e.sh as root, so not in a private network namespace';
  let own: string;
  try {
    own = readlinkSync('/proc/self/ns/net');
  } catch {
    return 'cannot tell which network namespace this is';
  }
  if (own === outer) return 'still in the network namespace the run started in: a rule here would affect the machine';
  if (process.getuid?.() !== 0) return 'adding a packet filter rule needs root';
  const external = Object.entries(networkInterfaces()).filter(
    ([name, addresses]) => !allowedInterfaces.includes(name) && (addresses ?? []).some((address) => !address.internal),
  );
  if (external.length > 0)
    return `the namespace has non-loopback interfaces (${external.map(([name]) => name).join(', ')})`;
  return null;
}

export interface PacketFilterRule {
  /** Takes the rule out again (safe to call twice). */
  remove(): Promise<void>;
}

/** Drops every UDP packet on loopback (all WebRTC media and ICE here; the server's HTTP and websockets are TCP). */
export async function dropLoopbackUdp(): Promise<PacketFilterRule> {
  const refusal = packetFilterRefusal();
  if (refusal) throw new Error(`Refusing to add a packet filter rule: ${refusal}`);
  const rule = ['INPUT', '-i', 'lo', '-p', 'udp', '-j', 'DROP'];
  try {
    await run(IPTABLES, ['-I', ...rule]);
  } catch (error) {
    throw new Error(`iptables failed (install it: apt-get install -y iptables): ${String(error)}`);
  }
  let active = true;
  return {
    async remove() {
      if (!active) return;
      active = false;
      await run(IPTABLES, ['-D', ...rule]);
    },
  };
}

/**
 * Drops UDP to `address` except from processes of `exceptUser` and except to the ports `open`: with the SFU's
 * media address, coturn's user and its relay ports, a browser in the namespace cannot reach Janus directly, only
 * through the relay (which answers Janus from that same address). The SFU tests' veth pair (`allowedInterfaces`)
 * is the only other interface there may be.
 */
export async function dropUdpTo(
  address: string,
  options: { exceptUser: string; open: { min: number; max: number }; allowedInterfaces: readonly string[] },
): Promise<PacketFilterRule> {
  const refusal = packetFilterRefusal(options.allowedInterfaces);
  if (refusal) throw new Error(`Refusing to add a packet filter rule: ${refusal}`);
  // Locally sent packets pass OUTPUT, where the sending socket's owner is known.
  const rule = [
    ...['OUTPUT', '-p', 'udp', '-d', address],
    ...['-m', 'owner', '!', '--uid-owner', options.exceptUser],
    ...['-m', 'udp', '!', '--dport', `${options.open.min}:${options.open.max}`],
    ...['-j', 'DROP'],
  ];
  await run(IPTABLES, ['-I', ...rule]);
  let active = true;
  return {
    async remove() {
      if (!active) return;
      active = false;
      await run(IPTABLES, ['-D', ...rule]);
    },
  };
}
