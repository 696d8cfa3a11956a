/**
 * Just enough SQL lexing to classify a statement the way sqld's query analysis does (which statements
 * report `affected_row_count` and `last_insert_rowid`) and to list parameters for `describe`. Strings,
 * quoted identifiers and comments are skipped; nothing is validated (SQLite does that).
 */

export interface StatementShape {
  /** INSERT, REPLACE, UPDATE or DELETE at the top level (after any WITH clause). */
  isIud: boolean;
  /** INSERT or REPLACE. */
  isInsert: boolean;
  isExplain: boolean;
  /** Reads only: SELECT, VALUES, EXPLAIN, or a WITH … SELECT. */
  isReadonly: boolean;
  /** Parameter names in order of first appearance; `null` for anonymous `?`. */
  params: (string | null)[];
}

const VERBS = new Set(['SELECT', 'VALUES', 'INSERT', 'REPLACE', 'UPDATE', 'DELETE']);

interface Token {
  kind: 'word' | 'param' | 'open' | 'close';
  text: string;
}

export function scanStatement(sql: string): StatementShape {
  const tokens = tokenize(sql);
  const topWords: string[] = [];
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === 'open') depth += 1;
    else if (token.kind === 'close') depth = Math.max(0, depth - 1);
    else if (token.kind === 'word' && depth === 0) topWords.push(token.text.toUpperCase());
  }
  const first = topWords[0] ?? '';
  // After WITH the statement's verb is the first top-level DML/SELECT keyword.
  const verb = first === 'WITH' ? (topWords.find((w) => VERBS.has(w)) ?? '') : first;
  const isInsert = verb === 'INSERT' || verb === 'REPLACE';
  return {
    isIud: isInsert || verb === 'UPDATE' || verb === 'DELETE',
    isInsert,
    isExplain: first === 'EXPLAIN',
    isReadonly: verb === 'SELECT' || verb === 'VALUES' || first === 'EXPLAIN',
    params: parameterList(tokens),
  };
}

function parameterList(tokens: readonly Token[]): (string | null)[] {
  const params: (string | null)[] = [];
  const seen = new Set<string>();
  for (const { kind, text } of tokens) {
    if (kind !== 'param') continue;
    if (text === '?') params.push(null);
    else if (/^\?\d+$/.test(text)) {
      const index = Number(text.slice(1));
      while (params.length < index) params.push(null);
      params[index - 1] = text;
    } else if (!seen.has(text)) {
      seen.add(text);
      params.push(text);
    }
  }
  return params;
}

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] ?? '';
    const rest = sql.slice(i);
    if (rest.startsWith('--')) {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
    } else if (rest.startsWith('/*')) {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 2;
    } else if (c === "'" || c === '"' || c === '`' || c === '[') {
      i = skipQuoted(sql, i, c === '[' ? ']' : c);
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'open' : 'close', text: c });
      i += 1;
    } else {
      const param = /^(\?\d*|[:@$][\w]+)/.exec(rest);
      const word = /^[A-Za-z_][\w]*/.exec(rest);
      if (param) tokens.push({ kind: 'param', text: param[0] });
      else if (word) tokens.push({ kind: 'word', text: word[0] });
      i += param?.[0].length ?? word?.[0].length ?? 1;
    }
  }
  return tokens;
}

/** Index just past a quoted run; a doubled closing quote is an escaped quote. */
function skipQuoted(sql: string, start: number, close: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === close) {
      if (close !== ']' && sql[i + 1] === close) i += 2;
      else return i + 1;
    } else i += 1;
  }
  return sql.length;
}
