import { request } from 'node:http';

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

/**
 * A JSON POST sent from a chosen local address (any of 127.0.0.0/8 works on Linux loopback), so a test can be
 * "another address" for real, without trusting X-Forwarded-For.
 */
export function postFrom(
  localAddress: string,
  url: string,
  body: unknown,
): Promise<{ status: number; json: unknown; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request(
      url,
      {
        method: 'POST',
        localAddress,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = text;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, json, headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
