/** SF_GuardMonitoring as the checker parses it (pin names, types and order as PLCopen TC5 Safety Part 1 v2.01 lists them). */
export const DECLARATION = `FUNCTION_BLOCK SF_GuardMonitoring
VAR_INPUT Activate : BOOL; S_GuardSwitch1 : SAFEBOOL; S_GuardSwitch2 : SAFEBOOL; DiscrepancyTime : TIME;
  S_StartReset : SAFEBOOL; S_AutoReset : SAFEBOOL; Reset : BOOL; END_VAR
VAR_OUTPUT Ready : BOOL; S_GuardMonitoring : SAFEBOOL; Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK
`;
