// Every user-controlled string on screen goes through UserText: bidi-isolated (<bdi>, so a right-to-left
// name cannot reorder the text around it), with invisible and control characters made visible
// (lib/visible-text.ts: "Contoso ⟨U+202E⟩txt.exe"), breaking anywhere rather than widening the page,
// and cut after `maxLength` characters with the whole value in its title.
import { styled } from '@mui/material/styles';
import { splitInvisibles, revealInvisibles, truncateText } from '../lib/visible-text';

export interface UserTextProps {
  text: string | null | undefined;
  /** Characters shown before the text is cut (an ellipsis, and the full value in the title). */
  maxLength?: number;
}

const Isolated = styled('bdi')({ overflowWrap: 'anywhere' });

// Outlined in the text's own colour: it stands out without changing the contrast the theme checked.
const Mark = styled('span')({
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  fontSize: '0.85em',
  outline: '1px dashed currentColor',
  borderRadius: 3,
  padding: '0 2px',
  margin: '0 2px',
  whiteSpace: 'nowrap',
});

export function UserText({ text, maxLength }: UserTextProps) {
  const value = text ?? '';
  const cut = maxLength === undefined ? { text: value, isTruncated: false } : truncateText(value, maxLength);
  const segments = splitInvisibles(cut.text);
  return (
    <Isolated title={cut.isTruncated ? revealInvisibles(value) : undefined}>
      {segments.length === 1 && segments[0]?.isMark === false
        ? cut.text
        : segments.map((segment, i) => (segment.isMark ? <Mark key={i}>{segment.text}</Mark> : segment.text))}
    </Isolated>
  );
}
