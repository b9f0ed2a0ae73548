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
 * Characters a display name may not contain: control characters (tabs, line breaks), line and paragraph
 * separators, private-use and surrogate code points, format characters (bidi overrides and isolates, zero-width
 * spaces, soft hyphens...), and the blank "filler" letters used to fake an empty name. Zero-width (non-)joiners
 * and tag characters stay allowed: emoji sequences and Persian, Hindi or Sinhala names need them.
 */
export const DISPLAY_NAME_FORBIDDEN =
  /[\p{Cc}\p{Zl}\p{Zp}\p{Co}\p{Cs}\u115F\u1160\u3164\uFFA0\u2800]|(?!\u200C|\u200D|[\u{E0020}-\u{E007F}])\p{Cf}/u;
