use std::io::{self, Read};

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    for token in input.split_whitespace().skip(1) {
        let r: i64 = token.parse().unwrap(); // panics on "0.5"
        println!("{}", 3.141592653589793 * (r * r) as f64);
    }
}
