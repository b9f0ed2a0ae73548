import { CHAT_TEXT_FORBIDDEN, LIMITS, type ChatMessage } from '@wava/protocol';
import { useEffect, useId, useRef, useState } from 'react';
import styled from 'styled-components';
import { Button } from '../../ui/components/Button.js';
import { MessageText } from './MessageText.js';
import { errorSentence } from '../../i18n/errorSentence.js';
import { i18n } from '../../i18n/i18n.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import type { RoomProblem, RoomState, RoomStore } from './roomStore.js';
import { SidePanel } from './SidePanel.js';

const List = styled.ol`
  flex: 1;
  min-height: 0;
  overflow-y: auto;
  margin: 0;
  padding: ${({ theme }) => theme.space(4)};
  list-style: none;
  display: flex;
  flex-direction: column;
  gap: ${({ theme }) => theme.space(3)};
`;

const Item = styled.li<{ $private: boolean }>`
  padding: ${({ theme }) => `${theme.space(2)} ${theme.space(3)}`};
  border-radius: ${({ theme }) => theme.radius.md};
  background: ${({ theme, $private }) => ($private ? theme.color.surfaceHover : 'transparent')};
  p {
    margin: ${({ theme }) => theme.space(1)} 0 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  a {
    color: ${({ theme }) => theme.color.accent};
  }
`;

const Meta = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: ${({ theme }) => theme.space(2)};
  font-size: ${({ theme }) => theme.font.size.xs};
  color: ${({ theme }) => theme.color.textMuted};
  strong {
    color: ${({ theme }) => theme.color.text};
  }
`;

const Empty = styled.p`
  margin: ${({ theme }) => theme.space(4)};
  color: ${({ theme }) => theme.color.textMuted};
`;

const Form = styled.form`
  display: flex;
  flex-direction: column;
  gap: ${({ theme }) => theme.space(2)};
  padding: ${({ theme }) => theme.space(4)};
  border-top: 1px solid ${({ theme }) => theme.color.border};
  label {
    font-size: ${({ theme }) => theme.font.size.xs};
    color: ${({ theme }) => theme.color.textMuted};
  }
  select,
  textarea {
    font: inherit;
    color: ${({ theme }) => theme.color.text};
    background: ${({ theme }) => theme.color.background};
    border: 1px solid ${({ theme }) => theme.color.border};
    border-radius: ${({ theme }) => theme.radius.sm};
    padding: ${({ theme }) => theme.space(2)};
  }
  textarea {
    resize: vertical;
    min-height: 64px;
  }
`;

const Row = styled.div`
  display: flex;
  justify-content: space-between;
  align-items: center;
  gap: ${({ theme }) => theme.space(2)};
`;

const Note = styled.p`
  margin: 0;
  color: ${({ theme }) => theme.color.textMuted};
  font-size: ${({ theme }) => theme.font.size.sm};
`;

const Error = styled.p`
  margin: 0;
  color: ${({ theme }) => theme.color.danger};
  font-size: ${({ theme }) => theme.font.size.sm};
