// One incident: summary, events oldest first with their decoded fields (raw fields on demand),
// notes, and the acts the role allows; every act needs a note, as the API requires.
import { el, replace, duration, time, siteLink } from './dom.js';
import { get, post, ApiError } from './api.js';
import { may, acknowledgeAlert, onQueue } from './app.js';
import { PlanPanel } from './plan.js';

const ACTS = [
  { act: 'acknowledge', label: 'Acknowledge', states: ['open'], permission: 'incident_act' },
  { act: 'claim', label: 'Claim', states: ['acknowledged'], permission: 'incident_act' },
  { act: 'resolve', label: 'Resolve', states: ['acknowledged', 'claimed'], permission: 'incident_act' },
  { act: 'close', label: 'Close', states: ['resolved'], permission: 'incident_close' },
];

export class IncidentView {
  constructor(node, id) {
    this.node = node;
    this.id = id;
    acknowledgeAlert(id);
    replace(node, el('p', {}, 'Loading...'));
    // another operator's act arrives through the stream: show it without a reload
    this.unsubscribe = onQueue(() => this.load(false));
    this.load(true);
  }

  close() {
    this.unsubscribe();
  }

  async load(first) {
    try {
      this.detail = await get(`/api/incidents/${encodeURIComponent(this.id)}`);
    } catch (e) {
      if (first) replace(this.node, el('p', { class: 'error' }, e instanceof ApiError && e.status === 404 ? 'No such incident.' : e.message));
      return;
    }
    const typing = this.noteField && this.noteField.value;
    if (typing && !first) {
      this.renderSummary();
      return; // keep the operator's half-written note
    }
    this.render();
    const intent = sessionStorage.getItem('vigil.console.intent');
    sessionStorage.removeItem('vigil.console.intent');
    if (first && intent === 'claim') this.noteField.focus();
  }

  render() {
    const { incident, events, notes } = this.detail;
    if (!this.plan) {
      // made once: a later render (another operator's act) keeps the panel and what is typed in it
      this.planNode = el('div', {}, 'Loading...');
      this.plan = new PlanPanel(this.planNode, this.id, incident.siteId);
      this.plan.load();
    }
    this.summary = el('section', { class: 'summary', id: 'incident-summary' });
    this.noteField = el('textarea', { id: 'note', rows: 3, maxlength: 2000, placeholder: 'Note (needed for every act)' });
    this.message = el('p', { class: 'error', id: 'act-error', hidden: true });
    const buttons = ACTS.filter((a) => may(a.permission)).map((a) => el('button', {
      type: 'button', id: `act-${a.act}`, 'data-act': a.act, onclick: () => this.act(a.act),
    }, a.label));
    if (may('incident_act')) buttons.push(el('button', { type: 'button', id: 'act-note', onclick: () => this.act('note') }, 'Add note'));
    this.buttons = buttons;
    replace(this.node,
      el('p', {}, el('a', { href: '#/queue' }, '< Queue')),
      el('h1', { id: 'incident-title' }, incident.title || '(untitled)'),
      this.summary,
      buttons.length ? el('section', { class: 'acts' }, el('h2', {}, 'Act'), this.noteField, el('div', { class: 'buttons' }, buttons), this.message) : null,
      el('section', { class: 'plan', id: 'action-plan' }, el('h2', {}, 'Action plan and contacts'),
        this.planNode),
      el('section', {}, el('h2', {}, `Events (${events.length})`),
        el('table', { class: 'events', id: 'events' },
          el('thead', {}, el('tr', {}, ['Occurred', 'Received', 'Class', 'Category', 'Code', 'Meaning', 'Zone', 'User', 'Area', 'Device', ''].map((h) => el('th', {}, h)))),
          el('tbody', {}, events.map((e) => this.eventRows(e))))),
      el('section', {}, el('h2', {}, 'Notes'),
        notes.length ? el('ol', { class: 'notes', id: 'notes' }, notes.map((n) => el('li', {},
          el('span', { class: 'when' }, time(n.at)), ' ', el('strong', {}, n.operatorId), n.action ? ` (${n.action})` : '', ': ',
          el('span', { class: 'note-text' }, n.text)))) : el('p', { class: 'empty' }, 'No notes yet.')));
    this.renderSummary();
  }

  renderSummary() {
    const { incident } = this.detail;
    replace(this.summary, el('dl', {},
      el('dt', {}, 'Priority'), el('dd', { class: `p${incident.priority}` }, `P${incident.priority}`),
      el('dt', {}, 'State'), el('dd', { id: 'incident-state' }, incident.state),
      el('dt', {}, 'Claimed by'), el('dd', { id: 'incident-claimed-by' }, incident.claimedBy || '-'),
      el('dt', {}, 'Site'), el('dd', {}, siteLink(incident.siteId)),
      el('dt', {}, 'Category'), el('dd', {}, incident.category),
      el('dt', {}, 'Opened'), el('dd', {}, `${time(incident.openedAt)} (`, this.age = el('span', { class: 'age' }), ' ago)'),
      el('dt', {}, 'Escalation'), el('dd', {}, `level ${incident.escalationLevel}`
        + (incident.nextEscalationAt ? `, next at ${time(incident.nextEscalationAt)}` : ', no timer running'))));
    this.tick();
    for (const button of this.buttons || []) {
      const act = ACTS.find((a) => a.act === button.dataset.act);
      if (act) button.disabled = !act.states.includes(incident.state);
    }
  }

  eventRows(event) {
    const raw = el('pre', { class: 'raw' }, JSON.stringify(event, null, 2));
    const rawRow = el('tr', { class: 'raw-row', hidden: true }, el('td', { colspan: 11 }, raw));
    return [
      el('tr', { class: 'event' },
        el('td', {}, time(event.occurredAt)), el('td', {}, time(event.receivedAt)), el('td', {}, event.eventClass),
        el('td', {}, event.category), el('td', {}, event.code || ''), el('td', { class: 'meaning' }, event.description),
        el('td', { class: 'zone' }, event.zone || ''), el('td', {}, event.user || ''), el('td', {}, event.area || ''),
        el('td', {}, event.deviceId || ''),
        el('td', {}, el('button', { type: 'button', class: 'show-raw', onclick: () => { rawRow.hidden = !rawRow.hidden; } }, 'Raw'))),
      rawRow,
    ];
  }

  async act(act) {
    const note = this.noteField.value.trim();
    this.message.hidden = true;
    if (!note) {
      this.showError('Write a note first: every act needs one.');
      this.noteField.focus();
      return;
    }
    const path = act === 'note' ? `/api/incidents/${encodeURIComponent(this.id)}/notes`
      : `/api/incidents/${encodeURIComponent(this.id)}:${act}`;
    try {
      await post(path, { note });
      this.noteField.value = '';
      await this.load(false);
    } catch (e) {
      this.showError(e.message);
    }
  }

  showError(text) {
    replace(this.message, text);
    this.message.hidden = false;
  }

  tick() {
    if (this.age) this.age.textContent = duration(Date.now() - Date.parse(this.detail.incident.openedAt));
  }

  key(key) {
    if (key === 'c' && this.noteField) {
      this.noteField.focus();
      return true;
    }
    return false;
  }
}
