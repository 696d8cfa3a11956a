// A modal the bot showed (interaction callback 9): text inputs and selects, submitted through the emulator.
import { h } from './dom.js';
import { openModal } from './modal.js';

/** Collects the inputs of modal components (action rows of type 4, or Label components of type 18). */
function inputsOf(components) {
  const out = [];
  for (const c of components ?? []) {
    if (c.type === 1)
      out.push(...(c.components ?? []).map((inner) => ({ label: inner.label, component: inner })));
    else if (c.type === 18 && c.component)
      out.push({ label: c.label, description: c.description, component: c.component });
    else if (c.type === 10) out.push({ text: c.content });
  }
  return out;
}

function control(component) {
  if (component.type === 4) {
    const props = {
      name: component.custom_id,
      required: Boolean(component.required ?? true),
      minlength: component.min_length,
      maxlength: component.max_length,
      placeholder: component.placeholder,
      value: component.value ?? '',
    };
    return component.style === 2
      ? h('textarea', { ...props, rows: 4 })
      : h('input', { type: 'text', ...props });
  }
  if (component.type === 3)
    return h(
      'select',
      { name: component.custom_id, multiple: (component.max_values ?? 1) > 1 },
      (component.options ?? []).map((o) =>
        h('option', { value: o.value, text: o.label, selected: Boolean(o.default) }),
      ),
    );
  return h('span', { class: 'muted', text: `(component type ${component.type} is not shown here)` });
}

export function openDiscordModal(modal, submit) {
  const fields = inputsOf(modal.components);
  const controls = [];
  const body = h(
    'div',
    { class: 'modal-fields' },
    fields.map((f) => {
      if (f.text !== undefined) return h('p', { text: f.text });
      const el = control(f.component);
      controls.push(el);
      return h(
        'label',
        { class: 'modal-field' },
        h('span', { class: 'field-label', text: f.label ?? f.component.custom_id }),
        f.description ? h('span', { class: 'hint', text: f.description }) : null,
        el,
      );
    }),
  );
  openModal({
    theme: 'discord',
    title: modal.title ?? 'Form',
    body,
    submitLabel: 'Submit',
    submit: async () => {
      const values = {};
      for (const el of controls) {
        if (!el.name) continue;
        values[el.name] = el.tagName === 'SELECT' ? [...el.selectedOptions].map((o) => o.value) : el.value;
      }
      return Boolean(await submit(values));
    },
  });
}
