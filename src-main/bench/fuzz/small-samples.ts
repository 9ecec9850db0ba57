import type { FuzzReader, FuzzSample } from './fuzz-input.js';
import { readerPath } from './fuzz-input.js';

/**
 * One small, valid file per reader, cut at every offset by the fuzz suite: each has the parts whose truncation
 * the readers must survive (an XML declaration, CDATA sections, comments, strings, rung text, YAML flow maps).
 */
const TEXTS: Record<FuzzReader, string> = {
  st: `PROGRAM Main
VAR
  x : INT := 16#1F; (* count *)
  s : STRING := 'a$'b';
END_VAR
IF x > 0 THEN
  x := x - 1;
END_IF
END_PROGRAM
`,
  scl: `FUNCTION_BLOCK "FB_A"
VAR_INPUT
  #go : BOOL;
END_VAR
BEGIN
  IF #go THEN
    "DB".n := "DB".n + 1; // count
  END_IF;
END_FUNCTION_BLOCK
`,
  il: `<?xml version="1.0" encoding="utf-8"?>
<project xmlns="http://www.plcopen.org/xml/tc6_0201" xmlns:xhtml="http://www.w3.org/1999/xhtml">
<types><dataTypes/><pous><pou name="P" pouType="program"><interface><localVars>
<variable name="a"><type><BOOL/></type></variable></localVars></interface>
<body><IL><xhtml:p><![CDATA[LD a
AND( a
OR a
)
ST a]]></xhtml:p></IL></body></pou></pous></types></project>
`,
  twincat: `<?xml version="1.0" encoding="utf-8"?>
<TcPlcObject Version="1.1.0.1">
  <POU Name="MAIN" Id="{1}">
    <Declaration><![CDATA[PROGRAM MAIN
VAR
  n : INT; (* count *)
END_VAR
]]></Declaration>
    <Implementation>
      <ST><![CDATA[n := n + 1;]]></ST>
    </Implementation>
  </POU>
</TcPlcObject>
`,
  plcopen: `<?xml version="1.0" encoding="utf-8"?>
<project xmlns="http://www.plcopen.org/xml/tc6_0201" xmlns:xhtml="http://www.w3.org/1999/xhtml">
<types><dataTypes/><pous><pou name="P" pouType="program"><interface><localVars>
<variable name="n"><type><INT/></type></variable></localVars></interface>
<body><ST><xhtml:p>n := n + 1; (* a &lt; b *)</xhtml:p></ST></body></pou></pous></types></project>
`,
  l5x: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<RSLogix5000Content SchemaRevision="1.0" TargetType="Controller">
<Controller Name="C"><Tags><Tag Name="a" TagType="Base" DataType="BOOL"/></Tags>
<Programs><Program Name="MainProgram"><Routines><Routine Name="R" Type="RLL"><RLLContent>
<Rung Number="0" Type="N"><Text><![CDATA[XIC(a)[OTE(a),OTU(a)];]]></Text></Rung>
</RLLContent></Routine></Routines></Program></Programs></Controller></RSLogix5000Content>
`,
  l5k: `IE_VER := 2.26;

CONTROLLER C (Major := 33)
	TAG
		a : BOOL (RADIX := Decimal) := 0;
	END_TAG

	PROGRAM MainProgram (MAIN := "R")
		ROUTINE R
				N: XIC(a)[OTE(a) ,OTU(a) ];
		END_ROUTINE
	END_PROGRAM
END_CONTROLLER
`,
  'site-yaml': `id: fuzz-site
name: "Fuzz site"
platform: codesys
sources: [src/*.st]
safety:
  estops: [EStop_OK]
  hazardous_outputs: [Motor]
`,
  scenario: `name: start and stop
cycle: 10ms
steps:
  - at: 0ms
    set: { Start: true, 'EStop_OK': true }
  - at: 20ms
    expect: { Motor: true }
`,
};

export function smallSamples(): FuzzSample[] {
  return (Object.keys(TEXTS) as FuzzReader[]).map((reader) => ({ reader, path: readerPath(reader, 'small'), text: TEXTS[reader] }));
}
