/** A clock the test moves by hand, so expiry is tested without waiting. Starts at the real time. */
export function createTestClock(start = Date.now()) {
  let time = start;
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
  };
}
