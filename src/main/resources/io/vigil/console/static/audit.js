// The audit trail: the query of `vigil audit query`, the chain's verification status, CSV export.
import { el, replace, time } from './dom.js';
import { get } from './api.js';

const FIELDS = [['site', 'Site'], ['incident', 'Incident'], ['operator', 'Operator'], ['event', 'Event'],
  ['from', 'From (date or instant)'], ['to', 'To']];

export class AuditView {
  constructor(node) {
    this.node = node;
    this.inputs = Object.fromEntries(FIELDS.map(([name]) => [name, el('input', { name, id: `audit-${name}` })]));
    this.rows = el('tbody', { id: 'audit-rows' });
    this.chain = el('p', { id: 'audit-chain', class: 'chain' }, 'Chain: not checked yet.');
    this.csv = el('a', { id: 'audit-csv', download: 'vigil-audit.csv' }, 'Download CSV');
    this.error = el('p', { class: 'error', hidden: true });
    const form = el('form', { class: 'audit-query', onsubmit: (e) => { e.preventDefault(); this.load(); } },
      FIELDS.map(([name, label]) => el('label', {}, label, ' ', this.inputs[name])),
      el('button', { type: 'submit', id: 'audit-search' }, 'Search'), ' ', this.csv);
    replace(node, el('h1', {}, 'Audit trail'), form, this.chain, this.error,
      el('table', { class: 'audit', id: 'audit' },
        el('thead', {}, el('tr', {}, ['Seq', 'Recorded', 'Kind', 'Actor', 'Site', 'Incident', 'Reason', 'Details'].map((h) => el('th', {}, h)))),
        this.rows));
    this.load();
  }

  query() {
    const params = new URLSearchParams();
    for (const [name] of FIELDS) {
      const value = this.inputs[name].value.trim();
      if (value) params.set(name, value);
    }
    return params;
  }

  async load() {
    const params = this.query();
    const csv = new URLSearchParams(params);
    csv.set('format', 'csv');
    csv.set('spreadsheetSafe', 'true');
    this.csv.setAttribute('href', `/api/audit?${csv}`);
    this.error.hidden = true;
    try {
      const text = await get(`/api/audit?${params}`);
      const rows = text.split('\n').filter((line) => line).map((line) => JSON.parse(line));
      rows.reverse(); // newest first
      replace(this.rows, rows.slice(0, 500).map((r) => el('tr', {},
        el('td', {}, String(r.seq)), el('td', {}, time(r.recorded_at)), el('td', { class: 'kind' }, r.kind),
        el('td', {}, `${r.actor_type}/${r.actor_id}`), el('td', {}, r.site_id || ''), el('td', {}, r.incident_id || ''),
        el('td', {}, r.reason || ''), el('td', { class: 'details' }, r.details ? JSON.stringify(r.details) : ''))));
    } catch (e) {
      replace(this.error, e.message);
      this.error.hidden = false;
    }
    const range = new URLSearchParams();
    for (const name of ['from', 'to']) if (params.get(name)) range.set(name, params.get(name));
    try {
      const v = await get(`/api/audit/verify?${range}`);
      replace(this.chain, v.intact ? `Chain: intact (${v.rowsChecked} rows checked, head ${v.headSeq ?? '-'}).`
        : `Chain: BROKEN at seq ${v.brokenSeq}: ${v.problem}: ${v.explanation}`);
      this.chain.className = v.intact ? 'chain intact' : 'chain broken';
    } catch (e) {
      replace(this.chain, `Chain: not checked (${e.message})`);
    }
  }
}
