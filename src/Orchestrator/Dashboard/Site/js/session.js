// The API key lives in sessionStorage only: per tab, gone when the tab closes, never in a URL, a cookie or the persistent local storage.
const KEY = 'orchestrator.apiKey';

export const session = {
  get key() {
    try {
      return sessionStorage.getItem(KEY);
    } catch {
      return null;
    }
  },

  set key(value) {
    try {
      if (value) sessionStorage.setItem(KEY, value);
      else sessionStorage.removeItem(KEY);
    } catch {
      // Storage disabled: the key lives only as long as the page, in the client object.
    }
  },
};
