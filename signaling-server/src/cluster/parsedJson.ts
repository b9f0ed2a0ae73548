/** The value of a JSON text read from Redis, or undefined when it is not JSON (a bad write, or an edit by hand). */
export function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
