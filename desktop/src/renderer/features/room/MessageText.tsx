import { linkifyText } from './linkifyText.js';

/**
 * A chat message's text: text nodes and http(s) links, never HTML. Links open outside the meeting: a new tab in
 * the browser (without access to this page), the system browser in the desktop app (its window-open policy).
 */
export function MessageText({ text }: { text: string }) {
  return (
    <>
      {linkifyText(text).map((part, index) =>
        part.kind === 'link' ? (
          <a key={index} href={part.href} target="_blank" rel="noopener noreferrer">
            {part.text}
          </a>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}
