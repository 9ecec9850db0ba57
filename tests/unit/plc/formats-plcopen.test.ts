import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPlcopen } from '../../../src-main/plc/formats/index.js';

const DIR = join(import.meta.dirname, '../../fixtures/formats/plcopen');
const load = (name: string): { text: string; result: ReturnType<typeof readPlcopen> } => {
  const text = readFileSync(join(DIR, name), 'utf8');
  return { text, result: readPlcopen(name, text) };
};

const HEAD = '<project xmlns="http://www.plcopen.org/xml/tc6_0201"><types><dataTypes/><pous>';
const TAIL = '</pous></types></project>';
const ldPou = (elements: string): string =>
  `${HEAD}<pou name="P" pouType="program"><interface/><body><LD><leftPowerRail localId="1"><connectionPointOut/></leftPowerRail>${elements}</LD></body></pou>${TAIL}`;
const pin = (...refs: (number | string)[]): string =>
  `<connectionPointIn>${refs.map((r) => `<connection refLocalId="${r}"/>`).join('')}</connectionPointIn>`;
const contact = (id: number, v: string, ...refs: number[]): string => `<contact localId="${id}">${pin(...refs)}<variable>${v}</variable></contact>`;
const coil = (id: number, v: string, ...refs: number[]): string => `<coil localId="${id}">${pin(...refs)}<variable>${v}</variable></coil>`;
const ladder = (xml: string): { st: string; codes: string[] } => {
  const r = readPlcopen('t.xml', xml);
  return { st: r.ladders[0]?.translation.st ?? '', codes: r.diagnostics.map((d) => d.code) };
};

