import { apiErrors, type DiscordApiError } from './http-io.js';

type ErrorList = Array<{ code: string; message: string }>;
interface ErrorTree {
  [key: string]: ErrorTree | ErrorList;
}

/** Collects form errors in Discord's nested `{ field: { 0: { _errors: [...] } } }` shape (code 50035). */
export class FormErrors {
  readonly tree: ErrorTree = {};
  count = 0;

  add(path: ReadonlyArray<string | number>, code: string, message: string): void {
    let node = this.tree;
    for (const key of path.map(String)) {
      const child = (node[key] ?? {}) as ErrorTree;
      node[key] = child;
      node = child;
    }
    const list = (node._errors ?? []) as ErrorList;
    node._errors = list;
    list.push({ code, message });
    this.count += 1;
  }

  maxLength(path: ReadonlyArray<string | number>, value: unknown, max: number): void {
    if (typeof value === 'string' && value.length > max) {
      this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    }
  }

  throwIfAny(): void {
    if (this.count > 0) throw apiErrors.invalidForm(this.tree);
  }
}

/** A 400 Invalid Form Body with one error at `path`. */
export function formError(
  path: ReadonlyArray<string | number>,
  code: string,
  message: string,
): DiscordApiError {
  const errors = new FormErrors();
  errors.add(path, code, message);
  return apiErrors.invalidForm(errors.tree);
}
