import type { ApiClient } from '@wava/protocol';
import type { TestUser } from './users.js';

/** A new meeting hosted by `host`; its code. */
export async function newMeeting(api: ApiClient, host: TestUser, title?: string): Promise<string> {
  const created = await api.createMeeting(host.session.accessToken, title === undefined ? {} : { title });
  if (!created.ok) throw new Error(`createMeeting failed: ${created.error.code}`);
  return created.data.code;
}
