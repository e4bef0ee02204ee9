const [n, ...radii] = require("fs").readFileSync(0, "utf8").trim().split(/\s+/).map(Number);
const lines = radii.slice(0, n).map((r) => (Math.PI * r * r).toFixed(9));
console.log(lines.join("\n"));
