/** SF_SafetyRequest as the checker parses it (pin names, types and order as PLCopen TC5 Safety Part 1 v2.01 lists them). */
export const DECLARATION = `FUNCTION_BLOCK SF_SafetyRequest
VAR_INPUT Activate : BOOL; S_OpMode : SAFEBOOL; S_Acknowledge : SAFEBOOL; MonitoringTime : TIME; Reset : BOOL; END_VAR
VAR_OUTPUT Ready : BOOL; S_SafetyActive : SAFEBOOL; S_SafetyRequest : SAFEBOOL; Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK
`;
