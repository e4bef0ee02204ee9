import * as fs from "fs";

const [a, b] = fs.readFileSync(0, "utf8").split(" ");
const sum: number = a + b; // string is not assignable to number
console.log(sum);
