package org.optsearch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    private String roundTrip(String mutation) throws Exception {
        MutationWords m = MutationWords.encode(mutation, this::id);
        return MutationWords.decode(m.words(), line(m.line1()), line(m.line2()));
    }

    @Test
    void theQuotedStatementsBecomeReferencesToTheirLines() throws Exception {
        id("  x1 = g + 1.42");
        MutationWords m = MutationWords.encode(
                "modify statement 4 'x1 = g + 1.42' -> 'x1 = g + decay' (argument 2 of 2: 1.42 -> decay)", this::id);
        assertEquals(new MutationWords("modify statement 4 '$1' -> '$2' (argument 2 of 2: 1.42 -> decay)", 1L, 2L), m);
        assertEquals("  x1 = g + decay", lines.get(1), "a new statement is added as an indented line");
        assertEquals(new MutationWords("delete statement 2 '$1'", 1L, null),
                MutationWords.encode("delete statement 2 'x1 = g + 1.42'", this::id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"insert 'v = exp(lr)' as statement 3 of 9", "delete statement 1 'm = interp(g, m, 0.5)'",
            "modify statement 1 'a = b' -> 'a = c' (argument 1 of 1: b -> c)", "start program adamw.opt",
            "random program", "", "three 'a' quotes 'b' here 'c'", "costs $1 and $2: 'a = b'", "costs $2: 'a' and 'b'",
            "a quote with '' nothing", "an unclosed 'quote", "'$1' '$2'", "it's 'x = y'"})
    void everyMutationComesBackExactly(String mutation) throws Exception {
        assertEquals(mutation, roundTrip(mutation));
    }

    @Test
    void wordsThatAReplacementWouldChangeAreStoredAsTheyAre() throws Exception {
        assertEquals(new MutationWords("costs $1: 'a = b'", null, null),
                MutationWords.encode("costs $1: 'a = b'", this::id));
        assertEquals(new MutationWords("no quotes", null, null), MutationWords.encode("no quotes", this::id));
        assertEquals(0, lines.size(), "no line is added for words stored as they are");
        assertNull(MutationWords.encode(null, this::id).words());
    }
}
