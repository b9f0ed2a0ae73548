import { randomBytes } from 'node:crypto';
import type { ApiClient, AuthSession } from '@wava/protocol';

export const PASSWORD = 'correct horse battery staple';

export interface TestUser {
  username: string;
  password: string;
  session: AuthSession;
}

let counter = 0;

/** A unique username: letters, digits and dashes, within the 32-character limit. */
export function uniqueUsername(prefix = 'user'): string {
  counter += 1;
  return `${prefix}-${counter}-${randomBytes(3).toString('hex')}`.slice(0, 32);
}

export async function registerUser(api: ApiClient, name = 'User'): Promise<TestUser> {
  const username = uniqueUsername(name.toLowerCase().replace(/[^a-z0-9]/g, ''));
  const result = await api.register({ username, displayName: name, password: PASSWORD });
  if (!result.ok) throw new Error(`register failed: ${result.error.code}`);
  return { username, password: PASSWORD, session: result.data };
}