describe('readPlcopen: data types, ST bodies, global variables', () => {
  it('writes data types as TYPE blocks', () => {
    const { result } = load('project.xml');
    const texts = result.sources.map((s) => s.text);
    expect(texts.slice(0, 6)).toEqual([
      'TYPE E_Mode :\n(\n    Off := 0,\n    Manual := 1,\n    Auto := 2\n);\nEND_TYPE\n',
      'TYPE ST_Recipe :\nSTRUCT\n    sName : STRING[32];\n    fTemp : REAL := 20.5;\n    eMode : E_Mode;\nEND_STRUCT;\nEND_TYPE\n',
      'TYPE T_Levels : ARRAY[0..9] OF INT := [10(0)];\nEND_TYPE\n',
      'TYPE T_Percent : INT(0..100);\nEND_TYPE\n',
      'TYPE T_Speed : REAL;\nEND_TYPE\n',
      'TYPE T_Label : WSTRING[80];\nEND_TYPE\n',
    ]);
  });

  it('generates declarations and copies the ST body byte for byte', () => {
    const { text, result } = load('project.xml');
    const prg = result.sources.find((s) => s.text.startsWith('PROGRAM'))!;
    expect(prg.text).toBe(
      'PROGRAM PLC_PRG\nVAR\n    nCount : DINT := 0;\n    bAlarm : BOOL;\nEND_VAR\nVAR_EXTERNAL CONSTANT\n    nLimit : DINT;\nEND_VAR\n' +
        'nCount := nCount + 1;\nIF nCount > nLimit THEN\n    bAlarm := TRUE;\n    nCount := 0;\nEND_IF;\nEND_PROGRAM\n',
    );
    const at = prg.text.indexOf('bAlarm := TRUE');
    expect(text.slice(prg.toFileOffset(at), prg.toFileOffset(at) + 14)).toBe('bAlarm := TRUE');
    // A declaration maps to its element.
    const decl = prg.toFileOffset(prg.text.indexOf('VAR_EXTERNAL'));
    expect(text.slice(decl).startsWith('<externalVars')).toBe(true);
  });

  it('decodes entities in non-CDATA ST text and translates IL bodies', () => {
    const { result } = load('project.xml');
    const fc = result.sources.find((s) => s.text.startsWith('FUNCTION FC_Scale'))!;
    expect(fc.text).toBe('FUNCTION FC_Scale : REAL\nVAR_INPUT\n    nRaw : INT;\nEND_VAR\nFC_Scale := INT_TO_REAL(nRaw) / 27648.0 * 100.0; (* a < b & c *)\nEND_FUNCTION\n');
    expect(result.diagnostics).toEqual([]);
    expect(result.sources.find((s) => s.text.startsWith('FUNCTION_BLOCK FB_Legacy'))!.text).toBe('FUNCTION_BLOCK FB_Legacy\nVAR_INPUT\n    bIn : BOOL;\nEND_VAR\nbOut := bIn;\nEND_FUNCTION_BLOCK\n');
  });

  it('reads configuration global variables with their name', () => {
    const { result } = load('project.xml');
    const [gvl] = result.gvlNames!;
    expect(gvl!.name).toBe('GVL_Plant');
    expect(result.sources[gvl!.source]!.text).toBe('VAR_GLOBAL\n    nLimit AT %MD10 : DINT := 100;\nEND_VAR\n');
  });

  it('reads a CODESYS export that keeps POUs, methods and GVLs in addData', () => {
    const { text, result } = load('codesys-adddata.xml');
    expect(result.diagnostics).toEqual([]);
    expect(result.sources.map((s) => s.text)).toEqual([
      'FUNCTION_BLOCK FB_Valve\nVAR_INPUT\n    bOpen : BOOL;\nEND_VAR\nVAR_OUTPUT\n    bIsOpen : BOOL;\nEND_VAR\nbIsOpen := bOpen;\n' +
        'METHOD Toggle : BOOL\nbOpen := NOT bOpen;\nToggle := bOpen;\nEND_METHOD\nEND_FUNCTION_BLOCK\n',
      'VAR_GLOBAL\n    bMainValve : BOOL := FALSE;\n    aFlows : ARRAY[1..4] OF REAL;\nEND_VAR\n',
    ]);
    expect(result.gvlNames!.map((g) => [g.source, g.name])).toEqual([[1, 'GVL_Valves']]);
    const src = result.sources[0]!;
    const at = src.text.indexOf('Toggle := bOpen');
    expect(text.slice(src.toFileOffset(at), src.toFileOffset(at) + 15)).toBe('Toggle := bOpen');
  });
});

