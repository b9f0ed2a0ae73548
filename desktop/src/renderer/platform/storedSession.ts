import type { AuthSession } from '@wava/protocol';
import { loadValidation } from '../api/loadValidation.js';
import type { Logger } from '../util/logger.js';
import { fromNewerVersion, sessionText } from './sessionFormat.js';
import type { SharedSessionArea } from './sharedSessionArea.js';

/** A session with the time this browser received it, so short-lived tokens are refreshed halfway through. */
export type HeldSession = AuthSession & { receivedAt: number };

/** What `StoredSession.read` answers for a value a newer version of the app stored. */
export const NEWER = Symbol('stored by a newer version');

/** The web sign-in as the tabs share it in their SharedSessionArea: read, checked, and written in this version's format. */
export interface StoredSession {
  /**
   * What the tabs share; undefined when it cannot be read (this tab's memory is then the best copy), NEWER when a
   * newer version of the app wrote it (sessionFormat.ts). A stored value this version cannot read otherwise (an
   * older format, damage) counts as none and is removed, so the next page load shows the sign-in form at once
   * (signInShell/) and nothing reads it again.
   */
  read(): Promise<HeldSession | null | undefined | typeof NEWER>;
  /** Stores `next` (null: none); false when storage refused it. */
  write(next: HeldSession | null): Promise<boolean>;
  /** A session another tab sent as it is (it could not store it); null when it cannot be read. */
  parse(value: string): Promise<HeldSession | null>;
}

type HeldSchema = Awaited<ReturnType<typeof loadValidation>>['heldSessionSchema'];

/** A stored or posted session; null when empty or unreadable (tampered, or from another version). */
function parseHeld(schema: HeldSchema, text: unknown): HeldSession | null {
  if (typeof text !== 'string' || !text) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The schema of a held session, loaded only when there is one to read: someone who never signed in does not
 * download zod for this. Null when it cannot load (the server unreachable): nothing can be told unreadable then.
 */
async function heldSchema(): Promise<HeldSchema | null> {
  try {
    return (await loadValidation()).heldSessionSchema;
  } catch {
    return null;
  }
}

export function createStoredSession(area: SharedSessionArea, logger: Logger): StoredSession {
  return {
    async read() {
      let stored: unknown;
      try {
        stored = (await area.read()) ?? null;
      } catch {
        return undefined;
      }
      if (stored === null) return null;
      if (fromNewerVersion(stored)) return NEWER;
      const schema = await heldSchema();
      if (!schema) return undefined;
      const held = parseHeld(schema, stored);
      if (!held) {
        // Judged again as it is removed: another tab, perhaps of a newer version, may have stored a session since.
        const unreadable = (current: unknown) => !fromNewerVersion(current) && parseHeld(schema, current) === null;
        try {
          if (await area.removeIf(unreadable)) {
            logger.warn('removed a stored sign-in that could not be read');
          }
        } catch (error) {
          logger.warn('a stored sign-in could not be read, nor removed', error);
        }
      }
      return held;
    },
    async write(next) {
      try {
        await area.write(next ? sessionText(next) : null);
        return true;
      } catch {
        // Storage can be unavailable (private mode, quota): the session then lives in this tab's memory only.
        return false;
      }
    },
    async parse(value) {
      const schema = await heldSchema();
      return schema ? parseHeld(schema, value) : null;
    },
  };
}
