/** Runs `run` in the page's next quiet moment, at the latest after `timeout` ms (a plain timer without idle callbacks). */
export type WhenIdle = (run: () => void, timeout: number) => void;

export const whenIdle: WhenIdle = (run, timeout) => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout });
  else setTimeout(run, 0);
};