describe('readPlcopen: LD and FBD networks', () => {
  it('translates the LD fixture network by network', () => {
    const { result } = load('ld-fbd.xml');
    expect(result.diagnostics).toEqual([]);
    const ld = result.ladders.find((l) => l.pou === 'FB_Pump')!;
    expect(ld.language).toBe('LD');
    expect(ld.translation.st).toBe(
      [
        'bMotor := (bStart OR bMotor) AND NOT bStop;',
        'IF bReset THEN',
        '    bFault := FALSE;',
        'END_IF;',
        'IF bOverload AND bEnable THEN',
        '    bFault := TRUE;',
        'END_IF;',
        'tonRun(IN := bMotor, PT := T#5s);',
        'bRunning := tonRun.Q;',
        '_rtrig30(CLK := bStart);',
        'bPulse := _rtrig30.Q;',
        '',
      ].join('\n'),
    );
    expect(ld.translation.lines.map((l) => l.label)).toEqual([
      'network 1 (localId 5)',
      ...Array(3).fill('network 2 (localId 11)'),
      ...Array(3).fill('network 3 (localId 13)'),
      'network 4 (localId 21)',
      'network 4 (localId 23)',
      'network 5 (localId 31)',
      'network 5 (localId 31)',
    ]);
    expect(ld.translation.temporaries).toEqual([{ name: '_rtrig30', type: 'R_TRIG' }]);
    const pou = result.sources.find((s) => s.text.startsWith('FUNCTION_BLOCK FB_Pump'))!;
    expect(pou.text).toContain('VAR\n    _rtrig30 : R_TRIG;\nEND_VAR\nbMotor := (bStart OR bMotor) AND NOT bStop;\n');
    expect(pou.text.endsWith('bPulse := _rtrig30.Q;\nEND_FUNCTION_BLOCK\n')).toBe(true);
  });

  it('maps translated lines to their network elements', () => {
    const { text, result } = load('ld-fbd.xml');
    const pou = result.sources.find((s) => s.text.startsWith('FUNCTION_BLOCK FB_Pump'))!;
    const off = pou.toFileOffset(pou.text.indexOf('bRunning := tonRun.Q'));
    expect(text.slice(off).startsWith('<coil localId="23"')).toBe(true);
  });

  it('translates the FBD fixture in execution order', () => {
    const { result } = load('ld-fbd.xml');
    const fbd = result.ladders.find((l) => l.pou === 'FB_Logic')!;
    expect(fbd.language).toBe('FBD');
    expect(fbd.translation.st).toBe('bC := bA AND bB;\nnY := nX + 5;\n');
  });

  it('factors shared series contacts out of parallel branches', () => {
    const xml = ldPou(contact(2, 'a', 1) + contact(3, 'b', 2) + contact(4, 'c', 2) + coil(5, 'y', 3, 4));
    expect(ladder(xml)).toEqual({ st: 'y := a AND (b OR c);\n', codes: [] });
  });

  it('translates negated and edge coils, jumps, labels and returns', () => {
    const xml = ldPou(
      `${contact(2, 'x', 1)}<coil localId="3" negated="true">${pin(2)}<variable>nx</variable></coil>` +
        `${contact(4, 'go', 1)}<jump localId="5" label="Skip">${pin(4)}</jump>` +
        `<coil localId="6" edge="falling">${pin(1)}<variable>q</variable></coil>` +
        `<label localId="7" label="Skip"/>${contact(8, 'stop', 1)}<return localId="9">${pin(8)}</return>`,
    );
    expect(ladder(xml)).toEqual({
      st: 'nx := NOT x;\nIF go THEN\n    JMP Skip;\nEND_IF;\n_ftrig6(CLK := TRUE);\nq := _ftrig6.Q;\nSkip:\nIF stop THEN\n    RETURN;\nEND_IF;\n',
      codes: [],
    });
  });

  it('calls function blocks with EN inside IF and inlines functions', () => {
    const xml = ldPou(
      `${contact(2, 'run', 1)}<inVariable localId="3"><expression>nA</expression></inVariable><inVariable localId="4"><expression>10</expression></inVariable>` +
        `<block localId="5" typeName="LIMIT"><inputVariables><variable formalParameter="MN"><connectionPointIn><connection refLocalId="4"/></connectionPointIn></variable>` +
        `<variable formalParameter="IN">${pin(3)}</variable></inputVariables><outputVariables><variable formalParameter="OUT"/></outputVariables></block>` +
        `<block localId="6" typeName="CTU" instanceName="ctr"><inputVariables><variable formalParameter="EN">${pin(2)}</variable>` +
        `<variable formalParameter="PV"><connectionPointIn><connection refLocalId="5" formalParameter="OUT"/></connectionPointIn></variable></inputVariables>` +
        `<outputVariables><variable formalParameter="Q"/></outputVariables></block>`,
    );
    expect(ladder(xml)).toEqual({ st: 'IF run THEN\n    ctr(PV := LIMIT(MN := 10, IN := nA));\nEND_IF;\n', codes: [] });
  });

  it('resolves connectors and continuations', () => {
    const xml = ldPou(`${contact(2, 'a', 1)}<connector localId="3" name="C1">${pin(2)}</connector><continuation localId="4" name="c1"/>${coil(5, 'y', 4)}`);
    expect(ladder(xml)).toEqual({ st: 'y := a;\n', codes: [] });
  });

  it('reports wiring errors', () => {
    expect(ladder(ldPou(contact(2, 'a', 99) + coil(3, 'y', 2))).codes).toEqual(['LD1001']);
    const cycle = ladder(ldPou(contact(2, 'a', 1, 3) + contact(3, 'b', 2) + coil(4, 'y', 3)));
    expect(cycle.codes).toContain('LD1002');
    expect(ladder(ldPou(contact(2, 'a', 1) + contact(2, 'b', 1) + coil(3, 'y', 2))).codes).toEqual(['LD1003']);
    expect(ladder(ldPou(`<contact>${pin(1)}<variable>a</variable></contact>`)).codes).toEqual(['LD1003']);
    expect(ladder(ldPou(coil(2, 'y'))).codes).toEqual(['LD1004']);
    expect(ladder(ldPou(`<continuation localId="2" name="nowhere"/>${coil(3, 'y', 2)}`)).codes).toEqual(['LD1005']);
    expect(ladder(ldPou(`<jump localId="2" label="Nope">${pin(1)}</jump>`))).toEqual({ st: 'JMP Nope;\n', codes: ['LD1006'] });
    expect(ladder(ldPou('<vendorElement localId="2"/>')).codes).toEqual(['LD1007']);
  });

  it('survives a very long series chain', () => {
    let els = '';
    for (let i = 2; i < 5000; i++) els += contact(i, `c${i}`, i - 1);
    const r = ladder(ldPou(els + coil(5000, 'y', 4999)));
    expect(r.codes).toEqual(['LD1008']);
  });
});

