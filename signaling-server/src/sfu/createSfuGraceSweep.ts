import type { Logger } from 'pino';
import { createAuditLoop } from './createAuditLoop.js';
import type { JanusInstance } from './createJanusInstance.js';
import { SFU_AUDIT_INTERVAL_MS } from './createSfuGuard.js';
import type { AfterRoomEnd } from './endRoomForEveryone.js';
import { meshWithoutRoom, type SfuLock, type SfuStore } from './SfuStore.js';

/**
 * Every server looks this often for graces over that no server ended (each server keeping one stopped meanwhile),
 * besides whenever an instance comes up (this server starting, say): one Redis read per room in its grace.
 */
export const SFU_GRACE_SWEEP_MS = 30_000;

/** After gracing an abandoned meeting, the sweep runs again this long after its grace (see graceAbandoned). */
const GRACE_RECHECK_MARGIN_MS = 500;

/**
 * How long after this server starts it leaves meetings that look abandoned alone (see graceAbandoned). When every
 * server restarts, the people of a meeting on the SFU (their media still flowing through Janus) are reconnecting
 * meanwhile, with socket.io's backoff; a crashed server's liveness key takes as long to expire.
 */
export const SFU_ABANDONED_AFTER_START_MS = 15_000;

/**
 * Ends what no server is left to end: graces over whose every keeping server stopped, and meetings on the SFU
 * that every server left (which go into the grace first). One sweep at a time (its own audit loop), every
 * SFU_GRACE_SWEEP_MS and whenever asked (an instance came up).
 */
export interface SfuGraceSweep {
  /** A sweep now, or right after the one running. */
  request(): void;
  /** Waits for the sweep running; no sweep after. */
  close(): Promise<void>;
}

