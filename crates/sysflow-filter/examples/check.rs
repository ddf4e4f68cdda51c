//! Compiles each line of standard input as a filter expression and prints
//! `ok` or the error, one line each (the error's first line): a way to try
//! expressions, and to compare what compiles with what sysdig accepts.
//!
//! `cargo run -p sysflow-filter --example check < expressions.txt`

use std::io::BufRead;

fn main() -> std::io::Result<()> {
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        match sysflow_filter::compile(&line) {
            Ok(_) => println!("ok"),
            Err(e) => println!(
                "error: {}",
                e.to_string().lines().next().unwrap_or_default()
            ),
        }
    }
    Ok(())
}
