/** Raw HTTP for what the typed client cannot send: malformed JSON, oversize bodies, odd headers. */
export async function postRaw(
  url: string,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<{ status: number; json: unknown; headers: Headers }> {
  const { status, json, headers: answered } = await readResponse(await fetch(url, { method: 'POST', headers, body }));
  return { status, json, headers: answered };
}

export async function getRaw(url: string, headers: Record<string, string> = {}) {
  return readResponse(await fetch(url, { headers }));
}

/** Status, headers, body text, and the body parsed as JSON (the text itself when it is not JSON). */
async function readResponse(response: Response) {
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: response.status, json, text, headers: response.headers };
}

export function errorCodeOf(json: unknown): unknown {
  return (json as { error?: { code?: unknown } } | null)?.error?.code;
}
