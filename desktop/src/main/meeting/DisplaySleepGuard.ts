/** The part of Electron's powerSaveBlocker the guard uses. */
export interface PowerSaveBlockerLike {
  start(type: 'prevent-app-suspension' | 'prevent-display-sleep'): number;
  stop(id: number): boolean | void;
  isStarted(id: number): boolean;
}

export interface DisplaySleepGuard {
  /** Keeps the display awake exactly while `inMeeting` is true; calling it again with the same value is a no-op. */
  update(inMeeting: boolean): void;
  dispose(): void;
}

export function createDisplaySleepGuard(blocker: PowerSaveBlockerLike): DisplaySleepGuard {
  let id: number | null = null;
  const stop = () => {
    if (id !== null && blocker.isStarted(id)) blocker.stop(id);
    id = null;
  };
  return {
    update(inMeeting) {
      if (inMeeting && (id === null || !blocker.isStarted(id))) id = blocker.start('prevent-display-sleep');
      else if (!inMeeting) stop();
    },
    dispose: stop,
  };
}
