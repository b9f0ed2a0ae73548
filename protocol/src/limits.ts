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
} as const;

export const USERNAME_PATTERN = /^[A-Za-z0-9._-]+$/;
