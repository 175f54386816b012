// One of a rollout's feeds (the audit log, the gate history) read incrementally: it keeps what it has, asks only for
// the entries after the last sequence it holds (page after page while the server says hasMore), and appends them.
export class Feed {
  #read;
  #itemsOf;
  #keep;

  /** Entries held, oldest first. */
  entries = [];

  /** The cursor: the sequence of the last entry held (0 before the first). */
  next = 0;

  /** read(after) answers one page; itemsOf(page) its entries; keep caps how many are held (the oldest go first). */
  constructor(read, itemsOf, keep = Infinity) {
    this.#read = read;
    this.#itemsOf = itemsOf;
    this.#keep = keep;
  }

  /** Appends what is new; true when anything was. A failed read throws and changes nothing, so the next try repeats it. */
  async update() {
    let after = this.next;
    const fresh = [];
    for (;;) {
      const page = await this.#read(after);
      fresh.push(...this.#itemsOf(page));
      // A cursor that does not move on would loop for ever; what came is all there is for now.
      const moved = page.next > after;
      if (moved) after = page.next;
      if (!page.hasMore || !moved) break;
    }

    if (!fresh.length) return false;
    this.entries = this.entries.concat(fresh);
    if (this.entries.length > this.#keep) this.entries = this.entries.slice(-this.#keep);
    this.next = after;
    return true;
  }
}
