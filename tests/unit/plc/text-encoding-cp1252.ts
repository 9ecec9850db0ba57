/** The 256 characters of windows-1252 in byte order (WHATWG: 0x81 0x8D 0x8F 0x90 0x9D are their C1 controls). */
export const CP1252 =
  String.fromCharCode(...Array.from({ length: 0x80 }, (_, i) => i)) +
  '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ' +
  String.fromCharCode(...Array.from({ length: 0x60 }, (_, i) => 0xa0 + i));
