// Runs a refresh now and then every interval after the previous one finished (never two at once), until stopped.
export class Poller {
  #refresh;
  #interval;
  #timer = null;
  #running = false;
  #again = false;
  #stopped = false;

  constructor(refresh, interval = 2000) {
    this.#refresh = refresh;
    this.#interval = interval;
  }

  start() {
    this.#stopped = false;
    this.now();
  }

  /** Refreshes at once (after an action or a filter change), then keeps the rhythm. */
  async now() {
    clearTimeout(this.#timer);
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }

    this.#running = true;
    try {
      await this.#refresh();
    } catch (error) {
      console.error(error);
    }

    this.#running = false;
    if (this.#stopped) return;
    if (this.#again) {
      this.#again = false;
      this.now();
    } else {
      this.#timer = setTimeout(() => this.now(), this.#interval);
    }
  }

  stop() {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }
}
