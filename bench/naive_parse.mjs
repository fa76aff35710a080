// What a data engineer would write first, for bench/ratios.sh: JSON.parse every file and loop
// over teachers, hours and points (hours summed, points and graded points counted): no checks,
// no positions, no merge rules. `parse_cpu_ms` is the CPU time of the parse and the loop.
//   node bench/naive_parse.mjs LIST_FILE
import { readFileSync } from 'node:fs';

const paths = readFileSync(process.argv[2], 'utf8').split('\n').filter((line) => line.length > 0);
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
let teachers = 0, hours = 0, points = 0, graded = 0, bytes = 0, parseMs = 0;
for (const path of paths) {
  const text = readFileSync(path, 'utf8');
  bytes += Buffer.byteLength(text);
  const start = cpuMs();
  const batch = JSON.parse(text);
  for (const t of batch.teachers ?? []) {
    teachers++;
    hours += (t.hours?.online ?? 0) + (t.hours?.practice ?? 0);
    for (const p of t.points ?? []) {
      points++;
      if (p.status === 'graded') graded++;
    }
  }
  parseMs += cpuMs() - start;
}
console.log(JSON.stringify({ files: paths.length, input_bytes: bytes, teachers, hours, points, graded,
  parse_cpu_ms: parseMs, cpu_ms: cpuMs() }));
