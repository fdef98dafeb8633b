import { escapeHtml } from '../html.ts';

/** Escapes text and turns `backticked` spans into <code>, for our own short notes. */
export function renderInlineCode(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}
