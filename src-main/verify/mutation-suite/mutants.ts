/**
 * The mutation suite: unsafe changes to the example sites that verification must catch (grouped by the
 * static rule written for them), and benign refactorings it must let through. Shared by the tests and
 * `npm run bench`, which reports catch and false-positive rates of the whole pipeline over it.
 */

/** A small text edit of one source file: `from` must occur (the first occurrence is replaced unless `all`). */
export interface Edit {
  file: string;
  from: string;
  to: string;
  all?: boolean;
}

export const SITES = ['conveyor-line-1', 'mixing-tank-3', 'packaging-cell-4', 'press-line-2'] as const;
export type Site = (typeof SITES)[number];

/** Applies edits to in-memory files; an edit that does not apply is an error, so a stale mutant cannot pass. */
export function applyEdits(files: ReadonlyMap<string, string>, edits: readonly Edit[]): Map<string, string> {
  const out = new Map(files);
  for (const e of edits) {
    const text = out.get(e.file) ?? '';
    if (e.from === '') {
      out.set(e.file, text + e.to);
      continue;
    }
    if (!text.includes(e.from)) throw new Error(`mutant edit does not apply: ${e.file} has no ${JSON.stringify(e.from)}`);
    out.set(e.file, e.all ? text.split(e.from).join(e.to) : text.replace(e.from, e.to));
  }
  return out;
}

/** PLCopen SF blocks added to packaging-cell-4: the base the SF_* mutants start from. */
export const SF_BASE: Edit[] = [
  { file: 'src/Safety_Logic.st', from: '    bChainOK    : BOOL;', to: '    bChainOK    : BOOL;\n    fbEStop     : SF_EmergencyStop;\n    fbDoor      : SF_GuardMonitoring;' },
  {
    file: 'src/Safety_Logic.st',
    from: 'fbResetEdge(CLK := Reset_PB);',
    to:
      'fbResetEdge(CLK := Reset_PB);\n' +
      'fbEStop(Activate := TRUE, S_EStopIn := EStop_Panel_OK, S_StartReset := FALSE, S_AutoReset := FALSE, Reset := Reset_PB);\n' +
      'fbDoor(Activate := TRUE, S_GuardSwitch1 := Door_Closed, S_GuardSwitch2 := Door_Closed, DiscrepancyTime := T#20MS,\n' +
      '       S_StartReset := FALSE, S_AutoReset := FALSE, Reset := Reset_PB);',
  },
  { file: 'src/Safety_Logic.st', from: 'Infeed_Run    := Req_Infeed', to: 'Infeed_Run    := Req_Infeed AND fbEStop.S_EStopOut AND fbDoor.S_GuardMonitoring' },
];

/**
 * conveyor-line-1's hand-written restart latch migrated to one SF_EmergencyStop per e-stop with manual reset:
 * S_StartReset and S_AutoReset FALSE, Reset pulsed on the release of RESET once a press has armed it with the
 * chain healthy (the blocks reset on a rising Reset). The migration the safety_interlock_update recipe makes.
 */
export const SF_MIGRATION: Edit[] = [
  {
    file: 'src/Safety_Logic.st',
    from: '    fbResetEdge : R_TRIG;           // rising edge of Reset_PB\n    rsSafetyOK  : RS;               // reset-dominant latch: chain fault wins over reset\n',
    to:
      '    fbResetEdge : R_TRIG;           // rising edge of Reset_PB\n    fbResetRelease : F_TRIG;\n    rsResetArmed : RS;\n' +
      '    fbEStop_PullCord_OK : SF_EmergencyStop;\n    fbEStop_Panel_OK : SF_EmergencyStop;\n',
  },
  {
    file: 'src/Safety_Logic.st',
    from: 'rsSafetyOK(SET := fbResetEdge.Q AND bChainOK, RESET1 := NOT bChainOK);\nSafety_OK := rsSafetyOK.Q1;',
    to:
      'fbResetRelease(CLK := Reset_PB);\nrsResetArmed(SET := fbResetEdge.Q, RESET1 := NOT bChainOK);\n' +
      'fbEStop_PullCord_OK(Activate := TRUE, S_EStopIn := EStop_PullCord_OK, S_StartReset := FALSE, S_AutoReset := FALSE, Reset := fbResetRelease.Q AND rsResetArmed.Q1);\n' +
      'fbEStop_Panel_OK(Activate := TRUE, S_EStopIn := EStop_Panel_OK, S_StartReset := FALSE, S_AutoReset := FALSE, Reset := fbResetRelease.Q AND rsResetArmed.Q1);\n' +
      'Safety_OK := fbEStop_PullCord_OK.S_EStopOut AND fbEStop_Panel_OK.S_EStopOut;',
  },
];

