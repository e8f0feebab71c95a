// The incident's action plan and the site's records (docs/automation.md): steps with their outcomes,
// the site's contacts in call order, its agencies and instructions. An operator records outcomes
// through the API, which enforces the step rules; the page only offers what a step type allows.
import { el, replace, time } from './dom.js';
import { get, post, ApiError } from './api.js';
import { may } from './app.js';

// outcomes an operator records by hand, per step type (verify_password and notify_email are done by the server)
const OUTCOMES = {
  instruction: ['done'],
  call_list: ['answered', 'no_answer', 'message_left', 'list_exhausted'],
  dispatch: ['dispatched', 'cancelled_by_keyholder'],
  wait_restore: ['restored', 'not_restored'],
};
const ALWAYS = ['skipped', 'cancelled'];

export class PlanPanel {
  constructor(node, incidentId, siteId) {
    this.node = node;
    this.incidentId = incidentId;
    this.siteId = siteId;
    this.message = el('p', { class: 'error', id: 'plan-error', hidden: true });
  }

  async load() {
    try {
      const [plan, records] = await Promise.all([
        get(`/api/incidents/${encodeURIComponent(this.incidentId)}/plan`),
        get(`/api/sites/${encodeURIComponent(this.siteId)}/records`).catch(() => null),
      ]);
      this.plan = plan;
      this.records = records;
      this.render();
    } catch (e) {
      replace(this.node, el('p', { class: 'error' }, e instanceof ApiError && e.status === 403
        ? 'The action plan is not shown to this role.' : e.message));
    }
  }

  render() {
    const { plan, records } = this;
    replace(this.node,
      plan.duressGiven ? el('p', { class: 'duress', id: 'duress' }, 'DURESS password given: follow the duress procedure') : null,
      records && records.instructions ? el('p', { class: 'instructions', id: 'site-instructions' }, records.instructions) : null,
      plan.steps.length
        ? el('ol', { class: 'steps', id: 'plan-steps' }, plan.steps.map((s) => this.step(s)))
        : el('p', { class: 'empty' }, 'No action plan for this category.'),
      this.message,
      records ? this.contacts(records) : el('p', { class: 'empty' }, 'No site records.'),
      records && records.agencies.length ? el('ul', { class: 'agencies', id: 'plan-agencies' }, records.agencies.map((a) =>
        el('li', {}, `${a.kind}: ${a.name}, ${a.phone}`, a.reference ? ` (ref ${a.reference})` : ''))) : null);
  }

  step(step) {
    const done = step.completed;
    const outcomes = step.outcomes.map((o) => el('li', {},
      o.outcome, o.contact ? ` (contact ${o.contact})` : '', o.reference ? `, ref ${o.reference}` : '',
      ` by ${o.operatorId} at ${time(o.recordedAt)}`, o.note ? `: ${o.note}` : ''));
    return el('li', { class: done ? 'step done' : 'step', 'data-position': step.position },
      el('span', { class: 'instruction' }, step.instruction),
      step.mandatory ? el('span', { class: 'mandatory' }, ' mandatory') : null,
      done ? el('span', { class: 'completed' }, ' done') : null,
      outcomes.length ? el('ul', { class: 'outcomes' }, outcomes) : null,
      !done && may('incident_act') ? this.recorder(step) : null);
  }

  recorder(step) {
    const choices = (OUTCOMES[step.type] || []).concat(ALWAYS);
    if (step.type === 'notify_email') {
      return el('button', { type: 'button', class: 'notify', onclick: () => this.send(`${this.stepPath(step)}:notify`, undefined) },
        'Send the e-mail');
    }
    if (step.type === 'verify_password') {
      const password = el('input', { type: 'password', class: 'password', autocomplete: 'off', placeholder: 'Password given' });
      return el('span', { class: 'record' }, password, el('button', { type: 'button', class: 'verify', onclick: () =>
        this.send(`/api/sites/${encodeURIComponent(this.siteId)}/records:verify-password`,
          { password: password.value, incidentId: this.incidentId }) }, 'Verify'));
    }
    const outcome = el('select', { class: 'outcome' }, choices.map((c) => el('option', { value: c }, c)));
    const contact = step.type === 'call_list' && this.records
      ? el('select', { class: 'contact' }, this.records.contacts.map((c) => el('option', { value: c.callOrder }, `${c.callOrder}. ${c.name}`)))
      : null;
    const reference = step.type === 'dispatch' ? el('input', { class: 'reference', maxlength: 100, placeholder: 'Reference' }) : null;
    return el('span', { class: 'record' }, outcome, contact, reference, el('button', { type: 'button', class: 'record-outcome', onclick: () => {
      const body = { outcome: outcome.value };
      if (contact && outcome.value !== 'list_exhausted' && !ALWAYS.includes(outcome.value)) body.contact = Number(contact.value);
      if (reference && reference.value.trim()) body.reference = reference.value.trim();
      this.send(`${this.stepPath(step)}/outcomes`, body);
    } }, 'Record'));
  }

  contacts(records) {
    if (!records.contacts.length) return el('p', { class: 'empty' }, 'No contacts.');
    return el('table', { class: 'contacts', id: 'plan-contacts' },
      el('thead', {}, el('tr', {}, ['#', 'Name', 'Role', 'Phone', 'E-mail', 'Availability', 'Now'].map((h) => el('th', {}, h)))),
      el('tbody', {}, records.contacts.map((c) => el('tr', { class: c.available ? 'available' : 'unavailable' },
        el('td', {}, String(c.callOrder)), el('td', { class: 'name' }, c.name), el('td', {}, c.role), el('td', {}, c.phone),
        el('td', {}, c.email || ''), el('td', {}, c.availability), el('td', {}, c.available ? 'available' : 'not now')))));
  }

  stepPath(step) {
    return `/api/incidents/${encodeURIComponent(this.incidentId)}/plan/steps/${step.position}`;
  }

  async send(path, body) {
    this.message.hidden = true;
    try {
      await post(path, body);
      await this.load();
    } catch (e) {
      replace(this.message, e.message);
      this.message.hidden = false;
    }
  }
}
