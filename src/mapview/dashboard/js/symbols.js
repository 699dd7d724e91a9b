// Status symbols: one small SVG per (status, colour, contested), drawn by markers and by
// the legend alike, so the two can never disagree. Status is told by shape and fill, not
// by colour (colour is the category): a filled disc, a half-filled disc, a ring, a dashed
// ring, a struck-through ring, a dotted ring with a dot. They stay apart at 18 px and in
// greyscale. An event whose accounts disagree gets a second, dark outer ring.
(function () {
"use strict";

var SIZE = 22;  // px, the outer ring included; the symbol itself is 16 px across

function shape(status, c) {
  var ring = function (width, dash) {
    return '<circle r="6.2" fill="#fff" stroke="' + c + '" stroke-width="' + width + '"'
      + (dash ? ' stroke-dasharray="' + dash + '"' : "") + "/>";
  };
  switch (status) {
    case "confirmed": return '<circle r="7.2" fill="' + c + '"/>';
    case "reported": return ring(1.6) + '<path d="M-7,0A7,7 0 0,0 7,0Z" fill="' + c + '"/>';
    case "claimed": return ring(2.8);
    case "unverified": return ring(2.8, "3.2 2.3");
    case "denied": return ring(2.2) + '<path d="M-4.4,4.4L4.4,-4.4" stroke="' + c
      + '" stroke-width="2.2"/>';
    default: return ring(1.4, "1.2 1.9") + '<circle r="2.2" fill="' + c + '"/>';  // unreviewed
  }
}

var cache = {};
// The symbol's markup. `colour` comes from mapview's own category table, never from data.
window.mapviewSymbol = function (status, colour, contested) {
  var key = status + colour + (contested ? "!" : "");
  if (!cache[key]) {
    cache[key] = '<svg xmlns="http://www.w3.org/2000/svg" width="' + SIZE + '" height="' + SIZE
      + '" viewBox="-11 -11 22 22" aria-hidden="true" focusable="false">'
      + '<circle r="8.2" fill="#fff" fill-opacity=".9"/>'  // a halo: readable on any land
      + shape(status, colour)
      + (contested ? '<circle r="9.6" fill="none" stroke="#111" stroke-width="1.6"/>' : "")
      + "</svg>";
  }
  return cache[key];
};
window.mapviewSymbolSize = SIZE;
})();
