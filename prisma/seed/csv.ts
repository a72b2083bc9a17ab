/**
 * A small RFC 4180 CSV reader for the seed data (no dependency): comma-separated fields, CRLF or LF
 * record separators, double-quoted fields that may contain commas, quotes ("") and line breaks.
 * A UTF-8 byte-order mark and a final line break are ignored.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

export class CsvError extends Error {
  constructor(
    readonly file: string,
    readonly row: number,
    readonly column: string | null,
    message: string,
  ) {
    super(`${file} row ${row}${column ? ` column ${column}` : ''}: ${message}`);
    this.name = 'CsvError';
  }
}

/** Parses CSV text into records (arrays of fields). Row numbers in errors count records from 1 (the header). */
export function parseCsv(text: string, file = 'csv'): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let quoted = false;
  let fieldStarted = false;
  const n = text.length;
  const endField = () => {
    record.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
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
        if (i < n && next !== ',' && next !== '\r' && next !== '\n') {
          throw new CsvError(file, records.length + 1, null, 'characters after a closing quote');
        }
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (fieldStarted || field.length > 0) throw new CsvError(file, records.length + 1, null, 'quote inside an unquoted field');
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (c === ',') {
      endField();
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      fieldStarted = true;
      i++;
    }
  }
  if (quoted) throw new CsvError(file, records.length + 1, null, 'unterminated quoted field');
  if (fieldStarted || field.length > 0 || record.length > 0) endRecord();
  return records;
}

/** One data row: `row` is its record number in the file (the header is row 1). */
export interface CsvRow {
  row: number;
  get(column: string): string;
}

export interface CsvTable {
  file: string;
  columns: string[];
  rows: CsvRow[];
}

/** Reads a CSV file whose header must be exactly `columns` (in that order). */
export function readCsvTable(path: string, columns: readonly string[]): CsvTable {
  const file = basename(path);
  const records = parseCsv(readFileSync(path, 'utf8'), file);
  if (records.length === 0) throw new CsvError(file, 1, null, 'empty file (a header is required)');
  const header = records[0];
  if (header.join(',') !== columns.join(',')) {
    throw new CsvError(file, 1, null, `header must be "${columns.join(',')}", found "${header.join(',')}"`);
  }
  const index = new Map(columns.map((c, k) => [c, k]));
  const rows: CsvRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const values = records[r];
    const rowNumber = r + 1;
    if (values.length === 1 && values[0] === '') continue; // blank line
    if (values.length !== columns.length) {
      throw new CsvError(file, rowNumber, null, `expected ${columns.length} fields, found ${values.length}`);
    }
    rows.push({
      row: rowNumber,
      get(column: string) {
        const k = index.get(column);
        if (k === undefined) throw new Error(`${file}: no column ${column}`);
        return values[k];
      },
    });
  }
  return { file, columns: [...columns], rows };
}