const PANEL_BLOCK =
  'fbEStop_Panel_OK(Activate := TRUE, S_EStopIn := EStop_Panel_OK, S_StartReset := FALSE, S_AutoReset := FALSE, Reset := fbResetRelease.Q AND rsResetArmed.Q1);';

/** One argument of the panel block of SF_MIGRATION changed. */
const panelArg = (from: string, to: string): Edit[] => [{ file: 'src/Safety_Logic.st', from: PANEL_BLOCK, to: PANEL_BLOCK.replace(from, to) }];

export interface Mutant {
  name: string;
  site: Site;
  edits: Edit[];
  base?: Edit[];
}

const SL = 'src/Safety_Logic.st';
const MAIN = 'src/Main.st';

/** Changes that must make the rule fire (as an error; SAF009 as a warning). */
export const MUTANTS: Record<string, Mutant[]> = {
  SAF001: [
    { name: 'jog path straight to a motor', site: 'conveyor-line-1', edits: [{ file: SL, from: 'END_PROGRAM', to: 'IF Start_PB THEN\n    Motor_Sec1 := TRUE;\nEND_IF;\nEND_PROGRAM' }] },
    { name: 'heater written from Main without the chain', site: 'mixing-tank-3', edits: [{ file: MAIN, from: 'Safety_Logic();', to: 'Safety_Logic();\nHeater_On := Req_Heater;' }] },
    { name: 'pump latched on with S=', site: 'press-line-2', edits: [{ file: SL, from: 'END_PROGRAM', to: 'Pump_Run S= Pump_Start_PB;\nEND_PROGRAM' }] },
    { name: 'output held when not written (IF without ELSE)', site: 'packaging-cell-4', edits: [{ file: SL, from: 'Sealer_Heater := Req_Sealer_Heat AND Sealer_TSHH_OK', to: 'IF Req_Sealer_Heat THEN Sealer_Heater := TRUE; END_IF;\nbChainOK := Req_Sealer_Heat AND Sealer_TSHH_OK' }] },
  ],
  SAF002: [
    { name: 'e-stop term dropped', site: 'conveyor-line-1', edits: [{ file: SL, from: 'Motor_Sec2 := Req_Sec2 AND EStop_PullCord_OK AND EStop_Panel_OK AND Safety_OK;', to: 'Motor_Sec2 := Req_Sec2 AND EStop_PullCord_OK AND Safety_OK;' }] },
    {
      name: 'lid ORed with a constant override',
      site: 'mixing-tank-3',
      edits: [
        { file: SL, from: '    bOverTemp    : BOOL;', to: '    bOverTemp    : BOOL;\n    bLidOverride : BOOL := TRUE;' },
        { file: SL, from: 'AND EStop_OK AND Lid_Closed AND Safety_OK;', to: 'AND EStop_OK AND (Lid_Closed OR bLidOverride) AND Safety_OK;' },
      ],
    },
    {
      name: 'e-stop read through a latched copy',
      site: 'packaging-cell-4',
      edits: [
        { file: SL, from: '    bChainOK    : BOOL;', to: '    bChainOK    : BOOL;\n    bRobotSeen  : BOOL;' },
        { file: SL, from: 'Alm_EStop :=', to: 'IF EStop_Robot_OK THEN\n    bRobotSeen := TRUE;\nEND_IF;\nAlm_EStop :=' },
        { file: SL, from: 'AND EStop_Panel_OK AND EStop_Robot_OK AND LC_Clear AND Door_Closed AND Safety_OK;', to: 'AND EStop_Panel_OK AND bRobotSeen AND LC_Clear AND Door_Closed AND Safety_OK;' },
      ],
    },
    {
      name: 'guard replaced by a never-written variable initialised TRUE',
      site: 'press-line-2',
      edits: [
        { file: SL, from: '    bChainOK    : BOOL;', to: '    bChainOK    : BOOL;\n    bGuardOK    : BOOL := TRUE;' },
        { file: SL, from: 'Pump_Run   := Req_Pump AND EStop_OK AND Guard_Closed AND Safety_OK;', to: 'Pump_Run   := Req_Pump AND EStop_OK AND bGuardOK AND Safety_OK;' },
      ],
    },
    {
      name: 'guard ORed with a variable written only TRUE',
      site: 'press-line-2',
      edits: [
        { file: SL, from: '    bChainOK    : BOOL;', to: '    bChainOK    : BOOL;\n    bDoorOK     : BOOL;' },
        { file: SL, from: 'Alm_EStop := NOT EStop_OK;', to: 'bDoorOK := TRUE;\nAlm_EStop := NOT EStop_OK;' },
        { file: SL, from: 'Pump_Run   := Req_Pump AND EStop_OK AND Guard_Closed AND Safety_OK;', to: 'Pump_Run   := Req_Pump AND EStop_OK AND (Guard_Closed OR bDoorOK) AND Safety_OK;' },
      ],
    },
  ],
  SAF003: [
    { name: 'e-stop forced TRUE in Main', site: 'press-line-2', edits: [{ file: MAIN, from: 'fbPumpStart(CLK := Pump_Start_PB);', to: 'EStop_OK := TRUE;\nfbPumpStart(CLK := Pump_Start_PB);' }] },
    { name: 'guard forced TRUE inside the safety POU', site: 'press-line-2', edits: [{ file: SL, from: 'bChainOK := EStop_OK AND Guard_Closed;', to: 'Guard_Closed := TRUE;\nbChainOK := EStop_OK AND Guard_Closed;' }] },
    {
      name: 'pull-cord copy ORed with a maintenance bit',
      site: 'conveyor-line-1',
      edits: [
        { file: SL, from: '    bChainOK    : BOOL;', to: '    bChainOK    : BOOL;\n    bMaint      : BOOL;' },
        { file: SL, from: 'bChainOK := EStop_PullCord_OK AND EStop_Panel_OK;', to: 'bChainOK := (EStop_PullCord_OK OR bMaint) AND EStop_Panel_OK;' },
      ],
    },
    {
      name: 'light-curtain copy forced TRUE',
      site: 'packaging-cell-4',
      edits: [
        { file: MAIN, from: '    bStopCmd    : BOOL;', to: '    bStopCmd    : BOOL;\n    bLC         : BOOL;' },
        { file: MAIN, from: 'bStopCmd := (NOT Stop_PB_NC)', to: 'bLC := LC_Clear;\nbLC := TRUE;\nLamp_Ready := bLC;\nbStopCmd := (NOT Stop_PB_NC)' },
      ],
    },
    { name: 'constant wired to S_EStopIn', site: 'packaging-cell-4', base: SF_BASE, edits: [{ file: SL, from: 'S_EStopIn := EStop_Panel_OK', to: 'S_EStopIn := TRUE' }] },
    { name: 'migrated SF_EmergencyStop bypassed with S_EStopIn TRUE', site: 'conveyor-line-1', base: SF_MIGRATION, edits: panelArg('S_EStopIn := EStop_Panel_OK', 'S_EStopIn := TRUE') },
  ],
  SAF004: [
    { name: 'latch set by the level of reset, not its edge', site: 'conveyor-line-1', edits: [{ file: SL, from: 'rsSafetyOK(SET := fbResetEdge.Q AND bChainOK', to: 'rsSafetyOK(SET := Reset_PB AND bChainOK' }] },
    { name: 'latch bypassed: Safety_OK follows the chain', site: 'mixing-tank-3', edits: [{ file: SL, from: 'Safety_OK := rsSafetyOK.Q1;', to: 'Safety_OK := bChainOK;' }] },
    { name: 'latch sets itself when the chain is healthy', site: 'press-line-2', edits: [{ file: SL, from: 'rsSafetyOK(SET := fbResetEdge.Q AND bChainOK', to: 'rsSafetyOK(SET := bChainOK' }] },
    { name: 'S_AutoReset switched on', site: 'packaging-cell-4', base: SF_BASE, edits: [{ file: SL, from: 'S_StartReset := FALSE, S_AutoReset := FALSE, Reset := Reset_PB);\nfbDoor', to: 'S_StartReset := FALSE, S_AutoReset := TRUE, Reset := Reset_PB);\nfbDoor' }] },
    { name: 'migrated SF_EmergencyStop with S_AutoReset TRUE', site: 'conveyor-line-1', base: SF_MIGRATION, edits: panelArg('S_AutoReset := FALSE', 'S_AutoReset := TRUE') },
    { name: 'migrated SF_EmergencyStop reset wired TRUE', site: 'conveyor-line-1', base: SF_MIGRATION, edits: panelArg('Reset := fbResetRelease.Q AND rsResetArmed.Q1', 'Reset := TRUE') },
    { name: 'restart latch replaced by an SF_EmergencyStop that restarts on its own', site: 'conveyor-line-1', edits: [...SF_MIGRATION, ...panelArg('S_AutoReset := FALSE', 'S_AutoReset := TRUE')] },
  ],
  SAF005: [
    { name: 'safety POU called only while the pump runs', site: 'press-line-2', edits: [{ file: MAIN, from: 'Safety_Logic();', to: 'IF Pump_Run THEN\n    Safety_Logic();\nEND_IF;' }] },
    { name: 'safety POU call removed', site: 'conveyor-line-1', edits: [{ file: MAIN, from: 'Safety_Logic();', to: '' }] },
    { name: 'RETURN before the safety POU call', site: 'packaging-cell-4', edits: [{ file: MAIN, from: 'Safety_Logic();', to: 'IF Case_Full THEN\n    RETURN;\nEND_IF;\nSafety_Logic();' }] },
    { name: 'SF_EmergencyStop deactivated', site: 'packaging-cell-4', base: SF_BASE, edits: [{ file: SL, from: 'fbEStop(Activate := TRUE', to: 'fbEStop(Activate := FALSE' }] },
    { name: 'two-hand FB called conditionally', site: 'press-line-2', edits: [{ file: SL, from: 'fbTwoHand(ButtonLeft := TwoHand_L, ButtonRight := TwoHand_R, SyncTime := T#500MS);', to: 'IF Req_Down THEN\n    fbTwoHand(ButtonLeft := TwoHand_L, ButtonRight := TwoHand_R, SyncTime := T#500MS);\nEND_IF;' }] },
  ],
  SAF006: [
    { name: 'discrepancy time T#20ms -> T#2s', site: 'packaging-cell-4', base: SF_BASE, edits: [{ file: SL, from: 'DiscrepancyTime := T#20MS', to: 'DiscrepancyTime := T#2S' }] },
    { name: 'photo-eye off-delay on the infeed path lengthened', site: 'packaging-cell-4', edits: [{ file: MAIN, from: 'tofPE(IN := PE_Infeed, PT := T#50MS);', to: 'tofPE(IN := PE_Infeed, PT := T#2S);' }] },
    { name: 'two-hand synchronisation time lengthened', site: 'press-line-2', edits: [{ file: SL, from: 'SyncTime := T#500MS);', to: 'SyncTime := T#5S);' }] },
    { name: 'pump-ready delay lengthened', site: 'press-line-2', edits: [{ file: MAIN, from: 'tonPumpReady(IN := Pump_Run, PT := T#1S);', to: 'tonPumpReady(IN := Pump_Run, PT := T#3S);' }] },
  ],
  SAF007: [
    { name: 'second writer in Main', site: 'press-line-2', edits: [{ file: MAIN, from: 'Req_Up := (iState = 20);', to: 'Req_Up := (iState = 20);\nPress_Up := FALSE;' }] },
    { name: 'second gated write in the safety POU', site: 'conveyor-line-1', edits: [{ file: SL, from: 'END_PROGRAM', to: 'IF NOT EStop_Panel_OK THEN\n    Motor_Sec3 := FALSE;\nEND_IF;\nEND_PROGRAM' }] },
  ],
  SAF008: [
    { name: 'RETURN before the safety POU call', site: 'packaging-cell-4', edits: [{ file: MAIN, from: 'Safety_Logic();', to: 'IF Case_Full THEN\n    RETURN;\nEND_IF;\nSafety_Logic();' }] },
    { name: 'RETURN before the hazardous writes', site: 'mixing-tank-3', edits: [{ file: SL, from: 'Alm_EStop := NOT EStop_OK;', to: 'IF NOT Stop_PB_NC THEN\n    RETURN;\nEND_IF;\nAlm_EStop := NOT EStop_OK;' }] },
    { name: 'JMP over the motor gating', site: 'conveyor-line-1', edits: [{ file: SL, from: 'Alm_EStop := NOT bChainOK;', to: 'IF Start_PB THEN\n    JMP lblEnd;\nEND_IF;\nAlm_EStop := NOT bChainOK;' }, { file: SL, from: 'END_PROGRAM', to: 'lblEnd:\n;\nEND_PROGRAM' }] },
  ],
  SAF009: [
    { name: 'alarm logic edited in the safety POU', site: 'conveyor-line-1', edits: [{ file: SL, from: 'Alm_EStop := NOT bChainOK;', to: 'Alm_EStop := NOT bChainOK OR NOT Safety_OK;' }] },
    { name: 'e-stop declaration changed', site: 'press-line-2', edits: [{ file: 'src/GVL_IO.st', from: '    EStop_OK         : BOOL;', to: '    EStop_OK         : BOOL := FALSE;' }] },
    { name: 'statements reordered in the safety POU', site: 'packaging-cell-4', edits: [{ file: SL, from: 'Alm_LightCurtain := NOT LC_Clear;\nAlm_DoorOpen := NOT Door_Closed;', to: 'Alm_DoorOpen := NOT Door_Closed;\nAlm_LightCurtain := NOT LC_Clear;' }] },
  ],
};

