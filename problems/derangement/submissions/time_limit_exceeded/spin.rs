fn main() {
    let mut state: u64 = 1;
    loop {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        if state == 0 {
            break;
        }
    }
    println!("{}", state);
}
