// The PLCopen safety blocks now live in safety-blocks/ (one folder per block); the soft-PLC re-exports their models.
export {
  SAFETY_FBS, defineSafetyFb, isErrorCode, IDLE, type SafetyFbType, type FbInstance,
  SF_Antivalent, SF_EDM, SF_EmergencyStop, SF_EnableSwitch, SF_Equivalent, SF_ESPE, SF_GuardLocking, SF_GuardMonitoring,
  SF_ModeSelector, SF_MutingSeq, SF_OutControl, SF_SafelyLimitSpeed, SF_SafetyRequest, SF_TestableSafetySensor,
  SF_TwoHandControlTypeII, SF_TwoHandControlTypeIII, TWO_HAND_SYNC_MS,
} from '../../safety-blocks/index.js';
