import { describe, expect, it } from 'vitest';
import { readPlcopen } from '../../../src-main/plc/formats/index.js';
import { simulate } from '../../helpers/sim.js';

/**
 * LD call boxes and shared power rails, through the PLCopen reader: a box whose only output wire is ENO to the
 * rail is still called (guarded by EN), and one left/right rail drawn across several rungs does not join them.
 */

const HEAD = '<project xmlns="http://www.plcopen.org/xml/tc6_0201" xmlns:xhtml="http://www.w3.org/1999/xhtml"><types><dataTypes/><pous>';
const TAIL = '</pous></types></project>';
const ldPou = (elements: string, name = 'P'): string =>
  `<pou name="${name}" pouType="program"><interface/><body><LD><leftPowerRail localId="1"><connectionPointOut/></leftPowerRail>${elements}</LD></body></pou>`;
type Ref = number | [number, string];
const conn = (r: Ref): string => (typeof r === 'number' ? `<connection refLocalId="${r}"/>` : `<connection refLocalId="${r[0]}" formalParameter="${r[1]}"/>`);
const pin = (...refs: Ref[]): string => `<connectionPointIn>${refs.map(conn).join('')}</connectionPointIn>`;
const contact = (id: number, v: string, ...refs: Ref[]): string => `<contact localId="${id}">${pin(...refs)}<variable>${v}</variable></contact>`;
const coil = (id: number, v: string, ...refs: Ref[]): string => `<coil localId="${id}">${pin(...refs)}<variable>${v}</variable></coil>`;
const inVar = (id: number, e: string): string => `<inVariable localId="${id}"><expression>${e}</expression></inVariable>`;
const outVar = (id: number, e: string, ...refs: Ref[]): string => `<outVariable localId="${id}">${pin(...refs)}<expression>${e}</expression></outVariable>`;
/** One right rail with one connection point per rung, as Beremiz and OpenPLC draw a body. */
const rightRail = (id: number, ...rungs: Ref[]): string => `<rightPowerRail localId="${id}">${rungs.map((r) => pin(r)).join('')}</rightPowerRail>`;
const block = (id: number, type: string, inputs: [string, Ref][], outputs: string[], instance?: string): string =>
  `<block localId="${id}" typeName="${type}"${instance ? ` instanceName="${instance}"` : ''}><inputVariables>` +
  inputs.map(([f, r]) => `<variable formalParameter="${f}">${pin(r)}</variable>`).join('') +
  `</inputVariables><inOutVariables/><outputVariables>${outputs.map((o) => `<variable formalParameter="${o}"/>`).join('')}</outputVariables></block>`;

const translate = (elements: string): { st: string; labels: string[]; codes: string[] } => {
  const r = readPlcopen('t.xml', `${HEAD}${ldPou(elements)}${TAIL}`);
  const t = r.ladders[0]!.translation;
  return { st: t.st, labels: t.lines.map((l) => l.label.replace(/ \(localId \d+\)$/, '')), codes: r.diagnostics.map((d) => d.code) };
};

