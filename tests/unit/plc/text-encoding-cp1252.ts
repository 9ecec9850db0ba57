/** The 256 characters of windows-1252 in byte order (WHATWG: 0x81 0x8D 0x8F 0x90 0x9D are their C1 controls). */
export const CP1252 =
  String.fromCharCode(...Array.from({ length: 0x80 }, (_, i) => i)) +
  '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ' +
  String.fromCharCode(...Array.from({ length: 0x60 }, (_, i) => 0xa0 + i));

/** The 256 characters of windows-1250 in byte order (WHATWG: 0x81 0x83 0x88 0x90 0x98 are their C1 controls). */
export const CP1250 =
  String.fromCharCode(...Array.from({ length: 0x80 }, (_, i) => i)) +
  '€\u0081‚\u0083„…†‡\u0088‰Š‹ŚŤŽŹ\u0090‘’“”•–—\u0098™š›śťžź\u00A0ˇ˘Ł¤Ą¦§¨©Ş«¬\u00AD®Ż°±˛ł´µ¶·¸ąş»Ľ˝ľżŔÁÂĂÄĹĆÇČÉĘËĚÍÎĎĐŃŇÓÔŐÖ×ŘŮÚŰÜÝŢßŕáâăäĺćçčéęëěíîďđńňóôőö÷řůúűüýţ˙';
