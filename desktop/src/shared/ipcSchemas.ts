import { z } from 'zod';
import { publicUserSchema } from '@wava/protocol';

/**
 * The schemas of the values that cross the IPC boundary (ipcContract.ts says which channel carries which). The main
 * process validates everything the renderer sends with these (the renderer is untrusted); the renderer validates
 * what main sends before acting on it. Every type here is inferred, and both sides import it from here.
 * Field limits are generous shape checks: the server applies the real rules and answers with a sentence.
 */

const shortText = z.string().max(1024);

export const credentialsSchema = z.strictObject({ username: shortText, password: shortText });
export const registrationSchema = z.strictObject({ username: shortText, displayName: shortText, password: shortText });
export const accessTokenRequestSchema = z.strictObject({ force: z.boolean() });
export const emptySchema = z.strictObject({});
export const serverChangeSchema = z.strictObject({ url: z.string().min(1).max(2048) });

export const shellCommandSchema = z.enum([
  'toggle-microphone',
  'toggle-camera',
  'toggle-screen-share',
  'leave-meeting',
]);
/** Commands the desktop shell sends to the renderer (native menu, tray, keyboard shortcuts). */
export type ShellCommand = z.infer<typeof shellCommandSchema>;

export const meetingPresenceSchema = z.strictObject({
  inMeeting: z.boolean(),
  sharingScreen: z.boolean(),
  meetingCode: z.string().max(64).nullable(),
  participantCount: z.number().int().min(0).max(1000),
});
/** What the shell needs to know about the call, for the tray, display sleep, updates and the close prompt. */
export type MeetingPresence = z.infer<typeof meetingPresenceSchema>;

export const notificationSchema = z.strictObject({
  title: z.string().min(1).max(200),
  body: z.string().max(1000),
});

/** Images cross the bridge as base64 data URLs of PNG or JPEG only, so nothing else can be smuggled into `src`. */
export const imageDataUrlSchema = z
  .string()
  .max(4_000_000)
  .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]*={0,2}$/);

export const screenSourceSchema = z.strictObject({
  id: z.string().min(1).max(256),
  name: z.string().max(512),
  kind: z.enum(['screen', 'window']),
  /** Null when the OS gave no picture (e.g. a minimised window, or missing screen-recording permission). */
  thumbnail: imageDataUrlSchema.nullable(),
  appIcon: imageDataUrlSchema.nullable(),
});
export type ScreenSource = z.infer<typeof screenSourceSchema>;

export const screenPickerRequestSchema = z.strictObject({
  requestId: z.string().min(1).max(64),
  sources: z.array(screenSourceSchema).max(500),
  /** Whether sharing the computer's sound is possible here (Windows); the picker shows the checkbox only then. */
  systemAudioAvailable: z.boolean(),
});
export type ScreenPickerRequest = z.infer<typeof screenPickerRequestSchema>;

export const screenPickerChoiceSchema = z.strictObject({
  sourceId: z.string().min(1).max(256),
  shareSystemAudio: z.boolean(),
});
export type ScreenPickerChoice = z.infer<typeof screenPickerChoiceSchema>;

export const screenPickerAnswerSchema = z.strictObject({
  requestId: z.string().min(1).max(64),
  /** Null means the person cancelled. */
  choice: screenPickerChoiceSchema.nullable(),
});
export type ScreenPickerAnswer = z.infer<typeof screenPickerAnswerSchema>;

export const screenPickerCancelSchema = z.strictObject({ requestId: z.string().min(1).max(64) });

export const inviteEventSchema = z.strictObject({ code: z.string().min(1).max(64) });
export const shellCommandEventSchema = z.strictObject({ command: shellCommandSchema });

/** How the sign-in is kept between launches (see the token vault in main/auth). */
export const tokenStorageStatusSchema = z.strictObject({
  /** What the OS offers: a real key store, Linux's `basic_text` fallback (no keyring), or nothing. */
  protection: z.enum(['os-keystore', 'basic-text', 'unavailable']),
  /** True when the sign-in survives a restart. */
  persisted: z.boolean(),
  /** True when the person chose to store it although the OS cannot protect it. */
  insecureOptIn: z.boolean(),
  /** False when IT policy forbids storing an unprotected sign-in. */
  optInAllowed: z.boolean(),
});
export type TokenStorageStatus = z.infer<typeof tokenStorageStatusSchema>;

/**
 * Where the server address in use came from: IT policy wins, then the command line or environment, then the person.
 * `invite`: taken from an invite link and not saved yet (it is saved after a sign-in there).
 */
export const serverUrlSourceSchema = z.enum(['policy', 'command-line', 'environment', 'user', 'invite', 'default']);
export type ServerUrlSource = z.infer<typeof serverUrlSourceSchema>;

export const serverUrlStateSchema = z.strictObject({
  url: z.string(),
  source: serverUrlSourceSchema,
  /** True when IT policy fixes the address: show it, but do not offer to change it. */
  locked: z.boolean(),
});
export type ServerUrlState = z.infer<typeof serverUrlStateSchema>;

export type Credentials = z.infer<typeof credentialsSchema>;
export type Registration = z.infer<typeof registrationSchema>;

/** What a sign-in gives the renderer: the user, never a token (the refresh token stays in the main process). */
export const signedInSchema = z.strictObject({ user: publicUserSchema });
export type SignedIn = z.infer<typeof signedInSchema>;