`;

export interface ChatPanelProps {
  room: RoomStore;
  state: RoomState;
  selfPeerId: string | null;
  /** The people one can write to privately (everyone else in the meeting). */
  others: ReadonlyArray<{ peerId: string; displayName: string; guest?: boolean }>;
  isHost: boolean;
  /** Why the meeting's settings refuse a message to everyone (`to` null) or privately to `to`; null: it may go. */
  refusal?: (to: string | null) => string | null;
  onClose(): void;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** The meeting's chat: messages to everyone and private ones, oldest first, and the box to write one. */
export function ChatPanel({ room, state, selfPeerId, others, isHost, refusal, onClose }: ChatPanelProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  /** A private recipient; kept when they leave, so the message is refused rather than sent to everyone. */
  const [to, setTo] = useState<{ peerId: string; displayName: string } | null>(null);
  /** Kept as a code: its sentence is written at render, in the language of the moment. */
  const [error, setError] = useState<RoomProblem | null>(null);
  const [sending, setSending] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const ids = { text: useId(), to: useId(), error: useId(), refused: useId() };
  const choices = to && !others.some((person) => person.peerId === to.peerId) ? [...others, to] : others;
  const tooLong = text.trim().length > LIMITS.chatMessageMax;
  const refused = refusal?.(to?.peerId ?? null) ?? null;

  useEffect(() => {
    const box = list.current;
    if (box) box.scrollTop = box.scrollHeight;
  }, [state.messages.length]);

  async function submit() {
    if (sending || text.trim() === '' || refused) return;
    // Too long: the sentence is already shown under the box, from the text itself.
    if (tooLong) return setError(null);
    if (CHAT_TEXT_FORBIDDEN.test(text)) return setError({ code: 'CHAT_MESSAGE_CHARACTERS' });
    setSending(true);
    const failure = await room.send(text, to?.peerId ?? null);
    setSending(false);
    setError(failure);
    if (!failure) setText('');
  }

  return (
    <SidePanel title={t('room.chat')} closeLabel={t('room.closeChat')} onClose={onClose} testId="chat-panel">
      {state.messages.length === 0 ? (
        <Empty data-testid="chat-empty">{state.cleared ? t('room.chatCleared') : t('room.chatEmpty')}</Empty>
      ) : null}
      <List ref={list} aria-label={t('room.chat')} data-testid="chat-messages" hidden={state.messages.length === 0}>
        {state.messages.map((message) => (
          <Item key={message.id} $private={message.to !== null} data-testid="chat-message">
            <Meta>
              <strong>
                {message.from.peerId === selfPeerId
                  ? t('room.you')
                  : others.some((person) => person.peerId === message.from.peerId && person.guest)
                    ? t('lobby.guestLabel', { name: message.from.displayName })
                    : message.from.displayName}
              </strong>
              <time dateTime={message.sentAt}>{timeFormat.format(new Date(message.sentAt))}</time>
              {privacyNote(message, selfPeerId)}
            </Meta>
            <p>
              <MessageText text={message.text} />
            </p>
          </Item>
        ))}
      </List>
      <Form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <label htmlFor={ids.to}>{t('room.sendTo')}</label>
        <select
          id={ids.to}
          value={to?.peerId ?? ''}
          onChange={(event) => {
            setTo(choices.find((person) => person.peerId === event.target.value) ?? null);
            setError(null);
          }}
          data-testid="chat-recipient"
        >
          <option value="">{t('room.everyone')}</option>
          {choices.map((person) => (
            <option key={person.peerId} value={person.peerId}>
              {t('room.privately', { name: person.displayName })}
            </option>
          ))}
        </select>
        <label htmlFor={ids.text}>{t('room.messageLabel')}</label>
        <textarea
          id={ids.text}
          data-autofocus
          value={text}
          placeholder={t('room.messagePlaceholder')}
          aria-invalid={tooLong || error !== null}
          aria-describedby={error || tooLong ? ids.error : undefined}
          onChange={(event) => {
            setText(event.target.value);
            setError(null);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              void submit();
            }
          }}
          data-testid="chat-input"
        />
        {refused ? (
          <Note id={ids.refused} data-testid="chat-refused">
            {refused}
          </Note>
        ) : null}
        {error || tooLong ? (
          <Error id={ids.error} role="alert" data-testid="chat-error">
            {error
              ? errorSentence(error.code, error.retryAfterSeconds)
              : t('room.tooLong', { max: LIMITS.chatMessageMax.toLocaleString(i18n.language) })}
          </Error>
        ) : null}
        <Row>
          {isHost ? (
            <Button
              type="button"
              $variant="secondary"
              onClick={() => void room.clearChat().then(setError)}
              data-testid="chat-clear"
            >
              {t('room.clearChat')}
            </Button>
          ) : (
            <span />
          )}
          <Button
            type="submit"
            disabled={sending || text.trim() === '' || refused !== null}
            aria-describedby={refused ? ids.refused : undefined}
            data-testid="chat-send"
          >
            {t('room.send')}
          </Button>
        </Row>
      </Form>
    </SidePanel>
  );
}

function privacyNote(message: ChatMessage, selfPeerId: string | null): string | null {
  if (message.to === null) return null;
  return message.to.peerId === selfPeerId
    ? i18n.t('room.fromPrivately')
    : i18n.t('room.toPrivately', { name: message.to.displayName });
}
