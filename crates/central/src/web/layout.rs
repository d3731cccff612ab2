//! The frame of every page (header, navigation, the stylesheet, inline so the page is one request and
//! prints alone) and the small formatting every page shares: HTML escaping, soles from céntimos, Lima
//! dates and times. Everything a till sent (store and till names, operator names, reasons) reaches the
//! page through [`escape`]; the pages build HTML by hand, so that function is the whole defence.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::session::Viewer;

/// `&`, `<`, `>`, `"` and `'` as entities: safe in text and in quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Céntimos as Peru writes soles: `S/ 1,234.50`, `-S/ 12.30`. Integers all the way: no float rounds.
pub fn soles(centimos: i64) -> String {
    let sign = if centimos < 0 { "-" } else { "" };
    let abs = centimos.unsigned_abs();
    let whole = (abs / 100).to_string();
    let mut grouped = String::new();
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{sign}S/ {grouped}.{:02}", abs % 100)
}

/// `2025-11-28` as `28/11/2025`.
pub fn date(day: jiff::civil::Date) -> String {
    day.strftime("%d/%m/%Y").to_string()
}

/// An RFC 3339 instant as the Lima wall clock `HH:MM` (or the text itself when it is not one).
pub fn lima_time(at: &str) -> String {
    at.parse::<jiff::Timestamp>()
        .ok()
        .and_then(|instant| instant.in_tz("America/Lima").ok())
        .map(|zoned| zoned.strftime("%H:%M").to_string())
        .unwrap_or_else(|| at.to_owned())
}

/// Today in Lima, whatever this server's own time zone.
pub fn lima_today() -> jiff::civil::Date {
    jiff::Timestamp::now()
        .in_tz("America/Lima")
        .map(|zoned| zoned.date())
        .unwrap_or_else(|_| {
            jiff::Timestamp::now()
                .to_zoned(jiff::tz::TimeZone::UTC)
                .date()
        })
}

/// A whole page: `title` escaped here, `body` already HTML.
pub fn page(title: &str, viewer: Option<&Viewer>, body: &str) -> String {
    let nav = match viewer {
        Some(viewer) => format!(
            r#"<nav><a href="/dia">Día</a><a href="/admin/cajas">Cajas</a><a href="/admin/versiones">Versiones</a></nav>
<form class="who" method="post" action="/salir"><span>{name} · {role}</span><input type="hidden" name="csrf" value="{csrf}"><button type="submit">Salir</button></form>"#,
            name = escape(&viewer.name),
            role = viewer.role_label(),
            csrf = escape(&viewer.csrf),
        ),
        None => String::new(),
    };
    format!(
        r#"<!doctype html>
<html lang="es-PE">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · Caja Central</title>
<style>{STYLE}</style>
</head>
<body>
<header><strong class="brand">Caja Central</strong>{nav}</header>
<main>
{body}
</main>
</body>
</html>
"#,
        title = escape(title),
    )
}

