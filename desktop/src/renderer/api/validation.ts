import { authSessionSchema } from '@wava/protocol';
import { z } from 'zod';

// The validating half of what the web client's first screens use: zod, the contract's schemas and the HTTP client
// that checks every answer. It is a chunk of its own, loaded on first use (loadValidation), so the sign-in page's
// first load carries no zod. Code here is re-exported from protocol/ or built on its schemas, never rewritten.
export { createApiClient, firstErrorCode, loginRequestSchema, registerRequestSchema } from '@wava/protocol';

/** A session the web client keeps (webAuthStore), with the time this browser received it. */
export const heldSessionSchema = authSessionSchema.extend({ receivedAt: z.number() });

/** Another tab's news of a sign-in it could not store (sharedSessionArea): the value itself. */
export const unstoredSchema = z.object({ unstored: z.string().nullable() });
