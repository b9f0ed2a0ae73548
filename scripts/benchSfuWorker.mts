// A process of scripts/benchSfu.mts holding some of its simulated participants: Node WebRTC runs every peer
// connection of a process on one worker and one network thread, so the bench spreads people over processes.
// Commands come over the IPC channel ({id, op, index, ...}); each answer is {id, value} or {id, error}.
import type { FeedStream, SimulatedSfuParticipant } from '../e2e/support/simulatedSfuParticipant.js';
import { joinSfuAsSimulated } from '../e2e/support/simulatedSfuParticipant.js';
import type { SfuMode } from '@wava/protocol';

type Command =
  | { id: number; op: 'join'; index: number; mode: SfuMode }
  | { id: number; op: 'publish' | 'feeds' | 'sent' | 'received' | 'disconnected'; index: number }
  | { id: number; op: 'subscribe'; index: number; streams: FeedStream[] }
  | { id: number; op: 'close' };

const people = new Map<number, SimulatedSfuParticipant>();

async function run(command: Command): Promise<unknown> {
  if (command.op === 'close') {
    for (const person of people.values()) person.close();
    setTimeout(() => process.exit(0), 100);
    return null;
  }
  if (command.op === 'join') {
    people.set(command.index, await joinSfuAsSimulated(command.mode));
    return null;
  }
  const person = people.get(command.index);
  if (!person) throw new Error(`no participant ${command.index} here`);
  switch (command.op) {
    case 'publish':
      return person.publish();
    case 'feeds':
      return person.feeds();
    case 'subscribe':
      return person.subscribe(command.streams);
    case 'sent':
      return person.sent();
    case 'received':
      return person.received();
    case 'disconnected':
      return person.disconnected();
  }
}

process.on('message', (command: Command) => {
  run(command).then(
    (value) => process.send?.({ id: command.id, value: value ?? null }),
    (error: unknown) => process.send?.({ id: command.id, error: String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
