package org.optsearch.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineListTest {
    /** An in-memory line table: ids from 1 in the order lines are first seen. */
    private final Map<String, Long> ids = new HashMap<>();
    private final List<String> texts = new ArrayList<>();

    private long id(String line) {
        return ids.computeIfAbsent(line, l -> {
            texts.add(l);
            return (long) texts.size();
        });
    }

    private String text(long id) {
        return id >= 1 && id <= texts.size() ? texts.get((int) id - 1) : null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"def train(w, g, m, lr):\n  m = interp(g, m, 0.9)\n  return m, m\n",
            "no newline at the end", "", "\n", "\n\n\na\n\n", "  indented\r\n  with CR\n",
            "unicode: \u00e9\u4e2d\ud83d\ude00\n"})
    void everyTextComesBackExactly(String text) throws Exception {
        String json = LineList.encode(text, this::id);
        assertEquals(text, LineList.decode(json, this::text));
    }

    @Test
    void aProgramIsTheIdsOfItsLinesAndRepeatedLinesAreStoredOnce() throws Exception {
        assertEquals("[1,2,3,2,4]",
                LineList.encode("def f(x):\n  x = x + x\n  y = x\n  x = x + x\nreturn x", this::id));
        assertEquals("[1,3,4,5]", LineList.encode("def f(x):\n  y = x\nreturn x\n", this::id));
        assertEquals(5, texts.size());
        assertEquals("", texts.get(4), "the empty line after the last newline");
        assertArrayEquals(new long[] {1, 3, 4, 5}, LineList.ids("[1,3,4,5]"));
    }

    @Test
    void aDamagedListOrAMissingLineIsRefused() throws Exception {
        LineList.encode("a\nb", this::id);
        assertEquals("its text names line 9, which is not in the line table",
                assertThrows(IllegalArgumentException.class, () -> LineList.decode("[1,9]", this::text)).getMessage());
        for (String bad : new String[] {"", "[]", "[1,,2]", "1,2", "[1,x]", null}) {
            assertThrows(IllegalArgumentException.class, () -> LineList.ids(bad), String.valueOf(bad));
        }
    }
}
