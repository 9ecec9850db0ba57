/**
 * The SMT model of SF_OutControl: the transitions of sim-model.ts over the abstract algebra, written
 * independently of it (the differential test in tests/unit/formal compares both). ProcessControl's rising edge is
 * tracked like Reset's (`_PREV_PROCESSCONTROL`); a rising Reset and a rising ProcessControl in the same call in
 * 8401 / 8404 are the programming errors C020 / C030 and consume no Reset edge.
 */
import { SMT_BOOL, SMT_PRIVATE, SMT_WORD, byState, type SmtCall, type SmtModel, type Transition } from '../core/smt-machine.js';

export const SMT_MODEL: SmtModel = {
  pins: {
    ACTIVATE: SMT_BOOL, S_SAFECONTROL: SMT_BOOL, PROCESSCONTROL: SMT_BOOL, STATICCONTROL: SMT_BOOL, S_STARTRESET: SMT_BOOL,
    S_AUTORESET: SMT_BOOL, RESET: SMT_BOOL, READY: SMT_BOOL, S_OUTCONTROL: SMT_BOOL, ERROR: SMT_BOOL, DIAGCODE: SMT_WORD,
    ...SMT_PRIVATE, _PREV_PROCESSCONTROL: SMT_BOOL,
  },
  output: 'S_OUTCONTROL',
  init: 0x8401,
  edges: ['PROCESSCONTROL'],
  next<B, V>(c: SmtCall<B, V>): Transition<B, V> {
    const { a, code } = c;
    const safe = c.b('S_SAFECONTROL');
    const pc = c.b('PROCESSCONTROL');
    const both = a.and(c.rise, c.riseOf('PROCESSCONTROL'));
    const no = a.bool(false);
    const go = (to: V, consumed: B = no): Transition<B, V> => ({ to, consumed });
    /** Unless the demand is active: `v`. */
    const unlessDemand = (v: V): V => a.ite(safe, v, code(0x8802));
    const start = c.b('S_STARTRESET');
    const startTo = a.ite(safe, code(0x8006), code(0x8802));
    const held = (self: number, back: number): Transition<B, V> => go(a.ite(c.b('RESET'), code(self), code(back)));
    return byState(
      c,
      [
        [
          0x8401,
          go(
            a.ite(both, code(0xc020), a.ite(a.or(start, c.rise), startTo, a.ite(c.resetHeld, code(0xc001), code(0x8401)))),
            a.and(a.not(both), a.not(start), c.rise),
          ),
        ],
        [0x8802, go(unlessDemand(a.ite(c.b('S_AUTORESET'), code(0x8006), code(0x8404))))],
        [
          0x8404,
          go(
            unlessDemand(a.ite(both, code(0xc030), a.ite(c.rise, code(0x8006), a.ite(c.resetHeld, code(0xc011), code(0x8404))))),
            a.and(safe, a.not(both), c.rise),
          ),
        ],
        [
          0x8006,
          go(unlessDemand(a.ite(a.not(pc), code(0x8006), a.ite(a.or(c.b('STATICCONTROL'), c.riseOf('PROCESSCONTROL')), code(0x8000), code(0xc010))))),
        ],
        [0x8000, go(unlessDemand(a.ite(pc, code(0x8000), code(0x8006))))],
        [0xc001, held(0xc001, 0x8401)],
        [0xc011, held(0xc011, 0x8404)],
      ],
      // C010, C020, C030: a rising Reset once ProcessControl is FALSE.
      go(a.ite(a.and(a.not(pc), c.rise), code(0x8006), c.state), a.and(a.not(pc), c.rise)),
    );
  },
};
