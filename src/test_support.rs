//! Helpers shared by the property tests of several modules.

use proptest::prelude::*;

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
