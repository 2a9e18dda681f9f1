package org.optsearch.train.task.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.optsearch.train.task.spec.TaskSpecs.Format;

/**
 * Randomly garbled task files (fixed seed) are either read or refused with a one-line
 * {@link TaskSpecException}; nothing else escapes, whatever the damage.
 */
class TaskSpecsGarbledInputTest {

    private static final String ALPHABET = "{}[]:,\"'#/*-&!|>? \n\t0123456789.eEabcxyz_\u00e9";
    private static final int CASES = 3000;

    @ParameterizedTest
    @EnumSource(Format.class)
    void garbledTaskIsReadOrRefusedWithOneLineMessage(Format format) {
        String valid = format == Format.JSON ? TaskSpecsBadFilesTest.JSON : TaskSpecsBadFilesTest.YAML;
        String name = "g." + format.name().toLowerCase();
        SplittableRandom rnd = new SplittableRandom(format.ordinal() + 20240601L);
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            String text = garble(valid, rnd, 1 + rnd.nextInt(4));
            try {
                TaskSpecs.parse(text, format, TaskSpecsGoodFilesTest.BASE, name);
            } catch (TaskSpecException e) {
                refused++;
                assertTrue(e.getMessage().startsWith(name + ":"), e.getMessage());
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                fail("garbled " + format + " escaped as " + e + ":\n" + text, e);
            }
        }
        assertTrue(refused > CASES / 2, "most garbled files should be refused, got " + refused);
    }

    private static String garble(String text, SplittableRandom rnd, int edits) {
        StringBuilder b = new StringBuilder(text);
        for (int e = 0; e < edits; e++) {
            int at = rnd.nextInt(b.length() + 1);
            switch (rnd.nextInt(4)) {
                case 0 -> {
                    if (at < b.length()) {
                        b.deleteCharAt(at);
                    }
                }
                case 1 -> b.insert(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                case 2 -> {
                    if (b.length() == 0) {
                        continue;
                    }
                    int from = rnd.nextInt(b.length());
                    int to = Math.min(b.length(), from + 1 + rnd.nextInt(20));
                    b.insert(at, b.substring(from, to));
                }
                default -> b.setLength(Math.min(b.length(), at));
            }
        }
        return b.toString();
    }
}
