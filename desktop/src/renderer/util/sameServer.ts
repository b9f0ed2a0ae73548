/** Names that all mean "this computer": a link to one of them is a link to the same local server. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether two server addresses are the same Wava server: same scheme, host and port, where `localhost`,
 * `127.0.0.1` and `[::1]` count as one host. Unparseable input only matches itself.
 */
export function sameServer(a: string, b: string): boolean {
  const left = canonical(a);
  const right = canonical(b);
  return left !== null && left === right;
}

function canonical(address: string): string | null {
  try {
    const url = new URL(address);
    const host = LOOPBACK.has(url.hostname) ? 'localhost' : url.hostname;
    return `${url.protocol}//${host}:${url.port}`;
  } catch {
    return null;
  }
}
