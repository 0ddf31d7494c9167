//! Helpers shared by the tests of several modules.

use crate::annotation::{Origin, Span, SpanId, Status, now};
use proptest::prelude::*;
use std::ops::Range;

/// A span an analyst made by hand, with this id, range, label and status.
pub fn human_span(id: u64, range: Range<usize>, label: &str, status: Status) -> Span {
    Span {
        id: SpanId(id),
        range,
        label: label.into(),
        status,
        origin: Origin::Human { by: "t".into() },
        created: now(),
        reviewed: None,
    }
}

/// Text that trips offset handling: emoji with modifiers, combining marks, NBSP, Arabic, CJK, curly
/// quotes, CRLF, tabs, RON and JSON's special characters, and random printable characters.
pub fn unicode_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Bali",
        " ",
        "\u{a0}",
        "👍🏽",
        "e\u{301}",
        "سوريا",
        "中文",
        "“",
        "”",
        "’s",
        "\n",
        "\r\n",
        "\t",
        ".",
        "1,000",
        "\"",
        "\\",
        "}",
        ")",
    ]);
    prop::collection::vec(prop_oneof![pieces.prop_map(String::from), "\\PC{1,3}"], 1..40).prop_map(|v| v.concat())
}

/// A saved news web page: the article, with navigation, a sponsored sidebar and a footer around it.
pub const NEWS_PAGE: &str = "<html><head><title>Strike halts port</title><meta name=\"author\" content=\"Ana Lima\"></head><body>\
    <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/sport\">Sport</a></nav>\
    <article><h1>Strike halts port</h1>\
    <p>Shipping at Europe's largest port came to a near standstill on Tuesday after talks between the union and the port authority broke down late on Monday, leaving more than 300 vessels waiting offshore.</p>\
    <p>\"We have been patient for eleven months,\" said Niels van der Berg, the union's lead negotiator, outside the talks in The Hague. He said the walkout would continue for as long as it takes.</p>\
    <p>The Dutch economy minister told reporters that the government was deeply concerned and urged both sides to return to the table within days.</p></article>\
    <aside class=\"sidebar sponsored\">Buy cheap flights now! Subscribe to our newsletter.</aside>\
    <footer>Contact us · Privacy</footer></body></html>";

/// A one-page PDF with no text on it (what a scan without OCR looks like to a reader).
pub fn pdf_without_text() -> Vec<u8> {
    use lopdf::{Document as Pdf, Object, Stream, dictionary};
    let mut pdf = Pdf::with_version("1.5");
    let pages_id = pdf.new_object_id();
    let content = pdf.add_object(Stream::new(dictionary! {}, Vec::new()));
    let page = pdf.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    pdf.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }),
    );
    let catalog = pdf.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    pdf.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes).unwrap();
    bytes
}
