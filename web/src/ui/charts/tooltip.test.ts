import { describe, expect, it } from 'vitest';
import { axisTooltip, escapeHtml, ESCAPING_FORMATTER, html, tooltipFormatter } from './tooltip';

describe(escapeHtml.name, () => {
  it('turns markup characters into entities', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(3)).toBe('3');
  });
});

describe(html.name, () => {
  it('escapes the values, not the markup written around them', () => {
    expect(html`<b>${'<i>'}</b>: ${2}`).toBe('<b>&lt;i&gt;</b>: 2');
  });
});

describe(axisTooltip.name, () => {
  it('lists the category and each series, escaped, skipping named series', () => {
    const sut = axisTooltip({ skip: ['base'] });
    expect(ESCAPING_FORMATTER in sut).toBe(true);
    const out = sut([
      { axisValueLabel: '<b>甲</b>', seriesName: 'base', value: 1, color: '#000' },
      { axisValueLabel: '<b>甲</b>', seriesName: '得分', value: { value: 88 }, color: '#1a7f37' },
      { axisValueLabel: '<b>甲</b>', seriesName: '空', value: null, color: { type: 'linear' } },
    ]);
    expect(out).toContain('&lt;b&gt;甲&lt;/b&gt;');
    expect(out).toContain('得分: <strong>88</strong>');
    expect(out).toContain('空: <strong>-</strong>');
    expect(out).toContain('background-color:#1a7f37');
    expect(out).not.toContain('base');
  });

  it('escapes a colour that is not one', () => {
    const out = axisTooltip()([{ name: 'a', seriesName: 's', value: 1, color: '"><img>' }]);
    expect(out).not.toContain('<img');
  });
});

describe(tooltipFormatter.name, () => {
  it('marks the formatter and returns what the function builds', () => {
    const sut = tooltipFormatter((p: { n: number }) => html`${p.n}`);
    expect(sut({ n: 4 })).toBe('4');
    expect(ESCAPING_FORMATTER in sut).toBe(true);
  });
});