describe('LD call boxes with EN/ENO', () => {
  it('calls a function box whose ENO goes only to the right rail, guarded by its EN', () => {
    const r = translate(contact(2, 'bLog', 1) + inVar(3, '42') + block(4, 'F_Log', [['EN', 2], ['nCode', 3]], ['ENO']) + rightRail(5, [4, 'ENO']));
    expect(r).toEqual({ st: 'IF bLog THEN\n    F_Log(nCode := 42);\nEND_IF;\n', labels: Array(3).fill('network 1'), codes: [] });
  });

  it('calls a program box wired from rail to rail on every scan', () => {
    const r = translate(block(2, 'Safety_Logic', [['EN', 1]], ['ENO']) + rightRail(3, [2, 'ENO']));
    expect(r.st).toBe('Safety_Logic();\n');
  });

  it('calls a standard function box whose result is not wired, in formal form', () => {
    const r = translate(contact(2, 'go', 1) + inVar(3, 'a') + inVar(4, 'b') + block(5, 'ADD', [['EN', 2], ['IN1', 3], ['IN2', 4]], ['ENO', 'OUT']) + rightRail(6, [5, 'ENO']));
    expect(r.st).toBe('IF go THEN\n    ADD(IN1 := a, IN2 := b);\nEND_IF;\n');
  });

  it('calls a box whose ENO drives a coil, before the coil, and chains EN/ENO boxes', () => {
    const r = translate(
      contact(2, 'go', 1) +
        block(3, 'F_One', [['EN', 2]], ['ENO']) +
        block(4, 'F_Two', [['EN', [3, 'ENO']]], ['ENO']) +
        coil(5, 'bDone', [4, 'ENO']) +
        rightRail(6, 5),
    );
    expect(r.st).toBe('IF go THEN\n    F_One();\nEND_IF;\nIF go THEN\n    F_Two();\nEND_IF;\nbDone := go;\n');
    expect(r.codes).toEqual([]);
  });

  it('assigns a function result only when the box runs (MOVE with EN, ENO to the rail)', () => {
    const r = translate(contact(2, 'bLoad', 1) + inVar(3, 'nPreset') + block(4, 'MOVE', [['EN', 2], ['IN', 3]], ['ENO', 'OUT']) + outVar(5, 'nCount', [4, 'OUT']) + rightRail(6, [4, 'ENO']));
    expect(r.st).toBe('IF bLoad THEN\n    nCount := nPreset;\nEND_IF;\n');
  });

  it('drives a coil from a function result only when the box runs', () => {
    const r = translate(contact(2, 'bCheck', 1) + inVar(3, 'nLevel') + inVar(4, '80') + block(5, 'GT', [['EN', 2], ['IN1', 3], ['IN2', 4]], ['ENO', 'OUT']) + coil(6, 'bHigh', [5, 'OUT']) + rightRail(7, 6));
    expect(r.st).toBe('IF bCheck THEN\n    bHigh := nLevel > 80;\nEND_IF;\n');
  });

  it('leaves a function block input as it was while the function feeding it does not run', () => {
    const r = translate(
      contact(2, 'bScale', 1) + inVar(3, 'nRaw') + inVar(4, '100') +
        block(5, 'MIN', [['EN', 2], ['IN1', 3], ['IN2', 4]], ['ENO', 'OUT']) +
        contact(6, 'bPulse', 1) + block(7, 'CTU', [['CU', 6], ['PV', [5, 'OUT']]], ['Q', 'CV'], 'ctr') + coil(8, 'bFull', [7, 'Q']) + rightRail(9, [5, 'ENO'], 8),
    );
    expect(r.st).toBe('IF bScale THEN\n    ctr.PV := MIN(IN1 := nRaw, IN2 := 100);\nEND_IF;\nctr(CU := bPulse);\nbFull := ctr.Q;\n');
  });

  it('still inlines a function box fed straight from the left rail', () => {
    const r = translate(inVar(3, 'nLevel') + inVar(4, '80') + block(5, 'GT', [['EN', 1], ['IN1', 3], ['IN2', 4]], ['ENO', 'OUT']) + coil(6, 'bHigh', [5, 'OUT']) + rightRail(7, 6));
    expect(r.st).toBe('bHigh := nLevel > 80;\n');
  });

  it('calls a function block instance whose ENO goes only to the rail, and one whose Q drives a coil', () => {
    const r = translate(
      contact(2, 'bRun', 1) +
        inVar(3, 'T#1s') +
        block(4, 'TON', [['EN', 2], ['IN', 2], ['PT', 3]], ['ENO', 'Q', 'ET'], 'tonA') +
        contact(5, 'bGo', 1) +
        inVar(9, 'T#1s') +
        block(6, 'TON', [['IN', 5], ['PT', 9]], ['Q', 'ET'], 'tonB') +
        coil(7, 'bLate', [6, 'Q']) +
        rightRail(8, [4, 'ENO'], 7),
    );
    expect(r.st).toBe('IF bRun THEN\n    tonA(IN := bRun, PT := T#1s);\nEND_IF;\ntonB(IN := bGo, PT := T#1s);\nbLate := tonB.Q;\n');
    expect(r.labels).toEqual([...Array(3).fill('network 1'), 'network 2', 'network 2']);
  });

  it('calls a function block before every coil its output reaches, also through a shared contact', () => {
    const r = translate(
      contact(2, 'bArm', [5, 'Q']) + coil(3, 'bLampA', 2) + coil(4, 'bLampB', 2) +
        contact(6, 'bGo', 1) + inVar(7, 'T#1s') + block(5, 'TON', [['IN', 6], ['PT', 7]], ['Q', 'ET'], 'tonArm') + rightRail(8, 3, 4),
    );
    expect(r.st).toBe('tonArm(IN := bGo, PT := T#1s);\nbLampA := tonArm.Q AND bArm;\nbLampB := tonArm.Q AND bArm;\n');
  });

  it('runs a program box only on scans where its EN has power', () => {
    const counter = '<pou name="Tick" pouType="program"><interface/><body><ST><xhtml:p><![CDATA[gTicks := gTicks + 1;]]></xhtml:p></ST></body></pou>';
    const main = ldPou(contact(2, 'gRun', 1) + block(3, 'Tick', [['EN', 2]], ['ENO']) + rightRail(4, [3, 'ENO']), 'Main');
    const p = simulate('VAR_GLOBAL\n gRun : BOOL;\n gTicks : INT;\nEND_VAR\n', { extraFiles: [{ path: 'p.xml', text: `${HEAD}${counter}${main}${TAIL}` }] });
    p.scan();
    expect(p.get('gTicks')).toBe(0);
    p.set('gRun', true);
    p.scan();
    p.scan();
    expect(p.get('gTicks')).toBe(2);
  });
});

