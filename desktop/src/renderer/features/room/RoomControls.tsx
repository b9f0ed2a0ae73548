import { REACTION_EMOJI, type ReactionEmoji } from '@wava/protocol';
import { forwardRef, useRef } from 'react';
import styled from 'styled-components';
import { usePopover } from '../../hooks/usePopover.js';
import { Button } from '../../ui/components/Button.js';
import { Icon } from '../../ui/components/Icon.js';
import { PopoverAnchor, PopoverPanel } from '../../ui/components/Popover.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import { RoundButton } from '../../ui/components/RoundButton.js';
import { VisuallyHidden } from '../../ui/components/VisuallyHidden.js';

/** A count on a button: dark text on a light pill (well above 4.5:1). */
const Count = styled.span`
  position: absolute;
  top: -4px;
  right: -4px;
  min-width: 20px;
  height: 20px;
  padding: 0 5px;
  border-radius: 10px;
  background: #fff;
  color: #0b0d12;
  font-size: 12px;
  font-weight: 650;
  line-height: 20px;
  text-align: center;
`;

const Emojis = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: ${({ theme }) => theme.space(1)};
`;

const EmojiButton = styled.button`
  width: 44px;
  height: 44px;
  font-size: 24px;
  border-radius: ${({ theme }) => theme.radius.md};
  border: 1px solid transparent;
  background: transparent;
  cursor: pointer;
  &:hover {
    background: ${({ theme }) => theme.color.surfaceHover};
  }
`;

interface PanelButtonProps {
  open: boolean;
  onToggle(): void;
}

/**
 * Opens and closes the chat; while it is closed, the count of messages that came in meanwhile. The button's name
 * comes from its content, so the visible count is in it, with text for assistive tech only around it.
 */
export const ChatButton = forwardRef<HTMLButtonElement, PanelButtonProps & { unread: number }>(function ChatButton(
  { open, onToggle, unread },
  ref,
) {
  const { t } = useTranslation();
  const badge = unread > 0 && !open;
  return (
    <RoundButton
      ref={ref}
      type="button"
      $on={open}
      aria-expanded={open}
      title={open ? t('room.closeChat') : t('room.openChat')}
      onClick={onToggle}
      data-testid="toggle-chat"
    >
      <Icon name="chat" />
      <VisuallyHidden>{badge ? `${t('room.chat')}, ` : t('room.chat')}</VisuallyHidden>
      {badge ? (
        <Count>
          <span aria-hidden="true" data-testid="chat-unread">
            {unread > 99 ? '99+' : unread}
          </span>
          <VisuallyHidden>{t('room.unread', { count: unread })}</VisuallyHidden>
        </Count>
      ) : null}
    </RoundButton>
  );
});

/** Opens and closes the participants list, with the number of people in the meeting. */
export const ParticipantsButton = forwardRef<HTMLButtonElement, PanelButtonProps & { count: number }>(
  function ParticipantsButton({ open, onToggle, count }, ref) {
    const { t } = useTranslation();
    return (
      <RoundButton
        ref={ref}
        type="button"
        $on={open}
        aria-expanded={open}
        title={t('room.participantsCount', { count: count })}
        onClick={onToggle}
        data-testid="toggle-participants"
      >
        <Icon name="people" />
        <VisuallyHidden>{`${t('room.participants')}, `}</VisuallyHidden>
        <Count data-testid="participant-count">{count}</Count>
      </RoundButton>
    );
  },
);

export function HandButton({ raised, onToggle }: { raised: boolean; onToggle(): void }) {
  const { t } = useTranslation();
  return (
    <RoundButton
      type="button"
      $on={raised}
      aria-pressed={raised}
      aria-label={t('room.raiseHand')}
      title={raised ? t('room.lowerHand') : t('room.raiseHand')}
      onClick={onToggle}
      data-testid="toggle-hand"
    >
      <Icon name="hand" />
    </RoundButton>
  );
}

/** The fixed set of reactions as buttons. */
export function ReactionChoices({ onReact }: { onReact(emoji: ReactionEmoji): void }) {
  const { t } = useTranslation();
  return (
    <Emojis role="group" aria-label={t('room.reactions')}>
      {REACTION_EMOJI.map((emoji) => (
        <EmojiButton
          key={emoji}
          type="button"
          aria-label={t('room.reactionLabel', { emoji: emoji })}
          title={t('room.reactionLabel', { emoji: emoji })}
          onClick={() => onReact(emoji)}
          data-testid="reaction-choice"
        >
          {emoji}
        </EmojiButton>
      ))}
    </Emojis>
  );
}

/** The reactions button of the control bar: a small panel of emoji above it. */
export function ReactionsMenu({ onReact }: { onReact(emoji: ReactionEmoji): void }) {
  const { t } = useTranslation();
  const trigger = useRef<HTMLButtonElement>(null);
  const { open, close, anchor, panelId, triggerProps } = usePopover(() => trigger.current?.focus());
  return (
    <PopoverAnchor ref={anchor}>
      <RoundButton
        ref={trigger}
        type="button"
        $on={open}
        aria-label={t('room.reactions')}
        title={t('room.reactions')}
        {...triggerProps}
        data-testid="toggle-reactions"
      >
        <Icon name="smile" />
      </RoundButton>
      {open ? (
        <PopoverPanel id={panelId} role="dialog" aria-label={t('room.reactions')}>
          <ReactionChoices
            onReact={(emoji) => {
              onReact(emoji);
              close();
            }}
          />
        </PopoverPanel>
      ) : null}
    </PopoverAnchor>
  );
}

/** The room controls inside the "More" menu on narrow screens. */
export function RoomMoreItems(props: {
  raised: boolean;
  count: number;
  onToggleHand(): void;
  onOpenParticipants(): void;
  onReact(emoji: ReactionEmoji): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Button type="button" $variant="secondary" onClick={props.onToggleHand} data-testid="more-hand">
        <Icon name="hand" size={18} />
        {props.raised ? t('room.lowerHand') : t('room.raiseHand')}
      </Button>
      <Button type="button" $variant="secondary" onClick={props.onOpenParticipants} data-testid="more-participants">
        <Icon name="people" size={18} />
        {t('room.participantsCount', { count: props.count })}
      </Button>
      <ReactionChoices onReact={props.onReact} />
    </>
  );
}
