//! Bytes → a `respond` request file → parse and check → classify. Any input must give a
//! request or diagnostics (that never echo a value), never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use responsekit::config::values::IsoDate;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let today =
        IsoDate(time::Date::from_calendar_date(2026, time::Month::November, 27).expect("a date"));
    let path = Path::new("request.yaml");
    match responsekit::respond::parse_request(path, text, today) {
        Ok(req) => {
            let _ = responsekit::respond::classify(&req, path);
        }
        Err(problems) => assert!(!problems.0.is_empty()),
    }
});
