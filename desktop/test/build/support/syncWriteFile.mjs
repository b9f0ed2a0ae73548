// Preloaded into the electronegativity CLI (node --import). Its CSV report is written by two concurrent fs.writeFile
// calls, the header (which truncates) and the rows (append); whichever lands last wins, so the report came out
// truncated or interleaved now and then, and the findings test failed at random. Done synchronously, in order.
import fs from 'node:fs';

fs.writeFile = (file, data, options, callback) => {
  const done = typeof options === 'function' ? options : callback;
  const flag = typeof options === 'object' && options !== null ? options.flag : undefined;
  let error = null;
  try {
    fs.writeFileSync(file, data, flag ? { flag } : undefined);
  } catch (caught) {
    error = caught;
  }
  process.nextTick(() => done?.(error));
};
