// opening_hours.js, the OpenStreetMap reference evaluator, on every value × moment of a
// corpus: the test oracle of places/hours.py (tests/core/test_hours_oracle.py).
// Run with TZ=Europe/Amsterdam: opening_hours.js reads the wall clock of JavaScript's Date.
// Prints one JSON array per pair: [value, moment, state, next change, comment].
"use strict";
const fs = require("fs");
const OpeningHours = require("opening_hours");

const corpus = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const lookaheadDays = corpus.lookahead_days;
// Amsterdam, so that the Dutch public holidays apply.
const nominatim = { lat: 52.37, lon: 4.9, address: { country_code: "nl", state: "Noord-Holland" } };

function local(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

for (const value of corpus.values) {
  let hours;
  try {
    hours = new OpeningHours(value, nominatim, { mode: 0 });
  } catch (error) {
    for (const moment of corpus.moments) console.log(JSON.stringify([value, moment, "invalid", null, null]));
    continue;
  }
  for (const moment of corpus.moments) {
    const at = new Date(moment);  // 'YYYY-MM-DDTHH:MM' is local time
    const state = hours.getUnknown(at) ? "unknown" : hours.getState(at) ? "open" : "closed";
    const until = new Date(at.getTime() + lookaheadDays * 86400000);
    const next = hours.getNextChange(at, until);
    const comment = hours.getComment(at);
    console.log(JSON.stringify([value, moment, state, next ? local(next) : null, comment || ""]));
  }
}
