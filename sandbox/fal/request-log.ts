import type { PromptReading } from './prompt-window.js';
import type { FieldError } from './validate-input.js';

/** One submit as the emulator saw it: what was sent, what fal would ignore or refuse, what the model reads. */
export interface SubmitRecord {
  /** The job's id; undefined when the submit was refused. */
  requestId: string | undefined;
  model: string;
  /** The schema the body was checked against (the endpoint, or the generic one for unknown endpoints). */
  schema: string;
  status: number;
  body: Record<string, unknown>;
  /** Fields the endpoint does not declare: fal ignores them, and the bot should never send one. */
  ignored: string[];
  errors: FieldError[];
  /** What the model reads of the prompt (accepted FLUX submits: its T5 window) and the tail it never sees. */
  prompt: PromptReading | undefined;
}

/** The last submits, newest last; old ones dropped so a long sandbox session stays small. */
export class RequestLog {
  private items: SubmitRecord[] = [];

  constructor(private readonly max: number) {}

  add(record: SubmitRecord): void {
    this.items.push(record);
    if (this.items.length > this.max) this.items.splice(0, this.items.length - this.max);
  }

  list(): SubmitRecord[] {
    return structuredClone(this.items);
  }

  clear(): void {
    this.items = [];
  }
}
