use std::f64::consts::PI;
use std::io::{self, Read, Write};

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let mut tokens = input.split_whitespace();
    let n: usize = tokens.next().unwrap().parse().unwrap();
    let mut out = String::new();
    for token in tokens.take(n) {
        let r: f64 = token.parse().unwrap();
        out.push_str(&format!("{}\n", PI * r * r));
    }
    io::stdout().write_all(out.as_bytes()).unwrap();
}
