// Plain numbers lose precision beyond 2^53: BigInt keeps every digit.
const [a, b] = require("fs").readFileSync(0, "utf8").trim().split(/\s+/).map(BigInt);
console.log((a + b).toString());
