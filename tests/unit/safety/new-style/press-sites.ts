/**
 * Two sites written unlike the example fleet, as plant code often is: an enum state-machine press whose
 * PLCopen blocks sit in a user safety FB that writes a global enable, and a tank with REAL scaling, an ARRAY OF
 * STRUCT and FOR loops. Sources only; `new-style-site.ts` writes them to a folder and loads them.
 */

export interface SiteFiles {
  yaml: string;
  files: Record<string, string>;
}

export const PRESS: SiteFiles = {
  yaml: `id: press-chain
name: Eccentric press with a safety-chain FB
plant: Test
description: enum state machine, SF blocks in a user FB writing a global enable
platform: codesys
sources: ["src/*.st"]
entry: MAIN
cycle: 10ms
safety:
  estops: [EStop_OK]
  guards: [Guard_S1, Guard_S2]
  hazardous_outputs: [Q_Motor, Q_Clutch]
  reaction_ms: 20
  reset: Reset_PB
  pous: [FB_SafetyChain]
scenarios: []
`,
  files: {
    'src/E_Step.st': `TYPE E_Step :
(
    IDLE    := 0,
    RUNUP   := 10,
    READY   := 20,
    STROKE  := 30,
    FAULT   := 90
) INT;
END_TYPE
`,
    'src/GVL_IO.st': `VAR_GLOBAL
    EStop_OK    AT %IX0.0 : BOOL;   // NC e-stop loop
    Guard_S1    AT %IX0.1 : BOOL;   // front guard channel 1
    Guard_S2    AT %IX0.2 : BOOL;   // front guard channel 2
    Reset_PB    AT %IX0.3 : BOOL;
    Start_PB    AT %IX0.4 : BOOL;
    Stroke_PB   AT %IX0.5 : BOOL;
    TDC_Cam     AT %IX0.6 : BOOL;
    Q_Motor     AT %QX0.0 : BOOL;   // flywheel motor (hazardous)
    Q_Clutch    AT %QX0.1 : BOOL;   // clutch valve (hazardous)
    Q_LampReady AT %QX0.2 : BOOL;
    Q_LampFault AT %QX0.3 : BOOL;
END_VAR
`,
    'src/GVL_Safety.st': `VAR_GLOBAL
    Safe_Enable : BOOL;     // written only by FB_SafetyChain
END_VAR
`,
    'src/FB_SafetyChain.st': `FUNCTION_BLOCK FB_SafetyChain
VAR_INPUT
    bEStopIn  : BOOL;
    bGuard1   : BOOL;
    bGuard2   : BOOL;
    bReset    : BOOL;
END_VAR
VAR_OUTPUT
    bError    : BOOL;
END_VAR
VAR
    EStop     : SF_EmergencyStop;
    GuardMon  : SF_GuardMonitoring;
END_VAR
EStop(Activate := TRUE, S_EStopIn := bEStopIn, S_StartReset := FALSE, S_AutoReset := FALSE, Reset := bReset);
GuardMon(Activate := TRUE, S_GuardSwitch1 := bGuard1, S_GuardSwitch2 := bGuard2, DiscrepancyTime := T#200MS,
         S_StartReset := FALSE, S_AutoReset := FALSE, Reset := bReset);
Safe_Enable := EStop.S_EStopOut AND GuardMon.S_GuardMonitoring;
bError := EStop.Error OR GuardMon.Error;
END_FUNCTION_BLOCK
`,
    'src/MAIN.st': `PROGRAM MAIN
VAR
    fbChain     : FB_SafetyChain;
    eStep       : E_Step := E_Step.IDLE;
    rtStart     : R_TRIG;
    tonRunUp    : TON;
    bMotorReq   : BOOL;
    bClutchReq  : BOOL;
    nStrokes    : UDINT;
END_VAR
fbChain(bEStopIn := EStop_OK, bGuard1 := Guard_S1, bGuard2 := Guard_S2, bReset := Reset_PB);
rtStart(CLK := Start_PB);
tonRunUp(IN := eStep = E_Step.RUNUP, PT := T#2S);

IF NOT Safe_Enable THEN
    eStep := E_Step.IDLE;
END_IF

CASE eStep OF
    E_Step.IDLE:
        IF rtStart.Q THEN
            eStep := E_Step.RUNUP;
        END_IF
    E_Step.RUNUP:
        IF tonRunUp.Q THEN
            eStep := E_Step.READY;
        END_IF
    E_Step.READY:
        IF Stroke_PB THEN
            eStep := E_Step.STROKE;
        END_IF
    E_Step.STROKE:
        IF TDC_Cam AND NOT Stroke_PB THEN
            nStrokes := nStrokes + 1;
            eStep := E_Step.READY;
        END_IF
    E_Step.FAULT:
        ;
END_CASE

bMotorReq := eStep <> E_Step.IDLE AND eStep <> E_Step.FAULT;
bClutchReq := eStep = E_Step.STROKE;

Q_Motor := bMotorReq AND Safe_Enable;
Q_Clutch := bClutchReq AND Q_Motor AND Safe_Enable;
Q_LampReady := eStep = E_Step.READY;
Q_LampFault := fbChain.bError OR NOT Safe_Enable;
END_PROGRAM
`,
  },
};

