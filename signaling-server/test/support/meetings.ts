import type { ApiClient, CreateMeetingRequest } from '@wava/protocol';
import type { TestUser } from './users.js';

/** A new meeting hosted by `host` (with a title, or the whole request: title and waiting room); its code. */
export async function newMeeting(
  api: ApiClient,
  host: TestUser,
  request: string | CreateMeetingRequest = {},
): Promise<string> {
  const body = typeof request === 'string' ? { title: request } : request;
  const created = await api.createMeeting(host.session.accessToken, body);
  if (!created.ok) throw new Error(`createMeeting failed: ${created.error.code}`);
  return created.data.code;
}