/** Changes that must leave every rule quiet (apart from SAF009 where `safetyEdit`). */
export const BENIGN: (Mutant & { safetyEdit: boolean })[] = [
  { name: 'rename a non-safety local', site: 'conveyor-line-1', safetyEdit: false, edits: [{ file: MAIN, from: 'bRunning', to: 'bLineRunning', all: true }] },
  { name: 'rename a non-safety local (iState)', site: 'press-line-2', safetyEdit: false, edits: [{ file: MAIN, from: 'iState', to: 'nStep', all: true }] },
  { name: 'comments and layout in the safety POU', site: 'mixing-tank-3', safetyEdit: false, edits: [{ file: SL, from: 'bChainOK := EStop_OK AND Lid_Closed;', to: '(* chain: e-stop and lid *)\nbChainOK   :=   EStop_OK\n      AND Lid_Closed;   // both healthy' }, { file: SL, from: '(* ---- Hazardous outputs', to: '(* reviewed 2024 *)\n(* ---- Hazardous outputs' }] },
  { name: 'reformatting Main', site: 'packaging-cell-4', safetyEdit: false, edits: [{ file: MAIN, from: '    ', to: '  ', all: true }] },
  { name: 'reorder independent statements in Main', site: 'conveyor-line-1', safetyEdit: false, edits: [{ file: MAIN, from: 'Alm_Jam_Sec1 := fbSec1.Jam;\nAlm_Jam_Sec2 := fbSec2.Jam;', to: 'Alm_Jam_Sec2 := fbSec2.Jam;\nAlm_Jam_Sec1 := fbSec1.Jam;' }] },
  { name: 'reorder independent statements in the safety POU', site: 'packaging-cell-4', safetyEdit: true, edits: [{ file: SL, from: 'Alm_LightCurtain := NOT LC_Clear;\nAlm_DoorOpen := NOT Door_Closed;', to: 'Alm_DoorOpen := NOT Door_Closed;\nAlm_LightCurtain := NOT LC_Clear;' }] },
  { name: 'change a lamp', site: 'mixing-tank-3', safetyEdit: false, edits: [{ file: MAIN, from: 'Lamp_Running := (iState <> 0);', to: 'Lamp_Running := (iState <> 0) AND NOT Heater_Trip;' }] },
  { name: 'change the outlet valve (non-hazardous)', site: 'mixing-tank-3', safetyEdit: false, edits: [{ file: MAIN, from: 'Valve_Outlet := (iState = 40);', to: 'Valve_Outlet := (iState = 40) AND LSLL_OK;' }] },
  {
    name: 'extract a helper function for the fault lamp',
    site: 'conveyor-line-1',
    safetyEdit: false,
    edits: [
      { file: 'src/F_LampFault.st', from: '', to: 'FUNCTION F_LampFault : BOOL\nVAR_INPUT\n    Fault : BOOL;\n    SafetyOk : BOOL;\nEND_VAR\nF_LampFault := Fault OR NOT SafetyOk;\nEND_FUNCTION\n' },
      { file: MAIN, from: 'Lamp_Fault := bAnyFault OR (NOT Safety_OK);', to: 'Lamp_Fault := F_LampFault(bAnyFault, Safety_OK);' },
    ],
  },
  { name: 'shorten a reaction delay', site: 'packaging-cell-4', safetyEdit: false, edits: [{ file: MAIN, from: 'PT := T#50MS', to: 'PT := T#30MS' }] },
  { name: 'restart latch migrated to SF_EmergencyStop with manual reset', site: 'conveyor-line-1', safetyEdit: true, edits: SF_MIGRATION },
];
