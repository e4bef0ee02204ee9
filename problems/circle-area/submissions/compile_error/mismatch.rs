fn main() {
    let radius: f64 = 2;
    println!("{}", radius);
}
