/** Host, port and TLS of the PeerJS server, which shares its origin with the Wava server. */
export function peerServerAddress(serverUrl: string): { host: string; port: number; secure: boolean } {
  const url = new URL(serverUrl);
  const secure = url.protocol === 'https:';
  const port = url.port ? Number(url.port) : secure ? 443 : 80;
  return { host: url.hostname, port, secure };
}
