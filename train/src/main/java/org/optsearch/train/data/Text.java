package org.optsearch.train.data;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A text as character ids: {@code ids[i]} is the index in {@code alphabet} (the sorted distinct
 * Unicode code points of the text) of its {@code i}-th character. No tokenizer beyond characters;
 * line ends are characters like any other.
 */
public record Text(String source, int[] ids, int[] alphabet) {

    /** Reads a UTF-8 text file (gzipped or not); a leading byte-order mark is dropped. */
    public static Text read(Path file) {
        String content = DataFiles.readText(file);
        if (content.isEmpty()) {
            throw new DataException(DataFiles.name(file) + ": empty file (only a byte-order mark)");
        }
        return of(DataFiles.name(file), content);
    }

    /** The text {@code content}, with its own alphabet. */
    public static Text of(String source, String content) {
        int[] codePoints = content.codePoints().toArray();
        int[] alphabet = Arrays.stream(codePoints).sorted().distinct().toArray();
        int[] ids = new int[codePoints.length];
        for (int i = 0; i < codePoints.length; i++) {
            ids[i] = Arrays.binarySearch(alphabet, codePoints[i]);
        }
        return new Text(source, ids, alphabet);
    }

    /** Number of distinct characters. */
    public int vocabSize() {
        return alphabet.length;
    }

    /** Number of characters. */
    public int length() {
        return ids.length;
    }

    /** The ids of the characters of {@code s}; each must be in the alphabet. */
    public int[] encode(String s) {
        return s.codePoints().map(cp -> {
            int id = Arrays.binarySearch(alphabet, cp);
            if (id < 0) {
                throw new IllegalArgumentException("character '" + Character.toString(cp) + "' (U+"
                        + String.format("%04X", cp) + ") is not in the alphabet of " + source);
            }
            return id;
        }).toArray();
    }

    /** The characters of {@code count} ids from {@code ids[from]}. */
    public String decode(int[] ids, int from, int count) {
        StringBuilder s = new StringBuilder(count);
        for (int i = from; i < from + count; i++) {
            s.appendCodePoint(alphabet[ids[i]]);
        }
        return s.toString();
    }
}
