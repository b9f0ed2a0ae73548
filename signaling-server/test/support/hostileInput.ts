import { ERROR_CODES } from '@wava/protocol';
import fc from 'fast-check';

/** Every fuzz run is reproducible; `WAVA_FUZZ_SEED` picks another one. */
export const FUZZ_SEED = Number(process.env.WAVA_FUZZ_SEED ?? 20_251_121);

const KNOWN_CODES = new Set<string>(ERROR_CODES);

export function isKnownErrorCode(code: unknown): boolean {
  return KNOWN_CODES.has(String(code));
}

/** True for an Ack of the protocol: `{ok: true, data}`, or an error with a known code and a sentence. */
export function isWellFormedAck(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const ack = value as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  if (ack.ok === true) return 'data' in ack;
  return ack.ok === false && isKnownErrorCode(ack.error?.code) && typeof ack.error?.message === 'string';
}

/** Socket payloads a hostile client might send, mixed with random JSON; `codes` and `peerIds` make near misses. */
export function hostileSocketPayloads(codes: string[], peerIds: string[]) {
  const text = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom(...codes),
    fc.string({ minLength: 1000, maxLength: 4000 }),
  );
  const credentials = fc.record({ id: fc.oneof(text, fc.constantFrom(...peerIds)), token: text }, { requiredKeys: [] });
  return fc.oneof(
    fc.anything({ maxDepth: 3 }),
    fc.jsonValue({ maxDepth: 3 }),
    fc.record(
      {
        code: fc.oneof(text, fc.anything()),
        media: fc.oneof(fc.record({ audio: fc.boolean(), video: fc.boolean() }), fc.anything()),
        resume: fc.oneof(credentials, fc.anything()),
        audio: fc.anything(),
        screen: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    fc.constantFrom<unknown>(
      {},
      null,
      [],
      '',
      0,
      JSON.parse('{"__proto__": {"polluted": true}}'),
      { constructor: { prototype: { polluted: true } } },
      { code: { $gt: '' } },
      { code: "abc-defg-hjk'; DROP TABLE users; --", media: { audio: true, video: true } },
      JSON.parse(`${'['.repeat(200)}${']'.repeat(200)}`),
    ),
  );
}

/** HTTP bodies: random JSON, random text, and bodies with the right field names and wrong values. */
export const hostileHttpBodies = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? 'null'),
  fc.string({ maxLength: 200 }),
  fc
    .record(
      {
        username: fc.string({ maxLength: 40 }),
        displayName: fc.string({ maxLength: 70 }),
        password: fc.string({ maxLength: 140 }),
        refreshToken: fc.string({ maxLength: 600 }),
        title: fc.string({ maxLength: 120 }),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
);

/** Authorization headers: none, a valid access token, and made-up ones with and without `Bearer `. */
export function hostileAuthorization(validAccessToken: string) {
  return fc.oneof(
    fc.constant<string | null>(null),
    fc.constant(`Bearer ${validAccessToken}`),
    fc.string({ maxLength: 60 }).map((s) => `Bearer ${s}`),
    fc.string({ maxLength: 60 }),
  );
}

export const hostileContentTypes = fc.constantFrom(
  'application/json',
  'text/plain',
  'application/json; charset=utf-16',
  'multipart/form-data',
);

/** PeerJS frames: random JSON and text, and signalling messages of every type addressed to `peerIds` or anywhere. */
export function hostilePeerFrames(peerIds: string[]) {
  return fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
    fc.string({ maxLength: 300 }),
    fc
      .record({
        type: fc.constantFrom(
          'OFFER',
          'ANSWER',
          'CANDIDATE',
          'LEAVE',
          'EXPIRE',
          'OPEN',
          'ID-TAKEN',
          'HEARTBEAT',
          'ERROR',
        ),
        dst: fc.oneof(fc.constantFrom(...peerIds), fc.string({ maxLength: 40 })),
        src: fc.constantFrom(...peerIds),
        payload: fc.jsonValue({ maxDepth: 2 }),
      })
      .map((m) => JSON.stringify(m)),
  );
}
