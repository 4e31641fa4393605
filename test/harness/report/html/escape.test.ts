import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, inlineScript, jsonForScript } from '../../../../harness/report/html/index.ts';

describe('jsonForScript', () => {
  it('cannot end or comment out its script element, and parses back to the same value', () => {
    const value = { label: '</script><script>alert(1)</script>', note: '<!-- a & b -->', separators: 'line\u2028para\u2029', nested: ['</SCRIPT >'] };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('round-trips any JSON value and never holds a character that HTML parsing of a script reacts to', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = jsonForScript(value);
        expect(text).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { seed: 9, numRuns: 300 },
    );
  });
});

describe('escapeHtml', () => {
  it('escapes markup and both quote kinds, leaving other text as it is', () => {
    expect(escapeHtml(`a<b>&"c"'d' é`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39; é');
  });
});

describe('inlineScript', () => {
  it('passes a harmless script through unchanged', () => {
    expect(inlineScript('var a = 1 < 2;', 'x')).toBe('var a = 1 < 2;');
  });

  it('refuses a script that would end its element early or open an HTML comment, naming it', () => {
    expect(() => inlineScript('var s = "</script>";', 'lib.js')).toThrow(/lib\.js/);
    expect(() => inlineScript('var s = "</SCRIPT";', 'lib.js')).toThrow(/lib\.js/);
    expect(() => inlineScript('x <!-- y', 'lib.js')).toThrow(/lib\.js/);
  });
});
