/** For the default branch of an exhaustive switch: it does not compile when a case is missing. */
export function missingCaseError(value: never): Error {
  return new Error(`Unhandled case: ${String(value)}`);
}
