import { bureauUsername } from './bureau-username';

describe(bureauUsername.name, () => {
  const none = () => false;

  it.each([
    ['NX-FGW', 'nx-fgw'],
    ['DEMO_NX.KJJ', 'demo_nx.kjj'],
    ['  Nan Xi 发改委 ', 'nan-xi'],
    ['a1', 'org-a1'],
    ['发改委', 'org-x'],
    ['--x--y--', 'x-y'],
  ])('makes %p into %p', (code, expected) => {
    expect(bureauUsername(code, none)).toBe(expected);
  });

  it('appends the first free numeric suffix when the name is taken', () => {
    const taken = new Set(['nx-fgw', 'nx-fgw-2']);
    expect(bureauUsername('NX-FGW', (c) => taken.has(c))).toBe('nx-fgw-3');
  });

  it('always fits the username pattern', () => {
    for (const code of ['A', 'x'.repeat(64), 'Ä-ß', '..a..', '%%%'])
      expect(bureauUsername(code, none)).toMatch(/^[a-z0-9._-]{3,100}$/);
  });
});
