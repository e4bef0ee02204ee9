const n = Number(require("fs").readFileSync(0, "utf8").trim());
if (n === 1) {
  console.log("impossible");
} else {
  const papers = [n];
  for (let i = 1; i < n; i++) papers.push(i);
  console.log(papers.join(" "));
}
