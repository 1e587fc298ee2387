// The ledger's filter bar: the unit picker (a whole subtree), rule, severity, a task label, state, "escalated to
// this unit" and sort. Filters and sorts a list exactly as GET /api/v1/alerts/export does, keeps
// the address and the export link in step, and says when something changed.

const SEVERITY_RANK = { red: 1, amber: 0 };

/** filters: { unit, rule, severity, state, sort, escalated, tag }; parts: { byId, fillSelect, rules, entries }. */
export function ledgerView(text, lang, filters, { byId, fillSelect, rules, entries }) {
  const listeners = [];
  setLabels(text, byId);
  fillSelect(byId('picker'), entries, filters.unit);
  fillSelect(byId('rule'), [['', text.allRules], ...rules.map((r) => [r, text.rules[r] ?? r])], filters.rule);
  fillSelect(byId('severity'), [['', text.allSeverities], ['red', text.severity.red], ['amber', text.severity.amber]], filters.severity);
  fillSelect(byId('state'), [['', text.allOpen], ['firing', text.states.firing], ['acknowledged', text.states.acknowledged]], filters.state);
  fillSelect(byId('sort'), [['since', text.sorts.since], ['severity', text.sorts.severity]], filters.sort);
  byId('escalated').checked = filters.escalated;
  byId('tag').value = filters.tag;

  const address = () => {
    const q = new URLSearchParams({ unit: filters.unit });
    for (const key of ['rule', 'severity', 'state', 'tag']) if (filters[key]) q.set(key, filters[key]);
    if (filters.escalated) q.set('escalated', '1');
    if (filters.sort !== 'since') q.set('sort', filters.sort);
    if (new URLSearchParams(location.search).get('lang')) q.set('lang', lang);
    return `${location.pathname}?${q}`;
  };
  const exportLink = () => {
    const q = new URLSearchParams({ unit: filters.unit, subtree: 'true', sort: filters.sort, lang });
    for (const key of ['rule', 'severity', 'state', 'tag']) if (filters[key]) q.set(key, filters[key]);
    if (filters.escalated) q.set('escalatedTo', filters.unit);
    byId('export').href = `/api/v1/alerts/export?${q}`;
  };
  exportLink();

  byId('picker').addEventListener('change', (event) => {
    filters.unit = event.target.value;
    location.assign(address()); // another subtree: read it afresh
  });
  for (const key of ['rule', 'severity', 'state', 'sort']) {
    byId(key).addEventListener('change', (event) => { filters[key] = event.target.value; changed(); });
  }
  byId('escalated').addEventListener('change', (event) => { filters.escalated = event.target.checked; changed(); });
  byId('tag').addEventListener('change', (event) => { filters.tag = event.target.value.trim(); changed(); });
  byId('lang-switch').addEventListener('click', () => {
    const q = new URLSearchParams(address().split('?')[1]);
    q.set('lang', lang === 'en' ? 'zh' : 'en');
    location.assign(`${location.pathname}?${q}`);
  });
  byId('to-workbench').href = `/app?unit=${encodeURIComponent(filters.unit)}`;
  byId('to-workbench').hidden = false;

  /** The labels of the listed alerts' tasks, offered as the tag field's choices. */
  function offerTags(alerts) {
    const tags = [...new Set(alerts.flatMap((a) => a?.figures?.tags ?? []))].sort();
    const list = byId('tag-list');
    if (list.dataset.tags === tags.join('\n')) return;
    list.dataset.tags = tags.join('\n');
    list.replaceChildren(...tags.map((t) => Object.assign(document.createElement('option'), { value: t })));
  }

  function changed() {
    history.replaceState(null, '', address());
    exportLink();
    for (const listener of listeners) listener();
  }

  return {
    onChange(listener) { listeners.push(listener); },
    /** The alerts that pass, sorted: since (newest first) or severity (red first, then since); ties keep the list's order. */
    apply(alerts) {
      offerTags(alerts);
      const kept = alerts.filter((a) => a?.id
        && (!filters.tag || (a.figures?.tags ?? []).includes(filters.tag))
        && (!filters.rule || a.rule === filters.rule)
        && (!filters.severity || a.severity === filters.severity)
        && (!filters.state || a.state === filters.state)
        && (!filters.escalated || ((a.escalationLevel ?? 0) > 0 && a.escalatedToUnitId === filters.unit)));
      const since = (a) => Date.parse(a.since) || 0;
      return kept.sort(filters.sort === 'severity'
        ? (a, b) => (SEVERITY_RANK[b.severity] ?? 0) - (SEVERITY_RANK[a.severity] ?? 0) || since(b) - since(a)
        : (a, b) => since(b) - since(a));
    },
  };
}

function setLabels(text, byId) {
  const words = {
    'to-workbench': text.workbench, 'lang-switch': text.switchTo, 'picker-text': text.unit, 'rule-text': text.ruleLabel,
    'severity-text': text.severityLabel, 'tag-text': text.tagLabel, 'state-text': text.stateLabel, 'sort-text': text.sortLabel,
    'escalated-text': text.escalatedHere, refresh: text.refresh, export: text.exportXlsx,
  };
  for (const [id, word] of Object.entries(words)) byId(id).textContent = word;
  byId('lang-switch').lang = text.lang === 'en' ? 'zh-CN' : 'en';
}
