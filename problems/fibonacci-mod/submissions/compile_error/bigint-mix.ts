import * as fs from "fs";

const n: bigint = BigInt(fs.readFileSync(0, "utf8").trim());
const half: number = n / 2n; // bigint is not assignable to number
console.log(half);
