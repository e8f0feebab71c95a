// A site: its incidents (every state); identity, trust profile and keys for roles with site_read.
import { el, replace, time, duration, incidentLink } from './dom.js';
import { get, ApiError } from './api.js';
import { may } from './app.js';

export class SiteView {
  constructor(node, id) {
    this.node = node;
    this.id = id;
    this.load();
  }

  async load() {
    const id = encodeURIComponent(this.id);
    const parts = [el('p', {}, el('a', { href: '#/queue' }, '< Queue')), el('h1', {}, `Site ${this.id}`)];
    if (may('site_read')) {
      try {
        const site = await get(`/api/sites/${id}`);
        parts.push(el('section', { id: 'site-identity' }, el('h2', {}, 'Identity and keys'),
          el('pre', { class: 'raw' }, JSON.stringify(site, null, 2))));
      } catch (e) {
        parts.push(el('p', { class: 'error' }, e instanceof ApiError && e.status === 404 ? 'Not an enrolled site.' : e.message));
      }
    } else {
      parts.push(el('p', { class: 'placeholder' }, 'Identity, trust profile and keys are shown to roles that may read sites.'));
    }
    try {
      const s = await get(`/api/sites/${id}/supervision`);
      parts.push(el('section', { id: 'site-supervision' }, el('h2', {}, 'Supervision'), s.supervised
        ? el('dl', {},
          el('dt', {}, 'Last sign of life'), el('dd', { id: 'supervision-last' }, s.lastHeartbeat
            ? `${time(s.lastHeartbeat)} (${duration(Date.now() - Date.parse(s.lastHeartbeat))} ago)` : 'none yet'),
          el('dt', {}, 'Next deadline'), el('dd', { id: 'supervision-deadline' }, `${time(s.deadline)}`
            + (Date.parse(s.deadline) > Date.now() ? ` (in ${duration(Date.parse(s.deadline) - Date.now())})` : '')),
          el('dt', {}, 'Interval'), el('dd', {}, duration(s.intervalSeconds * 1000)),
          el('dt', {}, 'State'), el('dd', { id: 'supervision-state', class: s.inFailure ? 'error' : '' },
            s.inFailure ? 'COMMS FAILURE: past its deadline' : 'within its deadline'))
        : el('p', { class: 'empty' }, 'Not under heartbeat supervision.')));
    } catch (e) {
      parts.push(el('p', { class: 'error' }, e.message));
    }
    try {
      const all = await get(`/api/incidents?site=${id}&state=open,acknowledged,claimed,resolved,closed&limit=100`);
      parts.push(el('section', {}, el('h2', {}, 'Incidents'),
        el('table', { class: 'queue', id: 'site-incidents' },
          el('thead', {}, el('tr', {}, ['P', 'Opened', 'Category', 'Title', 'State', 'Events'].map((h) => el('th', {}, h)))),
          el('tbody', {}, all.incidents.map((i) => el('tr', { class: `p${i.priority} ${i.state}` },
            el('td', {}, `P${i.priority}`), el('td', { title: time(i.openedAt) }, `${duration(Date.now() - Date.parse(i.openedAt))} ago`),
            el('td', {}, i.category), el('td', {}, incidentLink(i.id, i.title || '(untitled)')), el('td', {}, i.state),
            el('td', {}, String(i.eventCount))))))));
    } catch (e) {
      parts.push(el('p', { class: 'error' }, e.message));
    }
    replace(this.node, parts);
  }
}
