import * as fs from "fs";

const [a, b]: bigint[] = fs.readFileSync(0, "utf8").trim().split(/\s+/).map((token) => BigInt(token));
console.log((a! + b!).toString());