export function createSfuGraceSweep(deps: {
  store: SfuStore;
  logger: Logger;
  /** WAVA_SFU_MESH_GRACE (0: none). */
  meshGraceMs: number;
  /** The configured instance at this WAVA_SFU_URLS address, if any. */
  instanceAt(url: string | null): JanusInstance | null;
  /** Whether this server keeps a grace of the meeting itself (its own timer ends it). */
  keepsGrace(meetingId: string): boolean;
  /**
   * Ends the meeting's room on `instance` for every server (endRoomForEveryone), holding the meeting's lock: every
   * server's tokens there go with the placement stored; the step returned (with Janus: the tokens the change
   * dropped revoked, the room destroyed) once the lock is released and the change stored.
   */
  endRoom(meetingId: string, instance: JanusInstance, room: string, lock: SfuLock): AfterRoomEnd;
  /** Also every SFU_GRACE_SWEEP_MS (with instances configured), not only when asked. */
  periodic: boolean;
  /** This server's clock. */
  now: () => number;
}): SfuGraceSweep {
  const { store, logger, instanceAt, now } = deps;
  const startedAt = now();
  /**
   * Runs a change of the meeting: the tokens it dropped, or null (logged `failure`) when it failed: nothing stored
   * nor dropped, so nothing to follow.
   */
  const tryChange = (meetingId: string, change: Parameters<SfuStore['change']>[1], failure: string) =>
    store.change(meetingId, change).then(
      (dropped): string[] | null => dropped,
      (error: unknown) => {
        logger.warn({ err: error, meetingId }, failure);
        return null;
      },
    );
  let settled: NodeJS.Timeout | null = null;
  let graceRecheck: NodeJS.Timeout | null = null;

  /**
   * Graces over with nobody to end them: every server keeping one stopped within it (a deployment shut down, a
   * crash), and the meeting never grew again. Under the meeting's lock, with the store's word that the grace is
   * over (Redis's clock): its room ends (endRoom), and the placement forgets it (so it no longer counts on its
   * instance). A grace this server keeps itself is left to its own timer, and one on an instance this server
   * cannot reach now to a server that can (or to this one, once it is up again).
   */
  async function endExpiredGraces(): Promise<void> {
    for (const meetingId of await store.expiredGraces()) {
      if (deps.keepsGrace(meetingId)) continue;
      const ended: { room: string; end: AfterRoomEnd }[] = [];
      const dropped = await tryChange(
        meetingId,
        async (current, lock) => {
          if (current.mode !== 'mesh' || current.room === null || (current.graceLeftMs ?? 0) > 0) return null;
          if (deps.keepsGrace(meetingId)) return null; // this server keeps it now: its own timer ends it
          const instance = instanceAt(current.instance);
          if (!instance?.isUp()) return null;
          ended.push({ room: current.room, end: deps.endRoom(meetingId, instance, current.room, lock) });
          return meshWithoutRoom(current);
        },
        'could not end an SFU grace',
      );
      if (dropped === null) continue; // the room may still be named (the lock lost): Redis and Janus keep it
      for (const { room, end } of ended) {
        await end(dropped);
        logger.info({ meetingId, room }, 'SFU room of a grace nobody ended destroyed');
      }
    }
  }

  /**
   * Meetings on the SFU that nobody is in on a live server any more (store.abandoned: every server that had
   * people there stopped, gracefully or not, and the meeting would otherwise keep its room for ever). Each goes
   * into the mesh grace from now, as a meeting that emptied does: people reconnecting meanwhile (to any server)
   * go back into its room; once it is over, the next sweep ends it (endExpiredGraces). Without a grace
   * configured its room goes at once. Under the meeting's lock, after judging it again on what the store says then
   * (the same placement, still no ready seat and no live server's token): another server's sweep, or people
   * coming back, may have changed it since.
   */
  async function graceAbandoned(): Promise<void> {
    const settling = startedAt + SFU_ABANDONED_AFTER_START_MS - now();
    if (settling > 0) {
      // Too soon to tell a meeting left for good from one whose people are still reconnecting: look once this
      // server has been up long enough.
      settled ??= setTimeout(() => void sweep.request(), settling);
      settled.unref();
      return;
    }
    const graceMs = deps.meshGraceMs;
    for (const { meetingId, placement: judged } of await store.abandoned()) {
      let graced = false;
      const ended: AfterRoomEnd[] = [];
      const dropped = await tryChange(
        meetingId,
        async (current, lock) => {
          // Still the placement judged abandoned: not moved since (another room, the mesh, a grace started and
          // ended, or the same room again with new people).
          const same = current.room === judged.room && current.generation === judged.generation;
          const instance = instanceAt(current.instance);
          if (current.mode !== 'sfu' || current.room === null || !same || !instance?.isUp()) return null;
          // And still nobody's: no ready seat, no token of a live server (someone came back meanwhile).
          if (!(await store.leftByEveryServer(meetingId))) return null;
          logger.info({ meetingId, room: current.room }, 'SFU meeting left by every server: its grace starts');
          if (graceMs > 0) {
            graced = true;
            return { ...current, mode: 'mesh', graceLeftMs: graceMs };
          }
          ended.push(deps.endRoom(meetingId, instance, current.room, lock));
          return meshWithoutRoom(current);
        },
        'could not grace an abandoned SFU meeting',
      );
      if (dropped === null) continue;
      for (const end of ended) await end(dropped);
      if (graced) {
        // Ended by the sweep once the grace is over (Redis measures it: a little later, to be past it there too);
        // one timer, after the latest grace started, serves every meeting graced before it.
        clearTimeout(graceRecheck ?? undefined);
        graceRecheck = setTimeout(() => {
          graceRecheck = null;
          void sweep.request();
        }, graceMs + GRACE_RECHECK_MARGIN_MS);
        graceRecheck.unref();
      }
    }
  }

  const sweep = createAuditLoop(
    async () => {
      await graceAbandoned();
      await endExpiredGraces();
    },
    {
      minIntervalMs: SFU_AUDIT_INTERVAL_MS,
      onError: (error) => logger.warn({ err: error }, 'SFU grace sweep failed'),
    },
  );
  const sweeps = deps.periodic ? setInterval(() => void sweep.request(), SFU_GRACE_SWEEP_MS) : null;
  sweeps?.unref();

  return {
    request: () => void sweep.request(),
    async close() {
      clearInterval(sweeps ?? undefined);
      clearTimeout(graceRecheck ?? undefined);
      clearTimeout(settled ?? undefined);
      await sweep.close();
    },
  };
}