export const TANK: SiteFiles = {
  yaml: `id: tank-real
name: Heated tank with REAL scaling
plant: Test
description: REAL scaling, ARRAY OF STRUCT, FOR loops, hand-written restart latch
platform: codesys
sources: ["src/*.st"]
entry: Main
cycle: 10ms
safety:
  estops: [EStop_OK]
  guards: [Lid_Closed]
  hazardous_outputs: [Heater, Pump_In]
  reaction_ms: 50
  reset: Reset_PB
  pous: [Safety]
scenarios: []
`,
  files: {
    'src/ST_Zone.st': `TYPE ST_Zone :
STRUCT
    rTemp    : REAL;
    bAlarm   : BOOL;
END_STRUCT
END_TYPE
`,
    'src/GVL_IO.st': `VAR_GLOBAL
    EStop_OK    AT %IX0.0 : BOOL;
    Lid_Closed  AT %IX0.1 : BOOL;
    Reset_PB    AT %IX0.2 : BOOL;
    Start_PB    AT %IX0.3 : BOOL;
    Level_Raw   AT %IW0 : INT;
    Temp_Raw    AT %IW2 : INT;
    Heater      AT %QX0.0 : BOOL;   // hazardous
    Pump_In     AT %QX0.1 : BOOL;   // hazardous
    Lamp_Hot    AT %QX0.2 : BOOL;
    Lamp_Full   AT %QX0.3 : BOOL;
    Req_Heat    : BOOL;
    Req_Fill    : BOOL;
    Chain_OK    : BOOL;
END_VAR
`,
    'src/Safety.st': `PROGRAM Safety
VAR
    rtReset  : R_TRIG;
    rsChain  : RS;
    bHealthy : BOOL;
END_VAR
rtReset(CLK := Reset_PB);
bHealthy := EStop_OK AND Lid_Closed;
rsChain(SET := rtReset.Q AND bHealthy, RESET1 := NOT bHealthy);
Chain_OK := rsChain.Q1;
Heater := Req_Heat AND EStop_OK AND Lid_Closed AND Chain_OK;
Pump_In := Req_Fill AND EStop_OK AND Lid_Closed AND Chain_OK;
END_PROGRAM
`,
    'src/Main.st': `PROGRAM Main
VAR
    rLevel     : REAL;
    rTemp      : REAL;
    rSetpoint  : REAL := 65.0;
    aZones     : ARRAY[1..4] OF ST_Zone;
    i          : INT;
    nAlarms    : INT;
    bRunning   : BOOL;
    tonSettle  : TON;
END_VAR
rLevel := INT_TO_REAL(Level_Raw) * 100.0 / 27648.0;
rTemp := INT_TO_REAL(Temp_Raw) * 0.1;
FOR i := 1 TO 4 DO
    aZones[i].rTemp := rTemp + INT_TO_REAL(i) * 0.5;
    aZones[i].bAlarm := aZones[i].rTemp > 95.0;
END_FOR
nAlarms := 0;
FOR i := 1 TO 4 DO
    IF aZones[i].bAlarm THEN
        nAlarms := nAlarms + 1;
    END_IF
END_FOR
IF Start_PB THEN
    bRunning := TRUE;
END_IF
tonSettle(IN := bRunning, PT := T#5S);
Req_Fill := bRunning AND rLevel < 80.0;
Req_Heat := bRunning AND tonSettle.Q AND rLevel > 20.0 AND rTemp < rSetpoint AND nAlarms = 0;
Lamp_Hot := rTemp > 60.0;
Lamp_Full := rLevel >= 80.0;
Safety();
END_PROGRAM
`,
  },
};
