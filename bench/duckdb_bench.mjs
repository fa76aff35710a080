// DuckDB, the engine a data engineer would reach for, for bench/ratios.sh: @duckdb/node-api (npm,
// pinned in package-lock.json) reads the same files with read_json and groups the teachers by
// school: teachers, hours and graded points per school. Less work than `it2 summarize` (no
// validation, no merge rules, no statuses), and it uses every core.
//   node bench/duckdb_bench.mjs LIST_FILE     prints one JSON line: schools, teachers, wall and CPU ms
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

let DuckDBInstance;
try {
  ({ DuckDBInstance } = await import('@duckdb/node-api'));
} catch (error) {
  console.log(JSON.stringify({ skipped: `@duckdb/node-api is not installed (npm ci): ${error.message}` }));
  process.exit(0);
}
const paths = readFileSync(process.argv[2], 'utf8').split('\n').filter((line) => line.length > 0);
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const start = performance.now(), cpuStart = cpuMs();
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const list = paths.map((p) => `'${p.replaceAll("'", "''")}'`).join(',');
const result = await connection.runAndReadAll(`
  WITH t AS (
    SELECT school.id AS school, unnest(teachers) AS teacher
    FROM read_json([${list}], format = 'auto', maximum_object_size = 1073741824, union_by_name = true))
  SELECT school, count(*) AS teachers,
         sum(teacher.hours.online + teacher.hours.practice) AS hours,
         sum(len(list_filter(teacher.points, p -> p.status = 'graded'))) AS graded
  FROM t GROUP BY school ORDER BY school`);
const rows = result.getRows();
const wallMs = performance.now() - start, queryCpuMs = cpuMs() - cpuStart;
const teachers = rows.reduce((sum, row) => sum + Number(row[1]), 0);
console.log(JSON.stringify({ files: paths.length, schools: rows.length, teachers, wall_ms: wallMs, cpu_ms: queryCpuMs }));
