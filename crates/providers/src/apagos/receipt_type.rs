//! What a receipt's bytes are, read from its first bytes and never from a name or a header: the formats
//! Caja takes for aPagos (JPEG, PNG, WebP, PDF — all among those aPagos reads), and for anything else a
//! description a cashier understands. One definition for the till that uploads, the simulator that
//! stands in for Central, and Central itself.

/// What the first bytes say a file is: `Ok(content type)` for the four taken, `Err(a description)`
/// for anything else, so the refusal can say what was sent.
pub fn sniff(bytes: &[u8]) -> Result<&'static str, String> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok("image/jpeg");
    }
    if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        return Ok("image/png");
    }
    if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        return Ok("image/webp");
    }
    if bytes.starts_with(b"%PDF-") {
        return Ok("application/pdf");
    }
    let start = String::from_utf8_lossy(&bytes[..bytes.len().min(64)]).to_ascii_lowercase();
    let start = start.trim_start_matches('\u{feff}').trim_start();
    let looks_like = if bytes.is_empty() {
        "an empty file".to_owned()
    } else if bytes.starts_with(b"\x7fELF") {
        "a Linux program (ELF)".to_owned()
    } else if bytes.starts_with(b"MZ") {
        "a Windows program (EXE)".to_owned()
    } else if start.starts_with("<!doctype html") || start.starts_with("<html") {
        "an HTML page".to_owned()
    } else if start.starts_with("<svg") || start.starts_with("<?xml") {
        "an SVG or XML document".to_owned()
    } else if bytes.starts_with(b"GIF8") {
        "a GIF image".to_owned()
    } else if bytes.starts_with(b"PK\x03\x04") {
        "a ZIP archive (or an Office document)".to_owned()
    } else {
        let head: Vec<String> = bytes
            .iter()
            .take(8)
            .map(|byte| format!("{byte:02x}"))
            .collect();
        format!("an unknown file starting with {}", head.join(" "))
    };
    Err(looks_like)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_four_formats_are_read_from_their_bytes_and_others_described() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest"), Ok("image/png"));
        assert_eq!(sniff(b"%PDF-1.7"), Ok("application/pdf"));
        assert_eq!(sniff(b"<html><body>"), Err("an HTML page".to_owned()));
        assert_eq!(sniff(b""), Err("an empty file".to_owned()));
    }
}
