// The queue: open incidents by priority, then age (the API's order), live, with the age ticking.
import { el, replace, duration, time, incidentLink, siteLink } from './dom.js';
import { onQueue, queue, refreshQueue } from './app.js';

export class QueueView {
  constructor(node) {
    this.node = node;
    this.selected = 0;
    this.rows = [];
    this.body = el('tbody', { id: 'queue-rows' });
    this.empty = el('p', { class: 'empty', hidden: true }, 'No open incidents.');
    replace(node, el('h1', {}, 'Queue'),
      el('table', { class: 'queue', id: 'queue' },
        el('thead', {}, el('tr', {}, ['P', 'Age', 'Category', 'Site', 'Title', 'State', 'Claimed by', 'Escalation', 'Next timer']
          .map((h) => el('th', {}, h)))),
        this.body),
      this.empty);
    this.unsubscribe = onQueue((incidents) => this.render(incidents));
    this.render(queue());
    refreshQueue();
  }

  close() {
    this.unsubscribe();
  }

  render(incidents) {
    this.incidents = incidents;
    this.selected = Math.min(this.selected, Math.max(0, incidents.length - 1));
    this.rows = incidents.map((incident, n) => {
      const age = el('td', { class: 'age' });
      const timer = el('td', { class: 'timer' });
      const row = el('tr', {
        class: `p${incident.priority} ${incident.state}${n === this.selected ? ' selected' : ''}`,
        'data-incident': incident.id,
        onclick: () => { location.hash = `#/incident/${encodeURIComponent(incident.id)}`; },
      },
      el('td', { class: 'priority' }, `P${incident.priority}`),
      age,
      el('td', {}, incident.category),
      el('td', {}, siteLink(incident.siteId)),
      el('td', { class: 'title' }, incidentLink(incident.id, incident.title || '(untitled)')),
      el('td', { class: 'state' }, incident.state),
      el('td', { class: 'claimed-by' }, incident.claimedBy || ''),
      el('td', { class: 'level' }, String(incident.escalationLevel)),
      timer);
      return { row, age, timer, incident };
    });
    replace(this.body, this.rows.map((r) => r.row));
    this.empty.hidden = incidents.length > 0;
    this.tick();
  }

  tick() {
    const now = Date.now();
    for (const { age, timer, incident } of this.rows) {
      age.textContent = duration(now - Date.parse(incident.openedAt));
      age.title = time(incident.openedAt);
      timer.textContent = incident.nextEscalationAt ? `in ${duration(Date.parse(incident.nextEscalationAt) - now)}` : '';
    }
  }

  key(key) {
    if (!this.rows.length) return false;
    if (key === 'j' || key === 'k') {
      this.rows[this.selected].row.classList.remove('selected');
      this.selected = Math.max(0, Math.min(this.rows.length - 1, this.selected + (key === 'j' ? 1 : -1)));
      this.rows[this.selected].row.classList.add('selected');
      this.rows[this.selected].row.scrollIntoView({ block: 'nearest' });
      return true;
    }
    const incident = this.rows[this.selected].incident;
    if (key === 'Enter' || key === 'c') {
      sessionStorage.setItem('vigil.console.intent', key === 'c' ? 'claim' : '');
      location.hash = `#/incident/${encodeURIComponent(incident.id)}`;
      return true;
    }
    return false;
  }
}
