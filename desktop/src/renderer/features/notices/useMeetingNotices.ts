import { useEffect, useMemo, useRef, useState } from 'react';
import {
  chimeFor,
  noticesBetween,
  noticeSentence,
  notifiesSystem,
  type MeetingNotice,
  type NoticeSource,
} from './meetingNotice.js';
import { NoticeChime } from './noticeChime.js';
import { soundsOn } from './soundSetting.js';

/** How long a banner stays (and how long the live region holds its sentence: MeetingAnnouncer). */
export const BANNER_MS = 5_000;
/** Banners shown at once; older ones give way. */
const MAX_BANNERS = 3;

export interface Banner {
  key: number;
  notice: MeetingNotice;
}

export interface MeetingNotices {
  /** What happened last, for the live region. */
  latest: readonly MeetingNotice[];
  banners: readonly Banner[];
}

/**
 * Watches the meeting for what is worth telling (noticesBetween) and tells it: the live region reads the latest,
 * a soft sound plays (unless turned off) and a banner shows for what others did, and hands and messages go to the
 * system's notifications through `notify` (shown only when the window is not in front).
 */
export function useMeetingNotices(source: NoticeSource, notify: (title: string) => void): MeetingNotices {
  const [latest, setLatest] = useState<readonly MeetingNotice[]>([]);
  const [banners, setBanners] = useState<readonly Banner[]>([]);
  const previous = useRef<NoticeSource | null>(null);
  const nextKey = useRef(0);
  const tell = useRef(notify);
  const [chime] = useState(() => new NoticeChime());
  useEffect(() => {
    tell.current = notify;
  });

  // `source` is new at each render: this compares with the previous moment each time, cheaply.
  useEffect(() => {
    const notices = noticesBetween(previous.current, source);
    previous.current = source;
    if (notices.length === 0) return;
    setLatest(notices);
    const loud = notices.filter((notice) => chimeFor(notice) !== null);
    const first = loud[0];
    if (first && soundsOn()) chime.play(chimeFor(first) ?? 'attention');
    for (const notice of notices) if (notifiesSystem(notice)) tell.current(noticeSentence(notice));
    if (loud.length > 0) {
      const added = loud.map((notice) => ({ key: (nextKey.current += 1), notice }));
      setBanners((shown) => [...shown, ...added].slice(-MAX_BANNERS));
    }
  }, [source, chime]);

  // Each banner goes BANNER_MS after it came.
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  const newest = banners.at(-1)?.key;
  useEffect(() => {
    if (newest === undefined) return;
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setBanners((shown) => shown.filter((banner) => banner.key > newest));
    }, BANNER_MS);
    timers.current.add(timer);
  }, [newest]);
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);

  useEffect(() => () => chime.close(), [chime]);
  // The same object until one of them changes: the live region is memoised on it (useMeetingRoom).
  return useMemo(() => ({ latest, banners }), [latest, banners]);
}
