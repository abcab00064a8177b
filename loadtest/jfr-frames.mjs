// Reads `jfr print --stack-depth 256 --events jdk.ExecutionSample` (the text form, a line a frame:
// far smaller than --json, whose frames at full depth outgrow what node can hold in one string) on
// standard input and prints the frames that hold most samples: inclusive (a frame and everything
// it called; a frame counts once per sample however deep it recurs) and by self time (the top
// frame). `jfr print` keeps 5 frames of each stack unless --stack-depth says more. A pattern,
// when given, keeps only the inclusive frames it matches (e.g.
// 'dev\.velocity|springframework|awssdk|lettuce'); a thread pattern keeps only the samples of the
// threads it matches (e.g. 'lettuce-nioEventLoop').
//   jfr print --stack-depth 256 --events jdk.ExecutionSample api.jfr | node loadtest/jfr-frames.mjs [frames] [pattern] [thread pattern]
import { createInterface } from "node:readline";

const top = Number(process.argv[2] ?? 40);
const pattern = process.argv[3] ? new RegExp(process.argv[3]) : null;
const threads = process.argv[4] ? new RegExp(process.argv[4]) : null;
const inclusive = new Map();
const self = new Map();
const bump = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);
let samples = 0;
let thread = "";
let frames = null;
const count = () => {
  if (threads && !threads.test(thread)) return;
  samples++;
  if (frames.length > 0) bump(self, frames[0]);
  for (const name of new Set(frames)) if (!pattern || pattern.test(name)) bump(inclusive, name);
};
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (line.startsWith("jdk.ExecutionSample")) {
    thread = "";
    frames = null;
  } else if (line.startsWith("  sampledThread = ")) {
    thread = line.match(/^ {2}sampledThread = "(.*)" \(/)?.[1] ?? "";
  } else if (line === "  stackTrace = [") {
    frames = [];
  } else if (frames && line === "  ]") {
    count();
    frames = null;
  } else if (frames && line.startsWith("    ") && line.trim() !== "...") {
    // "java.util.HashMap.getNode(int, Object) line: 570": the method without its arguments.
    frames.push(line.trim().replace(/\(.*$/, ""));
  }
}
const print = (title, map) => {
  console.log(`\n${title} (of ${samples} samples)`);
  console.log("| samples | share | frame |\n| --- | --- | --- |");
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .forEach(([name, n]) => console.log(`| ${n} | ${((100 * n) / samples).toFixed(1)}% | \`${name}\` |`));
};
print("Inclusive", inclusive);
print("Self", self);
