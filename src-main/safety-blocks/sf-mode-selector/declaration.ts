/** SF_ModeSelector as the checker parses it (pin names, types and order as PLCopen TC5 Safety Part 1 v2.01 lists them). */
export const DECLARATION = `FUNCTION_BLOCK SF_ModeSelector
VAR_INPUT Activate : BOOL;
  S_Mode0 : SAFEBOOL; S_Mode1 : SAFEBOOL; S_Mode2 : SAFEBOOL; S_Mode3 : SAFEBOOL;
  S_Mode4 : SAFEBOOL; S_Mode5 : SAFEBOOL; S_Mode6 : SAFEBOOL; S_Mode7 : SAFEBOOL;
  S_Unlock : SAFEBOOL; S_SetMode : SAFEBOOL; AutoSetMode : BOOL; ModeMonitorTime : TIME; Reset : BOOL; END_VAR
VAR_OUTPUT Ready : BOOL;
  S_Mode0Sel : SAFEBOOL; S_Mode1Sel : SAFEBOOL; S_Mode2Sel : SAFEBOOL; S_Mode3Sel : SAFEBOOL;
  S_Mode4Sel : SAFEBOOL; S_Mode5Sel : SAFEBOOL; S_Mode6Sel : SAFEBOOL; S_Mode7Sel : SAFEBOOL;
  S_AnyModeSel : SAFEBOOL; Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK
`;
