import { useEffect, useState } from 'react';
import styled from 'styled-components';
import { useTranslation } from '../../i18n/useTranslation.js';
import { Icon } from '../../ui/components/Icon.js';
import { visuallyHidden } from '../../ui/components/VisuallyHidden.js';
import { joinSentences, noticeSentence } from './meetingNotice.js';
import { BANNER_MS, type MeetingNotices } from './useMeetingNotices.js';

const Live = styled.div`
  ${visuallyHidden}
`;

/**
 * At the top of the meeting's stage (the positioned container it is rendered in, MeetingScreen's `Stage`): below the
 * header, the connection banner and the meeting's notices, which are in the page's flow above the stage, so a banner
 * never lies over a notice's text or buttons, on a phone either. The stage may set `--notice-banners-top` to start
 * them lower (below a shared screen's caption, and the presenter's Stop button there).
 */
const Banners = styled.div`
  position: absolute;
  top: var(--notice-banners-top, ${({ theme }) => theme.space(2)});
  left: 50%;
  transform: translateX(-50%);
  z-index: 20;
  display: flex;
  flex-direction: column;
  align-items: center;
  gap: ${({ theme }) => theme.space(2)};
  width: max-content;
  max-width: calc(100% - 32px);
  pointer-events: none;
`;

const Banner = styled.div`
  display: flex;
  align-items: center;
  gap: ${({ theme }) => theme.space(2)};
  max-width: 100%;
  padding: ${({ theme }) => `${theme.space(2)} ${theme.space(4)}`};
  border-radius: ${({ theme }) => theme.radius.pill};
  background: rgba(20, 24, 32, 0.92);
  border: 1px solid rgba(255, 255, 255, 0.14);
  color: #fff;
  font-size: ${({ theme }) => theme.font.size.sm};
  box-shadow: ${({ theme }) => theme.shadow.raised};
  span {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
`;

/**
 * What another feature wants said (the host's powers, someone knocking), said again when its `id` changes. The
 * feature keeps it as data; `say` writes the sentence from that data each time the announcer renders, so a language
 * switch rewrites it.
 */
export interface ExtraAnnouncement {
  id: number | string;
  say(): string;
}

/**
 * How long the live region holds what it said: as long as a banner shows it. Then the region empties (an emptied
 * region says nothing), so a language switch later rewrites nothing and no old news is read out again.
 */
const CURRENT_MS = BANNER_MS;

/**
 * The meeting's one polite live region (joins, leaves, hands, chat messages, and `extra` sentences of other
 * features), and the banners that show the same for a few seconds. Every sentence is written here, at render, from
 * what is kept as data, so a language switch rewrites what the region holds while it is current (CURRENT_MS). The
 * banners are hidden from assistive tech: the live region already reads them.
 */
export function MeetingAnnouncer({
  notices,
  extra = [],
}: {
  notices: MeetingNotices;
  extra?: readonly (ExtraAnnouncement | null)[];
}) {
  useTranslation();
  // Whichever changed last is said: the meeting's notices, or a new extra sentence (adjusted while rendering).
  const ids = extra.map((item) => (item ? `${item.id}` : ''));
  // `news` counts what was said: each new sentence is current for CURRENT_MS.
  const [said, setSaid] = useState({ latest: notices.latest, ids, extra: null as ExtraAnnouncement | null, news: 0 });
  const changed = extra.find((item, index) => item !== null && `${item.id}` !== said.ids[index]);
  if (said.latest !== notices.latest || changed || ids.join('\n') !== said.ids.join('\n')) {
    const item = changed ?? (said.latest !== notices.latest ? null : said.extra);
    const news = changed || said.latest !== notices.latest ? said.news + 1 : said.news;
    setSaid({ latest: notices.latest, ids, extra: item, news });
  }
  const [past, setPast] = useState(-1);
  useEffect(() => {
    const timer = setTimeout(() => setPast(said.news), CURRENT_MS);
    return () => clearTimeout(timer);
  }, [said.news]);
  const current = past !== said.news;
  return (
    <>
      <Live aria-live="polite" role="status" data-testid="meeting-announcer">
        {!current ? null : said.extra ? said.extra.say() : joinSentences(notices.latest.map(noticeSentence))}
      </Live>
      <Banners aria-hidden="true">
        {notices.banners.map(({ key, notice }) => (
          <Banner key={key} data-testid="notice-banner" data-kind={notice.kind}>
            <Icon
              name={notice.kind === 'message' ? 'chat' : notice.kind === 'hand-raised' ? 'hand' : 'people'}
              size={16}
            />
            <span>{noticeSentence(notice)}</span>
          </Banner>
        ))}
      </Banners>
    </>
  );
}
