/** What closing the main window does. */
export type CloseAction =
  /** Let it close (and the app quit on Windows/Linux). */
  | 'close'
  /** Hide it: macOS keeps apps running without windows; the dock icon brings it back. */
  | 'hide'
  /** In a meeting: ask whether to leave or keep the meeting running in the tray. */
  | 'ask';

export function closeAction(state: { inMeeting: boolean; quitting: boolean; platform: NodeJS.Platform }): CloseAction {
  if (state.quitting) return 'close';
  if (state.inMeeting) return 'ask';
  return state.platform === 'darwin' ? 'hide' : 'close';
}

export type CloseChoice = 'leave' | 'keep-in-tray' | 'cancel';

/** The buttons of the close prompt, in order, and what each means. */
export const CLOSE_PROMPT_BUTTONS: ReadonlyArray<{ label: string; choice: CloseChoice }> = [
  { label: 'Leave meeting', choice: 'leave' },
  { label: 'Keep running in tray', choice: 'keep-in-tray' },
  { label: 'Cancel', choice: 'cancel' },
];

export function closeChoiceFromButton(index: number): CloseChoice {
  return CLOSE_PROMPT_BUTTONS[index]?.choice ?? 'cancel';
}

/** Notifications about people joining or leaving are shown only when the window is not in front. */
export function shouldNotify(state: { windowFocused: boolean; supported: boolean }): boolean {
  return state.supported && !state.windowFocused;
}
