/** SF_EnableSwitch as the checker parses it (pin names, types and order as PLCopen TC5 Safety Part 1 v2.01 lists them). */
export const DECLARATION = `FUNCTION_BLOCK SF_EnableSwitch
VAR_INPUT Activate : BOOL; S_SafetyActive : SAFEBOOL; S_EnableSwitchCh1 : SAFEBOOL; S_EnableSwitchCh2 : SAFEBOOL;
  S_AutoReset : SAFEBOOL; Reset : BOOL; END_VAR
VAR_OUTPUT Ready : BOOL; S_EnableSwitchOut : SAFEBOOL; Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK
`;