describe('LD bodies with one right and one left rail for all rungs', () => {
  const body =
    contact(2, 'bStart', 1) +
    contact(3, 'bRun', 1) +
    contact(4, 'bStop', 2, 3) +
    coil(5, 'bRun', 4) +
    contact(10, 'bRun', 1) +
    inVar(11, 'T#2s') +
    block(12, 'TON', [['IN', 10], ['PT', 11]], ['Q', 'ET'], 'tonUp') +
    coil(13, 'bUp', [12, 'Q']) +
    contact(20, 'bUp', 1) +
    coil(21, 'bLamp', 20) +
    coil(22, 'bHorn', 20) +
    rightRail(30, 5, 13, 21, 22);

  it('gives each rung its own network, top to bottom', () => {
    const r = translate(body);
    expect(r.st).toBe('bRun := (bStart OR bRun) AND bStop;\ntonUp(IN := bRun, PT := T#2s);\nbUp := tonUp.Q;\nbLamp := bUp;\nbHorn := bUp;\n');
    expect(r.labels).toEqual(['network 1', 'network 2', 'network 2', 'network 3', 'network 3']);
    expect(r.codes).toEqual([]);
  });

  it('orders rungs by their first element in the file and keeps each rung together', () => {
    const r = translate(contact(2, 'a', 1) + contact(3, 'b', 1) + contact(5, 'c', 3) + coil(6, 'z', 5) + coil(4, 'y', 2) + rightRail(7, 4, 6));
    expect(r.st).toBe('y := a;\nz := b AND c;\n');
    expect(r.labels).toEqual(['network 1', 'network 2']);
  });

  it('keeps a group of rungs drawn between its own pair of rails as one network', () => {
    const lamps = (left: number): string => contact(11, 'bRun', left) + coil(12, 'bLampRun', 11) + contact(13, 'bFault', left) + coil(14, 'bLampFault', 13) + rightRail(15, 12, 14);
    const first = contact(2, 'a', 1) + coil(3, 'y', 2) + rightRail(4, 3);
    const r = translate(`${first}<leftPowerRail localId="10"><connectionPointOut/></leftPowerRail>${lamps(10)}`);
    expect(r.st).toBe('y := a;\nbLampRun := bRun;\nbLampFault := bFault;\n');
    expect(r.labels).toEqual(['network 1', 'network 2', 'network 2']);
    // One left rail for the whole body joins nothing; the group's own right rail still does.
    expect(translate(first + lamps(1)).labels).toEqual(['network 1', 'network 2', 'network 2']);
  });

  it('samples edge contacts at the start of their own rung', () => {
    const r = translate(contact(2, 'a', 1) + coil(3, 'y', 2) + `<contact localId="4" edge="rising">${pin(1)}<variable>y</variable></contact>` + coil(5, 'z', 4) + rightRail(6, 3, 5));
    expect(r.st).toBe('y := a;\n_rtrig4(CLK := y);\nz := _rtrig4.Q;\n');
    expect(r.labels).toEqual(['network 1', 'network 2', 'network 2']);
  });
});

