use std::io::{self, Read};

const MOD: u64 = 1_000_000_007;

/// (F(n), F(n+1)) mod 1e9+7 by fast doubling.
fn fib_pair(n: u64) -> (u64, u64) {
    if n == 0 {
        return (0, 1);
    }
    let (a, b) = fib_pair(n / 2);
    let c = a * ((2 * b + MOD - a) % MOD) % MOD;
    let d = (a * a + b * b) % MOD;
    if n % 2 == 1 { (d, (c + d) % MOD) } else { (c, d) }
}

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let n: u64 = input.trim().parse().unwrap();
    println!("{}", fib_pair(n).0);
}
