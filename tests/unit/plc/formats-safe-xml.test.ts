import { describe, expect, it } from 'vitest';
import { parseXmlSafely } from '../../../src-main/plc/formats/index.js';
import { SourceText } from '../../../src-main/plc/source/source-text.js';

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<lolz>&lol9;</lolz>`;

const codes = (text: string): string[] => parseXmlSafely('t.xml', text).diagnostics.map((d) => d.code);

describe('parseXmlSafely', () => {
  it('refuses billion laughs, naming file and line', () => {
    const r = parseXmlSafely('bomb.xml', BILLION_LAUGHS);
    expect(r.doc).toBeNull();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]!.code).toBe('FMT1002');
    expect(r.diagnostics[0]!.message).toContain('bomb.xml:2:');
    expect(BILLION_LAUGHS.slice(r.diagnostics[0]!.span.start).startsWith('<!DOCTYPE')).toBe(true);
  });

  it('refuses external and parameter entities', () => {
    expect(codes('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>')).toEqual(['FMT1002']);
    expect(codes('<!DOCTYPE r [<!ENTITY % p SYSTEM "http://example.invalid/x.dtd"> %p;]><r/>')).toEqual(['FMT1002']);
    expect(codes('<!doctype r SYSTEM "file:///etc/passwd"><r/>')).toEqual(['FMT1002']);
    // Undefined entities are never resolved, only kept with a warning.
    const r = parseXmlSafely('t.xml', '<r a="&xxe;">&xxe;</r>');
    expect(r.doc?.root.attrs['a']).toBe('&xxe;');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['FMT1005']);
  });

  it('ignores DOCTYPE-like text inside comments and CDATA', () => {
    expect(codes('<r><!-- <!DOCTYPE x> --><![CDATA[<!ENTITY y "z">]]></r>')).toEqual([]);
  });

  it('decodes only the predefined entities and character references', () => {
    const r = parseXmlSafely('t.xml', '<r a="&lt;&amp;&#65;&#x42;&quot;"/>');
    expect(r.diagnostics).toEqual([]);
    expect(r.doc?.root.attrs['a']).toBe('<&AB"');
  });

  it('reports malformed XML with line and column', () => {
    const text = '<a>\n  <b>\n</a>';
    const r = parseXmlSafely('bad.xml', text);
    expect(r.doc).toBeNull();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['FMT1003']);
    expect(r.diagnostics[0]!.message).toMatch(/^bad\.xml:3:\d+: malformed XML/);
    expect(new SourceText('bad.xml', text).lineCol(r.diagnostics[0]!.span.start).line).toBe(3);
    expect(codes('<a><b></a>')).toEqual(['FMT1003']);
    expect(codes('<a>')).toEqual(['FMT1003']);
    expect(codes('<a x=1/>')).toEqual(['FMT1003']);
    expect(codes('<a/><b/>')).toEqual(['FMT1003']);
  });

  it('gives malformed XML the line and column of the file itself with any line ends, and the place a cut file goes wrong', () => {
    for (const eol of ['\n', '\r', '\r\n']) {
      const text = ['<a>', '  <b x="1">', '  </c>', '</a>'].join(eol);
      const d = parseXmlSafely('x.xml', text).diagnostics[0]!;
      expect(d.message, JSON.stringify(eol)).toBe("x.xml:3:3: malformed XML: Expected closing tag 'b' (opened at line 2, column 3) instead of closing tag 'c'.");
      expect(new SourceText('x.xml', text).lineCol(d.span.start), JSON.stringify(eol)).toEqual({ line: 3, column: 3 });
    }
    const at = (text: string): string => {
      const d = parseXmlSafely('x.xml', text).diagnostics[0]!;
      const p = new SourceText('x.xml', text).lineCol(d.span.start);
      return `${p.line}:${p.column} ${d.message}`;
    };
    expect(at('')).toBe('1:1 x.xml:1:1: malformed XML: the file is empty: an XML file needs a root element');
    expect(at('\uFEFF<?xml vers')).toBe('1:2 x.xml:1:2: malformed XML: a processing instruction (<?...?>) opened here is never closed (?> missing)');
    expect(at('<a>\r<![CDATA[x')).toBe('2:1 x.xml:2:1: malformed XML: a CDATA section opened here is never closed (]]> missing)');
    expect(at('<a>\n <b>\n')).toBe('3:1 x.xml:3:1: malformed XML: the file ends before </b> (elements still open: <a>, <b>)');
  });

  it('refuses 100k levels of nesting quickly, without a stack overflow', () => {
    const n = 100_000;
    expect(codes('<a>'.repeat(n) + '</a>'.repeat(n))).toEqual(['FMT1004']);
    expect(codes('<a>'.repeat(n))).toEqual(['FMT1003']);
  });

  it('refuses input over the size cap before parsing', () => {
    const big = 'x'.repeat(64 * 1024 * 1024 + 1);
    expect(codes(big)).toEqual(['FMT1001']);
  });

  it('reads a 2 MB file with exact element offsets', () => {
    const items = Array.from({ length: 42_000 }, (_, i) => `  <item id="${i}"><![CDATA[x := ${i};]]></item>\n`).join('');
    const text = `<?xml version="1.0"?>\r\n<list>\r\n${items}</list>`;
    expect(text.length).toBeGreaterThan(2_000_000);
    const r = parseXmlSafely('big.xml', text);
    expect(r.diagnostics).toEqual([]);
    const last = r.doc!.root.children.at(-1)!;
    expect(last.attrs['id']).toBe('41999');
    expect(text.slice(last.start, last.end)).toBe('<item id="41999"><![CDATA[x := 41999;]]></item>');
  });

  it('handles a byte order mark', () => {
    const text = '\uFEFF<?xml version="1.0"?>\n<r><c/></r>';
    const r = parseXmlSafely('bom.xml', text);
    expect(r.diagnostics).toEqual([]);
    expect(text.slice(r.doc!.root.children[0]!.start, r.doc!.root.children[0]!.end)).toBe('<c/>');
  });

  it('never throws on arbitrary junk', () => {
    for (const junk of ['<', '<<<>>>', '<?xml', '<![CDATA[', '<!--', '<a b="', '</a>', '\u0000<a/>', '<a>&#xFFFFFFFF;</a>', '<a:b:c/>']) {
      expect(() => parseXmlSafely('j.xml', junk)).not.toThrow();
    }
  });
});
