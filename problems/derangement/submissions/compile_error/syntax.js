const n = Number(require("fs").readFileSync(0, "utf8"));
if (n == 1 {
  console.log("impossible");
}
