/** For the `default` of an exhaustive switch: the compiler proves it unreachable, and at run time it says what slipped through. */
export function missingCaseError(value: never): Error {
  return new Error(`Unhandled case: ${String(value)}`);
}
