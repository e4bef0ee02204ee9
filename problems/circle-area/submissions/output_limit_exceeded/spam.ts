import * as fs from "fs";

const line: string = "3.14159265".repeat(6553) + "\n";
for (;;) fs.writeSync(1, line);
