import { EmulatorUsageError } from './usage-error.js';

/** The loose shape of any component (message or modal) the emulator needs to look into. */
export interface AnyComponent {
  type: number;
  id?: number;
  custom_id?: string;
  disabled?: boolean;
  required?: boolean;
  value?: string;
  min_values?: number;
  max_values?: number;
  options?: Array<{ value: string }>;
  components?: AnyComponent[];
  component?: AnyComponent;
  accessory?: AnyComponent;
}

/** Finds a component by custom_id anywhere in a tree (rows, containers, sections, labels). */
export function findComponent(
  list: readonly unknown[] | undefined,
  customId: string,
): AnyComponent | undefined {
  for (const item of (list ?? []) as AnyComponent[]) {
    if (item.custom_id === customId) return item;
    const children = [
      ...(item.components ?? []),
      ...(item.component ? [item.component] : []),
      ...(item.accessory ? [item.accessory] : []),
    ];
    const hit = findComponent(children, customId);
    if (hit) return hit;
  }
  return undefined;
}

const SELECTS = new Set([3, 5, 6, 7, 8]);

export const isSelect = (component: AnyComponent) => SELECTS.has(component.type);

/** Checks picked values the way the Discord client limits them (count, and options for string selects). */
export function checkSelectValues(component: AnyComponent, values: readonly string[]): void {
  const min = component.min_values ?? 1;
  const max = component.max_values ?? 1;
  if (values.length < min || values.length > max) {
    throw new EmulatorUsageError(`select "${component.custom_id}" takes ${min} to ${max} values`);
  }
  if (component.type === 3) {
    const allowed = new Set((component.options ?? []).map((o) => o.value));
    const bad = values.find((v) => !allowed.has(v));
    if (bad !== undefined)
      throw new EmulatorUsageError(`select "${component.custom_id}" has no option "${bad}"`);
  }
}

/**
 * The components of a modal submission, mirroring the modal the bot showed: text inputs carry
 * `value`, selects `values`; rows (type 1) and labels (type 18) keep their structure.
 */
export function submittedComponents(
  modal: readonly AnyComponent[],
  values: Readonly<Record<string, string | readonly string[]>>,
): object[] {
  const fill = (c: AnyComponent): object => {
    const given = c.custom_id === undefined ? undefined : values[c.custom_id];
    const base = { type: c.type, ...(c.id !== undefined ? { id: c.id } : {}), custom_id: c.custom_id };
    if (c.type === 4) {
      const value = typeof given === 'string' ? given : (c.value ?? '');
      if (c.required !== false && value === '')
        throw new EmulatorUsageError(`text input "${c.custom_id}" is required`);
      return { ...base, value };
    }
    if (isSelect(c)) {
      const picked = given === undefined ? [] : typeof given === 'string' ? [given] : [...given];
      if (picked.length > 0 || c.required !== false) checkSelectValues(c, picked);
      return { ...base, values: picked };
    }
    return { type: c.type, ...(c.id !== undefined ? { id: c.id } : {}) };
  };
  return modal.map((top) => {
    if (top.type === 1)
      return {
        type: 1,
        ...(top.id !== undefined ? { id: top.id } : {}),
        components: (top.components ?? []).map(fill),
      };
    if (top.type === 18 && top.component)
      return { type: 18, ...(top.id !== undefined ? { id: top.id } : {}), component: fill(top.component) };
    return fill(top);
  });
}
