import { ERROR_CODES } from '@wava/protocol';
import { z } from 'zod';
import {
  accessTokenRequestSchema,
  credentialsSchema,
  emptySchema,
  inviteEventSchema,
  meetingPresenceSchema,
  notificationSchema,
  registrationSchema,
  screenPickerAnswerSchema,
  screenPickerCancelSchema,
  screenPickerRequestSchema,
  serverChangeSchema,
  serverUrlStateSchema,
  shellCommandEventSchema,
  signedInSchema,
  tokenStorageStatusSchema,
} from './ipcSchemas.js';

/**
 * The `Result<T>` of protocol: the value, or an error with its code and a sentence for people. The error is not
 * strict: a field protocol adds to errors later is dropped here rather than turning every error into a failure.
 */
export function resultOf<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.strictObject({ ok: z.literal(true), data }),
    z.strictObject({ ok: z.literal(false), error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }) }),
  ]);
}

/**
 * Every schema the IPC contract names, by name. ipcContract.ts refers to these by name only, so the sandboxed
 * preloads (which need channel names, not schemas) do not bundle zod; main looks them up here.
 * Main-only at run time (the renderer imports the schemas it validates with from ipcSchemas.ts, and these names
 * only as types), so the response wrappers do not grow the renderer's bundle.
 */
export const ipcSchemas = {
  empty: emptySchema,
  nothing: z.void(),
  credentials: credentialsSchema,
  registration: registrationSchema,
  signInResult: resultOf(signedInSchema),
  signedInOrNone: signedInSchema.nullable(),
  accessTokenRequest: accessTokenRequestSchema,
  accessTokenResult: resultOf(z.string()),
  tokenStorageStatus: tokenStorageStatusSchema,
  serverUrlState: serverUrlStateSchema,
  serverChange: serverChangeSchema,
  serverChangeResult: resultOf(serverUrlStateSchema),
  invite: inviteEventSchema,
  shellCommand: shellCommandEventSchema,
  meetingPresence: meetingPresenceSchema,
  notification: notificationSchema,
  screenPickerRequest: screenPickerRequestSchema,
  screenPickerCancel: screenPickerCancelSchema,
  screenPickerAnswer: screenPickerAnswerSchema,
} as const;
export type IpcSchemaName = keyof typeof ipcSchemas;
export type IpcValue<N extends IpcSchemaName> = z.infer<(typeof ipcSchemas)[N]>;
