/** Input limits both sides enforce: the client to tell people early, the server because it must. */
export const LIMITS = {
  usernameMin: 3,
  usernameMax: 32,
  displayNameMax: 64,
  passwordMin: 8,
  passwordMax: 128,
  meetingTitleMax: 100,
  /** Meeting codes look like `abc-defg-hij`: 10 letters from an alphabet without look-alikes. */
  meetingCodePattern: /^[a-z]{3}-[a-z]{4}-[a-z]{3}$/,
  /** Largest HTTP JSON body the server accepts, in bytes. */
  httpBodyMaxBytes: 16 * 1024,
  /** Largest socket.io message the server accepts, in bytes. */
  socketMessageMaxBytes: 16 * 1024,
  /** Characters of one chat message, after trimming. */
  chatMessageMax: 2000,
  /** Most messages a chat history answer carries (the newest ones). */
  chatHistoryMax: 500,
} as const;

export const USERNAME_PATTERN = /^[A-Za-z0-9._-]+$/;

/**
 * Invisible or direction-changing characters: format characters (bidi overrides and isolates, zero-width spaces,
 * soft hyphens...), private-use and surrogate code points, and the blank "filler" letters used to fake empty text.
 * Zero-width (non-)joiners and tag characters stay allowed: emoji sequences and Persian, Hindi or Sinhala text need
 * them.
 */
const INVISIBLE = String.raw`[\p{Co}\p{Cs}\u115F\u1160\u3164\uFFA0\u2800]|(?!\u200C|\u200D|[\u{E0020}-\u{E007F}])\p{Cf}`;

/** Characters a display name (or meeting title) may not contain: control characters (tabs, line breaks), line and
 * paragraph separators, and the invisible or direction-changing ones. */
export const DISPLAY_NAME_FORBIDDEN = new RegExp(String.raw`[\p{Cc}\p{Zl}\p{Zp}]|${INVISIBLE}`, 'u');

/** Characters chat text may not contain: those of display names, except line breaks and tabs. */
export const CHAT_TEXT_FORBIDDEN = new RegExp(String.raw`[^\P{Cc}\n\t]|[\p{Zl}\p{Zp}]|${INVISIBLE}`, 'u');
