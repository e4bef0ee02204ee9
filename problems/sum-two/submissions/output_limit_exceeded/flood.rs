use std::io::Write;

fn main() {
    let block = vec![b'9'; 1 << 16];
    let mut out = std::io::stdout();
    loop {
        if out.write_all(&block).is_err() {
            return;
        }
    }
}
