import {
  DEFAULT_KEY_TOTALS,
  INDICATOR_CATALOGUE,
  toEpochMs,
  type Instant,
  type ScoringInput,
  type ScoringModel,
} from '@gongkai/scoring';

/**
 * A national ranking holds 120,000 organizations; their full reports (≈ 5 kB each, twice with
 * last year's) do not fit in memory at once, and scoring reads a few dozen values of each. The
 * board is therefore built chunk by chunk: flags that need the whole report are raised on the
 * full input, then the input is reduced to what the model's indicators actually read.
 *
 * What they read is not listed by hand (that would silently go stale when an indicator
 * changes): each input is measured once through a recording proxy by the package's own
 * indicators, and exactly the properties touched are kept. A test checks that slim and full
 * inputs score identically.
 */

type Trie = { whole: boolean; children: Map<string, Trie> };

const ANY_INDEX = '*';

function node(): Trie {
  return { whole: false, children: new Map() };
}

function child(trie: Trie, key: string): Trie {
  let next = trie.children.get(key);
  if (!next) {
    next = node();
    trie.children.set(key, next);
  }
  return next;
}

function record<T>(value: T, trie: Trie): T {
  if (value === null || typeof value !== 'object') return value;
  const isArray = Array.isArray(value);
  return new Proxy(value as unknown as object, {
    get(target, key, receiver) {
      const result: unknown = Reflect.get(target, key, receiver);
      if (typeof key === 'symbol' || (isArray && key === 'length')) return result;
      if (typeof result === 'function') return result;
      const name = isArray && /^\d+$/.test(key) ? ANY_INDEX : key;
      return record(result, child(trie, name));
    },
    has(target, key) {
      if (typeof key === 'string') child(trie, isArray && /^\d+$/.test(key) ? ANY_INDEX : key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      trie.whole = true;
      return Reflect.ownKeys(target);
    },
  }) as T;
}

function pick(value: unknown, trie: Trie): unknown {
  if (trie.whole || trie.children.size === 0 || value === null || typeof value !== 'object') {
    return value;
  }
  if (Array.isArray(value)) {
    const each = trie.children.get(ANY_INDEX);
    return each ? value.map((element: unknown) => pick(element, each)) : [];
  }
  const result: Record<string, unknown> = {};
  for (const [key, sub] of trie.children) {
    if (Object.prototype.hasOwnProperty.call(value, key)) {
      result[key] = pick((value as Record<string, unknown>)[key], sub);
    }
  }
  return result;
}

function addPath(trie: Trie, path: readonly string[]): void {
  let at = trie;
  for (const key of path) at = child(at, key);
  at.whole = true;
}

/** Report paths read by peer-band outlier flags, which are raised on the slim inputs. */
function keyTotalPaths(keyTotals: readonly string[]): string[][] {
  return keyTotals.map((path) => {
    const [table = '', row = '', column = ''] = path.split('.');
    return table === 'facts' ? ['report', 'facts', row] : ['report', 'tables', table, row, column];
  });
}

/** Reduces inputs to what `model` reads (plus the key totals of peer-band flags). */
export function slimInputs(
  inputs: readonly ScoringInput[],
  model: ScoringModel,
  asOf: Instant,
  keyTotals: readonly string[] = DEFAULT_KEY_TOTALS,
): ScoringInput[] {
  const context = { asOfMs: toEpochMs(asOf) };
  const always = keyTotalPaths(keyTotals);
  return inputs.map((input) => {
    const trie = node();
    // What score boards and ranks read directly, besides the indicators.
    for (const key of ['organizationId', 'peerGroup', 'regionPath', 'deadline', 'submission']) {
      child(trie, key).whole = true;
    }
    addPath(trie, ['findings', ANY_INDEX, 'severity']);
    addPath(trie, ['previous', 'rank']);
    addPath(trie, ['previous', 'score']);
    for (const path of always) addPath(trie, path);
    const proxy = record(input, trie);
    for (const entry of model.indicators) {
      INDICATOR_CATALOGUE[entry.indicatorId].measure(proxy, context);
    }
    const slim = pick(input, trie) as ScoringInput;
    // `report === null` means "no report"; a picked report is always an object.
    return input.report === null ? { ...slim, report: null } : slim;
  });
}
