const input = require("fs").readFileSync(0, "utf8");
if (input.length > 0) throw new RangeError("radius out of range");
