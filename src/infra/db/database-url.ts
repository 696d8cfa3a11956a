/** What kind of libSQL database a DATABASE_URL names. */
export type DatabaseKind = 'memory' | 'file' | 'remote';

export function databaseKind(url: string): DatabaseKind {
  if (url === ':memory:' || url.startsWith('file::memory:') || /[?&]mode=memory\b/.test(url)) return 'memory';
  return url.startsWith('file:') ? 'file' : 'remote';
}

/**
 * The filesystem path of a `file:` URL: `file:./data/a.db` (relative to the working directory, as
 * libSQL opens it), `file:/abs/a.db`, `file:///abs/a.db` or `file://localhost/abs/a.db`.
 */
export function databaseFilePath(url: string): string {
  let path = url.slice('file:'.length).split('?')[0] ?? '';
  if (path.startsWith('//')) path = path.replace(/^\/\/[^/]*/, '');
  return decodeURIComponent(path);
}
