import type { ImportCandidate } from './import-batch.entity';

export type MatchableOrganization = {
  id: string;
  name: string;
  /** Names of its ancestors, nearest last (`['演示省', '演示市', '某区']`). */
  ancestors: readonly string[];
};

export type MatchResult =
  | { kind: 'matched'; organization: ImportCandidate }
  | { kind: 'ambiguous'; candidates: ImportCandidate[] }
  /** No body fits; these have names close to it. */
  | { kind: 'uncertain'; candidates: ImportCandidate[] }
  | { kind: 'unknown'; candidates: ImportCandidate[] };

const GOVERNMENT_SUFFIXES = ['人民政府办公室', '人民政府', '政府'];
const PLACE_SUFFIXES = ['自治州', '自治县', '省', '市', '县', '区', '州', '旗', '盟'];

/** Whitespace, punctuation and full-width forms removed. */
export function squash(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u3000·•.,，。:：;；()（）【】[\]「」“”"'‘’《》<>-]/g, '')
    .trim();
}

/** `演示市` → [`演示市`, `演示`]: a place name with and without its 市/县/区 suffix. */
function placeForms(name: string): string[] {
  const s = stripGovernment(squash(name));
  const out = [s];
  for (const suffix of PLACE_SUFFIXES)
    if (s.endsWith(suffix) && s.length > suffix.length + 1) out.push(s.slice(0, -suffix.length));
  return out.filter((x) => x.length > 0);
}

function stripGovernment(name: string): string {
  for (const suffix of GOVERNMENT_SUFFIXES)
    if (name.endsWith(suffix) && name.length > suffix.length) return name.slice(0, -suffix.length);
  return name;
}

/**
 * Every form of the places: `演示市北岭县人民政府` under `演示市人民政府` gives `演示市北岭县`,
 * `演示市北岭`, and without its parent's name `北岭县`, `北岭`. Longest first.
 */
function allForms(places: readonly string[]): string[] {
  const forms = new Set(places.flatMap(placeForms));
  for (let round = 0; round < 2; round++)
    for (const a of [...forms])
      for (const b of [...forms])
        if (a.length > b.length && a.startsWith(b)) {
          const rest = a.slice(b.length);
          if (!PLACE_SUFFIXES.includes(rest)) for (const f of placeForms(rest)) forms.add(f);
        }
  return [...forms].filter((f) => f.length >= 2).sort((a, b) => b.length - a.length);
}

/**
 * The distinctive part of a name: without the places it sits in (any ancestor's name, with or
 * without its 市/县/区 suffix, repeated) and without a 人民政府 suffix.
 */
export function coreName(name: string, places: readonly string[]): string {
  let s = stripGovernment(squash(name));
  const forms = allForms(places);
  for (let changed = true; changed;) {
    changed = false;
    for (const form of forms) {
      const rest = s.slice(form.length);
      if (
        s.startsWith(form) &&
        rest.length > 0 &&
        !PLACE_SUFFIXES.some((x) => rest.startsWith(x))
      ) {
        s = rest;
        changed = true;
      }
    }
  }
  return s;
}

/**
 * Matches the issuing body read from a report against the bodies of a region. An exact name, or
 * a unique one once the places and 人民政府 are set aside, is a match; several equal cores, or
 * names that only contain one another, are ambiguous (the person picks); nothing close is unknown.
 */
export function matchOrganization(
  readName: string,
  organizations: readonly MatchableOrganization[],
): MatchResult {
  const read = squash(readName);
  if (!read) return { kind: 'unknown', candidates: [] };
  const pick = (o: MatchableOrganization): ImportCandidate => ({ id: o.id, name: o.name });
  const exact = organizations.filter((o) => squash(o.name) === read);
  if (exact.length === 1) return { kind: 'matched', organization: pick(exact[0]!) };
  if (exact.length > 1) return { kind: 'ambiguous', candidates: exact.map(pick) };
  const government = organizations.filter(
    (o) => stripGovernment(squash(o.name)) === stripGovernment(read),
  );
  if (government.length === 1) return { kind: 'matched', organization: pick(government[0]!) };
  const allPlaces = [...new Set(organizations.flatMap((o) => o.ancestors))];
  const scored = organizations.map((o) => {
    const places = [...o.ancestors];
    const mine = coreName(o.name, places);
    const theirs = coreName(readName, [...places, ...allPlaces]);
    // the read name must not name another place than the body's own
    const samePlace =
      coreName(readName, places) === mine ||
      stripGovernment(read) === stripGovernment(squash(o.name));
    return { o, mine, theirs, samePlace };
  });
  const same = scored.filter((s) => s.mine.length > 0 && s.mine === s.theirs);
  const placed = same.filter((s) => s.samePlace);
  if (placed.length === 1) return { kind: 'matched', organization: pick(placed[0]!.o) };
  if (same.length === 1 && stripGovernment(read) === same[0]!.theirs)
    return { kind: 'matched', organization: pick(same[0]!.o) };
  if (same.length > 0) return { kind: 'ambiguous', candidates: same.map((s) => pick(s.o)) };
  const close = scored.filter(
    (s) =>
      s.mine.length >= 2 &&
      s.theirs.length >= 2 &&
      (s.mine.includes(s.theirs) || s.theirs.includes(s.mine)),
  );
  if (close.length > 0)
    return {
      kind: 'uncertain',
      candidates: close.slice(0, 20).map((s) => pick(s.o)),
    };
  return { kind: 'unknown', candidates: [] };
}
