import * as fs from "fs";

const [n, ...radii]: number[] = fs.readFileSync(0, "utf8").trim().split(/\s+/).map(Number);
const areas: string[] = radii.slice(0, n).map((r: number) => (Math.PI * r * r).toPrecision(15));
process.stdout.write(areas.join("\n") + "\n");
