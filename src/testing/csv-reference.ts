// A deliberately plain, whole-text CSV reader for tests: the oracle that lib/csv-reader.ts (streaming,
// chunked, optimised) is checked against. RFC 4180, with CRLF, LF and a lone CR each ending a row; text
// after a closing quote is kept as part of the value; an unclosed quote takes the rest of the text.
export interface ReferenceRow {
  fields: string[];
  line: number;
}

export function referenceCsvRows(text: string): ReferenceRow[] {
  const rows: ReferenceRow[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let isRowStarted = false;
  let i = 0;
  const isBreak = (c: string | undefined) => c === '\r' || c === '\n';
  const skipBreak = () => {
    if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
    else i += 1;
    line += 1;
  };
  while (i < text.length) {
    if (!isRowStarted) {
      isRowStarted = true;
      rowLine = line;
    }
    if (text[i] === '"' && field === '') {
      i++;
      while (i < text.length) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (isBreak(text[i])) {
          const isCrLf = text[i] === '\r' && text[i + 1] === '\n';
          field += isCrLf ? '\r\n' : text[i];
          i += isCrLf ? 2 : 1;
          line++;
          continue;
        }
        field += text[i];
        i++;
      }
      // Text after the closing quote stays in the value, up to the next comma or line break.
      while (i < text.length && text[i] !== ',' && !isBreak(text[i])) field += text[i++];
    } else {
      while (i < text.length && text[i] !== ',' && !isBreak(text[i])) field += text[i++];
    }
    if (i >= text.length) break;
    fields.push(field);
    field = '';
    if (text[i] === ',') {
      i++;
      if (i >= text.length) break;
      continue;
    }
    skipBreak();
    rows.push({ fields, line: rowLine });
    fields = [];
    isRowStarted = false;
  }
  if (isRowStarted) {
    fields.push(field);
    rows.push({ fields, line: rowLine });
  }
  return rows;
}
