use std::io::{self, Read};

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let n: usize = input.trim().parse().unwrap();
    if n == 1 {
        println!("impossible");
        return;
    }
    let mut p: Vec<usize> = (1..=n).collect();
    let mut i = 0;
    while i + 1 < n {
        p.swap(i, i + 1);
        i += 2;
    }
    if n % 2 == 1 {
        p.swap(n - 2, n - 1);
    }
    let line: Vec<String> = p.iter().map(|v| v.to_string()).collect();
    println!("{}", line.join(" "));
}
