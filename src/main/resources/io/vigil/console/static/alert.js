// The priority-1 alert (docs/console.md, "Queue"): a red flashing banner, "(P1)" in the tab title
// and a tone (Web Audio, no file) until the operator opens the incident or presses "a"; "m" mutes.
import { el, replace, show, incidentLink } from './dom.js';

const MUTED = 'vigil.console.muted';

export class Alerts {
  constructor(node, muteButton) {
    this.node = node;
    this.muteButton = muteButton;
    this.handled = new Set(); // P1 incidents the operator has seen the alert of
    this.active = [];
    this.muted = localStorage.getItem(MUTED) === 'true';
    this.audio = null;
    this.timer = null;
    this.renderMute();
  }

  // Browsers allow sound only after a user gesture: the sign-in click is one.
  unlock() {
    if (!this.audio && window.AudioContext) this.audio = new AudioContext();
    if (this.audio && this.audio.state === 'suspended') this.audio.resume();
  }

  check(incidents) {
    this.active = incidents.filter((i) => i.priority === 1 && i.state === 'open' && !this.handled.has(i.id));
    this.render();
  }

  acknowledge(id) {
    this.handled.add(id);
    this.active = this.active.filter((i) => i.id !== id);
    this.render();
  }

  acknowledgeAll() {
    for (const incident of this.active) this.handled.add(incident.id);
    this.active = [];
    this.render();
  }

  stop() {
    this.active = [];
    this.render();
  }

  toggleMute() {
    this.muted = !this.muted;
    localStorage.setItem(MUTED, String(this.muted));
    this.renderMute();
    this.render();
  }

  renderMute() {
    replace(this.muteButton, this.muted ? 'Sound off (m)' : 'Sound on (m)');
    this.muteButton.classList.toggle('muted', this.muted);
  }

  render() {
    const alarming = this.active.length > 0;
    document.body.classList.toggle('p1-alarm', alarming);
    document.title = (alarming ? '(P1) ' : '') + 'Vigil console';
    if (alarming) {
      replace(this.node, el('strong', {}, 'NEW PRIORITY 1: '),
        this.active.map((i, n) => [n ? ', ' : '', incidentLink(i.id, `${i.category} at ${i.siteId}`)]),
        el('span', { class: 'hint' }, ' (press a to acknowledge this alert)'));
    }
    show(this.node, alarming);
    if (alarming && !this.muted) this.startTone();
    else this.stopTone();
  }

  startTone() {
    if (this.timer) return;
    const beep = () => {
      if (!this.audio) return;
      const oscillator = this.audio.createOscillator();
      const gain = this.audio.createGain();
      oscillator.frequency.value = 880;
      gain.gain.value = 0.2;
      oscillator.connect(gain).connect(this.audio.destination);
      oscillator.start();
      oscillator.stop(this.audio.currentTime + 0.4);
    };
    beep();
    this.timer = setInterval(beep, 1500);
  }

  stopTone() {
    clearInterval(this.timer);
    this.timer = null;
  }
}