/// A page as an answer, with the headers every page carries: no caching (they show money and names),
/// no framing, no script at all (the CSP allows none), no sniffing.
pub fn respond(status: StatusCode, html: String) -> Response {
    let mut response = (status, html).into_response();
    let headers = response.headers_mut();
    let pairs = [
        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
        (header::CACHE_CONTROL, "no-store"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    ];
    for (name, value) in pairs {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// A short page that says why not (403, 404, 400), inside the frame.
pub fn refusal(status: StatusCode, viewer: Option<&Viewer>, message: &str) -> Response {
    let body = format!(
        r#"<h1>{}</h1><p class="notice">{}</p><p><a href="/dia">Volver al día</a></p>"#,
        status.as_u16(),
        escape(message)
    );
    respond(status, page(message, viewer, &body))
}

const STYLE: &str = r#"
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2433;background:#f4f5f7}
header{display:flex;align-items:center;gap:24px;padding:10px 24px;background:#1f3a5f;color:#fff}
header .brand{font-size:17px;letter-spacing:.3px}
header nav{display:flex;gap:16px;flex:1}
header a{color:#dbe7ff;text-decoration:none;font-weight:600}
header a:hover{color:#fff;text-decoration:underline}
header .who{display:flex;align-items:center;gap:10px;font-size:13px;color:#dbe7ff}
header .who button{background:transparent;border:1px solid #9db4d9;color:#fff;padding:3px 10px;border-radius:4px;cursor:pointer}
main{max-width:1200px;margin:0 auto;padding:18px 24px 40px}
h1{font-size:22px;margin:6px 0 14px}
h2{font-size:18px;margin:26px 0 10px;padding-bottom:4px;border-bottom:2px solid #1f3a5f}
h3{font-size:15px;margin:14px 0 6px;color:#33415c}
section.store{background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:4px 18px 16px;margin:18px 0}
.tills{display:grid;grid-template-columns:repeat(auto-fit,minmax(340px,1fr));gap:14px}
.till{border:1px solid #e3e6ec;border-radius:6px;padding:6px 12px 10px}
table{border-collapse:collapse;width:100%;margin:4px 0 10px;font-size:14px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eceef2;vertical-align:top}
th{background:#f0f2f6;font-weight:600;color:#33415c}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.muted{color:#6b7486}
.alert{background:#fff4f2;border:1px solid #f1b5aa;border-radius:8px;padding:6px 16px 10px;margin:14px 0}
.alert h2{margin-top:10px;border-color:#c0392b;color:#8e2a1f}
.alert ul{margin:8px 0 0;padding-left:20px}
.alert li{margin:3px 0}
.bad td{background:#fde8e4}
.tag{display:inline-block;padding:0 7px;border-radius:9px;font-size:12px;font-weight:600;background:#e6e9ef;color:#33415c}
.tag.warn{background:#fbe3b8;color:#7a4b00}
.tag.bad{background:#f8cfc7;color:#8e2a1f}
.tag.ok{background:#d3efdc;color:#1c6b36}
form.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:end;margin:0 0 8px}
label{display:flex;flex-direction:column;font-size:13px;color:#33415c;gap:3px}
input,select{font:inherit;padding:6px 8px;border:1px solid #b9c0cc;border-radius:4px;background:#fff}
button{font:inherit;padding:6px 14px;border-radius:4px;border:1px solid #1f3a5f;background:#1f3a5f;color:#fff;cursor:pointer}
a.button{display:inline-block;padding:6px 14px;border:1px solid #1f3a5f;border-radius:4px;color:#1f3a5f;text-decoration:none}
.notice{background:#fff;border-left:4px solid #1f3a5f;padding:10px 14px}
.error{background:#fde8e4;border-left:4px solid #c0392b;padding:10px 14px}
.code{font:700 28px/1.2 ui-monospace,Menlo,Consolas,monospace;letter-spacing:3px;background:#fff;border:2px dashed #1f3a5f;padding:12px 18px;display:inline-block}
.login{max-width:380px;margin:60px auto;background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:20px 24px}
.login form{display:flex;flex-direction:column;gap:12px}
@media print{
 body{background:#fff;font-size:12px}
 header nav,header .who,form.filters,.noprint{display:none}
 header{background:#fff;color:#000;padding:0 0 6px;border-bottom:2px solid #000}
 main{max-width:none;padding:0}
 section.store{border:0;padding:0;break-inside:avoid-page}
 .tills{display:block}
 .till{break-inside:avoid;border:0;padding:0}
 .alert{border:1px solid #000;background:#fff}
 .bad td{background:#fff;font-weight:700}
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soles_are_written_the_peruvian_way() {
        assert_eq!(soles(123_450), "S/ 1,234.50");
        assert_eq!(soles(5), "S/ 0.05");
        assert_eq!(soles(-1_230), "-S/ 12.30");
        assert_eq!(soles(12_345_678_900), "S/ 123,456,789.00");
        assert_eq!(soles(100_000), "S/ 1,000.00");
    }

    #[test]
    fn what_a_till_sent_cannot_become_markup() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }

    #[test]
    fn times_read_in_lima() {
        assert_eq!(lima_time("2025-11-28T15:04:00Z"), "10:04");
    }
}
