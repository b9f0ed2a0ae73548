import { afterAll, beforeAll } from 'vitest';
import { startJanus, type JanusProcess } from '../../src/sfu/startJanus.js';
import { newMeeting } from '../support/meetings.js';
import type { TestServer } from '../support/startTestServer.js';
import { useTwoServers, type TwoServers } from '../support/twoServers.js';
import { registerUser } from '../support/users.js';
import { enterMeeting, type MeetingPerson } from '../sfu/enterMeeting.js';
import { SFU_SECRET } from '../sfu/sfuSupport.js';

export interface SfuClusterMeeting extends TwoServers {
  janus: JanusProcess;
  /** Person `index + 1` connects to `server` and joins the meeting (their modes logged from the start). */
  enter(server: TestServer, index: number): Promise<MeetingPerson>;
}

/**
 * An SFU cluster test file's set-up, as its hooks: one real Janus started with SFU_SECRET for the file; the
 * function returned starts two servers using it with a threshold of 2 (plus `env`; with `directMode`, clients
 * are sent to Janus itself), registers `people` users "Person 1", "Person 2"... and creates a meeting hosted by
 * Person 1. Sockets and servers go after each test (as useTwoServers), Janus after all.
 */
export function useSfuCluster(): (setup: {
  people: number;
  env?: Record<string, string>;
  directMode?: boolean;
}) => Promise<SfuClusterMeeting> {
  let janus: JanusProcess | undefined;
  const twoServers = useTwoServers();
  beforeAll(async () => {
    janus = await startJanus({ secret: SFU_SECRET });
  });
  afterAll(async () => {
    await janus?.stop();
  });
  return async ({ people, env = {}, directMode = false }) => {
    if (!janus) throw new Error('useSfuCluster: Janus has not started');
    const deployment = await twoServers({
      WAVA_SFU_URLS: janus.url,
      WAVA_SFU_ADMIN_URLS: janus.adminUrl,
      ...(directMode ? { WAVA_SFU_PUBLIC_URLS: janus.url } : {}),
      WAVA_SFU_SECRET: SFU_SECRET,
      WAVA_SFU_THRESHOLD: '2',
      ...env,
    });
    const { one } = deployment;
    const users = await Promise.all(Array.from({ length: people }, (_, i) => registerUser(one.api, `Person ${i + 1}`)));
    const code = await newMeeting(one.api, users[0]!);
    return {
      ...deployment,
      janus,
      enter: (server, index) => enterMeeting(server, users[index]!, code),
    };
  };
}
