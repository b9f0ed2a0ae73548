import type { IceConfig } from '@wava/protocol';

/** The RTCConfiguration for our server's ICE config: its servers and policy, nothing else. */
export function iceConfiguration(ice: IceConfig): RTCConfiguration {
  return {
    iceServers: ice.iceServers.map((server) => ({
      urls: server.urls,
      ...(server.username === undefined ? {} : { username: server.username }),
      ...(server.credential === undefined ? {} : { credential: server.credential }),
    })),
    iceTransportPolicy: ice.iceTransportPolicy,
  };
}
