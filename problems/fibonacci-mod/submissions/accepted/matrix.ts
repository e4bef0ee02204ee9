import * as fs from "fs";

type Matrix = [bigint, bigint, bigint, bigint];
const M = 1000000007n;

function multiply(x: Matrix, y: Matrix): Matrix {
  return [
    (x[0] * y[0] + x[1] * y[2]) % M,
    (x[0] * y[1] + x[1] * y[3]) % M,
    (x[2] * y[0] + x[3] * y[2]) % M,
    (x[2] * y[1] + x[3] * y[3]) % M,
  ];
}

let n: bigint = BigInt(fs.readFileSync(0, "utf8").trim());
let result: Matrix = [1n, 0n, 0n, 1n];
let base: Matrix = [1n, 1n, 1n, 0n];
while (n > 0n) {
  if (n & 1n) result = multiply(result, base);
  base = multiply(base, base);
  n >>= 1n;
}
console.log(result[1].toString()); // [[F(n+1), F(n)], [F(n), F(n-1)]]
