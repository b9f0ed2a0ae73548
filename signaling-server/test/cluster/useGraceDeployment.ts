import { afterAll, afterEach, beforeAll } from 'vitest';
import { startJanus, type JanusProcess } from '../../src/sfu/startJanus.js';
import { newMeeting } from '../support/meetings.js';
import { closeAllPeerSockets } from '../support/peerSocket.js';
import { createPostgresDatabase, type PostgresDatabase } from '../support/postgresDatabase.js';
import { closeAllSockets } from '../support/sockets.js';
import { startTestServer, type TestServer, type TestServerOptions } from '../support/startTestServer.js';
import { deploymentEnv } from '../support/twoServers.js';
import { registerUser, type TestUser } from '../support/users.js';
import { enterMeeting, type MeetingPerson } from '../sfu/enterMeeting.js';
import { isSfu, SFU_SECRET } from '../sfu/sfuSupport.js';

/** One deployment (PostgreSQL, Redis, the file's Janus) whose servers start and stop as the test says. */
export interface GraceDeployment {
  /** A server more; `now`: its own clock; `logger`: where it logs. */
  start(options?: Pick<TestServerOptions, 'now' | 'logger'>): Promise<TestServer>;
  /** Person `index + 1` connects to `server` and joins the meeting (their modes logged from the start). */
  enter(server: TestServer, index: number): Promise<MeetingPerson>;
  /** Every server stops (a deployment shut down): their sockets close first. */
  stopEveryServer(): Promise<void>;
}

/**
 * A test file's set-up, as its hooks, for the mesh grace (WAVA_SFU_MESH_GRACE) across servers that start and stop:
 * one real Janus for the file; the function returned makes a deployment with a threshold of 2, the grace given and
 * `env` (WAVA_SFU_PUBLIC_URLS for direct mode, say), starts its first server (with `first`'s clock and logger, if given),
 * registers `people` users and creates a meeting hosted by the first. Sockets, servers and database go after each test, Janus after all.
 */
export function useGraceDeployment(): {
  janus(): JanusProcess;
  deployment(
    graceMs: number,
    people: number,
    env?: Record<string, string>,
    first?: Pick<TestServerOptions, 'now' | 'logger'>,
  ): Promise<GraceDeployment & { first: TestServer }>;
} {
  let janus: JanusProcess | undefined;
  let database: PostgresDatabase | undefined;
  const servers: TestServer[] = [];
  beforeAll(async () => {
    janus = await startJanus({ secret: SFU_SECRET });
  });
  afterAll(async () => {
    await janus?.stop();
  });
  afterEach(async () => {
    closeAllSockets();
    closeAllPeerSockets();
    await Promise.allSettled(servers.splice(0).map((server) => server.dispose()));
    await database?.drop();
    database = undefined;
  });
  const started = () => {
    if (!janus) throw new Error('useGraceDeployment: Janus has not started');
    return janus;
  };

  return {
    janus: started,
    async deployment(graceMs, people, extra = {}, firstOptions = {}) {
      database = await createPostgresDatabase();
      const env = deploymentEnv(database, {
        WAVA_SFU_URLS: started().url,
        WAVA_SFU_ADMIN_URLS: started().adminUrl,
        WAVA_SFU_SECRET: SFU_SECRET,
        WAVA_SFU_THRESHOLD: '2',
        WAVA_SFU_MESH_GRACE: `${graceMs}ms`,
        ...extra,
      });
      const start = async (options: Pick<TestServerOptions, 'now' | 'logger'> = {}) => {
        const server = await startTestServer({ env, ...options });
        servers.push(server);
        return server;
      };
      const first = await start(firstOptions);
      const users: TestUser[] = [];
      for (let i = 0; i < people; i += 1) users.push(await registerUser(first.api, `Person ${i + 1}`));
      const code = await newMeeting(first.api, users[0]!);
      return {
        first,
        start,
        enter: (server, index) => enterMeeting(server, users[index]!, code),
        async stopEveryServer() {
          closeAllSockets();
          for (const server of servers.splice(0)) await server.dispose();
        },
      };
    },
  };
}

/** The mode `person` heard after their first SFU one: the mesh, back from the SFU. */
export function backToMesh(person: MeetingPerson) {
  const sfuAt = person.modes.all.findIndex(isSfu);
  return person.modes.next((mode) => mode.mode === 'mesh' && person.modes.all.indexOf(mode) > sfuAt);
}
