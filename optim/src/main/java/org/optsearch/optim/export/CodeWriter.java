package org.optsearch.optim.export;

/** Source text built line by line at an indentation level (four spaces a level). */
final class CodeWriter {
    private final StringBuilder text = new StringBuilder();
    private int level;

    CodeWriter line(String line) {
        if (!line.isEmpty()) {
            text.append("    ".repeat(level)).append(line);
        }
        text.append('\n');
        return this;
    }

    /** Every line of {@code block} at the current level; a blank line stays blank. */
    CodeWriter lines(String block) {
        for (String line : block.split("\n")) { // a final newline ends the last line, it adds no empty one
            line(line);
        }
        return this;
    }

    CodeWriter blank() {
        text.append('\n');
        return this;
    }

    CodeWriter indent() {
        level++;
        return this;
    }

    CodeWriter dedent() {
        if (level == 0) {
            throw new IllegalStateException("dedent below level 0");
        }
        level--;
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
