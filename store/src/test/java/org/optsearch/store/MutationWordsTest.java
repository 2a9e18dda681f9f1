package org.optsearch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MutationWordsTest {
    private final Map<String, Long> ids = new HashMap<>();
    private final List<String> lines = new ArrayList<>();

    private long id(String line) {
        return ids.computeIfAbsent(line, l -> {
            lines.add(l);
            return (long) lines.size();
        });
    }

    private String line(Long id) {
        return id == null ? null : lines.get((int) (id - 1));
    }

    @Test
    void theQuotedStatementsBecomeReferencesToTheirLines() throws Exception {
        id("  x1 = g + 1.42");
        MutationWords m = MutationWords.encode(
                "modify statement 4 'x1 = g + 1.42' -> 'x1 = g + decay' (argument 2 of 2: 1.42 -> decay)",
                List.of("x1 = g + 1.42", "x1 = g + decay"), this::id);
        assertEquals(new MutationWords("modify statement 4 '$1' -> '$2' (argument 2 of 2: 1.42 -> decay)", 1L, 2L), m);
        assertEquals("  x1 = g + decay", lines.get(1), "a new statement is added as an indented line");
        assertEquals(List.of("x1 = g + 1.42", "x1 = g + decay"),
                MutationWords.quoted(line(m.line1()), line(m.line2())));
        assertEquals(new MutationWords("delete statement 2 '$1'", 1L, null),
                MutationWords.encode("delete statement 2 'x1 = g + 1.42'", List.of("x1 = g + 1.42"), this::id));
    }

    static Stream<Arguments> mutations() {
        return Stream.of(Arguments.of("insert 'v = exp(lr)' as statement 3 of 9", List.of("v = exp(lr)")),
                Arguments.of("delete statement 1 'm = interp(g, m, 0.5)'", List.of("m = interp(g, m, 0.5)")),
                Arguments.of("modify statement 1 'a = b' -> 'a = c' (argument 1 of 1: b -> c)",
                        List.of("a = b", "a = c")),
                Arguments.of("modify statement 1 'a = b' -> 'a = b' (argument 1 of 1: b -> b)",
                        List.of("a = b", "a = b")),
                Arguments.of("start program adamw.opt", List.of()), Arguments.of("random program", List.of()),
                Arguments.of("start program 'it's mine'.opt", List.of()), Arguments.of("", List.of()),
                Arguments.of("costs $1 and $2: 'a = b'", List.of("a = b")),
                Arguments.of("costs $2: 'a' and 'b'", List.of("a", "b")),
                Arguments.of("'$1' '$2'", List.of("$1", "$2")), Arguments.of("it's 'x = y'", List.of("x = y")),
                Arguments.of("quotes 'a' but says b", List.of("b")));
    }

    @ParameterizedTest
    @MethodSource("mutations")
    void everyMutationComesBackExactly(String words, List<String> quoted) throws Exception {
        MutationWords m = MutationWords.encode(words, quoted, this::id);
        assertEquals(words, MutationWords.decode(m.words(), line(m.line1()), line(m.line2())));
    }

    @Test
    void wordsThatAReplacementWouldChangeAreStoredAsTheyAre() throws Exception {
        assertEquals(new MutationWords("costs $1: 'a = b'", null, null),
                MutationWords.encode("costs $1: 'a = b'", List.of("a = b"), this::id));
        assertEquals(new MutationWords("no quotes", null, null),
                MutationWords.encode("no quotes", List.of(), this::id));
        assertEquals(new MutationWords("says 'a'", null, null),
                MutationWords.encode("says 'a'", List.of("b"), this::id), "a statement the words do not quote");
        assertEquals(0, lines.size(), "no line is added for words stored as they are");
        assertNull(MutationWords.encode(null, List.of(), this::id).words());
    }
}
