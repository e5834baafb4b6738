import { RawJson, stringifyWithRawJson } from './raw-json';

describe('RawJson', () => {
  it('is written as its own text inside an answer', () => {
    const text = '{"b": [1, 2.50, "三"], "a": {"x": null}}';
    const out = stringifyWithRawJson({ data: { report: new RawJson(text), n: 1 } });
    // the stored text as it is (spacing and number spelling included), not a re-serialisation
    expect(out).toBe(`{"data":{"report":${text},"n":1}}`);
    expect(JSON.parse(out)).toEqual({ data: { report: JSON.parse(text), n: 1 } });
  });

  it('writes several values, in lists too, each in its place', () => {
    const values = ['{"i":0}', '[1,2]', '"s"', 'null', '{"i":4}'].map((t) => new RawJson(t));
    const out = stringifyWithRawJson({ list: values, one: values[1] });
    expect(JSON.parse(out)).toEqual({ list: [{ i: 0 }, [1, 2], 's', null, { i: 4 }], one: [1, 2] });
  });

  it('leaves client strings that look like a placeholder alone', () => {
    const sneaky = '\u0000raw-json:0000:0';
    const out = stringifyWithRawJson({ a: new RawJson('{"x":1}'), b: sneaky });
    expect(JSON.parse(out)).toEqual({ a: { x: 1 }, b: sneaky });
  });

  it('stands for its parsed value in a plain JSON.stringify', () => {
    expect(JSON.stringify({ r: new RawJson('{"x": [1]}') })).toBe('{"r":{"x":[1]}}');
  });

  it('answers without RawJson exactly as JSON.stringify does', () => {
    const value = { a: [1, 'b', null, { c: true }], d: new Date(0) };
    expect(stringifyWithRawJson(value)).toBe(JSON.stringify(value));
  });
});
