/** SF_SafelyLimitSpeed as the checker parses it (pin names, types and order as PLCopen TC5 Safety Part 1 v2.01 lists them). */
export const DECLARATION = `FUNCTION_BLOCK SF_SafelyLimitSpeed
VAR_INPUT Activate : BOOL; S_OpMode : SAFEBOOL; S_Enabled : SAFEBOOL; AxisID : INT; MonitoredSpeed : INT; Reset : BOOL; END_VAR
VAR_OUTPUT Ready : BOOL; S_SafetyActive : SAFEBOOL; Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK
`;