/**
 * Function results the ST cannot carry one to one: a result read while its EN may be FALSE (its value is then not
 * defined by IEC 61131-3 and differs between vendors), an output other than the result, and one call drawn once
 * but written several times. Each is translated exactly where possible, else reported so the body stays in ladder.
 */
describe('LD function results', () => {
  const read = (elements: string): { st: string; codes: string[]; messages: string[]; temporaries: { name: string; type: string }[] } => {
    const r = readPlcopen('t.xml', `${HEAD}${ldPou(elements)}${TAIL}`);
    const t = r.ladders[0]!.translation;
    return { st: t.st, codes: r.diagnostics.map((d) => d.code), messages: r.diagnostics.map((d) => d.message), temporaries: t.temporaries };
  };
  const gt = (id: number, en: Ref): string => inVar(id - 2, 'nLevel') + inVar(id - 1, '80') + block(id, 'GT', [['EN', en], ['IN1', id - 2], ['IN2', id - 1]], ['ENO', 'OUT']);

  it('reports a function with EN whose result is OR-ed with another branch', () => {
    const r = read(contact(2, 'bCheck', 1) + gt(5, 2) + contact(6, 'a', 1) + coil(7, 'y', 6, [5, 'OUT']) + rightRail(8, 7));
    expect(r.codes).toEqual(['LD1009']);
    expect(r.messages[0]).toMatch(/^P: GT \(localId 5\) in network 1 .*localId 7/);
  });

  it('reports a function with EN whose result flows on through a contact or into a function without EN', () => {
    expect(read(contact(2, 'bCheck', 1) + gt(5, 2) + contact(6, 'a', [5, 'OUT']) + coil(7, 'y', 6) + rightRail(8, 7)).codes).toEqual(['LD1009']);
    const intoAnd = contact(2, 'bCheck', 1) + gt(5, 2) + inVar(6, 'b') + block(7, 'AND', [['IN1', [5, 'OUT']], ['IN2', 6]], ['OUT']) + outVar(8, 'y', [7, 'OUT']);
    expect(read(intoAnd).codes).toEqual(['LD1009']);
  });

  it('translates a chain of functions enabled through ENO exactly', () => {
    const chain =
      contact(2, 'go', 1) + inVar(3, 'a') + inVar(4, 'b') + block(5, 'ADD', [['EN', 2], ['IN1', 3], ['IN2', 4]], ['ENO', 'OUT']) +
      inVar(6, 'c') + block(7, 'MUL', [['EN', [5, 'ENO']], ['IN1', [5, 'OUT']], ['IN2', 6]], ['ENO', 'OUT']) + outVar(8, 'nY', [7, 'OUT']) + rightRail(9, [7, 'ENO']);
    expect(read(chain)).toMatchObject({ st: 'IF go THEN\n    nY := (a + b) * c;\nEND_IF;\n', codes: [] });
    // A second function enabled by something else may run while the first did not: its input is then undefined.
    expect(read(chain.replace('<connection refLocalId="5" formalParameter="ENO"/>', '<connection refLocalId="1"/>')).codes).toEqual(['LD1009']);
  });

  it('reports an output of a function box other than its result', () => {
    const r = read(inVar(3, 'nRaw') + block(4, 'F_Split', [['nIn', 3]], ['F_Split', 'nRest']) + outVar(6, 'nLow', [4, 'nRest']));
    expect(r.codes).toEqual(['LD1010']);
    expect(r.messages[0]).toMatch(/^P: output nRest of F_Split \(localId 4\) in network 1 /);
  });

  it('calls a user function once into a BOOL temporary when its result drives several contacts and coils', () => {
    const r = read(inVar(3, 'nStep') + block(4, 'F_Next', [['nIn', 3]], ['F_Next']) + coil(5, 'y1', [4, 'F_Next']) + contact(6, 'b', [4, 'F_Next']) + coil(7, 'y2', 6) + coil(8, 'y3', 6) + rightRail(9, 5, 7, 8));
    expect(r).toMatchObject({ st: '_fn4 := F_Next(nIn := nStep);\ny1 := _fn4;\ny2 := _fn4 AND b;\ny3 := _fn4 AND b;\n', codes: [] });
    expect(r.temporaries).toEqual([{ name: '_fn4', type: 'BOOL' }]);
    // Held in a temporary, a result read while EN may be FALSE is still not defined by the drawing.
    const gated = read(contact(2, 'go', 1) + block(4, 'F_Next', [['EN', 2]], ['ENO', 'F_Next']) + contact(5, 'a', 1) + coil(6, 'y1', [4, 'F_Next']) + coil(7, 'y2', [4, 'F_Next'], 5) + rightRail(8, 6, 7));
    expect(gated).toMatchObject({ st: 'IF go THEN\n    _fn4 := F_Next();\nEND_IF;\nIF go THEN\n    y1 := _fn4;\nEND_IF;\nIF go THEN\n    y2 := _fn4 OR a;\nEND_IF;\n', codes: ['LD1009'] });
  });

  it('runs a function with side effects once per scan however many elements read its result', () => {
    const fn = '<pou name="F_Tick" pouType="function"><interface><returnType><BOOL/></returnType></interface><body><ST><xhtml:p><![CDATA[gTicks := gTicks + 1; F_Tick := TRUE;]]></xhtml:p></ST></body></pou>';
    const main = ldPou(contact(2, 'gRun', 1) + block(3, 'F_Tick', [['EN', 2]], ['ENO', 'F_Tick']) + coil(4, 'gA', [3, 'F_Tick']) + coil(5, 'gB', [3, 'F_Tick']) + rightRail(6, 4, 5), 'Main');
    const p = simulate('VAR_GLOBAL\n gRun : BOOL;\n gA : BOOL;\n gB : BOOL;\n gTicks : INT;\nEND_VAR\n', { extraFiles: [{ path: 'p.xml', text: `${HEAD}${fn}${main}${TAIL}` }] });
    p.scan();
    expect([p.get('gTicks'), p.get('gA'), p.get('gB')]).toEqual([0, false, false]);
    p.set('gRun', true);
    p.scan();
    expect([p.get('gTicks'), p.get('gA'), p.get('gB')]).toEqual([1, true, true]);
  });

  it('reports a user function whose result of unknown type is read more than once', () => {
    const r = read(inVar(3, 'nStep') + block(4, 'F_Next', [['nIn', 3]], ['F_Next']) + outVar(5, 'n1', [4, 'F_Next']) + outVar(6, 'n2', [4, 'F_Next']));
    expect(r.codes).toEqual(['LD1011']);
    expect(r.messages[0]).toMatch(/^P: F_Next \(localId 4\) in network 1 /);
  });

  it('writes a standard function read more than once where it is read', () => {
    const r = read(inVar(2, 'nRaw') + inVar(3, '100') + block(4, 'MIN', [['IN1', 2], ['IN2', 3]], ['OUT']) + outVar(5, 'n1', [4, 'OUT']) + outVar(6, 'n2', [4, 'OUT']));
    expect(r).toMatchObject({ st: 'n1 := MIN(IN1 := nRaw, IN2 := 100);\nn2 := MIN(IN1 := nRaw, IN2 := 100);\n', codes: [] });
  });
});
