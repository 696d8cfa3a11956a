// The sandbox page: who you act as, the Discord and Slack channels side by side (tabs on a phone), knobs.
import { getJson } from './api.js';
import { createDiscordPane } from './discord-pane.js';
import { append, avatar, clear, h, toast } from './dom.js';
import { createKnobsPanel } from './knobs.js';
import { createSlackPane } from './slack-pane.js';

const PERSON_KEY = 'atelier-sandbox-person';

async function boot() {
  const setup = await getJson('/api/setup');
  const listeners = new Set();
  const saved = setup.people.find((p) => p.name === localStorage.getItem(PERSON_KEY));
  const app = {
    setup,
    person: saved ?? setup.people[0],
    onPerson: (fn) => listeners.add(fn),
    setPerson(person) {
      app.person = person;
      localStorage.setItem(PERSON_KEY, person.name);
      drawPeople();
      for (const fn of listeners) fn(person);
    },
    activity: () => {},
  };

  const people = document.getElementById('people');
  function drawPeople() {
    append(clear(people), [
      h('span', { class: 'people-label', text: 'Act as' }),
      setup.people.map((p) =>
        h(
          'button',
          {
            type: 'button',
            role: 'radio',
            class: ['person', p.name === app.person.name && 'active'],
            'aria-checked': p.name === app.person.name ? 'true' : 'false',
            dataset: { person: p.name },
            title: p.admin ? `${p.displayName} (admin)` : p.displayName,
            onclick: () => app.setPerson(p),
          },
          avatar(p.name, false),
          h('span', { text: p.name }),
        ),
      ),
    ]);
  }
  drawPeople();

  const links = document.getElementById('links');
  links.append(
    ...setup.bot.links
      .filter((l) => l.name !== 'healthz')
      .map((l) => h('a', { href: l.url, target: '_blank', rel: 'noopener', text: `/${l.name}` })),
  );

  // Knobs: a drawer on wide screens, a tab on phones.
  const panes = document.getElementById('panes');
  const knobs = document.getElementById('knobs');
  const toggle = document.getElementById('knobs-toggle');
  toggle.addEventListener('click', () => {
    knobs.hidden = !knobs.hidden;
    toggle.setAttribute('aria-expanded', String(!knobs.hidden));
  });
  for (const tab of document.querySelectorAll('#tabs button')) {
    tab.addEventListener('click', () => {
      panes.dataset.tab = tab.dataset.tab;
      if (tab.dataset.tab === 'knobs') knobs.hidden = false;
      for (const other of document.querySelectorAll('#tabs button'))
        other.setAttribute('aria-selected', String(other === tab));
    });
  }

  createKnobsPanel(knobs, app);
  createDiscordPane(document.getElementById('discord'), app);
  createSlackPane(document.getElementById('slack'), app);
  document.body.dataset.ready = 'true';
}

boot().catch((error) => toast(`The sandbox page could not start: ${error.message}`));
