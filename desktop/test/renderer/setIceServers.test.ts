import { describe, expect, it } from 'vitest';
import { setIceServers } from '../../src/renderer/call/setIceServers.js';

/** The two RTCPeerConnection members it uses (jsdom has no WebRTC); `refuses`: as a browser that throws. */
function connection(refuses = false) {
  let configuration: RTCConfiguration = {
    bundlePolicy: 'max-bundle',
    iceServers: [{ urls: ['turn:turn.test'], username: 'old', credential: 'x' }],
  };
  const pc = {
    getConfiguration: () => configuration,
    setConfiguration: (next: RTCConfiguration) => {
      if (refuses) throw new DOMException('bad', 'InvalidModificationError');
      configuration = next;
    },
  };
  return { pc: pc as unknown as RTCPeerConnection, configuration: () => configuration };
}

describe('setIceServers', () => {
  const fresh: RTCConfiguration = {
    iceServers: [{ urls: ['turn:turn.test'], username: 'new', credential: 'y' }],
    iceTransportPolicy: 'relay',
  };

  it('gives the connection the new servers and policy, keeping the rest of its configuration', () => {
    const { pc, configuration } = connection();
    const warnings: string[] = [];
    setIceServers(pc, fresh, { warn: (message) => void warnings.push(message) }, 'a call');
    expect(configuration()).toEqual({ bundlePolicy: 'max-bundle', ...fresh });
    expect(warnings).toEqual([]);
  });

  it('logs a refusal, naming the connection, and the connection keeps its servers', () => {
    const { pc, configuration } = connection(true);
    const warnings: string[] = [];
    setIceServers(pc, fresh, { warn: (message) => void warnings.push(message) }, 'the SFU');
    expect(warnings).toEqual(['could not apply new ICE servers to the SFU']);
    expect(configuration().iceServers?.[0]?.username).toBe('old');
  });
});
