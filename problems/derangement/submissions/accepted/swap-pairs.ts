import * as fs from "fs";

const n: number = Number(fs.readFileSync(0, "utf8").trim());
if (n === 1) {
  console.log("impossible");
} else {
  // Swap neighbours (1 2)(3 4)...; with n odd, the last three form a cycle.
  const p: number[] = Array.from({ length: n }, (_, i) => i + 1);
  for (let i = 0; i + 1 < n; i += 2) [p[i], p[i + 1]] = [p[i + 1]!, p[i]!];
  if (n % 2 === 1) [p[n - 2], p[n - 1]] = [p[n - 1]!, p[n - 2]!];
  console.log(p.join(" "));
}