describe('readPlcopen: IL bodies', () => {
  const station = [
    'bMotor := (bStart OR bMotor) AND NOT bStop;',
    'tonRun(IN := bMotor, PT := T#5s);',
    'bDone := tonRun.Q;',
    'tonDelay(IN := bStart);',
    'tonDelay(PT := T#2s);',
    'nCount := nCount + 1;',
    'IF nCount > 100 THEN',
    '    JMP Reset;',
    'END_IF;',
    'nLevel := nCount * 2 - 3;',
    'JMP Scale;',
    'Reset:',
    'nCount := 0;',
    'Scale:',
    'nLevel := LIMIT(nRaw, 0, 27648) / 276;',
    'bHigh := bA AND (bB OR bC AND NOT bD);',
    'RETURN;',
    '',
  ].join('\n');

  it('translates the IL fixture to ST and keeps FMT1201 for SFC only', () => {
    const { result } = load('il.xml');
    expect(result.diagnostics.map((d) => d.code)).toEqual(['FMT1201']);
    expect(result.diagnostics[0]!.message).toContain('P_Seq is written in SFC');
    const il = result.ladders.find((l) => l.pou === 'FB_Station')!;
    expect(il.language).toBe('IL');
    expect(il.translation.st).toBe(station);
    expect(il.translation.temporaries).toEqual([]);
    expect(il.translation.lines.slice(0, 3).map((l) => l.label)).toEqual(['IL line 5', 'IL line 7', 'IL line 10']);
    const pou = result.sources.find((s) => s.text.startsWith('FUNCTION_BLOCK FB_Station'))!;
    expect(pou.text).toContain(`END_VAR\n${station}ACTION Check:\nbHigh := bA AND bB;\nEND_ACTION\nEND_FUNCTION_BLOCK\n`);
  });

  it('maps each translated statement to its IL line, in CDATA and in entity-escaped text', () => {
    const { text, result } = load('il.xml');
    const pou = result.sources.find((s) => s.text.startsWith('FUNCTION_BLOCK FB_Station'))!;
    const at = (st: string): string => text.slice(pou.toFileOffset(pou.text.indexOf(st)));
    expect(at('tonRun(IN := bMotor').startsWith('CAL  tonRun(IN := bMotor,')).toBe(true);
    expect(at('bMotor := (bStart').startsWith('ST   bMotor')).toBe(true);
    expect(at('IF nCount > 100').startsWith('JMPC Reset')).toBe(true);
    expect(at('nLevel := LIMIT').startsWith('ST   nLevel')).toBe(true);
    expect(at('bHigh := bA AND bB;').startsWith('LD bA\n&amp; bB')).toBe(true);
  });

  it('reports IL errors at their place in the XML file', () => {
    const xml = `${HEAD}<pou name="P" pouType="program"><interface/><body><IL><xhtml:p><![CDATA[LD a\nFROB b\nST c]]></xhtml:p></IL></body></pou>${TAIL}`;
    const r = readPlcopen('t.xml', xml);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['IL1001']);
    expect(xml.slice(r.diagnostics[0]!.span.start, r.diagnostics[0]!.span.end)).toBe('FROB');
  });

  it('declares the temporaries of IL bodies and uses project functions as operators', () => {
    const fn = '<pou name="FC_Twice" pouType="function"><interface><returnType><INT/></returnType></interface><body><ST><xhtml:p>FC_Twice := 0;</xhtml:p></ST></body></pou>';
    const il = 'LD n\nFC_Twice 3\nGT 5\nJMPC L\nLD FALSE\nL: ST q';
    const xml = `${HEAD}${fn}<pou name="P" pouType="program"><interface><localVars><variable name="n"><type><INT/></type></variable><variable name="q"><type><BOOL/></type></variable></localVars></interface><body><IL><xhtml:p><![CDATA[${il}]]></xhtml:p></IL></body></pou>${TAIL}`;
    const r = readPlcopen('t.xml', xml);
    expect(r.diagnostics).toEqual([]);
    expect(r.sources[1]!.text).toContain(
      'VAR_TEMP\n    _il_tmp1 : BOOL;\n    _il_cr_L : BOOL;\nEND_VAR\n_il_tmp1 := FC_Twice(n, 3) > 5;\nIF _il_tmp1 THEN\n    _il_cr_L := TRUE;\n    JMP L;\nEND_IF;\n',
    );
  });
});

