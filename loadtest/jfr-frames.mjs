// Reads `jfr print --json --events jdk.ExecutionSample` on standard input and prints the frames
// that hold most samples: inclusive (a frame and everything it called; a frame counts once per
// sample however deep it recurs) and by self time (the top frame). A pattern, when given, keeps
// only the inclusive frames it matches (e.g. 'dev\.velocity|springframework|awssdk|lettuce').
//   jfr print --json --events jdk.ExecutionSample api.jfr | node loadtest/jfr-frames.mjs [frames] [pattern]
const top = Number(process.argv[2] ?? 40);
const pattern = process.argv[3] ? new RegExp(process.argv[3]) : null;
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const events = JSON.parse(Buffer.concat(chunks).toString("utf8")).recording.events;
const inclusive = new Map();
const self = new Map();
const bump = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);
for (const event of events) {
  const frames = event.values.stackTrace?.frames ?? [];
  const names = frames.map((f) => `${f.method.type.name}.${f.method.name}`);
  if (names.length > 0) bump(self, names[0]);
  for (const name of new Set(names)) if (!pattern || pattern.test(name)) bump(inclusive, name);
}
const print = (title, map) => {
  console.log(`\n${title} (of ${events.length} samples)`);
  console.log("| samples | share | frame |\n| --- | --- | --- |");
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .forEach(([name, n]) => console.log(`| ${n} | ${((100 * n) / events.length).toFixed(1)}% | \`${name}\` |`));
};
print("Inclusive", inclusive);
print("Self", self);
