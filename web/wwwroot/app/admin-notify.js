// 通知 · Notifications in the admin console: the channels (type and target host only: the API
// never gives a URL's path or query, a secret or a password), each with 发送测试消息 (POST
// /api/v1/notify/channels/{name}/test, whose answer says delivered, status and the receiver's
// answer), the routes as configured, and the outbox by state (GET /api/v1/notify/outbox).

import { button, make } from './dom.js';
import { call, load } from './admin-api.js';
import { notifyStrings } from './admin-notify-i18n.js';

export function notifyPart(ctx, lang) {
  const { byId, formatTime } = ctx;
  const text = notifyStrings(lang);
  let shown = 'pending';

  for (const [id, key] of Object.entries({ 'notify-title': 'notify', 'nav-notify': 'notify', 'channels-title': 'channels', 'routes-title': 'routes', 'outbox-title': 'outbox' }))
    byId(id).textContent = text[key];

  const tabs = byId('outbox-states');
  tabs.replaceChildren(...['pending', 'sent', 'failed'].map((state) => {
    const tab = make('button', 'outbox-tab');
    tab.type = 'button';
    tab.dataset.state = state;
    tab.textContent = text.states[state];
    tab.addEventListener('click', () => { shown = state; outbox(); });
    return tab;
  }));

  function channels(list) {
    byId('channel-list').replaceChildren(...list.map((channel) => {
      const row = make('li', 'admin-row channel-row');
      row.dataset.channel = channel.name;
      const words = make('div', 'row-words', row);
      make('span', 'row-main', words).textContent = channel.name;
      make('span', 'row-sub', words).textContent = `${text.types[channel.type] ?? channel.type} · ${text.target(channel.target)}`;
      const answer = make('span', 'row-sub test-answer', words);
      answer.setAttribute('role', 'status');
      const test = button(row, '', text.test);
      test.setAttribute('aria-label', `${text.test} ${channel.name}`);
      test.addEventListener('click', async () => {
        test.disabled = true;
        answer.textContent = text.testing;
        try {
          const result = await call('POST', `/api/v1/notify/channels/${encodeURIComponent(channel.name)}/test`);
          answer.textContent = result.ok ? text.testAnswer(result.body) : text.testFailed(result.status, result.detail);
          answer.classList.toggle('bad', !result.ok || !result.body?.delivered);
        } finally {
          test.disabled = false;
        }
      });
      return row;
    }));
    byId('channel-empty').textContent = text.noChannels;
    byId('channel-empty').hidden = list.length > 0;
  }

  function routes(settings) {
    byId('route-list').replaceChildren(...settings.routes.map((route) => {
      const row = make('li', 'admin-row route-row');
      const words = make('div', 'row-words', row);
      make('span', 'row-main', words).textContent = route.name;
      make('span', 'row-sub', words).textContent = text.routeLine(route, ctx.unitName(route.unit),
        text.severities[route.minSeverity] ?? route.minSeverity, route.events.map((e) => text.events[e] ?? e).join('、'));
      return row;
    }));
    byId('route-empty').textContent = text.noRoutes;
    byId('route-empty').hidden = settings.routes.length > 0;
    byId('notify-timing').textContent = text.timing(settings.groupWaitSeconds, settings.quietHours);
  }

  async function outbox() {
    for (const tab of tabs.children) tab.setAttribute('aria-pressed', String(tab.dataset.state === shown));
    const answer = await load(`/api/v1/notify/outbox?state=${shown}&limit=100`);
    byId('outbox-waiting').textContent = text.waiting(answer.waitingEvents);
    byId('outbox-list').replaceChildren(...answer.messages.map((m) => {
      const row = make('li', `admin-row outbox-row ${m.state}`);
      row.dataset.deliveryId = m.deliveryId;
      const words = make('div', 'row-words', row);
      make('span', 'row-main', words).textContent = text.messageLine({ ...m, unitIds: m.unitIds.map(ctx.unitName) }, formatTime);
      make('span', 'row-sub delivery-id', words).textContent = `${text.deliveryId} ${m.deliveryId}`;
      if (m.lastAnswer) make('span', 'row-sub', words).textContent = `${text.answer}: ${m.lastAnswer}`;
      return row;
    }));
    byId('outbox-empty').textContent = text.noMessages;
    byId('outbox-empty').hidden = answer.messages.length > 0;
  }

  async function render() {
    const settings = await load('/api/v1/notify');
    channels(settings.channels);
    routes(settings);
    await outbox();
  }

  return { render };
}
