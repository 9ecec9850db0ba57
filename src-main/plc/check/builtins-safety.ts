/**
 * The PLCopen Safety function blocks (TC5 Safety, Part 1, v2.01) as declaration text: inputs Activate,
 * S_* safe inputs and Reset; outputs Ready, S_*Out safe outputs, Error and DiagCode. SAFEBOOL and friends
 * are aliases of the standard types, as in CODESYS Safety and TwinSAFE. Parsed once with the standard FBs and
 * checked like user FBs.
 */
export const SAFETY_FBS_ST = `
TYPE
  SAFEBOOL : BOOL; SAFEBYTE : BYTE; SAFEWORD : WORD; SAFEDWORD : DWORD; SAFEINT : INT; SAFEDINT : DINT;
  SAFEUINT : UINT; SAFEUDINT : UDINT; SAFESINT : SINT; SAFEUSINT : USINT; SAFETIME : TIME;
END_TYPE

FUNCTION_BLOCK SF_EmergencyStop
VAR_INPUT Activate : BOOL; S_EStopIn : SAFEBOOL; S_StartReset : SAFEBOOL; S_AutoReset : SAFEBOOL; Reset : BOOL; END_VAR
VAR_OUTPUT Ready : BOOL; S_EStopOut : SAFEBOOL; Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK

FUNCTION_BLOCK SF_ESPE
VAR_INPUT Activate : BOOL; S_ESPE_In : SAFEBOOL; S_StartReset : SAFEBOOL; S_AutoReset : SAFEBOOL; Reset : BOOL; END_VAR
VAR_OUTPUT Ready : BOOL; S_ESPE_Out : SAFEBOOL; Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK

FUNCTION_BLOCK SF_GuardMonitoring
VAR_INPUT Activate : BOOL; S_GuardSwitch1 : SAFEBOOL; S_GuardSwitch2 : SAFEBOOL; DiscrepancyTime : TIME;
  S_StartReset : SAFEBOOL; S_AutoReset : SAFEBOOL; Reset : BOOL; END_VAR
VAR_OUTPUT Ready : BOOL; S_GuardMonitoring : SAFEBOOL; Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK

FUNCTION_BLOCK SF_GuardLocking
VAR_INPUT Activate : BOOL; S_GuardMonitoring : SAFEBOOL; S_SafetyActive : SAFEBOOL; S_GuardLock : SAFEBOOL;
  UnlockRequest : BOOL; S_StartReset : SAFEBOOL; S_AutoReset : SAFEBOOL; Reset : BOOL; END_VAR
VAR_OUTPUT Ready : BOOL; S_GuardLocked : SAFEBOOL; S_UnlockGuard : SAFEBOOL; Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK

FUNCTION_BLOCK SF_SafetyRequest
VAR_INPUT Activate : BOOL; S_OpMode : SAFEBOOL; S_Acknowledge : SAFEBOOL; MonitoringTime : TIME; Reset : BOOL; END_VAR
VAR_OUTPUT Ready : BOOL; S_SafetyActive : SAFEBOOL; S_SafetyRequest : SAFEBOOL; Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK

FUNCTION_BLOCK SF_TwoHandControlTypeII
VAR_INPUT Activate : BOOL; S_Button1 : SAFEBOOL; S_Button2 : SAFEBOOL; END_VAR
VAR_OUTPUT Ready : BOOL; S_TwoHandOut : SAFEBOOL; Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK

FUNCTION_BLOCK SF_TwoHandControlTypeIII
VAR_INPUT Activate : BOOL; S_Button1 : SAFEBOOL; S_Button2 : SAFEBOOL; END_VAR
VAR_OUTPUT Ready : BOOL; S_TwoHandOut : SAFEBOOL; Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK

FUNCTION_BLOCK SF_Equivalent
VAR_INPUT Activate : BOOL; S_ChannelA : SAFEBOOL; S_ChannelB : SAFEBOOL; DiscrepancyTime : TIME; END_VAR
VAR_OUTPUT Ready : BOOL; S_EquivalentOut : SAFEBOOL; Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK

FUNCTION_BLOCK SF_Antivalent
VAR_INPUT Activate : BOOL; S_ChannelNC : SAFEBOOL; S_ChannelNO : SAFEBOOL; DiscrepancyTime : TIME; END_VAR
VAR_OUTPUT Ready : BOOL; S_AntivalentOut : SAFEBOOL; Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK

FUNCTION_BLOCK SF_ModeSelector
VAR_INPUT Activate : BOOL;
  S_Mode0 : SAFEBOOL; S_Mode1 : SAFEBOOL; S_Mode2 : SAFEBOOL; S_Mode3 : SAFEBOOL;
  S_Mode4 : SAFEBOOL; S_Mode5 : SAFEBOOL; S_Mode6 : SAFEBOOL; S_Mode7 : SAFEBOOL;
  S_Unlock : SAFEBOOL; S_SetMode : SAFEBOOL; AutoSetMode : BOOL; ModeMonitorTime : TIME; Reset : BOOL; END_VAR
VAR_OUTPUT Ready : BOOL;
  S_Mode0Sel : SAFEBOOL; S_Mode1Sel : SAFEBOOL; S_Mode2Sel : SAFEBOOL; S_Mode3Sel : SAFEBOOL;
  S_Mode4Sel : SAFEBOOL; S_Mode5Sel : SAFEBOOL; S_Mode6Sel : SAFEBOOL; S_Mode7Sel : SAFEBOOL;
  S_AnyModeSel : SAFEBOOL; Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK

FUNCTION_BLOCK SF_EnableSwitch
VAR_INPUT Activate : BOOL; S_SafetyActive : SAFEBOOL; S_EnableSwitchCh1 : SAFEBOOL; S_EnableSwitchCh2 : SAFEBOOL;
  S_AutoReset : SAFEBOOL; Reset : BOOL; END_VAR
VAR_OUTPUT Ready : BOOL; S_EnableSwitchOut : SAFEBOOL; Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK

FUNCTION_BLOCK SF_EDM
VAR_INPUT Activate : BOOL; S_OutControl : SAFEBOOL; S_EDM1 : SAFEBOOL; S_EDM2 : SAFEBOOL; MonitoringTime : TIME;
  S_StartReset : SAFEBOOL; Reset : BOOL; END_VAR
VAR_OUTPUT Ready : BOOL; S_EDM_Out : SAFEBOOL; Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK

FUNCTION_BLOCK SF_OutControl
VAR_INPUT Activate : BOOL; S_SafeControl : SAFEBOOL; ProcessControl : BOOL; StaticControl : BOOL;
  S_StartReset : SAFEBOOL; S_AutoReset : SAFEBOOL; Reset : BOOL; END_VAR
VAR_OUTPUT Ready : BOOL; S_OutControl : SAFEBOOL; Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK

FUNCTION_BLOCK SF_MutingSeq
VAR_INPUT Activate : BOOL; S_AOPD_In : SAFEBOOL; MutingSwitch11 : BOOL; MutingSwitch12 : BOOL;
  MutingSwitch21 : BOOL; MutingSwitch22 : BOOL; S_MutingLamp : SAFEBOOL; DiscTimeEntry : TIME;
  MaxMutingTime : TIME; MutingEnable : BOOL; S_StartReset : SAFEBOOL; Reset : BOOL; END_VAR
VAR_OUTPUT Ready : BOOL; S_AOPD_Out : SAFEBOOL; S_MutingActive : SAFEBOOL; Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK

FUNCTION_BLOCK SF_SafelyLimitSpeed
VAR_INPUT Activate : BOOL; S_OpMode : SAFEBOOL; S_Enabled : SAFEBOOL; AxisID : INT; MonitoredSpeed : INT; Reset : BOOL; END_VAR
VAR_OUTPUT Ready : BOOL; S_SafetyActive : SAFEBOOL; Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK

FUNCTION_BLOCK SF_TestableSafetySensor
VAR_INPUT Activate : BOOL; S_OSSD_In : SAFEBOOL; StartTest : BOOL; TestTime : TIME; NoExternalTest : BOOL;
  S_StartReset : SAFEBOOL; S_AutoReset : SAFEBOOL; Reset : BOOL; END_VAR
VAR_OUTPUT Ready : BOOL; S_OSSD_Out : SAFEBOOL; S_TestOut : SAFEBOOL; TestPossible : BOOL; TestExecuted : BOOL;
  Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK
`;
