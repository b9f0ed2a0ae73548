/**
 * A write under a meeting's SFU lock (SfuStore.change) found the lock no longer this server's: it was held past
 * its expiry (a long pause, a slow Redis) and has expired, or another server holds it now. Nothing was written;
 * the change is the other holder's to make (or to make again, on what the store says then).
 */
export class SfuLockLostError extends Error {
  constructor(readonly meetingId: string) {
    super(`the SFU lock of meeting ${meetingId} was lost before the change was stored (held past its expiry)`);
    this.name = 'SfuLockLostError';
  }
}
