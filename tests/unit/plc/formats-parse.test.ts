import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPlcopen, readTwincat } from '../../../src-main/plc/formats/index.js';
import { parseSt } from '../../../src-main/plc/st/parser.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/formats');

const cases = [
  ...readdirSync(join(FIXTURES, 'twincat')).map((f) => ({ f, dir: 'twincat', read: readTwincat, dialect: 'twincat' as const })),
  ...readdirSync(join(FIXTURES, 'plcopen')).map((f) => ({ f, dir: 'plcopen', read: readPlcopen, dialect: 'codesys' as const })),
];

describe('every MappedSource from the fixtures parses as ST', () => {
  for (const { f, dir, read, dialect } of cases) {
    it(`${dir}/${f}`, () => {
      const result = read(f, readFileSync(join(FIXTURES, dir, f), 'utf8'));
      expect(result.sources.length).toBeGreaterThan(0);
      for (const src of result.sources) {
        const { diagnostics } = parseSt(src.text, f, dialect);
        const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message} @${d.span.start}: ${JSON.stringify(src.text.slice(d.span.start, d.span.start + 30))}`);
        expect(errors, src.text).toEqual([]);
      }
    });
  }
});

describe('translated LD with jumps, labels, returns and edges parses as ST', () => {
  it('parses', () => {
    const pin = (r: number): string => `<connectionPointIn><connection refLocalId="${r}"/></connectionPointIn>`;
    const xml =
      '<project><types><pous><pou name="P" pouType="program"><interface><localVars><variable name="go"><type><BOOL/></type></variable></localVars></interface><body><LD>' +
      '<leftPowerRail localId="1"/>' +
      `<contact localId="2" edge="rising">${pin(1)}<variable>go</variable></contact><jump localId="3" label="Skip">${pin(2)}</jump>` +
      `<coil localId="4" storage="set">${pin(1)}<variable>q</variable></coil>` +
      `<label localId="5" label="Skip"/><contact localId="6">${pin(1)}<variable>go</variable></contact><return localId="7">${pin(6)}</return>` +
      '</LD></body></pou></pous></types></project>';
    const r = readPlcopen('j.xml', xml);
    expect(r.diagnostics).toEqual([]);
    const errors = parseSt(r.sources[0]!.text, 'j.xml', 'codesys').diagnostics.filter((d) => d.severity === 'error');
    expect(errors, r.sources[0]!.text).toEqual([]);
  });
});
