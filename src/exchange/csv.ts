/**
 * RFC 4180 CSV for register exchange files: comma-separated, CRLF or LF, double-quoted fields that may
 * hold commas, quotes ("") and line breaks; a UTF-8 byte-order mark and blank lines are ignored. Every
 * record keeps the line it starts on, so problems are reported by the row number a person sees in an
 * editor (the header is row 1).
 */

export interface CsvRecord {
  /** The line the record starts on (1-based; the header is line 1). */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`row ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

export function parseCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let line = 1;
  let start = 1;
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let touched = false; // the record has a character (blank lines are skipped)
  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    if (touched) records.push({ line: start, fields });
    fields = [];
    touched = false;
  };
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (i < n && next !== ',' && next !== '\r' && next !== '\n') throw new CsvSyntaxError(line, 'characters after a closing quote');
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (field.length > 0) throw new CsvSyntaxError(line, 'a quote inside an unquoted field');
      quoted = true;
      touched = true;
      i++;
    } else if (c === ',') {
      endField();
      touched = true;
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      start = line;
    } else {
      field += c;
      touched = true;
      i++;
    }
  }
  if (quoted) throw new CsvSyntaxError(start, 'a quoted field is not closed');
  if (touched || field.length) endRecord();
  return records;
}
