// The console's shell: sign-in, routing (#/queue, #/incident/ID, #/site/ID, #/audit), the live
// incident stream shared by every page, the priority-1 alert and the keyboard.
import { configure, get, post, ApiError } from './api.js';
import { el, replace, show } from './dom.js';
import { Alerts } from './alert.js';
import { QueueView } from './queue.js';
import { IncidentView } from './incident.js';
import { SiteView } from './site.js';
import { AuditView } from './audit.js';

const $ = (id) => document.getElementById(id);

const state = { session: null, view: null, stream: null, queue: [], listeners: new Set() };
const alerts = new Alerts($('alert'), $('mute'));

export function currentSession() {
  return state.session;
}

export function may(permission) {
  return !!state.session && state.session.permissions.includes(permission);
}

// The queue as last read; views subscribe to be told when it changes.
export function onQueue(listener) {
  state.listeners.add(listener);
  return () => state.listeners.delete(listener);
}

export function queue() {
  return state.queue;
}

export async function refreshQueue() {
  try {
    const answer = await get('/api/incidents?limit=500');
    state.queue = answer.incidents;
    alerts.check(state.queue);
    for (const listener of state.listeners) listener(state.queue);
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) banner(`The queue could not be read: ${e.message}`);
  }
}

export function banner(text) {
  const node = $('banner');
  replace(node, text || '');
  show(node, !!text);
}

export function acknowledgeAlert(id) {
  alerts.acknowledge(id);
}

function streamState(text, live) {
  const node = $('stream-state');
  replace(node, text);
  node.className = live ? 'stream live' : 'stream down';
  show(node, true);
}

// Events are hints and the queue is the truth (docs/api.md, "Live incident stream"): every
// change, resync and ready re-reads the queue; no polling loop.
function openStream() {
  closeStream();
  const source = new EventSource('/api/incidents/stream');
  state.stream = source;
  const reread = () => refreshQueue();
  source.addEventListener('ready', () => { streamState('live', true); reread(); });
  source.addEventListener('change', reread);
  source.addEventListener('resync', reread);
  source.onerror = async () => {
    streamState('reconnecting', false);
    if (source.readyState === EventSource.CLOSED) {
      // refused (401, 503): find out whether we are still signed in before trying again
      try {
        await get('/console/session');
        setTimeout(() => { if (state.stream === source) openStream(); }, 3000);
      } catch (e) {
        signedOut('Your session has ended. Sign in again.');
      }
    }
  };
}

function closeStream() {
  if (state.stream) {
    state.stream.close();
    state.stream = null;
  }
}

function signedOut(message) {
  closeStream();
  state.session = null;
  alerts.stop();
  if (state.view && state.view.close) state.view.close();
  state.view = null;
  replace($('view'));
  show($('nav'), false);
  show($('sign-out'), false);
  show($('mute'), false);
  show($('stream-state'), false);
  replace($('who'));
  show($('sign-in'), true);
  banner(message);
  document.body.classList.add('signed-out');
}

function signedIn(session) {
  state.session = session;
  configure(session.csrfToken, () => signedOut('Your session has ended. Sign in again.'));
  document.body.classList.remove('signed-out');
  show($('sign-in'), false);
  show($('nav'), true);
  show($('nav-audit'), may('audit_read'));
  show($('sign-out'), true);
  show($('mute'), true);
  replace($('who'), `${session.operator} (${session.role})`);
  banner('');
  openStream();
  route();
}

async function signIn(event) {
  event.preventDefault();
  const error = $('sign-in-error');
  show(error, false);
  const body = { name: $('sign-in-name').value, password: $('sign-in-password').value };
  const totp = $('sign-in-totp').value.trim();
  if (totp) body.totp = totp;
  try {
    const session = await post('/console/session', body);
    $('sign-in-password').value = '';
    $('sign-in-totp').value = '';
    alerts.unlock();
    signedIn(session);
  } catch (e) {
    replace(error, e instanceof ApiError && e.status === 401 ? 'Name, password or code not accepted.' : e.message);
    show(error, true);
  }
}

async function signOut() {
  try {
    await post('/console/session:end');
  } finally {
    signedOut('Signed out.');
  }
}

function route() {
  if (!state.session) return;
  if (state.view && state.view.close) state.view.close();
  const [, page, id] = (location.hash || '#/queue').match(/^#\/([a-z]+)(?:\/(.+))?$/) || [];
  const view = $('view');
  const target = decodeURIComponent(id || '');
  if (page === 'incident' && target) state.view = new IncidentView(view, target);
  else if (page === 'site' && target) state.view = new SiteView(view, target);
  else if (page === 'audit') state.view = new AuditView(view);
  else state.view = new QueueView(view);
  for (const link of document.querySelectorAll('#nav a')) {
    link.classList.toggle('current', link.getAttribute('href') === `#/${page || 'queue'}`);
  }
}

function keys(event) {
  if (!state.session || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')) return;
  if (event.key === '?') { $('keys').showModal(); event.preventDefault(); return; }
  if (event.key === '/') { location.hash = '#/queue'; event.preventDefault(); return; }
  if (event.key === 'm') { alerts.toggleMute(); return; }
  if (event.key === 'a') { alerts.acknowledgeAll(); return; }
  if (state.view && state.view.key && state.view.key(event.key)) event.preventDefault();
}

// after a reload the sign-in click is not there to allow sound: the first click or key does
document.addEventListener('click', () => alerts.unlock(), { once: true });
document.addEventListener('keydown', () => alerts.unlock(), { once: true });
$('sign-in').addEventListener('submit', signIn);
$('sign-out').addEventListener('click', signOut);
$('mute').addEventListener('click', () => alerts.toggleMute());
window.addEventListener('hashchange', route);
document.addEventListener('keydown', keys);
setInterval(() => { if (state.view && state.view.tick) state.view.tick(); }, 1000);

get('/console/session').then(signedIn, () => signedOut(''));
