import { useEffect, useRef, useState } from 'react';
import styled from 'styled-components';
import { presenceAnnouncement, type Person } from './presenceAnnouncement.js';

const Live = styled.div`
  position: absolute;
  width: 1px;
  height: 1px;
  margin: -1px;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
`;

/**
 * A polite live region that tells screen reader users who joined and who left. The people present
 * when the meeting opens are not announced (`ready` turns true once the first list is in).
 */
export function PresenceAnnouncer({ people, ready }: { people: readonly Person[]; ready: boolean }) {
  const [message, setMessage] = useState('');
  const previous = useRef<readonly Person[] | null>(null);
  useEffect(() => {
    if (!ready) return;
    const before = previous.current;
    previous.current = people;
    if (before === null) return;
    const sentence = presenceAnnouncement(before, people);
    if (sentence) setMessage(sentence);
  }, [people, ready]);
  return (
    <Live aria-live="polite" role="status" data-testid="presence-announcer">
      {message}
    </Live>
  );
}
