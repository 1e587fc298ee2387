// The console's one dialog (<dialog>, modal: Esc closes it, focus stays inside): a confirmation,
// or a value shown once (a new password, a wall link with its QR code) with a copy button.

import { setText } from './dom.js';

export function dialogs(text, byId) {
  const dialog = byId('dialog');
  const cancel = byId('dialog-cancel');
  const ok = byId('dialog-ok');
  const secret = byId('dialog-secret');
  const value = byId('dialog-value');
  const qr = byId('dialog-qr');
  const note = byId('dialog-note');
  setText(byId('dialog-copy'), text.copy);
  byId('dialog-copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(value.textContent);
      setText(note, text.copied);
    } catch {
      // No clipboard (http, or refused): select the text so Ctrl+C works.
      getSelection()?.selectAllChildren(value);
      setText(note, text.copyFailed);
    }
  });

  function open({ title, message, shown, image, confirmWord, cancelWord }) {
    setText(byId('dialog-title'), title);
    setText(byId('dialog-text'), message);
    setText(note, '');
    secret.hidden = shown == null;
    setText(value, shown ?? '');
    qr.hidden = !image;
    if (image) { qr.src = image; qr.alt = text.kioskQr; } else qr.removeAttribute('src');
    cancel.hidden = cancelWord == null;
    setText(cancel, cancelWord ?? '');
    setText(ok, confirmWord);
    dialog.returnValue = '';
    return new Promise((resolve) => {
      dialog.addEventListener('close', () => {
        const answer = dialog.returnValue === 'ok';
        // What was shown once is gone from the page when the dialog closes.
        setText(value, '');
        qr.removeAttribute('src');
        resolve(answer);
      }, { once: true });
      dialog.showModal();
      (shown != null ? byId('dialog-copy') : cancelWord != null ? cancel : ok).focus();
    });
  }

  return {
    /** Resolves true when the person confirms, false on cancel or Esc. */
    confirm: (message, confirmWord) => open({ title: text.confirm, message, confirmWord, cancelWord: text.cancel }),
    /** Shows a value once (and a QR code when given) until closed. */
    showOnce: (title, message, shown, image) => open({ title, message, shown, image, confirmWord: text.close }),
  };
}
