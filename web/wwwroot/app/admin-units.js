// The unit tree: the list, create (POST /units), rename, move, re-sort and change kind
// (PATCH /units/{id}), delete (DELETE /units/{id}) with a confirmation. Refusals in words.

import { make, setText } from './dom.js';
import { pickerEntries } from './access.js';
import { call } from './admin-api.js';
import { explain } from './admin-i18n.js';
import { busy, fillSelect, refocus, refuse, say, wholeNumber } from './admin-forms.js';

const KINDS = ['partyGroup', 'organCommittee', 'generalBranch', 'branch', 'office'];

export function unitsPart(ctx) {
  const { text, byId, dialog } = ctx;
  const createForm = byId('unit-create');
  const editForm = byId('unit-edit');
  const createMessage = byId('uc-message');
  const editMessage = byId('ue-message');
  let units = [];
  let byUnit = new Map();

  const kinds = KINDS.map((k) => [k, text.kinds[k]]);
  fillSelect(byId('uc-kind'), kinds, 'branch');
  fillSelect(byId('ue-kind'), kinds, 'branch');

  function parentEntries(exclude) {
    return [['', text.noParent], ...pickerEntries(units).filter((e) => e.id !== exclude)
      .map((e) => [e.id, `${'\u3000'.repeat(e.depth)}${e.name}`])];
  }

  function fillEdit(id) {
    const unit = byUnit.get(id);
    editForm.hidden = !unit;
    if (!unit) return;
    byId('ue-unit').value = id;
    byId('ue-name').value = unit.name;
    byId('ue-kind').value = unit.kind;
    fillSelect(byId('ue-parent'), parentEntries(id), unit.parentId ?? '');
    byId('ue-sort').value = String(unit.sort ?? 0);
  }

  function render(list) {
    units = list ?? [];
    byUnit = new Map(units.map((u) => [u.id, u]));
    const entries = pickerEntries(units);
    const tree = byId('unit-tree');
    tree.replaceChildren(...entries.map((entry) => {
      const unit = byUnit.get(entry.id);
      const row = make('li', `unit-row d${Math.min(entry.depth, 6)}`);
      row.dataset.unitId = unit.id;
      const pick = make('button', 'unit-pick', row);
      pick.type = 'button';
      make('span', 'tree-name', pick).textContent = unit.name;
      make('span', 'tree-kind', pick).textContent = text.kinds[unit.kind] ?? unit.kind;
      make('span', 'tree-id', pick).textContent = unit.id;
      pick.addEventListener('click', () => {
        fillEdit(unit.id);
        byId('ue-name').focus();
      });
      return row;
    }));
    tree.dataset.count = String(units.length);
    byId('unit-empty').hidden = units.length > 0;
    setText(byId('unit-empty'), text.noUnits);
    // A new unit goes, by default, under the last parent chosen (or the root).
    const parent = byId('uc-parent');
    const keep = byUnit.has(parent.value) ? parent.value : (entries[0]?.id ?? '');
    fillSelect(parent, parentEntries(null), keep);
    const chosen = byUnit.has(byId('ue-unit').value) ? byId('ue-unit').value : entries[0]?.id;
    fillSelect(byId('ue-unit'), entries.map((e) => [e.id, `${'\u3000'.repeat(e.depth)}${e.name}`]), chosen);
    fillEdit(chosen);
  }

  byId('ue-unit').addEventListener('change', (event) => { fillEdit(event.target.value); say(editMessage, ''); });

  createForm.addEventListener('submit', (event) => {
    event.preventDefault();
    return busy(createForm, async () => {
      const body = {
        id: byId('uc-id').value.trim(),
        parentId: byId('uc-parent').value || null,
        name: byId('uc-name').value,
        kind: byId('uc-kind').value,
      };
      const sort = wholeNumber(byId('uc-sort'));
      if (sort !== undefined) body.sort = sort;
      const answer = await call('POST', '/api/v1/units', body);
      if (!answer.ok) return refuse(createForm, createMessage, explain(text, answer, ctx.unitName), answer.errors);
      say(createMessage, text.unitCreated(answer.body.name));
      byId('uc-id').value = '';
      byId('uc-name').value = '';
      await ctx.refresh();
      // The next unit most likely goes under the one just made's parent: keep it chosen.
      byId('uc-parent').value = answer.body.parentId ?? '';
      refocus(createForm, byId('uc-id'));
    })();
  });

  editForm.addEventListener('submit', (event) => {
    event.preventDefault();
    return busy(editForm, async () => {
      const unit = byUnit.get(byId('ue-unit').value);
      if (!unit) return;
      const patch = {};
      const name = byId('ue-name').value;
      if (name.trim() !== unit.name) patch.name = name;
      if (byId('ue-kind').value !== unit.kind) patch.kind = byId('ue-kind').value;
      const parent = byId('ue-parent').value || null;
      if (parent !== (unit.parentId ?? null)) patch.parentId = parent;
      const sort = wholeNumber(byId('ue-sort'));
      if (sort !== undefined && sort !== (unit.sort ?? 0)) patch.sort = sort;
      if (Object.keys(patch).length === 0) return say(editMessage, text.nothingChanged);
      const answer = await call('PATCH', `/api/v1/units/${encodeURIComponent(unit.id)}`, patch);
      if (!answer.ok) return refuse(editForm, editMessage, explain(text, answer, ctx.unitName), answer.errors);
      say(editMessage, text.unitSaved(answer.body.name));
      await ctx.refresh();
    })();
  });

  byId('ue-delete').addEventListener('click', async () => {
    const unit = byUnit.get(byId('ue-unit').value);
    if (!unit) return;
    if (!await dialog.confirm(text.confirmDeleteUnit(unit.name), text.del)) return byId('ue-delete').focus();
    const answer = await call('DELETE', `/api/v1/units/${encodeURIComponent(unit.id)}`);
    if (!answer.ok) {
      say(editMessage, explain(text, answer, ctx.unitName), true);
      return byId('ue-delete').focus();
    }
    say(editMessage, text.unitDeleted(unit.name));
    await ctx.refresh();
    refocus(editForm, byId('ue-unit'));
  });

  return { render, units: () => units };
}