describe('readPlcopen: hostile and malformed input', () => {
  it('refuses DOCTYPE, entities and deep nesting without throwing', () => {
    const codes = (t: string): string[] => readPlcopen('h.xml', t).diagnostics.map((d) => d.code);
    expect(codes('<!DOCTYPE project [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><project>&b;</project>')).toEqual(['FMT1002']);
    expect(codes('<!DOCTYPE project SYSTEM "file:///etc/passwd"><project/>')).toEqual(['FMT1002']);
    expect(codes('<project>' + '<x>'.repeat(100_000) + '</x>'.repeat(100_000) + '</project>')).toEqual(['FMT1004']);
    expect(codes('<project><types>')).toEqual(['FMT1003']);
    expect(codes('<TcPlcObject/>')).toEqual(['FMT1006']);
    expect(codes('<project/>')).toEqual(['FMT1204']);
    expect(codes(`${HEAD}<pou pouType="program"/>${TAIL}`)).toEqual(['FMT1202', 'FMT1204']);
  });
});

describe('readPlcopen: blow-up guards', () => {
  it('refuses an FBD whose shared inputs would print exponentially long ST', () => {
    let els = '<inVariable localId="1"><expression>x</expression></inVariable>';
    for (let i = 2; i < 60; i++) {
      els += `<block localId="${i}" typeName="ADD"><inputVariables><variable formalParameter="IN1">${pin(i - 1)}</variable><variable formalParameter="IN2">${pin(i - 1)}</variable></inputVariables><outputVariables><variable formalParameter="OUT"/></outputVariables></block>`;
    }
    els += `<outVariable localId="60">${pin(59)}<expression>y</expression></outVariable>`;
    const xml = `${HEAD}<pou name="P" pouType="program"><interface/><body><FBD>${els}</FBD></body></pou>${TAIL}`;
    const r = readPlcopen('t.xml', xml);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['LD1008']);
  });
});
