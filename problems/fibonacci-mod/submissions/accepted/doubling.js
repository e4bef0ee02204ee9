// Products of two residues reach 10^18: beyond exact doubles, so BigInt.
const M = 1000000007n;
const n = BigInt(require("fs").readFileSync(0, "utf8").trim());
let a = 0n; // F(k)
let b = 1n; // F(k+1)
for (let bit = 62n; bit >= 0n; bit--) {
  const c = (a * ((2n * b - a + M) % M)) % M;
  const d = (a * a + b * b) % M;
  if ((n >> bit) & 1n) [a, b] = [d, (c + d) % M];
  else [a, b] = [c, d];
}
console.log(a.toString());
