import { MAX_PRICE_BPS } from './pricing';

/** An entry that links itself into one level's FIFO queue (intrusive, so queueing allocates nothing). */
export interface LevelEntry<E> {
  /** The level the entry sits in; 0 while it is in no level. */
  level: number;
  /** Arrival number: time priority within a level. */
  readonly seq: number;
  prev: E | null;
  next: E | null;
}

const LEVELS = MAX_PRICE_BPS + 1;
const WORDS = Math.ceil(LEVELS / 32);
const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

function lowestBit(word: number): number {
  return 31 - Math.clz32(word & -word);
}

/**
 * One side of the book: a FIFO queue per price level 1..10000, indexed directly, with a bitmap of the
 * non-empty levels so the next level is a word scan instead of a walk over 10,000 slots.
 */
export class PriceLevels<E extends LevelEntry<E>> implements Iterable<E>, Iterator<E> {
  private readonly heads: (E | null)[] = new Array<E | null>(LEVELS).fill(null);
  private readonly tails: (E | null)[] = new Array<E | null>(LEVELS).fill(null);
  private readonly counts = new Int32Array(LEVELS);
  private readonly bits = new Uint32Array(WORDS);
  private bestLevel = -1;
  // Iterator state: one reusable cursor per side, so a match allocates no iterator.
  private pending: E | null = null;
  private limit = 0;
  private readonly step: {
    done: false;
    value: E | null;
  } = { done: false, value: null };

  /** @param ascending true when the best level is the lowest (asks), false when the highest (bids). */
  constructor(private readonly ascending: boolean) {}

  /** The best non-empty level, or null when the side is empty. */
  best(): number | null {
    return this.bestLevel < 0 ? null : this.bestLevel;
  }

  head(level: number): E | null {
    return this.heads[level];
  }

  count(level: number): number {
    return this.counts[level];
  }

  /** Non-empty levels, best first. */
  levels(): number[] {
    const out: number[] = [];
    for (let l = this.bestLevel; l >= 0; l = this.following(l)) out.push(l);
    return out;
  }

  /** Appends at the back of the level (the newest arrival). */
  append(entry: E, level: number): void {
    const tail = this.tails[level];
    entry.prev = tail;
    entry.next = null;
    if (tail === null) this.heads[level] = entry;
    else tail.next = entry;
    this.tails[level] = entry;
    this.linked(entry, level);
  }

  /** Inserts by arrival number, for an entry that moves level and must keep its time priority. */
  insertBySeq(entry: E, level: number): void {
    let after = this.tails[level];
    while (after !== null && after.seq > entry.seq) after = after.prev;
    const before = after === null ? this.heads[level] : after.next;
    entry.prev = after;
    entry.next = before;
    if (after === null) this.heads[level] = entry;
    else after.next = entry;
    if (before === null) this.tails[level] = entry;
    else before.prev = entry;
    this.linked(entry, level);
  }

  /** Takes the entry out of its level; its neighbours keep their order. */
  unlink(entry: E): void {
    const level = entry.level;
    const { prev, next } = entry;
    if (prev === null) this.heads[level] = next;
    else prev.next = next;
    if (next === null) this.tails[level] = prev;
    else next.prev = prev;
    entry.prev = null;
    entry.next = null;
    entry.level = 0;
    if (--this.counts[level] === 0) {
      this.bits[level >>> 5] &= ~(1 << (level & 31));
      if (level === this.bestLevel) this.bestLevel = this.following(level);
    }
  }

  /** Starts iterating entries in priority order, stopping after the level `limit` (inclusive). */
  from(limit: number): Iterable<E> {
    this.limit = limit;
    const best = this.bestLevel;
    this.pending = best >= 0 && this.within(best) ? this.heads[best] : null;
    return this;
  }

  [Symbol.iterator](): Iterator<E> {
    return this;
  }

  next(): IteratorResult<E> {
    const entry = this.pending;
    if (entry === null) return DONE;
    let next = entry.next;
    if (next === null) {
      const level = this.following(entry.level);
      next = level >= 0 && this.within(level) ? this.heads[level] : null;
    }
    this.pending = next;
    this.step.value = entry;
    return this.step as IteratorYieldResult<E>;
  }

  private within(level: number): boolean {
    return this.ascending ? level <= this.limit : level >= this.limit;
  }

  private linked(entry: E, level: number): void {
    entry.level = level;
    if (this.counts[level]++ === 0) {
      this.bits[level >>> 5] |= 1 << (level & 31);
      const best = this.bestLevel;
      if (best < 0 || (this.ascending ? level < best : level > best)) this.bestLevel = level;
    }
  }

  // The next non-empty level after `level` in priority order, or -1.
  private following(level: number): number {
    return this.ascending ? this.firstAtOrAbove(level + 1) : this.lastAtOrBelow(level - 1);
  }

  private firstAtOrAbove(from: number): number {
    if (from >= LEVELS) return -1;
    let w = from >>> 5;
    let word = this.bits[w] & (~0 << (from & 31));
    for (;;) {
      if (word !== 0) return (w << 5) + lowestBit(word);
      if (++w >= WORDS) return -1;
      word = this.bits[w];
    }
  }

  private lastAtOrBelow(from: number): number {
    if (from < 0) return -1;
    let w = from >>> 5;
    const shift = from & 31;
    let word = shift === 31 ? this.bits[w] : this.bits[w] & ((1 << (shift + 1)) - 1);
    for (;;) {
      if (word !== 0) return (w << 5) + 31 - Math.clz32(word);
      if (--w < 0) return -1;
      word = this.bits[w];
    }
  }
}
