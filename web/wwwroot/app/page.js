// What every page of the workbench (/app, /app/alerts, /admin) does alike: a signed-out person
// goes to the sign-in form and comes back, and a page that cannot show itself says why in one
// sentence over everything (the shared header's cover, app/chrome.html).

/** To /login, coming back to this address afterwards, in the page's language. */
export function signIn(lang) {
  const back = location.pathname + location.search;
  location.assign(`/login?returnUrl=${encodeURIComponent(back)}${lang === 'en' ? '&lang=en' : ''}`);
}

/** Covers the page with one sentence; an error in the error's colour. */
export function showCover(words, error) {
  const cover = document.getElementById('cover');
  const text = document.getElementById('cover-text');
  if (text.textContent !== words) text.textContent = words;
  cover.classList.toggle('error', !!error);
  cover.hidden = false;
}
