/** For the default branch of a switch over a union: the compiler proves it unreachable. */
export function missingCaseError(value: never): Error {
  return new Error(`Unhandled case: ${String(value)}`);
}
