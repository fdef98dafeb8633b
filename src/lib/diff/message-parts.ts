/**
 * Change messages are plain text with names from the spec in backticks
 * (``property `owner.login` removed``). Renderers split them to show those names as code
 * and escape everything for their format.
 */
export interface MessagePart {
  code: boolean;
  text: string;
}

export function messageParts(message: string): MessagePart[] {
  const parts: MessagePart[] = [];
  const pieces = message.split('`');
  // An odd number of backticks (a name containing one) leaves the tail as plain text.
  const balanced = pieces.length % 2 === 1;
  pieces.forEach((text, i) => {
    const code = balanced && i % 2 === 1;
    if (text === '' && !code) return;
    if (!balanced && i > 0) {
      parts.push({ code: false, text: `\`${text}` });
      return;
    }
    parts.push({ code, text });
  });
  return parts;
}
