import { missingCaseError } from '@wava/protocol';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import styled from 'styled-components';
import type { PersonAction } from '../../call/moderationStore.js';
import { usePopover } from '../../hooks/usePopover.js';
import { i18n } from '../../i18n/i18n.js';
import type { ErrorNotice } from '../../i18n/errorSentence.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import { Icon } from '../../ui/components/Icon.js';
import { PopoverAnchor } from '../../ui/components/Popover.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { needsConfirm } from './personActions.js';

const Trigger = styled.button`
  display: inline-grid;
  place-items: center;
  width: 32px;
  height: 32px;
  border-radius: 50%;
  border: 1px solid transparent;
  background: transparent;
  color: inherit;
  cursor: pointer;
  &:hover,
  &[aria-expanded='true'] {
    background: ${({ theme }) => theme.color.surfaceHover};
    border-color: ${({ theme }) => theme.color.border};
  }
`;

const Menu = styled.div`
  position: absolute;
  top: calc(100% + 4px);
  right: 0;
  z-index: 15;
  min-width: 200px;
  display: flex;
  flex-direction: column;
  padding: ${({ theme }) => theme.space(1)};
  border-radius: ${({ theme }) => theme.radius.md};
  background: ${({ theme }) => theme.color.surfaceRaised};
  border: 1px solid ${({ theme }) => theme.color.border};
  box-shadow: ${({ theme }) => theme.shadow.raised};
`;

const Item = styled.button<{ $danger: boolean }>`
  text-align: left;
  padding: ${({ theme }) => `${theme.space(2)} ${theme.space(3)}`};
  border: none;
  border-radius: ${({ theme }) => theme.radius.sm};
  background: transparent;
  color: ${({ theme, $danger }) => ($danger ? theme.color.danger : theme.color.text)};
  font: inherit;
  font-size: ${({ theme }) => theme.font.size.sm};
  cursor: pointer;
  &:hover,
  &:focus-visible {
    background: ${({ theme }) => theme.color.surfaceHover};
  }
`;

export interface PersonMenuProps {
  name: string;
  actions: readonly PersonAction[];
  /** Carries the power out; resolves with the refusal, or null. */
  onAct(action: PersonAction): Promise<ErrorNotice | null>;
  /** The outcome of the last power used from this menu: a refusal, or null when it went through. */
  onResult(refusal: ErrorNotice | null, action: PersonAction): void;
}

/**
 * The host's menu for one person (a button with a menu: arrow keys move, Escape closes and focus returns to the
 * button). Removing someone and handing hosting over ask first.
 */
export function PersonMenu({ name, actions, onAct, onResult }: PersonMenuProps) {
  const { t } = useTranslation();
  const trigger = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const { open, toggle, close, anchor } = usePopover(() => trigger.current?.focus());
  const [confirming, setConfirming] = useState<'remove' | 'handOver' | null>(null);
  const menuId = useId();

  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);

  const run = (action: PersonAction) => void onAct(action).then((refusal) => onResult(refusal, action));

  const choose = (action: PersonAction) => {
    close();
    if (needsConfirm(action)) setConfirming(action);
    else run(action);
  };

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const focus = (index: number) => items[(index + items.length) % items.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        focus(at + 1);
        break;
      case 'ArrowUp':
        focus(at - 1);
        break;
      case 'Home':
        focus(0);
        break;
      case 'End':
        focus(items.length - 1);
        break;
      case 'Escape':
        // Before the side panel's own Escape, which would close the whole panel.
        event.stopPropagation();
        close();
        break;
      case 'Tab':
        close();
        return;
      default:
        return;
    }
    event.preventDefault();
  };

  if (actions.length === 0) return null;
  return (
    <PopoverAnchor ref={anchor}>
      <Trigger
        ref={trigger}
        type="button"
        aria-label={t('moderation.actionsFor', { name })}
        title={t('moderation.actionsFor', { name })}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={toggle}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            toggle();
          }
        }}
        data-testid="person-menu"
      >
        <Icon name="more" size={18} />
      </Trigger>
      {open ? (
        <Menu
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={t('moderation.actionsFor', { name })}
          onKeyDown={onMenuKey}
        >
          {actions.map((action) => (
            <Item
              key={action}
              type="button"
              role="menuitem"
              tabIndex={-1}
              $danger={action === 'remove'}
              onClick={() => choose(action)}
              data-testid={`person-${action}`}
            >
              {actionLabel(action)}
            </Item>
          ))}
        </Menu>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={t(confirming === 'remove' ? 'moderation.removeTitle' : 'moderation.handOverTitle', { name })}
          text={t(confirming === 'remove' ? 'moderation.removeText' : 'moderation.handOverText', { name })}
          confirmLabel={t(confirming === 'remove' ? 'moderation.removeConfirm' : 'moderation.handOverConfirm')}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            setConfirming(null);
            run(confirming);
          }}
          returnFocus={() => trigger.current}
          testId={`confirm-${confirming}`}
        />
      ) : null}
    </PopoverAnchor>
  );
}

/** What a menu item says. */
export function actionLabel(action: PersonAction): string {
  switch (action) {
    case 'mute':
      return i18n.t('moderation.mute');
    case 'askUnmute':
      return i18n.t('moderation.askUnmute');
    case 'stopVideo':
      return i18n.t('moderation.stopVideo');
    case 'stopScreen':
      return i18n.t('moderation.stopScreen');
    case 'makeCoHost':
      return i18n.t('moderation.makeCoHost');
    case 'unmakeCoHost':
      return i18n.t('moderation.unmakeCoHost');
    case 'handOver':
      return i18n.t('moderation.handOver');
    case 'remove':
      return i18n.t('moderation.remove');
    default:
      throw missingCaseError(action);
  }
}
