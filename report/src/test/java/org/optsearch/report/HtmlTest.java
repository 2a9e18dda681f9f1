package org.optsearch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "plain text                       | plain text",
        "<script>alert(1)</script>        | &lt;script&gt;alert(1)&lt;/script&gt;",
        "a & b                            | a &amp; b",
        "`say \"hi\"`                     | say &quot;hi&quot;",
        "it's                             | it&#39;s",
        "&amp; stays visible as text      | &amp;amp; stays visible as text",
        "`\u0001bell\u0007`               | \uFFFDbell\uFFFD",
        "`tab\tand\nnewline`              | `tab\tand\nnewline`",
        "`emoji \uD83D\uDE00 ok`          | `emoji \uD83D\uDE00 ok`",
        "`lone \uD800 surrogate`          | `lone \uFFFD surrogate`",
    })
    void escapesEveryCharacterThatMeansSomethingInHtmlOrXml(String in, String out) {
        assertEquals(out, Html.escape(in));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "short      | 10 | short",
        "exactly10! | 10 | exactly10!",
        "much longer than ten | 10 | much long\u2026",
    })
    void shortenCutsWithAnEllipsis(String in, int max, String out) {
        assertEquals(out, Html.shorten(in, max));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "NaN       | -",
        "-Infinity | failed",
        "1.0       | 1.0000",
        "0.98765   | 0.9877",
    })
    void fitnessPrintsMissingAndFailedInWords(double v, String out) {
        assertEquals(out, Format.fitness(v));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "3.25  | 3.3 s",
        "42    | 42 s",
        "200   | 3 min 20 s",
        "7500  | 2 h 05 min",
        "-1    | -",
    })
    void durationsReadNaturally(double seconds, String out) {
        assertEquals(out, Format.duration(seconds));
    }
}
