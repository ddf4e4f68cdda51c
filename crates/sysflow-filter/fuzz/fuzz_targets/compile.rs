//! Fuzz target for the filter language: any bytes, read as UTF-8 (lossily),
//! are compiled; nothing may panic, an error's position must be inside the
//! expression and its message must render, and a compiled filter is run on
//! a fake event whose fields come from the same bytes (every field present,
//! absent, or of the wrong variant), which must not panic either.

#![no_main]

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use libfuzzer_sys::fuzz_target;
use sysflow_filter::{FieldArg, FieldId, Fields, Value, compile};

/// Field values drawn from the input's bytes.
struct Event<'a> {
    data: &'a [u8],
}

impl Event<'_> {
    fn byte(&self, field: FieldId, salt: usize) -> u8 {
        let i = (field as usize).wrapping_mul(31).wrapping_add(salt);
        self.data
            .get(i % self.data.len().max(1))
            .copied()
            .unwrap_or(0)
    }

    fn value(&self, field: FieldId, salt: usize) -> Value<'_> {
        let b = self.byte(field, salt);
        let n = usize::from(b) % self.data.len().max(1);
        match b % 8 {
            0 => Value::Absent,
            1 => Value::Str(&self.data[..n]),
            2 => Value::Str(&self.data[n..]),
            3 => Value::U64(u64::from(b) * 1000),
            4 => Value::I64(i64::from(b) - 128),
            5 => Value::Bool(b & 16 != 0),
            6 => Value::Ip(IpAddr::V4(Ipv4Addr::new(10, 0, b, 1))),
            _ => Value::Ip(IpAddr::V6(Ipv6Addr::new(
                0xfe80,
                0,
                0,
                0,
                0,
                0,
                0,
                u16::from(b),
            ))),
        }
    }
}

impl Fields for Event<'_> {
    fn get(&mut self, field: FieldId, _arg: &FieldArg) -> Value<'_> {
        self.value(field, 0)
    }

    fn any(
        &mut self,
        field: FieldId,
        _arg: &FieldArg,
        visit: &mut dyn FnMut(Value<'_>) -> bool,
    ) -> bool {
        (0..3).any(|salt| visit(self.value(field, salt)))
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match compile(&text) {
        Ok(filter) => {
            let _ = filter.fields();
            filter.matches(&mut Event { data });
        }
        Err(e) => {
            assert!(e.position() <= text.len());
            let _ = e.to_string();
        }
    }
});
